import Foundation
import SharedTestSupport
import Testing

/// Runs the built `entraide` executable as a user would: exit statuses and messages.
@Suite struct CommandLineTests {
    func run(_ arguments: [String], in dir: URL) throws -> EntraideCommand.Result {
        try EntraideCommand.run(arguments, in: dir)
    }

    @Test func statusesAndMessages() throws {
        let dir = try TempDir()
        try dir.write("benevoles.csv", Exports.volunteers)
        try dir.write("demandes.csv", Exports.requests)
        try dir.write("demandes-fausses.csv", "N° demande;Date d'appel;Type de service\nX1;32/10/2026;Courses\n")

        let ok = try run(["import", "benevoles.csv", "demandes.csv"], in: dir.url)
        #expect(ok.status == 0, "\(ok.err)")
        #expect(ok.out.contains("demandes.csv → requests: 4 rows read, 4 imported"))
        #expect(FileManager.default.fileExists(atPath: dir.path("entraide.sqlite")))

        // Without its key, a database's residents would get new pseudonyms: refused.
        try FileManager.default.moveItem(atPath: dir.path("entraide.sqlite.key"), toPath: dir.path("cle.bak"))
        let keyless = try run(["import", "demandes.csv"], in: dir.url)
        #expect(keyless.status == 1 && keyless.err.contains("pseudonymisation key of this database is missing"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("entraide.sqlite.key")))
        try FileManager.default.moveItem(atPath: dir.path("cle.bak"), toPath: dir.path("entraide.sqlite.key"))

        let bad = try run(["import", "demandes-fausses.csv"], in: dir.url)
        #expect(bad.status == 1)
        #expect(bad.err.contains("demandes-fausses.csv:2: Date d'appel: cannot read \"32/10/2026\""))
        #expect(bad.err.contains("nothing was imported"))

        let indicators = try run(["indicators", "--month", "2026-10", "--format", "json"], in: dir.url)
        #expect(indicators.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(indicators.out.utf8)) as? [String: Any]
        #expect((json?["from"] as? String) == "2026-10")

        // The demo: a new folder with the export, the database, the summary, its charts and the workbook.
        let demo = try run(["demo", "--out", "demo"], in: dir.url)
        #expect(demo.status == 0, "\(demo.err)")
        let reports = try FileManager.default.contentsOfDirectory(atPath: dir.path("demo/rapports"))
        #expect(reports.contains { $0.hasPrefix("rapport-") && $0.hasSuffix(".md") })
        #expect(reports.contains { $0.hasPrefix("entraide-mensuel-") && $0.hasSuffix(".xlsx") })
        #expect(reports.filter { $0.hasSuffix(".svg") }.count == 3)
        #expect(demo.out.contains("Open:"))

        for (arguments, status) in [
            (["bogus"], Int32(1)),
            (["indicators", "--month", "2026-13"], 1),
            (["indicators", "--db", "absent.sqlite", "--month", "2026-10"], 1),
            (["query", "DELETE FROM requests"], 1),
            (["import", "inconnu.csv"], 1),
            (["--help"], 0),
        ] {
            let r = try run(arguments, in: dir.url)
            #expect(r.status == status, "\(arguments): \(r.err)")
            #expect(!r.err.contains("Fatal error") && !r.err.contains("Stack dump"), "\(arguments)")
        }
    }
}
