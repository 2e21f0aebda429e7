import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SharedTestSupport
import Testing
import ZIPFoundation
@testable import EntraideKit

/// Hostile workbooks (issue 14), each built here: cells, rows and parts that a spreadsheet
/// never writes but a crafted or damaged file can hold. None may trap, exhaust memory or leave
/// the sheet on disk; each is a clear error naming the file, the sheet and the row.
enum HostileWorkbook {
    static let headerCells = ["N° demande", "Date d'appel", "Type de service"]

    /// Styles: 0 general, 1 date and time (built-in 22), 2 duration `[h]:mm`, 3 time of day (built-in 20).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="[h]:mm"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>\
        <xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="20"/></cellXfs></styleSheet>
        """

    static func inline(_ ref: String, _ text: String) -> String {
        "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }

    static let xlsxHeader = "<row r=\"1\">" + zip(["A1", "B1", "C1"], headerCells).map { inline($0, $1) }.joined() + "</row>"

    /// An XLSX workbook of one sheet `demandes`: the header row, then `rows` (`<row>` elements).
    static func xlsx(_ dir: TempDir, rows: String, prolog: String = "", sharedStrings: String? = nil,
                     name: String = "demandes.xlsx") throws -> String {
        let sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\(prolog)<worksheet "
            + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(xlsxHeader)\(rows)"
            + "</sheetData></worksheet>"
        var parts = [
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
                + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + "<sheet name=\"demandes\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                + "Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
        return try write(dir.path(name), parts.map { ($0.0, Data($0.1.utf8)) })
    }

    static func odsRow(_ cells: [String], attributes: String = "") -> String {
        "<table:table-row\(attributes)>" + cells.map {
            "<table:table-cell office:value-type=\"string\"><text:p>\($0)</text:p></table:table-cell>"
        }.joined() + "</table:table-row>"
    }

    /// An ODS workbook of one table `demandes`: the header row, then `rows` (`<table:table-row>` elements).
    static func ods(_ dir: TempDir, rows: String) throws -> String {
        let content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
            + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
            + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
            + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
            + "<table:table table:name=\"demandes\">\(odsRow(headerCells))\(rows)</table:table>"
            + "</office:spreadsheet></office:body></office:document-content>"
        return try write(dir.path("demandes.ods"), [
            ("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)),
            ("content.xml", Data(content.utf8)),
        ])
    }

    @discardableResult
    static func write(_ path: String, _ parts: [(String, Data)]) throws -> String {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return path
    }

    /// The rows of sheet `demandes` as the importer reads them.
    static func cells(_ path: String) throws -> [[String]] {
        var rows: [[String]] = []
        try SpreadsheetFile.open(path: path).source(sheet: "demandes").forEachRecord { record in
            rows.append(record.row.strings)
            return true
        }
        return rows
    }

    /// The error reading the sheet ends with, as the user sees it.
    static func error(_ path: String) -> String {
        do {
            _ = try cells(path)
            return "no error"
        } catch {
            return "\(error)"
        }
    }
}

@Suite struct HostileWorkbookTests {
    @Test func xlsxDateTimeAndDurationCellsOutOfAnyCalendar() throws {
        let dir = try TempDir()
        // Style 1 date and time, 2 duration, 3 time of day: the number, as written, for the importer to refuse.
        for (value, shown) in [("1e300", "1e+300"), ("-1e300", "-1e+300"), ("NaN", "NaN"), ("inf", "inf")] {
            for style in 1...3 {
                let path = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\">" + HostileWorkbook.inline("A2", "D1")
                    + "<c r=\"B2\" s=\"\(style)\"><v>\(value)</v></c></row>", name: "d\(style).xlsx")
                #expect(try HostileWorkbook.cells(path).last == ["D1", shown], "\(value), style \(style)")
            }
        }
        // As an import: a row error naming the column, not a trap.
        let f = try ImportFixture()
        let path = try HostileWorkbook.xlsx(f.dir, rows: "<row r=\"2\">" + HostileWorkbook.inline("A2", "D1")
            + "<c r=\"B2\" s=\"1\"><v>1e300</v></c>" + HostileWorkbook.inline("C2", "courses") + "</row>")
        let s = try f.run([path])
        #expect(!s.committed)
        #expect(s.errors.map(\.description).first?.hasPrefix(
            "\(path)[demandes]:2: Date d'appel: cannot read \"1e+300\" as a date and time") == true, "\(s.errors)")
    }

    @Test func xlsxNegativeOrMissingStyleIndexIsTheGeneralFormat() throws {
        let dir = try TempDir()
        let path = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\"><c r=\"A2\" s=\"-1\"><v>46298.5</v></c>"
            + "<c r=\"B2\" s=\"-9223372036854775808\"><v>7</v></c><c r=\"C2\" s=\"99\"><v>8</v></c></row>")
        #expect(try HostileWorkbook.cells(path).last == ["46298.5", "7", "8"])
    }

    @Test func xlsxRowsAndColumnsBeyondExcelsLimits() throws {
        let dir = try TempDir()
        for r in ["3000000000", "1048577", "0", "-1", "99999999999999999999"] {
            let path = try HostileWorkbook.xlsx(dir, rows: "<row r=\"\(r)\">" + HostileWorkbook.inline("A\(r)", "D1") + "</row>",
                                                name: "r\(r).xlsx")
            #expect(HostileWorkbook.error(path) == "\(path)[demandes]: row number \(r) is not a row of a sheet (rows are "
                + "numbered 1 to 1048576, Excel's limit); the workbook is damaged or not from a spreadsheet")
        }
        // The last row and column are read.
        let last = try HostileWorkbook.xlsx(dir, rows: "<row r=\"1048576\">" + HostileWorkbook.inline("XFD1048576", "x")
                                            + "</row>", name: "last.xlsx")
        let rows = try HostileWorkbook.cells(last)
        #expect(rows.last?.count == 16_384 && rows.last?.last == "x")
        for ref in ["XFE2", "AAAAAAAAAAAAAAAAAAAAAAAA2"] {
            let path = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\">" + HostileWorkbook.inline(ref, "x") + "</row>",
                                                name: "c\(ref.count).xlsx")
            #expect(HostileWorkbook.error(path).hasPrefix("\(path)[demandes]:2: a cell lies beyond column XFD"))
        }
    }

    @Test func xlsxCellsLongerThanExcelAllowsAreErrors() throws {
        let dir = try TempDir()
        let longest = String(repeating: "é", count: 32_767)
        let ok = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\">" + HostileWorkbook.inline("B2", longest) + "</row>",
                                          name: "ok.xlsx")
        #expect(try HostileWorkbook.cells(ok).last?.last == longest)
        let tooLong = "\(dir.path("long.xlsx"))[demandes]:2: column B: the cell holds more than 32767 characters, "
            + "Excel's limit for a cell; shorten it"
        let inline = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\">" + HostileWorkbook.inline("B2", longest + "x")
                                              + "</row>", name: "long.xlsx")
        #expect(HostileWorkbook.error(inline) == tooLong)
        // A shared string of 8 MiB (in a zip of a few KiB): refused when a cell uses it, never held whole.
        let shared = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>ok</t></si><si><t>"
            + String(repeating: "a", count: 8 << 20) + "</t></si></sst>"
        let sst = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\">"
                                           + "<v>1</v></c></row>", sharedStrings: shared, name: "long.xlsx")
        #expect(HostileWorkbook.error(sst) == tooLong)
        let number = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\"><c r=\"B2\"><v>" + String(repeating: "1", count: 1 << 20)
                                              + "</v></c></row>", name: "long.xlsx")
        #expect(HostileWorkbook.error(number) == tooLong)
    }

    @Test func xlsxDocumentTypeDeclarationsAreRefused() throws {
        let dir = try TempDir()
        let secret = try dir.write("secret.txt", "0612345678")
        let refused = "the workbook holds a document type declaration (<!DOCTYPE …>), which XLSX and ODS files never "
            + "contain; it is refused (it could make the reader fetch other files); save the workbook again from the spreadsheet"
        // An external entity in a cell used to empty the next cell without a word.
        let path = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\">" + HostileWorkbook.inline("A2", "D1&xxe;")
            + HostileWorkbook.inline("B2", "03/10/2026 14:05") + "</row>",
            prolog: "<!-- a comment --><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file://\(secret)\">]>")
        #expect(HostileWorkbook.error(path) == "\(path)[demandes]: " + refused)
        // In the shared strings, read when the workbook is opened.
        let shared = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
            + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&b;</t></si></sst>"
        let sst = try HostileWorkbook.xlsx(dir, rows: "", sharedStrings: shared, name: "sst.xlsx")
        #expect(HostileWorkbook.error(sst) == "\(sst): " + refused)
        // A comment that mentions a DTD is no DTD.
        let comment = try HostileWorkbook.xlsx(dir, rows: "", prolog: "<!-- <!DOCTYPE x> <a> -->", name: "comment.xlsx")
        #expect(try HostileWorkbook.cells(comment) == [HostileWorkbook.headerCells])
    }

    /// Found by scripts/fuzz (FuzzXLSX, FuzzODS): Foundation's XMLParser traps on an element or
    /// attribute name that is not UTF-8, so no part reaches it unless it is valid UTF-8.
    @Test func partsThatAreNotUTF8AreRefused() throws {
        let dir = try TempDir()
        let badName = Data("<?xml version=\"1.0\"?><worksheet><sheetData><C".utf8) + Data([0xC3]) + Data("E/>".utf8)
        let badAttribute = Data("<worksheet><sheetData><row ".utf8) + Data([0xC3, 0x45]) + Data("=\"1\"/>".utf8)
        let cut = Data("<worksheet><sheetData><row r=\"1\"/></sheetData></worksheet>".utf8) + Data([0xE2, 0x82])
        let xlsx = try HostileWorkbook.xlsx(dir, rows: "")
        let archive = try #require(try? Archive(url: URL(fileURLWithPath: xlsx), accessMode: .read))
        var parts: [(String, Data)] = []
        for entry in archive where entry.path != "xl/worksheets/sheet1.xml" {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts.append((entry.path, data))
        }
        for (i, sheet) in [badName, badAttribute, cut].enumerated() {
            let path = try HostileWorkbook.write(dir.path("bad\(i).xlsx"), parts + [("xl/worksheets/sheet1.xml", sheet)])
            #expect(HostileWorkbook.error(path) == "\(path)[demandes]: the workbook is damaged (its part "
                + "xl/worksheets/sheet1.xml is not valid UTF-8 text); open it in the spreadsheet and save it again")
        }
        // In the workbook part, read when the file is opened.
        let book = try HostileWorkbook.write(dir.path("book.xlsx"), parts.filter { $0.0 != "xl/workbook.xml" }
            + [("xl/workbook.xml", Data("<workbook><sheets><sheet ".utf8) + Data([0xFF]) + Data("/></sheets></workbook>".utf8))])
        #expect(HostileWorkbook.error(book) == "\(book): the workbook is damaged (its part xl/workbook.xml is not valid "
            + "UTF-8 text); open it in the spreadsheet and save it again")
        // ODS content.
        let ods = try HostileWorkbook.write(dir.path("bad.ods"), [
            ("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)),
            ("content.xml", Data("<office:document-content><table:table table:name=\"demandes\"><table:table-row><x".utf8)
                + Data([0xC3]) + Data("E/></table:table-row></table:table></office:document-content>".utf8)),
        ])
        // Found while the sheet names are looked for, before any sheet is read: the file is named.
        #expect(HostileWorkbook.error(ods) == "\(ods): the workbook is damaged (its part content.xml is not "
            + "valid UTF-8 text); open it in the spreadsheet and save it again")
        // Multi-byte characters cut by the end of a 64 KiB chunk are fine.
        let accents = String(repeating: "é€😀", count: 20_000)
        let texts = (0..<4).map { String(accents.prefix(9000 + $0)) }
        let long = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\">" + zip(["A2", "B2", "C2", "D2"], texts).map {
            HostileWorkbook.inline($0, $1)
        }.joined() + "</row>", name: "accents.xlsx")
        #expect(try HostileWorkbook.cells(long).last == texts)
    }

    /// Found by scripts/fuzz (FuzzXLSX, a hang, on the old code too): a deflate stream that ends
    /// before its end marker (here a stored block announcing 65,535 bytes that are not there)
    /// makes ZIPFoundation 0.9.20 read on past the end of the file forever; the stream notices
    /// that nothing comes and makes the file unreadable, which ends the unpacker.
    @Test(.timeLimit(.minutes(1)))
    func aDeflateStreamCutShortIsAnError() throws {
        let dir = try TempDir()
        let path = dir.path("cut.xlsx")
        let stored = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        // BTYPE 00, LEN 65535, then `<a` in UTF-16 (so the rest of the file, copied out, is not
        // refused as invalid UTF-8 first).
        let data = Data([0x00, 0xFF, 0xFF, 0x00, 0x00, 0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00])
        try stored.addEntry(with: "sheet.xml", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) {
            position, size in data.subdata(in: Int(position)..<Int(position) + size)
        }
        // Mark the entry deflated, in its local header and in the central directory.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[8] = 8
        let central = try #require((0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)] == [0x50, 0x4B, 0x01, 0x02] })
        bytes[central + 10] = 8
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let stream = ZipPartStream(archive: archive, entry: try #require(archive["sheet.xml"]), what: path, limit: .max,
                                   stallLimit: 0.5)
        #expect(!XMLParser(stream: stream).parse())
        stream.finish()
        #expect(stream.failure?.description == "\(path): the workbook is damaged (its part sheet.xml cannot be unpacked: its "
            + "compressed data ends too early); open it in the spreadsheet and save it again")
    }

    /// Found by FuzzODS in CI: an ODS whose content.xml is a deflate stream cut short hung the
    /// scan of its sheet names, which unpacked the part without the stream's stall guard. Every
    /// part is now unpacked through `ZipPartStream`.
    @Test func anODSWhoseContentIsCutShortIsAnErrorNotAHang() throws {
        let path = TestPaths.fixture("fuzz/ods-content-deflate-cut-short.ods").path
        let start = Date()
        var failure: UserError?
        do {
            let book = try SpreadsheetFile.open(path: path)
            for sheet in book.sheetNames { try book.source(sheet: sheet).forEachRecord { _ in true } }
        } catch let error as UserError {
            failure = error
        }
        #expect(failure?.description.contains("the workbook is damaged") == true, "\(String(describing: failure))")
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func odsSpaceCountsNegativeOrHuge() throws {
        let dir = try TempDir()
        func spaces(_ c: String) -> String {
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"\(c)\"/>b</text:p>"
                + "</table:table-cell></table:table-row>"
        }
        for c in ["-5", "0", "x", "99999999999999999999"] {
            #expect(try HostileWorkbook.cells(try HostileWorkbook.ods(dir, rows: spaces(c))).last == ["a b"], "\(c)")
        }
        #expect(try HostileWorkbook.cells(try HostileWorkbook.ods(dir, rows: spaces("3"))).last == ["a   b"])
        for c in ["100000000", "9223372036854775807"] {
            let path = try HostileWorkbook.ods(dir, rows: spaces(c))
            #expect(HostileWorkbook.error(path) == "\(path)[demandes]:2: column A: the cell holds more than 32767 characters, "
                + "Excel's limit for a cell; shorten it")
        }
    }

    @Test func odsTimeValuesOutOfRangeAreKeptAsWritten() throws {
        let dir = try TempDir()
        let rows = ["PT100000000000000000000000H", "P99999999999999999999DT1H", "PT01H30M00S"].map {
            "<table:table-row><table:table-cell office:value-type=\"time\" office:time-value=\"\($0)\"/></table:table-row>"
        }.joined()
        #expect(try HostileWorkbook.cells(try HostileWorkbook.ods(dir, rows: rows)).dropFirst().map(\.[0])
            == ["PT100000000000000000000000H", "P99999999999999999999DT1H", "1:30"])
    }

    @Test func odsRepeatCountsNearIntMax() throws {
        let dir = try TempDir()
        let max = "9223372036854775807"
        // Empty rows and cells repeated without end, then one with text: beyond Excel's sheet.
        let rows = try HostileWorkbook.ods(dir, rows: "<table:table-row table:number-rows-repeated=\"\(max)\"/>"
            + HostileWorkbook.odsRow(["D1"]) + "<table:table-row table:number-rows-repeated=\"\(max)\"/>"
            + HostileWorkbook.odsRow(["D2"]))
        #expect(HostileWorkbook.error(rows).hasPrefix("\(rows)[demandes]: row number 9223372036854775807"))
        let columns = try HostileWorkbook.ods(dir, rows: "<table:table-row><table:table-cell table:number-columns-repeated=\""
            + "\(max)\"/><table:table-cell table:number-columns-repeated=\"\(max)\"/>"
            + "<table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>")
        #expect(HostileWorkbook.error(columns).hasPrefix("\(columns)[demandes]:2: a cell lies beyond column XFD"))
        // A row with text repeated without end: its first 1024 copies (as before), then the sheet goes on.
        let repeated = try HostileWorkbook.ods(dir, rows: HostileWorkbook.odsRow(["D1"], attributes:
            " table:number-rows-repeated=\"\(max)\"") + "<table:table-row table:number-rows-repeated=\"1048575\"/>")
        let read = try HostileWorkbook.cells(repeated)
        #expect(read.count == 1 + 1024 && read.last == ["D1"])
        // LibreOffice's padding to the end of the sheet is still fine.
        let padded = try HostileWorkbook.ods(dir, rows: HostileWorkbook.odsRow(["D1"])
            + "<table:table-row table:number-rows-repeated=\"1048574\"><table:table-cell "
            + "table:number-columns-repeated=\"16384\"/></table:table-row>")
        #expect(try HostileWorkbook.cells(padded).count == 2)
    }

    @Test func odsRepeatedRowsOfRepeatedCellsHaveATotalCap() throws {
        let dir = try TempDir()
        // A row of 16,384 cells (16 elements of 1,024 copies), repeated 1,024 times: 16 million
        // cells from a few hundred bytes. Five of them pass the cap of 2^26 cells.
        let wide = "<table:table-row table:number-rows-repeated=\"1024\">"
            + String(repeating: "<table:table-cell table:number-columns-repeated=\"1024\" office:value-type=\"string\">"
                + "<text:p>x</text:p></table:table-cell>", count: 16) + "</table:table-row>"
        let path = try HostileWorkbook.ods(dir, rows: String(repeating: wide, count: 5))
        var rows = 0
        var thrown: Error?
        do {
            try SpreadsheetFile.open(path: path).source(sheet: "demandes").forEachRecord { _ in rows += 1; return true }
        } catch { thrown = error }
        let error = try #require(thrown as? UserError)
        #expect(error.kind == .badInput)
        #expect(error.message.hasPrefix("\(path)[demandes]:4098: the sheet repeats rows to more than 67108864 cells"))
        #expect(error.text.fr.contains("la feuille répète des lignes"))
        // Stopped at the cap: the header, then four repeated rows of 16,384 cells (2^26), not a fifth.
        #expect(rows == 1 + 4 * 1024)
        // Below the cap, as before: one such row is read whole.
        let one = try HostileWorkbook.ods(dir, rows: wide)
        rows = 0
        try SpreadsheetFile.open(path: one).source(sheet: "demandes").forEachRecord { _ in rows += 1; return true }
        #expect(rows == 1 + 1024)
    }

    @Test func sheetsAreNeverUnpackedToTheTemporaryFolder() throws {
        let dir = try TempDir()
        let path = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\">" + HostileWorkbook.inline("A2", "0612345678") + "</row>")
        let temp = FileManager.default.temporaryDirectory.path
        func unpacked() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: temp)) ?? []).filter { $0.hasPrefix("entraide-sheet-") }
        }
        let before = Set(unpacked())
        var during: [String] = []
        try SpreadsheetFile.open(path: path).source(sheet: "demandes").forEachRecord { _ in
            during += unpacked().filter { !before.contains($0) }
            return true
        }
        #expect(during.isEmpty)
    }

    @Test func aSheetThatUnpacksPastTheCapIsRefused() throws {
        let dir = try TempDir()
        // 64 MiB of spaces in a zip of a few dozen KiB, read with a 1 MiB cap.
        let size = 64 << 20
        let path = dir.path("bomb.xlsx")
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let head = Data("<?xml version=\"1.0\"?><worksheet><sheetData>".utf8)
        try archive.addEntry(with: "sheet.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) {
            position, count in
            position == 0 ? head + Data(repeating: 0x20, count: count - head.count) : Data(repeating: 0x20, count: count)
        }
        let stream = ZipPartStream(archive: archive, entry: archive["sheet.xml"]!, what: "\(path)[demandes]", limit: 1 << 20)
        let parser = XMLParser(stream: stream)
        #expect(!parser.parse())
        stream.finish()
        #expect(stream.failure?.description == "\(path)[demandes]: the workbook's part sheet.xml unpacks to more than "
            + "1 MiB, more than any workbook this tool reads (a damaged file or a zip bomb); save the workbook again "
            + "from the spreadsheet, or export the sheet as CSV")
        // Stopping early stops the helper thread, and the archive can be read again.
        let early = ZipPartStream(archive: archive, entry: archive["sheet.xml"]!, what: "x", limit: .max)
        early.open()
        var buffer = [UInt8](repeating: 0, count: 100)
        #expect(early.read(&buffer, maxLength: 100) > 0)
        early.finish()
        #expect(early.failure == nil)
    }
}
