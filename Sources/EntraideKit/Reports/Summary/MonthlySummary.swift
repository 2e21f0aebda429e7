import Foundation

/// The monthly summary in Markdown (issue 5): `rapport-YYYY-MM.md` (English `report-YYYY-MM.md`)
/// and its SVG charts, written beside the month's workbook and linked relatively.
public enum MonthlySummary {
    /// A rendered summary, before it is written.
    public struct Output: Sendable {
        /// `rapport-2026-10.md`.
        public var markdownFileName: String
        public var markdown: String
        /// File name and SVG text of each chart, in the order they appear.
        public var charts: [(fileName: String, svg: String)]
    }

    /// Base of the file names: `rapport-2026-10` / `report-2026-10`, with the association's
    /// name as a suffix when the report is restricted to one (`rapport-2026-10-centre-social`).
    public static func baseName(month: Month, language: Language, association: String? = nil) -> String {
        var base = (language == .en ? "report-" : "rapport-") + month.description
        base = TextKey.suffixed(base, association: association)
        return base
    }

    /// Renders the summary and its charts without writing anything.
    /// - Parameter template: a template file to use instead of the shipped one.
    public static func render(data: MonthlyReportData, language: Language = .fr,
                              template: URL? = nil) throws -> Output {
        let t = try template.map(SummaryTemplate.load) ?? SummaryTemplate.builtIn(language)
        return render(data: data, language: language, template: t)
    }

    public static func render(data: MonthlyReportData, language: Language,
                              template: SummaryTemplate) -> Output {
        let base = baseName(month: data.month, language: language, association: data.association)
        let charts = SummaryCharts(data: data, language: language, baseName: base)
        let built = charts.build()
        let context = SummaryContext(data: data, language: language, charts: built.context).build()
        // The template's own words get the same typography as the figures (docs/INDICATORS.md,
        // "The monthly note and the workbooks"): one helper, `Typography`.
        var markdown = language == .en ? Typography.unsignedZeros(template.render(context))
            : Typography.frenchMarkdown(template.render(context))
        if !markdown.hasSuffix("\n") { markdown += "\n" }
        return Output(markdownFileName: base + ".md", markdown: markdown, charts: built.files)
    }

    /// Writes the summary and its charts into `dir` (created when missing) and returns the
    /// written files, the Markdown first. All are put in place together, once all are written.
    @discardableResult
    public static func write(data: MonthlyReportData, to dir: URL, language: Language = .fr,
                             template: URL? = nil, policy: OutputPolicy = OutputPolicy()) throws -> [URL] {
        let output = try render(data: data, language: language, template: template)
        let staged = try stage(output, in: dir.path, policy: policy)
        for file in staged { try file.commit() }
        return staged.map { URL(fileURLWithPath: $0.path) }
    }

    /// Writes the rendered files to temporary files in `dir` (created when missing); their
    /// `commit()` puts them in place, and dropping them leaves the folder as it was.
    static func stage(_ output: Output, in dir: String, policy: OutputPolicy) throws -> [OutputFile] {
        try OutputFolder.create(dir)
        var staged: [OutputFile] = []
        let files = [(output.markdownFileName, output.markdown)] + output.charts.map { ($0.fileName, $0.svg) }
        let folder = URL(fileURLWithPath: dir, isDirectory: true)
        for (name, text) in files {
            let file = try OutputFile(folder.appendingPathComponent(name).path, policy: policy)
            try file.write(text)
            try file.flushToDisk()
            staged.append(file)
        }
        return staged
    }
}
