import ArgumentParser
import EntraideKit
import Foundation

extension Entraide.Report {
    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the month's report: an XLSX workbook (and the Markdown summary).",
            discussion: """
                The workbook shows the month against the previous one, the last 12 months as series \
                with charts, and the requests still waiting past wait_alert_days.
                """)

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var output: Entraide.Report.Output

        @Option(help: ArgumentHelp("The month to report on.", valueName: "YYYY-MM"))
        var month: String

        @Option(help: ArgumentHelp("Only the requests handled by this partner association (and their assignments) "
                                   + "and the volunteers coming through it.", valueName: "name"))
        var association: String?

        func run() throws {
            let m = try Entraide.Report.parseMonth(month, "--month")
            let settings = try options.settings()
            let workbookOptions = try output.workbookOptions()
            let store = try Store(readOnlyPath: options.databasePath)
            let now = workbookOptions.created ?? Date()
            let path = try ReportWorkbook.writeMonthly(store: store, settings: settings, month: m,
                                                       association: association, outDirectory: output.out,
                                                       options: workbookOptions, now: now)
            print(path)
        }
    }
}
