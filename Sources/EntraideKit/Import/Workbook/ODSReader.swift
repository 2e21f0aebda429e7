import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The sheet names of an ODS workbook: the `table:name` of every `<table:table …>` in
/// `content.xml`, found by scanning its bytes as they are unpacked (no XML parse).
enum ODSSheetNames {
    static func scan(archive: Archive, entry: Entry, path: String) throws -> [String] {
        let pattern = Array("<table:table ".utf8)
        var names: [String] = []
        var carry: [UInt8] = []
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 18) { chunk in
                carry.append(contentsOf: chunk)
                // Keep a tail that may hold the start of a tag cut by the chunk's end.
                var keepFrom = max(0, carry.count - (pattern.count - 1))
                carry.withUnsafeBufferPointer { buf in
                    var i = 0
                    let n = buf.count
                    while i + pattern.count <= n {
                        guard buf[i] == 0x3C, buf[i + 1] == pattern[1] else { i += 1; continue }
                        var match = true
                        for k in 2..<pattern.count where buf[i + k] != pattern[k] { match = false; break }
                        guard match else { i += 1; continue }
                        // The start tag up to its `>`.
                        var e = i + pattern.count
                        while e < n && buf[e] != 0x3E { e += 1 }
                        guard e < n else { keepFrom = i; return }  // cut: read it with the next chunk
                        let tag = String(decoding: UnsafeBufferPointer(rebasing: buf[i..<e]), as: UTF8.self)
                        if let name = attribute("table:name", in: tag) { names.append(name) }
                        i = e
                        keepFrom = max(keepFrom, e)
                    }
                }
                carry.removeSubrange(0..<min(keepFrom, carry.count))
            }
        } catch {
            throw UserError(.badInput, "\(path): the workbook is damaged (content.xml cannot be unpacked)")
        }
        return names
    }

    /// The value of `name="…"` in a start tag, entities decoded.
    static func attribute(_ name: String, in tag: String) -> String? {
        for quote in ["\"", "'"] {
            if let r = tag.range(of: " " + name + "=" + quote) {
                let rest = tag[r.upperBound...]
                guard let end = rest.firstIndex(of: Character(quote)) else { return nil }
                return String(rest[..<end])
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
        }
        return nil
    }
}

/// Streams one table (sheet) of an ODS `content.xml`: rows (`table:table-row`, with
/// `table:number-rows-repeated`), cells (`table:table-cell` and the `table:covered-table-cell`
/// hidden under a merged cell, with `table:number-columns-repeated`), typed by
/// `office:value-type` (float, percentage, currency, date, time, boolean, string).
final class ODSSheetParser: NSObject, SheetParser {
    private let sheet: String
    private let onRow: SheetSource.OnRow
    private let row = CellRow()
    private(set) var currentRow = 0
    private(set) var stopError: Error?
    private(set) var stopped = false

    private var tableDepth = 0        // nesting of table:table elements
    private var inSheet = false       // inside the wanted table (at depth 1)
    private var done = false
    private var rowRepeat = 1
    private var column = 0            // next column of the row
    private var pendingEmpty = 0      // empty cells not yet written (trailing ones never are)
    private var rowHasCells = false
    // The cell being read.
    private var cellRepeat = 1
    private var typedValue: String?
    private var isFloat = false
    private var text = ""
    private var paragraphs = 0
    private var inCell = false
    private var annotation = 0

    /// Cells repeated more than this are not copied (a spreadsheet pads rows with thousands of empty ones).
    private static let maxRepeat = 1024

    init(sheet: String, onRow: @escaping SheetSource.OnRow) {
        self.sheet = sheet
        self.onRow = onRow
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let local = xmlLocalName(name)
        if local == "table" && !name.hasSuffix("-table") {
            tableDepth += 1
            if tableDepth == 1 && attributes["table:name"] == sheet && !done { inSheet = true }
            return
        }
        guard inSheet && tableDepth == 1 else { return }
        if inCell {
            switch local {
            case "annotation": annotation += 1
            case "p" where annotation == 0:
                if paragraphs > 0 { text += "\n" }
                paragraphs += 1
            case "s" where annotation == 0:
                text += String(repeating: " ", count: attributes["text:c"].flatMap { Int($0) } ?? 1)
            case "tab" where annotation == 0: text += "\t"
            case "line-break" where annotation == 0: text += "\n"
            default: break
            }
            return
        }
        switch local {
        case "table-row":
            row.removeAll()
            column = 0
            pendingEmpty = 0
            rowHasCells = false
            rowRepeat = max(1, attributes["table:number-rows-repeated"].flatMap { Int($0) } ?? 1)
        case "table-cell", "covered-table-cell":
            inCell = true
            cellRepeat = max(1, attributes["table:number-columns-repeated"].flatMap { Int($0) } ?? 1)
            text = ""
            paragraphs = 0
            typedValue = ODSSheetParser.typedValue(attributes)
            isFloat = attributes["office:value-type"] == "float"
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let local = xmlLocalName(name)
        if local == "table" && !name.hasSuffix("-table") {
            if tableDepth == 1 && inSheet {
                inSheet = false
                done = true
                parser.abortParsing()  // the wanted sheet is read; the rest of the file is not needed
                stopped = true
            }
            tableDepth -= 1
            return
        }
        guard inSheet && tableDepth == 1 else { return }
        switch local {
        case "annotation": annotation -= 1
        case "table-cell", "covered-table-cell":
            guard inCell else { return }
            inCell = false
            // A cell hidden under a merge shows nothing, whatever it still holds.
            var value = local == "covered-table-cell" ? "" : typedValue ?? text
            // A whole number shown with leading zeros (an id formatted `00000`) is kept as shown.
            if isFloat, text.count > 1, text.hasPrefix("0"), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
               Double(text) == Double(value) {
                value = text
            }
            if value.isEmpty {
                pendingEmpty += cellRepeat
            } else {
                column += pendingEmpty
                pendingEmpty = 0
                for _ in 0..<min(cellRepeat, ODSSheetParser.maxRepeat) {
                    row.set(column, value)
                    column += 1
                }
                rowHasCells = true
            }
        case "table-row":
            let first = currentRow + 1
            currentRow += rowRepeat
            guard rowHasCells, !stopped else { return }
            for line in first..<(first + min(rowRepeat, ODSSheetParser.maxRepeat)) {
                do {
                    if try !onRow(row, line) { stopped = true; parser.abortParsing(); return }
                } catch {
                    stopError = error
                    stopped = true
                    parser.abortParsing()
                    return
                }
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inCell && annotation == 0 && paragraphs > 0 { text += string }
    }

    /// The text of a typed cell from its attributes; nil for strings (their text is the value).
    static func typedValue(_ a: [String: String]) -> String? {
        switch a["office:value-type"] {
        case "float", "percentage", "currency":
            return a["office:value"].map(CellText.number(_:))
        case "date":
            // `2026-10-03T14:05:00(.000)` or `2026-10-03`: what the timestamp parser reads.
            return a["office:date-value"].map { String($0.prefix(19)) }
        case "time":
            return a["office:time-value"].map(duration(iso:))
        case "boolean":
            return a["office:boolean-value"].map { $0 == "true" || $0 == "1" ? "TRUE" : "FALSE" }
        case "string":
            return a["office:string-value"]
        default:
            return nil
        }
    }

    /// An ISO 8601 duration `PT01H30M00S` (or `PT1H30M`) as `1:30`.
    static func duration(iso: String) -> String {
        var total = 0.0, number = ""
        var days = 0.0
        var inTime = false
        for c in iso {
            switch c {
            case "0"..."9", ".", ",": number.append(c == "," ? "." : c)
            case "T": inTime = true; number = ""
            case "D": days = Double(number) ?? 0; number = ""
            case "H": total += (Double(number) ?? 0) * 3600; number = ""
            case "M" where inTime: total += (Double(number) ?? 0) * 60; number = ""
            case "S": total += Double(number) ?? 0; number = ""
            default: number = ""
            }
        }
        return CellText.duration(seconds: Int((total + days * 86400).rounded()))
    }
}
