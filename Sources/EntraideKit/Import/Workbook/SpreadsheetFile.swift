import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// A spreadsheet workbook given to `entraide import`: an XLSX (Office Open XML) or an ODS
/// (OpenDocument) file. It lists its sheets and reads one sheet at a time as records, the
/// sheet's XML streamed (never held whole in memory).
struct SpreadsheetFile: Sendable {
    enum Format: String { case xlsx, ods }

    let path: String
    let format: Format
    /// Sheet names, in workbook order.
    let sheetNames: [String]
    private let xlsx: XLSXBook?

    /// File extensions read as workbooks.
    static let extensions: Set<String> = ["xlsx", "xlsm", "ods", "xls"]

    static func isWorkbook(path: String) -> Bool {
        extensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// Opens a workbook and lists its sheets. Every failure is a `UserError` naming the file.
    static func open(path: String) throws -> SpreadsheetFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw UserError(.fileAccess, "\(path): cannot open the file (does it exist, is it readable?)")
        }
        let magic = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        try? handle.close()
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            // OLE compound file: an encrypted OOXML workbook, or a binary .xls.
            throw UserError(.badInput, "\(path): this workbook is password-protected (encrypted) or in the old Excel 97–2003 "
                + ".xls format; open it in the spreadsheet and save it as .xlsx (or .ods) without a password")
        }
        guard magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw UserError(.badInput, "\(path): not an XLSX or ODS workbook (the file is damaged or in another format)")
        }
        let archive = try openArchive(path)
        if archive["xl/workbook.xml"] != nil {
            let book = try XLSXBook(archive: archive, path: path)
            return SpreadsheetFile(path: path, format: .xlsx, sheetNames: book.sheets.map(\.name), xlsx: book)
        }
        if archive["content.xml"] != nil || archive["mimetype"] != nil {
            if let manifest = archive["META-INF/manifest.xml"] {
                let data = try extract(archive, manifest, path: path)
                if String(decoding: data, as: UTF8.self).contains("encryption-data") {
                    throw UserError(.badInput, "\(path): this workbook is password-protected (encrypted); open it in the "
                        + "spreadsheet and save it again without a password")
                }
            }
            guard let content = archive["content.xml"] else {
                throw UserError(.badInput, "\(path): the workbook is damaged (content.xml is missing)")
            }
            let names = try ODSSheetNames.scan(archive: archive, entry: content, path: path)
            return SpreadsheetFile(path: path, format: .ods, sheetNames: names, xlsx: nil)
        }
        throw UserError(.badInput, "\(path): not an XLSX or ODS workbook (a zip file without a workbook inside)")
    }

    /// The records of one sheet. `location` (`FILE[SHEET]`) names it in errors.
    func source(sheet: String) throws -> SheetSource {
        let location = "\(path)[\(sheet)]"
        let archive = try SpreadsheetFile.openArchive(path)
        switch format {
        case .xlsx:
            guard let book = xlsx, let info = book.sheets.first(where: { $0.name == sheet }) else {
                throw UserError(.notFound, "\(location): no such sheet")
            }
            try book.loadCellData(archive: archive)
            guard let entry = archive[info.part] else {
                throw UserError(.badInput, "\(location): the workbook is damaged (its part \(info.part) is missing)")
            }
            return SheetSource(location: location, archive: archive, entry: entry) { onRow in
                XLSXSheetParser(book: book, onRow: onRow)
            }
        case .ods:
            guard let entry = archive["content.xml"] else {
                throw UserError(.badInput, "\(location): the workbook is damaged (content.xml is missing)")
            }
            return SheetSource(location: location, archive: archive, entry: entry) { onRow in
                ODSSheetParser(sheet: sheet, onRow: onRow)
            }
        }
    }

    // MARK: Zip helpers

    static func openArchive(_ path: String) throws -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw UserError(.badInput, "\(path): the workbook is damaged (it cannot be read as a zip archive)")
        }
    }

    /// A small part of the archive (workbook, relationships, styles, shared strings), in memory.
    static func extract(_ archive: Archive, _ entry: Entry, path: String) throws -> Data {
        var data = Data()
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16) { data.append($0) }
        } catch {
            throw UserError(.badInput, "\(path): the workbook is damaged (its part \(entry.path) cannot be unpacked)")
        }
        return data
    }

    /// Parses a small XML part with a SAX delegate; a damaged part is a `UserError`.
    static func parse(_ data: Data, delegate: XMLParserDelegate, what: String) throws {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        if !parser.parse() {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw UserError(.badInput, "\(what): the workbook is damaged (its XML cannot be read; XML error \(code)); "
                + "open it in the spreadsheet and save it again")
        }
    }
}

/// The local part of an XML name (`x:row` → `row`).
@inline(__always)
func xmlLocalName(_ name: String) -> Substring {
    if let i = name.lastIndex(of: ":") { return name[name.index(after: i)...] }
    return name[...]
}

/// A sheet parser: an XMLParser delegate that calls `onRow` with each row's cells.
protocol SheetParser: XMLParserDelegate {
    /// The spreadsheet row being read (for damaged-file messages).
    var currentRow: Int { get }
    /// Set when `onRow` threw or asked to stop.
    var stopError: Error? { get }
    var stopped: Bool { get }
}

/// The records of one sheet. The sheet's XML is unpacked to a temporary file and parsed as
/// a stream from there, so memory holds one row at a time, not the sheet.
final class SheetSource: RecordSource {
    typealias Record = SheetRecord
    typealias OnRow = (CellRow, Int) throws -> Bool

    let location: String
    private let archive: Archive
    private let entry: Entry
    private let makeParser: (@escaping OnRow) -> SheetParser
    var bytesRead: Int { 0 }
    var fileSize: Int { 0 }

    init(location: String, archive: Archive, entry: Entry, makeParser: @escaping (@escaping OnRow) -> SheetParser) {
        self.location = location
        self.archive = archive
        self.entry = entry
        self.makeParser = makeParser
    }

    func forEachRecord(_ body: (SheetRecord) throws -> Bool) throws {
        let temp = FileManager.default.temporaryDirectory
            .appendingPathComponent("entraide-sheet-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: temp) }
        guard FileManager.default.createFile(atPath: temp.path, contents: nil),
              let out = FileHandle(forWritingAtPath: temp.path) else {
            throw UserError(.fileAccess, "\(location): cannot unpack the sheet to a temporary file in "
                + "\(FileManager.default.temporaryDirectory.path) (is the disk full?)")
        }
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 18) { out.write($0) }
            try out.close()
        } catch {
            try? out.close()
            throw UserError(.badInput, "\(location): the workbook is damaged (the sheet cannot be unpacked: \(error))")
        }
        guard let stream = InputStream(url: temp) else {
            throw UserError(.fileAccess, "\(location): cannot read the unpacked sheet")
        }
        try withoutActuallyEscaping(body) { body in
            let parser = XMLParser(stream: stream)
            let delegate = makeParser { row, line in try body(SheetRecord(row: row, line: line)) }
            parser.delegate = delegate
            let ok = parser.parse()
            if let error = delegate.stopError { throw error }
            if !ok && !delegate.stopped {
                let code = (parser.parserError as NSError?)?.code ?? 0
                throw UserError(.badInput, "\(location):\(max(delegate.currentRow, 1)): the workbook is damaged "
                    + "(the sheet's XML cannot be read from this row on; XML error \(code)); open it in the "
                    + "spreadsheet and save it again")
            }
        }
    }
}
