import Foundation
import GRDB
import Testing
@testable import EntraideKit

/// The raw statement wrapper: a failed SQLite call is a `SQLiteError` that carries SQLite's
/// result code and the SQL.
@Suite struct RawStatementTests {
    @Test func failuresCarryTheResultCodeAndTheSQL() throws {
        let f = try ImportFixture()
        try f.store.dbQueue.write { db in
            let typo = #expect(throws: SQLiteError.self) { try RawStatement(db, "SELEC 1") }
            #expect(typo?.operation == .prepare && typo?.code == 1 && typo?.sql == "SELEC 1")
            #expect(typo?.description == "SQLite could not prepare a statement: near \"SELEC\": syntax error")

            let sql = "INSERT INTO volunteers (volunteer_id, joined_on, joined_month) VALUES (?1, ?2, ?3)"
            let insert = try RawStatement(db, sql)
            insert.bind(1, "V1")
            insert.bind(2, "2026-10-01")
            insert.bind(3, "")  // NULL: refused by NOT NULL
            let refused = #expect(throws: SQLiteError.self) { try insert.execute() }
            #expect(refused?.operation == .execute && refused.map { $0.code & 0xFF } == 19)  // SQLITE_CONSTRAINT
            #expect(refused?.sql == sql && refused?.message.contains("NOT NULL") == true)
            insert.bind(3, "2026-10")
            #expect(try insert.execute() == 1)

            let read = try RawStatement(db, "SELECT volunteer_id, joined_month FROM volunteers")
            var rows: [String] = []
            try read.forEachRow {
                rows.append(String(decoding: read.text(0) ?? .init(start: nil, count: 0), as: UTF8.self))
            }
            #expect(rows == ["V1"])
        }
    }
}
