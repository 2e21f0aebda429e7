import Foundation
import XlsxWriter

/// A family sheet with two monthly tables one above the other (requests, then domains and
/// residents; delays in real time, then in working hours): side by side, their twenty columns
/// printed too small to read on one A4 page width.
extension WorkbookBuilder {
    /// Writes `first` under the sheet's heading, `secondTitle` and `second` under it, sizes
    /// the shared columns for both, then the notes; the sheet prints one page wide (and tall
    /// for up to 24 months). Returns the sheet, both tables' data rows, the row for the charts
    /// and the charts' total width.
    func twoTableSheet(name: String, title: String, first: [SeriesColumn], firstName: String,
                       secondTitle: String, second: [SeriesColumn], secondName: String, notes: [String]) throws
        -> (sheet: Worksheet, firstRows: ClosedRange<Int>, secondRows: ClosedRange<Int>, chartRow: Int, chartWidth: Double)
    {
        let sheet = try workbook.addWorksheet(name)
        let firstHeader = try writeHeading(sheet, title)
        let top = try writeSeriesTable(sheet, headerRow: firstHeader, columns: first, name: firstName)
        let titleRow = top.next + 1
        try sheet.writeText(row: titleRow, col: 0, secondTitle, format: textFormat(bold: true))
        let bottom = try writeSeriesTable(sheet, headerRow: titleRow + 1, columns: second, name: secondName)
        let count = max(top.headers.count, bottom.headers.count)
        func pick<T>(_ a: [T], _ b: [T], _ i: Int, _ better: (T, T) -> T, _ none: T) -> T {
            let x = i < a.count ? a[i] : none, y = i < b.count ? b[i] : none
            return better(x, y)
        }
        let widths = (0..<count).map { pick(top.widths, bottom.widths, $0, max, 0) }
        // Each column sized for the longer of its two headers.
        let headers = (0..<count).map { pick(top.headers, bottom.headers, $0, { $0.count >= $1.count ? $0 : $1 }, "") }
        let characters = try sizeColumns(sheet, headerRow: firstHeader, headers: headers, valueWidths: widths,
                                         headerLines: 4, otherHeaderRows: [titleRow + 1])
        var sheetNotes = notes
        if seriesHasUncoveredMonths { sheetNotes.append(text.uncoveredMonthsNote(coverage)) }
        let next = try writeNotes(sheet, from: bottom.next + 1, sheetNotes, lastCol: count - 1, width: characters)
        try sheet.freezePanes(row: firstHeader + 1, col: 1)
        try pageSetup(sheet, repeatHeaderRow: firstHeader, onePage: content.series.count <= 24)
        return (sheet, top.rows, bottom.rows, next + 1, chartWidth(characters: characters, columns: count))
    }
}
