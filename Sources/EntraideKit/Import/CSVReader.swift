import Crypto
import Foundation

/// Text encodings accepted in exports.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case windows1252 = "Windows-1252"
    /// UTF-16 with a byte-order mark (Excel's "Texte Unicode"), read as UTF-8 once transcoded.
    case utf16 = "UTF-16"
}

/// A streaming, byte-level CSV reader (RFC 4180 plus what spreadsheets really write):
/// delimiter `,` `;` or tab detected from the first lines, UTF-8 (with or without BOM),
/// Windows-1252 or UTF-16 with a byte-order mark detected, quoted fields with embedded delimiters, doubled quotes and line
/// breaks, `\n`, `\r\n` or `\r` line ends. It reads the file in large chunks and never holds
/// more than the chunk and the current record, so memory stays flat however large the file.
/// It also hashes every byte it reads (SHA-256) for the import log.
public final class CSVReader {
    public let path: String
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    public private(set) var encoding: TextEncoding = .utf8
    /// Number of fields that were not valid UTF-8 in a UTF-8 file and were read as Windows-1252.
    public private(set) var repairedFields = 0
    /// Bytes read so far (for progress).
    public private(set) var bytesRead = 0
    public let fileSize: Int

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0          // first unconsumed byte
    private var eof = false
    private var line = 1           // line number at `start`
    private var hasher = SHA256()
    private let chunkSize: Int

    // Reusable record storage: field i spans bytes [fieldStart[i], fieldEnd[i]) of `buffer`.
    private var fieldStart: [Int] = []
    private var fieldEnd: [Int] = []
    private var fieldQuoted: [Bool] = []

    /// A record (a row, with its quoted line breaks) longer than this is an unclosed quote.
    static let maxRecordBytes = 1 << 20

    public init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.chunkSize = chunkSize
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw UserError(.fileAccess,
                fr: "\(path) : impossible d'ouvrir le fichier (existe-t-il, avez-vous le droit de le lire ?)",
                en: "\(path): cannot open the file (does it exist, is it readable?)")
        }
        handle = h
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        fileSize = (attrs?[.size] as? NSNumber)?.intValue ?? 0
        try fill()
        detectEncoding()
        try refuseUTF16WithoutByteOrderMark()
        if encoding == .utf16 { try transcodeUTF16() }
        detectDelimiter()
    }

    /// A UTF-16 file larger than this is refused (it is read whole, to be transcoded).
    static let maxUTF16Bytes = 256 << 20

    /// Reads the whole of a UTF-16 file (Excel's "Texte Unicode": small files) and puts it in
    /// the buffer as UTF-8, so the parser and the row handlers see UTF-8 like any other file.
    /// The import log's hash stays the file's own bytes'. Text that is not valid UTF-16 (a lone
    /// surrogate, an odd byte count) is an error: nothing is read in silence as something else.
    private func transcodeUTF16() throws {
        guard fileSize <= CSVReader.maxUTF16Bytes else {
            throw UserError(.badInput,
                fr: "\(path) : ce fichier en UTF-16 (« Texte Unicode ») dépasse \(CSVReader.maxUTF16Bytes >> 20) Mo ; "
                    + "enregistrez-le plutôt en « CSV UTF-8 »",
                en: "\(path): this UTF-16 (\"Unicode Text\") file is larger than \(CSVReader.maxUTF16Bytes >> 20) MB; "
                    + "save it as \"CSV UTF-8\" instead")
        }
        while !eof { try fill(keepConsumed: true) }
        let bigEndian = buffer.starts(with: [0xFE, 0xFF])
        let bytes = buffer[2...]
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(units.count + units.count / 4)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) {
            utf8.append($0)
        }
        if failed || bytes.count % 2 != 0 {
            // Where it stops: the line of the first bad unit.
            var good: [UInt8] = []
            _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { good.append($0) }
            let lineNumber = 1 + good.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw UserError(.badInput,
                fr: "\(path):\(lineNumber) : le fichier commence comme de l'UTF-16 (« Texte Unicode ») mais ce texte n'en "
                    + "est pas ; ouvrez-le dans le tableur et enregistrez-le en « CSV UTF-8 »",
                en: "\(path):\(lineNumber): the file starts as UTF-16 (\"Unicode Text\") but this text is not; open it "
                    + "in the spreadsheet and save it as \"CSV UTF-8\"")
        }
        buffer = utf8
        start = 0
    }

    deinit { try? handle.close() }

    /// SHA-256 of the whole file, hex. Reads the rest of the file if it was not read yet.
    public func sha256Hex() throws -> String {
        while !eof { start = buffer.count; try fill() }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Records

    /// A parsed record. Valid only inside the `forEachRecord` callback.
    public struct Record {
        // The reader outlives every record it hands out (records exist only inside the callback).
        unowned(unsafe) let reader: CSVReader
        /// Line of the file where the record starts, as an editor counts it.
        public let line: Int
        public var count: Int { reader.fieldStart.count }

        /// The field's bytes (quotes removed, doubled quotes undone), trimmed of spaces, tabs and
        /// Unicode spaces (`UnicodeSpace`).
        @inline(__always)
        public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            guard i < count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            return try reader.withField(i, body)
        }

        /// The field as text, trimmed; empty when the record has fewer fields.
        public func string(_ i: Int) -> String {
            guard i < count else { return "" }
            return reader.fieldString(i)
        }

        public func isEmpty(_ i: Int) -> Bool {
            withBytes(i) { $0.isEmpty }
        }

        /// True when every field is empty (a blank line, or `;;;` left by a spreadsheet).
        public var isBlank: Bool {
            (0..<count).allSatisfy { isEmpty($0) }
        }
    }

    /// Calls `body` for every record of the file, the header included, until it returns false.
    public func forEachRecord(_ body: (Record) throws -> Bool) throws {
        while true {
            guard let recordLine = try nextRecord() else { return }
            guard try body(Record(reader: self, line: recordLine)) else { return }
        }
    }

    /// Parses the next record into the field arrays; returns the line it starts on, nil at the end.
    private func nextRecord() throws -> Int? {
        while true {
            if start >= buffer.count {
                if eof { return nil }
                try fill()
                continue
            }
            if let result = parseRecord() {
                return result
            }
            // The record runs past the buffer: read more and parse it again. A record this long
            // is a quote that is never closed: say where it opened, instead of swallowing the file.
            if eof || buffer.count - start > CSVReader.maxRecordBytes {
                if eof {
                    // An unterminated last line is a record like the others.
                    buffer.append(UInt8(ascii: "\n"))
                    if let result = parseRecord() { return result }
                }
                throw UserError(.badInput,
                    fr: "\(path):\(line) : une valeur entre guillemets (\" ouvrant) commence sur cette ligne et n'est jamais "
                        + "refermée ; vérifiez les guillemets de cette ligne (une valeur comme \"abc s'écrit \"\"abc)",
                    en: "\(path):\(line): a quoted field (opening \") starts on this line and is never "
                        + "closed; check the quotes on this line (a value such as \"abc must be written \"\"abc)")
            }
            try fill()
        }
    }

    /// Parses one record starting at `start`. Returns nil when it is not complete in the buffer.
    private func parseRecord() -> Int? {
        fieldStart.removeAll(keepingCapacity: true)
        fieldEnd.removeAll(keepingCapacity: true)
        fieldQuoted.removeAll(keepingCapacity: true)
        let delim = delimiter
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let recordLine = line
        var newlines = 0
        let n = buffer.count
        let result: Int? = buffer.withUnsafeBufferPointer { buf -> Int? in
            var p = start
            while true {
                // One field.
                if p < n && buf[p] == quote {
                    p += 1
                    let s = p
                    var escaped = false
                    while true {
                        guard p < n else { return nil }
                        let c = buf[p]
                        if c == quote {
                            if p + 1 < n && buf[p + 1] == quote { escaped = true; p += 2; continue }
                            if p + 1 >= n && !eof { return nil }
                            break
                        }
                        if c == lf { newlines += 1 } else if c == cr && !(p + 1 < n && buf[p + 1] == lf) { newlines += 1 }
                        p += 1
                    }
                    var e = p
                    p += 1  // closing quote
                    // Spaces after the closing quote are dropped (a tab too, unless it is the
                    // delimiter: "Texte Unicode" quotes its fields); other text up to the delimiter
                    // is kept, without the stray closing quote (lenient: `"R"1` reads `R1`).
                    while p < n && (buf[p] == 0x20 || (buf[p] == 0x09 && delim != 0x09)) { p += 1 }
                    if p < n && buf[p] != delim && buf[p] != lf && buf[p] != cr {
                        while p < n && buf[p] != delim && buf[p] != lf && buf[p] != cr { p += 1 }
                        e = p
                        escaped = true
                    }
                    fieldStart.append(s); fieldEnd.append(e); fieldQuoted.append(escaped)
                } else {
                    let s = p
                    while p < n {
                        let c = buf[p]
                        if c == delim || c == lf || c == cr { break }
                        p += 1
                    }
                    fieldStart.append(s); fieldEnd.append(p); fieldQuoted.append(false)
                }
                guard p < n else { return nil }
                let c = buf[p]
                if c == delim { p += 1; continue }
                // End of record.
                if c == cr {
                    if p + 1 < n { p += buf[p + 1] == lf ? 2 : 1 } else if eof { p += 1 } else { return nil }
                } else {
                    p += 1
                }
                newlines += 1
                return p
            }
        }
        guard let next = result else { return nil }
        start = next
        line = recordLine + newlines
        return recordLine
    }

    // MARK: Field access

    @inline(__always)
    fileprivate func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var s = fieldStart[i], e = fieldEnd[i]
        return try buffer.withUnsafeBufferPointer { buf in
            UnicodeSpace.trim(buf, &s, &e)  // non-breaking and other Unicode spaces too
            if fieldQuoted[i] {
                // Undo doubled quotes; drop a lone quote (the stray closing quote of a lenient field).
                var tmp: [UInt8] = []
                tmp.reserveCapacity(e - s)
                var p = s
                while p < e {
                    let c = buf[p]
                    if c == 0x22 {
                        if p + 1 < e && buf[p + 1] == 0x22 { tmp.append(c); p += 2 } else { p += 1 }
                        continue
                    }
                    tmp.append(c)
                    p += 1
                }
                return try tmp.withUnsafeBufferPointer(body)
            }
            return try body(UnsafeBufferPointer(rebasing: buf[s..<e]))
        }
    }

    fileprivate func fieldString(_ i: Int) -> String {
        withField(i) { bytes in decode(bytes) }
    }

    /// Decodes bytes in the file's encoding.
    /// Valid UTF-8 is read as UTF-8 whatever the file's detected encoding (Windows-1252 text
    /// with accents is almost never valid UTF-8), so one stray Windows-1252 byte pasted into a
    /// UTF-8 file spoils only its own field, and is counted.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        if encoding == .utf8 { repairedFields += 1 }
        return CSVReader.decodeWindows1252(bytes)
    }

    static func decodeWindows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            if b < 0x80 || b >= 0xA0 {
                scalars.append(Unicode.Scalar(b))
            } else {
                scalars.append(Unicode.Scalar(cp1252High[Int(b - 0x80)]) ?? "\u{FFFD}")
            }
        }
        return String(scalars)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    // MARK: Reading and detection

    private func fill(keepConsumed: Bool = false) throws {
        // Keep the unconsumed tail, then append a chunk.
        if start > 0 && !keepConsumed {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let data: Data
        do {
            data = try handle.read(upToCount: chunkSize) ?? Data()
        } catch {
            throw UserError(.fileAccess, fr: "\(path) : impossible de lire le fichier : \(error.localizedDescription)",
                            en: "\(path): cannot read the file: \(error.localizedDescription)")
        }
        if data.isEmpty { eof = true; return }
        hasher.update(data: data)
        bytesRead += data.count
        buffer.append(contentsOf: data)
    }

    /// UTF-16 without a byte-order mark (a NUL byte beside nearly every letter of the first line):
    /// read as bytes it would give headers like `N ° d e m a n d e`; said as what it is.
    private func refuseUTF16WithoutByteOrderMark() throws {
        guard encoding != .utf16 else { return }
        let head = buffer[start..<min(buffer.count, start + 256)]
        guard head.count >= 8, head.filter({ $0 == 0 }).count * 3 >= head.count else { return }
        throw UserError(.badInput,
            fr: "\(path) : ce fichier semble être du texte UTF-16 sans marque d'ordre des octets (un octet nul à côté "
                + "de presque chaque lettre) ; ouvrez-le dans le tableur et enregistrez-le de nouveau en « CSV UTF-8 » "
                + "(ou en « Texte Unicode », qui a cette marque)",
            en: "\(path): this file looks like UTF-16 text without a byte-order mark (a NUL byte beside nearly every "
                + "letter); open it in the spreadsheet and save it again as \"CSV UTF-8\" (or as \"Unicode Text\", "
                + "which has the mark)")
    }

    private func detectEncoding() {
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8
            start = 3
            return
        }
        if buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16
            return
        }
        // In the first chunk, count well-formed multi-byte UTF-8 sequences against bytes that
        // cannot be UTF-8: accented text in Windows-1252 gives only the latter, a UTF-8 file
        // with a stray Windows-1252 byte (a pasted apostrophe) mostly the former.
        var valid = 0, invalid = 0
        buffer.withUnsafeBufferPointer { b in
            var p = start
            while p < b.count {
                let c = b[p]
                if c < 0x80 { p += 1; continue }
                let length = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0
                if length == 0 { invalid += 1; p += 1; continue }
                if p + length > b.count { break }  // cut at the chunk's end
                if (1..<length).allSatisfy({ b[p + $0] & 0xC0 == 0x80 }) { valid += 1; p += length } else {
                    invalid += 1; p += 1
                }
            }
        }
        encoding = invalid > 0 && valid < invalid ? .windows1252 : .utf8
    }

    /// Lines looked at for the delimiter: the header may sit below a title (docs/FORMAT.md, "Header row").
    static let delimiterLines = 16

    /// The delimiter of the first non-blank lines: for each of tab, `,` and `;` (outside quotes),
    /// the count it has on most lines; the one found that way on the most lines wins, then the
    /// one with the larger count, then tab, `,`, `;` in that order. A title above the header
    /// (`Réseau Entraide, quartier Nord`) or a decimal comma in a `;` file cannot outvote the
    /// delimiter that every line has the same number of.
    private func detectDelimiter() {
        let candidates: [UInt8] = [0x09, UInt8(ascii: ","), UInt8(ascii: ";")]
        var counts: [[Int]] = [[], [], []]
        var line = [0, 0, 0]
        var inQuotes = false
        var sawText = false
        var p = start
        func endLine() {
            if sawText || line.contains(where: { $0 > 0 }) {
                for k in 0..<3 { counts[k].append(line[k]) }
            }
            line = [0, 0, 0]
            sawText = false
        }
        while p < buffer.count && counts[0].count < CSVReader.delimiterLines {
            let c = buffer[p]
            if c == 0x22 { inQuotes.toggle(); sawText = true } else if !inQuotes {
                if c == 0x0A || c == 0x0D {
                    endLine()
                } else if let k = candidates.firstIndex(of: c) {
                    line[k] += 1
                } else if c != 0x20 {
                    sawText = true
                }
            }
            p += 1
        }
        if counts[0].count < CSVReader.delimiterLines { endLine() }
        var chosen = -1
        var chosenScore = (lines: 0, count: 0)
        for k in 0..<3 {
            var frequency: [Int: Int] = [:]
            for n in counts[k] where n > 0 { frequency[n, default: 0] += 1 }
            guard let modal = frequency.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key })
            else { continue }
            if chosen < 0 || modal.value > chosenScore.lines
                || (modal.value == chosenScore.lines && modal.key > chosenScore.count) {
                chosen = k
                chosenScore = (modal.value, modal.key)
            }
        }
        delimiter = chosen >= 0 ? candidates[chosen] : UInt8(ascii: ",")
    }
}
