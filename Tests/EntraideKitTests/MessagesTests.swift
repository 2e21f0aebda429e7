import Foundation
import SharedTestSupport
import Testing
import ZIPFoundation
@testable import EntraideKit

/// Issue 12, SPEC §2.6: everything the tool says is in French under a French locale
/// (`LC_ALL`, else `LC_MESSAGES`, else `LANG` starting with `fr`) and in English otherwise,
/// through the real executable.
@Suite struct MessagesTests {
    static let french = EntraideCommand.french
    static let english = EntraideCommand.english

    /// A request file whose second row repeats the first one's id: one valid row, one error.
    static let duplicateRequest = "N° demande;Date d'appel;Type de service\nX1;03/10/2026;Courses\nX1;04/10/2026;Courses\n"

    // MARK: - The rule

    @Test("LC_ALL, else LC_MESSAGES, else LANG decides; French when it starts with fr")
    func languageOfMessages() {
        #expect(Language.ofMessages([:]) == .en)
        #expect(Language.ofMessages(["LANG": "fr_FR.UTF-8"]) == .fr)
        #expect(Language.ofMessages(["LANG": "fr_CA.UTF-8"]) == .fr)
        #expect(Language.ofMessages(["LANG": "fr"]) == .fr)
        #expect(Language.ofMessages(["LANG": "en_GB.UTF-8"]) == .en)
        #expect(Language.ofMessages(["LANG": "C.UTF-8"]) == .en)
        #expect(Language.ofMessages(["LANG": "POSIX"]) == .en)
        // LC_MESSAGES before LANG, LC_ALL before both.
        #expect(Language.ofMessages(["LANG": "fr_FR.UTF-8", "LC_MESSAGES": "C.UTF-8"]) == .en)
        #expect(Language.ofMessages(["LANG": "C.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"]) == .fr)
        #expect(Language.ofMessages(["LC_ALL": "C.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8", "LANG": "fr_FR.UTF-8"]) == .en)
        #expect(Language.ofMessages(["LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "C", "LANG": "C"]) == .fr)
        // A variable set but empty is skipped, as the C library does.
        #expect(Language.ofMessages(["LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_BE.UTF-8"]) == .fr)
        #expect(Language.ofMessages(["LC_ALL": "", "LANG": "en_US.UTF-8"]) == .en)
        // Other French-looking values that are no French locale.
        #expect(Language.ofMessages(["LANG": "de_DE.UTF-8"]) == .en)
    }

    // MARK: - Through the executable

    @Test("An import error, the summary and the advice: in French under LC_ALL=fr_FR.UTF-8, in English under C.UTF-8")
    func importErrorAndSummary() throws {
        let dir = try TempDir()
        try dir.write("demandes.csv", Self.duplicateRequest)

        let fr = try EntraideCommand.run(["import", "demandes.csv"], in: dir.url, environment: Self.french)
        #expect(fr.status == 1)
        #expect(fr.out.contains("Rien n'a été importé dans entraide.sqlite."), "\(fr.out)")
        #expect(fr.out.contains("demandes.csv → demandes : 2 lignes lues, 1 valide, 1 en erreur (UTF-8, séparateur ;)"),
                "\(fr.out)")
        #expect(fr.err.contains("demandes.csv:3: N° demande: la demande « X1 » figure deux fois dans ce fichier "
                                + "(d'abord à la ligne 2) ; gardez une seule ligne par demande"), "\(fr.err)")
        #expect(fr.err.contains("1 erreur ; rien n'a été importé. Corrigez les lignes ci-dessus dans le tableau, "
                                + "ou relancez avec --skip-invalid"), "\(fr.err)")
        #expect(!fr.err.contains("appears twice") && !fr.out.contains("rows read"))

        let en = try EntraideCommand.run(["import", "demandes.csv"], in: dir.url, environment: Self.english)
        #expect(en.status == 1)
        #expect(en.out.contains("Nothing was imported into entraide.sqlite."), "\(en.out)")
        #expect(en.out.contains("demandes.csv → requests: 2 rows read, 1 valid, 1 in error (UTF-8, separator ;)"), "\(en.out)")
        #expect(en.err.contains("demandes.csv:3: N° demande: request \"X1\" appears twice in this file (first on line 2)"),
                "\(en.err)")
        #expect(en.err.contains("1 error; nothing was imported. Fix the rows above, or run again with --skip-invalid"),
                "\(en.err)")
        #expect(!en.err.contains("figure deux fois") && !en.out.contains("lignes lues"))

        // LANG alone is enough for French; LC_MESSAGES before LANG.
        let lang = try EntraideCommand.run(["import", "demandes.csv"], in: dir.url,
                                           environment: ["LANG": "fr_FR.UTF-8", "LC_MESSAGES": ""])
        #expect(lang.err.contains("figure deux fois"), "\(lang.err)")
        let messages = try EntraideCommand.run(["import", "demandes.csv"], in: dir.url,
                                               environment: ["LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"])
        #expect(messages.err.contains("appears twice"), "\(messages.err)")
    }

    @Test("Usage errors (a bad month, a missing option, an unknown one) are said in French under a French locale")
    func usageErrorsInFrench() throws {
        let dir = try TempDir()
        let cases: [([String], String)] = [
            (["report", "monthly", "--month", "2026-13", "--out", "x"],
             "entraide : erreur : la valeur « 2026-13 » ne convient pas pour « --month <YYYY-MM> »"),
            (["report", "monthly", "--out", "x"], "entraide : erreur : il manque « --month <YYYY-MM> »"),
            (["indicators", "--bogus"], "entraide : erreur : option inconnue « --bogus »"),
        ]
        for (arguments, expected) in cases {
            let french = try EntraideCommand.run(arguments, in: dir.url, environment: Self.french)
            #expect(french.status == 1)
            #expect(french.err.contains(expected), "\(french.err)")
            #expect(french.err.contains("Utilisation : entraide") && !french.err.contains("Error:"), "\(french.err)")
            let english = try EntraideCommand.run(arguments, in: dir.url, environment: Self.english)
            #expect(english.status == 1 && english.err.contains("Error: ") && english.err.contains("Usage: "))
        }
    }

    @Test("A successful import's summary and its grouped warnings, in French")
    func summaryAndWarnings() throws {
        let dir = try TempDir()
        try dir.write("benevoles.csv", Exports.volunteers)
        try dir.write("demandes.csv", Exports.requests)
        let fr = try EntraideCommand.run(["import", "benevoles.csv", "demandes.csv"], in: dir.url, environment: Self.french)
        #expect(fr.status == 0, "\(fr.err)")
        #expect(fr.out.contains("Importé dans entraide.sqlite :\n"), "\(fr.out)")
        #expect(fr.out.contains("demandes.csv → demandes : 4 lignes lues, 4 importées (UTF-8, séparateur ;)"), "\(fr.out)")
        #expect(fr.out.contains("benevoles.csv → bénévoles : 3 lignes lues, 3 importées"), "\(fr.out)")
        #expect(fr.out.contains("Remarques :\n"), "\(fr.out)")
        #expect(fr.out.contains("libellés de domaine inconnus, comptés sous « autre » : « Aide administrative » (1)"),
                "\(fr.out)")
        #expect(fr.out.contains("demandes.csv : données personnelles jamais enregistrées : « Nom de l'habitant »"),
                "\(fr.out)")

        let en = try EntraideCommand.run(["import", "--dry-run", "benevoles.csv", "demandes.csv"], in: dir.url,
                                         environment: Self.english)
        #expect(en.status == 0, "\(en.err)")
        #expect(en.out.contains("Dry run: nothing was written to entraide.sqlite."), "\(en.out)")
        #expect(en.out.contains("unknown domain labels, counted under \"autre\": \"Aide administrative\" (1)"), "\(en.out)")
        let dry = try EntraideCommand.run(["import", "--dry-run", "demandes.csv"], in: dir.url, environment: Self.french)
        #expect(dry.out.contains("Essai à blanc : rien n'a été écrit dans entraide.sqlite."), "\(dry.out)")
    }

    @Test("A query refused, a report's error and a bad argument: in the user's language")
    func queryReportAndArguments() throws {
        let dir = try TempDir()
        try dir.write("benevoles.csv", Exports.volunteers)
        try dir.write("demandes.csv", Exports.requests)
        #expect(try EntraideCommand.run(["import", "benevoles.csv", "demandes.csv"], in: dir.url).status == 0)

        let queryFR = try EntraideCommand.run(["query", "DELETE FROM requests"], in: dir.url, environment: Self.french)
        #expect(queryFR.status == 1)
        #expect(queryFR.err.hasPrefix("entraide : erreur : entraide query ne fait que lire et a refusé cette instruction : "),
                "\(queryFR.err)")
        let queryEN = try EntraideCommand.run(["query", "DELETE FROM requests"], in: dir.url, environment: Self.english)
        #expect(queryEN.status == 1)
        #expect(queryEN.err.hasPrefix("entraide: error: entraide query is read-only and refused this statement: "),
                "\(queryEN.err)")
        let unknownFR = try EntraideCommand.run(["query", "SELECT :x"], in: dir.url, environment: Self.french)
        #expect(unknownFR.err.contains("paramètre manquant x ; ce SQL attend --param x=VALEUR"), "\(unknownFR.err)")

        let report = ["report", "monthly", "--month", "2026-10", "--out", "rapports", "--template", "absent.md"]
        let reportFR = try EntraideCommand.run(report, in: dir.url, environment: Self.french)
        #expect(reportFR.status == 1)
        #expect(reportFR.err == "entraide : erreur : --template absent.md : fichier introuvable\n", "\(reportFR.err)")
        let reportEN = try EntraideCommand.run(report, in: dir.url, environment: Self.english)
        #expect(reportEN.err == "entraide: error: --template absent.md: file not found\n", "\(reportEN.err)")

        let period = ["report", "funder", "--from", "2026-10", "--to", "2026-01", "--out", "rapports"]
        let periodFR = try EntraideCommand.run(period, in: dir.url, environment: Self.french)
        #expect(periodFR.err.contains("--from 2026-10 est après --to 2026-01 ; donnez d'abord le premier mois"),
                "\(periodFR.err)")

        // validate()'s errors, through ArgumentParser (whose own usage text stays English).
        let both = ["import", "--dry-run", "--skip-invalid", "demandes.csv"]
        let bothFR = try EntraideCommand.run(both, in: dir.url, environment: Self.french)
        #expect(bothFR.status == 1)
        #expect(bothFR.err.contains("--dry-run et --skip-invalid ne peuvent pas être utilisés ensemble"), "\(bothFR.err)")
        let bothEN = try EntraideCommand.run(both, in: dir.url, environment: Self.english)
        #expect(bothEN.err.contains("--dry-run and --skip-invalid cannot be used together"), "\(bothEN.err)")

        let noDatabase = try EntraideCommand.run(["indicators", "--db", "absent.sqlite", "--month", "2026-10"],
                                                 in: dir.url, environment: Self.french)
        #expect(noDatabase.err.contains("absent.sqlite : pas de base ici ; lancez d'abord `entraide import FICHIER…`"),
                "\(noDatabase.err)")
    }

    @Test("demo's first lines in French, then in English")
    func demo() throws {
        let dir = try TempDir()
        let fr = try EntraideCommand.run(["demo", "--out", "demo-fr"], in: dir.url, environment: Self.french)
        #expect(fr.status == 0, "\(fr.err)")
        let lines = fr.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Dossier de démonstration : ") == true, "\(fr.out)")
        #expect(lines.count > 3 && lines[1].hasPrefix("  1/3 export fictif écrit : ") && lines[2].hasPrefix("  2/3 importé dans "),
                "\(fr.out)")
        #expect(fr.out.contains("\nÀ ouvrir :\n") && fr.out.contains("\nPour continuer :\n"), "\(fr.out)")

        let en = try EntraideCommand.run(["demo", "--out", "demo-en"], in: dir.url, environment: Self.english)
        #expect(en.status == 0, "\(en.err)")
        #expect(en.out.hasPrefix("Demo folder: "), "\(en.out)")
        #expect(en.out.contains("\n  1/3 wrote a synthetic export of ") && en.out.contains("\nOpen:\n"), "\(en.out)")
        #expect(!en.out.contains("Dossier"))
    }

    // MARK: - The texts themselves

    @Test("--skip-invalid is suggested only when it would import something")
    func skipInvalidAdvice() throws {
        let f = try ImportFixture()
        let some = try f.run([try f.dir.write("demandes.csv", Self.duplicateRequest)])
        #expect(ImportSummaryText.renderErrors(some).contains("--skip-invalid"))
        #expect(ImportSummaryText.renderErrors(some, language: .fr).contains("--skip-invalid"))

        // Every row is in error: --skip-invalid would import nothing.
        let none = try f.run([try f.dir.write("demandes-vides.csv", "N° demande;Date d'appel;Type de service\nX1;03/10/2026;\n")])
        #expect(none.errorCount == 1)
        let en = ImportSummaryText.renderErrors(none)
        #expect(!en.contains("--skip-invalid"), "\(en)")
        #expect(en.contains("1 error; nothing was imported. Fix the rows above and run the import again."), "\(en)")
        let fr = ImportSummaryText.renderErrors(none, language: .fr)
        #expect(!fr.contains("--skip-invalid"), "\(fr)")
        #expect(fr.contains("Type de service: valeur obligatoire manquante : remplissez cette cellule"), "\(fr)")
        #expect(fr.contains("1 erreur ; rien n'a été importé. Corrigez les lignes ci-dessus dans le tableau puis relancez"),
                "\(fr)")
    }

    @Test("Row errors and warnings carry both texts, personal data masked in both")
    func rowMessagesInBothLanguages() throws {
        let f = try ImportFixture()
        let requests = "N° demande;Date d'appel;Type de service;Bénévole\nX1;03/10/2026;Courses;06 12 34 56 78\n"
        let s = try f.run([try f.dir.write("demandes.csv", requests)])
        let issue = try #require(s.errors.first)
        #expect(issue.message == "unknown volunteer \"06 •• •• •• 78\" (not in the volunteers file nor in the database)")
        #expect(issue.text.fr == "bénévole inconnu « 06 •• •• •• 78 » (ni dans le fichier des bénévoles ni dans la base) ; "
                + "vérifiez l'identifiant, ou importez aussi le fichier des bénévoles")
        #expect(issue.description(.fr).hasSuffix("demandes.csv:2: Bénévole: " + issue.text.fr))

        // A departure before the arrival: a warning whose example is told in French too.
        let volunteers = "N° bénévole;Date d'inscription;Date de départ\nB1;01/09/2026;01/03/2026\n"
        let w = try f.run([try f.dir.write("benevoles.csv", volunteers)])
        let example = try #require(w.warnings.inconsistentExamples.first)
        #expect(example.text.fr == "le départ (2026-03-01) est avant l'arrivée (2026-09-01) ; le bénévole n'est pas "
                + "compté parmi les inscrits")
        let notes = ImportSummaryText.render(w, database: "entraide.sqlite", language: .fr)
        #expect(notes.contains("1 date incohérente, importée mais laissée hors des statistiques qu'elle fausserait, "
                               + "par exemple :\n      "), "\(notes)")
        #expect(notes.contains("benevoles.csv:2: Date de départ: le départ (2026-03-01)"), "\(notes)")
        #expect(notes.contains("benevoles.csv → bénévoles : 1 ligne lue, 1 importée (UTF-8, séparateur ;)"), "\(notes)")
    }

    @Test("Errors of the settings, the database and the outputs say it in French too")
    func userErrorsInBothLanguages() throws {
        do {
            _ = try Settings.parse(toml: "wait_alert_days = 0\n", file: "entraide.toml")
            Issue.record("a wait of 0 days was accepted")
        } catch let error as UserError {
            #expect(error.message == "entraide.toml: setting `wait_alert_days`: expected a whole number of days from 1 to 365 (got 0)")
            #expect(error.message(.fr)
                == "entraide.toml : réglage `wait_alert_days` : attendu : un nombre entier de jours de 1 à 365 (valeur lue : 0)")
        }
        do {
            try Month.checkPeriod(from: Month(year: 2000, month: 1), to: Month(year: 2030, month: 12))
            Issue.record("a period of 31 years was accepted")
        } catch let error as UserError {
            #expect(error.message(.fr).hasPrefix("la période de 2000-01 à 2030-12 couvre 372 mois ; une période peut couvrir au plus 240 mois"))
        }
        let full = FileSystemError(.write, "rapports/x.xlsx", code: ENOSPC).userError
        #expect(full.message.hasPrefix("cannot write rapports/x.xlsx: "))
        #expect(full.message(.fr).hasPrefix("impossible d'écrire rapports/x.xlsx : "))
        #expect(full.message(.fr).hasSuffix("le disque est plein ou le fichier dépasse la taille permise : libérez de la "
                                            + "place ou écrivez ailleurs, et relancez la commande"))
        let busy = DatabaseFailure.busy("entraide.sqlite")
        #expect(busy.message(.fr) == "entraide.sqlite : une autre commande entraide utilise cette base ; "
                + "relancez quand elle aura fini")
    }
}

/// The workbook readers' errors (damaged, hostile or too large workbooks) in French too.
extension MessagesTests {
    /// The error opening `path` and reading its sheet `demandes` ends with.
    static func workbookError(_ path: String) throws -> UserError {
        do {
            _ = try HostileWorkbook.cells(path)
        } catch let error as UserError {
            return error
        }
        throw ExpectationFailure("\(path) was read without an error")
    }

    struct ExpectationFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test("A damaged workbook, a cell too long, a part too large and an empty required cell: said in French too")
    func workbookErrorsInFrench() throws {
        let dir = try TempDir()
        // Not a zip archive past its first bytes.
        let damaged = dir.path("abime.xlsx")
        try (Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 0x41, count: 200)).write(to: URL(fileURLWithPath: damaged))
        let notZip = try MessagesTests.workbookError(damaged)
        #expect(notZip.message == "\(damaged): the workbook is damaged (it cannot be read as a zip archive)")
        #expect(notZip.text.fr == "\(damaged) : le classeur est abîmé (il ne peut pas être lu comme une archive zip) ; "
                + "enregistrez de nouveau le classeur depuis le tableur, ou exportez la feuille en CSV")

        // A sheet whose XML stops in the middle of row 3.
        let cut = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\">" + HostileWorkbook.inline("A2", "X1") + "</row>"
                                           + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>X2</t></c>", name: "coupe.xlsx")
        let xml = try MessagesTests.workbookError(cut)
        #expect(xml.message.hasPrefix("\(cut)[demandes]:3: the workbook is damaged (the sheet's XML cannot be read "
                                      + "from this row on; XML error "), "\(xml.message)")
        #expect(xml.text.fr.hasPrefix("\(cut)[demandes]:3 : le classeur est abîmé (le XML de la feuille ne peut pas être "
                                      + "lu à partir de cette ligne ; erreur XML "), "\(xml.text.fr)")
        #expect(xml.text.fr.hasSuffix(") ; ouvrez-le dans le tableur et enregistrez-le de nouveau"), "\(xml.text.fr)")

        // A cell of 32 768 characters.
        let long = try HostileWorkbook.xlsx(dir, rows: "<row r=\"2\">" + HostileWorkbook.inline("B2", String(repeating: "é", count: 32_768))
                                            + "</row>", name: "long.xlsx")
        let tooLong = try MessagesTests.workbookError(long)
        #expect(tooLong.message == "\(long)[demandes]:2: column B: the cell holds more than 32767 characters, "
                + "Excel's limit for a cell; shorten it")
        #expect(tooLong.text.fr == "\(long)[demandes]:2 : colonne B : la cellule contient plus de 32767 caractères, "
                + "la limite d'Excel pour une cellule ; raccourcissez-la")

        // A part that unpacks past its cap (2 MiB of spaces in a sheet, read with a 1 MiB cap).
        let bomb = dir.path("bombe.xlsx")
        let size = 2 << 20
        let archive = try Archive(url: URL(fileURLWithPath: bomb), accessMode: .create)
        let head = Data("<?xml version=\"1.0\"?><worksheet><sheetData>".utf8)
        try archive.addEntry(with: "sheet.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) {
            position, count in
            position == 0 ? head + Data(repeating: 0x20, count: count - head.count) : Data(repeating: 0x20, count: count)
        }
        let entry = try #require(archive["sheet.xml"])
        let large: UserError
        do {
            _ = try SpreadsheetFile.extract(archive, entry, path: "\(bomb)[demandes]", limit: 1 << 20)
            Issue.record("a part of 2 MiB was read with a cap of 1 MiB")
            return
        } catch let error as UserError {
            large = error
        }
        #expect(large.message.hasPrefix("\(bomb)[demandes]: the workbook's part sheet.xml unpacks to more than 1 MiB"))
        #expect(large.text.fr == "\(bomb)[demandes] : la partie sheet.xml du classeur se décompresse en plus de 1 Mio, "
                + "plus que tout classeur que cet outil lit (un fichier abîmé ou une « bombe zip ») ; enregistrez de "
                + "nouveau le classeur depuis le tableur, ou exportez la feuille en CSV")

        // A request without its number: the same words as every empty required cell.
        let f = try ImportFixture()
        let requests = "N° demande;Date d'appel;Type de service\n;03/10/2026;Courses\n"
        let s = try f.run([try f.dir.write("demandes.csv", requests)])
        let missing = try #require(s.errors.first)
        #expect(missing.message == "required value missing")
        #expect(missing.text.fr == "valeur obligatoire manquante : remplissez cette cellule")
        #expect(missing.description(.fr).hasSuffix("demandes.csv:2: N° demande: valeur obligatoire manquante : "
                                                   + "remplissez cette cellule"))
    }
}
