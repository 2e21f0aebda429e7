import ArgumentParser
import EntraideKit
import Foundation

extension Entraide.Report {
    struct Funder: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the XLSX workbook for funders over a period.",
            discussion: """
                One workbook: a summary compared with the previous period of the same length, one \
                sheet per indicator family with its monthly series, table and chart, and a methods \
                sheet. Resident counts below --suppress-below are written "< N", and the counts that would \
                let one be worked out from the totals "n.d." (docs/SECURITY.md).
                """)

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var output: Entraide.Report.Output

        @Option(help: ArgumentHelp("First month of the period, e.g. 2026-01.", valueName: "YYYY-MM"))
        var from: Month

        @Option(help: ArgumentHelp("Last month of the period (included), e.g. 2026-10.", valueName: "YYYY-MM"))
        var to: Month

        @Option(help: ArgumentHelp("Only the requests handled by this partner association (and their assignments); "
                                   + "the file name ends with its name.", valueName: "NAME"))
        var association: String?

        @Option(help: ArgumentHelp("Write resident counts below N as \"< N\" (0 or 1: none; 2 is refused; default: suppress_below setting, 3).",
                                   valueName: "N"))
        var suppressBelow: Int?

        func run() throws {
            try Month.checkPeriod(from: from, to: to)
            try Entraide.Report.checkSuppressBelow(suppressBelow)
            let settings = try options.settings()
            let workbookOptions = try output.workbookOptions(suppressBelow: suppressBelow ?? settings.suppressBelow)
            let store = try Store(readOnlyPath: options.databasePath)
            let path = try ReportWorkbook.writeFunder(store: store, settings: settings, from: from, to: to,
                                                      association: association, outDirectory: output.out, options: workbookOptions)
            try Console.line(path)
        }
    }
}
