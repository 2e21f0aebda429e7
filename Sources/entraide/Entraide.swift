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
        subcommands: [Demo.self, Import.self, Sample.self, Indicators.self, Report.self]
    )

    /// Runs the command; user errors exit 1, internal failures 2, never with a stack trace.
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
        } catch let error as ValidationError {
            exit(withError: error)
        } catch let error as ExitCode {
            exit(withError: error)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch {
            if let message = Entraide.parserMessage(for: error) {
                exit(withError: message)
            }
            FileHandle.standardError.write(Data("entraide: internal error: \(error)\n".utf8))
            Foundation.exit(2)
        }
    }

    /// Argument-parsing errors keep ArgumentParser's own message and usage text.
    private static func parserMessage(for error: Error) -> Error? {
        let name = String(reflecting: type(of: error))
        return name.hasPrefix("ArgumentParser.") ? error : nil
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
