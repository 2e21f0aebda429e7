import Foundation

/// How a timestamp is typed in a coordinator's spreadsheet.
enum SampleTimeStyle {
    /// `03/10/2026 14:05`
    case french
    /// `03/10/2026 14h05`
    case frenchH
    /// `2026-10-03 14:05`
    case iso
    /// `03/10/2026`
    case dateOnly
}

/// A buffered writer of `;`-separated, CRLF-terminated CSV bytes. Rows are written field by
/// field straight into a byte buffer that is flushed to the file every megabyte, so writing
/// a million rows needs no per-row strings and constant memory.
/// The file is an `OutputFile`: written to a temporary name and put in place by `commit()`.
struct SampleCSVWriter {
    let url: URL
    private let file: OutputFile
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20

    init(url: URL) throws {
        self.url = url
        file = try OutputFile(url.path)
        buffer.reserveCapacity(SampleCSVWriter.flushSize + 4096)
        buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])  // UTF-8 byte order mark, as Excel writes it
    }

    /// The header line, fields separated by `;`.
    mutating func header(_ fields: [String]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { sep() }
            text(f)
        }
        endRow()
    }

    @inline(__always) mutating func sep() { buffer.append(0x3B) }

    /// Ends a row with CRLF; flushes when the buffer is full.
    @inline(__always) mutating func endRow() {
        buffer.append(0x0D)
        buffer.append(0x0A)
        if buffer.count >= SampleCSVWriter.flushSize { flush() }
    }

    /// Bytes already encoded (and already quoted when they need it).
    @inline(__always) mutating func raw(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    @inline(__always) mutating func byte(_ b: UInt8) { buffer.append(b) }

    /// A text field, quoted only when it must be.
    mutating func text(_ s: String) { buffer.append(contentsOf: SampleCSVWriter.encode(s)) }

    /// A field's CSV bytes: quoted (RFC 4180, `"` doubled) only when it holds `;`, `"`, CR or LF.
    static func encode(_ s: String) -> [UInt8] {
        let u = Array(s.utf8)
        guard u.contains(where: { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return u }
        var out: [UInt8] = [0x22]
        for c in u {
            out.append(c)
            if c == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return out
    }

    /// A non-negative number padded with zeros to `width` digits.
    @inline(__always) mutating func padded(_ value: Int, width: Int) {
        var digits = 1, v = value
        while v >= 10 { v /= 10; digits += 1 }
        if digits < width { for _ in 0..<(width - digits) { buffer.append(0x30) } }
        number(value)
    }

    @inline(__always) mutating func number(_ value: Int) {
        if value >= 10 { number(value / 10) }
        buffer.append(UInt8(0x30 + value % 10))
    }

    @inline(__always) private mutating func two(_ v: Int) {
        buffer.append(UInt8(0x30 + v / 10))
        buffer.append(UInt8(0x30 + v % 10))
    }

    /// `dd/MM/yyyy` of a day number (days since 1970-01-01).
    mutating func date(day: Int) {
        let c = civilFromDays(day)
        two(c.day); buffer.append(0x2F)
        two(c.month); buffer.append(0x2F)
        padded(c.year, width: 4)
    }

    /// A wall-clock time (seconds since the epoch as if local time were UTC) in a style.
    mutating func timestamp(local: Int, style: SampleTimeStyle) {
        let day = Timestamp.floorDiv(local, 86400)
        let secs = local - day * 86400
        let h = secs / 3600, m = (secs / 60) % 60
        switch style {
        case .iso:
            let c = civilFromDays(day)
            padded(c.year, width: 4); buffer.append(0x2D)
            two(c.month); buffer.append(0x2D)
            two(c.day); buffer.append(0x20)
            two(h); buffer.append(0x3A); two(m)
        case .french:
            date(day: day); buffer.append(0x20)
            two(h); buffer.append(0x3A); two(m)
        case .frenchH:
            date(day: day); buffer.append(0x20)
            two(h); buffer.append(0x68); two(m)
        case .dateOnly:
            date(day: day)
        }
    }

    /// Writes the buffer to the file. Write failures are kept and reported by `finish()`.
    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        if writeError == nil {
            do { try file.write(buffer) } catch { writeError = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private var writeError: Error?

    /// Flushes the file to disk; throws if any write failed (a full disk, a removed folder).
    /// The file is put in place by `commit()`.
    mutating func finish() throws {
        flush()
        if let writeError { throw writeError }
        try file.flushToDisk()
    }

    /// Puts the finished file in place, replacing any previous one.
    func commit() throws { try file.commit() }
}
