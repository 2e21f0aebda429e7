import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement on the raw SQLite connection, for the importer's hot loop, where
/// binding bytes straight from the CSV buffer saves a String and an array per value.
final class SQLiteStatement {
    private let connection: OpaquePointer
    private var handle: OpaquePointer?
    let sql: String
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else { throw InternalError("database connection is closed") }
        self.connection = connection
        self.sql = sql
        let rc = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
        guard rc == SQLITE_OK else {
            throw InternalError("SQLite could not prepare a statement: \(String(cString: sqlite3_errmsg(connection)))")
        }
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.isEmpty {
            sqlite3_bind_null(handle, index)
        } else {
            sqlite3_bind_text(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                              Int32(bytes.count), SQLiteStatement.transient)
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

    /// Runs the statement to completion; returns the number of rows it changed.
    @discardableResult
    func execute() throws -> Int {
        defer { sqlite3_reset(handle) }
        var rc = sqlite3_step(handle)
        while rc == SQLITE_ROW { rc = sqlite3_step(handle) }
        guard rc == SQLITE_DONE else {
            throw InternalError("SQLite failed (\(sql.prefix(40))…): \(String(cString: sqlite3_errmsg(connection)))")
        }
        return Int(sqlite3_changes(connection))
    }

    /// Runs a query and returns the first column of the first row as text, nil when no row.
    func firstText() throws -> String? {
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW {
            guard let p = sqlite3_column_text(handle, 0) else { return nil }
            return String(cString: p)
        }
        guard rc == SQLITE_DONE else {
            throw InternalError("SQLite failed (\(sql.prefix(40))…): \(String(cString: sqlite3_errmsg(connection)))")
        }
        return nil
    }
}
