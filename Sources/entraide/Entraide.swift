import ArgumentParser
import EntraideKit
import Foundation

@main
struct Entraide: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entraide",
        abstract: "Turn a mutual-aid network's exports into indicators, reports and answers.",
        discussion: """
            Start with `entraide demo`. Then import your own exports with \
            `entraide import FILE…` and ask for the numbers.
            """,
        version: "0.1.0",
        subcommands: [Demo.self, Import.self, Indicators.self, Report.self, Query.self, Queries.self, Sample.self]
    )

    /// Runs the command; user errors (bad input, bad arguments) exit 1, internal failures 2,
    /// never with a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserError {
            FileHandle.standardError.write(Data("entraide: error: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch let error as InternalError {
            FileHandle.standardError.write(Data("entraide: internal error: \(error.message)\n".utf8))
            Foundation.exit(2)
        } catch let error where DatabaseFailure.userError(for: error, path: nil) != nil {
            // Busy, read-only, a full disk… met where the database's path was not at hand.
            let message = DatabaseFailure.userError(for: error, path: nil)?.message ?? "\(error)"
            FileHandle.standardError.write(Data("entraide: error: \(message)\n".utf8))
            Foundation.exit(1)
        } catch let error as SQLiteError {
            FileHandle.standardError.write(Data("entraide: internal error: \(error)\n".utf8))
            Foundation.exit(2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)  // --help, --version
            }
            if isArgumentError(error) {
                // Usage errors print ArgumentParser's message and usage, and exit 1 like every user error.
                let message = fullMessage(for: error)
                FileHandle.standardError.write(Data((message.isEmpty ? "" : message + "\n").utf8))
                Foundation.exit(1)
            }
            FileHandle.standardError.write(Data("entraide: internal error: \(error)\n".utf8))
            Foundation.exit(2)
        }
    }

    /// Argument-parsing errors (unknown option, bad value, ValidationError) as opposed to failures.
    private static func isArgumentError(_ error: Error) -> Bool {
        error is ValidationError || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}

/// Options every command that touches the database takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file (default: $ENTRAIDE_DB, else ./entraide.sqlite).",
                                            valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Settings file (default: entraide.toml beside the database).",
                                            valueName: "path"))
    var config: String?

    var databasePath: String { db ?? Store.defaultPath() }

    func settings() throws -> Settings {
        try Settings.load(configPath: config, databasePath: databasePath)
    }
}
