import Foundation
import GRDB
import SharedTestSupport
import Testing
@testable import EntraideKit

/// A small XLSX workbook built in the test, with typed cells: what a spreadsheet writes for
/// dates, times and durations (styles: 0 general, 1 date and time, 2 `[h]:mm`, 3 time of day
/// `h:mm`, 4 date).
enum DatedWorkbook {
    enum Cell {
        case text(String)
        case number(Double)
        /// A date cell (built-in format 14, shown in the reader's locale order).
        case date(Int, Int, Int)
        /// A date cell formatted `dd/mm/yyyy` (day first) or `mm/dd/yy` (month first, as
        /// LibreOffice in English writes a date it read from a CSV file).
        case dateShown(Int, Int, Int, DateOrder)
        /// A date and time cell (built-in format 22).
        case dateTime(Int, Int, Int, Int, Int)
        /// A time of day cell (`h:mm`, built-in 20): a fraction of a day.
        case time(Int, Int)
        /// A duration cell formatted `[h]:mm`, in days (1.5 = 36:00).
        case duration(Double)
        case empty
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="3"><numFmt numFmtId="164" formatCode="[h]:mm"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/>\
        <numFmt numFmtId="166" formatCode="mm/dd/yy\\ hh:mm\\ AM/PM"/></numFmts><cellXfs count="7"><xf numFmtId="0"/>\
        <xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="20"/><xf numFmtId="14"/><xf numFmtId="165"/>\
        <xf numFmtId="166"/></cellXfs></styleSheet>
        """

    static func serial(_ y: Int, _ m: Int, _ d: Int) -> Double {
        Double(daysFromCivil(y, m, d) - daysFromCivil(1899, 12, 30))
    }

    static func xml(_ cell: Cell, _ ref: String) -> String {
        func escaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        switch cell {
        case .text(let s): return "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(escaped(s))</t></is></c>"
        case .number(let v): return "<c r=\"\(ref)\"><v>\(v)</v></c>"
        case .date(let y, let m, let d): return "<c r=\"\(ref)\" s=\"4\"><v>\(serial(y, m, d))</v></c>"
        case .dateShown(let y, let m, let d, let order):
            return "<c r=\"\(ref)\" s=\"\(order == .dayFirst ? 5 : 6)\"><v>\(serial(y, m, d))</v></c>"
        case .dateTime(let y, let m, let d, let h, let mi):
            return "<c r=\"\(ref)\" s=\"1\"><v>\(serial(y, m, d) + Double(h * 60 + mi) / 1440)</v></c>"
        case .time(let h, let m): return "<c r=\"\(ref)\" s=\"3\"><v>\(Double(h * 60 + m) / 1440)</v></c>"
        case .duration(let days): return "<c r=\"\(ref)\" s=\"2\"><v>\(days)</v></c>"
        case .empty: return ""
        }
    }

    /// A workbook whose sheets (named after their tables) hold `rows`, the header first.
    @discardableResult
    static func write(_ path: String, sheets: [(name: String, rows: [[Cell]])]) throws -> String {
        var parts: [(String, String)] = []
        var sheetList = "", rels = ""
        for (k, sheet) in sheets.enumerated() {
            sheetList += "<sheet name=\"\(sheet.name)\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
            rels += "<Relationship Id=\"rId\(k + 1)\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                + "Target=\"worksheets/sheet\(k + 1).xml\"/>"
            var rowsXML = ""
            for (r, row) in sheet.rows.enumerated() {
                rowsXML += "<row r=\"\(r + 1)\">"
                for (c, cell) in row.enumerated() {
                    rowsXML += xml(cell, String(UnicodeScalar(UInt8(65 + c))) + "\(r + 1)")
                }
                rowsXML += "</row>"
            }
            parts.append(("xl/worksheets/sheet\(k + 1).xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
                + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(rowsXML)"
                + "</sheetData></worksheet>"))
        }
        parts.append(("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
            + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
            + sheetList + "</sheets></workbook>"))
        parts.append(("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
            + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + rels + "</Relationships>"))
        parts.append(("xl/styles.xml", styles))
        return try HostileWorkbook.write(path, parts.map { ($0.0, Data($0.1.utf8)) })
    }
}

/// Day/month order per column (docs/FORMAT.md, "Day and month order"): French day first by
/// default, a column with a value that can only be month first read month first as a whole
/// (with a note), contradictions and date-cell/text mixes refused with both readings explained,
/// `--date-order` deciding.
@Suite struct DateOrderImportTests {
    static let header = "N° demande;Date d'appel;Type de service\n"

    func receivedAt(_ f: ImportFixture, _ id: String) throws -> String? {
        try f.value("SELECT received_at FROM requests WHERE request_id = '\(id)'")
    }

    @Test func aMonthFirstColumnIsReadMonthFirstAsAWholeWithANote() throws {
        let f = try ImportFixture()
        // Airtable-like: the first rows read both ways; only line 5 says the order.
        let path = try f.dir.write("demandes.csv", Self.header
            + "D1;3/10/2020 22:49:40;Courses\n"
            + "D2;3/11/2020 08:00:00;Courses\n"
            + "D3;4/1/2020 09:30:00;Courses\n"
            + "D4;3/25/2020 10:00:00;Courses\n"
            + "D5;2020-04-02T10:00;Courses\n")
        let s = try f.run([path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(try receivedAt(f, "D1") == "2020-03-10T22:49:40+01:00")  // not 3 October
        #expect(try receivedAt(f, "D2") == "2020-03-11T08:00:00+01:00")
        #expect(try receivedAt(f, "D3") == "2020-04-01T09:30:00+02:00")
        #expect(try receivedAt(f, "D4") == "2020-03-25T10:00:00+01:00")
        #expect(try receivedAt(f, "D5") == "2020-04-02T10:00:00+02:00")  // ISO: no order
        #expect(s.files[0].rowsRead == 5 && s.files[0].rowsImported == 5)
        #expect(s.files[0].monthFirstColumns == [DateOrderNote(column: "Date d'appel", line: 5, example: "3/25/2020 10:00:00")])
        let note = try #require(s.files[0].dateNotes.first)
        #expect(note.en == "\(path): the column \"Date d'appel\" is read month/day/year (US order), every date of it, "
            + "because line 5, \"3/25/2020 10:00:00\", can only be read in that order; if that is wrong, correct this "
            + "date, or give the order with --date-order dmy")
        #expect(note.fr == "\(path) : la colonne « Date d'appel » est lue mois/jour/année (à l'américaine), toutes ses "
            + "dates, car la ligne 5, « 3/25/2020 10:00:00 », ne peut se lire que dans cet ordre ; si c'est une erreur, "
            + "corrigez cette date, ou imposez l'ordre avec --date-order dmy")
        #expect(ImportSummaryText.render(s, database: f.dbPath).contains(note.en))
        // A day-first file has no such note, and the import log holds one line per file.
        #expect(try f.value("SELECT count(*) FROM imports", as: Int.self) == 1)
    }

    @Test func aFileReadAgainForgetsTheErrorsWarningsAndRejectsOfItsFirstReading() throws {
        let f = try ImportFixture()
        try f.dir.write("benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/02/2020\n")
        let path = try f.dir.write("demandes.csv", "N° demande;Date d'appel;Type de service;Bénévole;Réalisé le\n"
            + "D1;3/10/2020 10:00;Courses;B1;4/9/2020 10:00\n"    // done before the call read day first: a warning
            + "D2;3/11/2020 10:00;;;\n"                           // no domain: rejected (once)
            + "D3;3/10/2020 11:00;Jonglage;;\n"                    // an unknown domain: a warning (once)
            + "D4;3/25/2020 10:00;Courses;;\n")
        let rejects = f.dir.path("rejets.csv")
        let s = try f.run([f.dir.path("benevoles.csv"), path]) { $0.skipInvalid = true; $0.rejectsPath = rejects }
        #expect(s.committed)
        #expect(s.errorCount == 0 && s.files[1].rowsRead == 4 && s.files[1].rowsImported == 3 && s.files[1].rowsRejected == 1)
        #expect(s.warnings.inconsistentDates == 0)  // 4 September before 3 October, but 9 April after 10 March: no warning
        #expect(s.warnings.unknownDomains == ["Jonglage": 1])
        #expect(s.files[0].monthFirstColumns.isEmpty)  // the volunteers file is day first
        // « Réalisé le » has no value of its own that says the order: it follows « Date d'appel ».
        #expect(s.files[1].monthFirstColumns == [
            DateOrderNote(column: "Date d'appel", line: 5, example: "3/25/2020 10:00"),
            DateOrderNote(column: "Réalisé le", line: 5, example: "3/25/2020 10:00", following: "Date d'appel"),
        ])
        #expect(s.files[1].dateNotes[1].en == "\(path): the column \"Réalisé le\" is read month/day/year too, like the "
            + "column \"Date d'appel\" (line 5, \"3/25/2020 10:00\"): none of its own dates says the order; if that is "
            + "wrong, give the order with --date-order dmy")
        #expect(try f.value("SELECT done_at FROM assignments WHERE request_id = 'D1'") == "2020-04-09T10:00:00+02:00")
        let lines = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\r\n")
        #expect(lines.count == 2 && lines[1].hasPrefix("\(path);3;"), "\(lines)")
    }

    @Test func rejectsAlreadyOnDiskAreTakenBackWhenTheFileIsReadAgain() throws {
        // More rejected rows before the first month-first value than the rejects writer keeps in
        // memory (64 KiB): the lines of the first reading are cut from the file.
        let f = try ImportFixture()
        var rows = "N° demande;Date d'appel;Type de service;Association\n"
        for k in 0..<1500 { rows += "R\(k);\(k % 12 + 1)/\(k % 12 + 1)/2020 10:00;;Association des habitants du quartier\n" }
        rows += "U1;3/25/2020 10:00;Courses;\n"
        let path = try f.dir.write("demandes.csv", rows)
        let rejects = f.dir.path("rejets.csv")
        let s = try f.run([path]) { $0.skipInvalid = true; $0.rejectsPath = rejects }
        #expect(s.committed && s.files[0].rowsRejected == 1500 && s.files[0].rowsImported == 1)
        let text = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(text.utf8.count > 1 << 16)
        let lines = text.split(separator: "\r\n")
        #expect(lines.count == 1501)
        #expect(lines[1].hasPrefix("\(path);2;") && lines[1500].hasPrefix("\(path);1501;"))
        #expect(try receivedAt(f, "U1") == "2020-03-25T10:00:00+01:00")
    }

    @Test func aColumnThatContradictsItselfIsRefusedWithBothReadings() throws {
        let f = try ImportFixture()
        let path = try f.dir.write("demandes.csv", Self.header
            + "D1;3/25/2020 10:00;Courses\n"
            + "D2;03/04/2020 09:00;Courses\n"
            + "D3;25/03/2020 11:00;Courses\n"
            + "D4;;Courses\n")
        for skipInvalid in [false, true] {
            let s = try f.run([path]) { $0.skipInvalid = skipInvalid; $0.rejectsPath = f.dir.path("rejets.csv") }
            #expect(!s.committed && s.failed)
            #expect(s.errorCount == 1 && s.unreadableCount == 1)  // the file is refused whole: no row errors besides
            let issue = try #require(s.errors.first)
            #expect(issue.file == path && issue.line == 4 && issue.column == "Date d'appel")
            #expect(issue.message == "the column \"Date d'appel\" mixes two date orders: on line 2, \"3/25/2020 10:00\" "
                + "can only be month/day/year (there is no month 25), and on line 4, \"25/03/2020 11:00\" can only be "
                + "day/month/year (there is no month 25); so the dates that read both ways (two numbers of 12 or less) cannot be dated for "
                + "sure. Write every date of the column in the same order in the spreadsheet, or give the order with "
                + "--date-order dmy (day first) or --date-order mdy (month first): the dates impossible in that order "
                + "are then listed one by one")
            #expect(issue.text.fr == "la colonne « Date d'appel » mêle deux ordres de dates : ligne 2, « 3/25/2020 10:00 » "
                + "ne peut se lire que mois/jour/année (il n'y a pas de mois 25), et ligne 4, « 25/03/2020 11:00 » ne peut "
                + "se lire que jour/mois/année (il n'y a pas de mois 25) ; les dates qui se lisent dans les deux sens (deux nombres de 12 ou moins) "
                + "ne peuvent donc pas être datées à coup sûr. Écrivez toutes les dates de la colonne dans le même ordre "
                + "dans le tableau, ou indiquez l'ordre avec --date-order dmy (jour d'abord) ou --date-order mdy (mois "
                + "d'abord) : les dates impossibles dans cet ordre seront alors signalées une à une")
            #expect(s.files[0].rowsRead == 0 && s.files[0].rowsImported == 0)
        }
        #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 0)
    }

    @Test func dateOrderOptionDecidesEveryColumn() throws {
        let f = try ImportFixture()
        let path = try f.dir.write("demandes.csv", Self.header
            + "D1;3/10/2020 10:00;Courses\n"
            + "D2;25/03/2020 10:00;Courses\n")
        // mdy: no guessing; a value impossible month first is an ordinary error saying so.
        let mdy = try f.run([path]) { $0.dateOrder = .monthFirst }
        #expect(!mdy.committed && mdy.errorCount == 1 && mdy.unreadableCount == 0)
        let issue = try #require(mdy.errors.first)
        #expect(issue.line == 3 && issue.column == "Date d'appel")
        #expect(issue.message == "cannot read \"25/03/2020 10:00\" as a date and time (expected e.g. 03/10/2026 14:05, "
            + "03/10/2026 14h05 or 2026-10-03T14:05); this date can only be day/month/year, and this column is read "
            + "month/day/year (--date-order mdy): correct it in the spreadsheet")
        #expect(issue.text.fr == "impossible de lire « 25/03/2020 10:00 » comme une date et une heure (écrivez-la par "
            + "exemple 03/10/2026 14:05, 03/10/2026 14h05 ou 2026-10-03T14:05) ; cette date ne peut se lire que "
            + "jour/mois/année, or cette colonne est lue mois/jour/année (--date-order mdy) : corrigez-la dans le tableau")
        // With --skip-invalid, the ambiguous value is read month first, as asked.
        let kept = try f.run([path]) { $0.dateOrder = .monthFirst; $0.skipInvalid = true; $0.rejectsPath = f.dir.path("r.csv") }
        #expect(kept.committed)
        #expect(try receivedAt(f, "D1") == "2020-03-10T10:00:00+01:00")
        #expect(kept.files[0].monthFirstColumns.isEmpty)  // decided by the option: no note

        // dmy: a month-first value is an error, the file is not read again.
        let g = try ImportFixture()
        let us = try g.dir.write("demandes.csv", Self.header + "D1;3/10/2020 10:00;Courses\nD2;3/25/2020 10:00;Courses\n")
        let dmy = try g.run([us]) { $0.dateOrder = .dayFirst; $0.skipInvalid = true; $0.rejectsPath = g.dir.path("r.csv") }
        #expect(dmy.committed && dmy.files[0].rowsRejected == 1 && dmy.files[0].monthFirstColumns.isEmpty)
        #expect(try receivedAt(g, "D1") == "2020-10-03T10:00:00+02:00")
        #expect(try g.run([us]) { $0.dateOrder = .dayFirst }.errors.first?.message.hasSuffix(
            "this date can only be month/day/year, and this column is read day/month/year (--date-order dmy): "
                + "correct it in the spreadsheet") == true)
    }

    @Test func aColumnWithItsOwnDayFirstDatesDoesNotFollow() throws {
        // The call dates are US style; the done dates, typed by a French coordinator, day first.
        let f = try ImportFixture()
        try f.dir.write("benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/02/2020\n")
        let path = try f.dir.write("demandes.csv", "N° demande;Date d'appel;Type de service;Bénévole;Réalisé le\n"
            + "D1;3/2/2020 10:00;Courses;B1;20/03/2020 10:00\n"
            + "D2;3/25/2020 10:00;Courses;B1;01/04/2020 10:00\n")
        let s = try f.run([f.dir.path("benevoles.csv"), path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(try receivedAt(f, "D1") == "2020-03-02T10:00:00+01:00")
        #expect(try f.value("SELECT done_at FROM assignments WHERE request_id = 'D2'") == "2020-04-01T10:00:00+02:00")
        #expect(s.files[1].monthFirstColumns.map(\.column) == ["Date d'appel"])
    }

    @Test func noAmbiguousValueIsMisdated() throws {
        // Every day of 2020 written month first, in a random order: each is read as written.
        var rows = Self.header
        var expected: [String: String] = [:]
        var generator = SystemRandomNumberGenerator()
        var days = Array(0..<366)
        days.shuffle(using: &generator)
        for (k, d) in days.enumerated() {
            let (y, m, day) = civilFromDays(daysFromCivil(2020, 1, 1) + d)
            rows += "R\(k);\(m)/\(day)/\(y) 12:00;Courses\n"
            expected["R\(k)"] = String(format: "%04d-%02d-%02d", y, m, day)
        }
        let f = try ImportFixture()
        let s = try f.run([try f.dir.write("demandes.csv", rows)])
        #expect(s.committed && s.errorCount == 0, "\(s.errors.prefix(3))")
        let stored = try f.store.dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT request_id, substr(received_at, 1, 10) AS day FROM requests")
                .map { ($0["request_id"] as String, $0["day"] as String) }
        }
        #expect(stored.count == 366)
        for (id, day) in stored { #expect(expected[id] == day, "\(id)") }
        // The same days day first: read day first, no note.
        var french = Self.header
        for (k, d) in days.enumerated() {
            let (y, m, day) = civilFromDays(daysFromCivil(2020, 1, 1) + d)
            french += "R\(k);\(day)/\(m)/\(y) 12:00;Courses\n"
        }
        let g = try ImportFixture()
        let t = try g.run([try g.dir.write("demandes.csv", french)])
        #expect(t.committed && t.files[0].monthFirstColumns.isEmpty)
        let again = try g.store.dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT request_id, substr(received_at, 1, 10) AS day FROM requests")
                .map { ($0["request_id"] as String, $0["day"] as String) }
        }
        for (id, day) in again { #expect(expected[id] == day, "\(id)") }
    }

    @Test func dateCellsMixedWithImpossibleTextDatesAreRefused() throws {
        // A French CSV opened with an English locale and saved as XLSX: `03/10/2026` became the
        // date cell 10 March, `25/10/2026` stayed text.
        let f = try ImportFixture()
        let path = try DatedWorkbook.write(f.dir.path("appels.xlsx"), sheets: [(name: "demandes", rows: [
            [.text("N° demande"), .text("Date d'appel"), .text("Type de service")],
            [.text("D1"), .dateTime(2026, 3, 10, 14, 5), .text("Courses")],
            [.text("D2"), .text("25/10/2026 09:00"), .text("Courses")],
            [.text("D3"), .date(2026, 5, 10), .text("Courses")],
        ])])
        let s = try f.run([path]) { $0.skipInvalid = true; $0.rejectsPath = f.dir.path("r.csv") }
        #expect(!s.committed && s.failed && s.errorCount == 1)
        let issue = try #require(s.errors.first)
        #expect(issue.file == "\(path)[demandes]" && issue.line == 3 && issue.column == "Date d'appel")
        #expect(issue.message == "the column \"Date d'appel\" mixes date cells (line 2, for example) with dates written as "
            + "text that can only be day/month/year (line 3, \"25/10/2026 09:00\"): this is what happens when a French "
            + "CSV file is opened with an English language setting (or the other way round); the spreadsheet read the "
            + "dates it could as month/day/year and left the others as text, so the date cells are probably wrong. "
            + "Open the CSV file again choosing the French language (or the Text format for this column), save it, and "
            + "import it again; or import the CSV file itself with --date-order dmy")
        #expect(issue.text.fr == "la colonne « Date d'appel » mêle des cellules de date (ligne 2 par exemple) et des "
            + "dates écrites en texte qui ne peuvent se lire que jour/mois/année (ligne 3, « 25/10/2026 09:00 ») : c'est "
            + "ce qui arrive quand un fichier CSV français est ouvert avec une langue anglaise (ou l'inverse) ; le "
            + "tableur a alors lu les dates possibles en mois/jour/année et laissé les autres en texte, si bien que les "
            + "cellules de date sont probablement fausses. Ouvrez à nouveau le fichier CSV en choisissant la langue "
            + "Français (ou le format Texte pour cette colonne), enregistrez-le, et importez-le à nouveau ; ou importez "
            + "le CSV lui-même avec --date-order dmy")
        // Cells whose format shows the month first (what LibreOffice in English writes): refused,
        // even with a day past the 12th.
        let us = try ImportFixture()
        let shownUS = try DatedWorkbook.write(us.dir.path("appels.xlsx"), sheets: [(name: "demandes", rows: [
            [.text("N° demande"), .text("Date d'appel"), .text("Type de service")],
            [.text("D1"), .dateShown(2026, 3, 10, .monthFirst), .text("Courses")],
            [.text("D2"), .text("25/10/2026 09:00"), .text("Courses")],
            [.text("D3"), .dateShown(2026, 5, 20, .monthFirst), .text("Courses")],
        ])])
        #expect(try us.run([shownUS]).unreadableCount == 1)
        // Cells shown day first beside day-first text dates: a French workbook, read as it is.
        let fr = try ImportFixture()
        let shownFR = try DatedWorkbook.write(fr.dir.path("appels.xlsx"), sheets: [(name: "demandes", rows: [
            [.text("N° demande"), .text("Date d'appel"), .text("Type de service")],
            [.text("D1"), .dateShown(2026, 3, 10, .dayFirst), .text("Courses")],
            [.text("D2"), .text("25/10/2026 09:00"), .text("Courses")],
        ])])
        #expect(try fr.run([shownFR]).committed)
        #expect(try receivedAt(fr, "D1") == "2026-03-10T00:00:00+01:00")
        #expect(try receivedAt(fr, "D2") == "2026-10-25T09:00:00+01:00")
        // A date cell past the 12th of its month is no product of that misreading: no refusal.
        let h = try ImportFixture()
        let genuine = try DatedWorkbook.write(h.dir.path("appels.xlsx"), sheets: [(name: "demandes", rows: [
            [.text("N° demande"), .text("Date d'appel"), .text("Type de service")],
            [.text("D1"), .dateTime(2026, 3, 10, 14, 5), .text("Courses")],
            [.text("D2"), .text("25/10/2026 09:00"), .text("Courses")],
            [.text("D3"), .date(2026, 5, 20), .text("Courses")],
        ])])
        #expect(try h.run([genuine]).committed)
        #expect(try receivedAt(h, "D2") == "2026-10-25T09:00:00+01:00")
        // Date cells with ambiguous or ISO text dates are no sign of it; --date-order decides too.
        let g = try ImportFixture()
        let fine = try DatedWorkbook.write(g.dir.path("appels.xlsx"), sheets: [(name: "demandes", rows: [
            [.text("N° demande"), .text("Date d'appel"), .text("Type de service")],
            [.text("D1"), .dateTime(2026, 3, 10, 14, 5), .text("Courses")],
            [.text("D2"), .text("03/10/2026 09:00"), .text("Courses")],
            [.text("D3"), .text("2026-10-25"), .text("Courses")],
        ])])
        #expect(try g.run([fine]).committed)
        #expect(try receivedAt(g, "D1") == "2026-03-10T14:05:00+01:00")
        #expect(try receivedAt(g, "D2") == "2026-10-03T09:00:00+02:00")
        let decided = try g.run([path]) { $0.dateOrder = .dayFirst }
        #expect(decided.committed, "\(decided.errors)")
        #expect(try receivedAt(g, "D2") == "2026-10-25T09:00:00+01:00")
    }

    @Test func theOrderADateFormatShows() {
        let cases: [(String, DateOrder?)] = [
            ("dd/mm/yyyy", .dayFirst), ("dd/mm/yyyy\\ hh:mm", .dayFirst), ("mm/dd/yy\\ hh:mm\\ AM/PM", .monthFirst),
            ("m/d/yyyy", .monthFirst), ("d.m.yy", .dayFirst), ("yyyy-mm-dd", nil), ("yyyy-mm-dd hh:mm", nil),
            ("d mmm yyyy", nil), ("dddd d mmmm", nil), ("[$-40C]dd/mm/yyyy", .dayFirst), ("\"le \"dd/mm", .dayFirst),
            ("hh:mm", nil), ("[h]:mm", nil), ("General", nil), ("0.00", nil),
        ]
        for (code, expected) in cases { #expect(CellText.dateOrder(code: code) == expected, "\(code)") }
        #expect(ODSSheetParser.dateOrder(shown: "01/09/2025", value: "2025-09-01") == .dayFirst)
        #expect(ODSSheetParser.dateOrder(shown: "09/01/25 12:00 AM", value: "2025-09-01T00:00:00") == .monthFirst)
        #expect(ODSSheetParser.dateOrder(shown: "01/01/2025", value: "2025-01-01") == nil)
        #expect(ODSSheetParser.dateOrder(shown: "1 sept. 2025", value: "2025-09-01") == nil)
    }

    @Test func evidenceAndMonthFirstReading() {
        let cases: [(String, DateOrder.Evidence)] = [
            ("03/10/2026", .either), ("3/25/2020 22:49:40", .monthFirstOnly), ("25/10/2026", .dayFirstOnly),
            ("12.12.2026", .either), ("31-01-2026", .dayFirstOnly), ("1/13/26", .monthFirstOnly),
            ("2026-10-03", .orderFree), ("3 oct. 2026", .orderFree), ("40/40/2026", .orderFree), ("14:05", .orderFree),
            ("0/10/2026", .orderFree), ("123/1/2026", .orderFree),
        ]
        for (text, expected) in cases {
            var t = text
            #expect(t.withUTF8 { DateOrder.evidence($0) } == expected, "\(text)")
        }
        let local = { (y: Int, m: Int, d: Int, s: Int) in ParsedTime.local(daysFromCivil(y, m, d) * 86400 + s) }
        #expect(ValueParsers.timestamp("3/25/2020 22:49:40", order: .monthFirst) == local(2020, 3, 25, 82180))
        #expect(ValueParsers.timestamp("03/10/2026 14h05", order: .monthFirst) == local(2026, 3, 10, 50700))
        #expect(ValueParsers.timestamp("12.31.26", order: .monthFirst) == local(2026, 12, 31, 0))
        #expect(ValueParsers.timestamp("03/10/2026", order: .dayFirst) == local(2026, 10, 3, 0))
        #expect(ValueParsers.timestamp("2026-10-03T14:05", order: .monthFirst) == local(2026, 10, 3, 50700))
        #expect(ValueParsers.timestamp("25/10/2026", order: .monthFirst) == nil)
        #expect(ValueParsers.timestamp("3/25/2020", order: .dayFirst) == nil)
        #expect(DateOrder(option: "MDY") == .monthFirst && DateOrder(option: "dmy") == .dayFirst && DateOrder(option: "ymd") == nil)
    }

    @Test func realLibreOfficeConversions() throws {
        // Made by Fixtures/dates/make_fixtures.sh: a French CSV opened with the English (USA) locale.
        let f = try ImportFixture()
        let mixed = TestPaths.fixture("dates/demandes-fr-ouvert-en-anglais.xlsx").path
        let s = try f.run([mixed]) { $0.skipInvalid = true; $0.rejectsPath = f.dir.path("r.csv") }
        #expect(!s.committed && s.unreadableCount == 1 && s.errorCount == 1)
        #expect(s.errors.first?.line == 3 && s.errors.first?.column == "Date d'appel")
        #expect(s.errors.first?.message.hasPrefix("the column \"Date d'appel\" mixes date cells (line 2, for example) with "
            + "dates written as text that can only be day/month/year (line 3, \"25/10/2026 09:00\")") == true)
        #expect(ImportSummaryText.renderErrors(s).hasSuffix("1 error; nothing was imported. Fix the rows above and run the import again.\n"))
        #expect(ImportSummaryText.renderErrors(s, language: .fr).hasSuffix(
            "1 erreur ; rien n'a été importé. Corrigez les lignes ci-dessus dans le tableau puis relancez l'importation.\n"))
        // The same CSV itself, read day first; with the workbook, --date-order dmy takes the cells as they are.
        // A US CSV opened the same way: every date a cell, read right, like the CSV read month first.
        let us = try f.run([TestPaths.fixture("dates/demandes-us.xlsx").path])
        #expect(us.committed && us.errorCount == 0, "\(us.errors)")
        let fromCells = try f.dump("requests")
        let g = try ImportFixture()
        try g.sharePseudonymKey(with: f)
        let csv = try g.run([TestPaths.fixture("dates/demandes-us.csv").path])
        #expect(csv.committed && csv.files[0].monthFirstColumns.map(\.line) == [3])
        #expect(try g.dump("requests") == fromCells)
        #expect(try g.value("SELECT received_at FROM requests WHERE request_id = 'D1'") == "2020-03-10T22:49:00+01:00")
    }

    @Test func odsDateCellsAreFlaggedToo() throws {
        let dir = try TempDir()
        let content = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>D1</text:p></table:table-cell>"
            + "<table:table-cell office:value-type=\"date\" office:date-value=\"2026-03-10T14:05:00\"><text:p>03/10/26"
            + "</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>Courses</text:p>"
            + "</table:table-cell></table:table-row>" + HostileWorkbook.odsRow(["D2", "25/10/2026", "Courses"])
        let path = try HostileWorkbook.ods(dir, rows: content)
        var flags: [[Bool]] = []
        try SpreadsheetFile.open(path: path).source(sheet: "demandes").forEachRecord { record in
            flags.append((0..<record.count).map { record.isDateCell($0) })
            return true
        }
        #expect(flags == [[false, false, false], [false, true, false], [false, false, false]])
        let f = try ImportFixture()
        let s = try f.run([path])
        #expect(s.unreadableCount == 1 && s.errors.first?.line == 3)
    }
}

/// `entraide import --date-order` through the real executable.
@Suite struct DateOrderCommandLineTests {
    func receivedAt(_ dir: TempDir, _ id: String) throws -> String? {
        let queue = try DatabaseQueue(path: dir.path("entraide.sqlite"))
        return try queue.read { try String.fetchOne($0, sql: "SELECT received_at FROM requests WHERE request_id = ?",
                                                    arguments: [id]) }
    }

    @Test func dateOrderOption() throws {
        let dir = try TempDir()
        try dir.write("demandes.csv", DateOrderImportTests.header + "D1;3/10/2020 10:00;Courses\n")
        let mdy = try EntraideCommand.run(["import", "--date-order", "mdy", "demandes.csv"], in: dir.url)
        #expect(mdy.status == 0, "\(mdy.err)")
        #expect(try receivedAt(dir, "D1") == "2020-03-10T10:00:00+01:00")
        let dmy = try EntraideCommand.run(["import", "--date-order", "DMY", "demandes.csv"], in: dir.url)
        #expect(dmy.status == 0, "\(dmy.err)")
        #expect(try receivedAt(dir, "D1") == "2020-10-03T10:00:00+02:00")
        // Without the option, the values decide (here: either way, so day first).
        let bad = try EntraideCommand.run(["import", "--date-order", "ymd", "demandes.csv"], in: dir.url)
        #expect(bad.status != 0 && bad.err.contains("--date-order: \"ymd\" is no order; use dmy (day/month/year) or mdy (month/day/year)"),
                "\(bad.err)")

        // A contradiction fails the import, even with --skip-invalid.
        try dir.write("demandes2.csv", DateOrderImportTests.header + "D2;3/25/2020 10:00;Courses\nD3;25/03/2020;Courses\n")
        let refused = try EntraideCommand.run(["import", "--skip-invalid", "--table", "requests", "demandes2.csv"], in: dir.url)
        #expect(refused.status == 1)
        #expect(refused.err.contains("demandes2.csv:3: Date d'appel:"), "\(refused.err)")
        #expect(try receivedAt(dir, "D2") == nil)
        // --date-order mdy reads it, with the impossible value set aside.
        let decided = try EntraideCommand.run(["import", "--skip-invalid", "--date-order", "mdy", "--table", "requests",
                                              "demandes2.csv"], in: dir.url)
        #expect(decided.status == 0, "\(decided.err)")
        #expect(try receivedAt(dir, "D2") == "2020-03-25T10:00:00+01:00")
    }
}
