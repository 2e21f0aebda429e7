import ArgumentParser
import EntraideKit
import Foundation

extension QueryFormat: ExpressibleByArgument {}
extension QueryListing.Format: ExpressibleByArgument {}

extension Entraide {
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run read-only SQL or a named query from queries/ and print the result.",
            discussion: """
                SQL_OR_NAME is a named query when queries/NAME.sql exists (beside the database, \
                in $ENTRAIDE_QUERIES, or the project's shipped queries/); otherwise it is SQL. \
                The database is never changed: writes, ATTACH, writable PRAGMAs and file functions \
                are refused. See docs/QUERIES.md for the schema.
                """)

        @OptionGroup var options: DatabaseOptions

        @Argument(help: ArgumentHelp("SQL (one statement) or the name of a named query.", valueName: "SQL_OR_NAME"))
        var sqlOrName: String

        @Option(name: .long, help: ArgumentHelp("A parameter of the query, NAME=VALUE (repeatable).",
                                                valueName: "NAME=VALUE"))
        var param: [String] = []

        @Option(name: .long, help: "Output format: table, csv, json, markdown or xlsx (xlsx needs --output).")
        var format: QueryFormat = .table

        @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("Stop the query after this many seconds (more than 0, at most 3600).",
                                                valueName: "seconds"))
        var timeout: Double = QueryLimits.defaultTimeout

        func run() throws {
            signal(SIGPIPE, SIG_IGN)
            // This process runs one query: SQLite's memory is capped.
            QueryLimits.limitProcessMemory()
            let settings = try options.settings()
            var command = QueryCommand(databasePath: options.databasePath, target: sqlOrName, parameters: param,
                                       format: format, outputPath: output, timeout: timeout,
                                       responseTargetHours: settings.responseTargetHours,
                                       onOverrun: { error in
                                           // Past the time limit inside work SQLite cannot interrupt: stop here.
                                           let line = Array((Console.errorPrefix + error.message(Console.language) + "\n").utf8)
                                           _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
                                           _exit(1)
                                       })
            command.settings = settings
            command.inputs = [options.settingsPath]
            do {
                try command.run()
            } catch is OutputClosed {
                return
            }
        }
    }
}
