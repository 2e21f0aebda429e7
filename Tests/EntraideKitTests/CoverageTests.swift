@testable import EntraideKit
import Foundation
import SharedTestSupport
import Testing

/// Data coverage, the as-of instant and the figures that depend on it (docs/INDICATORS.md,
/// "Data coverage and the as-of instant"), worked out by hand on small databases.
@Suite("Coverage and the as-of instant")
struct CoverageTests {

    /// Data from 15 June to 20 September 2026, computed over April … October: April and May have
    /// no data, June to August are complete (June although it starts on the 15th: the data
    /// starts there, it is not missing), September is partial (the data stops inside it),
    /// October has none; the period as a whole is partial.
    @Test func dataStartingAndStoppingInsideThePeriod() throws {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        try f.request("q1", "2026-06-15 10:00", resident: "A", status: "done")
        try f.assignment("q1", "v1", matched: "2026-06-15 12:00", done: "2026-06-16 10:00", hours: 1)
        try f.request("q2", "2026-08-03 09:00", resident: "B", status: "matched")
        try f.assignment("q2", "v1", matched: "2026-09-20 18:30")
        let r = try f.compute("2026-04", "2026-10")
        #expect(r.coverage.firstMonth == Month("2026-06"))
        #expect(r.coverage.lastMonth == Month("2026-09"))
        #expect(r.coverage.asOf == f.at("2026-09-20 18:30"))
        #expect(r.coverage.monthsOfData == 4)
        #expect(r.months.map(\.indicators.data) == [.none, .none, .complete, .complete, .complete, .partial, .none])
        #expect(r.total.data == .partial)
        #expect(try f.compute("2026-06", "2026-08").total.data == .complete)
        #expect(try f.compute("2026-01", "2026-05").total.data == DataStatus.none)

        let json = r.json(settings: Settings())
        #expect(json.contains(#""coverage": {"first_month": "2026-06", "last_month": "2026-09", "as_of": "2026-09-20T18:30:00+02:00"}"#))
        #expect(json.contains(#"{ "month": "2026-04", "data": "none","#))
        #expect(json.contains(#"{ "month": "2026-09", "data": "partial","#))
        let table = r.table(settings: Settings())
        #expect(table.contains("Données de 2026-06 à 2026-09, arrêtées au 2026-09-20 18:30."))
        #expect(table.contains("2026-09 n'est pas terminé : ses chiffres peuvent encore changer."))
        // The same line in English, for another period of the same data.
        let august = try IndicatorEngine(store: f.store, settings: Settings())
            .compute(from: Month("2026-08")!, to: Month("2026-09")!).table(settings: Settings(), language: .en)
        #expect(august.contains("Data from 2026-06 to 2026-09, as of 2026-09-20 18:30."))
    }

    /// An event dated after the latest import is not the as-of instant; the month it falls in is
    /// not covered.
    @Test func anEventDatedInTheFutureIsNotTheAsOfInstant() throws {
        let f = try IndicatorFixture()  // the fixture's import ran on 2026-11-01 at 10:00
        try f.volunteer("v1", joined: "2025-01-10")
        try f.request("q1", "2026-10-05 10:00", status: "done")
        try f.assignment("q1", "v1", matched: "2026-10-06 10:00", done: "2026-12-24 10:00", hours: 1)  // a slip
        try f.request("q2", "2027-01-08 09:00")  // dated after the import
        let r = try f.compute("2026-10", "2027-01")
        #expect(r.coverage.asOf == f.at("2026-10-06 10:00"))
        #expect(r.coverage.lastMonth == Month("2026-10"))
        #expect(r.coverage.firstMonth == Month("2026-10"))
        #expect(r.months.map(\.indicators.data) == [.partial, .none, .none, .none])
        // The request is still counted where it is dated: the data keeps it, the coverage says
        // that January is not covered.
        #expect(r.months[3].indicators.requests.received == 1)
    }

    /// The import warns about each event dated after it, with where it is and what to do.
    @Test func theImportWarnsAboutDatesInTheFuture() throws {
        let f = try ImportFixture()  // the import runs on 2027-01-15 (Unix time 1 800 000 000)
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Type de service;Bénévole;Mis en relation le;Réalisée le
            D1;03/09/2026 14:05;Courses;B1;04/09/2026 09:00;04/10/2027 09:00
            D2;03/09/2062 14:05;Courses;;;
            D3;10/09/2026 10:00;Courses;;;
            """ + "\n")
        let s = try f.run([v, r])
        #expect(s.committed && s.errorCount == 0)
        #expect(s.warnings.futureDates == 2)
        #expect(s.warnings.futureExamples.map(\.description) == [
            "\(r):2: Réalisée le: 2027-10-04T09:00:00+02:00 is after this import: a date in the future? correct it in the "
                + "spreadsheet (it is imported, but the figures stop at the latest past date)",
            "\(r):3: Date d'appel: 2062-09-03T14:05:00+02:00 is after this import: a date in the future? correct it in "
                + "the spreadsheet (it is imported, but the figures stop at the latest past date)",
        ])
        let french = ImportSummaryText.warningLines(s, language: .fr).joined(separator: "\n")
        #expect(french.contains("2 dates postérieures à cette importation (dans le futur), importées"))
        // Both rows are kept.
        #expect(try f.value("SELECT count(*) FROM requests", as: Int.self) == 3)
    }

    /// The as-of instant is 20 September at 12:00. Of the requests never answered, the one
    /// received exactly 48 h before is not past the target yet ("strictly more"); one received a
    /// minute earlier is a miss; a recent one is not judged. An unmet request without a
    /// volunteer is unanswered too; a done request without a match time is neither counted nor
    /// unanswered; a cancelled one is left out.
    @Test func unansweredRequestsBeforeAndAfterTheTarget() throws {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        try f.request("on-time", "2026-09-01 10:00", status: "done")
        try f.assignment("on-time", "v1", matched: "2026-09-02 10:00", contacted: "2026-09-04 11:00",
                         done: "2026-09-20 12:00", hours: 1)                                  // the as-of instant
        try f.request("exactly-48", "2026-09-18 12:00")
        try f.request("a-minute-more", "2026-09-18 11:59")
        try f.request("recent", "2026-09-19 20:00")
        try f.request("unmet", "2026-09-05 10:00", status: "unmet")
        try f.request("done-untimed", "2026-09-06 10:00", status: "done")
        try f.assignment("done-untimed", "v1", done: "2026-09-07 10:00")
        try f.request("cancelled", "2026-09-07 10:00", status: "cancelled")
        let m = try f.compute("2026-09", "2026-09").months[0].indicators
        let match = m.delays.match
        // Match: on-time 24 h (counted); unanswered: exactly-48, a-minute-more, recent, unmet.
        #expect(match.count == 1 && match.unanswered == 4)
        // Past the target: a-minute-more (48 h 01 min before) and unmet (15 days before).
        #expect(match.unansweredPastTarget == 2)
        #expect(match.withinTargetShare == 1.0 / 3)
        // Contact: on-time took 73 h: counted, late. The same four are unanswered.
        let contact = m.delays.contact
        #expect(contact.count == 1 && contact.unanswered == 4 && contact.unansweredPastTarget == 2)
        #expect(contact.withinTargetShare == 0)
        // Matched, never contacted: unanswered for contact only.
        try f.request("matched-only", "2026-09-10 10:00", status: "matched")
        try f.assignment("matched-only", "v1", matched: "2026-09-10 11:00")
        let again = try f.compute("2026-09", "2026-09").months[0].indicators.delays
        #expect(again.match.count == 2 && again.match.unanswered == 4 && again.match.withinTargetShare == 2.0 / 4)
        #expect(again.contact.count == 1 && again.contact.unanswered == 5 && again.contact.unansweredPastTarget == 3)
        #expect(again.contact.withinTargetShare == 0)
    }

    /// Without any measured or judged request, the share is null rather than 0 or 100 %.
    @Test func theShareIsNullWhenNothingIsJudgedYet() throws {
        let f = try IndicatorFixture()
        try f.request("q1", "2026-09-19 20:00")
        try f.request("q2", "2026-09-20 12:00")  // the as-of instant: q1 is 16 h old
        let d = try f.compute("2026-09", "2026-09").total.delays.match
        #expect(d.count == 0 && d.unanswered == 2 && d.unansweredPastTarget == 0 && d.withinTargetShare == nil)
    }

    /// Matched and done shares leave the cancelled requests out; reached counts who asked,
    /// helped who had a request done.
    @Test func sharesWithCancelledRequestsAndReachedAgainstHelped() throws {
        let f = try IndicatorFixture()
        try f.request("a1", "2026-09-01 10:00", resident: "A", status: "done")
        try f.request("a2", "2026-09-02 10:00", resident: "A", status: "cancelled")
        try f.request("b1", "2026-09-03 10:00", resident: "B", status: "cancelled")
        try f.request("c1", "2026-09-04 10:00", resident: "C", status: "unmet")
        try f.request("d1", "2026-09-05 10:00", resident: "D", status: "matched")
        try f.request("e1", "2026-09-06 10:00", resident: "E", status: "open")
        try f.request("x1", "2026-09-07 10:00", resident: nil, status: "done")
        try f.request("a3", "2026-10-01 10:00", resident: "A", status: "done")
        let r = try f.compute("2026-09", "2026-10")
        let sep = r.months[0].indicators
        // Not cancelled: a1, c1, d1, e1, x1 (5); matched or done: a1, d1, x1; done: a1, x1.
        #expect(sep.requests.notCancelled == 5)
        #expect(sep.requests.matchedShare == 3.0 / 5 && sep.requests.doneShare == 2.0 / 5)
        #expect(sep.requests.inProgress == 2)
        // Reached: A, B, C, D, E (x1 has no identity). Helped: A only (x1 has no identity).
        #expect(sep.residents.reached == 5 && sep.residents.helped == 1)
        // October: A again. Over both months A counts once in each figure.
        #expect(r.months[1].indicators.residents.reached == 1 && r.months[1].indicators.residents.helped == 1)
        #expect(r.total.residents.reached == 5 && r.total.residents.helped == 1)
        // A month where every request was cancelled has no share at all.
        let g = try IndicatorFixture()
        try g.request("z1", "2026-09-01 10:00", status: "cancelled")
        let z = try g.compute("2026-09", "2026-09").total.requests
        #expect(z.matchedShare == nil && z.doneShare == nil)
    }

    /// A period starting with the first month of data is a base for comparison only when the
    /// data starts in that month's first week.
    @Test func theFirstMonthIsComparableOnlyFromItsFirstWeek() throws {
        for (first, comparable) in [("2026-06-01 10:00", true), ("2026-06-07 18:00", true), ("2026-06-08 09:00", false),
                                    ("2026-06-15 10:00", false)] {
            let f = try IndicatorFixture()
            try f.request("q1", first)
            try f.request("q2", "2026-08-20 10:00")
            let c = try f.compute("2026-06", "2026-08").coverage
            #expect(c.isComparable(from: Month("2026-06")!, to: Month("2026-06")!) == comparable, "\(first)")
            #expect(c.isComparable(from: Month("2026-07")!, to: Month("2026-07")!))
            #expect(!c.isComparable(from: Month("2026-05")!, to: Month("2026-07")!))  // May has no data
            #expect(!c.isComparable(from: Month("2026-08")!, to: Month("2026-08")!))  // August is partial
        }
    }
}
