import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sample data → import → report for the last full month, in a new folder.")

        func run() throws {
            throw UserError("demo is not available yet")
        }
    }
}
