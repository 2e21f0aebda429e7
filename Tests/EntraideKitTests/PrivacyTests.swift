import Crypto
import Foundation
import GRDB
import SharedTestSupport
import Testing
@testable import EntraideKit

/// Personal data (docs/FORMAT.md, "Personal data and the resident id"): the resident id given
/// by an export is hashed like a phone or a name, an existing database is re-keyed by a
/// migration that changes no count, phone- and e-mail-like text is masked wherever a value is
/// quoted back, a mapping cannot store a personal column, and the key must be private.
@Suite struct PrivacyTests {
    /// Requests over three months: ids typed as names and phone numbers, the same id again
    /// (a returning resident), an id equal to another row's phone digits (two residents, as
    /// before), phones and names without an id, and rows without any identity.
    static let requests = """
        N° demande;Date d'appel;Identifiant habitant;Nom de l'habitant;Téléphone de l'habitant;Type de service;Statut;Association
        D1;03/08/2026 10:00;Hélène Durand;;;Courses;Réalisée;Centre social
        D2;10/09/2026 11:00;Hélène Durand;;;Écoute;Réalisée;AFEV
        D3;12/09/2026 09:00;0612345678;;;Courses;Annulée;AFEV
        D4;13/09/2026 09:00;;Jean Valjean;06 12 34 56 78;Courses;;Centre social
        D5;02/10/2026 14:00;H-00042;;;Jardinage;;AFEV
        D6;03/10/2026 15:00;;Jean Valjean;+33 6 12 34 56 78;Écoute;Réalisée;AFEV
        D7;04/10/2026 16:00;;MARTIN Jeanne;;Courses;;Centre social
        D8;05/10/2026 08:00;;;;Courses;;
        D9;06/10/2026 08:00;0612345678;;;Écoute;Réalisée;
        D10;07/10/2026 08:00;h0123456789abcdeg;;;Écoute;;AFEV
        """ + "\n"
    static let givenIDs = ["Hélène Durand", "0612345678", "H-00042", "h0123456789abcdeg"]

    @Test func aResidentIDGivenByTheExportIsStoredAsItsKeyedHash() throws {
        let f = try ImportFixture()
        try f.run([try f.dir.write("demandes.csv", PrivacyTests.requests)])
        let p = try Pseudonymizer.forDatabase(f.dbPath, create: false)
        func key(_ request: String) throws -> String? {
            try f.value("SELECT resident_key FROM requests WHERE request_id = '\(request)'")
        }
        #expect(try key("D1") == p.residentID("Hélène Durand"))
        #expect(try key("D1") == key("D2"))  // the same id, the same resident
        #expect(try key("D3") == p.residentID("0612345678"))
        #expect(try key("D3") == key("D9"))
        // An id and a phone with the same digits stay two residents (their kinds are hashed too).
        #expect(try key("D4") == p.phone("0612345678"))
        #expect(try key("D3") != key("D4"))
        #expect(try key("D5") == p.residentID("H-00042"))
        // Every stored key is a pseudonym; the given ids are nowhere in the database file.
        #expect(try f.value("SELECT count(*) FROM requests WHERE resident_key IS NOT NULL AND NOT ("
            + Pseudonym.sqlCondition(column: "resident_key") + ")", as: Int.self) == 0)
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: f.dbPath)), as: UTF8.self)
        for secret in ["Durand", "0612345678", "H-00042", "Valjean", "MARTIN"] {
            #expect(!bytes.contains(secret), "\(secret) leaked into the database")
        }
    }

    @Test func thePseudonymConditionIsExact() throws {
        let f = try ImportFixture()
        let cases = ["h0123456789abcdef": true, "h0123456789abcdeg": false, "h0zzzzzzzzzzzzzzz": false,
                     "H0123456789ABCDEF": false, "h0123456789abcde": false, "h0123456789abcdef0": false]
        for (text, isPseudonym) in cases {
            let matched = try f.store.dbQueue.read { db in
                try Bool.fetchOne(db, sql: "SELECT \(Pseudonym.sqlCondition(column: "?"))", arguments: [text, text])
            }
            #expect(matched == isPseudonym, "\(text)")
        }
    }

    /// Makes the database an earlier entraide wrote from the same export: given ids stored as
    /// given (phones and names were already hashed), and the re-keying migration not applied.
    static func unmigrate(_ f: ImportFixture) throws {
        let p = try Pseudonymizer.forDatabase(f.dbPath, create: false)
        try f.store.dbQueue.write { db in
            for id in givenIDs {
                try db.execute(sql: "UPDATE requests SET resident_key = ? WHERE resident_key = ?",
                               arguments: [id, p.residentID(id)])
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Schema.hashedResidentIDs])
        }
    }

    @Test func theMigrationReKeysStoredIDsWithTheDatabasesKeyAndChangesNoCount() throws {
        let f = try ImportFixture()
        let file = try f.dir.write("demandes.csv", PrivacyTests.requests)
        try f.run([file])
        let imported = try f.dump("requests")
        try PrivacyTests.unmigrate(f)
        #expect(try f.value("SELECT count(*) FROM requests WHERE resident_key IN ('Hélène Durand', '0612345678')",
                            as: Int.self) == 4)

        func indicators() throws -> [IndicatorReport] {
            let engine = IndicatorEngine(store: try Store(path: f.dbPath), settings: Settings())
            return try [nil, "AFEV", "Centre social"].flatMap { association in
                try [("2026-08", "2026-10"), ("2026-09", "2026-09"), ("2026-10", "2026-10")].map { from, to in
                    try engine.compute(from: Month(from)!, to: Month(to)!, association: association)
                }
            }
        }
        let before = try indicators()
        #expect(before[0].total.residents.helped > 0 && before.contains { $0.total.residents.new > 0 })

        // A read-only command cannot re-key (no key, no write): it says to run an import.
        let refused = #expect(throws: UserError.self) { try Store(readOnlyPath: f.dbPath) }
        #expect(refused?.message.contains("run `entraide import`") == true)
        let command = try EntraideCommand.run(["indicators", "--db", f.dbPath, "--month", "2026-10"], in: f.dir.url)
        #expect(command.status == 1 && command.err.contains("run `entraide import`"), "\(command.err)")

        // The next import migrates, with the key beside the database; a dry run writes nothing.
        var options = ImportOptions()
        options.now = Date(timeIntervalSince1970: 1_790_000_000)
        let later = try f.dir.write("demandes-suite.csv", """
            N° demande;Date d'appel;Type de service
            D20;08/10/2026 08:00;Courses
            """ + "\n")
        options.dryRun = true
        _ = try Importer.run(files: [later], databasePath: f.dbPath, settings: Settings(), options: options)
        #expect(try f.value("SELECT count(*) FROM requests WHERE resident_key = 'Hélène Durand'", as: Int.self) == 2)
        options.dryRun = false
        let upgrade = try Importer.run(files: [later], databasePath: f.dbPath, settings: Settings(), options: options)
        #expect(upgrade.committed)
        try f.store.dbQueue.write { try $0.execute(sql: "DELETE FROM requests WHERE request_id = 'D20'") }

        #expect(try f.value("SELECT count(*) FROM requests WHERE resident_key IS NOT NULL AND NOT ("
            + Pseudonym.sqlCondition(column: "resident_key") + ")", as: Int.self) == 0)
        #expect(try indicators() == before)
        // Exactly what an import of the same export gives today.
        #expect(try f.dump("requests") == imported)
        _ = try Store(readOnlyPath: f.dbPath)
    }

    @Test func phonesAndEmailsAreMasked() {
        let masked = [
            "06 12 34 56 78": "06 •• •• •• 78",
            "0612345678": "06••••••78",
            "06.12.34.56.78": "06.••.••.••.78",
            "06-12-34-56-78": "06-••-••-••-78",
            "+33 6 12 34 56 78": "+33 • •• •• •• 78",
            "0033612345678": "00•••••••••78",
            "06\u{A0}12\u{A0}34\u{A0}56\u{A0}78": "06\u{A0}••\u{A0}••\u{A0}••\u{A0}78",
            "jeanne.martin@orange.fr": "j•••@•••.fr",
            "Appeler le 06 12 34 56 78 ou écrire à j.m@free.fr.": "Appeler le 06 •• •• •• 78 ou écrire à j•••@•••.fr.",
            "03/10/2026 0612345678": "03/10/2026 06••••••78",
            "tel:0612345678": "tel:06••••••78",
        ]
        for (text, expected) in masked { #expect(PersonalData.mask(text) == expected, "\(text)") }
        for kept in ["2026-10-03", "2026-10-03 14:05", "03.10.2026", "32/10/2026 14h05", "1234567", "12 34 56",
                     "R12345678", "D2026-000123x", "Courses à domicile", "1h30", ""] {
            #expect(PersonalData.mask(kept) == kept, "\(kept)")
        }
    }

    @Test func personalDataInTheWrongColumnIsMaskedInErrorsNotesAndTheRejectsFile() throws {
        let f = try ImportFixture()
        let file = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Nom de l'habitant;Téléphone de l'habitant;Courriel;Type de service;Statut;Association;Bénévole;Durée
            D1;06 12 34 56 78;Jeanne Martin;07 98 76 54 32;jeanne.martin@orange.fr;Courses;;appeler le 06 12 34 56 78;;
            D2;03/10/2026 10:00;;;;Courses;jeanne.martin@orange.fr;;;
            D3;03/10/2026 10:00;;;;appeler 07 11 22 33 44;;;;
            D4;03/10/2026 10:00;;;;Courses;;;;0611223344
            0698765432;03/10/2026 10:00;;;;Courses;;;;
            0698765432;03/10/2026 11:00;;;;Courses;;;;
            D5;03/10/2026 10:00;;;;Courses;;;0655443322;
            """ + "\n")
        let secrets = ["34 56", "12345678", "98 76", "76 54", "22 33", "1122334", "9876543", "5544332", "jeanne",
                       "martin", "orange", "Martin", "Jeanne"]
        func expectNoSecret(_ text: String, _ what: String) {
            for secret in secrets { #expect(!text.contains(secret), "\(secret) quoted in \(what):\n\(text)") }
        }
        let failed = try f.run([file])
        // D1's date and its association (a phone typed there), D3, D4, the second 0698765432, D5.
        #expect(failed.errorCount == 5)
        expectNoSecret(ImportSummaryText.renderErrors(failed), "the errors")
        #expect(ImportSummaryText.renderErrors(failed).contains("cannot read \"06 •• •• •• 78\" as a date"))

        let rejects = f.dir.path("rejets.csv")
        let skipped = try f.run([file]) {
            $0.skipInvalid = true
            $0.rejectsPath = rejects
        }
        #expect(skipped.committed)
        let notes = ImportSummaryText.render(skipped, database: f.dbPath)
        expectNoSecret(notes, "the notes")
        #expect(notes.contains("\"j•••@•••.fr\" (1)"))
        let rejected = try String(contentsOfFile: rejects, encoding: .utf8)
        expectNoSecret(rejected, "the rejects file")
        #expect(rejected.contains("Association=appeler le 06 •• •• •• 78"))
    }

    @Test func aPhoneOrAnEmailTypedInTheAssociationColumnIsNeverStored() throws {
        let f = try ImportFixture()
        let file = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Association
            D1;03/10/2026 10:00;Courses;appeler le 06 12 34 56 78
            D2;03/10/2026 11:00;Courses;jeanne.martin@orange.fr
            D3;03/10/2026 12:00;Courses;Centre social 2
            """ + "\n")
        let failed = try f.run([file])
        #expect(!failed.committed && failed.errorCount == 2)
        let errors = ImportSummaryText.renderErrors(failed)
        #expect(errors.contains("demandes.csv:2: Association: \"appeler le 06 •• •• •• 78\" looks like a phone number "
            + "or an e-mail address, which are never stored; keep only the partner association's name in this column"),
            "\(errors)")
        #expect(errors.contains("demandes.csv:3: Association: \"j•••@•••.fr\" looks like"), "\(errors)")
        #expect(failed.errors[0].text.fr.contains("ressemble à un numéro de téléphone"))
        // With --skip-invalid the rows are imported without it; the database never holds it.
        let skipped = try f.run([file]) {
            $0.skipInvalid = true
            $0.rejectsPath = f.dir.path("rejets.csv")
        }
        #expect(skipped.committed)
        let stored = try DatabaseQueue(path: f.dbPath).read { db in
            try Row.fetchAll(db, sql: "SELECT association FROM requests ORDER BY request_id").map { $0["association"] as String? }
        }
        #expect(stored == [nil, nil, "Centre social 2"])
    }

    @Test func aMappingThatStoresAPersonalColumnIsRefused() throws {
        let dir = try TempDir()
        for (line, header) in [("\"Nom de l'habitant\" = \"association\"", "Nom de l'habitant"),
                               ("[requests]\n\"Téléphone\" = \"status\"", "Téléphone"),
                               ("[volunteers]\n\"E-mail\" = \"domains\"", "E-mail"),
                               ("Portable = \"resident_id\"", "Portable"),
                               ("\"Prénom\" = \"request_id\"", "Prénom")] {
            let path = try dir.write("mapping.toml", line + "\n")
            let error = #expect(throws: UserError.self, "\(line)") { try HeaderMapping.load(path: path) }
            #expect(error?.kind == .badSetting)
            #expect(error?.message.contains("\"\(header)\" is personal data") == true, "\(error?.message ?? "")")
        }
        // Personal headers may still be renamed to personal columns, and others to anything.
        let allowed = try dir.write("mapping.toml", """
            "Tel. habitant" = "resident_phone"
            "Téléphone" = "resident_phone"
            "Nom de la structure" = "association"
            """ + "\n")
        let mapping = try HeaderMapping.load(path: allowed)
        #expect(mapping.column(forNormalizedHeader: TextKey.normalize("Téléphone"), table: .requests) == .residentPhone)
    }

    @Test func aKeyOtherUsersCanReadIsRefusedWithTheChmodToRun() throws {
        let dir = try TempDir()
        let db = dir.path("entraide.sqlite")
        let key = Pseudonymizer.keyPath(forDatabase: db)
        let file = try dir.write("demandes.csv", PrivacyTests.requests)
        var options = ImportOptions()
        options.now = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(try Importer.run(files: [file], databasePath: db, settings: Settings(), options: options).committed)
        for mode in [0o644, 0o640, 0o604, 0o660] {
            #expect(chmod(key, mode_t(mode)) == 0)
            let error = #expect(throws: UserError.self) {
                try Importer.run(files: [file], databasePath: db, settings: Settings(), options: options)
            }
            #expect(error?.kind == .fileAccess)
            #expect(error?.message.contains("`chmod 600 \(key)`") == true, "\(error?.message ?? "")")
            let attributes = try FileManager.default.attributesOfItem(atPath: key)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == mode)  // not changed behind the user's back
        }
        // The command says so and exits 1.
        let command = try EntraideCommand.run(["import", "--db", db, file], in: dir.url)
        #expect(command.status == 1 && command.err.contains("`chmod 600 \(key)`"), "\(command.err)")
        #expect(chmod(key, 0o600) == 0)
        #expect(try Importer.run(files: [file], databasePath: db, settings: Settings(), options: options).committed)
    }

    /// As root, another user's view is taken with `runuser`: the key is root's (0600), the
    /// database and its folder are open to all.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")))
    func aKeyThisUserCannotReadIsRefusedClearly() throws {
        guard let executable = EntraideCommand.executable else { throw EntraideCommand.NoExecutable() }
        let dir = try TempDir()
        let db = dir.path("entraide.sqlite")
        let file = try dir.write("demandes.csv", PrivacyTests.requests)
        var options = ImportOptions()
        options.now = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(try Importer.run(files: [file], databasePath: db, settings: Settings(), options: options).committed)
        #expect(chmod(dir.url.path, 0o777) == 0 && chmod(db, 0o666) == 0 && chmod(file, 0o644) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", "nobody", "--", executable.path, "import", "--db", db, file]
        process.environment = EntraideCommand.environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(message)")
        #expect(message.contains("cannot read the pseudonymisation key"), "\(message)")
        #expect(!message.contains("cannot create"), "\(message)")
    }
}
