import ArgumentParser
import EntraideKit
import Foundation

extension Entraide.Report {
    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the month's report: a note (Markdown with SVG charts, and one HTML file), and an XLSX workbook.",
            discussion: """
                The summary (rapport-YYYY-MM.md) is a note to the partner associations: headline \
                figures against the previous month, domains, delays, volunteer load and alerts, the \
                12-month trend. The workbook shows the same month with the last 12 months as series \
                and charts, and the requests still waiting past wait_alert_days. The same note is \
                written as one self-contained HTML file (rapport-YYYY-MM.html) that any browser opens \
                and prints on two A4 pages; --pdf prints it to rapport-YYYY-MM.pdf with a headless \
                Chromium ($ENTRAIDE_CHROMIUM, else chromium or google-chrome on PATH; at most \
                $ENTRAIDE_CHROMIUM_TIMEOUT seconds, default 60).
                """)

        @OptionGroup var options: DatabaseOptions
        @OptionGroup var output: Entraide.Report.Output

        @Option(help: ArgumentHelp("The month to report on, e.g. 2026-10.", valueName: "YYYY-MM"))
        var month: Month

        @Option(help: ArgumentHelp("Only the requests handled by this partner association (and their assignments) "
                                   + "and the volunteers coming through it.", valueName: "name"))
        var association: String?

        @Option(help: ArgumentHelp("Mustache template for the summary, instead of the built-in one "
                                   + "(copy reports/templates/ to start).", valueName: "file"))
        var template: String?

        @Flag(help: "Also print the HTML note to PDF (rapport-YYYY-MM.pdf) with a headless Chromium.")
        var pdf = false

        func run() throws {
            try Month.checkArgument(month, option: "--month")
            let settings = try options.settings()
            let workbookOptions = try output.workbookOptions()
            let store = try Store(readOnlyPath: options.databasePath)
            let now = workbookOptions.created ?? Date()
            if let template, !FileManager.default.fileExists(atPath: template) {
                throw UserError(.notFound, fr: "--template \(template) : fichier introuvable",
                                en: "--template \(template): file not found")
            }
            let paths = try MonthlyReport.write(
                store: store, settings: settings, month: month, association: association, outDirectory: output.out,
                template: template.map { URL(fileURLWithPath: $0) },
                options: workbookOptions, now: now)
            for path in paths { try Console.line(path) }
            if pdf {
                try Console.line(try MonthlyReport.printPDF(written: paths, database: store.path,
                                                            inputs: template.map { [$0] } ?? []))
            }
        }
    }
}
