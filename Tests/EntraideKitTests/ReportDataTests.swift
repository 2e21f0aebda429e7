import Foundation
import Testing
@testable import EntraideKit

@Suite struct ReportDataTests {
    /// Requests of September–October 2026, some still open.
    func fixture() throws -> ImportFixture {
        let f = try ImportFixture()
        let v = try f.dir.write("benevoles.csv", Exports.volunteers)
        let r = try f.dir.write("demandes.csv", """
            N° demande;Date d'appel;Téléphone de l'habitant;Type de service;Statut;Association;Bénévole;Mis en relation le
            S1;10/09/2026 10:00;0611111111;Courses;;Centre social;B1;10/09/2026 12:00
            S2;20/09/2026 10:00;0622222222;Écoute;;AFEV;;
            O1;01/10/2026 09:00;0611111111;Courses;;Centre social;;
            O2;28/10/2026 09:00;0633333333;Jardinage;;Centre social;;
            O3;30/10/2026 09:00;;Écoute;Annulée;AFEV;;
            """ + "\n")
        try f.run([v, r])
        return f
    }

    @Test func monthlyDataHasTrendPreviousAndWaitingRequests() throws {
        let f = try fixture()
        let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01: the month is over
        let data = try MonthlyReportData.load(store: f.store, settings: f.settings, month: Month("2026-10")!, now: now)
        #expect(data.trend.count == 12)
        #expect(data.trend.first?.month == Month("2025-11") && data.trend.last?.month == Month("2026-10"))
        #expect(data.current.requests.received == 3 && data.previous.requests.received == 2)
        // At the end of October (reference), open for more than 7 days: S2 (since 20/09), O1 (since 01/10).
        // O2 waits only 3 days 15 hours; O3 is cancelled; S1 is matched.
        #expect(data.reference.iso8601 == "2026-11-01T00:00:00+01:00")
        #expect(data.waiting.map(\.requestID) == ["S2", "O1"])
        // 20/09 10:00 +02:00 → 01/11 00:00 +01:00: 41 days and 15 hours.
        #expect(abs(data.waiting[0].daysWaiting - (41 + 15.0 / 24)) < 1e-9)
        #expect(data.waiting.allSatisfy { $0.residentKey?.hasPrefix("h") ?? true })
    }

    @Test func associationRestrictsWaitingRequests() throws {
        let f = try fixture()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let data = try MonthlyReportData.load(store: f.store, settings: f.settings, month: Month("2026-10")!,
                                              association: "Centre social", now: now)
        #expect(data.waiting.map(\.requestID) == ["O1"])
    }

    @Test func referenceIsNowWhileTheMonthRuns() throws {
        let f = try fixture()
        // 2026-10-10T12:00:00Z: O1 has waited 9 days and 5 hours; S2 too (20 days).
        let now = Date(timeIntervalSince1970: 1_791_633_600)
        let data = try MonthlyReportData.load(store: f.store, settings: f.settings, month: Month("2026-10")!, now: now)
        #expect(data.reference.iso8601 == "2026-10-10T14:00:00+02:00")
        #expect(data.waiting.map(\.requestID) == ["S2", "O1"])
    }

    @Test func periodDataComparesWithThePreviousPeriodOfEqualLength() throws {
        let f = try fixture()
        let data = try PeriodReportData.load(store: f.store, settings: f.settings, from: Month("2026-10")!,
                                             to: Month("2026-10")!)
        #expect(data.monthCount == 1)
        #expect(data.report.total.requests.received == 3)
        #expect(data.previous.from == Month("2026-09") && data.previous.total.requests.received == 2)
    }
}
