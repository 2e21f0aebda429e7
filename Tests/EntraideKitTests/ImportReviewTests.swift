import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit

/// What a hostile try of the spreadsheet rules found (issue 12's review): each case lost or
/// misread data in silence, or showed what the import does not do.
@Suite struct ImportReviewTests {
    @Test func anIdInTwoFilesOrSheetsOfOneImportIsAnErrorNotAReplacement() throws {
        let f = try ImportFixture()
        // Two month sheets, each numbered from 1: the second used to replace the first in silence.
        let september = try f.dir.write("a_demandes.csv", "N° demande;Date d'appel;Type de service\n1;01/09/2026;Courses\n"
            + "2;02/09/2026;Courses\n3;03/09/2026;Courses\n")
        let october = try f.dir.write("b_demandes.csv", "N° demande;Date d'appel;Type de service\n1;01/10/2026;Écoute\n"
            + "2;02/10/2026;Écoute\n")
        let s = try f.run([september, october])
        #expect(!s.committed && s.errorCount == 2)
        let expected: String = "\(october):2: N° demande: request \"1\" is also in \(september):2: "
            + "within one import each id may appear only once (month sheets each numbered from 1?); give every row its "
            + "own id, e.g. prefixed with the month (10-1, 10-2…); if they are two successive exports of the same table, "
            + "import them one after the other, the older first"
        #expect(s.errors.map(\.description).first == expected)
        #expect(s.errors[0].text.fr.hasPrefix("la demande « 1 » figure aussi dans \(september):2 :"))
        #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 0)
        // Volunteers too; and the same file twice in a row stays fine (one import after the other).
        let g = try ImportFixture()
        let a = try g.dir.write("benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/09/2025\n")
        let b = try g.dir.write("autres_benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/10/2025\n")
        let t = try g.run([a, b]) { $0.table = .volunteers }
        #expect(t.errors.map(\.message).first?.hasPrefix("volunteer \"B1\" is also in \(a):2") == true)
        #expect(try g.run([a]).committed && g.run([b]).committed)
    }

    @Test func twoHeadersForOneStoredColumnRefuseTheFile() throws {
        let f = try ImportFixture()
        try f.dir.write("benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/01/2026\n")
        // The done date is in the second column: reading only the first lost it in silence.
        let requests = try f.dir.write("demandes.csv", "N° demande;Date d'appel;Type de service;Bénévole;Réalisé le;"
            + "Date de réalisation\nR1;03/10/2026;Courses;B1;;05/10/2026\n")
        let s = try f.run([f.dir.path("benevoles.csv"), requests])
        #expect(!s.committed && s.unreadableCount == 1)
        let expected: String = "\(requests):1: Date de réalisation: the columns \"Réalisé le\" and "
            + "\"Date de réalisation\" both give \"Réalisé le\" (done_at); which one is right cannot be known: keep only "
            + "one in the spreadsheet, or set the other aside in a mapping file given with --mapping: "
            + "\"Date de réalisation\" = \"ignore\""
        #expect(s.errors.map(\.description) == [expected])
        #expect(s.errors[0].text.fr.contains("donnent toutes deux « Réalisé le »"))
        // inspect says the same, and the mapping line it gives works.
        let inspection = try Inspection.run(files: [requests], options: ImportOptions(), settings: Settings(),
                                            databasePath: nil)
        #expect(inspection.hasUnreadableFile)
        #expect(inspection.text(.en).contains("both give \"Réalisé le\" (done_at)"))
        let mapping = try f.dir.write("correspondance.toml", "\"Date de réalisation\" = \"ignore\"\n")
        #expect(try f.run([f.dir.path("benevoles.csv"), requests]) { $0.mapping = try! HeaderMapping.load(path: mapping) }
            .committed)
        // Two personal columns (a name twice) are no such problem: the first gives the pseudonym.
        let g = try ImportFixture()
        let names = try g.dir.write("demandes.csv", "N° demande;Date d'appel;Type de service;Nom;Nom de l'habitant\n"
            + "R1;03/10/2026;Courses;Martin;Martin\n")
        #expect(try g.run([names]).committed)
    }

    @Test func inspectNeverSuggestsStoringAColumnAboutAPersonAndSkipsTotals() throws {
        let dir = try TempDir()
        let csv = try dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Nom du bénévole;Tél. habitant;Remarques
            S1;03/10/2026 10:00;Courses;Jean;0612345678;x
            Sous-total;;;;;
            S2;04/10/2026 11:00;Écoute;Paul;0698765432;y
            Total :;;;;;
            """ + "\n")
        let text = try Inspection.run(files: [csv], options: ImportOptions(), settings: Settings(), databasePath: nil)
            .text(.en)
        #expect(text.contains("    \"Nom du bénévole\" = \"ignore\"\n    \"Tél. habitant\" = \"ignore\"\n"), "\(text)")
        #expect(!text.contains("= \"volunteer_id\"") && !text.contains("= \"resident_id\""), "\(text)")
        // The total rows are not shown as values, as the import does not read them.
        #expect(text.contains("request_id (N° demande) : \"S1\" · \"S2\"\n"), "\(text)")
        #expect(!text.contains("Sous-total") && !text.contains("\"Total"), "\(text)")
    }

    @Test func aFileRefusedForItsDatesGetsNoNoteOnHowTheyWereRead() throws {
        let f = try ImportFixture()
        let csv = try f.dir.write("demandes.csv", "N° demande;Date d'appel;Type de service\nD1;25/10/2026;Courses\n"
            + "D2;10/25/2026;Courses\n")
        let s = try f.run([csv])
        #expect(!s.committed && s.unreadableCount == 1)
        #expect(s.files.allSatisfy { $0.monthFirstColumns.isEmpty && $0.dateNotes.isEmpty })
        #expect(!ImportSummaryText.render(s, database: f.dbPath).contains("month/day/year"))
        #expect(ImportSummaryText.render(s, database: f.dbPath).contains("demandes.csv → requests: 0 rows read"))
    }

    @Test func aColumnWithValuesButNoHeaderIsSaid() throws {
        let f = try ImportFixture()
        // The time of the call in a column nobody named: it used to vanish without a word.
        let csv = try f.dir.write("demandes.csv", "N° demande;Date d'appel;;Type de service;\nD1;03/10/2026;14:05;Courses;\n")
        let s = try f.run([csv]) { $0.dryRun = true }
        #expect(s.files[0].unnamedColumnsWithValues == [2])
        let notes = ImportSummaryText.render(s, database: f.dbPath)
        #expect(notes.contains("\(csv): column C has values but no header: it is not read; give it a header "
            + "(such as \"Heure\") if it should be"), "\(notes)")
        #expect(ImportSummaryText.render(s, database: f.dbPath, language: .fr).contains("la colonne C a des valeurs mais pas d'en-tête"))
        // An empty column without a header (a trailing separator) says nothing.
        let g = try ImportFixture()
        let clean = try g.dir.write("demandes.csv", "N° demande;Date d'appel;Type de service;\nD1;03/10/2026;Courses;\n")
        #expect(try g.run([clean]) { $0.dryRun = true }.files[0].unnamedColumnsWithValues.isEmpty)
    }

    @Test func twoMappingLinesForOneHeaderThatDisagreeAreRefused() throws {
        let dir = try TempDir()
        // The same header once normalised, three different targets: the import then said a required
        // column was missing, "none is close to it".
        let conflict = try dir.write("m.toml", "\"Quand\" = \"Date d'appel\"\n\"quand \" = \"ignore\"\n")
        let error = #expect(throws: UserError.self) { try HeaderMapping.load(path: conflict) }
        #expect(error?.kind == .badSetting)
        #expect(error?.message == "\(conflict): `Quand` and `quand ` name the same header (case, accents and "
            + "punctuation do not count) but say different things; keep only one of these lines")
        #expect(error?.text.fr.contains("désignent le même en-tête") == true)
        // The same line twice, or one header per table, is fine.
        let same = try dir.write("s.toml", "\"Quand\" = \"received_at\"\n\"QUAND\" = \"Date d'appel\"\n"
            + "[volunteers]\n\"Quand\" = \"joined_on\"\n")
        #expect(throws: Never.self) { try HeaderMapping.load(path: same) }
    }

    @Test func utf16WithoutAByteOrderMarkIsSaidAsSuchAndNouveauxIsOpen() throws {
        let f = try ImportFixture()
        let text = "N° demande\tDate d'appel\tType de service\tStatut\r\nD1\t03/10/2026\tCourses\tNouveaux\r\n"
        let path = f.dir.path("demandes.csv")
        try Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: UserError.self) { try f.run([path]) }
        #expect(error?.message.hasPrefix("\(path): this file looks like UTF-16 text without a byte-order mark") == true)
        // With its mark it imports, and `Nouveaux` is an open request.
        try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: path))
        #expect(try f.run([path]).committed)
        #expect(try f.value("SELECT status FROM requests", as: String.self) == "open")
    }
}
