import Foundation
import Testing
@testable import EntraideKit

/// The value rules of docs/FORMAT.md through real imports: written-out forms, Unicode spaces
/// in ids, phones that lost their 0, folded statuses, and optional values left out under
/// `--skip-invalid`.
@Suite struct ValueFormImportTests {
    static let volunteers = "N° bénévole;Inscrit le\nB1;01/09/2026\nB2;01/09/2026\n"

    @Test func writtenFormsAreImported() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Self.volunteers)
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le;Réalisé le;Durée
            D1;samedi 3 octobre 2026 à 14 h 05;Courses;B1;3 oct. 2026 à 16h;05/10/26 9h30;une heure et demie
            D2;3 oct. 2026\u{A0}15:10;Courses;B2;03/10/2026 3:30 pm;4 octobre 2026;1:30:00
            D3;1er oct. 2026;Écoute;B1;;;½ h
            """ + "\n")
        let s = try f.run([v, r])
        #expect(s.errors.isEmpty, "\(s.errors)")
        #expect(s.committed)
        #expect(try f.dump("requests").map { $0.components(separatedBy: "|").filter { $0.hasPrefix("received_at=") } }
            == [["received_at=2026-10-03T14:05:00+02:00"], ["received_at=2026-10-03T15:10:00+02:00"],
                ["received_at=2026-10-01T00:00:00+02:00"]])
        #expect(try f.value("SELECT matched_at FROM assignments WHERE request_id = 'D1'") == "2026-10-03T16:00:00+02:00")
        #expect(try f.value("SELECT done_at FROM assignments WHERE request_id = 'D1'") == "2026-10-05T09:30:00+02:00")
        #expect(try f.value("SELECT matched_at FROM assignments WHERE request_id = 'D2'") == "2026-10-03T15:30:00+02:00")
        #expect(try f.value("SELECT group_concat(hours, ' ') FROM (SELECT hours FROM assignments ORDER BY request_id)")
            == "1.5 1.5 0.5")
    }

    @Test func writtenFormsInAWindows1252File() throws {
        // An older Excel's CSV: `é` is the byte 0xE9, `½` 0xBD, the non-breaking space 0xA0.
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Self.volunteers)
        let text = "N° demande;Date d'appel;Type de service;Bénévole;Réalisé le;Durée\r\n"
            + "D1;3 févr. 2026 à 14\u{A0}h\u{A0}05;Courses;B1;mercredi 4 février 2026;½ h\r\n"
            + "D2;1er déc. 2026;Écoute;B2;2 déc. 2026 à 9h;une demi-heure\r\n"
        let r = try f.dir.write("demandes.csv", bytes: Array(try #require(text.data(using: .windowsCP1252))))
        let s = try f.run([v, r])
        #expect(s.errors.isEmpty, "\(s.errors)")
        #expect(s.files.last?.encoding == .windows1252)
        #expect(try f.value("SELECT group_concat(received_at, ' ') FROM (SELECT received_at FROM requests ORDER BY 1)")
            == "2026-02-03T14:05:00+01:00 2026-12-01T00:00:00+01:00")
        #expect(try f.value("SELECT group_concat(done_at || '=' || hours, ' ') FROM (SELECT * FROM assignments ORDER BY 1)")
            == "2026-02-04T00:00:00+01:00=0.5 2026-12-02T09:00:00+01:00=0.5")
    }

    @Test func unicodeSpacesAreTrimmedFromIds() throws {
        let f = try ImportFixture()
        // A non-breaking space after the id (`N° D1` typed with French typography, or pasted),
        // a narrow one before a volunteer id, a figure space after a date.
        let v = try f.dir.write("benevoles.csv", "N° bénévole;Inscrit le\nB1\u{A0};01/09/2026\u{2007}\n")
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Bénévole;Statut
            D1\u{A0};03/10/2026 14:05;Courses\u{202F};\u{202F}B1;\u{A0}fait\u{A0}
            """ + "\n")
        let a = try f.dir.write("interventions.csv", "N° demande;N° bénévole;Heures\nD1;B1\u{3000};2\u{A0}h\n")
        let s = try f.run([v, r, a])
        #expect(s.errors.isEmpty, "\(s.errors)")
        #expect(try f.value("SELECT volunteer_id FROM volunteers") == "B1")
        #expect(try f.value("SELECT request_id FROM requests") == "D1")
        #expect(try f.value("SELECT domain || ' ' || status FROM requests") == "courses done")
        #expect(try f.value("SELECT count(*) FROM assignments WHERE request_id = 'D1' AND volunteer_id = 'B1'", as: Int.self) == 1)
        #expect(try f.value("SELECT hours FROM assignments", as: Double.self) == 2)
        #expect(s.warnings.total == 0)
        // The same in a Windows-1252 file, where the non-breaking space is the one byte 0xA0.
        let g = try ImportFixture()
        let latin = try g.dir.write("demandes.csv", bytes: Array("N° demande;Date d'appel;Type de service\n".utf8)
            + Array("D1".utf8) + [0xA0] + Array(";03/10/2026;Courses\n".utf8))
        #expect(try g.run([latin]).errors.isEmpty)
        #expect(try g.value("SELECT request_id FROM requests") == "D1")
    }

    @Test(arguments: ["csv", "xlsx", "ods"])
    func phonesThatLostTheirZeroAreOneResident(ext: String) throws {
        // LibreOffice read `0612345678` as the number 612345678 (make_values.sh); the CSV holds
        // the same rows with their 0, so all three must give the same residents.
        let f = try ImportFixture()
        let path = TestPaths.fixture("values/telephones.\(ext)").path
        let s = try f.run([path]) { $0.table = .requests }
        #expect(s.errors.isEmpty, "\(s.errors)")
        #expect(s.imported(.requests) == 9)
        #expect(try f.value("SELECT count(DISTINCT resident_key) FROM requests", as: Int.self) == 4)
        let pairs = [("D1", "D2"), ("D1", "D3"), ("D4", "D5"), ("D6", "D7"), ("D8", "D9")]
        for (a, b) in pairs {
            #expect(try f.value("SELECT count(DISTINCT resident_key) FROM requests WHERE request_id IN ('\(a)', '\(b)')",
                                as: Int.self) == 1, "\(a) \(b)")
        }
        // The statuses, written as coordinators do, are all known.
        #expect(s.warnings.unknownStatuses.isEmpty, "\(s.warnings.unknownStatuses)")
        #expect(try f.value("SELECT group_concat(status, ' ') FROM (SELECT status FROM requests ORDER BY request_id)")
            == "done done done done done matched cancelled unmet done")
    }

    @Test func statusesFoldedForCaseAccentsFeminineAndPlural() {
        let labels = LabelResolver(settings: Settings())
        let cases: [(String, RequestStatus)] = [
            ("clôturé", .done), ("Clôturée", .done), ("clôturées", .done), ("CLOTURES", .done), ("fait", .done),
            ("Faites", .done), ("ok", .done), ("OK", .done), ("terminé", .done), ("Terminées", .done),
            ("réalisés", .done), ("à rappeler", .matched), ("A rappeler", .matched), ("Mises en relation", .matched),
            ("attribué", .matched), ("annulé", .cancelled), ("Annulées", .cancelled), ("abandon", .unmet),
            ("abandonnée", .unmet), ("Abandonnées", .unmet), ("non pourvues", .unmet), ("ouvertes", .open),
            ("nouvelles", .open), ("Non réalisées", .unmet),
        ]
        for (label, status) in cases { #expect(labels.status(label) == status, "\(label)") }
        for unknown in ["pas fait", "en cours de traitement", "s", "e", ""] {
            #expect(labels.status(unknown) == nil, "\(unknown)")
        }
        #expect(LabelResolver.foldedEndings("cloturees") == "clotur")
        #expect(LabelResolver.foldedEndings("mises_en_relation") == "mi_en_relation")
        #expect(LabelResolver.foldedEndings("a_rappeler") == "a_rappeler")
    }

    @Test func foldedLabelsNeverCollide() {
        // `Course` and `Courses` configured for two different domains: each keeps its own
        // label, and `coursé`, which both would fold to, matches neither.
        var settings = Settings()
        settings.domains = [DomainSetting(code: "a", label: "Course", labelEN: "A"),
                            DomainSetting(code: "b", label: "Courses", labelEN: "B")]
        settings.statusSynonyms = [.cancelled: ["fermée"], .done: ["fermé"]]
        let labels = LabelResolver(settings: settings)
        #expect(labels.domain("course") == "a")
        #expect(labels.domain("COURSES") == "b")
        #expect(labels.domain("coursee") == nil)
        #expect(labels.status("fermée") == .cancelled)
        #expect(labels.status("Fermé") == .done)
        #expect(labels.status("fermées") == nil)  // folds to both
        // Domains fold their endings too: `Jardins` is `Jardin`'s.
        let defaults = LabelResolver(settings: Settings())
        #expect(defaults.domain("Jardins") == "coup_de_main")
        #expect(defaults.domain("Petites courses") == nil)
        #expect(defaults.association("Centre\u{A0}social  Les\u{202F}Tilleuls") == "Centre social Les Tilleuls")
    }

    // MARK: --skip-invalid and optional values

    static let badOptionals = """
        N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le;Réalisé le;Durée
        D1;03/10/2026 14:05;Courses;B1;03/10/2026 15:00;04/10/2026;beaucoup
        D2;03/10/2026 14:10;Courses;B1;hier;04/10/2026;1h
        D3;pas de date;Courses;B1;;;encore plus
        D4;03/10/2026 14:20;Courses;B2;03/10/2026 16:00;04/10/2026;2
        """ + "\n"

    @Test func anUnreadableOptionalValueIsAnErrorWithoutSkipInvalid() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Self.volunteers)
        let r = try f.dir.write("demandes.csv", Self.badOptionals)
        let s = try f.run([v, r])
        #expect(!s.committed)
        #expect(s.errors.map(\.description) == [
            "\(r):2: Durée: cannot read \"beaucoup\" as a duration; write the time spent in hours (1.5 or 1,5), "
                + "or as 1h30, 1 h 30, 1:30, 90 min or une heure",
            "\(r):3: Mis en relation le: cannot read \"hier\" as a date and time "
                + "(expected e.g. 03/10/2026 14:05, 03/10/2026 14h05 or 2026-10-03T14:05)",
            "\(r):4: Date d'appel: cannot read \"pas de date\" as a date and time "
                + "(expected e.g. 03/10/2026 14:05, 03/10/2026 14h05 or 2026-10-03T14:05)",
            "\(r):4: Durée: cannot read \"encore plus\" as a duration; write the time spent in hours (1.5 or 1,5), "
                + "or as 1h30, 1 h 30, 1:30, 90 min or une heure",
        ])
        #expect(s.errors[0].text.fr == "la durée « beaucoup » ne peut pas être lue ; écrivez le temps passé en heures "
            + "(1,5 ou 1.5), ou sous la forme 1h30, 1 h 30, 1:30, 90 min ou une heure")
        #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 0)
    }

    @Test func skipInvalidImportsTheRowWithoutTheUnreadableOptionalValue() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Self.volunteers)
        let r = try f.dir.write("demandes.csv", Self.badOptionals)
        let rejects = f.dir.path("rejets.csv")
        let s = try f.run([v, r]) { $0.skipInvalid = true; $0.rejectsPath = rejects }
        #expect(s.committed)
        // D1 without its hours, D2 without its matched_at; D3's received_at is required: rejected.
        #expect(try f.value("SELECT group_concat(request_id) FROM (SELECT request_id FROM requests ORDER BY 1)") == "D1,D2,D4")
        #expect(try f.value("SELECT matched_at || ' ' || done_at || ' ' || ifnull(hours, 'none') FROM assignments "
                            + "WHERE request_id = 'D1'") == "2026-10-03T15:00:00+02:00 2026-10-04T00:00:00+02:00 none")
        #expect(try f.value("SELECT ifnull(matched_at, 'none') || ' ' || done_at || ' ' || hours FROM assignments "
                            + "WHERE request_id = 'D2'") == "none 2026-10-04T00:00:00+02:00 1.0")
        #expect(try f.value("SELECT status FROM requests WHERE request_id = 'D2'") == "done")
        let file = try #require(s.files.first { $0.table == .requests })
        #expect(file.rowsRead == 4 && file.rowsImported == 3 && file.rowsRejected == 1)
        #expect(file.rowsWithValuesLeftOut == 2 && file.valuesLeftOut == 2)
        #expect(s.valuesLeftOut == 2)
        // The rejects file lists each value left out (the row imported) and the rejected row
        // with all its issues.
        let lines = try String(contentsOfFile: rejects, encoding: .utf8).components(separatedBy: "\r\n")
        let note = " (the row was imported without this value: fix the cell and import the file again)"
        #expect(lines.contains { $0.hasPrefix("\(r);2;Durée;\"cannot read \"\"beaucoup\"\" as a duration") && $0.contains(note) })
        #expect(lines.contains { $0.hasPrefix("\(r);3;Mis en relation le;\"cannot read \"\"hier\"\"") && $0.contains(note) })
        #expect(lines.contains { $0.hasPrefix("\(r);4;Date d'appel;") && !$0.contains(note) })
        #expect(lines.contains { $0.hasPrefix("\(r);4;Durée;") && !$0.contains(note) })
        #expect(lines.filter { !$0.isEmpty }.count == 5)  // the header and four cells
        // The summary says it.
        let text = ImportSummaryText.render(s, database: f.dbPath)
        #expect(text.contains("\(r) → requests: 4 rows read, 3 imported (2 of them with 2 unreadable values left out), "
            + "1 rejected"))
        #expect(text.contains("1 rejected row and 2 values left out written to \(rejects)"))
        let french = ImportSummaryText.render(s, database: f.dbPath, language: .fr)
        #expect(french.contains("(dont 2 avec 2 valeurs illisibles laissées de côté)"))
        #expect(french.contains("1 ligne rejetée et 2 valeurs illisibles laissées de côté, écrites dans \(rejects)"))
    }

    @Test func aFileWhoseOnlyProblemsAreOptionalValuesStillWritesItsRejects() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Self.volunteers)
        let a = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Bénévole;Durée
            D1;03/10/2026 14:05;Courses;B1;beaucoup
            """ + "\n")
        let rejects = f.dir.path("rejets.csv")
        let s = try f.run([v, a]) { $0.skipInvalid = true; $0.rejectsPath = rejects }
        #expect(s.committed && s.rejectedCount == 0 && s.valuesLeftOut == 1)
        #expect(s.rejectsPath == rejects)
        #expect(try String(contentsOfFile: rejects, encoding: .utf8).contains("\(a);2;Durée;"))
        #expect(try f.value("SELECT count(*) FROM assignments WHERE hours IS NULL", as: Int.self) == 1)
        // A dry run writes no rejects file: the values left out are listed as errors.
        let g = try ImportFixture()
        let v2 = try g.dir.write("benevoles.csv", Self.volunteers)
        let d = try g.dir.write("demandes.csv", try String(contentsOfFile: a, encoding: .utf8))
        let dry = try g.run([v2, d]) { $0.skipInvalid = true; $0.dryRun = true }
        #expect(dry.errorCount == 1 && dry.valuesLeftOut == 1 && dry.rejectedCount == 0)
    }

    @Test func anAssignmentsFileKeepsItsRowsWithoutTheirUnreadableOptionalValues() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Self.volunteers)
        let r = try f.dir.write("demandes.csv", "N° demande;Date d'appel;Type de service\nD1;03/10/2026;Courses\n")
        let a = try f.dir.write("interventions.csv", """
            N° demande;N° bénévole;Mis en relation le;Contacté le;Durée
            D1;B1;03/10/2026 15:00;le lendemain;2 h
            D1;B2;31/09/2026;04/10/2026;beaucoup
            """ + "\n")
        let s = try f.run([v, r, a]) { $0.skipInvalid = true; $0.rejectsPath = f.dir.path("rejets.csv") }
        #expect(s.committed)
        #expect(try f.dump("assignments").map { $0.components(separatedBy: "|").filter {
            $0.hasPrefix("volunteer_id=") || $0.hasPrefix("matched_at=") || $0.hasPrefix("contacted_at=") || $0.hasPrefix("hours=")
        }.joined(separator: " ") } == [
            "volunteer_id=B1 matched_at=2026-10-03T15:00:00+02:00 contacted_at=NULL hours=2.0",
            "volunteer_id=B2 matched_at=NULL contacted_at=2026-10-04T00:00:00+02:00 hours=NULL",
        ])
        let file = try #require(s.files.first { $0.table == .assignments })
        #expect(file.rowsImported == 2 && file.rowsWithValuesLeftOut == 2 && file.valuesLeftOut == 3)
        // A volunteer's unreadable departure date likewise.
        let g = try ImportFixture()
        let w = try g.dir.write("benevoles.csv", "N° bénévole;Inscrit le;Parti le\nB1;01/09/2026;bientôt\n")
        let t = try g.run([w]) { $0.skipInvalid = true; $0.rejectsPath = g.dir.path("rejets.csv") }
        #expect(t.imported(.volunteers) == 1 && t.valuesLeftOut == 1)
        #expect(try g.value("SELECT ifnull(left_on, 'none') FROM volunteers") == "none")
    }
}
