import Foundation
import XlsxWriter

/// Months as the workbooks show them (docs/INDICATORS.md, "Data coverage and the as-of instant"):
/// a series' month is a real date cell, the first day of the month, that a number format shows
/// `janv. 2026`; a month the data does not fully cover keeps its date and says so in its format
/// (`nov. 2026 (en cours)`), so that the column still sorts, filters and charts as dates.
extension WorkbookBuilder {
    /// The number format of a month cell with `suffix` shown after it (`" (en cours)"`).
    func monthNumberFormat(suffix: String = "") -> String {
        let base = text.monthFormat
        guard !suffix.isEmpty else { return base }
        return base + "\"" + suffix.replacingOccurrences(of: "\"", with: "") + "\""
    }

    /// The suffix of a series month the data does not fully cover: ` (en cours)`,
    /// ` (données partielles)`, ` (aucune donnée)`; empty for a complete month.
    func seriesMonthSuffix(_ index: Int) -> String {
        let m = content.series[index]
        return text.seriesMonthSuffix(m.indicators.data, last: index == content.series.count - 1)
    }

    /// Writes series month `index` at (`row`, `col`) as a date cell; returns the characters it takes.
    @discardableResult
    func writeSeriesMonth(_ sheet: Worksheet, _ row: Int, _ index: Int, col: Int = 0) throws -> Int {
        let month = content.series[index].month
        let suffix = seriesMonthSuffix(index)
        try sheet.writeDate(row: row, col: col, year: month.year, month: month.month, day: 1,
                            format: format(FormatSpec(horizontalAlignment: .left, numberFormat: monthNumberFormat(suffix: suffix))))
        return month.shortName(language).count + 5 + suffix.count
    }
}
