import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import CSV exports (volunteers, requests, assignments) into the database.")

        @OptionGroup var options: DatabaseOptions

        @Argument(help: "CSV files; the table is recognised by the file name (benevoles, demandes, interventions…).")
        var files: [String]

        func run() throws {
            throw UserError("import is not available yet")
        }
    }
}
