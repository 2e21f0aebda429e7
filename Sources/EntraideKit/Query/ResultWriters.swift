import Foundation

/// Receives a query's result as it streams: the column names, then each row, then the end.
/// Every output format implements it; the XLSX writer plugs in the same way.
public protocol QueryResultWriter {
    mutating func begin(columns: [String]) throws
    mutating func write(row: QueryRow) throws
    mutating func finish(rowCount: Int) throws
}

/// Output formats of `entraide query`.
public enum QueryFormat: String, CaseIterable, Sendable {
    case table, csv, json, markdown, xlsx

    /// A writer of this format that writes into `sink`. A workbook is not a stream: `xlsx`
    /// writes its own file (`XlsxResultWriter(path:)`).
    public func makeWriter(sink: ByteSink) throws -> any QueryResultWriter {
        switch self {
        case .xlsx: throw InternalError("the xlsx writer is made from the output path, not a stream")
        case .table: return TableWriter(sink: sink)
        case .csv: return CSVWriter(sink: sink)
        case .json: return JSONWriter(sink: sink)
        case .markdown: return MarkdownWriter(sink: sink)
        }
    }
}

// MARK: - CSV

/// RFC 4180 CSV exactly as `sqlite3 -csv -header` writes it: LF line ends and no header for
/// an empty result (as the shell does), NULL as an empty
/// field, and a field quoted when it is empty or contains a comma, a control character, a
/// space, a quote or an apostrophe, DEL, or any non-ASCII byte (the shell's `needCsvQuote`).
public struct CSVWriter: QueryResultWriter {
    let sink: ByteSink
    private var columnCount = 0
    private var columns: [String] = []
    private var wroteHeader = false

    public init(sink: ByteSink) { self.sink = sink }

    /// Bytes that make the sqlite3 shell quote a field (1) or not (0).
    private let needsQuote: UnsafeMutablePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            table[b] = (b < 0x20 || b == 0x20 || b == 0x22 || b == 0x27 || b == 0x2C || b >= 0x7F) ? 1 : 0
        }
        return table
    }()

    @inline(__always)
    func field(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else {
            sink.append(0x22); sink.append(0x22)
            return
        }
        var i = 0
        while i < n && needsQuote[Int(base[i])] == 0 { i += 1 }
        if i == n {
            sink.append(bytes)
            return
        }
        sink.append(0x22)
        var start = 0
        for j in 0..<n where base[j] == 0x22 {
            sink.append(UnsafeBufferPointer(start: base + start, count: j + 1 - start))
            sink.append(0x22)
            start = j + 1
        }
        sink.append(UnsafeBufferPointer(start: base + start, count: n - start))
        sink.append(0x22)
    }

    public mutating func begin(columns: [String]) throws {
        columnCount = columns.count
        self.columns = columns
    }

    /// The header line; like the shell, it is written only when there is a first row.
    private func header() {
        for (i, name) in columns.enumerated() {
            if i > 0 { sink.append(0x2C) }
            var name = name
            name.withUTF8 { field($0) }
        }
        sink.append(0x0A)
    }

    public mutating func write(row: QueryRow) throws {
        if !wroteHeader {
            header()
            wroteHeader = true
        }
        for i in 0..<columnCount {
            if i > 0 { sink.append(0x2C) }
            if let bytes = row.textOrNull(i) { field(bytes) }
        }
        sink.append(0x0A)
        try sink.flushIfFull()
    }

    public mutating func finish(rowCount: Int) throws { try sink.finish() }
}

// MARK: - JSON

/// A JSON array of objects, one per row: numbers as numbers, NULL as null, text as strings,
/// BLOBs as hexadecimal strings. Infinite REALs (which JSON cannot hold) are written as null.
public struct JSONWriter: QueryResultWriter {
    let sink: ByteSink
    private var keys: [[UInt8]] = []
    private var first = true

    public init(sink: ByteSink) { self.sink = sink }

    static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to sink: ByteSink) {
        JSONString.escape(bytes) { sink.append($0) }
    }

    public mutating func begin(columns: [String]) throws {
        keys = columns.map(JSONString.literalBytes)
        sink.append("[")
    }

    public mutating func write(row: QueryRow) throws {
        sink.append(first ? "\n{" : ",\n{")
        first = false
        for i in 0..<keys.count {
            if i > 0 { sink.append(",") }
            keys[i].withUnsafeBufferPointer { sink.append($0) }
            sink.append(":")
            switch row.kind(i) {
            case .null:
                sink.append("null")
            case .integer:
                sink.append(row.textBytes(i))
            case .real:
                if row.double(i).isFinite { sink.append(row.textBytes(i)) } else { sink.append("null") }
            case .text:
                JSONWriter.appendString(row.textBytes(i), to: sink)
            case .blob:
                let hex = Array("0123456789abcdef".utf8)
                sink.append(0x22)
                for b in row.blobBytes(i) {
                    sink.append(hex[Int(b >> 4)])
                    sink.append(hex[Int(b & 15)])
                }
                sink.append(0x22)
            }
        }
        sink.append("}")
        try sink.flushIfFull()
    }

    public mutating func finish(rowCount: Int) throws {
        sink.append(rowCount == 0 ? "]\n" : "\n]\n")
        try sink.finish()
    }
}

// MARK: - Markdown

/// A GitHub-flavoured Markdown table. `|` is escaped, line breaks become `<br>`, NULL is empty.
public struct MarkdownWriter: QueryResultWriter {
    let sink: ByteSink
    private var columnCount = 0

    public init(sink: ByteSink) { self.sink = sink }

    func cell(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x7C || b == 0x0A || b == 0x0D {
                if start < i { sink.append(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                if b == 0x7C {
                    sink.append("\\|")
                } else {
                    sink.append("<br>")
                    if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { sink.append(UnsafeBufferPointer(rebasing: bytes[start...])) }
    }

    public mutating func begin(columns: [String]) throws {
        columnCount = columns.count
        sink.append("|")
        for name in columns {
            sink.append(" ")
            var name = name
            name.withUTF8 { cell($0) }
            sink.append(" |")
        }
        sink.append("\n|")
        for _ in columns { sink.append(" --- |") }
        sink.append("\n")
    }

    public mutating func write(row: QueryRow) throws {
        sink.append("|")
        for i in 0..<columnCount {
            sink.append(" ")
            switch row.kind(i) {
            case .null: break
            case .blob: sink.append("(blob)")
            default: cell(row.textBytes(i))
            }
            sink.append(" |")
        }
        sink.append("\n")
        try sink.flushIfFull()
    }

    public mutating func finish(rowCount: Int) throws { try sink.finish() }
}

// MARK: - Terminal table

/// Aligned columns for a terminal. Column widths come from the header and the first
/// `sampleSize` rows (kept in memory); later rows stream with those widths. Cells longer than
/// `maxWidth` characters are cut with an ellipsis; numbers are right-aligned; NULL is empty.
public struct TableWriter: QueryResultWriter {
    let sink: ByteSink
    public var maxWidth = 40
    public var sampleSize = 1000
    private var columns: [String] = []
    private var pending: [[(text: String, numeric: Bool)]] = []
    private var widths: [Int] = []
    private var streaming = false

    public init(sink: ByteSink) { self.sink = sink }

    private func clip(_ text: String) -> String {
        var t = text
        if t.contains(where: { $0.isNewline || $0 == "\t" }) {
            t = String(t.map { $0.isNewline ? "↵" : ($0 == "\t" ? " " : $0) })
        }
        if t.count > maxWidth { t = String(t.prefix(maxWidth - 1)) + "…" }
        return t
    }

    private func cells(_ row: QueryRow) -> [(text: String, numeric: Bool)] {
        (0..<columns.count).map { i in
            switch row.kind(i) {
            case .null: return ("", false)
            case .integer, .real: return (row.string(i) ?? "", true)
            case .blob: return ("(blob)", false)
            case .text: return (clip(row.string(i) ?? ""), false)
            }
        }
    }

    private func emit(_ cells: [(text: String, numeric: Bool)]) {
        var line = ""
        for (i, cell) in cells.enumerated() {
            if i > 0 { line += "  " }
            let pad = String(repeating: " ", count: max(0, widths[i] - cell.text.count))
            line += cell.numeric ? pad + cell.text : cell.text + pad
        }
        while line.hasSuffix(" ") { line.removeLast() }
        sink.append(line)
        sink.append("\n")
    }

    private mutating func startStreaming() {
        widths = columns.map { clip($0).count }
        for row in pending {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.text.count) }
        }
        emit(columns.map { (clip($0), false) })
        sink.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        sink.append("\n")
        for row in pending { emit(row) }
        pending = []
        streaming = true
    }

    public mutating func begin(columns: [String]) throws {
        self.columns = columns
    }

    public mutating func write(row: QueryRow) throws {
        var c = cells(row)
        if streaming {
            for i in c.indices where c[i].text.count > widths[i] {
                c[i].text = String(c[i].text.prefix(max(1, widths[i] - 1))) + "…"
            }
            emit(c)
            try sink.flushIfFull()
        } else {
            pending.append(c)
            if pending.count >= sampleSize { startStreaming() }
        }
    }

    public mutating func finish(rowCount: Int) throws {
        if !streaming { startStreaming() }
        sink.append(rowCount == 1 ? "(1 row)\n" : "(\(rowCount) rows)\n")
        try sink.finish()
    }
}
