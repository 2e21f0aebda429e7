import Foundation
import XlsxWriter

/// What the data covers, as the workbooks show it (docs/INDICATORS.md, "Data coverage and the
/// as-of instant"): no comparison against a period whose data is not complete, months without
/// data left empty, the running month marked with its requests still in progress, and
/// `residents.new` flagged during the first year of data.
extension WorkbookBuilder {
    var coverage: DataCoverage { content.coverage }

    /// The summary compares with the previous period (or month) only when its data is complete
    /// and does not start with the first month of data (`DataCoverage.isComparable`), and the
    /// period itself has data. The annual workbook also needs its own year complete, as the
    /// annual note (docs/INDICATORS.md, "The annual report"): eleven months against twelve would
    /// read as a fall.
    var comparesWithPrevious: Bool {
        if content.kind == .annual, coverage.data(from: content.from, to: content.to) != .complete { return false }
        return content.current.data != .none && coverage.isComparable(from: content.previousFrom, to: content.previousTo)
    }

    /// Why the summary leaves the previous period and the changes empty; nil when it compares.
    var noComparisonNote: String? {
        guard !comparesWithPrevious, content.current.data != .none else { return nil }
        return text.noComparison(coverage, previousFrom: content.previousFrom, previousTo: content.previousTo,
                                 monthly: content.kind == .monthly, previousYear: content.year.map { $0 - 1 })
    }

    /// The period itself has no data at all: its figures are left empty, and this says why.
    var noDataNote: String? {
        content.current.data == .none ? text.noDataInPeriod(coverage) : nil
    }

    /// The series' last month when the data stops inside it (the as-of instant's month): still running.
    var runningMonth: MonthIndicators? {
        guard let last = content.series.last, last.indicators.data == .partial else { return nil }
        return last
    }

    /// The running month's note: its requests still in progress (open or matched).
    /// In the monthly workbook, compared with the previous month, that month's in progress too.
    var runningMonthNote: String? {
        guard let running = runningMonth else { return nil }
        var previous: (Month, Int)?
        if content.kind == .monthly, comparesWithPrevious {
            previous = (content.previousFrom, content.previous.requests.inProgress)
        }
        return text.runningMonthNote(running.month, asOf: coverage.asOf, inProgress: running.indicators.requests.inProgress,
                                     previous: previous)
    }

    /// `residents.new` means little while the data is less than twelve months old.
    var newResidentsNote: String? {
        guard coverage.firstMonth != nil, coverage.monthsOfData < 12 else { return nil }
        return text.youngNewResidentsNote(label: catalogue["residents.new"].label(.table, language), coverage)
    }

    /// Whether the series has months the data does not cover (their rows are left empty).
    var seriesHasUncoveredMonths: Bool { content.series.contains { $0.indicators.data == .none } }

    /// A visible note (bold, dark orange): a comparison left out, a month still running.
    var warningFormat: Format {
        get throws { try format(FormatSpec(bold: true, fontColor: XlsxColor(rgb: 0x9C5700))) }
    }

    /// Writes `notes` one a line from `row`, each merged across columns `0...lastCol` and
    /// wrapped there (a long note no longer runs far to the right of the table, which made
    /// "fit to width" print the whole sheet small); `width` is those columns' width in
    /// characters, for the rows' heights. Returns the next free row.
    /// The narrowest a note is wrapped, in characters.
    static let noteMinimumWidth = 110

    @discardableResult
    func writeNotes(_ sheet: Worksheet, from row: Int, _ notes: [String], warning: Bool = false,
                    lastCol: Int, width: Int, widen: Bool = true) throws -> Int {
        let wrapped = try format(FormatSpec(bold: warning, italic: !warning,
                                            fontColor: XlsxColor(rgb: warning ? 0x9C5700 : 0x595959),
                                            verticalAlignment: .top, textWrap: true))
        // Under a narrow table, as wide as the chart under it (820 pixels, about 110 characters
        // over columns of Excel's default 8.43 characters) rather than a tall narrow column.
        var lastCol = lastCol, width = width
        if widen, lastCol > 0, width < Self.noteMinimumWidth {
            lastCol += Int((Double(Self.noteMinimumWidth - width) / 8.43).rounded(.up))
            width = Self.noteMinimumWidth
        }
        var r = row
        for note in notes.map(text.typeset) {
            if lastCol > 0 {
                try sheet.mergeRange(firstRow: r, firstCol: 0, lastRow: r, lastCol: lastCol,
                                     text: ExcelText.fitted(note, maxBytes: ExcelText.cellBytes), format: wrapped)
                // Italic and proportional text is narrower than the column's character count.
                let lines = Self.wrappedLines(note, width: max(20, Int(Double(width) * (warning ? 1.0 : 1.1))))
                // Excel's tallest row is 409 points (a 40,000-character name pasted by mistake).
                try sheet.setRowHeight(Double(min(15 * lines + 2, 409)), row: r)
            } else {
                try sheet.writeText(row: r, col: 0, note, format: warning ? warningFormat : noteFormat)
            }
            r += 1
        }
        return r
    }
}
