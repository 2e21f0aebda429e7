import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a realistic synthetic export (CSV files as coordinators keep them).",
            discussion: """
                Writes benevoles.csv, demandes.csv and interventions.csv into the folder: UTF-8 with \
                BOM, `;` separated, French headers and dates, with the untidiness of real exports. \
                Names and phone numbers are invented. The same seed always gives the same files.
                """)

        @Option(help: ArgumentHelp("Folder to write into (created when missing).", valueName: "dir"))
        var out: String

        @Option(help: "Number of months covered.")
        var months: Int = 12

        @Option(name: .customLong("requests-per-month"), help: "Average number of requests a month.")
        var requestsPerMonth: Int = 120

        @Option(help: "Seed of the generator; the same seed gives byte-identical files.")
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Last month covered, YYYY-MM (default: the last full month before today).",
                                   valueName: "YYYY-MM"))
        var end: Month?

        func run() throws {
            let options = SampleOptions(months: months, requestsPerMonth: requestsPerMonth, seed: seed,
                                        endMonth: end)
            let dir = URL(fileURLWithPath: out, isDirectory: true)
            let s = try SampleGenerator.write(to: dir, options: options)
            let period = s.firstMonth == s.lastMonth
                ? "\(s.firstMonth)" : "\(s.firstMonth) to \(s.lastMonth)"
            try Console.line("Wrote a synthetic export covering \(period) (seed \(seed)) into \(dir.path):")
            try Console.line("  \(s.volunteersFile.path)  \(s.volunteers) volunteers")
            try Console.line("  \(s.requestsFile.path)  \(s.requests) requests (\(s.inlineAssignments) with a volunteer)")
            try Console.line("  \(s.assignmentsFile.path)  \(s.assignmentRows) additional assignments")
            try Console.line("Import it with: entraide import \(s.volunteersFile.path) \(s.requestsFile.path) \(s.assignmentsFile.path)")
        }
    }
}
