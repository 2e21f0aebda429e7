import Foundation

/// SQLite's storage class of one value.
public enum QueryValueKind: Sendable, Equatable {
    case null, integer, real, text, blob
}

/// One value, copied out of the statement (for writers that need Swift values, such as XLSX).
public enum QueryValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// The current row of a running query. Valid only inside `QueryResultWriter.write(row:)`:
/// the bytes it hands out belong to SQLite and change at the next step.
public struct QueryRow {
    let statement: RawStatement
    public let count: Int

    init(statement: RawStatement, count: Int) {
        self.statement = statement
        self.count = count
    }

    public func kind(_ index: Int) -> QueryValueKind { statement.kind(Int32(index)) }

    /// The value as SQLite renders it as text (REALs as the sqlite3 shell prints them),
    /// without copying; empty for NULL. Valid until the next row.
    public func textBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        statement.text(Int32(index)) ?? UnsafeBufferPointer(start: nil, count: 0)
    }

    /// The value's text, or nil for NULL, in one call (the fast path of the CSV writer).
    @inline(__always)
    public func textOrNull(_ index: Int) -> UnsafeBufferPointer<UInt8>? { statement.text(Int32(index)) }

    /// The raw bytes of a BLOB.
    public func blobBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> { statement.blob(Int32(index)) }

    public func int64(_ index: Int) -> Int64 { statement.int64(Int32(index)) }
    public func double(_ index: Int) -> Double { statement.real(Int32(index)) }

    /// The value as text (SQLite's own rendering for numbers); nil for NULL.
    public func string(_ index: Int) -> String? {
        if kind(index) == .null { return nil }
        return String(decoding: textBytes(index), as: UTF8.self)
    }

    /// The value copied into Swift.
    public func value(_ index: Int) -> QueryValue {
        switch kind(index) {
        case .null: return .null
        case .integer: return .integer(int64(index))
        case .real: return .real(double(index))
        case .text: return .text(String(decoding: textBytes(index), as: UTF8.self))
        case .blob: return .blob(Array(blobBytes(index)))
        }
    }
}
