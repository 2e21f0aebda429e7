import Foundation
import SharedTestSupport
import Testing
import XlsxWriter
@testable import EntraideKit

/// Spreadsheets as people keep them (docs/FORMAT.md, "Spreadsheets as people keep them"): title
/// rows above the header, two-row headers, total rows, one sheet per month, UTF-16 text,
/// Paheko's member export, mapping targets, and the messages when nothing can be read.
enum LayoutBook {
    /// A workbook written with the project's libxlsxwriter wrapper: each sheet a list of rows of
    /// cells (text; "" for none), with `merges` (sheet, first row, first col, last row, last col,
    /// text) written over them.
    static func xlsx(_ path: String, _ sheets: [(String, [[String]])],
                     merges: [(String, Int, Int, Int, Int, String)] = []) throws -> String {
        let book = try XlsxWriter.Workbook(path: path)
        for (name, rows) in sheets {
            let sheet = try book.addWorksheet(name)
            for (r, row) in rows.enumerated() {
                for (c, cell) in row.enumerated() where !cell.isEmpty {
                    if merges.contains(where: { $0.0 == name && $0.1 == r && $0.2 == c }) { continue }
                    if cell.hasPrefix("="), let n = Double(cell.dropFirst()) {
                        try sheet.writeNumber(row: r, col: c, n)
                    } else {
                        try sheet.writeString(row: r, col: c, cell)
                    }
                }
            }
            for m in merges where m.0 == name {
                try sheet.mergeRange(firstRow: m.1, firstCol: m.2, lastRow: m.3, lastCol: m.4, text: m.5)
            }
        }
        try book.close()
        return path
    }

    static let volunteers: [[String]] = [
        ["N° bénévole", "Date d'inscription", "Association"],
        ["B1", "01/09/2025", "Centre social"],
        ["B2", "15/01/2026", "AFEV"],
    ]

    static func month(_ prefix: String, day: Int) -> [[String]] {
        [["N° demande", "Date d'appel", "Domaine", "Bénévole", "Statut"],
         ["\(prefix)1", "0\(day)/10/2026 09:30", "Courses", "B1", "Réalisée"],
         ["\(prefix)2", "0\(day)/10/2026 10:00", "Écoute", "", ""]]
    }
}

@Suite struct LayoutTests {
    // MARK: Header row

    @Test func titleRowsAndABlankRowAboveTheHeaderAreSkippedAndNamed() throws {
        let f = try ImportFixture()
        let csv = try f.dir.write("demandes.csv", """
            Réseau Entraide Nord, quartier des Tilleuls
            Export du 07/10/2026;;;

            N° demande;Date d'appel;Domaine;Statut
            D1;03/10/2026 14:05;Courses;Réalisée
            D2;04/10/2026 09:00;Écoute;

            """)
        let s = try f.run([csv])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(s.files[0].delimiter == ";")  // the title's comma does not decide the separator
        #expect(s.files[0].headerLine == 4)
        #expect(s.files[0].skippedLines == [1, 2])
        #expect(s.files[0].rowsRead == 2)
        #expect(try f.value("SELECT received_at FROM requests WHERE request_id = 'D1'") == "2026-10-03T14:05:00+02:00")
        #expect(try f.value("SELECT status FROM requests WHERE request_id = 'D1'") == "done")
        #expect(s.files[0].layoutNotes == [Localized(fr: "en-tête lu ligne 4 ; lignes 1, 2 au-dessus ignorées",
                                                     en: "header read on line 4; lines 1, 2 above it skipped")])
        #expect(ImportSummaryText.render(s, database: "db").contains("\(csv): header read on line 4; lines 1, 2 above it skipped"))
    }

    @Test func aTwoRowHeaderIsReadFromItsLowerRowWithTheCellsAboveFillingTheGaps() throws {
        let f = try ImportFixture()
        // "Demande" merged over A1:C1, "Suivi bénévole" over D1:E1; "Statut" merged over F1:F2.
        let path = try LayoutBook.xlsx(f.dir.path("suivi.xlsx"), [
            ("Bénévoles", LayoutBook.volunteers),
            ("Demandes", [
                ["Demande", "", "", "Suivi bénévole", "", "Statut"],
                ["N° demande", "Date d'appel", "Type de service", "Bénévole", "Réalisé le", ""],
                ["D1", "03/10/2026 14:05", "Courses", "B1", "04/10/2026 10:00", "Annulée"],
                ["D2", "05/10/2026 08:00", "Écoute", "", "", ""],
            ]),
        ], merges: [("Demandes", 0, 0, 0, 2, "Demande"), ("Demandes", 0, 3, 0, 4, "Suivi bénévole"),
                    ("Demandes", 0, 5, 1, 5, "Statut")])
        let s = try f.run([path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        let requests = try #require(s.files.first { $0.table == .requests })
        #expect(requests.headerLine == 2 && requests.groupHeaderLine == 1 && requests.skippedLines.isEmpty)
        #expect(try f.value("SELECT status FROM requests WHERE request_id = 'D1'") == "cancelled")
        #expect(try f.value("SELECT done_at FROM assignments WHERE request_id = 'D1'") == "2026-10-04T10:00:00+02:00")
        #expect(requests.layoutNotes.map(\.en) == [
            "header read on line 2 (a two-row header: its empty cells take the text of line 1)"])
        #expect(requests.layoutNotes.map(\.fr) == [
            "en-tête lu ligne 2 (en-tête sur deux lignes : les cellules vides prennent le texte de la ligne 1)"])
        // inspect's reading of the same sheet: the same header, each column's role.
        let readings = try HeaderReading.inspect(files: [path], table: nil, mapping: HeaderMapping())
        let r = try #require(readings.first { $0.sheet == "Demandes" })
        #expect(r.table == .requests && r.headerLine == 2 && r.groupHeaderLine == 1 && r.problem == nil)
        #expect(r.columns.map(\.header) == ["N° demande", "Date d'appel", "Type de service", "Bénévole", "Réalisé le", "Statut"])
        #expect(r.columns.map(\.role) == [.column(.requestID), .column(.receivedAt), .column(.domain),
                                          .column(.volunteerID), .column(.doneAt), .column(.status)])
        #expect(r.sampleRows.count == 2)
    }

    @Test func aHeaderBeyondTheFirstFifteenRowsIsNotLookedFor() throws {
        let f = try ImportFixture()
        let notes = (1...15).map { "note \($0);" }.joined(separator: "\n")
        let csv = try f.dir.write("demandes.csv", notes + "\nN° demande;Date d'appel;Domaine\nD1;03/10/2026;Courses\n")
        let s = try f.run([csv]) { $0.skipInvalid = true }
        #expect(!s.committed && s.failed && s.unreadableCount == 1)
        #expect(s.errors.map(\.column) == ["N° demande", "Date d'appel", "Domaine"])
    }

    // MARK: Total rows

    @Test func totalRowsAreSkippedWithANote() throws {
        let f = try ImportFixture()
        let path = try LayoutBook.xlsx(f.dir.path("demandes.xlsx"), [("Demandes", [
            ["N° demande", "Date d'appel", "Domaine", "Heures", "Bénévole"],
            ["D1", "03/10/2026 14:05", "Courses", "=1.5", ""],
            ["Sous-total :", "", "", "=1.5", ""],
            ["D2", "04/10/2026 09:00", "Écoute", "=2", ""],
            ["", "TOTAUX", "", "=3.5", "2"],
            ["Total", "", "", "=3.5", ""],
        ])])
        let s = try f.run([path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(s.files[0].totalLines == [3, 5, 6] && s.files[0].rowsRead == 2)
        #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 2)
        #expect(s.files[0].layoutNotes == [Localized(
            fr: "lignes de total 3, 5, 6 ignorées (leurs cellules ne sont pas des données)",
            en: "total rows 3, 5, 6 skipped (their cells are not data)")])
        // Other words are data: "Total octobre" is an id like any other.
        for word in ["Total", "total:", "TOTAL :", "Sous-total", "sous total", "SOUS-TOTAL", "Totaux", "Total général"] {
            #expect(TotalRow.matches(BufferedRecord(row: try Self.row([word, "", "3"]))), "\(word)")
        }
        for word in ["Total octobre", "T1", "Sortie", "Totalité", "S0001"] {
            #expect(!TotalRow.matches(BufferedRecord(row: try Self.row([word, "", "3"]))), "\(word)")
        }
    }

    static func row(_ cells: [String]) throws -> BufferedRow {
        let cellRow = CellRow()
        for (i, c) in cells.enumerated() { cellRow.set(i, c) }
        return BufferedRow(SheetRecord(row: cellRow, line: 1), afterBlank: false)
    }

    // MARK: Sheets

    @Test func monthSheetsAreRecognisedByTheirHeaderAndImportedTogether() throws {
        let f = try ImportFixture()
        let path = try LayoutBook.xlsx(f.dir.path("suivi-2026.xlsx"), [
            ("Septembre", LayoutBook.month("S", day: 1)),
            ("Bénévoles", LayoutBook.volunteers),
            ("Octobre", LayoutBook.month("O", day: 2)),
            ("Février 2026", LayoutBook.month("F", day: 3)),
            ("2026-03", LayoutBook.month("M", day: 4)),
            ("Notes", [["Export du 07/10/2026"], [""], ["Appeler Mme X le lundi"]]),
            ("Vide", []),
        ])
        let s = try f.run([path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(s.files.map(\.sheet) == ["Bénévoles", "Septembre", "Octobre", "Février 2026", "2026-03"])
        #expect(s.files.map(\.recognisedByHeader) == [false, true, true, true, true])
        #expect(s.imported(.requests) == 8 && s.imported(.volunteers) == 2)
        #expect(try f.value("SELECT count(*) FROM assignments", as: Int.self) == 4)
        #expect(s.ignoredSheets == ["\(path)[Notes]", "\(path)[Vide]"])
        #expect(s.files[1].layoutNotes == [Localized(
            fr: "la feuille est importée comme table des demandes d'après sa ligne d'en-tête (son nom n'est pas celui d'une table)",
            en: "sheet imported as requests, from its header row (its name is no table)")])
    }

    @Test func aSheetWithATableOfNoKnownKindIsAnErrorThatNamesIt() throws {
        let f = try ImportFixture()
        let path = try LayoutBook.xlsx(f.dir.path("suivi.xlsx"), [
            ("Bénévoles", LayoutBook.volunteers),
            ("Octobre", [["N°", "Date de l'appel", "Type de demande", "Statut"],
                         ["O1", "02/10/2026 09:30", "Courses", "Réalisée"]]),
        ])
        let error = #expect(throws: UserError.self) { try f.run([path]) { $0.skipInvalid = true } }
        let en = try #require(error?.text.en), fr = try #require(error?.text.fr)
        let expected1: String = "\(path)[Octobre]: none of the first 15 rows of this sheet is a header with the required "
            + "columns of a table (volunteers: N° bénévole, Date d'inscription; requests: N° demande, Date d'appel, "
            + "Domaine; assignments: N° demande, N° bénévole), so nothing can be read from it. Correct its header row, "
            + "name the sheet after its table (Bénévoles, Demandes, Interventions) to learn which column is missing, "
            + "or, if it holds nothing to import (a summary, notes), remove it from the workbook you import."
        #expect(en.hasPrefix(expected1), "\(en)")
        let expected2: String = "\(path)[Octobre] : aucune des 15 premières lignes de la feuille n'est un en-tête avec "
            + "les colonnes obligatoires d'une table"
        #expect(fr.hasPrefix(expected2), "\(fr)")
        // The table it comes nearest to, and its missing columns with their nearest headers.
        let expected3: String = "\n  \(path)[Octobre]:1: Date d'appel: required column missing. The header (line 1) has: "
            + "\"N°\", \"Date de l'appel\", \"Type de demande\", \"Statut\". The nearest is \"Date de l'appel\": "
            + "rename it \"Date d'appel\" in the spreadsheet, or put this line in a mapping file given with --mapping: "
            + "\"Date de l'appel\" = \"received_at\""
        #expect(en.contains(expected3), "\(en)")
        #expect(en.contains("The nearest is \"N°\"") && en.contains("The nearest is \"Type de demande\""), "\(en)")
        #expect(try f.value("SELECT count(*) FROM volunteers", as: Int.self) == 0)
    }

    /// `mise-en-page.xlsx|ods` (`Fixtures/workbooks/make_layout_fixtures.py`, saved by LibreOffice): title
    /// rows, two-row headers, month sheets, total rows of formulas, date cells and text dates, a notes sheet.
    @Test func aLibreOfficeWorkbookAsCoordinatorsKeepItImportsCellByCell() throws {
        var contents: [[String]] = []
        let reference = try ImportFixture()
        for ext in ["xlsx", "ods"] {
            let f = try ImportFixture()
            if ext != "xlsx" { try f.sharePseudonymKey(with: reference) }
            let fx = ext == "xlsx" ? reference : f
            let path = WorkbookFixtures.path("mise-en-page.\(ext)")
            let s = try fx.run([path])
            #expect(s.committed && s.errorCount == 0, "\(ext): \(s.errors)")
            #expect(s.files.map(\.sheet) == ["Bénévoles", "Septembre", "Octobre 2026"], "\(ext)")
            #expect(s.files.map(\.headerLine) == [3, 4, 4] && s.files.map(\.groupHeaderLine) == [nil, 3, 3], "\(ext)")
            #expect(s.files.map(\.skippedLines) == [[1], [1], [1]] && s.files.map(\.totalLines) == [[], [8], [7]], "\(ext)")
            #expect(s.ignoredSheets == ["\(path)[Lisez-moi]"])
            #expect(s.imported(.volunteers) == 3 && s.imported(.requests) == 5)
            func v(_ sql: String) throws -> String? { try fx.value(sql) }
            #expect(try v("SELECT joined_on || '|' || ifnull(association, '') || '|' || ifnull(domains, '') FROM volunteers "
                + "WHERE volunteer_id = 'B2'") == "2026-01-15|AFEV|ecoute")
            let expected: [(String, String, String, String)] = [
                ("S1", "2026-09-03T14:05:00+02:00", "courses", "done"),
                ("S2", "2026-09-05T09:30:00+02:00", "ecoute", "open"),
                ("S3", "2026-09-12T16:45:00+02:00", "coup_de_main", "matched"),
                ("O1", "2026-10-01T08:15:00+02:00", "courses", "done"),
                ("O2", "2026-10-02T11:00:00+02:00", "courses", "cancelled"),
            ]
            for (id, received, domain, status) in expected {
                #expect(try v("SELECT received_at || '|' || domain || '|' || status FROM requests WHERE request_id = '\(id)'")
                    == "\(received)|\(domain)|\(status)", "\(ext) \(id)")
            }
            #expect(try v("SELECT done_at || '|' || hours FROM assignments WHERE request_id = 'S1' AND volunteer_id = 'B1'")
                == "2026-09-04T10:00:00+02:00|1.5")
            #expect(try v("SELECT done_at || '|' || hours FROM assignments WHERE request_id = 'O1' AND volunteer_id = 'B3'")
                == "2026-10-01T17:00:00+02:00|2.0")
            #expect(try fx.value("SELECT count(*) FROM assignments", as: Int.self) == 3)
            contents.append(try fx.contents())
        }
        #expect(contents[0] == contents[1])
    }

    @Test func aHeaderThatFitsTwoTablesOrAWorkbookWithoutATableIsRefused() throws {
        let f = try ImportFixture()
        let both = try LayoutBook.xlsx(f.dir.path("tout.xlsx"), [("Feuil1", [
            ["N° bénévole", "Date d'inscription", "N° demande", "Date d'appel", "Domaine"],
            ["B1", "01/09/2025", "D1", "03/10/2026", "Courses"]]), ("Feuil2", [])])
        let error = #expect(throws: UserError.self) { try f.run([both]) }
        #expect(error?.message == "\(both)[Feuil1]: the sheet's header fits several tables (volunteers, requests); "
            + "rename the sheet after its table (Bénévoles, Demandes, Interventions)")
        #expect(error?.text.fr == "\(both)[Feuil1] : l'en-tête de la feuille convient à plusieurs tables (bénévoles, "
            + "demandes) ; renommez la feuille d'après sa table (Bénévoles, Demandes, Interventions)")

        let empty = try LayoutBook.xlsx(f.dir.path("vide.xlsx"), [("Feuil1", []), ("Notes", [["À remplir"]])])
        let none = #expect(throws: UserError.self) { try f.run([empty]) }
        #expect(none?.message == "\(empty): no sheet of this workbook holds a table to import (sheets: \"Feuil1\", "
            + "\"Notes\"); put the data under a header row (N° demande, Date d'appel, Domaine…), or pass --table for a "
            + "single-sheet workbook")
        #expect(none?.text.fr == "\(empty) : aucune feuille de ce classeur ne contient de tableau à importer (feuilles : "
            + "« Feuil1 », « Notes ») ; mettez les données sous une ligne d'en-tête (N° demande, Date d'appel, "
            + "Domaine…), ou donnez --table pour un classeur d'une seule feuille")
    }

    /// The `Septembre` sheet of `mise-en-page.xlsx` as a CSV file (title, blank row, two-row header,
    /// total row): the same rows in the database.
    @Test func theSameLayoutAsCSVGivesTheSameRows() throws {
        let book = try ImportFixture()
        #expect(try book.run([WorkbookFixtures.path("mise-en-page.xlsx")]).committed)
        let f = try ImportFixture()
        try f.sharePseudonymKey(with: book)
        let v = try f.dir.write("benevoles.csv", """
            Réseau Entraide Nord — bénévoles;;;

            N° bénévole;Date d'inscription;Association;Services proposés
            B1;01/09/2025;Centre social;Courses
            B2;15/01/2026;AFEV;Écoute
            B3;01/02/2026;;

            """)
        let r = try f.dir.write("demandes-septembre.csv", """
            Réseau Entraide Nord — suivi des demandes, septembre;;;;;;
            ;;;;;;
            Demande;;;Suivi bénévole;;;Statut
            N° demande;Date d'appel;Type de service;Bénévole;Réalisé le;Durée;
            S1;03/09/2026 14:05;Courses;B1;04/09/2026 10:00;1,5;Réalisée
            S2;05/09/2026 09:30;Écoute;;;;En attente
            S3;12/09/2026 16:45;Bricolage;B2;;;
            Total;3;;;;1,5;

            """)
        let s = try f.run([v, r])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(s.files[1].headerLine == 4 && s.files[1].groupHeaderLine == 3 && s.files[1].skippedLines == [1])
        #expect(s.files[1].totalLines == [8])
        func rows(_ fx: ImportFixture, _ table: String) throws -> [String] {
            try fx.dump(table).filter { $0.contains("request_id=S") || table == "volunteers" }
        }
        #expect(try rows(f, "requests") == rows(book, "requests"))
        #expect(try rows(f, "assignments") == rows(book, "assignments"))
        #expect(try rows(f, "volunteers") == rows(book, "volunteers"))
    }

    // MARK: Missing columns

    @Test func aMissingColumnListsTheFilesHeadersTheNearestAndAMappingLine() throws {
        let f = try ImportFixture()
        let csv = try f.dir.write("demandes.csv", "N°;Date de l'appel;Type de demande;Statut\nD1;03/10/2026;Courses;\n")
        let s = try f.run([csv])
        #expect(!s.committed && s.errorCount == 3 && s.unreadableCount == 1)
        let byColumn = Dictionary(uniqueKeysWithValues: s.errors.map { ($0.column, $0) })
        let expected4: String = "\(csv):1: N° demande: required column missing. The header "
            + "(line 1) has: \"N°\", \"Date de l'appel\", \"Type de demande\", \"Statut\". The nearest is \"N°\": rename "
            + "it \"N° demande\" in the spreadsheet, or put this line in a mapping file given with --mapping: "
            + "\"N°\" = \"request_id\""
        #expect(byColumn["N° demande"]?.description == expected4)
        let expected5: String = "colonne obligatoire absente. L'en-tête (ligne 1) contient : « N° », "
            + "« Date de l'appel », « Type de demande », « Statut ». La plus proche est « Date de l'appel » : renommez-la "
            + "« Date d'appel » dans le tableau, ou mettez cette ligne dans un fichier de correspondance donné avec "
            + "--mapping : \"Date de l'appel\" = \"received_at\""
        #expect(byColumn["Date d'appel"]?.text.fr == expected5)
        #expect(byColumn["Domaine"]?.message.hasSuffix("\"Type de demande\" = \"domain\"") == true)
        // No internal key anywhere; --skip-invalid is not suggested (it would import nothing).
        let errors = ImportSummaryText.renderErrors(s)
        #expect(!errors.contains("n_demande") && !errors.contains("date_d_appel"))
        #expect(!errors.contains("--skip-invalid"), "\(errors)")
        #expect(errors.contains("3 errors; nothing was imported. Fix the rows above and run the import again."), "\(errors)")

        // No header is close: the accepted headers, as written, and a mapping line to complete.
        let g = try ImportFixture()
        let other = try g.dir.write("demandes.csv", "N° demande;Quand;Domaine\nD1;03/10/2026;Courses\n")
        let t = try g.run([other])
        let expectedNone: String = "required column missing. The header (line 1) has: \"N° demande\", \"Quand\", "
            + "\"Domaine\". None is close to it: add a column \"Date d'appel\" (also accepted: \"Date de la demande\", "
            + "\"Reçue le\") above the data, or name the column that holds it in a mapping file given with --mapping: "
            + "\"your header\" = \"received_at\""
        #expect(t.errors.map(\.message) == [expectedNone])
        let expected6: String = "colonne obligatoire absente. L'en-tête (ligne 1) contient : « N° demande », "
            + "« Quand », « Domaine ». Aucune n'en est proche : ajoutez une colonne « Date d'appel » (également acceptés : "
            + "« Date de la demande », « Reçue le ») au-dessus des données, ou indiquez la colonne qui la contient dans un "
            + "fichier de correspondance donné avec --mapping : \"votre en-tête\" = \"received_at\""
        #expect(t.errors[0].text.fr == expected6)
    }

    @Test func aFileWithoutAHeaderRowQuotesNoneOfItsValues() throws {
        let f = try ImportFixture()
        let csv = try f.dir.write("demandes.csv", "D1;03/10/2026;Courses;Dupont;06 12 34 56 78\n")
        let s = try f.run([csv])
        #expect(s.errors.map(\.column) == ["N° demande", "Date d'appel", "Domaine"])
        let expected: String = "required column missing. No header row was found above the data (line 1 holds values, "
            + "not headers). Add a header row above the data, with a column \"Date d'appel\" (also accepted: "
            + "\"Date de la demande\", \"Reçue le\"), or name the column that holds it in a mapping file given with "
            + "--mapping: \"your header\" = \"received_at\""
        #expect(s.errors[1].message == expected)
        let expectedFr: String = "colonne obligatoire absente. Aucune ligne d'en-tête n'a été trouvée au-dessus des "
            + "données (la ligne 1 contient des valeurs, pas des en-têtes). Ajoutez au-dessus des données une ligne "
            + "d'en-tête avec une colonne « Date d'appel » (également acceptés : « Date de la demande », « Reçue le »), ou "
            + "indiquez la colonne qui la contient dans un fichier de correspondance donné avec --mapping : "
            + "\"votre en-tête\" = \"received_at\""
        #expect(s.errors[1].text.fr == expectedFr)
        for e in s.errors { #expect(!e.text.en.contains("Dupont") && !e.text.fr.contains("Dupont") && !e.text.en.contains("56 78")) }
    }

    @Test func theNearestHeaderIsByRareSharedWordsOrATypo() {
        func nearest(_ missing: [Column], _ headers: [String], _ table: TableKind = .requests) -> [Column: String] {
            NearestHeader.suggestions(missing: missing, headers: headers, table: table, mapping: HeaderMapping())
        }
        #expect(nearest([.requestID, .domain], ["Type de demande", "N°"]) == [.requestID: "N°", .domain: "Type de demande"])
        #expect(nearest([.domain], ["N° demande", "Domiane"]) == [.domain: "Domiane"])  // a typo
        #expect(nearest([.receivedAt], ["Date de l'appel téléphonique"]) == [.receivedAt: "Date de l'appel téléphonique"])
        #expect(nearest([.joinedOn], ["Date d'arrivée", "Inscription"], .volunteers) == [.joinedOn: "Inscription"])
        #expect(nearest([.receivedAt], ["Quand", "Commentaire"]).isEmpty)
        // A header that names a column already, or personal data, is never suggested.
        #expect(nearest([.residentID], ["Téléphone de l'habitant", "Statut"]).isEmpty)
    }

    @Test func skipInvalidIsSuggestedOnlyWhenItWouldImportSomething() throws {
        let f = try ImportFixture()
        let csv = try f.dir.write("demandes.csv", "N° demande;Date d'appel;Domaine\nD1;03/10/2026;Courses\nD2;hier;Courses\n")
        let s = try f.run([csv])
        #expect(s.failed && s.skipInvalidWouldImport)
        #expect(ImportSummaryText.renderErrors(s).contains("--skip-invalid"))
        let g = try ImportFixture()
        let bad = try g.dir.write("demandes.csv", "N° demande;Date d'appel;Domaine\nD2;hier;Courses\n")
        let t = try g.run([bad])
        #expect(t.failed && !t.skipInvalidWouldImport)
        #expect(!ImportSummaryText.renderErrors(t).contains("--skip-invalid"))
    }

    @Test func aFileWithNoHeaderFailsTheImportEvenWithSkipInvalid() throws {
        let f = try ImportFixture()
        let good = try f.dir.write("benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/09/2025\n")
        let bad = try f.dir.write("demandes.csv", "Numéro;Quand;Quoi\nD1;03/10/2026;Courses\n")
        let s = try f.run([good, bad]) { $0.skipInvalid = true }
        #expect(s.failed && !s.committed && s.unreadableCount == 1)
        #expect(try f.value("SELECT count(*) FROM volunteers", as: Int.self) == 0)
        #expect(ImportSummaryText.renderErrors(s).contains("nothing was imported"))
    }

    @Test func theCommandExitsWithOneWhenAFileCannotBeReadEvenWithSkipInvalid() throws {
        let dir = try TempDir()
        try dir.write("benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/09/2025\n")
        try dir.write("demandes.csv", "N°;Date de l'appel;Type de demande\nD1;03/10/2026;Courses\n")
        let r = try EntraideCommand.run(["import", "--skip-invalid", "benevoles.csv", "demandes.csv"], in: dir.url)
        #expect(r.status == 1, "\(r.out)\(r.err)")
        #expect(r.err.contains("demandes.csv:1: Date d'appel: "), "\(r.err)")
        #expect(r.err.contains("\"Date de l'appel\" = \"received_at\""), "\(r.err)")
        #expect(!r.err.contains("--skip-invalid to import"), "\(r.err)")
        // With the file named after no table and nothing recognisable, the same (before anything is created).
        try dir.write("export.csv", "Nom;Prénom\nDupont;Marie\n")
        let unknown = try EntraideCommand.run(["import", "--skip-invalid", "--db", "autre.sqlite", "export.csv"], in: dir.url)
        #expect(unknown.status == 1 && unknown.err.contains("export.csv"), "\(unknown.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("autre.sqlite")))
    }

    // MARK: Knock-on errors

    @Test func aRequestNamingAVolunteerWhoseRowWasRejectedPointsAtThatRow() throws {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/09/2025\nB7;le mardi\n")
        let r = try f.dir.write("demandes.csv", "N° demande;Date d'appel;Domaine;Bénévole\nD1;03/10/2026;Courses;B7\n")
        let a = try f.dir.write("interventions.csv", "N° demande;N° bénévole\nD1;B7\n")
        let s = try f.run([v, r, a])
        let knockOn = s.errors.filter { $0.column == "Bénévole" || $0.column == "N° bénévole" }.filter { $0.line == 2 }
        let request = try #require(s.errors.first { $0.file == r })
        let expected7: String = "volunteer \"B7\" is in the volunteers file, but its own row was rejected "
            + "(\(v):3): fix that row first, and this one will be accepted"
        #expect(request.message == expected7)
        let expected8: String = "le bénévole « B7 » figure dans le fichier des bénévoles, mais sa propre ligne a été "
            + "refusée (\(v):3) : corrigez d'abord cette ligne, celle-ci sera alors acceptée"
        #expect(request.text.fr == expected8)
        #expect(s.errors.contains { $0.file == a && $0.message.contains("its own row was rejected (\(v):3)") })
        // The assignment's request was rejected too (because of its volunteer): it points at that row.
        let expectedRequest: String = "request \"D1\" is in the requests file, but its own row was rejected (\(r):2): "
            + "fix that row first, and this one will be accepted"
        #expect(s.errors.contains { $0.file == a && $0.column == "N° demande" && $0.message == expectedRequest }, "\(s.errors)")
        let expectedRequestFr: String = "la demande « D1 » figure dans le fichier des demandes, mais sa propre ligne a été "
            + "refusée (\(r):2) : corrigez d'abord cette ligne, celle-ci sera alors acceptée"
        #expect(s.errors.contains { $0.text.fr == expectedRequestFr })
        #expect(!knockOn.isEmpty)
        // A volunteer in no file is still unknown.
        let g = try ImportFixture()
        let r2 = try g.dir.write("demandes.csv", "N° demande;Date d'appel;Domaine;Bénévole\nD1;03/10/2026;Courses;B9\n")
        #expect(try g.run([r2]).errors.first?.message.hasPrefix("unknown volunteer \"B9\"") == true)
    }

    // MARK: UTF-16

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for u in text.utf16 { bytes += bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
        return bytes
    }

    @Test func utf16TextWithAByteOrderMarkIsRead() throws {
        let text = "N° demande\tDate d'appel\tType de service\tStatut\r\nD1\t03/10/2026 14:05\tÉcoute\tRéalisée\r\n"
            + "D2\t04/10/2026 09:00\tCourses à domicile\t\r\n"
        var dumps: [[String]] = []
        for bigEndian in [false, true] {
            let f = try ImportFixture()
            let path = try f.dir.write("demandes.csv", bytes: Self.utf16(text, bigEndian: bigEndian))
            let s = try f.run([path])
            #expect(s.committed && s.errorCount == 0, "\(s.errors)")
            #expect(s.files[0].encoding == .utf16 && s.files[0].delimiter == "tab")
            #expect(try f.value("SELECT domain FROM requests WHERE request_id = 'D1'") == "ecoute")
            #expect(try f.value("SELECT domain FROM requests WHERE request_id = 'D2'") == "courses")
            #expect(try f.value("SELECT status FROM requests WHERE request_id = 'D1'") == "done")
            // The import log hashes the file's own bytes.
            let reader = try CSVReader(path: path)
            #expect(try reader.sha256Hex() == Self.sha256(path))
            dumps.append(try f.dump("requests").map { $0.replacingOccurrences(of: #"resident_key=[^|]*"#, with: "",
                                                                              options: .regularExpression) })
        }
        #expect(dumps[0] == dumps[1])
    }

    /// LibreOffice's "Texte Unicode" of `demandes.csv` (`make_layout_fixtures.py`): the same database.
    @Test func libreOfficesUnicodeTextGivesTheSameDatabaseAsItsCSV() throws {
        let utf8 = try ImportFixture()
        #expect(try utf8.run([WorkbookFixtures.path("benevoles.csv"), WorkbookFixtures.path("demandes.csv")]).committed)
        let f = try ImportFixture()
        try f.sharePseudonymKey(with: utf8)
        let s = try f.run([WorkbookFixtures.path("benevoles.csv"), WorkbookFixtures.path("demandes-unicode.csv")])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(s.files[1].encoding == .utf16 && s.files[1].delimiter == "tab")
        #expect(try f.dump("requests") == utf8.dump("requests") && f.dump("assignments") == utf8.dump("assignments"))
    }

    @Test func quotedFieldsOfATabSeparatedFileStayApart() throws {
        let dir = try TempDir()
        let path = try dir.write("t.csv", "\"N° demande\"\t\"Date d'appel\" \t\"Domaine\"\n\"D1\"\t\"03/10/2026\"\t\"Courses\"\n")
        let reader = try CSVReader(path: path)
        var rows: [[String]] = []
        try reader.forEachRecord { rec in rows.append((0..<rec.count).map { rec.string($0) }); return true }
        #expect(reader.delimiter == 0x09)
        #expect(rows == [["N° demande", "Date d'appel", "Domaine"], ["D1", "03/10/2026", "Courses"]])
    }

    static func sha256(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sha256sum", path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        p.waitUntilExit()
        return String(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64))
    }

    @Test func utf16ThatIsNotValidIsRefusedWithItsLine() throws {
        let dir = try TempDir()
        var bytes = Self.utf16("N° demande\tDate d'appel\tDomaine\r\nD1\t03/10/2026\t", bigEndian: false)
        bytes += [0x00, 0xD8, 0x41, 0x00]  // a lone high surrogate, then "A"
        let path = try dir.write("demandes.csv", bytes: bytes)
        let error = #expect(throws: UserError.self) { try CSVReader(path: path) }
        let expected9: String = "\(path):2: the file starts as UTF-16 (\"Unicode Text\") but this text is not; open it "
            + "in the spreadsheet and save it as \"CSV UTF-8\""
        #expect(error?.message == expected9)
        let expected10: String = "\(path):2 : le fichier commence comme de l'UTF-16 (« Texte Unicode ») mais ce texte "
            + "n'en est pas ; ouvrez-le dans le tableur et enregistrez-le en « CSV UTF-8 »"
        #expect(error?.text.fr == expected10)
    }

    // MARK: Mapping and Paheko

    @Test func mappingTargetsMayBeFrenchHeadersOrIgnore() throws {
        let f = try ImportFixture()
        let mappingPath = try f.dir.write("mapping.toml", """
            "Numéro d'adhérent" = "N° bénévole"
            "Arrivée" = "Date d'inscription"
            "Qui" = "Nom"
            "Date" = "ignore"
            [requests]
            "Quand" = "Date d'appel"
            "Besoin" = "Type de service"
            """ + "\n")
        let mapping = try HeaderMapping.load(path: mappingPath)
        // A header target names its column in each table: `Nom` is a volunteer's name, a resident's name.
        #expect(mapping.column(forNormalizedHeader: "qui", table: .volunteers) == .name)
        #expect(mapping.column(forNormalizedHeader: "qui", table: .requests) == .residentName)
        let v = try f.dir.write("benevoles.csv", "Numéro d'adhérent;Arrivée;Date;Qui\nB1;01/09/2025;x;Dupont\n")
        let r = try f.dir.write("demandes.csv", "N° demande;Quand;Besoin;Date\nD1;03/10/2026 14:05;Courses;x\n")
        let s = try f.run([v, r]) { $0.mapping = mapping }
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(s.files[0].ignoredHeaders == ["Date"] && s.files[0].personalHeaders == ["Qui"])
        #expect(s.files[1].ignoredHeaders == ["Date"])
        #expect(try f.value("SELECT joined_on FROM volunteers WHERE volunteer_id = 'B1'") == "2025-09-01")
        #expect(try f.value("SELECT domain FROM requests WHERE request_id = 'D1'") == "courses")

        // A target that is nothing the tool knows; a personal header sent to a stored column by its French header.
        let bad = try f.dir.write("bad.toml", "\"Quand\" = \"Date de naissance\"\n")
        let error = #expect(throws: UserError.self) { try HeaderMapping.load(path: bad) }
        #expect(error?.message.hasPrefix("\(bad): `Quand`: \"Date de naissance\" is neither a canonical column name") == true)
        #expect(error?.text.fr.hasPrefix("\(bad) : `Quand` : « Date de naissance » n'est ni un nom de colonne") == true)
        let personal = try f.dir.write("personal.toml", "[requests]\n\"Téléphone\" = \"Bénévole\"\n")
        let refused = #expect(throws: UserError.self) { try HeaderMapping.load(path: personal) }
        #expect(refused?.message.contains("\"Téléphone\" is personal data") == true)
        #expect(refused?.message.contains("cannot be mapped to volunteer_id") == true)
        let ignored = try f.dir.write("ignored.toml", "\"Téléphone\" = \"ignore\"\n")
        #expect(try HeaderMapping.load(path: ignored).target(forNormalizedHeader: "telephone", table: .requests) == .ignore)
    }

    @Test func everyAcceptedHeaderNamesOneColumnOfATable() {
        for (table, aliases) in Column.aliases {
            var seen: [String: Column] = [:]
            for (column, names) in aliases {
                for n in names {
                    #expect(seen[n] == nil, "\(table): \(n) names \(column) and \(seen[n].map { "\($0)" } ?? "")")
                    seen[n] = column
                }
            }
        }
        // The headers messages list, as written, are accepted for their column in some table.
        for column in Column.allCases {
            for header in column.acceptedHeaders {
                #expect(TableKind.allCases.contains { Column.aliases[$0]![column]?.contains(TextKey.normalize(header)) == true },
                        "\(column): \(header)")
            }
        }
    }

    static let paheko = """
        Numéro de membre,Nom & prénom,Adresse E-Mail,Adresse postale,Code postal,Ville,Téléphone,Date d'inscription,Catégorie
        1,Marie Dupont,marie@example.org,3 rue des Lilas,75011,Paris,0611223344,2025-09-01,Membres actifs
        2,Paul Martin,,,75012,Paris,,2026-01-15,Membres actifs

        """

    @Test func pahekosMemberExportImportsAsVolunteersWithoutAMapping() throws {
        for (name, table) in [("Tous les membres.csv", nil), ("export.csv", nil), ("liste.csv", TableKind.volunteers)] {
            let f = try ImportFixture()
            let path = try f.dir.write(name, Self.paheko)
            let s = try f.run([path]) { $0.table = table }
            #expect(s.committed && s.errorCount == 0, "\(name): \(s.errors)")
            #expect(s.files[0].table == .volunteers && s.files[0].recognisedByHeader == (name == "export.csv"), "\(name)")
            #expect(s.files[0].personalHeaders == ["Nom & prénom", "Adresse E-Mail", "Téléphone"])
            #expect(s.files[0].ignoredHeaders == ["Adresse postale", "Code postal", "Ville", "Catégorie"])
            #expect(try f.value("SELECT joined_on FROM volunteers WHERE volunteer_id = '2'") == "2026-01-15")
            // inspect reads it the same way, without importing.
            let reading = try #require(try HeaderReading.inspect(files: [path], table: table, mapping: HeaderMapping()).first)
            #expect(reading.table == .volunteers && reading.headerLine == 1 && reading.delimiter == "," && reading.encoding == .utf8)
            #expect(reading.columns.map(\.role) == [.column(.volunteerID), .personal(.name), .personal(.email), .ignored,
                                                    .ignored, .ignored, .personal(.phone), .column(.joinedOn), .ignored])
            // Nothing personal reaches the database.
            let dump = try f.dump("volunteers").joined()
            #expect(!dump.contains("Dupont") && !dump.contains("marie@") && !dump.contains("0611"))
        }
    }

    @Test func aCSVFileOfNoKnownNameOrHeaderIsRefusedWithTheExplanation() throws {
        let f = try ImportFixture()
        let path = try f.dir.write("export.csv", "Nom;Prénom\nDupont;Marie\n")
        let error = #expect(throws: UserError.self) { try f.run([path]) }
        #expect(error?.message.hasPrefix("\(path): none of the first 15 rows of this file is a header") == true)
        #expect(error?.text.fr.hasPrefix("\(path) : aucune des 15 premières lignes du fichier n'est un en-tête") == true)
    }
}
