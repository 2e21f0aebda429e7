import Foundation

/// `entraide report monthly`: the month's workbook and, beside it, the Markdown summary with
/// its SVG charts, all from one load of the month's data.
public enum MonthlyReport {
    /// Writes both into `outDirectory`; returns the paths written (workbook, summary, charts).
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
        // The summary first: it renders (and so checks a custom template) before writing anything.
        let summary = try MonthlySummary.write(data: data, to: URL(fileURLWithPath: outDirectory, isDirectory: true),
                                               language: options.language, template: template)
        try ReportWorkbook.writeMonthly(data, associations: associations, path: workbook, options: options)
        return [workbook] + summary.map(\.path)
    }
}
