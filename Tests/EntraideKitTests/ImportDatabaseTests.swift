import Foundation
import Testing
@testable import EntraideKit
import SharedTestSupport

/// What `entraide import` calls (`Importer.run(files:databasePath:settings:options:)`): the
/// pseudonymisation-key policy, and a database the run created removed again when nothing is
/// committed.
@Suite struct ImportDatabaseTests {
    func run(_ files: [String], into db: String, dryRun: Bool = false) throws -> ImportSummary {
        var options = ImportOptions()
        options.dryRun = dryRun
        options.now = Date(timeIntervalSince1970: 1_790_000_000)
        return try Importer.run(files: files, databasePath: db, settings: Settings(), options: options)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test func aNewDatabaseThatCommitsNothingIsRemovedWithItsKey() throws {
        let dir = try TempDir()
        let db = dir.path("entraide.sqlite")
        let volunteers = try dir.write("benevoles.csv", Exports.volunteers)
        let requests = try dir.write("demandes.csv", Exports.requests)
        let bad = try dir.write("demandes-fausses.csv", "N° demande;Date d'appel;Type de service\nX1;32/10/2026;Courses\n")

        let failed = try run([bad], into: db)
        #expect(!failed.committed && failed.errorCount == 1)
        #expect(!exists(db) && !exists(Pseudonymizer.keyPath(forDatabase: db)))

        let dry = try run([volunteers, requests], into: db, dryRun: true)
        #expect(!dry.committed && dry.errorCount == 0)
        #expect(!exists(db) && !exists(Pseudonymizer.keyPath(forDatabase: db)))

        // A file whose table is unknown fails before anything is created.
        let unknown = #expect(throws: UserError.self) { try run([dir.path("absent.csv")], into: db) }
        #expect(unknown?.kind == .notFound)
        #expect(!exists(db))

        #expect(try run([volunteers, requests], into: db).committed)
        #expect(exists(db) && exists(Pseudonymizer.keyPath(forDatabase: db)))
        // An existing database stays when a later import fails.
        #expect(try !run([bad], into: db).committed)
        #expect(exists(db) && exists(Pseudonymizer.keyPath(forDatabase: db)))
    }

    @Test func aDatabaseWithPseudonymsIsNotGivenANewKey() throws {
        let dir = try TempDir()
        let db = dir.path("entraide.sqlite")
        let key = Pseudonymizer.keyPath(forDatabase: db)
        let volunteers = try dir.write("benevoles.csv", Exports.volunteers)
        let requests = try dir.write("demandes.csv", Exports.requests)
        #expect(try run([volunteers, requests], into: db).committed)

        try FileManager.default.moveItem(atPath: key, toPath: dir.path("cle.bak"))
        let error = #expect(throws: UserError.self) { try run([requests], into: db) }
        #expect(error?.kind == .badDatabase)
        #expect(error?.message.hasPrefix("\(key): the pseudonymisation key of this database is missing") == true)
        #expect(exists(db) && !exists(key))

        // Without pseudonyms, a database may get a (first) key.
        let plain = dir.path("plain.sqlite")
        #expect(try run([volunteers], into: plain).committed)
        try FileManager.default.removeItem(atPath: Pseudonymizer.keyPath(forDatabase: plain))
        #expect(try run([volunteers], into: plain).committed)
        #expect(exists(Pseudonymizer.keyPath(forDatabase: plain)))
    }
}
