import Foundation

/// One row of an input, as the row handlers of `ImportRun` read it: fields by position,
/// trimmed of spaces, tabs and Unicode spaces. Backed by a CSV file's bytes (`CSVReader.Record`) or by the
/// cells of a spreadsheet row (`SheetRecord`). The handlers are generic over it, so each
/// kind of input gets its own specialised, allocation-free code.
protocol ImportRecord {
    /// Line of the file where the row starts, or the row number the spreadsheet shows.
    var line: Int { get }
    var count: Int { get }
    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    func string(_ i: Int) -> String
    func isEmpty(_ i: Int) -> Bool
    var isBlank: Bool { get }
}

/// Something that hands out records one by one: a CSV file or a sheet of a workbook.
protocol RecordSource: AnyObject {
    associatedtype Record: ImportRecord
    /// Calls `body` for every record, the header included, until it returns false.
    func forEachRecord(_ body: (Record) throws -> Bool) throws
    /// Progress: bytes read so far out of `fileSize` (0 when unknown).
    var bytesRead: Int { get }
    var fileSize: Int { get }
}

extension CSVReader.Record: ImportRecord {}
extension CSVReader: RecordSource {}

/// The cells of one spreadsheet row, kept as UTF-8 bytes in one reused buffer (no
/// allocation per cell once the buffers have grown).
final class CellRow {
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []

    var count: Int { starts.count }

    func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Sets the cell of column `column` (0-based), padding skipped columns with empty cells.
    /// The text is trimmed of spaces, tabs and Unicode spaces (`UnicodeSpace`), like a CSV field.
    func set(_ column: Int, _ text: String) {
        while starts.count <= column {
            starts.append(bytes.count)
            ends.append(bytes.count)
        }
        let s = bytes.count
        bytes.append(contentsOf: text.utf8)
        var a = s, b = bytes.count
        bytes.withUnsafeBufferPointer { UnicodeSpace.trim($0, &a, &b) }
        starts[column] = a
        ends[column] = b
    }

    /// The cells as strings (tests, diagnostics).
    var strings: [String] {
        (0..<count).map { i in String(decoding: bytes[starts[i]..<ends[i]], as: UTF8.self) }
    }
}

/// A spreadsheet row as the row handlers see it. Valid only inside the `forEachRecord` callback.
struct SheetRecord: ImportRecord {
    let row: CellRow
    let line: Int

    var count: Int { row.count }

    @inline(__always)
    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard i < row.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let s = row.starts[i], e = row.ends[i]
        return try row.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[s..<e])) }
    }

    func string(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    func isEmpty(_ i: Int) -> Bool {
        guard i < row.count else { return true }
        return row.starts[i] == row.ends[i]
    }

    var isBlank: Bool { (0..<count).allSatisfy { isEmpty($0) } }
}
