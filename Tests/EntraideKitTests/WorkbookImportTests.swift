import Foundation
import GRDB
import Testing
import XlsxWriter
@testable import EntraideKit

/// Workbook fixtures (see `Fixtures/workbooks/make_fixtures.py`): hand-built Excel-like XLSX
/// files and LibreOffice conversions, committed so the tests need no spreadsheet software.
enum WorkbookFixtures {
    static func path(_ name: String) -> String {
        TestPaths.fixture("workbooks/\(name)").path
    }
}

extension ImportFixture {
    /// The export's three tables, as sorted text: what two imports must agree on.
    func contents() throws -> [String] {
        try dump("volunteers") + dump("requests") + dump("assignments")
    }

    /// Uses another fixture's pseudonym key, so resident keys can be compared across databases.
    func sharePseudonymKey(with other: ImportFixture) throws {
        _ = try Pseudonymizer.forDatabase(other.dbPath)
        let from = Pseudonymizer.keyPath(forDatabase: other.dbPath), to = Pseudonymizer.keyPath(forDatabase: dbPath)
        try? FileManager.default.removeItem(atPath: to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: to)
    }
}

@Suite struct WorkbookImportTests {
    @Test func everyXLSXCellKind() throws {
        let f = try ImportFixture()
        let path = WorkbookFixtures.path("cells.xlsx")
        let s = try f.run([path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        // Sheets recognised by name, case and accents ignored; the others reported.
        #expect(s.files.map(\.file) == ["\(path)[Bénévoles]", "\(path)[DEMANDES]", "\(path)[Mises en relation]"])
        #expect(s.files.map(\.table) == [.volunteers, .requests, .assignments])
        #expect(s.ignoredSheets == ["\(path)[Notes]"])
        #expect(s.files[0].ignoredHeaders == ["Actif"])  // a column of booleans
        // Ids: a shared string keeps its zeros, a number is written as shown (12, not 12.0).
        #expect(try f.value("SELECT joined_on FROM volunteers WHERE volunteer_id = '007'") == "2025-09-01")
        #expect(try f.value("SELECT joined_on FROM volunteers WHERE volunteer_id = '12'") == "2026-01-15")  // a text date
        #expect(try f.value("SELECT count(*) FROM requests WHERE request_id = '2'", as: Int.self) == 1)
        // A formula's cached value; an inline rich-text string; a rich-text header with a phonetic run.
        #expect(try f.value("SELECT association FROM volunteers WHERE volunteer_id = '12'") == "AFEV")
        #expect(try f.value("SELECT domains FROM volunteers WHERE volunteer_id = '12'") == "ecoute")
        #expect(try f.value("SELECT left_on FROM volunteers WHERE volunteer_id = 'B3'") == "2026-06-30")  // cells without r=
        #expect(try f.value("SELECT domain FROM requests WHERE request_id = 'D3'") == "coup_de_main")  // =LOWER(…)
        // Date cells: date-time (built-in and custom formats) and date-only, wall clock of the network.
        #expect(try f.value("SELECT received_at FROM requests WHERE request_id = 'D1'") == "2026-10-03T14:05:00+02:00")
        #expect(try f.value("SELECT received_at FROM requests WHERE request_id = 'D3'") == "2026-10-05T00:00:00+02:00")
        #expect(try f.value("SELECT received_at FROM requests WHERE request_id = 'D4'") == "2026-10-06T09:00:00+02:00")
        #expect(try f.value("SELECT matched_at FROM assignments WHERE request_id = 'D1' AND volunteer_id = '007'")
            == "2026-10-03T18:00:00+02:00")
        // Numbers: shortest text; a duration formatted [h]:mm; a number formula. (Resident ids
        // are stored as their keyed hash: the text read is what is hashed.)
        let p = try Pseudonymizer.forDatabase(f.dbPath, create: false)
        #expect(try f.value("SELECT resident_key FROM requests WHERE request_id = '2'") == p.residentID("2.3"))
        #expect(try f.value("SELECT resident_key FROM requests WHERE request_id = 'D1'") == p.residentID("4521"))
        #expect(try f.value("SELECT resident_key FROM requests WHERE request_id = 'D4'")
            == p.residentID("00042"))  // format 00000
        #expect(try f.value("SELECT hours FROM assignments WHERE request_id = 'D1' AND volunteer_id = '007'",
                            as: Double.self) == 1.5)
        #expect(try f.value("SELECT hours FROM assignments WHERE request_id = '2' AND volunteer_id = '12'",
                            as: Double.self) == 1.5)
        #expect(try f.value("SELECT hours FROM assignments WHERE request_id = 'D1' AND volunteer_id = '12'",
                            as: Double.self) == 2)
        // The import log names each sheet, with the workbook's hash.
        let sheets = try f.store.dbQueue.read { try String.fetchAll($0, sql: "SELECT sheet FROM imports ORDER BY id") }
        #expect(sheets == ["Bénévoles", "DEMANDES", "Mises en relation"])
        #expect(try f.value("SELECT count(DISTINCT sha256) FROM imports WHERE file_name = 'cells.xlsx'", as: Int.self) == 1)
    }

    @Test func sameContentsFromEveryWorkbookFlavour() throws {
        // The same workbook: hand-built XLSX in the 1900 and 1904 date systems, LibreOffice's ODS
        // (repeated and covered cells, typed values) and LibreOffice's own XLSX.
        let reference = try ImportFixture()
        #expect(try reference.run([WorkbookFixtures.path("cells.xlsx")]).committed)
        let expected = try reference.contents()
        #expect(expected.count == 3 + 4 + 3)
        for name in ["cells1904.xlsx", "cells.ods", "cells-lo.xlsx"] {
            let f = try ImportFixture()
            try f.sharePseudonymKey(with: reference)
            let s = try f.run([WorkbookFixtures.path(name)])
            #expect(s.committed && s.errorCount == 0, "\(name): \(s.errors)")
            #expect(try f.contents() == expected, "\(name)")
        }
    }

    @Test func csvXLSXAndODSOfOneExportGiveTheSameDatabase() throws {
        let csv = try ImportFixture()
        let names = ["benevoles", "demandes", "interventions"]
        let s = try csv.run(names.map { WorkbookFixtures.path("\($0).csv") })
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        let expected = try csv.contents()
        #expect(try csv.value("SELECT count(*) FROM volunteers WHERE volunteer_id = '007'", as: Int.self) == 1)
        #expect(try csv.value("SELECT count(*) FROM requests WHERE request_id = '0042'", as: Int.self) == 1)
        for ext in ["xlsx", "ods"] {
            let f = try ImportFixture()
            try f.sharePseudonymKey(with: csv)
            let w = try f.run(names.reversed().map { WorkbookFixtures.path("\($0).\(ext)") })
            #expect(w.committed && w.errorCount == 0, "\(ext): \(w.errors)")
            #expect(w.warnings.total == s.warnings.total, "\(ext)")
            #expect(try f.contents() == expected, "\(ext)")
            // Importing the workbooks again changes nothing.
            try f.run(names.map { WorkbookFixtures.path("\($0).\(ext)") })
            #expect(try f.contents() == expected, "\(ext) twice")
        }
    }

    /// A workbook written by the project's own libxlsxwriter wrapper: text cells, number cells,
    /// real date cells with a date-time format; the same database as the CSV of the same rows.
    @Test func workbookWrittenByOurXlsxWriterImportsLikeItsCSV() throws {
        let csv = try ImportFixture()
        let v = try csv.dir.write("benevoles.csv", Exports.volunteers)
        let r = try csv.dir.write("demandes.csv", Exports.requests)
        try csv.run([v, r])
        let expected = try csv.contents()

        let f = try ImportFixture()
        try f.sharePseudonymKey(with: csv)
        let path = f.dir.path("export.xlsx")
        let book = try XlsxWriter.Workbook(path: path)
        let dateTime = try book.format(FormatSpec(numberFormat: "dd/mm/yyyy hh:mm"))
        let dateOnly = try book.format(FormatSpec(numberFormat: "dd/mm/yyyy"))
        for (sheetName, text) in [("Bénévoles", Exports.volunteers), ("Demandes", Exports.requests)] {
            let sheet = try book.addWorksheet(sheetName)
            for (r, line) in text.split(separator: "\n").enumerated() {
                for (c, cell) in line.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
                    let value = String(cell)
                    // Dates and times as real date cells (serial numbers with a date format).
                    if r > 0, let t = ValueParsers.timestamp(value), case .local(let seconds) = t {
                        let serial = Double(seconds) / 86400 + 25569
                        let isDateOnly = seconds % 86400 == 0 && !value.contains(":") && !value.contains("h")
                        try sheet.writeNumber(row: r, col: c, serial, format: isDateOnly ? dateOnly : dateTime)
                    } else if r > 0, let n = Double(value), !value.hasPrefix("0") {
                        try sheet.writeNumber(row: r, col: c, n)
                    } else if !value.isEmpty {
                        try sheet.writeString(row: r, col: c, value)
                    }
                }
            }
        }
        try book.close()
        let s = try f.run([path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(try f.contents() == expected)
    }

    @Test func tenThousandRowSheets() throws {
        var dumps: [[String]] = []
        for ext in ["xlsx", "ods"] {
            let f = try ImportFixture()
            let s = try f.run([WorkbookFixtures.path("demandes-10000.\(ext)")])
            #expect(s.committed && s.errorCount == 0, "\(ext): \(s.errors.prefix(3))")
            #expect(s.imported(.requests) == 10_000)
            #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 10_000)
            #expect(try f.value("SELECT received_at FROM requests WHERE request_id = 'R05000'")
                == "2026-05-09T18:43:00+02:00")
            dumps.append(try f.dump("requests"))
        }
        #expect(dumps[0] == dumps[1])
    }

    @Test(arguments: ["xlsx", "ods"])
    func errorsNameFileSheetAndRow(ext: String) throws {
        let f = try ImportFixture()
        let path = WorkbookFixtures.path("erreurs.\(ext)")
        let s = try f.run([path])
        #expect(!s.committed)
        #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 0)
        let r = "\(path)[demandes]"
        #expect(s.errors.map(\.description) == [
            "\(r):4: N° demande: required value missing",
            "\(r):5: Date d'appel: cannot read \"31/09/2026\" as a date and time "
                + "(expected e.g. 03/10/2026 14:05, 03/10/2026 14h05 or 2026-10-03T14:05)",
            "\(r):7: N° demande: request \"D1\" appears twice in this file (first on line 2)",
            "\(r):8: Bénévole: unknown volunteer \"B99\" (not in the volunteers file nor in the database)",
            // Row 12's `deux heures` is a duration now (2 h): no error.
            "\(path)[interventions]:3: N° demande: unknown request \"D404\" (not in the requests file nor in the database)",
        ])
    }

    @Test func odsMergedHeaderRepeatedRowsAndComments() throws {
        let f = try ImportFixture()
        let path = WorkbookFixtures.path("fusion.ods")
        let s = try f.run([path])
        // Three repeated empty rows: the next row is row 6, as the spreadsheet shows it.
        #expect(s.errors.map(\.description) == [
            "\(path)[demandes]:6: Date d'appel: cannot read \"pas de date\" as a date and time "
                + "(expected e.g. 03/10/2026 14:05, 03/10/2026 14h05 or 2026-10-03T14:05)",
        ])
        #expect(s.ignoredSheets == ["\(path)[Notes]"])
        // The text left in the covered cell of the merged header ("Statut") is not a header.
        #expect(s.files.first?.ignoredHeaders == [])
        let ok = try ImportFixture()
        let t = try ok.run([path]) { $0.skipInvalid = true; $0.rejectsPath = ok.dir.path("rejets.csv") }
        #expect(t.committed && t.imported(.requests) == 1)
        #expect(try ok.value("SELECT status FROM requests WHERE request_id = 'D1'") == "open")
        // The cell's comment is left out; `text:s` spaces are kept.
        #expect(try ok.value("SELECT domain FROM requests WHERE request_id = 'D1'") == "courses")
        #expect(try ok.value("SELECT received_at FROM requests WHERE request_id = 'D1'") == "2026-10-03T14:05:00+02:00")
    }

    @Test func skipInvalidWritesSheetRowsToTheRejects() throws {
        let f = try ImportFixture()
        let path = WorkbookFixtures.path("erreurs.xlsx")
        let rejects = f.dir.path("rejets.csv")
        let s = try f.run([path]) { $0.skipInvalid = true; $0.rejectsPath = rejects }
        #expect(s.committed)
        // D6 (row 12) says `deux heures`, a duration now: imported too.
        #expect(try f.value("SELECT group_concat(request_id) FROM (SELECT request_id FROM requests ORDER BY 1)") == "D1,D6")
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(text.contains("\(path)[demandes];8;Bénévole;"))
        #expect(text.contains("\(path)[interventions];3;N° demande;"))
    }

    @Test func tableOptionForASingleSheetWorkbook() throws {
        let path = WorkbookFixtures.path("feuille-unique.xlsx")
        let f = try ImportFixture()
        // "Feuil1" names no table: its header row tells it (docs/FORMAT.md, "Sheets").
        let byHeader = try f.run([path]) { $0.dryRun = true }
        #expect(byHeader.files.map(\.table) == [.requests] && byHeader.files[0].recognisedByHeader)
        let s = try f.run([path]) { $0.table = .requests }
        #expect(s.committed && s.imported(.requests) == 1)
        #expect(try f.value("SELECT sheet FROM imports") == "Feuil1")
        // A workbook of several sheets: --table cannot say which.
        let many = WorkbookFixtures.path("cells.xlsx")
        let error = #expect(throws: UserError.self) { try f.run([many]) { $0.table = .requests } }
        #expect(error?.kind == .badArgument)
    }

    @Test func damagedAndEncryptedWorkbooksAreClearErrors() throws {
        let f = try ImportFixture()
        func message(_ path: String) -> String {
            do {
                try f.run([path])
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let casse = WorkbookFixtures.path("casse.xlsx")
        #expect(message(casse).hasPrefix("\(casse)[demandes]:3: the workbook is damaged"))
        #expect(message(WorkbookFixtures.path("chiffre.ods")).contains("password-protected (encrypted)"))
        #expect(message(WorkbookFixtures.path("protege.xlsx")).contains("password-protected (encrypted)"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: WorkbookFixtures.path("cells.xlsx")))
        let truncated = try f.dir.write("demandes.xlsx", bytes: Array(bytes.prefix(bytes.count / 2)))
        #expect(message(truncated) == "\(truncated): the workbook is damaged (it cannot be read as a zip archive)")
        let junk = try f.dir.write("demandes.ods", "N° demande;Date d'appel\n")
        #expect(message(junk).contains("not an XLSX or ODS workbook"))
        #expect(try f.value("SELECT count(*) FROM imports", as: Int.self) == 0)
    }

    @Test func cellTextConversions() {
        #expect(CellText.number(12.0) == "12")
        #expect(CellText.number(1.5) == "1.5")
        #expect(CellText.number("2.2999999999999998") == "2.3")
        #expect(CellText.number("-3") == "-3")
        // 1900 system, with Lotus's 29 February 1900.
        #expect(CellText.date(serial: 1, date1904: false) == "1900-01-01T00:00:00")
        #expect(CellText.date(serial: 59, date1904: false) == "1900-02-28T00:00:00")
        #expect(CellText.date(serial: 60, date1904: false) == "1900-03-01T00:00:00")
        #expect(CellText.date(serial: 61, date1904: false) == "1900-03-01T00:00:00")
        #expect(CellText.date(serial: 46298.586805555555, date1904: false) == "2026-10-03T14:05:00")
        // 1904 system.
        #expect(CellText.date(serial: 0, date1904: true) == "1904-01-01T00:00:00")
        #expect(CellText.date(serial: 44836.586805555555, date1904: true) == "2026-10-03T14:05:00")
        #expect(CellText.duration(days: 0.0625) == "1:30")
        #expect(ODSSheetParser.duration(iso: "PT01H30M00S") == "1:30")
        #expect(ODSSheetParser.duration(iso: "PT26H05M30S") == "26:05:30")
        #expect(CellText.format(code: "dd/mm/yyyy\\ hh:mm") == .date)
        #expect(CellText.format(code: "[h]:mm") == .time(elapsed: true))
        #expect(CellText.format(code: "hh:mm") == .time(elapsed: false))
        #expect(CellText.format(code: "[Red]0.00;[Blue]-0.00") == .general)
        #expect(CellText.format(code: "\"day\" 0") == .general)
        #expect(CellText.format(code: "General") == .general)
        #expect(CellText.format(code: "00000") == .zeroPadded(5))
        #expect(CellText.number(7, zeroPadded: 3) == "007" && CellText.number(1234, zeroPadded: 3) == "1234")
        #expect(CellText.builtinFormat(14) == .date && CellText.builtinFormat(2) == .general)
        #expect(XLSXSheetParser.column("D7") == 3 && XLSXSheetParser.column("AB12") == 27)
        #expect(XLSXBook.unescape("a_x000D_b") == "a\rb")
        #expect(XLSXBook.resolve("worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml")
        #expect(XLSXBook.resolve("/xl/worksheets/sheet2.xml") == "xl/worksheets/sheet2.xml")
    }
}
