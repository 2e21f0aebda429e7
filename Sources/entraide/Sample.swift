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
                ? Localized.verbatim("\(s.firstMonth)")
                : Localized(fr: "de \(s.firstMonth) à \(s.lastMonth)", en: "\(s.firstMonth) to \(s.lastMonth)")
            let files = "\(s.volunteersFile.path) \(s.requestsFile.path) \(s.assignmentsFile.path)"
            try Console.line(Console.say(Localized(
                fr: "Export fictif écrit, couvrant \(period.fr) (graine \(seed)), dans \(dir.path) :",
                en: "Wrote a synthetic export covering \(period.en) (seed \(seed)) into \(dir.path):")))
            func n(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
            try Console.line(Console.say(Localized(fr: "  \(s.volunteersFile.path)  " + n(s.volunteers, "bénévole", "bénévoles"),
                                                   en: "  \(s.volunteersFile.path)  \(s.volunteers) volunteers")))
            try Console.line(Console.say(Localized(
                fr: "  \(s.requestsFile.path)  " + n(s.requests, "demande", "demandes")
                    + " (\(s.inlineAssignments) avec un bénévole)",
                en: "  \(s.requestsFile.path)  \(s.requests) requests (\(s.inlineAssignments) with a volunteer)")))
            try Console.line(Console.say(Localized(
                fr: "  \(s.assignmentsFile.path)  "
                    + n(s.assignmentRows, "mise en relation supplémentaire", "mises en relation supplémentaires"),
                en: "  \(s.assignmentsFile.path)  \(s.assignmentRows) additional assignments")))
            try Console.line(Console.say(Localized(fr: "Pour l'importer : entraide import \(files)",
                                                   en: "Import it with: entraide import \(files)")))
        }
    }
}
