import ArgumentParser
import EntraideKit
import Foundation

extension Entraide.Report {
    struct Annual: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the year's activity report: a note (Markdown, HTML, PDF), an XLSX workbook and the accounting journal of the volunteers' hours.",
            discussion: """
                The report a partner association brings to its general assembly and attaches to a \
                grant report: the calendar year against the previous year (compared only when the \
                data covers both), month by month, domains, outcomes, residents, delays in real and \
                working time, volunteers and their load, hours and their valuation with the method \
                and the entries (debit 864, credit 875; ecritures-benevolat-YYYY.csv), the partner \
                associations against the network, and the board's sections from --notes (a Markdown \
                file with the headings "Faits marquants", "Difficultés", "Perspectives"), or marked \
                blanks. Resident counts below --suppress-below are hidden as in the funder workbook.
                """)

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var output: Entraide.Report.Output

        @Option(help: ArgumentHelp("The calendar year to report on, e.g. 2026.", valueName: "YYYY"))
        var year: Int

        @Option(help: ArgumentHelp("Only the requests handled by this partner association (and their assignments) "
                                   + "and the volunteers coming through it, set against the network.", valueName: "name"))
        var association: String?

        @Option(help: ArgumentHelp("The board's sections: a Markdown file with the headings \"Faits marquants\", "
                                   + "\"Difficultés\" and \"Perspectives\".", valueName: "file"))
        var notes: String?

        @Option(help: ArgumentHelp("Write resident counts below N as \"< N\" (0 or 1: none; 2 is refused; default: suppress_below setting, 3).",
                                   valueName: "N"))
        var suppressBelow: Int?

        @Flag(help: "Also print the HTML note to PDF with a headless Chromium.")
        var pdf = false

        func run() throws {
            try AnnualReportData.checkYear(year)
            try Entraide.Report.checkSuppressBelow(suppressBelow)
            let settings = try options.settings()
            let workbookOptions = try output.workbookOptions(suppressBelow: suppressBelow ?? settings.suppressBelow)
            let store = try Store(readOnlyPath: options.databasePath)
            let paths = try AnnualReport.write(store: store, settings: settings, year: year, association: association,
                                               notes: notes, outDirectory: output.out, options: workbookOptions)
            for path in paths { try Console.line(path) }
            if pdf {
                try Console.line(try AnnualReport.printPDF(written: paths, database: store.path,
                                                           inputs: notes.map { [$0] } ?? []))
            }
        }
    }
}
