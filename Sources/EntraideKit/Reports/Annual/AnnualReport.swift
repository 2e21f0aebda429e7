import Foundation

/// `entraide report annual`: the year's activity report (docs/INDICATORS.md, "The annual report"),
/// from one load of the year's data: the note as Markdown with its SVG charts and as one HTML
/// file, the XLSX workbook, and the accounting journal of the hours' valuation (CSV); with
/// `--pdf`, the HTML printed (`printPDF`).
public enum AnnualReport {
    /// Writes them all into `outDirectory`; returns the paths written (workbook, note, HTML,
    /// journal, charts). Nothing is put in place until every file is complete.
    /// - Parameters:
    ///   - notes: the board's sections (`--notes FILE`), read before anything is written.
    @discardableResult
    public static func write(store: Store, settings: Settings, year: Int, association: String? = nil,
                             notes: String? = nil, outDirectory: String, options: WorkbookOptions) throws -> [String] {
        try AnnualReportData.checkYear(year)
        try SuppressionPlan.checkThreshold(options.suppressBelow)
        let board = try notes.map(BoardNotes.init(path:)) ?? BoardNotes()
        let data = try AnnualReportData.load(store: store, settings: settings, year: year, association: association,
                                             notes: board)
        // A year without data is a mistyped year, not a report of zeros.
        if data.yearData == .none {
            let line = WorkbookText(language: .fr).coverageLine(data.coverage), lineEN = WorkbookText(language: .en).coverageLine(data.coverage)
            guard data.coverage.firstMonth != nil else {
                throw UserError(.notFound,
                    fr: "la base ne contient encore aucune demande : importez d'abord les exports (entraide import FICHIER…)",
                    en: "the database holds no request yet: import the exports first (entraide import FILE…)")
            }
            throw UserError(.notFound,
                fr: "--year \(year) : aucune donnée pour cette année (données : \(line)) ; choisissez une année que les données couvrent",
                en: "--year \(year): no data for that year (data: \(lineEN)); choose a year the data covers")
        }
        // Never onto the database or its key (a folder may hold both), nor onto the notes.
        let policy = OutputPolicy(database: store.path, inputs: notes.map { [$0] } ?? [])
        let language = options.language
        let note = AnnualNote(data: data, language: language, suppressBelow: options.suppressBelow, created: options.created)
        let summary = note.render()
        var staged = try MonthlySummary.stage(summary, in: outDirectory, policy: policy)
        staged.insert(try MonthlyNoteHTML.stage(html(summary, data: data, language: language),
                                                named: MonthlyNoteHTML.fileName(summary), in: outDirectory, policy: policy),
                      at: 1)
        let workbook = try ReportWorkbook.prepare(outDirectory, ReportWorkbook.annualFileName(
            year: year, association: data.association, language: language))
        staged.insert(try ReportWorkbook.stageAnnual(data.period, associations: data.associations, method: data.method,
                                                     journal: note.journal, path: workbook, options: options,
                                                     policy: policy), at: 0)
        if let journal = note.journal {
            let file = try OutputFile(URL(fileURLWithPath: outDirectory).appendingPathComponent(journal.fileName).path,
                                      policy: policy)
            try file.write(journal.csv)
            try file.flushToDisk()
            staged.insert(file, at: 3)
        }
        for file in staged { try file.commit() }
        return staged.map(\.path)
    }

    /// The note as one HTML page, its charts inline, with a running header naming the network,
    /// the association and the year on every printed page.
    static func html(_ summary: MonthlySummary.Output, data: AnnualReportData, language: Language) -> String {
        let what = language == .en ? "Annual report \(data.year)" : "Rapport d'activité \(data.year)"
        return MonthlyNoteHTML.page(summary, header: [data.settings.networkName] + (data.association.map { [$0] } ?? []) + [what],
                                    language: language, extraStyle: printStyle)
    }

    /// The annual report is not held to the monthly note's two pages: its methods print at
    /// 7 pt rather than 6 pt, and its wider domains table gets more of the row beside its chart.
    static let printStyle = """
        @media print {
          main > h2:last-of-type ~ p, main > h2:last-of-type ~ ul { font-size: 7pt; line-height: 1.2; }
          /* The domains' table has a column more than the monthly note's and may need more than
             half the row: its chart takes whatever the table leaves, beside it. */
          main > table:has(+ figure.chart) { width: auto; min-width: 50%; max-width: 62%; }
          main > table + figure.chart { float: none; width: auto; overflow: hidden; margin-left: 2%; }
        }

        """

    /// Prints the HTML note that `write` wrote to the PDF beside it; returns its path.
    public static func printPDF(written paths: [String], database: String?, inputs: [String] = [],
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try MonthlyReport.printPDF(written: paths, database: database, inputs: inputs, environment: environment)
    }
}
