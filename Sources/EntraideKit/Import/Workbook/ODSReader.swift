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
            // Through the stream, with its guards (a damaged deflate stream, the size cap).
            try ZipPartStream.read(archive, entry, what: path, limit: WorkbookLimits.maxSheetBytes) { chunk in
                // A start tag is short: one that never ends is a damaged file, not a reason to keep it all.
                guard carry.count <= 1 << 20 else { throw DamagedContent() }
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
        } catch let error as UserError {
            throw error
        } catch {
            throw UserError(.badInput,
                fr: "\(path) : le classeur est abîmé (content.xml ne peut pas être décompressé) ; "
                    + "ouvrez-le dans LibreOffice et enregistrez-le de nouveau",
                en: "\(path): the workbook is damaged (content.xml cannot be unpacked); "
                    + "open it in LibreOffice and save it again")
        }
        return names
    }

    private struct DamagedContent: Error {}

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
    private let location: String
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
    private var tooLong = false

    /// Cells repeated more than this are not copied (a spreadsheet pads rows with thousands of empty ones).
    private static let maxRepeat = 1024
    /// Cells a sheet may hand out through repetition (`number-rows-repeated` of a row of repeated
    /// cells): a few bytes of XML can stand for 1,024 rows of 16,384 cells each, again and again.
    /// 2^26 is a million rows of 64 columns, far more than a network's export; past it the
    /// sheet is refused rather than read for minutes.
    static let maxRepeatedCells = 1 << 26
    /// Cells handed out so far through repeated rows.
    private var repeatedCells = 0

    init(sheet: String, location: String, onRow: @escaping SheetSource.OnRow) {
        self.sheet = sheet
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

    /// Adds to the cell's text, up to what a cell may hold (`WorkbookLimits`); past that the
    /// cell is marked too long and nothing more is kept.
    @inline(__always)
    private func append(_ s: String) {
        if text.utf8.count + s.utf8.count > WorkbookLimits.maxCellBytes { tooLong = true } else { text += s }
    }

    /// Repeat counts (`table:number-…-repeated`): at least 1; sums saturate instead of overflowing.
    private static func repeatCount(_ value: String?) -> Int {
        max(1, value.flatMap { Int($0) } ?? 1)
    }

    @inline(__always)
    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
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
                if paragraphs > 0 { append("\n") }
                paragraphs += 1
            case "s" where annotation == 0:
                // `text:c` spaces (1 when absent or not a positive number); never more than a cell holds.
                let count = ODSSheetParser.repeatCount(attributes["text:c"])
                if count > WorkbookLimits.maxCellBytes - text.utf8.count { tooLong = true } else {
                    text += String(repeating: " ", count: count)
                }
            case "tab" where annotation == 0: append("\t")
            case "line-break" where annotation == 0: append("\n")
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
            rowRepeat = ODSSheetParser.repeatCount(attributes["table:number-rows-repeated"])
        case "table-cell", "covered-table-cell":
            inCell = true
            cellRepeat = ODSSheetParser.repeatCount(attributes["table:number-columns-repeated"])
            text = ""
            tooLong = false
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
            guard inCell, !stopped else { return }
            inCell = false
            if tooLong || (text.utf8.count > WorkbookLimits.maxCellCharacters
                           && text.utf16.count > WorkbookLimits.maxCellCharacters) {
                return fail(parser, WorkbookLimits.cellTooLong(location, row: ODSSheetParser.add(currentRow, 1),
                                                               column: ODSSheetParser.add(column, pendingEmpty)))
            }
            // A cell hidden under a merge shows nothing, whatever it still holds.
            var value = local == "covered-table-cell" ? "" : typedValue ?? text
            // A whole number shown with leading zeros (an id formatted `00000`) is kept as shown.
            if isFloat, text.count > 1, text.hasPrefix("0"), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
               Double(text) == Double(value) {
                value = text
            }
            if value.isEmpty {
                pendingEmpty = ODSSheetParser.add(pendingEmpty, cellRepeat)
            } else {
                column = ODSSheetParser.add(column, pendingEmpty)
                pendingEmpty = 0
                let copies = min(cellRepeat, ODSSheetParser.maxRepeat)
                guard column <= WorkbookLimits.maxColumns - copies else {
                    return fail(parser, WorkbookLimits.columnBeyondLimit(location, row: ODSSheetParser.add(currentRow, 1),
                                                                         column: column))
                }
                for _ in 0..<copies {
                    row.set(column, value)
                    column += 1
                }
                rowHasCells = true
            }
        case "table-row":
            let first = ODSSheetParser.add(currentRow, 1)
            currentRow = ODSSheetParser.add(currentRow, rowRepeat)
            guard rowHasCells, !stopped else { return }
            let copies = min(rowRepeat, ODSSheetParser.maxRepeat)
            guard first <= WorkbookLimits.maxRows - copies + 1 else {
                return fail(parser, WorkbookLimits.rowBeyondLimit(location, row: first == Int.max ? "\(Int.max)+" : "\(first)"))
            }
            if copies > 1 {
                repeatedCells = ODSSheetParser.add(repeatedCells, row.count.multipliedReportingOverflow(by: copies - 1).overflow
                                                   ? Int.max : row.count * (copies - 1))
                guard repeatedCells <= ODSSheetParser.maxRepeatedCells else {
                    return fail(parser, UserError(.badInput, fr: "\(location):\(first) : la feuille répète des lignes "
                        + "jusqu'à dépasser \(ODSSheetParser.maxRepeatedCells) cellules, bien plus que n'en contient un "
                        + "tableau de suivi (un fichier endommagé ou fabriqué) ; enregistrez-la de nouveau depuis le tableur, "
                        + "ou exportez-la en CSV",
                        en: "\(location):\(first): the sheet repeats rows to more than \(ODSSheetParser.maxRepeatedCells) "
                        + "cells, far more than any export holds (a damaged or crafted file); save it again from the "
                        + "spreadsheet, or export the sheet as CSV"))
                }
            }
            for line in first..<(first + copies) {
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
        if inCell && annotation == 0 && paragraphs > 0 { append(string) }
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

    /// An ISO 8601 duration `PT01H30M00S` (or `PT1H30M`) as `1:30`; one of more than a billion
    /// days (10^23 hours) is given as written, for the importer to refuse.
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
        let seconds = (total + days * 86400).rounded()
        guard abs(seconds) < 1e9 * 86400 else { return iso }
        return CellText.duration(seconds: Int(seconds))
    }
}
