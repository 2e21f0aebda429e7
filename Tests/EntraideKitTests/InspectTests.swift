import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit

/// `entraide inspect` (docs/FORMAT.md, "Inspecting a file"): the reading of each fixture of
/// `Fixtures/layouts/` as the import reads it, without writing anything, and without showing
/// personal data.
@Suite struct InspectTests {
    static func inspect(_ paths: [String], _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> Inspection {
        var options = ImportOptions()
        configure(&options)
        return try Inspection.run(files: paths, options: options, settings: Settings(), databasePath: nil)
    }

    /// The dates a text shows as read (`→ 2026-10-01 09:05`).
    static func shownTimes(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "→ (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d)")
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    /// Every importing fixture: each file or sheet has a table and a header, and every call time the
    /// inspection shows (the received_at column's first values, read with the order chosen) is one of
    /// the fixture's expected calls, minute for minute; nothing unreadable; no name or phone shown.
    @Test(arguments: LayoutFixtures.importing.filter { $0 != "locale-anglaise" })
    func theReadingOfEachFixtureIsTheImportsOwn(folder: String) throws {
        let expected = try LayoutFixtures.expectation(folder)
        let calls = Set(expected.requests.map { String($0.receivedAt.prefix(16)).replacingOccurrences(of: "T", with: " ") })
        for files in expected.imports {
            let inspection = try Self.inspect(LayoutFixtures.paths(folder, files)) {
                $0.dateOrder = (expected.arguments ?? []).contains("mdy") ? .monthFirst : nil
            }
            #expect(!inspection.hasUnreadableFile, "\(folder) \(files)")
            for reading in inspection.readings where !reading.isIgnored {
                #expect(reading.table != nil && reading.headerLine != nil && reading.problem == nil, "\(reading.location)")
            }
            let trial = try #require(inspection.trial)
            #expect(trial.errorCount == 0, "\(folder) \(files): \(trial.errors)")
            for language in Language.allCases {
                let text = inspection.text(language)
                let requests = inspection.readings.filter { $0.table == .requests }
                    .map { reading in text.components(separatedBy: "\n\n").first { $0.hasPrefix(reading.location + " →") } ?? "" }
                    .joined(separator: "\n")
                let received = requests.split(separator: "\n").filter { $0.contains("→ received_at") }.joined(separator: "\n")
                let shown = Self.shownTimes(received)
                #expect(!shown.isEmpty, "\(folder) \(files)")
                for time in shown {
                    #expect(calls.contains(time), "\(folder) \(files): \(time) is no call of the fixture\n\(received)")
                }
                for secret in ["06 39 98", "0639", "@", "Jeanne", "Dupont"] {
                    #expect(!text.contains(secret), "\(folder): \(secret) shown\n\(text)")
                }
            }
        }
    }

    @Test func theEverythingWorkbookSheetBySheet() throws {
        let inspection = try Self.inspect(LayoutFixtures.paths("tout", ["tout.xlsx"]))
        let text = inspection.text(.fr)
        let readable = inspection.readings.filter { !$0.isIgnored }
        #expect(readable.count >= 4, "\(text)")
        #expect(readable.contains { $0.table == .volunteers })
        // The month sheets are requests, told by their header rows, which lie below titles and a group row.
        let months = readable.filter { $0.table == .requests && $0.recognisedByHeader }
        #expect(months.count >= 2, "\(text)")
        for sheet in months {
            #expect((sheet.headerLine ?? 0) > 1 && !sheet.skippedLines.isEmpty, "\(sheet.location)")
            #expect(text.contains("\(sheet.location) → demandes (reconnue d'après sa ligne d'en-tête)"), "\(text)")
            // The separate time column is the call's time; the names are personal data, never shown.
            let section = text.components(separatedBy: "\n\n").first { $0.hasPrefix(sheet.location + " →") } ?? ""
            #expect(section.contains("→ heure de « "), "\(section)")
            #expect(section.contains("donnée personnelle : sert seulement au pseudonyme de l'habitant, jamais enregistrée"),
                    "\(section)")
        }
        #expect(text.contains("À l'essai (importation à blanc dans une base vide) :"))
        #expect(inspection.trial?.committed == false)
    }

    @Test func aMonthFirstColumnIsShownMonthFirst() throws {
        let path = LayoutFixtures.paths("mois-jour", ["demandes.csv"])
        let inspection = try Self.inspect(path)
        #expect(inspection.text(.en).contains("→ received_at (Date d'appel), read month/day/year"), "\(inspection.text(.en))")
        #expect(inspection.text(.fr).contains("lue mois/jour/année"))
        // --date-order decides.
        let forced = try Self.inspect(path) { $0.dateOrder = .dayFirst }
        #expect(forced.text(.en).contains("read day/month/year"))
        #expect(forced.trial?.errorCount ?? 0 > 0)
    }

    @Test func aFileThatCannotBeReadIsSaidAndFailsTheInspection() throws {
        // The French CSV saved as XLSX with an English locale: its date column is refused, with both readings.
        let refused = try Self.inspect(LayoutFixtures.paths("locale-anglaise", ["demandes.xlsx"]))
        #expect(refused.hasUnreadableFile)
        let text = refused.text(.fr)
        #expect(text.contains("Erreurs que l'importation signalerait :"), "\(text)")
        #expect(text.contains("jour") && text.contains("mois"), "\(text)")

        // No header at all: the reading says why.
        let dir = try TempDir()
        let csv = try dir.write("demandes.csv", "D1;03/10/2026;Courses\nD2;04/10/2026;Écoute\n")
        let none = try Self.inspect([csv])
        #expect(none.hasUnreadableFile && none.readings[0].problem != nil)
        #expect(none.text(.en).contains("No header row was found above the data"), "\(none.text(.en))")
        #expect(none.trial?.unreadableCount == 1)
    }

    @Test func unrecognisedColumnsGetAMappingFileToPaste() throws {
        let dir = try TempDir()
        let csv = try dir.write("demandes.csv", """
            N° demande;Date d'appel;Domaine;Qui a pris l'appel;Remarques
            D1;03/10/2026 10:00;Courses;Claire;rappeler lundi
            """ + "\n")
        let text = try Self.inspect([csv]).text(.fr)
        #expect(text.contains("un fichier de correspondance à vérifier puis à donner avec --mapping FICHIER :\n"
                              + "    [requests]\n"), "\(text)")
        #expect(text.contains("    \"Remarques\" = \"ignore\"\n"), "\(text)")
        // The values of an ignored column are never quoted (free text about people).
        #expect(!text.contains("rappeler lundi") && !text.contains("Claire"), "\(text)")
        #expect(text.contains("« Remarques »") && text.contains("ignorée (lue nulle part)"))
        #expect(text.contains("« 03/10/2026 10:00 » → 2026-10-03 10:00"), "\(text)")
    }

    @Test func theCommandWritesNothingAndSaysItInTheUsersLanguage() throws {
        let dir = try TempDir()
        try dir.write("demandes.csv", "N° demande;Date d'appel;Domaine;Téléphone de l'habitant\nD1;03/10/2026;Courses;06 12 34 56 78\n")
        try dir.write("vide.csv", "")
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
        let fr = try EntraideCommand.run(["inspect", "demandes.csv"], in: dir.url, environment: EntraideCommand.french)
        #expect(fr.status == 0, "\(fr.err)")
        #expect(fr.out.contains("demandes.csv → demandes\n  encodage UTF-8, séparateur « ; »\n  en-tête ligne 1\n"), "\(fr.out)")
        #expect(fr.out.contains("donnée personnelle") && !fr.out.contains("56 78") && !fr.out.contains("34"), "\(fr.out)")
        let en = try EntraideCommand.run(["inspect", "demandes.csv", "vide.csv"], in: dir.url,
                                         environment: EntraideCommand.english)
        #expect(en.status == 1, "\(en.out)\(en.err)")
        #expect(en.out.contains("demandes.csv → requests\n  encoding UTF-8, separator \";\"\n  header on line 1\n"), "\(en.out)")
        #expect(en.out.contains("vide.csv"), "\(en.out)")
        // No database, key or rejects file appeared.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == before)
    }

    @Test func aFolderGivenAsAFileIsSaidAsSuch() throws {
        let dir = try TempDir()
        for run in [{ _ = try Importer.plan(files: [dir.url.path], table: nil) },
                    { _ = try Self.inspect([dir.url.path]) }] as [() throws -> Void] {
            let error = #expect(throws: UserError.self) { try run() }
            #expect(error?.kind == .badArgument)
            #expect(error?.message == "\(dir.url.path) is a folder, not a file: give the files inside it (e.g. \(dir.url.path)/*.csv)")
            #expect(error?.text.fr.contains("est un dossier, pas un fichier") == true)
        }
    }
}
