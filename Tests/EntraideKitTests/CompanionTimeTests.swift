import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit

/// The time of a timestamp in its own column (docs/FORMAT.md, "Date and time in two columns"),
/// and time and `[h]:mm` cells read as times and durations.
@Suite struct CompanionTimeTests {
    func value(_ f: ImportFixture, _ sql: String) throws -> String? { try f.value(sql) }

    @Test func timeOfDayForms() {
        let cases: [(String, Int?)] = [
            ("14:05", 50700), ("9:05", 32700), ("14:05:30", 50730), ("14h05", 50700), ("14H05", 50700), ("14h", 50400),
            ("14 h", 50400), ("14 h 05", 50700), ("à 14h05", 50700), ("À 14 h", 50400), ("a 9h30", 34200),
            ("2:05pm", 50700), ("2:05 PM", 50700), ("12:30 am", 1800), ("2 pm", 50400), ("14\u{A0}h\u{A0}05", 50700),
            ("00:00", 0), ("23:59:59", 86399),
            ("24:00", nil), ("14:60", nil), ("14", nil), ("14h5", nil), ("13pm", nil), ("14:05 demain", nil), ("", nil),
            ("h05", nil), ("1:30:00:00", nil),
        ]
        for (text, expected) in cases { #expect(TimeOfDay.seconds(text) == expected, "\(text)") }
    }

    @Test func csvTimeColumnGivesTheTimeOfTheCall() throws {
        let f = try ImportFixture()
        let path = try f.dir.write("demandes.csv", "N° demande;Date d'appel;Heure;Type de service\n"
            + "D1;03/10/2026;14h05;Courses\n"
            + "D2;04/10/2026;14 h;Courses\n"
            + "D3;05/10/2026 09:00;09:00;Courses\n"     // the same time twice: fine
            + "D4;06/10/2026;à 9h30;Courses\n"
            + "D5;07/10/2026;;Courses\n"                // no time: 00:00, as before
            + "D6;2026-10-08;2:05pm;Courses\n")
        let s = try f.run([path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(try value(f, "SELECT received_at FROM requests WHERE request_id = 'D1'") == "2026-10-03T14:05:00+02:00")
        #expect(try value(f, "SELECT received_at FROM requests WHERE request_id = 'D2'") == "2026-10-04T14:00:00+02:00")
        #expect(try value(f, "SELECT received_at FROM requests WHERE request_id = 'D3'") == "2026-10-05T09:00:00+02:00")
        #expect(try value(f, "SELECT received_at FROM requests WHERE request_id = 'D4'") == "2026-10-06T09:30:00+02:00")
        #expect(try value(f, "SELECT received_at FROM requests WHERE request_id = 'D5'") == "2026-10-07T00:00:00+02:00")
        #expect(try value(f, "SELECT received_at FROM requests WHERE request_id = 'D6'") == "2026-10-08T14:05:00+02:00")
        #expect(s.files[0].ignoredHeaders.isEmpty)
        #expect(s.files[0].timeColumns == [TimeColumnNote(time: "Heure", date: "Date d'appel")])
        #expect(s.files[0].dateNotes.map(\.en)
            == ["\(path): the time of the dates in the column \"Date d'appel\" is read from the column \"Heure\""])
        #expect(s.files[0].dateNotes.map(\.fr)
            == ["\(path) : l'heure des dates de la colonne « Date d'appel » est lue dans la colonne « Heure »"])
    }

    @Test func aTimeThatDisagreesOrCannotBeReadIsAnError() throws {
        let f = try ImportFixture()
        try f.dir.write("benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/02/2026\n")
        let path = try f.dir.write("demandes.csv",
            "N° demande;Date d'appel;Heure de l'appel;Type de service;Bénévole;Contacté le;Heure du contact\n"
            + "D1;05/10/2026 09:00;10:00;Courses;;;\n"
            + "D2;05/10/2026;midi;Courses;;;\n"
            + "D3;05/10/2026;09:00;Courses;B1;;11h\n")
        let s = try f.run([f.dir.path("benevoles.csv"), path])
        #expect(!s.committed && s.errorCount == 3)
        #expect(s.errors.map { "\($0.line) \($0.column)" } == ["2 Heure de l'appel", "3 Heure de l'appel", "4 Contacté le"])
        #expect(s.errors[0].message == "the date in the column \"Date d'appel\" has its own time (09:00) and the column "
            + "\"Heure de l'appel\" gives another (10:00): which one is right cannot be known; correct one of them in the "
            + "spreadsheet (or remove the time from the date)")
        #expect(s.errors[0].text.fr == "la date de la colonne « Date d'appel » a sa propre heure (09:00) et la colonne "
            + "« Heure de l'appel » en donne une autre (10:00) : on ne peut pas savoir laquelle est juste ; corrigez l'une "
            + "des deux dans le tableau (ou effacez l'heure de la date)")
        #expect(s.errors[1].message == "cannot read \"midi\" as a time of day (expected e.g. 14:05, 14h05 or 14 h)")
        #expect(s.errors[1].text.fr == "impossible de lire « midi » comme une heure (écrivez-la par exemple 14:05, 14h05 ou 14 h)")
        #expect(s.errors[2].message == "a time is given in the column \"Heure du contact\" but the date is empty; write "
            + "the date in the column \"Contacté le\", or clear the time")
    }

    @Test func aTimeColumnWithoutItsDateColumnIsIgnoredWithANote() throws {
        let f = try ImportFixture()
        try f.dir.write("benevoles.csv", "N° bénévole;Date d'inscription\nB1;01/02/2026\n")
        try f.dir.write("demandes.csv", "N° demande;Date d'appel;Type de service\nD1;03/10/2026 10:00;Courses\n")
        let path = try f.dir.write("interventions.csv", "N° demande;N° bénévole;Heure de réalisation;Réalisé le;"
            + "Heure de mise en relation\nD1;B1;;03/10/2026;11:00\n")
        let s = try f.run([f.dir.path("benevoles.csv"), f.dir.path("demandes.csv"), path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(s.files[2].unusedTimeColumns == ["Heure de mise en relation"])
        #expect(s.files[2].timeColumns == [TimeColumnNote(time: "Heure de réalisation", date: "Réalisé le")])
        #expect(s.files[2].dateNotes.last?.en == "\(path): the column \"Heure de mise en relation\" is not read: there "
            + "is no date column whose time it would give")
        #expect(s.files[2].dateNotes.last?.fr == "\(path) : la colonne « Heure de mise en relation » n'est pas lue : il "
            + "n'y a pas de colonne de date à laquelle joindre son heure")
        #expect(try value(f, "SELECT matched_at FROM assignments") == nil)
        #expect(try value(f, "SELECT done_at FROM assignments") == "2026-10-03T00:00:00+02:00")
        #expect(ImportSummaryText.render(s, database: f.dbPath).contains("\"Heure de mise en relation\" is not read"))
    }

    @Test func xlsxTimeCellsAndDurationCells() throws {
        let f = try ImportFixture()
        let path = try DatedWorkbook.write(f.dir.path("suivi.xlsx"), sheets: [
            (name: "benevoles", rows: [
                [.text("N° bénévole"), .text("Date d'inscription")],
                [.text("B1"), .date(2026, 2, 1)],
            ]),
            (name: "demandes", rows: [
                [.text("N° demande"), .text("Date d'appel"), .text("Heure"), .text("Type de service"), .text("Bénévole"),
                 .text("Réalisé le"), .text("Heure de réalisation"), .text("Heures")],
                // A date cell and a time cell; a time cell of 1:30 as the hours.
                [.text("D1"), .date(2026, 10, 3), .time(14, 5), .text("Courses"), .text("B1"), .date(2026, 10, 4),
                 .time(16, 30), .time(1, 30)],
                // Text date, text time; a `[h]:mm` duration of 36 hours.
                [.text("D2"), .text("05/10/2026"), .text("9h15"), .text("Courses"), .text("B1"), .text("06/10/2026"),
                 .empty, .duration(1.5)],
                // A date-and-time cell whose time agrees with the time cell; 45 minutes as `[h]:mm`.
                [.text("D3"), .dateTime(2026, 10, 7, 8, 0), .time(8, 0), .text("Courses"), .text("B1"), .empty, .empty,
                 .duration(0.03125)],
            ]),
        ])
        let s = try f.run([path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(try value(f, "SELECT received_at FROM requests WHERE request_id = 'D1'") == "2026-10-03T14:05:00+02:00")
        #expect(try value(f, "SELECT received_at FROM requests WHERE request_id = 'D2'") == "2026-10-05T09:15:00+02:00")
        #expect(try value(f, "SELECT received_at FROM requests WHERE request_id = 'D3'") == "2026-10-07T08:00:00+02:00")
        #expect(try value(f, "SELECT done_at FROM assignments WHERE request_id = 'D1'") == "2026-10-04T16:30:00+02:00")
        #expect(try f.value("SELECT hours FROM assignments WHERE request_id = 'D1'", as: Double.self) == 1.5)
        #expect(try f.value("SELECT hours FROM assignments WHERE request_id = 'D2'", as: Double.self) == 36)
        #expect(try f.value("SELECT hours FROM assignments WHERE request_id = 'D3'", as: Double.self) == 0.75)
        // Date cells are flagged, time and duration cells are not (the day/month order is no question for them).
        var flags: [[Bool]] = []
        try SpreadsheetFile.open(path: path).source(sheet: "demandes").forEachRecord { record in
            flags.append((0..<record.count).map { record.isDateCell($0) })
            return true
        }
        #expect(flags[1] == [false, true, false, false, false, true, false, false])
        #expect(flags[3] == [false, true, false, false, false, false, false, false])
    }

    @Test func odsTimeCellsGiveTheTime() throws {
        let dir = try TempDir()
        let row = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>D1</text:p></table:table-cell>"
            + "<table:table-cell office:value-type=\"date\" office:date-value=\"2026-10-03\"><text:p>03/10/26</text:p>"
            + "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>Courses</text:p></table:table-cell>"
            + "<table:table-cell office:value-type=\"time\" office:time-value=\"PT14H05M00S\"><text:p>14:05</text:p>"
            + "</table:table-cell></table:table-row>"
        let content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
            + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
            + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
            + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
            + "<table:table table:name=\"demandes\">"
            + HostileWorkbook.odsRow(["N° demande", "Date d'appel", "Type de service", "Heure d'appel"]) + row
            + "</table:table></office:spreadsheet></office:body></office:document-content>"
        let path = try HostileWorkbook.write(dir.path("demandes.ods"), [
            ("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)),
            ("content.xml", Data(content.utf8)),
        ])
        let f = try ImportFixture()
        let s = try f.run([path])
        #expect(s.committed && s.errorCount == 0, "\(s.errors)")
        #expect(try value(f, "SELECT received_at FROM requests") == "2026-10-03T14:05:00+02:00")
    }
}

extension CompanionTimeTests {
    @Test func anUnreadableDateSaysWhyWhenItCan() throws {
        let f = try ImportFixture()
        let path = try f.dir.write("demandes.csv", "N° demande;Date d'appel;Type de service\nD1;lundi 3 octobre 2026;Courses\n")
        let s = try f.run([path])
        #expect(s.errors.first?.message.hasSuffix("; 3 October 2026 is a Saturday, not a Monday: correct the weekday or "
            + "the date in the spreadsheet") == true, "\(s.errors)")
    }
}
