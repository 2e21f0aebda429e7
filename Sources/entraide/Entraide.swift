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
        subcommands: [Demo.self, Import.self, Inspect.self, Indicators.self, Report.self, Query.self, Queries.self, Sample.self]
    )

    /// Runs the command; user errors (bad input, bad arguments) exit 1, internal failures 2,
    /// never with a stack trace.
    static func main() {
        Console.prepare()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            fail(error)
        }
    }

    /// Reports `error` on standard error and exits with its status.
    static func fail(_ error: Error) -> Never {
        switch error {
        case is OutputClosed:
            Foundation.exit(0)  // the reader went away (`| head`): nothing more to say
        case let error as UserError:
            Console.error(Console.errorPrefix + error.message(Console.language) + "\n")
            Foundation.exit(1)
        case let error as InternalError:
            Console.error(Console.internalErrorPrefix + error.message + "\n")
            Foundation.exit(2)
        case let error where DatabaseFailure.userError(for: error, path: nil) != nil:
            // Busy, read-only, a full disk… met where the database's path was not at hand.
            Console.error(Console.errorPrefix
                + (DatabaseFailure.userError(for: error, path: nil)?.message(Console.language) ?? "\(error)") + "\n")
            Foundation.exit(1)
        case let error as SQLiteError:
            Console.error(Console.internalErrorPrefix + "\(error)\n")
            Foundation.exit(2)
        case let error as ExitCode:
            Foundation.exit(error.rawValue)
        default:
            if exitCode(for: error) == .success {
                // --help, --version: ArgumentParser's text, written (and checked) like every output.
                let message = fullMessage(for: error)
                do { try Console.out(message.isEmpty ? "" : message + "\n") } catch { fail(error) }
                Foundation.exit(0)
            }
            if isArgumentError(error) {
                // Usage errors print ArgumentParser's message and usage, and exit 1 like every user error;
                // under a French locale the message is said in French (`UsageMessage`).
                let message = UsageMessage.localized(fullMessage(for: error), Console.language)
                Console.error((message.isEmpty ? "" : message + "\n"))
                Foundation.exit(1)
            }
            Console.error(Console.internalErrorPrefix + "\(error)\n")
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

    /// The settings file a command reads (`--config`, else entraide.toml beside the database):
    /// no output may be written onto it.
    var settingsPath: String {
        config ?? URL(fileURLWithPath: databasePath).deletingLastPathComponent().appendingPathComponent("entraide.toml").path
    }

    func settings() throws -> Settings {
        try Settings.load(configPath: config, databasePath: databasePath)
    }
}
