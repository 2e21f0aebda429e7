import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// What an XLSX workbook's small parts say: its sheets and where they are, its date system,
/// which cell styles show dates or times, and the shared strings.
final class XLSXBook: @unchecked Sendable {
    struct Sheet { var name: String; var part: String }

    let path: String
    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false
    /// Number format kind per cell style (`s` attribute of a cell).
    private(set) var styleFormats: [CellText.Format] = []
    /// The day/month order each cell style's date format shows (nil: none, or a built-in format,
    /// which shows the reader's locale order).
    private(set) var styleDateOrders: [DateOrder?] = []
    private(set) var sharedStrings: [String] = []
    /// Indexes of the shared strings longer than a cell may be (`WorkbookLimits`); kept truncated.
    private(set) var overlongStrings: Set<Int> = []

    init(archive: Archive, path: String) throws {
        self.path = path
        // Workbook: sheet names, relationship ids, date system.
        let wb = WorkbookDelegate()
        try SpreadsheetFile.parse(archive, archive["xl/workbook.xml"]!, delegate: wb, what: path)
        date1904 = wb.date1904
        // Relationships: id → part.
        var targets: [String: String] = [:]
        var sharedStringsPart = "xl/sharedStrings.xml", stylesPart = "xl/styles.xml"
        if let relsEntry = archive["xl/_rels/workbook.xml.rels"] {
            let rels = RelationshipsDelegate()
            try SpreadsheetFile.parse(archive, relsEntry, delegate: rels, what: path)
            for r in rels.relationships {
                let part = XLSXBook.resolve(r.target)
                targets[r.id] = part
                if r.type.hasSuffix("/sharedStrings") { sharedStringsPart = part }
                if r.type.hasSuffix("/styles") { stylesPart = part }
            }
        }
        for (index, s) in wb.sheets.enumerated() {
            let part = s.rid.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(index + 1).xml"
            sheets.append(Sheet(name: s.name, part: part))
        }
        self.stylesPart = stylesPart
        self.sharedStringsPart = sharedStringsPart
    }

    private var stylesPart = "", sharedStringsPart = ""
    private var cellDataLoaded = false

    /// Reads the styles and the shared strings, once, when a sheet is first read.
    func loadCellData(archive: Archive) throws {
        guard !cellDataLoaded else { return }
        cellDataLoaded = true
        if let stylesEntry = archive[stylesPart] {
            let styles = StylesDelegate()
            try SpreadsheetFile.parse(archive, stylesEntry, delegate: styles, what: path)
            styleFormats = styles.cellFormats.map { id in
                styles.customFormats[id].map(CellText.format(code:)) ?? CellText.builtinFormat(id)
            }
            styleDateOrders = styles.cellFormats.map { id in styles.customFormats[id].flatMap(CellText.dateOrder(code:)) }
        }
        if let ssEntry = archive[sharedStringsPart] {
            let ss = SharedStringsDelegate()
            try SpreadsheetFile.parse(archive, ssEntry, delegate: ss, what: path, limit: WorkbookLimits.maxSharedStringsBytes)
            sharedStrings = ss.strings
            overlongStrings = ss.overlong
        }
    }

    /// A relationship target (relative to `xl/`, or absolute from the package root) as an archive path.
    static func resolve(_ target: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for p in target.split(separator: "/") {
            if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    /// Excel writes control characters as `_xHHHH_` in strings.
    static func unescape(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        var out = "", rest = s[...]
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let hex = rest[r.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let v = UInt32(hex.prefix(4), radix: 16), let u = Unicode.Scalar(v) {
                out.unicodeScalars.append(u)
                rest = rest[rest.index(r.upperBound, offsetBy: 5)...]
            } else {
                out += "_x"
                rest = rest[r.upperBound...]
            }
        }
        return out + rest
    }

    // MARK: Part delegates

    private final class WorkbookDelegate: NSObject, XMLParserDelegate {
        var sheets: [(name: String, rid: String?)] = []
        var date1904 = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch xmlLocalName(name) {
            case "workbookPr":
                let v = attributes["date1904"]?.lowercased()
                date1904 = v == "1" || v == "true"
            case "sheet":
                let rid = attributes.first { $0.key == "id" || $0.key.hasSuffix(":id") }?.value
                sheets.append((attributes["name"] ?? "Sheet\(sheets.count + 1)", rid))
            default: break
            }
        }
    }

    private final class RelationshipsDelegate: NSObject, XMLParserDelegate {
        var relationships: [(id: String, target: String, type: String)] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if xmlLocalName(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
                relationships.append((id, target, attributes["Type"] ?? ""))
            }
        }
    }

    private final class StylesDelegate: NSObject, XMLParserDelegate {
        var customFormats: [Int: String] = [:]
        var cellFormats: [Int] = []
        private var inCellXfs = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch xmlLocalName(name) {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                    customFormats[id] = code
                }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: cellFormats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if xmlLocalName(name) == "cellXfs" { inCellXfs = false }
        }
    }

    /// `<si>` items: plain `<t>` or rich-text runs `<r><t>…</t></r>`; phonetic runs (`<rPh>`) left out.
    private final class SharedStringsDelegate: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var overlong: Set<Int> = []
        private var current = ""
        private var tooLong = false
        private var inText = false
        private var phonetic = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch xmlLocalName(name) {
            case "si": current = ""; tooLong = false
            case "t": inText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch xmlLocalName(name) {
            case "si":
                let text = XLSXBook.unescape(current)
                if tooLong || text.utf16.count > WorkbookLimits.maxCellCharacters { overlong.insert(strings.count) }
                strings.append(text)
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard inText else { return }
            if current.utf8.count + string.utf8.count > WorkbookLimits.maxCellBytes { tooLong = true } else { current += string }
        }
    }
}

/// Streams one worksheet's `<sheetData>`: rows (`<row r="7">`), cells (`<c r="D7" t="s" s="3">`)
/// with their value (`<v>`), inline string (`<is>`), or formula (`<f>`, whose cached `<v>` is used).
final class XLSXSheetParser: NSObject, SheetParser {
    private let book: XLSXBook
    private let location: String
    private let onRow: SheetSource.OnRow
    private let row = CellRow()
    private(set) var currentRow = 0
    private(set) var stopError: Error?
    private(set) var stopped = false

    // The cell being read.
    private var column = 0
    private var nextColumn = 0
    private var type = ""
    private var style = 0
    private var value = ""
    private var capturing = false
    private var inInline = false
    private var phonetic = 0
    private var rowHasCells = false
    private var tooLong = false
    /// Set by `cellText()` when the cell is a date cell (a date format, or `t="d"`), with the
    /// day/month order its format shows.
    private var isDate = false
    private var dateOrder: DateOrder?

    init(book: XLSXBook, location: String, onRow: @escaping SheetSource.OnRow) {
        self.book = book
        self.location = location
        self.onRow = onRow
    }

    /// Stops the parse with `error` (a cell or row the sheet cannot hold).
    private func fail(_ parser: XMLParser, _ error: UserError) {
        guard !stopped else { return }
        stopError = error
        stopped = true
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch xmlLocalName(name) {
        case "c":
            if let ref = attributes["r"], let c = XLSXSheetParser.column(ref) { column = c } else { column = nextColumn }
            type = attributes["t"] ?? ""
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            tooLong = false
        case "v":
            capturing = true
        case "is":
            inInline = true
        case "t":
            capturing = inInline && phonetic == 0
        case "rPh":
            phonetic += 1
        case "row":
            row.removeAll()
            rowHasCells = false
            nextColumn = 0
            let r = attributes["r"]
            guard let number = r.map({ Int($0) }) ?? currentRow + 1, number >= 1, number <= WorkbookLimits.maxRows else {
                return fail(parser, WorkbookLimits.rowBeyondLimit(location, row: r ?? "\(currentRow + 1)"))
            }
            currentRow = number
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch xmlLocalName(name) {
        case "v", "t": capturing = false
        case "is": inInline = false
        case "rPh": phonetic -= 1
        case "c":
            guard !stopped else { return }
            let text = cellText()
            if tooLong || (text.utf8.count > WorkbookLimits.maxCellCharacters
                           && text.utf16.count > WorkbookLimits.maxCellCharacters) {
                return fail(parser, WorkbookLimits.cellTooLong(location, row: currentRow, column: column))
            }
            if !text.isEmpty {
                guard column < WorkbookLimits.maxColumns else {
                    return fail(parser, WorkbookLimits.columnBeyondLimit(location, row: currentRow, column: column))
                }
                row.set(column, text)
                if isDate { row.markDate(column, shownIn: dateOrder) }
                rowHasCells = true
            }
            nextColumn = column + 1
        case "row":
            guard rowHasCells, !stopped else { return }
            do {
                if try !onRow(row, currentRow) { stopped = true; parser.abortParsing() }
            } catch {
                stopError = error
                stopped = true
                parser.abortParsing()
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard capturing else { return }
        if value.utf8.count + string.utf8.count > WorkbookLimits.maxCellBytes { tooLong = true } else { value += string }
    }

    private func cellText() -> String {
        isDate = false
        dateOrder = nil
        switch type {
        case "s":
            guard let i = Int(value), i >= 0, i < book.sharedStrings.count else { return "" }
            if !book.overlongStrings.isEmpty && book.overlongStrings.contains(i) { tooLong = true }
            return book.sharedStrings[i]
        case "inlineStr", "str": return XLSXBook.unescape(value)
        case "d": isDate = true; return value  // an ISO date as written
        case "e": return value  // an error (#N/A) as shown
        case "b": return value == "1" || value.lowercased() == "true" ? "TRUE" : "FALSE"
        default:
            guard !value.isEmpty else { return "" }
            // A number that is no finite number (`NaN`, `inf`) is kept as written, for the importer to refuse.
            guard let number = Double(value), number.isFinite else { return value }
            let format = style >= 0 && style < book.styleFormats.count ? book.styleFormats[style] : .general
            switch format {
            case .general: return CellText.number(number)
            case .zeroPadded(let width): return CellText.number(number, zeroPadded: width)
            // A date or duration out of any calendar (1e300) is given as the number, which the
            // importer then refuses with the row and column.
            case .date:
                guard let date = CellText.date(serial: number, date1904: book.date1904) else { return CellText.number(number) }
                isDate = true
                dateOrder = style < book.styleDateOrders.count ? book.styleDateOrders[style] : nil
                return date
            case .time(let elapsed):
                // A time of day or a duration (`[h]:mm`: 1.5 days is `36:00`), as the hours parser and
                // the companion time columns read them; a time format on a whole date is that date.
                if elapsed || number < 1 { return CellText.duration(days: number) ?? CellText.number(number) }
                guard let date = CellText.date(serial: number, date1904: book.date1904) else { return CellText.number(number) }
                isDate = true
                return date
            }
        }
    }

    /// Column index (0-based) of a cell reference such as `D7` or `AB12`; past Excel's last
    /// column (`XFD`) it is `WorkbookLimits.maxColumns` or more, never an overflow.
    static func column(_ ref: String) -> Int? {
        var n = 0, letters = 0
        for b in ref.utf8 {
            let u = b | 0x20
            guard u >= 0x61 && u <= 0x7A else { break }
            if letters < 8 { n = n * 26 + Int(u - 0x60) }
            letters += 1
        }
        return letters > 0 ? n - 1 : nil
    }
}
