import Foundation
import GRDB
import Testing
import SharedTestSupport
@testable import EntraideKit

/// A temporary database filled with `Fixtures/query/data.sql`, removed when the fixture goes.
final class QueryFixture {
    private let temp: TempDir
    var dir: URL { temp.url }
    let dbPath: String

    init() throws {
        temp = try TempDir("entraide-query")
        dbPath = temp.path("entraide.sqlite")
        let sql = try String(contentsOf: TestPaths.fixture("query/data.sql"), encoding: .utf8)
        do {
            let store = try Store(path: dbPath)
            try store.dbQueue.write { try $0.execute(sql: sql) }
        }
    }

    /// The project's shipped queries folder.
    static let shippedQueries: String = TestPaths.repository.appendingPathComponent("queries").path

    var library: QueryLibrary { QueryLibrary(folders: [dir.appendingPathComponent("queries").path,
                                                      QueryFixture.shippedQueries]) }

    /// Runs `entraide query` into a file and returns the bytes written.
    func run(_ target: String, params: [String] = [], format: QueryFormat = .csv, timeout: Double = 10,
             responseTargetHours: Int = 48, settings: Settings = Settings()) throws -> Data {
        let out = dir.appendingPathComponent("out-\(UUID().uuidString)").path
        var command = QueryCommand(databasePath: dbPath, target: target, parameters: params, format: format,
                                   outputPath: out, timeout: timeout, library: library,
                                   responseTargetHours: responseTargetHours)
        command.settings = settings
        try command.run()
        return try Data(contentsOf: URL(fileURLWithPath: out))
    }

    func text(_ target: String, params: [String] = [], format: QueryFormat = .csv) throws -> String {
        String(decoding: try run(target, params: params, format: format), as: UTF8.self)
    }

    /// Rows of a CSV result without the header (simple fixture values: no quoting).
    func rows(_ target: String, params: [String] = []) throws -> [[String]] {
        let lines = try text(target, params: params).components(separatedBy: "\n").filter { !$0.isEmpty }
        return lines.dropFirst().map { $0.components(separatedBy: ",") }
    }

    func jsonObjects(_ target: String, params: [String] = []) throws -> [[String: Any]] {
        let data = try run(target, params: params, format: .json)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    /// What `/usr/bin/sqlite3 -csv -header` prints for the same SQL.
    func sqlite3Shell(_ sql: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-csv", "-header", dbPath, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return data
    }
}

private func userErrorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as UserError {
        return error.message
    } catch {
        return "not a UserError: \(error)"
    }
}

@Suite("Query")
struct QueryTests {
    // MARK: Formats

    @Test("CSV is byte-identical to the sqlite3 shell's -csv -header output")
    func csvMatchesShell() throws {
        let f = try QueryFixture()
        let queries = [
            "SELECT * FROM requests",
            "SELECT * FROM assignments",
            "SELECT * FROM volunteers",
            "SELECT * FROM imports",
            "SELECT * FROM request_delays",
            """
            SELECT 'a,b' AS comma, 'say \"hi\"' AS quotes, 'line1' || char(10) || 'line2' AS newline,
                   'cr' || char(13) || char(10) || 'lf' AS crlf, NULL AS nul, '' AS empty, ' lead' AS space,
                   'l''apostrophe' AS apostrophe, 'été' AS accents, 1.5 AS real, 100.0 AS whole_real,
                   1e20 AS big, 0.1 + 0.2 AS inexact, -3 AS negative, 1.0/3 AS third, 9007199254740993 AS bigint,
                   'tab' || char(9) || 'x' AS tab, 'a|b' AS pipe
            """,
            "SELECT 1 AS \"odd, name\", 2 AS \"x y\" WHERE 0",
        ]
        for sql in queries {
            let ours = try f.run(sql, format: .csv)
            let shell = try f.sqlite3Shell(sql)
            #expect(ours == shell, "CSV differs for: \(sql)\nours:\n\(String(decoding: ours, as: UTF8.self))\nshell:\n\(String(decoding: shell, as: UTF8.self))")
        }
    }

    @Test("JSON is an array of objects with numbers as numbers and NULL as null")
    func json() throws {
        let f = try QueryFixture()
        let objects = try f.jsonObjects(
            "SELECT request_id, hours, status_derived, contacted_at, 'a\"b' || char(10) AS tricky FROM assignments "
                + "JOIN requests USING (request_id) ORDER BY request_id, volunteer_id")
        #expect(objects.count == 5)
        #expect(objects[0]["request_id"] as? String == "R01")
        #expect((objects[0]["hours"] as? NSNumber)?.doubleValue == 1.5)
        #expect((objects[0]["status_derived"] as? NSNumber)?.intValue == 0)
        #expect(objects[2]["contacted_at"] is NSNull)
        #expect(objects[2]["hours"] is NSNull)
        #expect(objects[0]["tricky"] as? String == "a\"b\n")
        let empty = try f.text("SELECT * FROM requests WHERE 0", format: .json)
        #expect(empty == "[]\n")
    }

    @Test("Markdown is a GitHub table with escaped pipes")
    func markdown() throws {
        let f = try QueryFixture()
        let text = try f.text("SELECT volunteer_id, domains, left_on FROM volunteers ORDER BY volunteer_id LIMIT 2",
                              format: .markdown)
        #expect(text == """
            | volunteer_id | domains | left_on |
            | --- | --- | --- |
            | V01 | courses\\|ecoute |  |
            | V02 | ecoute | 2026-10-20 |

            """)
    }

    @Test("Table aligns columns, right-aligns numbers and cuts long cells with an ellipsis")
    func table() throws {
        let f = try QueryFixture()
        let text = try f.text("SELECT 'R1' AS id, 12 AS n, replace(hex(zeroblob(30)), '0', 'x') AS long UNION ALL SELECT 'R22', 3, NULL",
                              format: .table)
        let lines = text.components(separatedBy: "\n")
        #expect(lines[0] == "id   n   long")
        #expect(lines[1] == "---  --  " + String(repeating: "-", count: 40))
        #expect(lines[2] == "R1   12  " + String(repeating: "x", count: 39) + "…")
        #expect(lines[3] == "R22   3")
        #expect(lines[4] == "(2 rows)")
    }

    @Test("A large result streams to CSV like the shell")
    func streaming() throws {
        let f = try QueryFixture()
        let sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) "
            + "SELECT x, x * 0.5 AS half, 'row ' || x AS label FROM c"
        let ours = try f.run(sql, format: .csv)
        #expect(ours.count > 2_000_000)
        #expect(ours == (try f.sqlite3Shell(sql)))
    }

    // MARK: Parameters

    @Test("Parameters bind numbers as numbers and text as text; missing and unknown ones are clear errors")
    func parameters() throws {
        let f = try QueryFixture()
        #expect(try f.rows("SELECT count(*) FROM requests WHERE received_month = :month", params: ["month=2026-09"])
                == [["4"]])
        #expect(try f.rows("SELECT :n + 1, typeof(:n), :v, typeof(:v), :z, typeof(:z)",
                           params: ["n=41", "v=2.5", "z=0042"]) == [["42", "integer", "2.5", "real", "0042", "text"]])
        let missing = userErrorMessage { _ = try f.run("SELECT :a, :b", params: ["a=1"]) }
        #expect(missing?.contains("missing parameter b") == true)
        #expect(missing?.contains("--param a=VALUE --param b=VALUE") == true)
        let unknown = userErrorMessage { _ = try f.run("SELECT :a", params: ["a=1", "zz=2"]) }
        #expect(unknown?.contains("unknown parameter zz") == true)
        let named = userErrorMessage { _ = try f.run("monthly_volunteers", params: ["from=2026-09", "oops=1"]) }
        #expect(named?.contains("unknown parameter oops") == true)
        #expect(named?.contains("--param from=VALUE") == true)
        #expect(named?.contains("--param to=VALUE") == true)
        let namedMissing = userErrorMessage { _ = try f.run("monthly_volunteers", params: ["from=2026-09"]) }
        #expect(namedMissing?.contains("missing parameter to for the query monthly_volunteers") == true)
        let malformed = userErrorMessage { _ = try f.run("SELECT :a", params: ["a"]) }
        #expect(malformed?.contains("NAME=VALUE") == true)
        let positional = userErrorMessage { _ = try f.run("SELECT ?") }
        #expect(positional?.contains("named parameters") == true)
    }

    @Test("Named query files: header parsing, defaults, lookup beside the database first")
    func namedQueryParsing() throws {
        let q = try NamedQuery(name: "x", path: "x.sql", text: """
            -- title: Something
            -- description: First line
            --   continued here.
            -- params:
            --   month: the month, YYYY-MM
            --   threshold: a number (default: 4)
            SELECT :month, :threshold
            """)
        #expect(q.title == "Something")
        #expect(q.description == "First line continued here.")
        #expect(q.parameters == [.init(name: "month", description: "the month, YYYY-MM", defaultValue: nil),
                                 .init(name: "threshold", description: "a number", defaultValue: "4")])
        #expect(throws: UserError.self) { try NamedQuery(name: "y", path: "y.sql", text: "SELECT 1") }

        let f = try QueryFixture()
        let local = f.dir.appendingPathComponent("queries")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        try "-- title: Local override\n-- params:\n--   x: a value (default: 7)\nSELECT :x * 2 AS doubled"
            .write(to: local.appendingPathComponent("monthly_volunteers.sql"), atomically: true, encoding: .utf8)
        #expect(try f.rows("monthly_volunteers") == [["14"]])
        #expect(try f.rows("monthly_volunteers", params: ["x=5"]) == [["10"]])
        let standard = QueryLibrary.standard(databasePath: f.dbPath, environment: ["ENTRAIDE_QUERIES": "/opt/q"],
                                             executablePath: nil)
        #expect(standard.folders == [local.path, "/opt/q"])
        let repo = URL(fileURLWithPath: QueryFixture.shippedQueries).deletingLastPathComponent().path
        #expect(QueryLibrary.shippedFolder(executablePath: repo + "/.build/debug/entraide")
                == QueryFixture.shippedQueries)
        #expect(QueryLibrary.shippedFolder(executablePath: "/usr/bin/entraide") == nil)
        let unknownName = userErrorMessage { _ = try f.run("no_such_query") }
        #expect(unknownName?.contains("no named query `no_such_query`") == true)
    }

    @Test("Listing the named queries as JSON and as a table")
    func listing() throws {
        let queries = try QueryLibrary(folders: [QueryFixture.shippedQueries]).all()
        #expect(queries.count >= 8)
        let json = QueryListing.render(queries, format: .json)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.count == queries.count)
        let overloaded = try #require(parsed.first { $0["name"] as? String == "overloaded_volunteers" })
        #expect((overloaded["title"] as? String)?.isEmpty == false)
        #expect((overloaded["description"] as? String)?.isEmpty == false)
        let params = try #require(overloaded["params"] as? [[String: Any]])
        #expect(params.map { $0["name"] as? String } == ["month", "threshold"])
        let table = QueryListing.render(queries, format: .table)
        #expect(table.contains("waiting_requests — Requests waiting longer than N days"))
        #expect(table.contains("--param days=…"))
    }

    // MARK: Refusals

    @Test("Every write, attach, writable pragma, file function or second statement is refused, database untouched")
    func refusals() throws {
        let f = try QueryFixture()
        let before = try Data(contentsOf: URL(fileURLWithPath: f.dbPath))
        let copy = f.dir.appendingPathComponent("copy.sqlite").path
        let refused: [(String, String)] = [
            ("DELETE FROM requests", "delete rows from requests"),
            ("UPDATE requests SET status = 'done'", "update requests"),
            ("INSERT INTO imports SELECT * FROM imports", "insert rows into imports"),
            ("DROP TABLE requests", "schema"),
            ("DROP VIEW request_delays", "schema"),
            ("CREATE TABLE t(a)", "schema"),
            ("CREATE TEMP TABLE t(a)", "schema"),
            ("ALTER TABLE requests ADD COLUMN x", "schema"),
            ("ATTACH '\(copy)' AS other", "ATTACH"),
            ("DETACH main", "DETACH"),
            ("SELECT 1; DELETE FROM requests", "exactly one statement"),
            ("SELECT 1; SELECT 2", "exactly one statement"),
            ("PRAGMA journal_mode = WAL", "PRAGMA journal_mode"),
            ("PRAGMA user_version = 5", "PRAGMA user_version"),
            ("PRAGMA writable_schema = 1", "PRAGMA writable_schema"),
            ("PRAGMA query_only = 0", "PRAGMA query_only"),
            ("VACUUM INTO '\(copy)'", "VACUUM"),
            ("VACUUM", "VACUUM"),
            ("SELECT load_extension('/tmp/evil.so')", "load_extension()"),
            ("SELECT readfile('/etc/passwd')", "readfile()"),
            ("SELECT writefile('\(copy)', 'x')", "writefile()"),
            ("SELECT edit('text')", "edit()"),
            ("BEGIN IMMEDIATE", "transactions"),
            ("REINDEX", "REINDEX"),
            ("ANALYZE", "refused"),
            ("UPDATE sqlite_master SET sql = ''", "may not be modified"),
            ("WITH x AS (SELECT 1) DELETE FROM requests", "delete rows from requests"),
        ]
        for (sql, reason) in refused {
            let message = userErrorMessage { _ = try f.run(sql) }
            #expect(message?.contains("read-only") == true, "\(sql): \(message ?? "accepted")")
            #expect(message?.contains(reason) == true, "\(sql): \(message ?? "accepted")")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.dbPath)) == before)
        #expect(!FileManager.default.fileExists(atPath: copy))
        // Read-only pragmas still work.
        #expect(try f.rows("PRAGMA user_version") == [["0"]])
        #expect(try f.rows("SELECT count(*) FROM pragma_table_info('requests')") == [["9"]])
    }

    @Test("SQL errors show SQLite's message and where it occurred")
    func sqlErrors() throws {
        let f = try QueryFixture()
        let message = userErrorMessage { _ = try f.run("SELECT *\nFROM requests\nWHERE received_month = = 1") }
        #expect(message?.contains("syntax error") == true)
        #expect(message?.contains("line 3, column 24") == true)
        let table = userErrorMessage { _ = try f.run("SELECT * FROM nowhere") }
        #expect(table?.contains("no such table: nowhere") == true)
    }

    @Test("A runaway recursive query stops at the time limit")
    func timeout() throws {
        let f = try QueryFixture()
        let message = userErrorMessage {
            _ = try f.run("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c",
                          timeout: 0.3)
        }
        #expect(message?.contains("time limit of 0.3 s") == true)
        #expect(message?.contains("--timeout") == true)
    }

    @Test("A missing database or an output onto the database is a user error")
    func databaseChecks() throws {
        let f = try QueryFixture()
        let missing = userErrorMessage {
            try QueryCommand(databasePath: f.dir.appendingPathComponent("none.sqlite").path, target: "SELECT 1",
                             library: f.library).run()
        }
        #expect(missing?.contains("no database here") == true)
        let onto = userErrorMessage {
            try QueryCommand(databasePath: f.dbPath, target: "SELECT 1", outputPath: f.dbPath, library: f.library).run()
        }
        #expect(onto?.contains("is the database itself") == true)
    }

    // MARK: Views and shipped named queries

    @Test("request_delays gives real elapsed hours across a DST change")
    func requestDelaysView() throws {
        let f = try QueryFixture()
        #expect(try f.rows("SELECT request_id, match_delay_hours, contact_delay_hours FROM request_delays "
                           + "WHERE request_id IN ('R01', 'R06') ORDER BY request_id")
                == [["R01", "4.0", "19.9166666666667"], ["R06", "2.0", "9.5"]])
        #expect(try f.rows("SELECT volunteer_id, month, assignments, hours FROM volunteer_load ORDER BY 1, 2")
                == [["V01", "2026-09", "2", "3.5"], ["V01", "2026-10", "1", ""],
                    ["V02", "2026-10", "1", "3.0"], ["V03", "2026-10", "1", "1.0"]])
    }

    @Test("monthly_volunteers")
    func monthlyVolunteers() throws {
        let f = try QueryFixture()
        #expect(try f.rows("monthly_volunteers", params: ["from=2026-09", "to=2026-10"])
                == [["2026-09", "2", "1", "1", "0"], ["2026-10", "3", "3", "1", "1"]])
    }

    @Test("requests_by_domain_month")
    func requestsByDomainMonth() throws {
        let f = try QueryFixture()
        #expect(try f.rows("requests_by_domain_month", params: ["from=2026-09", "to=2026-10"]) == [
            ["2026-09", "courses", "2", "2", "0", "0", "0"],
            ["2026-09", "ecoute", "1", "0", "1", "0", "0"],
            ["2026-09", "orientation", "1", "0", "0", "0", "1"],
            ["2026-10", "coup_de_main", "1", "1", "0", "0", "0"],
            ["2026-10", "courses", "1", "0", "1", "0", "0"],
            ["2026-10", "ecoute", "1", "0", "0", "1", "0"],
        ])
    }

    @Test("delays_by_domain")
    func delaysByDomain() throws {
        let f = try QueryFixture()
        #expect(try f.rows("delays_by_domain", params: ["from=2026-09", "to=2026-10"]) == [
            ["coup_de_main", "1", "1", "2.0", "2.0", "1.0", "9.5"],
            ["courses", "3", "3", "2.5", "2.5", "1.0", "21.96"],
            ["ecoute", "2", "0", "", "", "", ""],
            ["orientation", "1", "0", "", "", "", ""],
        ])
        // The share on time follows the setting response_target_hours, through response_target_hours().
        let strict = try f.run("delays_by_domain", params: ["from=2026-09", "to=2026-10"], responseTargetHours: 1)
        let rows = String(decoding: strict, as: UTF8.self).components(separatedBy: "\n")
        #expect(rows.first?.contains("within_target_share") == true)
        #expect(rows.contains("coup_de_main,1,1,2.0,2.0,0.0,9.5"))
        let target = try f.run("SELECT response_target_hours() AS t", responseTargetHours: 24)
        #expect(String(decoding: target, as: UTF8.self) == "t\n24\n")
    }

    /// The shipped queries are built into the binary, as the folder has them: an installed
    /// `entraide` finds them from any folder.
    @Test("The shipped queries are built in, identical to queries/*.sql")
    func shippedQueriesAreBuiltIn() throws {
        let folder = QueryFixture.shippedQueries
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(ShippedQueries.files.map { $0.name + ".sql" } == files, "run queries/embed-queries.sh")
        for shipped in ShippedQueries.files {
            let text = try String(contentsOfFile: folder + "/" + shipped.name + ".sql", encoding: .utf8)
            #expect(text == shipped.text + "\n", "run queries/embed-queries.sh after editing \(shipped.name).sql")
        }
        let nowhere = QueryLibrary(folders: ["/nonexistent"])
        #expect(try nowhere.find("delays_by_domain")?.path == "queries/delays_by_domain.sql (built in)")
        #expect(try nowhere.all().map(\.name) == ShippedQueries.files.map(\.name))
        var none = nowhere
        none.includesBuiltIn = false
        #expect(try none.find("delays_by_domain") == nil)
    }

    /// `working_hours()` gives the indicators' working time (docs/QUERIES.md, "Functions").
    @Test("working_hours() and working_target_hours()")
    func workingHours() throws {
        let f = try QueryFixture()
        let settings = try Settings.parse(toml: """
            associations = ["Secours Catholique"]
            [calendar]
            target_hours = 8
            [calendar.associations."Secours Catholique"]
            opening_hours = "mar,jeu 14:00-18:00"
            """)
        let sql = """
            SELECT working_hours('2026-11-27T16:00:00+01:00', '2026-11-30T10:00:00+01:00') AS weekend,
                   working_hours('2026-11-30T10:00:00+01:00', '2026-12-03T15:00:00+01:00', 'secours catholique') AS own,
                   working_hours('2026-11-30T10:00:00+01:00', '2026-12-03T15:00:00+01:00', 'Autre') AS network,
                   working_hours('2026-11-30T10:00:00+01:00', '2026-11-27T16:00:00+01:00') AS backwards,
                   working_hours(NULL, '2026-11-30T10:00:00+01:00') AS missing,
                   working_hours('30/11/2026', '2026-11-30T10:00:00+01:00') AS unreadable,
                   working_hours('1800-01-01T00:00:00+00:00', '2026-11-30T10:00:00+01:00') AS too_early,
                   working_target_hours() AS target
            """
        #expect(String(decoding: try f.run(sql, settings: settings), as: UTF8.self)
            == "weekend,own,network,backwards,missing,unreadable,too_early,target\n2.0,5.0,29.0,,,,,8\n")
        // Over the stored rows, the named query answers in working hours too.
        let rows = try f.text("delays_in_working_hours", params: ["from=2026-09", "to=2026-10"])
        #expect(rows.hasPrefix("association,requests,matched,mean_match_hours,mean_match_working_hours,"
                               + "within_working_target_share\n"))
    }

    @Test("overloaded_volunteers")
    func overloadedVolunteers() throws {
        let f = try QueryFixture()
        #expect(try f.rows("overloaded_volunteers", params: ["month=2026-09", "threshold=1"])
                == [["V01", "\"Centre social\"", "2", "3.5"]])
        #expect(try f.rows("overloaded_volunteers", params: ["month=2026-09"]).isEmpty)
    }

    @Test("waiting_requests")
    func waitingRequests() throws {
        let f = try QueryFixture()
        let rows = try f.rows("waiting_requests", params: ["days=7", "as_of=2026-10-20"])
        #expect(rows.map { [$0[0], $0[5], $0[6]] } == [["R02", "volunteer", "45"], ["R05", "contact", "18"]])
        #expect(try f.rows("waiting_requests", params: ["days=30", "as_of=2026-10-20"]).map { $0[0] } == ["R02"])
        #expect(try f.rows("waiting_requests", params: ["days=7"]).map { $0[0] }.contains("R02"))
    }

    @Test("requests_by_association")
    func requestsByAssociation() throws {
        let f = try QueryFixture()
        let objects = try f.jsonObjects("requests_by_association", params: ["from=2026-09", "to=2026-10"])
        #expect(objects.map { $0["association"] as? String } == ["Centre social", "Étudiants", "(none)"])
        #expect(objects.map { ($0["requests"] as? NSNumber)?.intValue } == [4, 2, 1])
        #expect(objects.map { ($0["done"] as? NSNumber)?.intValue } == [2, 1, 0])
        #expect(objects.map { ($0["residents"] as? NSNumber)?.intValue } == [2, 1, 0])
        #expect(objects.map { ($0["hours"] as? NSNumber)?.doubleValue } == [3.5, 4.0, 0])
    }

    @Test("repeat_residents")
    func repeatResidents() throws {
        let f = try QueryFixture()
        let rows = try f.rows("repeat_residents", params: ["from=2026-09", "to=2026-10"])
        #expect(rows.map { [$0[0], $0[1]] } == [["a1a1a1a1", "3"], ["b2b2b2b2", "2"]])
        #expect(try f.rows("repeat_residents", params: ["from=2026-09", "to=2026-10", "min_requests=3"])
                    .map { $0[0] } == ["a1a1a1a1"])
    }

    @Test("hours_by_association")
    func hoursByAssociation() throws {
        let f = try QueryFixture()
        let objects = try f.jsonObjects("hours_by_association", params: ["from=2026-09", "to=2026-10"])
        #expect(objects.map { $0["association"] as? String } == ["Centre social", "Étudiants"])
        #expect(objects.map { ($0["services"] as? NSNumber)?.intValue } == [3, 1])
        #expect(objects.map { ($0["volunteers"] as? NSNumber)?.intValue } == [2, 1])
        #expect(objects.map { ($0["hours"] as? NSNumber)?.doubleValue } == [4.5, 3.0])
    }

    @Test("Every shipped named query runs on the fixture data in every format")
    func everyShippedQueryRuns() throws {
        let f = try QueryFixture()
        let queries = try QueryLibrary(folders: [QueryFixture.shippedQueries]).all()
        #expect(queries.count >= 8)
        let values = ["from": "2026-09", "to": "2026-10", "month": "2026-10", "days": "1", "as_of": "2026-10-20",
                      "threshold": "0", "min_requests": "1"]
        for q in queries {
            let params = q.parameters.compactMap { p -> String? in
                if let v = values[p.name] { return "\(p.name)=\(v)" }
                return p.defaultValue == nil ? "\(p.name)=1" : nil
            }
            for format in QueryFormat.allCases {
                let out = try f.run(q.name, params: params, format: format)
                #expect(!out.isEmpty, "\(q.name) \(format)")
            }
            let objects = try f.jsonObjects(q.name, params: params)
            #expect(!objects.isEmpty, "\(q.name) returns no rows on the fixture data")
        }
    }
}

@Suite("Query as XLSX") struct QueryXlsxTests {
    @Test("xlsx writes one sheet with the header, typed cells, a table and a frozen header")
    func workbook() throws {
        let f = try QueryFixture()
        let data = try f.run("SELECT request_id, received_month AS mois, 1.5 AS heures, NULL AS vide, 7 AS n "
                             + "FROM requests ORDER BY request_id LIMIT 3", format: .xlsx)
        let package = try OOXMLPackage(data: data)
        func text(_ path: String) throws -> String { try package.text(path) }
        let sheet = try text("xl/worksheets/sheet1.xml")
        let strings = try text("xl/sharedStrings.xml")
        #expect(strings.contains("<t>request_id</t>") && strings.contains("<t>R01</t>") && strings.contains("<t>mois</t>"))
        #expect(sheet.contains("<v>1.5</v>") && sheet.contains("<v>7</v>"))
        #expect(sheet.contains("state=\"frozen\""))
        #expect(try text("xl/workbook.xml").contains("name=\"Résultat\""))
        let table = try text("xl/tables/table1.xml")
        #expect(table.contains("ref=\"A1:E4\"") && table.contains("autoFilter"))
    }

    @Test("xlsx needs --output")
    func needsOutput() throws {
        let f = try QueryFixture()
        let command = QueryCommand(databasePath: f.dbPath, target: "SELECT 1", format: .xlsx, library: f.library)
        #expect(throws: UserError.self) { try command.run() }
    }
}

@Suite("Named queries on sample data") struct NamedQueriesOnSampleTests {
    /// Every shipped named query runs on an imported `entraide sample` export, in CSV.
    @Test func everyShippedQueryRuns() throws {
        let f = try ImportFixture()
        let sample = try SampleGenerator.write(to: f.dir.url.appendingPathComponent("export"),
                                               options: SampleOptions(months: 3, requestsPerMonth: 80, seed: 3,
                                                                      endMonth: Month("2026-10")))
        let s = try f.run([sample.volunteersFile, sample.requestsFile, sample.assignmentsFile].map(\.path))
        #expect(s.committed)
        let library = QueryLibrary(folders: [QueryFixture.shippedQueries])
        let queries = try library.all()
        #expect(queries.count >= 8)
        let values = ["month": "2026-10", "from": "2026-08", "to": "2026-10", "days": "7", "threshold": "4",
                      "as_of": "2026-10-31", "min_requests": "2"]
        for query in queries {
            let params = query.parameters.compactMap { p -> String? in
                guard let v = values[p.name] else { return p.defaultValue == nil ? "\(p.name)=3" : nil }
                return "\(p.name)=\(v)"
            }
            let out = f.dir.path("\(query.name).csv")
            let count = try QueryCommand(databasePath: f.dbPath, target: query.name, parameters: params, format: .csv,
                                         outputPath: out, library: library).run()
            #expect(count > 0, "\(query.name) returned no rows on the sample")
        }
    }
}
