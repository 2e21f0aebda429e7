import CXlsxWriter
import Foundation

/// A value for `Worksheet.write(row:col:_:format:)`.
public enum CellValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case blank
    /// A formula such as `=SUM(B2:B13)`, with an optional cached result.
    case formula(String, cachedValue: Double?)
    /// A calendar date written as an Excel serial number (give it a date format).
    case date(year: Int, month: Int, day: Int)
}

/// Excel table styles (`Table Style Medium 9` is Excel's default).
public enum TableStyle: Hashable, Sendable {
    case none
    case light(Int)
    case medium(Int)
    case dark(Int)
}

/// A column of an Excel table.
public struct TableColumn {
    public var header: String
    public var headerFormat: Format?

    public init(_ header: String, headerFormat: Format? = nil) {
        self.header = header
        self.headerFormat = headerFormat
    }
}

/// A worksheet of a `Workbook`. Rows and columns are zero-based.
public final class Worksheet {
    public let name: String
    let workbook: Workbook
    private let pointer: UnsafeMutablePointer<lxw_worksheet>
    /// Widest content written per column, in characters (for `fitColumnWidths`).
    private var contentWidths: [Int: Int] = [:]
    /// Columns whose width was set explicitly (left alone by `fitColumnWidths`).
    private var sizedColumns: Set<Int> = []
    /// Tables and merged ranges: Excel reports a file as corrupt if they overlap,
    /// and libxlsxwriter 1.1.4 does not check it.
    private var occupiedRanges: [(kind: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int)] = []

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.pointer = pointer
        self.name = name
    }

    // MARK: Checks

    private func where_(_ row: Int, _ col: Int) -> String {
        "\"\(name)\"!\(CellReference.cellName(row: row, col: col))"
    }

    private func checkCell(_ row: Int, _ col: Int, _ request: @autoclosure () -> String) throws {
        guard (0..<CellReference.maxRows).contains(row), (0..<CellReference.maxColumns).contains(col) else {
            throw XlsxError.library(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, request: request(),
                                    hint: "row \(row), column \(col); a sheet has rows 0..<\(CellReference.maxRows) and columns 0..<\(CellReference.maxColumns)")
        }
    }

    private func checkRange(_ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int,
                            _ request: @autoclosure () -> String) throws {
        try checkCell(firstRow, firstCol, request())
        try checkCell(lastRow, lastCol, request())
        guard lastRow >= firstRow, lastCol >= firstCol else {
            throw XlsxError.wrapper("the last row/column comes before the first", request: request())
        }
    }

    private func checkNoOverlap(_ kind: String, _ firstRow: Int, _ firstCol: Int, _ lastRow: Int, _ lastCol: Int,
                                _ request: @autoclosure () -> String) throws {
        for other in occupiedRanges
        where firstRow <= other.lastRow && other.firstRow <= lastRow && firstCol <= other.lastCol && other.firstCol <= lastCol {
            let range = CellReference.rangeName(firstRow: other.firstRow, firstCol: other.firstCol,
                                                lastRow: other.lastRow, lastCol: other.lastCol)
            throw XlsxError.wrapper("the \(kind) overlaps the \(other.kind) at \(range)", request: request(),
                                    hint: "Excel refuses overlapping tables and merged cells")
        }
    }

    private func call(_ request: @autoclosure () -> String, hint: String? = nil,
                      _ body: (UnsafeMutablePointer<lxw_worksheet>) -> lxw_error) throws {
        try workbook.check(request(), hint: hint) { _ in body(pointer) }
    }

    private func run(_ request: @autoclosure () -> String, _ body: (UnsafeMutablePointer<lxw_worksheet>) -> Void) throws {
        try workbook.withHandle(request()) { _ in body(pointer) }
    }

    private func noteWidth(_ col: Int, _ characters: Int) {
        if characters > contentWidths[col, default: 0] { contentWidths[col] = characters }
    }

    // MARK: Writing cells

    /// Writes a string (at most 32,767 bytes of UTF-8; NUL characters are dropped).
    public func writeString(row: Int, col: Int, _ value: String, format: Format? = nil) throws {
        let request = "write a string to \(where_(row, col))"
        try checkCell(row, col, request)
        let f = try workbook.cFormat(format, request: request)
        let text = cText(value)
        try call(request, hint: text.utf8.count > 32_767 ? "\(text.utf8.count) bytes" : nil) { ws in
            text.withCString { worksheet_write_string(ws, UInt32(row), UInt16(col), $0, f) }
        }
        noteWidth(col, text.split(separator: "\n", omittingEmptySubsequences: false)
            .map(\.count).max() ?? 0)
    }

    /// Writes a number. NaN and infinities are refused: Excel cannot store them.
    public func writeNumber(row: Int, col: Int, _ value: Double, format: Format? = nil) throws {
        let request = "write the number \(value) to \(where_(row, col))"
        try checkCell(row, col, request)
        guard value.isFinite else {
            throw XlsxError.wrapper("Excel cannot store NaN or infinite numbers", request: request,
                                    hint: "write a blank or a text such as \"n/a\" instead")
        }
        let f = try workbook.cFormat(format, request: request)
        try call(request) { ws in worksheet_write_number(ws, UInt32(row), UInt16(col), value, f) }
        noteWidth(col, Self.displayLength(value))
    }

    /// Writes an integer as a number.
    public func writeNumber(row: Int, col: Int, _ value: Int, format: Format? = nil) throws {
        try writeNumber(row: row, col: col, Double(value), format: format)
    }

    /// Writes an empty cell that still carries a format (nothing without a format).
    public func writeBlank(row: Int, col: Int, format: Format? = nil) throws {
        let request = "write a blank to \(where_(row, col))"
        try checkCell(row, col, request)
        let f = try workbook.cFormat(format, request: request)
        try call(request) { ws in worksheet_write_blank(ws, UInt32(row), UInt16(col), f) }
    }

    /// Writes a formula (`=SUM(B2:B13)`); `cachedValue` is shown by readers that
    /// do not recalculate.
    public func writeFormula(row: Int, col: Int, _ formula: String, format: Format? = nil,
                             cachedValue: Double? = nil) throws {
        let request = "write the formula \(formula) to \(where_(row, col))"
        try checkCell(row, col, request)
        if let cachedValue, !cachedValue.isFinite {
            throw XlsxError.wrapper("Excel cannot store NaN or infinite numbers", request: request)
        }
        let f = try workbook.cFormat(format, request: request)
        let text = cText(formula)
        try call(request) { ws in
            text.withCString { c in
                if let cachedValue {
                    return worksheet_write_formula_num(ws, UInt32(row), UInt16(col), c, f, cachedValue)
                }
                return worksheet_write_formula(ws, UInt32(row), UInt16(col), c, f)
            }
        }
        if let cachedValue { noteWidth(col, Self.displayLength(cachedValue)) }
    }

    /// Writes a date as its Excel serial number; give a date `format` (e.g. `yyyy-mm-dd`).
    public func writeDate(row: Int, col: Int, year: Int, month: Int, day: Int, format: Format? = nil) throws {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            throw XlsxError.wrapper("invalid date \(year)-\(month)-\(day)",
                                    request: "write a date to \(where_(row, col))")
        }
        try writeNumber(row: row, col: col,
                        CellReference.excelSerial(year: year, month: month, day: day), format: format)
        noteWidth(col, 10)
    }

    /// Writes an instant, seen in `timeZone`, as an Excel serial number (date and time).
    public func writeDate(row: Int, col: Int, _ date: Date, timeZone: TimeZone, format: Format? = nil) throws {
        try writeNumber(row: row, col: col, CellReference.excelSerial(date, timeZone: timeZone), format: format)
        noteWidth(col, 16)
    }

    /// Writes any `CellValue`.
    public func write(row: Int, col: Int, _ value: CellValue, format: Format? = nil) throws {
        switch value {
        case .string(let s): try writeString(row: row, col: col, s, format: format)
        case .number(let n): try writeNumber(row: row, col: col, n, format: format)
        case .blank: try writeBlank(row: row, col: col, format: format)
        case .formula(let f, let cached): try writeFormula(row: row, col: col, f, format: format, cachedValue: cached)
        case .date(let y, let m, let d): try writeDate(row: row, col: col, year: y, month: m, day: d, format: format)
        }
    }

    static func displayLength(_ value: Double) -> Int {
        if value == value.rounded(), abs(value) < 1e15 {
            let digits = String(Int64(value)).count
            return digits + (digits - 1) / 3  // room for grouping separators
        }
        return min(String(value).count, 12)
    }

    // MARK: Rows and columns

    /// Sets the width (in characters) of columns `firstCol...lastCol`, with an optional default format.
    public func setColumnWidth(_ width: Double, firstCol: Int, lastCol: Int? = nil, format: Format? = nil) throws {
        let last = lastCol ?? firstCol
        let request = "set the width of columns \(CellReference.columnName(firstCol)):\(CellReference.columnName(last)) of \"\(name)\""
        try checkRange(0, firstCol, 0, last, request)
        guard width.isFinite, width >= 0, width <= 255 else {
            throw XlsxError.wrapper("a column width is between 0 and 255 characters", request: request)
        }
        let f = try workbook.cFormat(format, request: request)
        try call(request) { ws in worksheet_set_column(ws, UInt16(firstCol), UInt16(last), width, f) }
        for col in firstCol...last { sizedColumns.insert(col) }
    }

    /// Sets each column that received content (and whose width was not set
    /// explicitly) to the width of its longest value, between `minimum` and `maximum`.
    public func fitColumnWidths(minimum: Double = 6, maximum: Double = 60, padding: Double = 2) throws {
        for (col, characters) in contentWidths.sorted(by: { $0.key < $1.key }) where !sizedColumns.contains(col) {
            let width = min(max(Double(characters) * 1.1 + padding, minimum), maximum)
            let request = "fit the width of column \(CellReference.columnName(col)) of \"\(name)\""
            try call(request) { ws in worksheet_set_column(ws, UInt16(col), UInt16(col), width, nil) }
        }
    }

    /// The widest content written so far in `col`, in characters (0 if none).
    public func contentWidth(col: Int) -> Int { contentWidths[col, default: 0] }

    /// Sets the height of a row in points (default 15), with an optional default format.
    public func setRowHeight(_ height: Double, row: Int, format: Format? = nil) throws {
        let request = "set the height of row \(row + 1) of \"\(name)\""
        try checkCell(row, 0, request)
        guard height.isFinite, height >= 0, height <= 409 else {
            throw XlsxError.wrapper("a row height is between 0 and 409 points", request: request)
        }
        let f = try workbook.cFormat(format, request: request)
        try call(request) { ws in worksheet_set_row(ws, UInt32(row), height, f) }
    }

    // MARK: Layout

    /// Freezes the rows above `row` and the columns left of `col` (`freezePanes(row: 1, col: 0)`
    /// keeps a header row visible).
    public func freezePanes(row: Int, col: Int) throws {
        let request = "freeze panes at \(where_(row, col))"
        try checkCell(row, col, request)
        try run(request) { ws in worksheet_freeze_panes(ws, UInt32(row), UInt16(col)) }
    }

    /// Merges a range and writes `text` in it.
    public func mergeRange(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int,
                           text: String, format: Format? = nil) throws {
        let range = CellReference.rangeName(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
        let request = "merge \"\(name)\"!\(range)"
        try checkRange(firstRow, firstCol, lastRow, lastCol, request)
        guard firstRow != lastRow || firstCol != lastCol else {
            throw XlsxError.wrapper("a merged range needs at least two cells", request: request)
        }
        try checkNoOverlap("merged range", firstRow, firstCol, lastRow, lastCol, request)
        let f = try workbook.cFormat(format, request: request)
        let value = cText(text)
        try call(request) { ws in
            value.withCString {
                worksheet_merge_range(ws, UInt32(firstRow), UInt16(firstCol), UInt32(lastRow), UInt16(lastCol), $0, f)
            }
        }
        occupiedRanges.append(("merged range", firstRow, firstCol, lastRow, lastCol))
    }

    /// Adds filter buttons to the header row of a range (not needed inside a table).
    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws {
        let request = "add an autofilter to \"\(name)\"!\(CellReference.rangeName(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol))"
        try checkRange(firstRow, firstCol, lastRow, lastCol, request)
        try call(request) { ws in
            worksheet_autofilter(ws, UInt32(firstRow), UInt16(firstCol), UInt32(lastRow), UInt16(lastCol))
        }
    }

    /// Turns a range into an Excel table with filter buttons. `firstRow` is the
    /// header row; the library writes the `columns` headers into it (one per column).
    /// Write the data rows before or after, with their own formats.
    public func addTable(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int,
                         name tableName: String? = nil, style: TableStyle = .medium(9),
                         columns: [TableColumn]) throws {
        let range = CellReference.rangeName(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
        let request = "add table \(tableName.map { "\"\($0)\" " } ?? "")at \"\(name)\"!\(range)"
        try checkRange(firstRow, firstCol, lastRow, lastCol, request)
        guard columns.count == lastCol - firstCol + 1 else {
            throw XlsxError.wrapper("\(columns.count) column headers for \(lastCol - firstCol + 1) columns",
                                    request: request)
        }
        guard lastRow > firstRow else {
            throw XlsxError.wrapper("a table needs a header row and at least one data row", request: request)
        }
        let headers = columns.map { cText($0.header) }
        if Set(headers.map { $0.lowercased() }).count != headers.count {
            throw XlsxError.wrapper("column headers of a table must be unique (ignoring case)", request: request)
        }
        if let tableName, !Self.isValidTableName(tableName) {
            throw XlsxError.wrapper("invalid table name", request: request,
                                    hint: "a table name starts with a letter or underscore, has only letters, digits, underscores and periods, at most 255 characters, and does not look like a cell reference")
        }
        if let tableName, workbook.tableNames.contains(tableName.lowercased()) {
            throw XlsxError.wrapper("a table named \"\(tableName)\" already exists in the workbook", request: request)
        }
        try checkNoOverlap("table", firstRow, firstCol, lastRow, lastCol, request)
        let (styleType, styleNumber): (lxw_table_style_type, Int)
        switch style {
        case .none: (styleType, styleNumber) = (LXW_TABLE_STYLE_TYPE_LIGHT, 0)
        case .light(let n): (styleType, styleNumber) = (LXW_TABLE_STYLE_TYPE_LIGHT, n)
        case .medium(let n): (styleType, styleNumber) = (LXW_TABLE_STYLE_TYPE_MEDIUM, n)
        case .dark(let n): (styleType, styleNumber) = (LXW_TABLE_STYLE_TYPE_DARK, n)
        }
        let maxNumber: Int
        switch style {
        case .none: maxNumber = 0
        case .light: maxNumber = 21
        case .medium: maxNumber = 28
        case .dark: maxNumber = 11
        }
        guard (style == .none ? 0...0 : 1...maxNumber).contains(styleNumber) else {
            throw XlsxError.wrapper("table style number \(styleNumber) does not exist", request: request,
                                    hint: "light 1–21, medium 1–28, dark 1–11")
        }
        let headerFormats = try columns.map { try workbook.cFormat($0.headerFormat, request: request) }

        // C structures: a NULL-terminated array of column pointers. The library copies strings.
        var allocated: [UnsafeMutablePointer<CChar>?] = []
        let columnStructs = UnsafeMutablePointer<lxw_table_column>.allocate(capacity: columns.count)
        let columnPointers = UnsafeMutablePointer<UnsafeMutablePointer<lxw_table_column>?>.allocate(capacity: columns.count + 1)
        defer {
            allocated.forEach { free($0) }
            columnStructs.deinitialize(count: columns.count)
            columnStructs.deallocate()
            columnPointers.deallocate()
        }
        for index in columns.indices {
            var column = lxw_table_column()
            let header = strdup(headers[index])
            allocated.append(header)
            column.header = header
            column.header_format = headerFormats[index]
            (columnStructs + index).initialize(to: column)
            columnPointers[index] = columnStructs + index
        }
        columnPointers[columns.count] = nil
        var options = lxw_table_options()
        let cName = tableName.map { strdup(cText($0)) } ?? nil
        allocated.append(cName)
        options.name = cName
        options.style_type = UInt8(styleType.rawValue)
        options.style_type_number = UInt8(styleNumber)
        options.columns = columnPointers
        try call(request) { ws in
            worksheet_add_table(ws, UInt32(firstRow), UInt16(firstCol), UInt32(lastRow), UInt16(lastCol), &options)
        }
        occupiedRanges.append(("table", firstRow, firstCol, lastRow, lastCol))
        if let tableName { workbook.tableNames.insert(tableName.lowercased()) }
        for (index, header) in headers.enumerated() { noteWidth(firstCol + index, header.count + 3) }
    }

    static func isValidTableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 255 else { return false }
        guard first.properties.isAlphabetic || first == "_" || first == "\\" else { return false }
        guard name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "\\" }) else {
            return false
        }
        // Names like "A1" or "R2C3" or "C" / "R" are references.
        let upper = name.uppercased()
        if upper == "R" || upper == "C" { return false }
        if upper.range(of: "^[A-Z]{1,3}[0-9]+$", options: .regularExpression) != nil { return false }
        if upper.range(of: "^R[0-9]*C[0-9]*$", options: .regularExpression) != nil { return false }
        return true
    }

    // MARK: Printing and display

    /// Prints in landscape orientation.
    public func setLandscape() throws { try run("set landscape on \"\(name)\"") { worksheet_set_landscape($0) } }

    /// The paper the sheet prints on (Excel's default, US Letter, when never set).
    public func setPaper(_ paper: PaperSize) throws {
        try run("set the paper of \"\(name)\"") { worksheet_set_paper($0, paper.code) }
    }

    /// Hides columns `firstCol...lastCol` (with `width` characters when shown again): a helper
    /// range that a chart draws (`Chart.showHiddenData`) but a reader does not need.
    public func hideColumns(firstCol: Int, lastCol: Int? = nil, width: Double = 8) throws {
        let last = lastCol ?? firstCol
        let request = "hide columns \(CellReference.columnName(firstCol)):\(CellReference.columnName(last)) of \"\(name)\""
        try checkRange(0, firstCol, 0, last, request)
        guard width.isFinite, width >= 0, width <= 255 else {
            throw XlsxError.wrapper("a column width is between 0 and 255 characters", request: request)
        }
        var options = lxw_row_col_options()
        options.hidden = 1
        try call(request) { ws in worksheet_set_column_opt(ws, UInt16(firstCol), UInt16(last), width, nil, &options) }
        for col in firstCol...last { sizedColumns.insert(col) }
    }

    /// Prints in portrait orientation (the default).
    public func setPortrait() throws { try run("set portrait on \"\(name)\"") { worksheet_set_portrait($0) } }

    /// Fits the printout to `width` pages wide by `height` tall (0: as many as needed).
    public func fitToPages(width: Int, height: Int) throws {
        let request = "fit \"\(name)\" to \(width)×\(height) pages"
        guard (0...Int(UInt16.max)).contains(width), (0...Int(UInt16.max)).contains(height) else {
            throw XlsxError.wrapper("page counts are between 0 and 65535", request: request)
        }
        try run(request) { worksheet_fit_to_pages($0, UInt16(width), UInt16(height)) }
    }

    /// Sets the printed page header. Codes: `&L`/`&C`/`&R` sections, `&P` page number,
    /// `&N` page count, `&D` date, `&A` sheet name; use `headerFooterText(_:)` for plain text.
    /// At most 255 characters.
    public func setHeader(_ text: String) throws {
        let value = cText(text)
        try call("set the page header of \"\(name)\"", hint: "\(value.utf8.count) bytes") { ws in
            value.withCString { worksheet_set_header(ws, $0) }
        }
    }

    /// Sets the printed page footer (same codes as `setHeader`).
    public func setFooter(_ text: String) throws {
        let value = cText(text)
        try call("set the page footer of \"\(name)\"", hint: "\(value.utf8.count) bytes") { ws in
            value.withCString { worksheet_set_footer(ws, $0) }
        }
    }

    /// Plain text made safe for a header/footer (`&` doubled).
    public static func headerFooterText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&&")
    }

    /// Repeats rows `first...last` at the top of every printed page.
    public func repeatRows(first: Int, last: Int) throws {
        let request = "repeat rows \(first + 1)–\(last + 1) of \"\(name)\" on each page"
        try checkRange(first, 0, last, 0, request)
        try call(request) { ws in worksheet_repeat_rows(ws, UInt32(first), UInt32(last)) }
    }

    /// Starts a new printed page at each of `rows` (zero-based; a break before row 0 means
    /// nothing and is refused). Excel keeps at most 1,023 horizontal page breaks a sheet.
    public func setPageBreaks(beforeRows rows: [Int]) throws {
        let request = "set the page breaks of \"\(name)\""
        let sorted = Array(Set(rows)).sorted()
        guard sorted.count <= 1023 else { throw XlsxError.wrapper("at most 1023 page breaks a sheet", request: request) }
        for row in sorted {
            guard row > 0 else { throw XlsxError.wrapper("a page break goes before a row after the first", request: request) }
            try checkRange(row, 0, row, 0, request)
        }
        // The list ends with a 0.
        var breaks = sorted.map { lxw_row_t($0) } + [0]
        try call(request) { ws in breaks.withUnsafeMutableBufferPointer { worksheet_set_h_pagebreaks(ws, $0.baseAddress) } }
    }

    /// Hides gridlines on screen and on paper.
    public func hideGridlines() throws {
        try run("hide the gridlines of \"\(name)\"") { worksheet_gridlines($0, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue)) }
    }

    /// Sets the zoom, 10–400 %.
    public func setZoom(_ percent: Int) throws {
        let request = "set the zoom of \"\(name)\" to \(percent) %"
        guard (10...400).contains(percent) else {
            throw XlsxError.wrapper("the zoom is between 10 and 400 %", request: request)
        }
        try run(request) { worksheet_set_zoom($0, UInt16(percent)) }
    }

    /// Colours the sheet's tab.
    public func setTabColor(_ color: XlsxColor) throws {
        try run("set the tab colour of \"\(name)\"") { worksheet_set_tab_color($0, color.lxw) }
    }

    /// Makes this the sheet shown when the file is opened.
    public func activate() throws {
        try run("activate \"\(name)\"") { worksheet_activate($0) }
    }

    /// Places `chart` with its top-left corner in cell (`row`, `col`). A chart
    /// needs at least one series and can be inserted once.
    public func insertChart(_ chart: Chart, row: Int, col: Int, xOffset: Int = 0, yOffset: Int = 0) throws {
        let request = "insert chart at \(where_(row, col))"
        try checkCell(row, col, request)
        guard chart.workbook === workbook else {
            throw XlsxError.wrapper("the chart belongs to another workbook", request: request)
        }
        guard chart.seriesCount > 0 else {
            throw XlsxError.wrapper("the chart has no data series", request: request, hint: "call addSeries first")
        }
        guard !chart.isInserted else {
            throw XlsxError.wrapper("the chart is already placed on a sheet", request: request)
        }
        guard (Int(Int32.min)...Int(Int32.max)).contains(xOffset), (Int(Int32.min)...Int(Int32.max)).contains(yOffset) else {
            throw XlsxError.wrapper("offset out of range", request: request)
        }
        var options = lxw_chart_options()
        options.x_offset = Int32(xOffset)
        options.y_offset = Int32(yOffset)
        options.x_scale = chart.width / Chart.defaultWidth
        options.y_scale = chart.height / Chart.defaultHeight
        try call(request) { ws in worksheet_insert_chart_opt(ws, UInt32(row), UInt16(col), chart.pointer, &options) }
        chart.isInserted = true
    }
}
