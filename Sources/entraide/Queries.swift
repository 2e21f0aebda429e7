import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    struct Queries: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the named queries with their title, description and parameters.")

        @OptionGroup var options: DatabaseOptions

        @Option(name: .long, help: "Output format: table or json.")
        var format: QueryListing.Format = .table

        func run() throws {
            let library = QueryLibrary.standard(databasePath: options.databasePath)
            let text = QueryListing.render(try library.all(), format: format, language: Console.language)
            try Console.out(text)
        }
    }
}
