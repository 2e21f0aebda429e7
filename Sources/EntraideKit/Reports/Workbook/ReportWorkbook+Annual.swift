import Foundation

/// The annual workbook (issue 17, docs/INDICATORS.md, "Valuation"): the funder workbook's sheets for
/// a calendar year against the previous year, plus the « Valorisation » sheet (the valuation
/// method, the hours and their valuation month by month, the accounting journal) before the
/// methods sheet.
extension ReportWorkbook {
    /// `entraide-annuel-2026.xlsx` (`entraide-annual-2026.xlsx`), association slug appended as the others.
    public static func annualFileName(year: Int, association: String? = nil, language: Language = .fr) -> String {
        var name = "entraide-\(language == .en ? "annual" : "annuel")-\(year)"
        name = TextKey.suffixed(name, association: association)
        return name + ".xlsx"
    }

    /// Writes the annual workbook to a temporary file beside `path`; the returned file's `commit()` puts it in place.
    ///
    /// `data` is the year (`PeriodReportData.load(from: YYYY-01, to: YYYY-12, association:)`, whose
    /// previous period is the previous year), `associations` the year's `AssociationBreakdown`,
    /// `method` and `journal` the year's valuation method and entries (`journal` nil without a
    /// rate). A journal in another language than `options.language`, or missing although a rate
    /// is configured, is rebuilt from `data`, so that the sheet never contradicts its settings.
    static func stageAnnual(_ data: PeriodReportData, associations: [AssociationFigures],
                            method: ValuationMethod, journal: AccountingJournal?,
                            path: String, options: WorkbookOptions, policy: OutputPolicy) throws -> OutputFile {
        var entries = journal
        if let j = entries, j.language != options.language || j.from != data.from || j.to != data.to { entries = nil }
        if entries == nil, data.settings.valuesHours {
            entries = AccountingJournal(report: data.report, settings: data.settings, language: options.language)
        }
        if !data.settings.valuesHours { entries = nil }
        let content = annualContent(data, associations: associations, options: options,
                                    valuation: WorkbookValuation(method: method, journal: entries))
        return try stage(content, path: path, policy: policy)
    }

    /// What the annual workbook shows: the year against the previous year, every resident count
    /// with its identity. The annual note builds its `SuppressionPlan` from the same content
    /// (without the valuation, which holds no resident count), so both hide the same counts.
    static func annualContent(_ data: PeriodReportData, associations: [AssociationFigures], options: WorkbookOptions,
                              valuation: WorkbookValuation? = nil) -> WorkbookContent {
        let n = data.monthCount
        return WorkbookContent(
            kind: .annual, settings: data.settings, text: WorkbookText(language: options.language),
            catalogue: data.report.catalogue(settings: data.settings), association: data.report.association,
            from: data.from, to: data.to, previousFrom: data.from.adding(-n), previousTo: data.to.adding(-n),
            series: data.report.months, seriesTotal: data.report.total, domainCodes: data.report.domainCodes,
            current: data.report.total, previous: data.previous.total, coverage: data.report.coverage,
            associations: associations, waiting: nil, reference: nil,
            suppressBelow: options.suppressBelow, created: options.created, valuation: valuation)
    }
}
