import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a realistic synthetic export (CSV files as coordinators keep them).")

        @Option(help: "Folder to write into (created when missing).")
        var out: String

        func run() throws {
            throw UserError("sample is not available yet")
        }
    }
}
