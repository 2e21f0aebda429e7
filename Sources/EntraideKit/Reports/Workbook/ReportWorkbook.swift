import Foundation
import XlsxWriter

/// Options shared by the funder, the monthly and the annual workbooks.
public struct WorkbookOptions: Sendable, Equatable {
    /// The language of the labels and notes.
    public var language: Language
    /// Resident counts below this are written as the text `< N`, and those that would let one be
    /// worked out `n.d.` (nil or ≤ 1: no suppression; 2 is refused: docs/SECURITY.md, "Small counts").
    public var suppressBelow: Int?
    /// Creation time written in the document properties and shown as the production date.
    /// Fix it (`--created`, `$SOURCE_DATE_EPOCH`) for byte-identical files; nil is now.
    public var created: Date?

    public init(language: Language = .fr, suppressBelow: Int? = nil, created: Date? = nil) {
        self.language = language
        self.suppressBelow = suppressBelow
        self.created = created
    }

    /// Accepted creation times, in seconds since 1970 (UTC): 1980-01-01T00:00:00Z (the ZIP
    /// format's first date) to 9999-12-31T23:59:59Z (the last date a workbook can show).
    public static let createdRange = 315_532_800...253_402_300_799

    /// The creation time given by `$SOURCE_DATE_EPOCH` (seconds since 1970), if set and valid.
    public static func sourceDateEpoch(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date? {
        guard let text = environment["SOURCE_DATE_EPOCH"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        guard let seconds = Int(text), seconds > 0 else {
            throw UserError(.badArgument,
                fr: "SOURCE_DATE_EPOCH=\(text) : ce n'est pas un nombre de secondes depuis 1970 ; retirez-la ou "
                    + "donnez par exemple 1790000000",
                en: "SOURCE_DATE_EPOCH=\(text): not a number of seconds since 1970; unset it or give e.g. 1790000000")
        }
        guard createdRange.contains(seconds) else {
            let first = createdRange.lowerBound, last = createdRange.upperBound
            throw UserError(.badArgument,
                fr: "SOURCE_DATE_EPOCH=\(text) : donnez un instant de \(first) (1980-01-01) à \(last) (9999-12-31), "
                    + "par exemple 1790000000, ou retirez-la",
                en: "SOURCE_DATE_EPOCH=\(text): give a time from \(first) (1980-01-01) "
                    + "to \(last) (9999-12-31), e.g. 1790000000, or unset it")
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (UTC), the form of `--created`.
    public static func parseCreated(_ text: String) throws -> Date {
        let u = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard u.count == 20, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 90,
              let y = digits(0..<4), let mo = digits(5..<7), let d = digits(8..<10),
              let h = digits(11..<13), let mi = digits(14..<16), let s = digits(17..<19),
              y >= 1980, isValidCivilDate(y, mo, d), h < 24, mi < 60, s < 60 else {
            throw UserError(.badArgument,
                fr: "--created \(text) : écrivez l'heure de création sous la forme AAAA-MM-JJTHH:MM:SSZ (UTC), "
                    + "par exemple 2026-11-01T08:00:00Z",
                en: "--created \(text): write the creation time as YYYY-MM-DDTHH:MM:SSZ (UTC), e.g. 2026-11-01T08:00:00Z")
        }
        return Date(timeIntervalSince1970: TimeInterval(daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s))
    }
}

/// Writes the XLSX workbooks of reports/README.md: the funder workbook of a period, the monthly
/// workbook and the annual workbook (`ReportWorkbook+Annual.swift`). Only counts, pseudonymous ids and domain codes reach them; no names, phone
/// numbers or comments are ever read.
public enum ReportWorkbook {

    // MARK: File names

    /// `entraide-financeurs-2026-01_2026-10.xlsx` (`entraide-funders-…` in English), with the
    /// association's normalised name appended when the workbook is restricted to one
    /// (`…_2026-10-centre-social-les-tilleuls.xlsx`, as the monthly report's).
    public static func funderFileName(from: Month, to: Month, association: String? = nil,
                                      language: Language = .fr) -> String {
        var name = "entraide-\(language == .en ? "funders" : "financeurs")-\(from)_\(to)"
        name = TextKey.suffixed(name, association: association)
        return name + ".xlsx"
    }

    /// `entraide-mensuel-2026-10.xlsx` (`entraide-monthly-…`), with the association's
    /// normalised name appended when the report is restricted to one.
    public static func monthlyFileName(month: Month, association: String? = nil, language: Language = .fr) -> String {
        var name = "entraide-\(language == .en ? "monthly" : "mensuel")-\(month)"
        name = TextKey.suffixed(name, association: association)
        return name + ".xlsx"
    }

    // MARK: Funder workbook

    /// Loads the period, the previous period of equal length and the figures per association,
    /// and writes the funder workbook into `outDirectory` (created if needed). Returns its path.
    /// With `association`, every figure is restricted to the requests that partner handled (as
    /// `report monthly --association`), and the associations sheet shows that one row.
    @discardableResult
    public static func writeFunder(store: Store, settings: Settings, from: Month, to: Month, association: String? = nil,
                                   outDirectory: String, options: WorkbookOptions) throws -> String {
        // The period, the previous period and the figures per association all come from one read.
        let engine = IndicatorEngine(store: store, settings: settings)
        let data = try PeriodReportData.load(store: store, settings: settings, from: from, to: to,
                                             association: association, engine: engine)
        // The engine resolved the name to its stored spelling (case and accents ignored).
        let associations = AssociationBreakdown.compute(facts: try engine.facts(), from: from, to: to,
                                                        only: data.report.association)
        let path = try prepare(outDirectory, funderFileName(from: from, to: to, association: data.report.association,
                                                            language: options.language))
        try writeFunder(data, associations: associations, path: path, options: options,
                        policy: OutputPolicy(database: store.path))
        return path
    }

    /// Writes the funder workbook of already loaded data to `path` (never a path `policy` refuses).
    public static func writeFunder(_ data: PeriodReportData, associations: [AssociationFigures], path: String,
                                   options: WorkbookOptions, policy: OutputPolicy = OutputPolicy()) throws {
        let text = WorkbookText(language: options.language)
        let n = data.monthCount
        let prevFrom = data.from.adding(-n), prevTo = data.to.adding(-n)
        let content = WorkbookContent(
            kind: .funder, settings: data.settings, text: text,
            catalogue: data.report.catalogue(settings: data.settings), association: data.report.association,
            from: data.from, to: data.to, previousFrom: prevFrom, previousTo: prevTo,
            series: data.report.months, seriesTotal: data.report.total, domainCodes: data.report.domainCodes,
            current: data.report.total, previous: data.previous.total, coverage: data.report.coverage,
            associations: associations, waiting: nil, reference: nil,
            suppressBelow: options.suppressBelow, created: options.created)
        try stage(content, path: path, policy: policy).commit()
    }

    // MARK: Monthly workbook

    /// Writes the monthly workbook of already loaded data to `path` (never a path `policy` refuses).
    public static func writeMonthly(_ data: MonthlyReportData, associations: [AssociationFigures], path: String,
                                    options: WorkbookOptions, policy: OutputPolicy = OutputPolicy()) throws {
        try stageMonthly(data, associations: associations, path: path, options: options, policy: policy).commit()
    }

    /// Writes the monthly workbook to a temporary file that the returned file's `commit()` puts at `path`.
    static func stageMonthly(_ data: MonthlyReportData, associations: [AssociationFigures], path: String,
                             options: WorkbookOptions, policy: OutputPolicy) throws -> OutputFile {
        let text = WorkbookText(language: options.language)
        let content = WorkbookContent(
            kind: .monthly, settings: data.settings, text: text,
            catalogue: IndicatorCatalogue(settings: data.settings, domainCodes: data.domainCodes), association: data.association,
            from: data.month, to: data.month, previousFrom: data.previousMonth, previousTo: data.previousMonth,
            series: data.trend, seriesTotal: nil, domainCodes: data.domainCodes,
            current: data.current, previous: data.previous, coverage: data.coverage,
            associations: associations, waiting: data.waiting, reference: data.reference,
            suppressBelow: options.suppressBelow, created: options.created)
        return try stage(content, path: path, policy: policy)
    }

    // MARK: Writing

    /// Creates the output folder and returns the file's path in it.
    static func prepare(_ directory: String, _ fileName: String) throws -> String {
        try OutputFolder.create(directory)
        return (directory as NSString).appendingPathComponent(fileName)
    }

    /// Writes the workbook to a temporary file beside `path`; the returned file's `commit()`
    /// puts it in place. A failure (a full disk) leaves any previous workbook as it was.
    static func stage(_ content: WorkbookContent, path: String, policy: OutputPolicy) throws -> OutputFile {
        try SuppressionPlan.checkThreshold(content.suppressBelow)
        let file = try OutputFile(path, policy: policy)
        do {
            try WorkbookBuilder(content: content, path: file.handOver()).build()
            if !file.writesInPlace { try WorkbookCheck.verify(file.temporaryPath, shownAs: path) }
        } catch let error as XlsxError {
            file.discard()
            if error.kind == .fileNotWritable { throw error.userError(path: path) }
            throw InternalError("writing the workbook failed: \(error)")
        } catch {
            file.discard()
            throw error
        }
        return file
    }
}

/// Everything one workbook shows, whichever report it is.
struct WorkbookContent {
    /// The funder workbook of a period, the monthly workbook, the annual workbook of a calendar
    /// year (the funder workbook's sheets plus the valuation sheet).
    enum Kind { case funder, monthly, annual }

    var kind: Kind
    var settings: Settings
    var text: WorkbookText
    /// The indicators' labels, kinds and definitions.
    var catalogue: IndicatorCatalogue
    var association: String?
    /// The reported period (one month for the monthly workbook).
    var from: Month
    var to: Month
    /// The period it is compared with.
    var previousFrom: Month
    var previousTo: Month
    /// Monthly series of the family sheets.
    var series: [MonthIndicators]
    /// The whole-period row under the series (funder workbook).
    var seriesTotal: PeriodIndicators?
    var domainCodes: [String]
    /// Headline figures of the period and of the one it is compared with.
    var current: PeriodIndicators
    var previous: PeriodIndicators
    /// What the data covers: the summary compares with `previous` only when its data is complete.
    var coverage: DataCoverage
    var associations: [AssociationFigures]
    /// Requests waiting too long (monthly workbook only).
    var waiting: [WaitingRequest]?
    var reference: Timestamp?
    var suppressBelow: Int?
    var created: Date?
    /// The valuation method and the accounting journal (annual workbook only): its
    /// « Valorisation » sheet.
    var valuation: WorkbookValuation? = nil
}
