import Foundation
import GRDB
import Testing
@testable import EntraideKit

/// Small exports written as coordinators write them.
enum Exports {
    static let volunteers = """
        N° bénévole;Nom;Prénom;Téléphone;Date d'inscription;Date de départ;Association;Services proposés
        B1;Dupont;Marie;06 11 22 33 44;01/09/2025;;Centre social;Courses, Jardinage
        B2;Martin;Paul;07 00 00 00 01;15/01/2026;;AFEV;Écoute
        B3;Bernard;Luc;;01/02/2026;30/06/2026;AFEV;
        """ + "\n"

    static let requests = """
        N° demande;Date d'appel;Nom de l'habitant;Téléphone de l'habitant;Type de service;Statut;Association;Bénévole;Mis en relation le;Contacté le;Réalisé le;Durée
        D1;03/10/2026 14:05;Mme Hélène Durand;06 12 34 56 78;Courses à domicile;Réalisée;Centre social;B1;03/10/2026 18h00;04/10/2026 09:00;06/10/2026 10:00;1h30
        D2;2026-10-04T10:00;Mme Durand;+33 6 12 34 56 78;Jardinage;;AFEV;B2;04/10/2026 12:00;;;
        D3;05/10/2026;Jean Valjean;;Écoute;En attente;;;;;;
        D4;06/10/2026 09:00;;;Aide administrative;;;;;;;
        """ + "\n"

    static let assignments = """
        N° demande;Identifiant bénévole;Mis en relation le;Contacté le;Réalisé le;Heures
        D1;B2;03/10/2026 19:00;;06/10/2026 11:00;2
        D2;B2;;04/10/2026 15:00;;
        """ + "\n"
}

@Suite struct ImportTests {
    @Test func importsAllThreeTables() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let r = try f.dir.write("demandes.csv", Exports.requests)
        let a = try f.dir.write("interventions.csv", Exports.assignments)
        let s = try f.run([a, r, v])  // order on the command line does not matter
        #expect(s.committed)
        #expect(s.errorCount == 0)
        #expect(s.imported(.volunteers) == 3 && s.imported(.requests) == 4 && s.imported(.assignments) == 2)
        #expect(try f.value("SELECT domains FROM volunteers WHERE volunteer_id='B1'") == "courses|coup_de_main")
        #expect(try f.value("SELECT left_on FROM volunteers WHERE volunteer_id='B3'") == "2026-06-30")
        #expect(try f.value("SELECT received_at FROM requests WHERE request_id='D1'") == "2026-10-03T14:05:00+02:00")
        #expect(try f.value("SELECT received_month FROM requests WHERE request_id='D1'") == "2026-10")
        #expect(try f.value("SELECT domain FROM requests WHERE request_id='D4'") == "autre")
        #expect(s.warnings.unknownDomains == ["Aide administrative": 1])
        // Derived statuses: D2 has an assignment but nothing done → matched; D4 nothing → open.
        #expect(try f.value("SELECT status FROM requests WHERE request_id='D2'") == "matched")
        #expect(try f.value("SELECT status_derived FROM requests WHERE request_id='D2'", as: Int.self) == 1)
        #expect(try f.value("SELECT status FROM requests WHERE request_id='D4'") == "open")
        #expect(try f.value("SELECT status FROM requests WHERE request_id='D3'") == "open")
        #expect(try f.value("SELECT count(*) FROM assignments", as: Int.self) == 3)
        // The assignments file's values win over the inline ones, inline fills the rest.
        #expect(try f.value("SELECT contacted_at FROM assignments WHERE request_id='D2' AND volunteer_id='B2'")
            == "2026-10-04T15:00:00+02:00")
        #expect(try f.value("SELECT matched_at FROM assignments WHERE request_id='D2' AND volunteer_id='B2'")
            == "2026-10-04T12:00:00+02:00")
        #expect(try f.value("SELECT hours FROM assignments WHERE request_id='D1' AND volunteer_id='B1'", as: Double.self) == 1.5)
        #expect(try f.value("SELECT done_month FROM assignments WHERE request_id='D1' AND volunteer_id='B2'") == "2026-10")
        // Import log: one row per file, with its hash.
        #expect(try f.value("SELECT count(*) FROM imports", as: Int.self) == 3)
        #expect(try f.value("SELECT length(sha256) FROM imports LIMIT 1", as: Int.self) == 64)
    }

    @Test func pseudonymousResidents() throws {
        let f = try ImportFixture()
        try f.run([try f.dir.write("benevoles.csv", Exports.volunteers), try f.dir.write("demandes.csv", Exports.requests)])
        let k1: String? = try f.value("SELECT resident_key FROM requests WHERE request_id='D1'")
        let k2: String? = try f.value("SELECT resident_key FROM requests WHERE request_id='D2'")
        let k3: String? = try f.value("SELECT resident_key FROM requests WHERE request_id='D3'")
        let k4: String? = try f.value("SELECT resident_key FROM requests WHERE request_id='D4'")
        #expect(k1 != nil && k1 == k2)  // same phone written two ways
        #expect(k3 != nil && k3 != k1)   // name only
        #expect(k4 == nil)               // no identity
        // The key file is owner-only.
        let attrs = try FileManager.default.attributesOfItem(atPath: Pseudonymizer.keyPath(forDatabase: f.dbPath))
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        // No name, first name or phone number anywhere in the database file.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: f.dbPath))
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in ["Durand", "Hélène", "Valjean", "Dupont", "Marie", "Martin", "12 34 56 78", "0612345678",
                       "612345678", "06 11 22 33 44", "0611223344", "Bernard"] {
            #expect(!text.contains(secret), "\(secret) leaked into the database")
        }
    }

    @Test func encodingsAndDelimiters() throws {
        let header = ["N° demande", "Date d'appel", "Type de service"]
        let rows = [["D1", "03/10/2026 14:05", "Écoute"], ["D2", "04/10/2026 10:00", "Courses à domicile"]]
        func csv(_ sep: String) -> String {
            ([header] + rows).map { $0.joined(separator: sep) }.joined(separator: "\r\n") + "\r\n"
        }
        for (name, bytes) in [
            ("utf8", Array(csv(";").utf8)),
            ("bom", [0xEF, 0xBB, 0xBF] + Array(csv(",").utf8)),
            ("tab", Array(csv("\t").utf8)),
            ("cp1252", Array(csv(";").data(using: .windowsCP1252)!)),
        ] {
            let f = try ImportFixture()
            let path = try f.dir.write("demandes-\(name).csv", bytes: bytes)
            let s = try f.run([path])
            #expect(s.errorCount == 0, "\(name): \(s.errors)")
            #expect(s.files[0].encoding == (name == "cp1252" ? .windows1252 : .utf8), "\(name)")
            #expect(try f.value("SELECT domain FROM requests WHERE request_id='D1'") == "ecoute", "\(name)")
            #expect(try f.value("SELECT domain FROM requests WHERE request_id='D2'") == "courses", "\(name)")
            #expect(s.warnings.unknownDomains.isEmpty, "\(name)")
        }
    }

    @Test func quotedFieldsAndLineNumbers() throws {
        let f = try ImportFixture()
        let text = "N° demande,Date d'appel,Type de service,Commentaire\n"
            + "D1,03/10/2026 14:05,\"Courses, poste\",\"dit \"\"merci\"\"\nrappeler\nlundi\"\n"
            + "\"D,2\",03/10/2026 15:00,Écoute,\n"
            + "D3,pas de date,Écoute,\n"
        let path = try f.dir.write("demandes.csv", text)
        let s = try f.run([path])
        // D3 starts on line 6: the comment of D1 spans lines 2–4.
        #expect(s.errors.map(\.description) == [
            "\(path):6: Date d'appel: cannot read \"pas de date\" as a date and time "
                + "(expected e.g. 03/10/2026 14:05, 03/10/2026 14h05 or 2026-10-03T14:05)",
        ])
        let ok = try ImportFixture()
        let good = try ok.dir.write("demandes.csv", text.replacingOccurrences(of: "pas de date", with: "03/10/2026"))
        #expect(try ok.run([good]).errorCount == 0)
        #expect(try ok.value("SELECT count(*) FROM requests WHERE request_id='D,2'", as: Int.self) == 1)
        #expect(try ok.value("SELECT domain FROM requests WHERE request_id='D1'") == "autre")  // "Courses, poste" is unknown
    }

    @Test func everyErrorKindWithItsPlace() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le;Durée
            D1;03/10/2026 14:05;Courses;B1;03/10/2026 15:00;1h30
            ;03/10/2026 14:05;Courses;;;
            D3;;Courses;;;
            D4;31/09/2026;Courses;;;
            D5;03/10/2026;;;;
            D1;04/10/2026;Courses;;;
            D7;03/10/2026;Courses;B99;;
            D8;03/10/2026;Courses;B1;hier;beaucoup
            """ + "\n")
        let a = try f.dir.write("interventions.csv", """
            N° demande;Identifiant bénévole
            D1;B2
            D404;B2
            D1;B2
            D1;B77
            """ + "\n")
        let s = try f.run([v, r, a])
        #expect(!s.committed)
        #expect(s.errors.map(\.description) == [
            "\(r):3: N° demande: required value missing",
            "\(r):4: Date d'appel: required value missing",
            "\(r):5: Date d'appel: cannot read \"31/09/2026\" as a date and time (expected e.g. 03/10/2026 14:05, 03/10/2026 14h05 or 2026-10-03T14:05)",
            "\(r):6: Type de service: required value missing",
            "\(r):7: N° demande: request \"D1\" appears twice in this file (first on line 2)",
            "\(r):8: Bénévole: unknown volunteer \"B99\" (not in the volunteers file nor in the database)",
            "\(r):9: Mis en relation le: cannot read \"hier\" as a date and time (expected e.g. 03/10/2026 14:05, 03/10/2026 14h05 or 2026-10-03T14:05)",
            "\(r):9: Durée: cannot read \"beaucoup\" as a duration; write the time spent in hours (1.5 or 1,5), "
                + "or as 1h30, 1 h 30, 1:30, 90 min or une heure",
            "\(a):3: N° demande: unknown request \"D404\" (not in the requests file nor in the database)",
            "\(a):4: Identifiant bénévole: request \"D1\" and volunteer \"B2\" appear twice in this file (first on line 2)",
            "\(a):5: Identifiant bénévole: unknown volunteer \"B77\" (not in the volunteers file nor in the database)",
        ])
        #expect(s.errorCount == 11)
        // Nothing written: every table is still empty, the import log too.
        for table in ["volunteers", "requests", "assignments", "imports"] {
            #expect(try f.value("SELECT count(*) FROM \(table)", as: Int.self) == 0, "\(table)")
        }
    }

    @Test func missingRequiredColumn() throws {
        let f = try ImportFixture()
        let r = try f.dir.write("demandes.csv", "N° demande;Type de service\nD1;Courses\n")
        let s = try f.run([r])
        #expect(s.errors.count == 1)
        #expect(s.errors[0].description.hasPrefix("\(r):1: Date d'appel: required column missing"))
    }

    @Test func failedImportLeavesEverythingUnchanged() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let r = try f.dir.write("demandes.csv", Exports.requests)
        try f.run([v, r])
        let before = try ["volunteers", "requests", "assignments", "imports"].map { try f.dump($0) }
        let newer = try f.dir.write("demandes-2.csv", Exports.requests
            .replacingOccurrences(of: "D3;05/10/2026", with: "D3;bientôt")
            .replacingOccurrences(of: "Jardinage", with: "Bricolage"))
        let s = try f.run([newer])
        #expect(!s.committed && s.errorCount == 1)
        let after = try ["volunteers", "requests", "assignments", "imports"].map { try f.dump($0) }
        #expect(before == after)
    }

    @Test func reimportChangesNothingAndNewerExportUpdates() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let r = try f.dir.write("demandes.csv", Exports.requests)
        let a = try f.dir.write("interventions.csv", Exports.assignments)
        try f.run([v, r, a])
        let first = try ["volunteers", "requests", "assignments"].map { try f.dump($0) }
        try f.run([v, r, a])
        #expect(try ["volunteers", "requests", "assignments"].map { try f.dump($0) } == first)
        #expect(try f.value("SELECT count(*) FROM imports", as: Int.self) == 6)

        // A newer cumulative export: D3 got a volunteer and is done, D4's domain was fixed, the
        // association of D1 was emptied (empty cells replace stored values), D5 is new; D2 is absent (kept).
        let newer = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Statut;Association;Bénévole;Mis en relation le;Réalisé le;Durée
            D1;03/10/2026 14:05;Courses;Réalisée;;B1;03/10/2026 18h00;06/10/2026 10:00;2
            D3;05/10/2026;Écoute;;;B2;06/10/2026 10:00;07/10/2026 10:00;1
            D4;06/10/2026 09:00;Orientation;;;;;;
            D5;07/10/2026 09:00;Écoute;;;;;;
            """ + "\n")
        try f.run([newer])
        #expect(try f.value("SELECT association FROM requests WHERE request_id='D1'") == nil)
        #expect(try f.value("SELECT hours FROM assignments WHERE request_id='D1' AND volunteer_id='B1'", as: Double.self) == 2)
        #expect(try f.value("SELECT status FROM requests WHERE request_id='D3'") == "done")
        #expect(try f.value("SELECT domain FROM requests WHERE request_id='D4'") == "orientation")
        #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 5)
        #expect(try f.value("SELECT resident_key FROM requests WHERE request_id='D3'") == nil)  // no name any more
        // A request row that changes its inline volunteer replaces the old inline assignment.
        let changed = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le
            D3;05/10/2026;Écoute;B1;06/10/2026 11:00
            """ + "\n")
        try f.run([changed])
        #expect(try f.value("SELECT group_concat(volunteer_id) FROM assignments WHERE request_id='D3'") == "B1")
    }

    @Test func dryRunWritesNothing() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let s = try f.run([v]) { $0.dryRun = true }
        #expect(!s.committed && s.errorCount == 0 && s.files[0].rowsImported == 3)
        #expect(try f.value("SELECT count(*) FROM volunteers", as: Int.self) == 0)
        #expect(try f.value("SELECT count(*) FROM imports", as: Int.self) == 0)
    }

    @Test func skipInvalidWritesRejects() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Nom de l'habitant;Type de service
            D1;03/10/2026 14:05;Mme Secret;Courses
            D2;jamais;Mme Secret;Écoute
            D3;05/10/2026;;Jardinage
            """ + "\n")
        let rejects = f.dir.path("rejets.csv")
        let s = try f.run([v, r]) { $0.skipInvalid = true; $0.rejectsPath = rejects }
        #expect(s.committed)
        #expect(s.imported(.requests) == 2 && s.rejectedCount == 1)
        #expect(s.rejectsPath == rejects)
        #expect(try f.value("SELECT group_concat(request_id) FROM (SELECT request_id FROM requests ORDER BY 1)") == "D1,D3")
        let data = try Data(contentsOf: URL(fileURLWithPath: rejects))
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = text.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0] == "fichier;ligne;colonne;motif;contenu")
        #expect(lines[1].hasPrefix("\(r);3;Date d'appel;"))
        #expect(lines[1].contains("jamais"))
        #expect(!text.contains("Secret"))  // personal data stays out of the rejects file too
    }

    @Test func mappingFileRenamesHeaders() throws {
        let f = try ImportFixture()
        let mappingPath = try f.dir.write("mapping.toml", """
            "Quand" = "received_at"
            [requests]
            "Ref" = "request_id"
            "Besoin" = "domain"
            """)
        let r = try f.dir.write("demandes.csv", "Ref;Quand;Besoin;Autre chose\nX1;03/10/2026;Courses;zzz\n")
        let s = try f.run([r]) { $0.mapping = try! HeaderMapping.load(path: mappingPath) }
        #expect(s.errorCount == 0)
        #expect(s.files[0].ignoredHeaders == ["Autre chose"])
        #expect(try f.value("SELECT domain FROM requests WHERE request_id='X1'") == "courses")
        let bad = try f.dir.write("bad.toml", "\"Quand\" = \"quand_donc\"\n")
        let error = #expect(throws: UserError.self) { try HeaderMapping.load(path: bad) }
        #expect(error?.kind == .badSetting)
    }

    @Test func configuredSynonymsAndTimeZone() throws {
        var settings = try Settings.parse(toml: """
            timezone = "America/Montreal"
            associations = ["Centre social Les Tilleuls"]
            [[domains]]
            code = "courses"
            label = "Courses"
            synonyms = ["Aide aux achats"]
            [statuses]
            done = ["Clos"]
            """)
        settings.networkName = "Test"
        let f = try ImportFixture(settings: settings)
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Statut;Association
            D1;03/10/2026 14:05;AIDE AUX ACHATS;clos;centre social les tilleuls
            D2;03/10/2026 14:05;Jardinage;;
            """ + "\n")
        let s = try f.run([r])
        #expect(s.errorCount == 0)
        #expect(try f.value("SELECT domain || ' ' || status || ' ' || association FROM requests WHERE request_id='D1'")
            == "courses done Centre social Les Tilleuls")
        #expect(try f.value("SELECT received_at FROM requests WHERE request_id='D1'") == "2026-10-03T14:05:00-04:00")
        // Jardinage is not a configured domain here: autre, with a warning.
        #expect(try f.value("SELECT domain FROM requests WHERE request_id='D2'") == "autre")
        #expect(settings.domainCodes == ["courses", "autre"])
    }

    /// A duplicate id is an error even when its first row was rejected for another reason:
    /// otherwise `--skip-invalid` would keep the second copy without a word.
    @Test func aDuplicateOfARejectedRowIsStillADuplicate() throws {
        let f = try ImportFixture()
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service
            E1;32/10/2026 14:05;Courses
            E1;03/10/2026 14:05;Courses
            E2;04/10/2026 10:00;Courses
            """ + "\n")
        let strict = try f.run([r])
        #expect(!strict.committed)
        #expect(strict.errors.map(\.description).contains {
            $0.hasPrefix("\(r):3: N° demande: request \"E1\" appears twice in this file (first on line 2)")
        }, "\(strict.errors.map(\.description))")
        let lenient = try f.run([r]) { $0.skipInvalid = true }
        #expect(lenient.committed && lenient.rejectedCount == 2)
        #expect(try f.value("SELECT group_concat(request_id) FROM requests") == "E2")
    }

    /// Assignment details without a volunteer are ignored with a warning that says where they are.
    @Test func detailsWithoutAVolunteerSayWhere() throws {
        let f = try ImportFixture()
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le
            D1;03/10/2026 14:05;Courses;;04/10/2026 09:00
            """ + "\n")
        let s = try f.run([r])
        #expect(s.committed && s.warnings.detailsWithoutVolunteer == 1)
        let lines = ImportSummaryText.warningLines(s, language: .en)
        #expect(lines.contains { $0.contains("1 row gives assignment dates or hours but no volunteer") && $0.contains("(e.g. \(r):2)") },
                "\(lines)")
    }

    @Test func inconsistentDatesAreWarnings() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le
            D1;03/10/2026 14:05;Courses;B1;02/10/2026 09:00
            """ + "\n")
        let s = try f.run([v, r])
        #expect(s.committed && s.errorCount == 0)
        #expect(s.warnings.inconsistentDates == 1)
        #expect(s.warnings.inconsistentExamples.first?.description
            == "\(r):2: Mis en relation le: 2026-10-02T09:00:00+02:00 is before the call (2026-10-03T14:05:00+02:00)")
    }
}
