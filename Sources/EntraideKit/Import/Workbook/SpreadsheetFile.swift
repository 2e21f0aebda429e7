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
            throw UserError(.fileAccess,
                fr: "\(path) : le fichier ne peut pas être ouvert (existe-t-il, avez-vous le droit de le lire ?)",
                en: "\(path): cannot open the file (does it exist, is it readable?)")
        }
        let magic = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        try? handle.close()
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            // OLE compound file: an encrypted OOXML workbook, or a binary .xls.
            throw UserError(.badInput,
                fr: "\(path) : ce classeur est protégé par un mot de passe (chiffré) ou dans l'ancien format .xls "
                    + "d'Excel 97–2003 ; ouvrez-le dans le tableur et enregistrez-le en .xlsx (ou .ods) sans mot de passe",
                en: "\(path): this workbook is password-protected (encrypted) or in the old Excel 97–2003 "
                    + ".xls format; open it in the spreadsheet and save it as .xlsx (or .ods) without a password")
        }
        guard magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw UserError(.badInput,
                fr: "\(path) : ce n'est pas un classeur XLSX ou ODS (le fichier est abîmé ou dans un autre format) ; "
                    + "ouvrez-le dans le tableur et enregistrez-le en .xlsx ou .ods, ou exportez la feuille en CSV",
                en: "\(path): not an XLSX or ODS workbook (the file is damaged or in another format)")
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
                    throw UserError(.badInput,
                        fr: "\(path) : ce classeur est protégé par un mot de passe (chiffré) ; ouvrez-le dans le tableur "
                            + "et enregistrez-le de nouveau sans mot de passe",
                        en: "\(path): this workbook is password-protected (encrypted); open it in the "
                            + "spreadsheet and save it again without a password")
                }
            }
            guard let content = archive["content.xml"] else {
                throw UserError(.badInput,
                    fr: "\(path) : le classeur est abîmé (content.xml manque) ; enregistrez de nouveau le classeur "
                        + "depuis le tableur, ou exportez la feuille en CSV",
                    en: "\(path): the workbook is damaged (content.xml is missing)")
            }
            let names = try ODSSheetNames.scan(archive: archive, entry: content, path: path)
            return SpreadsheetFile(path: path, format: .ods, sheetNames: names, xlsx: nil)
        }
        throw UserError(.badInput,
            fr: "\(path) : ce n'est pas un classeur XLSX ou ODS (une archive zip sans classeur à l'intérieur) ; "
                + "donnez le fichier .xlsx ou .ods du tableau, ou exportez la feuille en CSV",
            en: "\(path): not an XLSX or ODS workbook (a zip file without a workbook inside)")
    }

    /// The records of one sheet. `location` (`FILE[SHEET]`) names it in errors.
    func source(sheet: String) throws -> SheetSource {
        let location = "\(path)[\(sheet)]"
        let archive = try SpreadsheetFile.openArchive(path)
        switch format {
        case .xlsx:
            guard let book = xlsx, let info = book.sheets.first(where: { $0.name == sheet }) else {
                throw UserError(.notFound,
                    fr: "\(location) : le classeur n'a pas de feuille de ce nom ; vérifiez le nom de la feuille "
                        + "(majuscules et espaces compris)",
                    en: "\(location): no such sheet")
            }
            try book.loadCellData(archive: archive)
            guard let entry = archive[info.part] else {
                throw UserError(.badInput,
                    fr: "\(location) : le classeur est abîmé (sa partie \(info.part) manque) ; enregistrez de nouveau "
                        + "le classeur depuis le tableur, ou exportez la feuille en CSV",
                    en: "\(location): the workbook is damaged (its part \(info.part) is missing)")
            }
            return SheetSource(location: location, archive: archive, entry: entry) { onRow in
                XLSXSheetParser(book: book, location: location, onRow: onRow)
            }
        case .ods:
            guard let entry = archive["content.xml"] else {
                throw UserError(.badInput,
                    fr: "\(location) : le classeur est abîmé (content.xml manque) ; enregistrez de nouveau le classeur "
                        + "depuis le tableur, ou exportez la feuille en CSV",
                    en: "\(location): the workbook is damaged (content.xml is missing)")
            }
            return SheetSource(location: location, archive: archive, entry: entry) { onRow in
                ODSSheetParser(sheet: sheet, location: location, onRow: onRow)
            }
        }
    }

    // MARK: Zip helpers

    static func openArchive(_ path: String) throws -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw UserError(.badInput,
                fr: "\(path) : le classeur est abîmé (il ne peut pas être lu comme une archive zip) ; enregistrez de "
                    + "nouveau le classeur depuis le tableur, ou exportez la feuille en CSV",
                en: "\(path): the workbook is damaged (it cannot be read as a zip archive)")
        }
    }

    /// A small part of the archive searched as text (the manifest), in memory, at most `limit` bytes.
    static func extract(_ archive: Archive, _ entry: Entry, path: String,
                        limit: Int = WorkbookLimits.maxPartBytes) throws -> Data {
        var data = Data()
        do {
            try ZipPartStream.read(archive, entry, what: path, limit: limit) { data.append($0) }
        } catch let error as UserError {
            throw error
        } catch {
            throw UserError(.badInput,
                fr: "\(path) : le classeur est abîmé (sa partie \(entry.path) ne peut pas être décompressée) ; "
                    + "enregistrez de nouveau le classeur depuis le tableur, ou exportez la feuille en CSV",
                en: "\(path): the workbook is damaged (its part \(entry.path) cannot be unpacked)")
        }
        return data
    }

    /// Parses a part of the archive (workbook, relationships, styles, shared strings) with a SAX
    /// delegate, streamed (`ZipPartStream`, at most `limit` bytes); a damaged part is a `UserError`.
    static func parse(_ archive: Archive, _ entry: Entry, delegate: XMLParserDelegate, what: String,
                      limit: Int = WorkbookLimits.maxPartBytes) throws {
        let stream = ZipPartStream(archive: archive, entry: entry, what: what, limit: limit)
        defer { stream.finish() }
        let parser = XMLParser(stream: stream)
        parser.delegate = delegate
        let ok = parser.parse()
        stream.finish()
        if let error = stream.failure { throw error }
        if !ok {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw UserError(.badInput,
                fr: "\(what) : le classeur est abîmé (son XML ne peut pas être lu ; erreur XML \(code)) ; "
                    + "ouvrez-le dans le tableur et enregistrez-le de nouveau",
                en: "\(what): the workbook is damaged (its XML cannot be read; XML error \(code)); "
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

/// The records of one sheet. The sheet's XML is unpacked from the zip on a helper thread and
/// handed to the XML parser as a stream (`ZipPartStream`): no temporary file, and memory holds
/// a few chunks and one row at a time, not the sheet.
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
        let stream = ZipPartStream(archive: archive, entry: entry, what: location, limit: WorkbookLimits.maxSheetBytes)
        defer { stream.finish() }
        try withoutActuallyEscaping(body) { body in
            let parser = XMLParser(stream: stream)
            let delegate = makeParser { row, line in try body(SheetRecord(row: row, line: line)) }
            parser.delegate = delegate
            let ok = parser.parse()
            if let error = delegate.stopError { throw error }
            stream.finish()
            if let error = stream.failure { throw error }
            if !ok && !delegate.stopped {
                let code = (parser.parserError as NSError?)?.code ?? 0
                let row = max(delegate.currentRow, 1)
                throw UserError(.badInput,
                    fr: "\(location):\(row) : le classeur est abîmé (le XML de la feuille ne peut pas être lu à partir "
                        + "de cette ligne ; erreur XML \(code)) ; ouvrez-le dans le tableur et enregistrez-le de nouveau",
                    en: "\(location):\(row): the workbook is damaged "
                        + "(the sheet's XML cannot be read from this row on; XML error \(code)); open it in the "
                        + "spreadsheet and save it again")
            }
        }
    }
}

/// What the readers accept of a workbook: Excel's own limits on a sheet, and caps on what an
/// archive may unpack to (a zip bomb is refused, not unpacked). docs/FORMAT.md lists them.
enum WorkbookLimits {
    /// Characters of a cell (UTF-16 code units, as Excel counts them).
    static let maxCellCharacters = 32_767
    /// Bytes of text kept while a cell is read: past this it is too long whatever its characters.
    static let maxCellBytes = 4 * maxCellCharacters
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    /// A sheet's XML (streamed, so this bounds time, not memory).
    static let maxSheetBytes = 1 << 30
    /// The shared strings of an XLSX workbook, which are held in memory.
    static let maxSharedStringsBytes = 1 << 28
    /// Any other part read whole (workbook, relationships, styles, manifest).
    static let maxPartBytes = 1 << 26

    static func partTooLarge(_ what: String, _ part: String, _ limit: Int) -> UserError {
        UserError(.badInput,
            fr: "\(what) : la partie \(part) du classeur se décompresse en plus de \(limit >> 20) Mio, plus que tout "
                + "classeur que cet outil lit (un fichier abîmé ou une « bombe zip ») ; enregistrez de nouveau le classeur "
                + "depuis le tableur, ou exportez la feuille en CSV",
            en: "\(what): the workbook's part \(part) unpacks to more than \(limit >> 20) MiB, more than "
                + "any workbook this tool reads (a damaged file or a zip bomb); save the workbook again from the spreadsheet, "
                + "or export the sheet as CSV")
    }

    /// `location:ROW: column C: ` (`location:ROW : colonne C : ` in French) for a message about
    /// one cell (column 0-based).
    static func cell(_ location: String, row: Int, column: Int) -> Localized {
        Localized(fr: "\(location):\(row) : colonne \(columnName(column)) : ",
                  en: "\(location):\(row): column \(columnName(column)): ")
    }

    static func cellTooLong(_ location: String, row: Int, column: Int) -> UserError {
        UserError(.badInput, cell(location, row: row, column: column).appending(Localized(
            fr: "la cellule contient plus de \(maxCellCharacters) caractères, la limite d'Excel pour une cellule ; "
                + "raccourcissez-la",
            en: "the cell holds more than \(maxCellCharacters) characters, Excel's limit for a cell; shorten it")))
    }

    static func columnBeyondLimit(_ location: String, row: Int, column: Int) -> UserError {
        UserError(.badInput,
            fr: "\(location):\(row) : une cellule se trouve au-delà de la colonne \(columnName(maxColumns - 1)), la "
                + "dernière colonne d'Excel (\(maxColumns) colonnes) ; le classeur est abîmé ou ne vient pas d'un "
                + "tableur : enregistrez-le de nouveau depuis le tableur, ou exportez la feuille en CSV",
            en: "\(location):\(row): a cell lies beyond column \(columnName(maxColumns - 1)), Excel's last "
                + "column (\(maxColumns) columns); the workbook is damaged or not from a spreadsheet")
    }

    static func rowBeyondLimit(_ location: String, row: String) -> UserError {
        UserError(.badInput,
            fr: "\(location) : le numéro de ligne \(row.prefix(40)) n'est pas celui d'une ligne de feuille (les lignes "
                + "sont numérotées de 1 à \(maxRows), la limite d'Excel) ; le classeur est abîmé ou ne vient pas d'un "
                + "tableur : enregistrez-le de nouveau depuis le tableur, ou exportez la feuille en CSV",
            en: "\(location): row number \(row.prefix(40)) is not a row of a sheet (rows are numbered 1 "
                + "to \(maxRows), Excel's limit); the workbook is damaged or not from a spreadsheet")
    }

    /// The letters of a 0-based column index (`0` → `A`, `27` → `AB`).
    static func columnName(_ index: Int) -> String {
        var n = max(0, min(index, 1 << 40)) + 1, letters: [UInt8] = []
        while n > 0 { n -= 1; letters.append(UInt8(65 + n % 26)); n /= 26 }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}

/// Checks an XML part's bytes before the XML parser sees them, chunk by chunk:
/// - a part that declares a DTD (`<!DOCTYPE`) is refused: XLSX and ODS parts never have one
///   (OPC forbids them), and a DTD is what external entities (XXE) and entity expansion need.
///   It reads the prolog, the bytes before the root element (NUL bytes left out, so UTF-16 is
///   read too): the XML declaration, processing instructions, comments, white space;
/// - a part that is not valid UTF-8 is refused (unless it is UTF-16, which libxml2 converts):
///   Foundation's XMLParser traps on an element or attribute name that is not (found by
///   scripts/fuzz).
struct XMLPartCheck {
    private var seen: [UInt8] = []
    private var decided = false
    private var started = false
    private var utf16 = false
    /// The bytes of a UTF-8 sequence cut by the end of the previous chunk.
    private var pending: [UInt8] = []
    /// The longest prolog accepted.
    private static let maxProlog = 1 << 16

    mutating func check(_ chunk: Data, what: String, part: String) throws {
        if !started && !chunk.isEmpty {
            started = true
            let b0 = chunk[chunk.startIndex], b1 = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 1
            utf16 = (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) || b0 == 0 || b1 == 0
        }
        if !utf16 {
            let valid: Bool
            if pending.isEmpty {
                valid = chunk.withUnsafeBytes { raw in XMLPartCheck.validUTF8(raw.bindMemory(to: UInt8.self), pending: &pending) }
            } else {
                let joined = pending + chunk
                pending = []
                valid = joined.withUnsafeBufferPointer { XMLPartCheck.validUTF8($0, pending: &pending) }
            }
            guard valid else { throw XMLPartCheck.notUTF8(what, part) }
        }
        guard !decided else { return }
        for b in chunk where b != 0 {
            seen.append(b)
            if seen.count >= XMLPartCheck.maxProlog { break }
        }
        switch XMLPartCheck.scan(seen) {
        case true?: decided = true; seen = []
        case false?: throw XMLPartCheck.refused(what)
        case nil: if seen.count >= XMLPartCheck.maxProlog { throw XMLPartCheck.refused(what) }
        }
    }

    /// At the end of the part: a UTF-8 sequence left unfinished is invalid.
    func finish(what: String, part: String) throws {
        guard pending.isEmpty else { throw XMLPartCheck.notUTF8(what, part) }
    }

    /// Whether `b` is valid UTF-8, but for a sequence cut at its end, whose bytes go to `pending`.
    static func validUTF8(_ b: UnsafeBufferPointer<UInt8>, pending: inout [UInt8]) -> Bool {
        let n = b.count
        guard let base = b.baseAddress else { return true }
        var i = 0
        while i < n {
            if i + 8 <= n && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var length = 0, low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            for k in 1..<length {
                guard i + k < n else {
                    pending = Array(b[i..<n])
                    return true
                }
                let x = b[i + k]
                if k == 1 ? (x < low || x > high) : (x & 0xC0 != 0x80) { return false }
            }
            i += length
        }
        return true
    }

    static func notUTF8(_ what: String, _ part: String) -> UserError {
        UserError(.badInput,
            fr: "\(what) : le classeur est abîmé (sa partie \(part) n'est pas un texte UTF-8 valide) ; ouvrez-le dans "
                + "le tableur et enregistrez-le de nouveau",
            en: "\(what): the workbook is damaged (its part \(part) is not valid UTF-8 text); open it in the "
                + "spreadsheet and save it again")
    }

    /// true: the root element starts; false: a `<!` other than a comment; nil: not known yet.
    static func scan(_ b: [UInt8]) -> Bool? {
        let n = b.count
        func find(_ pattern: [UInt8], from: Int) -> Int? {
            var i = from
            while i + pattern.count <= n {
                if b[i] == pattern[0] && Array(b[i..<(i + pattern.count)]) == pattern { return i }
                i += 1
            }
            return nil
        }
        var i = 0
        while i < n {
            guard b[i] == 0x3C else { i += 1; continue }  // `<`
            guard i + 1 < n else { return nil }
            switch b[i + 1] {
            case 0x3F:  // `<?` … `?>`
                guard let end = find([0x3F, 0x3E], from: i + 2) else { return nil }
                i = end + 2
            case 0x21:  // `<!--` … `-->`, or a declaration
                guard i + 3 < n else { return nil }
                guard b[i + 2] == 0x2D && b[i + 3] == 0x2D else { return false }
                guard let end = find([0x2D, 0x2D, 0x3E], from: i + 4) else { return nil }
                i = end + 3
            default:
                return true
            }
        }
        return nil
    }

    static func refused(_ what: String) -> UserError {
        UserError(.badInput,
            fr: "\(what) : le classeur contient une déclaration de type de document (<!DOCTYPE …>), ce que les fichiers "
                + "XLSX et ODS ne contiennent jamais ; il est refusé (elle pourrait faire lire d'autres fichiers) ; "
                + "enregistrez de nouveau le classeur depuis le tableur",
            en: "\(what): the workbook holds a document type declaration (<!DOCTYPE …>), which XLSX and "
                + "ODS files never contain; it is refused (it could make the reader fetch other files); save the workbook "
                + "again from the spreadsheet")
    }
}

/// One part of a zip archive as an `InputStream` for `XMLParser`: a helper thread unpacks it
/// and hands over 64 KiB chunks, at most four waiting, so the part never touches the disk and
/// memory stays bounded. Past `limit` bytes, or if the part is damaged or fails `XMLPartCheck`, the
/// stream fails and `failure` says why. `finish()` stops the helper and waits for it; the
/// archive must not be used by anyone else until then.
final class ZipPartStream: InputStream {
    private let archive: Archive
    private let entry: Entry
    private let what: String
    private let limit: Int
    private let lock = NSCondition()
    // Guarded by `lock`.
    private var queue: [Data] = []
    private var producerDone = false
    private var cancelled = false
    private var started = false
    private var _failure: UserError?
    /// Chunks the unpacker has handed over so far (a stall is a wait during which it stays the same).
    private var progress = 0
    private var stalled = false
    // The consumer's side.
    private var current = Data()
    private var offset = 0

    private struct Cancelled: Error {}
    private struct UncheckedSendable<T>: @unchecked Sendable { let value: T; init(_ value: T) { self.value = value } }

    /// Seconds without a chunk after which the unpacker is stuck (see `waitForProducer`).
    private let stallLimit: TimeInterval

    init(archive: Archive, entry: Entry, what: String, limit: Int, stallLimit: TimeInterval = 10) {
        self.archive = archive
        self.entry = entry
        self.what = what
        self.limit = limit
        self.stallLimit = stallLimit
        super.init(data: Data())
    }

    /// Waits (holding `lock`) until `done()` or the producer ends. ZIPFoundation 0.9.20 loops
    /// forever, without handing over anything, on a deflate stream cut short (it reads on past
    /// the end of the file): after `stallLimit` seconds without a chunk, the archive's file
    /// descriptor is pointed at /dev/null opened write-only, so that its next read fails and the
    /// unpacker throws, and the part is reported damaged.
    private func waitForProducer(until done: () -> Bool) {
        while !done() && !producerDone {
            let seen = progress
            if !lock.wait(until: Date(timeIntervalSinceNow: stallLimit)) && progress == seen && !producerDone && !stalled {
                stalled = true
                ZipPartStream.breakFile(of: archive)
            }
        }
    }

    /// Makes every further read of the archive's file fail (its `FILE` stays valid, so that the
    /// archive closes it as usual).
    private static func breakFile(of archive: Archive) {
        guard let file = Mirror(reflecting: archive).children.first(where: { $0.label == "archiveFile" })?.value
                as? FILEPointer else { return }
        #if canImport(Glibc)
        let sink = Glibc.open("/dev/null", O_WRONLY)
        #else
        let sink = Darwin.open("/dev/null", O_WRONLY)
        #endif
        guard sink >= 0 else { return }
        _ = dup2(sink, fileno(file))
        #if canImport(Glibc)
        Glibc.close(sink)
        #else
        Darwin.close(sink)
        #endif
    }

    /// Reads a whole part through a stream, so with its guards (the stall of a damaged deflate
    /// stream, the size `limit`, the XML check), handing `body` each chunk; the part's failure,
    /// or `body`'s, is thrown. Every part of a workbook is unpacked this way or by `parse`.
    static func read(_ archive: Archive, _ entry: Entry, what: String, limit: Int,
                     _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let stream = ZipPartStream(archive: archive, entry: entry, what: what, limit: limit)
        defer { stream.finish() }
        stream.open()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { stream.read($0.baseAddress!, maxLength: $0.count) }
            guard n > 0 else { break }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        stream.finish()
        if let error = stream.failure { throw error }
    }

    /// Why the part could not be read whole (nil when it was, or when the reader stopped early).
    var failure: UserError? {
        lock.lock(); defer { lock.unlock() }
        return _failure
    }

    override func open() {
        lock.lock(); defer { lock.unlock() }
        guard !started else { return }
        started = true
        // The helper thread is the only one to use the archive until `finish()` returns.
        let stream = UncheckedSendable(self)
        let thread = Thread { stream.value.produce() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    override func close() {}
    override var streamStatus: Stream.Status { .open }
    override var streamError: Error? { failure }

    override var hasBytesAvailable: Bool {
        if offset < current.count { return true }
        lock.lock(); defer { lock.unlock() }
        return !queue.isEmpty || !producerDone
    }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
        if offset >= current.count {
            lock.lock()
            waitForProducer { !queue.isEmpty }
            if queue.isEmpty {
                let failed = _failure != nil
                lock.unlock()
                return failed ? -1 : 0
            }
            current = queue.removeFirst()
            offset = 0
            lock.broadcast()
            lock.unlock()
        }
        let n = min(len, current.count - offset)
        current.withUnsafeBytes { raw in
            buffer.update(from: raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, count: n)
        }
        offset += n
        return n
    }

    /// Stops the helper thread (if it still runs) and waits until it no longer uses the archive.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        guard started else { return }
        cancelled = true
        queue.removeAll()
        lock.broadcast()
        waitForProducer { false }
    }

    private func produce() {
        var total = 0
        var check = XMLPartCheck()
        var failure: UserError?
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16) { chunk in
                total += chunk.count
                guard total <= limit else { throw WorkbookLimits.partTooLarge(what, entry.path, limit) }
                try check.check(chunk, what: what, part: entry.path)
                let copy = Data(chunk)  // a chunk may be a view of the unpacker's buffer
                lock.lock(); defer { lock.unlock() }
                progress += 1
                while queue.count >= 4 && !cancelled { lock.wait() }
                if cancelled { throw Cancelled() }
                queue.append(copy)
                lock.broadcast()
            }
            try check.finish(what: what, part: entry.path)
        } catch is Cancelled {
        } catch let error as UserError {
            failure = error
        } catch {
            failure = UserError(.badInput,
                fr: "\(what) : le classeur est abîmé (sa partie \(entry.path) ne peut pas être décompressée : \(error)) ; "
                    + "enregistrez de nouveau le classeur depuis le tableur, ou exportez la feuille en CSV",
                en: "\(what): the workbook is damaged (its part \(entry.path) cannot be unpacked: \(error))")
        }
        lock.lock()
        if stalled {
            failure = UserError(.badInput,
                fr: "\(what) : le classeur est abîmé (sa partie \(entry.path) ne peut pas être décompressée : "
                    + "ses données compressées s'arrêtent trop tôt) ; ouvrez-le dans le tableur et enregistrez-le de nouveau",
                en: "\(what): the workbook is damaged (its part \(entry.path) cannot be unpacked: "
                    + "its compressed data ends too early); open it in the spreadsheet and save it again")
        }
        _failure = failure  // nil when stopped by `finish()`
        producerDone = true
        lock.broadcast()
        lock.unlock()
    }
}
