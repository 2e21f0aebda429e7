import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement on a raw SQLite connection: the one place that prepares, binds, steps
/// and reads statements through SQLite's C API (GRDB's `Statement` serves everything else).
/// The importer's hot loop binds bytes straight from its buffers, which saves a String and an
/// array per value; `entraide query` and the indicators step rows and read the bytes SQLite
/// holds. A failed call throws `SQLiteError`.
final class RawStatement {
    private let connection: OpaquePointer
    private let handle: OpaquePointer
    let sql: String

    /// SQLite copies a value bound with this destructor before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private init(connection: OpaquePointer, handle: OpaquePointer, sql: String) {
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    /// Prepares `sql` on the connection of a GRDB database.
    convenience init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else { throw InternalError("database connection is closed") }
        var handle: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
        guard rc == SQLITE_OK, let handle else {
            let error = SQLiteError(.prepare, code: rc, connection: connection, sql: sql)
            sqlite3_finalize(handle)
            throw error
        }
        self.init(connection: connection, handle: handle, sql: sql)
    }

    /// Prepares the first statement of `utf8` on `connection`. `statement` is nil when the
    /// text holds none (only blanks and comments); `tail` is the offset of what follows it.
    static func prepareFirst(of utf8: [UInt8],
                             on connection: OpaquePointer) throws(SQLiteError) -> (statement: RawStatement?, tail: Int) {
        var handle: OpaquePointer?
        var tail = utf8.count
        let rc: Int32 = utf8.withUnsafeBufferPointer { buf in
            guard let start = buf.baseAddress else { return sqlite3_prepare_v3(connection, "", 0, 0, &handle, nil) }
            return start.withMemoryRebound(to: CChar.self, capacity: buf.count) { base in
                var end: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v3(connection, base, Int32(buf.count), 0, &handle, &end)
                if let end { tail = base.distance(to: end) }
                return rc
            }
        }
        let sql = String(decoding: utf8, as: UTF8.self)
        guard rc == SQLITE_OK else {
            let error = SQLiteError(.prepare, code: rc, connection: connection, sql: sql)
            sqlite3_finalize(handle)
            throw error
        }
        return (handle.map { RawStatement(connection: connection, handle: $0, sql: sql) }, tail)
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding (the importer's own statements: no check)

    func bind(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.isEmpty {
            sqlite3_bind_null(handle, index)
        } else {
            sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                              Int32(bytes.count), RawStatement.transient)
        }
    }

    /// Binds text; nil and empty text are stored as NULL.
    func bind(_ index: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(handle, index); return }
        text.withUTF8 { bind(index, $0) }
    }

    /// Binds bytes that stay valid until the statement has run (no copy).
    func bindStatic(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                          Int32(bytes.count), nil)
    }

    func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    // MARK: Binding a user's values (checked)

    /// How many parameters the statement has (the largest index).
    var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The name of a parameter with its prefix (`:month`); nil for a nameless `?`.
    func parameterName(_ index: Int32) -> String? {
        sqlite3_bind_parameter_name(handle, index).map { String(cString: $0) }
    }

    func bindChecked(_ index: Int32, integer: Int64) throws(SQLiteError) {
        try check(sqlite3_bind_int64(handle, index, integer), binding: index)
    }

    func bindChecked(_ index: Int32, real: Double) throws(SQLiteError) {
        try check(sqlite3_bind_double(handle, index, real), binding: index)
    }

    /// Binds the text as it is: empty text stays empty text.
    func bindChecked(_ index: Int32, text: String) throws(SQLiteError) {
        try check(sqlite3_bind_text(handle, index, text, -1, RawStatement.transient), binding: index)
    }

    private func check(_ rc: Int32, binding index: Int32) throws(SQLiteError) {
        guard rc == SQLITE_OK else {
            let name = parameterName(index).map { String($0.dropFirst()) } ?? "?\(index)"
            throw SQLiteError(.bind(parameter: name), code: rc, connection: connection, sql: sql)
        }
    }

    // MARK: Running

    /// Whether the statement leaves the database as it is.
    var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Runs the statement to completion; returns the number of rows it changed.
    @discardableResult
    func execute() throws(SQLiteError) -> Int {
        defer { sqlite3_reset(handle) }
        var rc = sqlite3_step(handle)
        while rc == SQLITE_ROW { rc = sqlite3_step(handle) }
        guard rc == SQLITE_DONE else { throw SQLiteError(.execute, code: rc, connection: connection, sql: sql) }
        return Int(sqlite3_changes(connection))
    }

    /// Runs a query and returns the first column of the first row as text, nil when no row.
    func firstText() throws(SQLiteError) -> String? {
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW {
            guard let p = sqlite3_column_text(handle, 0) else { return nil }
            return String(cString: p)
        }
        guard rc == SQLITE_DONE else { throw SQLiteError(.execute, code: rc, connection: connection, sql: sql) }
        return nil
    }

    /// Moves to the next row: true when there is one, false once the statement is done.
    @inline(__always)
    func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        guard rc == SQLITE_DONE else { throw SQLiteError(.read, code: rc, connection: connection, sql: sql) }
        return false
    }

    /// Runs `row` for every row, which reads it through the column readers.
    @inline(__always)
    func forEachRow(_ row: () throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while try step() { try row() }
    }

    // MARK: Reading the current row (the bytes belong to SQLite until the next step)

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    func columnName(_ i: Int32) -> String? { sqlite3_column_name(handle, i).map { String(cString: $0) } }

    /// SQLite's storage class of a value.
    func kind(_ i: Int32) -> QueryValueKind {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer
        case SQLITE_FLOAT: return .real
        case SQLITE_TEXT: return .text
        case SQLITE_BLOB: return .blob
        default: return .null
        }
    }

    /// The value as text (SQLite's rendering for numbers), without copying; nil for NULL.
    @inline(__always) func text(_ i: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let p = sqlite3_column_text(handle, i) else { return nil }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, i)))
    }

    /// The value as a number; nil for NULL.
    @inline(__always) func double(_ i: Int32) -> Double? {
        sqlite3_column_type(handle, i) == SQLITE_NULL ? nil : sqlite3_column_double(handle, i)
    }

    /// The value converted to a double by SQLite (0 for NULL).
    func real(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }

    /// The value converted to an integer by SQLite (0 for NULL).
    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

    /// The raw bytes of a BLOB (empty for NULL).
    func blob(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let p = sqlite3_column_blob(handle, i) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_column_bytes(handle, i)))
    }
}
