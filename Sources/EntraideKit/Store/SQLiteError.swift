import Foundation
import GRDBSQLite

/// A call of SQLite's C API (through `RawStatement`) that failed: what was being done,
/// SQLite's result code and message, and the statement's SQL. The tool's own statements should
/// never fail, so the command line reports it as an internal error (exit status 2);
/// `entraide query` turns the failures of a user's SQL into `UserError`s itself.
public struct SQLiteError: Error, CustomStringConvertible {
    public enum Operation: Sendable, Equatable {
        case prepare
        /// Running one of the tool's statements.
        case execute
        /// Stepping through the rows of a query.
        case read
        /// Binding the named parameter (without its `:`).
        case bind(parameter: String)
    }

    public var operation: Operation
    /// SQLite's result code (extended where the connection asks for extended codes).
    public var code: Int32
    /// SQLite's message for the failure (`sqlite3_errmsg`).
    public var message: String
    public var sql: String

    public init(_ operation: Operation, code: Int32, message: String, sql: String) {
        self.operation = operation
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The failure of the last call on `connection`.
    init(_ operation: Operation, code: Int32, connection: OpaquePointer, sql: String) {
        self.init(operation, code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }

    /// The statement was interrupted (`sqlite3_interrupt`, or a progress handler that said stop).
    public var isInterrupt: Bool { code == SQLITE_INTERRUPT }

    public var description: String {
        switch operation {
        case .prepare: "SQLite could not prepare a statement: \(message)"
        case .execute: "SQLite failed (\(sql.prefix(40))…): \(message)"
        case .read: "SQLite failed reading the data: \(message)"
        case .bind(let parameter): "cannot bind parameter \(parameter) (SQLite code \(code))"
        }
    }
}
