import Foundation
import GRDB
import SharedTestSupport
import Testing
@testable import EntraideKit

/// Messy files found in review: each must give a clear error or the right value, never a
/// crash, a silent loss, or a personal value echoed back.
@Suite struct ImportEdgeCaseTests {
    @Test func unclosedQuoteIsAnErrorWithItsLine() throws {
        let f = try ImportFixture()
        let r = try f.dir.write("demandes.csv", """
            N° demande,Date d'appel,Type de service
            R1,03/10/2026 14:05,Courses
            R2,03/10/2026 14:05,"Courses
            R3,04/10/2026 10:00,Écoute
            R4,05/10/2026 10:00,Écoute
            """ + "\n")
        let error = #expect(throws: UserError.self) { try f.run([r]) }
        #expect(error?.kind == .badInput)
        #expect(error?.message.hasPrefix("\(r):3: a quoted field") == true)
        #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 0)
    }

    @Test func aRowWithMoreValuesThanHeadersIsRejectedWithoutEchoingThem() throws {
        let f = try ImportFixture()
        let r = try f.dir.write("demandes.csv", """
            N° demande,Nom de l'habitant,Téléphone de l'habitant,Date d'appel,Type de service
            R1,Dupont, Jeanne,06 12 34 56 78,03/10/2026 14:05,Courses
            R2,Martin,07 00 00 00 01,03/10/2026 14:05,Courses,,
            """ + "\n")
        let rejects = f.dir.path("rejets.csv")
        let s = try f.run([r]) { $0.skipInvalid = true; $0.rejectsPath = rejects }
        #expect(s.imported(.requests) == 1 && s.rejectedCount == 1)  // trailing empty cells are fine
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(text.contains("this row has 6 values but the header has 5 columns"))
        for secret in ["Dupont", "Jeanne", "12 34 56 78"] { #expect(!text.contains(secret)) }
        let strict = try ImportFixture()
        let s2 = try strict.run([try strict.dir.write("demandes.csv", try String(contentsOfFile: r, encoding: .utf8))])
        #expect(s2.errors.map(\.description) == [
            "\(strict.dir.path("demandes.csv")):2: this row has 6 values but the header has 5 columns; "
                + "a value probably contains the separator without quotes around it",
        ])
    }

    @Test func hugeDurationIsAnErrorNotACrash() throws {
        #expect(ValueParsers.hours("99999999999999999999") == nil)
        #expect(ValueParsers.hours("1:99999999999999999999") == nil)
        #expect(ValueParsers.hours("999999") == 999_999)
    }

    @Test func oneWindows1252ByteSpoilsOnlyItsField() throws {
        let f = try ImportFixture()
        var bytes = Array("N° demande;Date d'appel;Type de service;Statut;Association\n".utf8)
        bytes += Array("R1;03/10/2026 14:05;Écoute;Réalisée;L".utf8) + [0x92] + Array("asso d'ici\n".utf8)
        let r = try f.dir.write("demandes.csv", bytes: bytes)
        let s = try f.run([r])
        #expect(s.errorCount == 0)
        #expect(s.warnings.repairedFields == 1)
        #expect(try f.value("SELECT domain || ' ' || status FROM requests") == "ecoute done")
        #expect(try f.value("SELECT association FROM requests") == "L\u{2019}asso d'ici")
    }

    @Test func spacesAfterAClosingQuoteAndBlankLinesBeforeTheHeader() throws {
        let f = try ImportFixture()
        let r = try f.dir.write("demandes.csv", "\r\n\r\nN° demande;Date d'appel;Type de service\r\n"
            + "\"R1\" ;\"03/10/2026 14:05\"  ;Courses\r\n\"R\"2;03/10/2026 15:00;Courses\r\n")
        let s = try f.run([r])
        #expect(s.errorCount == 0, "\(s.errors)")
        #expect(try f.value("SELECT group_concat(request_id, ',') FROM (SELECT request_id FROM requests ORDER BY 1)")
            == "R1,R2")
    }

    @Test func halfHourTimeZoneChanges() throws {
        // St. John's (Newfoundland) moves from -03:30 to -02:30 at 02:00 local, 05:30 UTC.
        let clock = LocalClock(identifier: "America/St_Johns")!
        #expect(clock.timestamp(utc: 1_772_947_800 - 1200).iso8601 == "2026-03-08T01:40:00-03:30")  // 05:10Z
        #expect(clock.timestamp(utc: 1_772_947_800 + 900).iso8601 == "2026-03-08T03:15:00-02:30")   // 05:45Z
        #expect(clock.timestamp(local: Timestamp(iso8601: "2026-03-08T01:45:00+00:00")!.utc).iso8601
            == "2026-03-08T01:45:00-03:30")
        #expect(clock.timestamp(local: Timestamp(iso8601: "2026-03-08T03:15:00+00:00")!.utc).iso8601
            == "2026-03-08T03:15:00-02:30")
    }

    @Test func rejectsCellsNeverRunAsFormulas() {
        #expect(RejectsWriter.quote("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(RejectsWriter.quote("-12") == "-12")
        #expect(RejectsWriter.quote("@cmd") == "'@cmd")
    }
}

@Suite struct AssignmentMergeTests {
    static let header = "N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le;Réalisé le;Durée\n"
    static let fileHeader = "N° demande;Identifiant bénévole;Mis en relation le;Réalisé le;Heures\n"

    func importRun(_ f: ImportFixture, requests: String, assignments: String) throws {
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let r = try f.dir.write("demandes.csv", Self.header + requests)
        let a = try f.dir.write("interventions.csv", Self.fileHeader + assignments)
        let s = try f.run([v, r, a])
        #expect(s.committed, "\(s.errors)")
    }

    @Test func eachSourceIsReplacedInFullAndTheFileWins() throws {
        let f = try ImportFixture()
        // Run 1: inline hours 2, the file names the pair without hours.
        try importRun(f, requests: "R1;03/10/2026 14:05;Courses;B1;03/10/2026 15:00;;2\n",
                      assignments: "R1;B1;;;\n")
        #expect(try f.value("SELECT hours FROM assignments", as: Double.self) == 2)
        // Run 2: the inline hours are corrected to 3; the file still gives none: 3.
        try importRun(f, requests: "R1;03/10/2026 14:05;Courses;B1;03/10/2026 15:00;;3\n",
                      assignments: "R1;B1;;;\n")
        #expect(try f.value("SELECT hours FROM assignments", as: Double.self) == 3)
        // Run 3: the file gives a done date and 4 hours: they win.
        try importRun(f, requests: "R1;03/10/2026 14:05;Courses;B1;03/10/2026 15:00;;3\n",
                      assignments: "R1;B1;;05/10/2026 10:00;4\n")
        #expect(try f.value("SELECT hours || ' ' || done_at || ' ' || source FROM assignments")
            == "4.0 2026-10-05T10:00:00+02:00 file")
        #expect(try f.value("SELECT status FROM requests") == "done")
        // Run 4: the file's done date is cleared (a correction): it is gone, the status derived again.
        try importRun(f, requests: "R1;03/10/2026 14:05;Courses;B1;03/10/2026 15:00;;3\n",
                      assignments: "R1;B1;;;\n")
        #expect(try f.value("SELECT done_at FROM assignments") == nil)
        #expect(try f.value("SELECT hours FROM assignments", as: Double.self) == 3)
        #expect(try f.value("SELECT status FROM requests") == "matched")
        // Importing the same files again changes nothing.
        let before = try f.dump("assignments")
        try importRun(f, requests: "R1;03/10/2026 14:05;Courses;B1;03/10/2026 15:00;;3\n",
                      assignments: "R1;B1;;;\n")
        #expect(try f.dump("assignments") == before)
    }

    @Test func aVolunteerDroppedFromTheRowKeepsOnlyWhatTheFileSaid() throws {
        let f = try ImportFixture()
        try importRun(f, requests: "R1;03/10/2026 14:05;Courses;B1;03/10/2026 15:00;;2\n",
                      assignments: "R1;B1;;;1\nR1;B2;03/10/2026 16:00;;\n")
        #expect(try f.value("SELECT count(*) FROM assignments", as: Int.self) == 2)
        // The row now names B2: B1 stays only through the file (its matched_at, which only the
        // row gave, is gone), B2 merges the row's values with the file's.
        try importRun(f, requests: "R1;03/10/2026 14:05;Courses;B2;03/10/2026 17:00;;5\n",
                      assignments: "R1;B1;;;1\nR1;B2;03/10/2026 16:00;;\n")
        #expect(try f.value("SELECT coalesce(matched_at, '-') || ' ' || hours FROM assignments WHERE volunteer_id = 'B1'")
            == "- 1.0")
        #expect(try f.value("SELECT matched_at || ' ' || hours FROM assignments WHERE volunteer_id = 'B2'")
            == "2026-10-03T16:00:00+02:00 5.0")
    }
}

/// A database written by an earlier version keeps working after an upgrade of the tool.
@Suite struct SchemaUpgradeTests {
    @Test func aDatabaseWithTheOldIndexesIsReadAsIsAndMigratedByTheNextImport() throws {
        let dir = try TempDir("upgrade")
        let path = dir.path("old.sqlite")
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "v3-assignment-sources")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO requests (request_id, received_at, received_month, domain, status)
                VALUES ('R1', '2026-10-03T14:05:00+02:00', '2026-10', 'courses', 'open')
                """)
        }
        try old.close()
        func indexes(_ store: Store) throws -> [String] {
            try store.dbQueue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
            }
        }

        // Read-only commands answer without the migration that only drops indexes.
        let reading = try Store(readOnlyPath: path)
        #expect(try indexes(reading).sorted() == ["assignments_by_matched_month", "requests_by_month", "requests_by_resident"])
        let report = try IndicatorEngine(store: reading, settings: Settings()).compute(from: Month("2026-10")!, to: Month("2026-10")!)
        #expect(report.total.requests.received == 1)

        // Opening it for writing (an import) migrates it.
        let writing = try Store(path: path)
        #expect(try indexes(writing).isEmpty)
        #expect(try writing.dbQueue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM requests") } == 1)
    }
}

@Suite struct MultiRowWriteTests {
    @Test func parametersAreNumberedAgainForEachRow() {
        let sql = MultiRowSQL(insert: "INSERT INTO t (a, b, m)", row: "(?1, ?2, substr(?2, 1, 7))", parameters: 2,
                              conflict: "ON CONFLICT (a) DO NOTHING")
        #expect(sql.sql(rows: 1) == "INSERT INTO t (a, b, m)\nVALUES (?1, ?2, substr(?2, 1, 7))\nON CONFLICT (a) DO NOTHING")
        #expect(sql.sql(rows: 3).contains("(?5, ?6, substr(?6, 1, 7))"))
        #expect(MultiRowSQL.renumber("(?9, ?10, '?x')", by: 10) == "(?19, ?20, '?x')")
    }

    @Test func aRequestsFileOfSeveralBatchesIsWrittenWholeAndOnce() throws {
        // 5,000 rows: several batches, each written 64 rows per statement, with a remainder.
        let f = try ImportFixture()
        var lines = ["N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le;Heures"]
        for k in 0..<5000 {
            lines.append("R\(k);0\(k % 9 + 1)/10/2026 10:00;Courses;" + (k % 3 == 0 ? "" : "B\(k % 7);0\(k % 9 + 1)/10/2026 12:00;1,5"))
        }
        let volunteers = try f.dir.write("benevoles.csv", "Identifiant bénévole;Date d'inscription\n" + (0..<7).map { "B\($0);01/01/2026" }.joined(separator: "\n") + "\n")
        let requests = try f.dir.write("demandes.csv", lines.joined(separator: "\n") + "\n")
        _ = try f.run([volunteers, requests])
        #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 5000)
        #expect(try f.value("SELECT count(*) FROM assignments", as: Int.self) == 5000 - 1667)
        #expect(try f.value("SELECT count(*) FROM requests WHERE status = 'matched'", as: Int.self) == 5000 - 1667)
        #expect(try f.value("SELECT total(hours) FROM assignments", as: Double.self) == 1.5 * Double(5000 - 1667))
        #expect(try f.value("SELECT matched_month FROM assignments WHERE request_id = 'R4999'", as: String.self) == "2026-10")
        // The same file again changes nothing.
        let before = try f.value("SELECT group_concat(request_id || status || ifnull(resident_key, ''), ',') FROM requests", as: String.self)
        _ = try f.run([volunteers, requests])
        #expect(try f.value("SELECT group_concat(request_id || status || ifnull(resident_key, ''), ',') FROM requests", as: String.self) == before)
    }

    @Test func reImportingRequestsNamedByTheAssignmentsFileMergesEveryRow() throws {
        // 150 requests (several 64-row statements) with an inline volunteer B1; the assignments
        // file adds B2 to the first 100 and gives B1 its own hours on every tenth request.
        let f = try ImportFixture()
        let volunteers = try f.dir.write("benevoles.csv", "Identifiant bénévole;Date d'inscription\nB1;01/01/2026\nB2;01/01/2026\n")
        func requests(hours: String) throws -> String {
            try f.dir.write("demandes.csv", (["N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le;Heures"]
                + (0..<150).map { "R\($0);02/10/2026 10:00;Courses;B1;02/10/2026 12:00;\(hours)" }).joined(separator: "\n") + "\n")
        }
        var fileRows = ["N° demande;Identifiant bénévole;Mis en relation le;Heures"]
        fileRows += (0..<100).map { "R\($0);B2;03/10/2026 09:00;2" }
        fileRows += stride(from: 0, to: 150, by: 10).map { "R\($0);B1;;3" }
        let assignments = try f.dir.write("interventions.csv", fileRows.joined(separator: "\n") + "\n")
        _ = try f.run([volunteers, try requests(hours: "1"), assignments])
        _ = try f.run([try requests(hours: "1,5")])  // a newer export of the requests alone

        #expect(try f.value("SELECT count(*) FROM assignments", as: Int.self) == 250)
        #expect(try f.value("SELECT count(*) FROM assignments WHERE volunteer_id = 'B2' AND hours = 2", as: Int.self) == 100)
        // The file's hours win where it gives some; elsewhere the newer row's hours show through.
        #expect(try f.value("SELECT count(*) FROM assignments WHERE volunteer_id = 'B1' AND hours = 3", as: Int.self) == 15)
        #expect(try f.value("SELECT count(*) FROM assignments WHERE volunteer_id = 'B1' AND hours = 1.5", as: Int.self) == 135)
        // The match time the file left empty comes from the row.
        #expect(try f.value("SELECT count(*) FROM assignments WHERE volunteer_id = 'B1' AND matched_month = '2026-10'",
                            as: Int.self) == 150)
        #expect(try f.value("SELECT count(*) FROM assignment_sources WHERE source = 'inline' AND hours = 1.5", as: Int.self) == 15)
    }
}
