import Foundation

/// `entraide report monthly`: the month's workbook and, beside it, the Markdown summary with
/// its SVG charts and the same note as one HTML file, all from one load of the month's data;
/// with `--pdf`, that HTML printed (`printPDF`).
public enum MonthlyReport {
    /// Writes them all into `outDirectory`; returns the paths written (workbook, summary, HTML note, charts).
    @discardableResult
    public static func write(store: Store, settings: Settings, month: Month, association: String? = nil,
                             outDirectory: String, template: URL? = nil,
                             options: WorkbookOptions, now: Date = Date()) throws -> [String] {
        let engine = IndicatorEngine(store: store, settings: settings)
        let data = try MonthlyReportData.load(store: store, settings: settings, month: month,
                                              association: association, now: now, engine: engine)
        let associations = AssociationBreakdown.compute(facts: try engine.facts(), from: month, to: month,
                                                        only: data.association)
        let workbook = try ReportWorkbook.prepare(outDirectory, ReportWorkbook.monthlyFileName(
            month: month, association: data.association, language: options.language))
        // Never onto the database or its key (a folder may hold both), nor onto the template.
        let policy = OutputPolicy(database: store.path, inputs: template.map { [$0.path] } ?? [])
        // The summary first: it renders (and so checks a custom template) before writing anything.
        let summary = try MonthlySummary.render(data: data, language: options.language, template: template)
        // Every file is written to a temporary name first, and all are put in place once all
        // are complete: a failure (a full disk) leaves the previous report as it was.
        var staged = try MonthlySummary.stage(summary, in: outDirectory, policy: policy)
        let html = MonthlyNoteHTML.render(summary, data: data, language: options.language)
        staged.insert(try MonthlyNoteHTML.stage(html, named: MonthlyNoteHTML.fileName(summary), in: outDirectory,
                                                policy: policy), at: 1)
        staged.insert(try ReportWorkbook.stageMonthly(data, associations: associations, path: workbook,
                                                      options: options, policy: policy), at: 0)
        for file in staged { try file.commit() }
        return staged.map(\.path)
    }

    /// Prints the HTML note that `write` wrote (`rapport-2026-10.html`) to the PDF beside it
    /// (`rapport-2026-10.pdf`) with the browser `ChromiumPrinter.locate` finds; returns its path.
    /// Without a browser, the error says how to install one or how to print the HTML by hand.
    /// - Parameters:
    ///   - database: the database read, and `inputs` (the template), which the PDF never replaces.
    public static func printPDF(written paths: [String], database: String?, inputs: [String] = [],
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let html = paths.first(where: { $0.hasSuffix(".html") }) else {
            throw InternalError("the monthly report wrote no HTML note to print")
        }
        let printer = try ChromiumPrinter.locate(environment: environment, printing: html)
        let pdf = String(html.dropLast(".html".count)) + ".pdf"
        try printer.printPDF(html: html, to: pdf, policy: OutputPolicy(database: database, inputs: inputs))
        return pdf
    }
}
