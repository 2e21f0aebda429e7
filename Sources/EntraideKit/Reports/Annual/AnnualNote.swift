import Foundation

/// The annual activity report as Markdown (docs/INDICATORS.md, "The annual report"):
/// `rapport-annuel-2026.md` (`annual-report-2026.md`) and its SVG charts, written beside the
/// year's workbook and journal, and converted to one HTML file by `AnnualReport`.
///
/// Its sections: the year in figures against the previous year (compared only when the data
/// covers the previous year fully), month by month, domains, outcomes, delays in real and
/// working time, volunteers and their load, hours and their valuation with the method and the
/// entries, the partner associations against the network, the board's three sections, and
/// the definitions of every number shown. Resident counts are hidden as in the workbook
/// (the same `SuppressionPlan`: docs/SECURITY.md, "Small counts").
struct AnnualNote {
    /// A rendered note (`rapport-annuel-2026.md` and its charts), before it is written: the
    /// monthly note's shape, so that both are staged and converted alike.
    typealias Output = MonthlySummary.Output

    let data: AnnualReportData
    let language: Language
    let f: ReportFormatter
    /// The workbooks' sentences the note shares (coverage, markers, notes).
    let text: WorkbookText
    let catalogue: IndicatorCatalogue
    let plan: SuppressionPlan?
    /// The journal of the year, nil without a rate.
    let journal: AccountingJournal?
    let baseName: String
    /// The production date the note states (`--created`, else now).
    let created: Date?

    init(data: AnnualReportData, language: Language, suppressBelow: Int?, created: Date? = nil) {
        self.created = created
        self.data = data
        self.language = language
        f = ReportFormatter(language: language)
        text = WorkbookText(language: language)
        catalogue = data.report.catalogue(settings: data.settings)
        // The plan of the annual workbook's own cells: both documents hide the same counts.
        plan = SuppressionPlan(content: ReportWorkbook.annualContent(
            data.period, associations: data.associations,
            options: WorkbookOptions(language: language, suppressBelow: suppressBelow)))
        journal = AccountingJournal(report: data.report, settings: data.settings, language: language)
        baseName = Self.baseName(year: data.year, language: language, association: data.association)
    }

    var en: Bool { language == .en }
    var cur: PeriodIndicators { data.current }
    var prev: PeriodIndicators { data.previous }
    var year: String { String(data.year) }
    var previousYear: String { String(data.year - 1) }
    var threshold: Int? { plan?.threshold }

    /// `rapport-annuel-2026`, `annual-report-2026`, with the association's slug when restricted.
    static func baseName(year: Int, language: Language, association: String?) -> String {
        var base = (language == .en ? "annual-report-" : "rapport-annuel-") + String(year)
        base = TextKey.suffixed(base, association: association)
        return base
    }

    func render() -> Output {
        let charts = AnnualCharts(data: data, language: language, baseName: baseName).build()
        var parts: [String] = [header(), headlineSection(), monthsSection([charts.requests, charts.volunteers].compactMap { $0 }),
                               domainsSection(charts.domains), outcomesSection(), delaysSection(), volunteersSection(), hoursSection(),
                               partnersSection(), boardSections(), methodsSection()]
        parts.removeAll { $0.isEmpty }
        var markdown = parts.joined(separator: "\n")
        markdown = en ? Typography.unsignedZeros(markdown) : Typography.frenchMarkdown(markdown)
        if !markdown.hasSuffix("\n") { markdown += "\n" }
        return Output(markdownFileName: baseName + ".md", markdown: markdown, charts: charts.files)
    }

    // MARK: Pieces shared by the sections

    /// `Réseau — rapport d'activité 2026`, `— association « X »` when restricted.
    var title: String {
        let base = en ? "\(data.settings.networkName) — annual activity report \(year)"
            : "\(data.settings.networkName) — rapport d'activité \(year)"
        guard let a = data.association else { return base }
        return base + (en ? " — partner “\(a)”" : " — association « \(a) »")
    }

    /// `Markdown` escaping of a value that comes from the data or the settings (a name).
    func escaped(_ text: String) -> String { MarkdownContentType().escapeText(text) }

    /// One Markdown table.
    func table(_ header: [String], align: [Character], _ rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "| " + align.map { $0 == "l" ? ":---" : "---:" }.joined(separator: " | ") + " |\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }

    /// A figure of `p` for `key`, as the note prints it; `–` when `shown` is false.
    func figure(_ key: String, _ p: PeriodIndicators, shown: Bool = true) -> String {
        guard shown else { return "–" }
        let indicator = catalogue[key]
        return f.value(indicator.value(p), indicator.kind)
    }

    /// A resident count, hidden as the workbook hides it (`< 3`, `n.d.`): `cell` is its identity
    /// in the plan; nil for a count the workbook does not show (still hidden when small).
    func residents(_ value: Int, cell: SuppressionCell?) -> String {
        hidden(value, cell: cell) ?? f.integer(value)
    }

    /// The marker a resident count is shown with, nil when its number is shown.
    func hidden(_ value: Int, cell: SuppressionCell?) -> String? {
        guard let plan else { return nil }
        if value < plan.threshold { return text.suppressed(plan.threshold) }
        if let cell, plan.marker(cell) == .complementary { return text.withheld }
        return nil
    }

    /// `163,25 h`, `124 h`: hours as recorded (quarter-hours and the like), so that the months
    /// add up to the year as printed, and read as the journal's labels.
    func exactHours(_ hours: Double) -> String { AccountingJournal.hoursText(hours, language) }

    /// `1 234,56 €`: an amount in cents, as the journal writes it.
    func money(_ cents: Int) -> String { HourlyRate.euros(Double(cents) / 100, language) }

    /// `28 novembre 2026`: the data's as-of date.
    var asOfDate: String? { data.coverage.asOf.map(f.date) }
}
