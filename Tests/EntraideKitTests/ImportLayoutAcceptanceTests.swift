import Foundation
import GRDB
import SharedTestSupport
import Testing
@testable import EntraideKit

/// What one folder of `Fixtures/layouts/` must import to: its `expected.json`, written by
/// `scripts/make-import-fixtures` from the same description of the rows as the files themselves.
struct LayoutExpectation: Decodable {
    struct Volunteer: Decodable { var volunteerId: String; var joinedOn: String; var leftOn: String? }
    /// `resident` is the fixture's own name for the person (`jeanne`), never stored: requests with
    /// the same name must share one resident key, requests with different names must not.
    struct Request: Decodable {
        var requestId: String; var receivedAt: String; var domain: String; var status: String; var resident: String?
    }
    struct Assignment: Decodable {
        var requestId: String; var volunteerId: String; var matchedAt: String?; var doneAt: String?; var hours: Double?
    }
    /// Files that one import must refuse: the message must name `file` and `column`, and hold each of
    /// `words[language]` (both readings of the dates), in English and in French.
    struct Refusal: Decodable { var files: [String]; var file: String; var column: String; var words: [String: [String]] }

    /// The rule the folder shows (docs/FORMAT.md).
    var rule: String
    /// Each inner list is one import (files relative to the folder); every one must store the
    /// values below, and all of them the same database.
    var imports: [[String]]
    /// Options of `entraide import` the imports need (then they are run through the command line).
    var arguments: [String]?
    var volunteers: [Volunteer]
    var requests: [Request]
    var assignments: [Assignment]
    /// Distinct resident keys.
    var residents: Int
    var refusals: [Refusal]
}

/// The spreadsheet-layout fixtures (see `Fixtures/layouts/README.md`).
enum LayoutFixtures {
    /// Folders whose `imports` must import with every value right.
    static let importing = ["propre", "titres", "deux-lignes", "mois", "total", "heure", "formes", "telephones",
                            "statuts", "mois-jour", "locale-anglaise", "utf16", "tout"]
    /// Folders with files that must be refused.
    static let refusing = ["locale-anglaise", "contradiction"]
    /// Folders whose imports need options of the command line (`arguments`).
    static let withArguments = ["ordre-des-dates"]

    static func folder(_ name: String) -> URL { TestPaths.fixture("layouts/\(name)") }

    static func expectation(_ name: String) throws -> LayoutExpectation {
        let data = try Data(contentsOf: folder(name).appendingPathComponent("expected.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(LayoutExpectation.self, from: data)
    }

    static func paths(_ name: String, _ files: [String]) -> [String] {
        files.map { folder(name).appendingPathComponent($0).path }
    }
}

extension Store {
    /// Every difference between the database and `expected`, one line each
    /// (`requests D0003 received_at: expected …, stored …`); empty when all is right.
    func differences(from expected: LayoutExpectation) throws -> [String] {
        var out: [String] = []
        func compare(_ what: String, _ stored: String?, _ wanted: String?) {
            if stored != wanted { out.append("\(what): expected \(wanted ?? "NULL"), stored \(stored ?? "NULL")") }
        }
        func ids(_ table: String, stored: Set<String>, wanted: [String]) {
            let missing = Set(wanted).subtracting(stored), extra = stored.subtracting(wanted)
            if !missing.isEmpty { out.append("\(table): missing \(missing.sorted())") }
            if !extra.isEmpty { out.append("\(table): not in the sheet \(extra.sorted())") }
        }
        try dbQueue.read { db in
            let volunteers = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT volunteer_id, joined_on, left_on FROM volunteers
                """).map { ($0["volunteer_id"] as String, $0) })
            ids("volunteers", stored: Set(volunteers.keys), wanted: expected.volunteers.map(\.volunteerId))
            for v in expected.volunteers {
                guard let row = volunteers[v.volunteerId] else { continue }
                compare("volunteers \(v.volunteerId) joined_on", row["joined_on"], v.joinedOn)
                compare("volunteers \(v.volunteerId) left_on", row["left_on"], v.leftOn)
            }

            let requests = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT request_id, received_at, domain, status, resident_key FROM requests
                """).map { ($0["request_id"] as String, $0) })
            ids("requests", stored: Set(requests.keys), wanted: expected.requests.map(\.requestId))
            var keysOfResident: [String: Set<String>] = [:]
            for r in expected.requests {
                guard let row = requests[r.requestId] else { continue }
                compare("requests \(r.requestId) received_at", row["received_at"], r.receivedAt)
                compare("requests \(r.requestId) domain", row["domain"], r.domain)
                compare("requests \(r.requestId) status", row["status"], r.status)
                let key: String? = row["resident_key"]
                if let resident = r.resident {
                    if let key { keysOfResident[resident, default: []].insert(key) }
                    else { out.append("requests \(r.requestId): no resident key (expected the resident \(resident))") }
                } else if key != nil {
                    out.append("requests \(r.requestId): a resident key, where the row names nobody")
                }
            }
            // The same person is one resident; two people are two.
            for (resident, keys) in keysOfResident.sorted(by: { $0.key < $1.key }) where keys.count > 1 {
                out.append("resident \(resident) counted \(keys.count) times (\(keys.count) keys for one person)")
            }
            let owners = Dictionary(grouping: keysOfResident.filter { $0.value.count == 1 }, by: { $0.value.first! })
            for (_, people) in owners where people.count > 1 {
                out.append("residents \(people.map(\.key).sorted()) share one key")
            }
            let distinct = try Int.fetchOne(db, sql: "SELECT count(DISTINCT resident_key) FROM requests") ?? 0
            if distinct != expected.residents {
                out.append("residents: expected \(expected.residents) distinct, stored \(distinct)")
            }

            let assignments = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT request_id, volunteer_id, matched_at, done_at, hours FROM assignments
                """).map { ("\($0["request_id"] as String)/\($0["volunteer_id"] as String)", $0) })
            ids("assignments", stored: Set(assignments.keys),
                wanted: expected.assignments.map { "\($0.requestId)/\($0.volunteerId)" })
            for a in expected.assignments {
                let pair = "\(a.requestId)/\(a.volunteerId)"
                guard let row = assignments[pair] else { continue }
                compare("assignments \(pair) matched_at", row["matched_at"], a.matchedAt)
                compare("assignments \(pair) done_at", row["done_at"], a.doneAt)
                let hours: Double? = row["hours"]
                if !close(hours, a.hours) {
                    out.append("assignments \(pair) hours: expected \(a.hours.map { "\($0)" } ?? "NULL"), "
                        + "stored \(hours.map { "\($0)" } ?? "NULL")")
                }
            }
        }
        return out
    }
}

/// The acceptance tests of the spreadsheet rules (docs/FORMAT.md; the fixtures'
/// `Fixtures/layouts/README.md` says which rule each folder shows): workbooks made by LibreOffice
/// as coordinators keep them import with every value right, the same export as CSV gives the
/// same database, and what cannot be read for sure is refused with both readings explained.
@Suite struct ImportLayoutAcceptanceTests {
    /// The first errors of a failed import, in English, for a test's failure message.
    private func listed(_ s: ImportSummary) -> String {
        "\(s.errorCount) error(s): " + s.errors.prefix(8).map(\.description).joined(separator: "\n")
    }

    /// Each import of the folder commits without an error or a warning, stores every row of the
    /// sheets and nothing else (no title or total row), each value as the sheet means it, each
    /// person as one resident; and its XLSX, ODS and CSV forms give the same database.
    @Test(arguments: LayoutFixtures.importing)
    func importsEveryValueRight(_ name: String) throws {
        let expected = try LayoutFixtures.expectation(name)
        #expect(!expected.imports.isEmpty && !expected.requests.isEmpty, "\(name): nothing to check")
        var reference: (fixture: ImportFixture, contents: [String], files: [String])?
        for files in expected.imports {
            let f = try ImportFixture()
            if let reference { try f.sharePseudonymKey(with: reference.fixture) }
            let s: ImportSummary
            do {
                s = try f.run(LayoutFixtures.paths(name, files))
            } catch {
                Issue.record("\(name) \(files): the import failed: \(error)")
                continue
            }
            #expect(s.committed && s.errorCount == 0, "\(name) \(files): \(listed(s))")
            #expect(s.imported(.requests) == expected.requests.count, "\(name) \(files): requests imported")
            #expect(s.imported(.volunteers) == expected.volunteers.count, "\(name) \(files): volunteers imported")
            // Every label is known and every date in order: a warning here is a value misread.
            #expect(s.warnings.unknownDomains.isEmpty, "\(name) \(files): \(s.warnings.unknownDomains)")
            #expect(s.warnings.unknownStatuses.isEmpty, "\(name) \(files): \(s.warnings.unknownStatuses)")
            #expect(s.warnings.inconsistentDates == 0, "\(name) \(files): \(s.warnings.inconsistentExamples)")
            #expect(s.warnings.detailsWithoutVolunteer == 0 && s.warnings.repairedFields == 0, "\(name) \(files)")
            let differences = try f.store.differences(from: expected)
            #expect(differences.isEmpty, """
                \(name) \(files): \(differences.count) value(s) not as in the sheet:
                \(differences.prefix(40).joined(separator: "\n"))
                """)
            let contents = try f.contents()
            if let reference {
                #expect(contents == reference.contents, "\(name): \(files) and \(reference.files) give different databases")
            } else {
                reference = (f, contents, files)
            }
        }
    }

    /// As a coordinator runs it: `entraide import` exits 0 on each of them.
    @Test(arguments: LayoutFixtures.importing)
    func importsWithExitStatusZeroFromTheCommandLine(_ name: String) throws {
        for files in try LayoutFixtures.expectation(name).imports {
            let dir = try TempDir()
            let r = try EntraideCommand.run(["import", "--db", dir.path("entraide.sqlite")]
                                            + LayoutFixtures.paths(name, files), in: dir.url)
            #expect(r.status == 0, "\(name) \(files): exit \(r.status)\n\(r.err)")
        }
    }

    /// What cannot be read for sure is refused, never imported misdated: nothing written, exit
    /// status 1, and one message naming the file and the column and explaining both readings (day
    /// first, month first), in English and in French. Key words only: the wording is the
    /// importer's.
    @Test(arguments: LayoutFixtures.refusing)
    func refusedWithBothReadingsExplained(_ name: String) throws {
        let expected = try LayoutFixtures.expectation(name)
        #expect(!expected.refusals.isEmpty, "\(name): no refusal to check")
        for refusal in expected.refusals {
            let f = try ImportFixture()
            var messages: [Localized] = []
            do {
                let s = try f.run(LayoutFixtures.paths(name, refusal.files))
                #expect(!s.committed && s.errorCount > 0, "\(name) \(refusal.files): imported, exit 0")
                messages = s.errors.map { Localized($0.description(.fr), $0.description(.en)) }
            } catch let error as UserError {
                messages = [error.text]
            }
            #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 0, "\(name): rows written")
            // One message says it all: the file, the column, both readings, in each language.
            let words = refusal.words
            let explained = messages.first { m in
                [(m.en, words["en"] ?? []), (m.fr, words["fr"] ?? [])].allSatisfy { text, words in
                    text.contains(refusal.file) && text.contains(refusal.column)
                        && words.allSatisfy { text.localizedCaseInsensitiveContains($0) }
                }
            }
            #expect(explained != nil, """
                \(name) \(refusal.files): no message names \(refusal.file), « \(refusal.column) » and both readings \
                (\(words)); the messages were:
                \(messages.prefix(8).map { "\($0.en)\n  \($0.fr)" }.joined(separator: "\n"))
                """)

            // The command line, in each language: exit status 1, the message, no database left behind.
            for (language, environment) in [("fr", EntraideCommand.french), ("en", EntraideCommand.english)] {
                let dir = try TempDir()
                let db = dir.path("entraide.sqlite")
                let r = try EntraideCommand.run(["import", "--db", db] + LayoutFixtures.paths(name, refusal.files),
                                                in: dir.url, environment: environment)
                #expect(r.status == 1, "\(name) \(refusal.files): exit \(r.status)\n\(r.err)")
                let said = r.err.contains(refusal.file) && r.err.contains(refusal.column)
                    && (words[language] ?? []).allSatisfy { r.err.localizedCaseInsensitiveContains($0) }
                #expect(said, "\(name) \(refusal.files): the message (\(language)) does not explain it:\n\(r.err)")
                #expect(!FileManager.default.fileExists(atPath: db), "\(name): a database was left behind")
            }
        }
    }

    /// The workbook with every layout at once gives one database from its XLSX, its ODS and its
    /// CSV export (compared table by table, `importsEveryValueRight` checks the values), each
    /// month sheet counted with its own month, one log row per sheet.
    @Test func everythingWorkbookGivesOneDatabaseFromXLSXODSAndCSV() throws {
        let expected = try LayoutFixtures.expectation("tout")
        #expect(expected.imports == [["tout.xlsx"], ["tout.ods"], ["csv/benevoles.csv", "csv/demandes-septembre.csv",
                                                                    "csv/demandes-octobre.csv", "csv/demandes-novembre.csv"]])
        let xlsx = try ImportFixture()
        let s = try xlsx.run(LayoutFixtures.paths("tout", ["tout.xlsx"]))
        #expect(s.committed && s.errorCount == 0, "\(listed(s))")
        let sheets = try xlsx.store.dbQueue.read {
            try String.fetchAll($0, sql: "SELECT sheet FROM imports ORDER BY id")
        }
        #expect(sheets == ["Bénévoles", "Septembre", "Octobre", "Novembre"])
        let months = try xlsx.store.dbQueue.read {
            try Row.fetchAll($0, sql: "SELECT received_month, count(*) AS n FROM requests GROUP BY 1 ORDER BY 1")
                .map { "\($0["received_month"] as String)=\($0["n"] as Int)" }
        }
        #expect(months == ["2026-09=6", "2026-10=7", "2026-11=6"])
        #expect(try xlsx.value("SELECT count(DISTINCT resident_key) FROM requests", as: Int.self) == 8)
        let tables = ["volunteers", "requests", "assignments"]
        for files in expected.imports.dropFirst() {
            let other = try ImportFixture()
            try other.sharePseudonymKey(with: xlsx)
            let t = try other.run(LayoutFixtures.paths("tout", files))
            #expect(t.committed && t.errorCount == 0, "\(files): \(listed(t))")
            for table in tables {
                #expect(try other.dump(table) == xlsx.dump(table), "\(files): table \(table) differs from tout.xlsx's")
            }
        }
    }

    /// `--date-order mdy` decides what nothing in a file shows (every day 12 or less); without
    /// it such a file is read day-first, the French default.
    @Test func dateOrderOptionDecidesWhatTheFileCannotShow() throws {
        let name = "ordre-des-dates"
        let expected = try LayoutFixtures.expectation(name)
        let arguments = try #require(expected.arguments)
        #expect(arguments == ["--date-order", "mdy"])
        for files in expected.imports {
            let dir = try TempDir()
            let db = dir.path("entraide.sqlite")
            let r = try EntraideCommand.run(["import", "--db", db] + arguments + LayoutFixtures.paths(name, files), in: dir.url)
            #expect(r.status == 0, "\(name) \(files): exit \(r.status)\n\(r.err)")
            guard r.status == 0 else { continue }
            let differences = try Store(path: db).differences(from: expected)
            #expect(differences.isEmpty, """
                \(name) \(files) \(arguments): \(differences.count) value(s) not as in the sheet:
                \(differences.prefix(40).joined(separator: "\n"))
                """)

            let f = try ImportFixture()
            let s = try f.run(LayoutFixtures.paths(name, files))
            #expect(s.committed && s.errorCount == 0, "\(name) \(files) without \(arguments): \(listed(s))")
            #expect(try f.value("SELECT received_at FROM requests WHERE request_id = 'REQ-101'")
                == "2020-02-04T09:05:12+01:00", "4/2/2020 without --date-order: 4 February")
        }
    }

    /// Every folder is tested, and every file an expectation names is there.
    @Test func everyFixtureFolderIsListed() throws {
        let root = TestPaths.fixture("layouts")
        let folders = try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        #expect(Set(folders) == Set(LayoutFixtures.importing + LayoutFixtures.refusing + LayoutFixtures.withArguments))
        for name in LayoutFixtures.importing + LayoutFixtures.refusing {
            #expect(try LayoutFixtures.expectation(name).arguments ?? [] == [], "\(name): imported without its arguments")
        }
        for name in folders {
            let expected = try LayoutFixtures.expectation(name)
            #expect(!expected.imports.isEmpty || !expected.refusals.isEmpty, "\(name): nothing to check")
            for path in LayoutFixtures.paths(name, expected.imports.flatMap { $0 } + expected.refusals.flatMap(\.files)) {
                #expect(FileManager.default.fileExists(atPath: path), "\(name): \(path) missing")
            }
            #expect(Set(expected.requests.map(\.requestId)).count == expected.requests.count, "\(name): duplicate ids")
        }
    }
}
