import Foundation
import GRDBSQLite

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
    let statement: OpaquePointer
    public let count: Int

    init(statement: OpaquePointer, count: Int) {
        self.statement = statement
        self.count = count
    }

    public func kind(_ index: Int) -> QueryValueKind {
        switch sqlite3_column_type(statement, Int32(index)) {
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        case SQLITE_TEXT: return .text
        case SQLITE_BLOB: return .blob
        default: return .null
        }
    }

    /// The value as SQLite renders it as text (REALs as the sqlite3 shell prints them),
    /// without copying; empty for NULL. Valid until the next row.
    public func textBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard let p = sqlite3_column_text(statement, Int32(index)) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        let n = Int(sqlite3_column_bytes(statement, Int32(index)))
        return UnsafeBufferPointer(start: p, count: n)
    }

    /// The value's text, or nil for NULL, in one call (the fast path of the CSV writer).
    @inline(__always)
    public func textOrNull(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_text(statement, Int32(index)) else { return nil }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, Int32(index))))
    }

    /// The raw bytes of a BLOB.
    public func blobBytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard let p = sqlite3_column_blob(statement, Int32(index)) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        let n = Int(sqlite3_column_bytes(statement, Int32(index)))
        return UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: n)
    }

    public func int64(_ index: Int) -> Int64 { sqlite3_column_int64(statement, Int32(index)) }
    public func double(_ index: Int) -> Double { sqlite3_column_double(statement, Int32(index)) }

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
