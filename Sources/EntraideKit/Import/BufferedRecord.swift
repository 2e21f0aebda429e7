import Foundation

/// A row copied out of a record source (whose records live only inside its callback), kept
/// while the header row is looked for among the first rows: at most
/// `HeaderDetection.maxCandidateRows` of them per file, so the copies cost nothing per row.
struct BufferedRow: Sendable {
    /// Line of the file (or spreadsheet row) where the row starts.
    let line: Int
    /// Each field's bytes as the source gives them (trimmed, in the file's encoding).
    let bytes: [[UInt8]]
    /// Each field decoded.
    let text: [String]
    /// True when a blank row separates this row from the previous non-blank one.
    let afterBlank: Bool

    init<R: ImportRecord>(_ rec: R, afterBlank: Bool) {
        line = rec.line
        bytes = (0..<rec.count).map { i in rec.withBytes(i) { Array($0) } }
        text = (0..<rec.count).map { rec.string($0) }
        self.afterBlank = afterBlank
    }

    /// Number of non-empty cells.
    var filledCells: Int { text.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }
}

/// A buffered row as the row handlers read it.
struct BufferedRecord: ImportRecord {
    let row: BufferedRow

    var line: Int { row.line }
    var count: Int { row.bytes.count }

    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard i < row.bytes.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try row.bytes[i].withUnsafeBufferPointer(body)
    }

    func string(_ i: Int) -> String { i < row.text.count ? row.text[i] : "" }
    func isEmpty(_ i: Int) -> Bool { i >= row.bytes.count || row.bytes[i].isEmpty }
    var isBlank: Bool { row.bytes.allSatisfy(\.isEmpty) }
}
