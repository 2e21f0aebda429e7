import Foundation
import Testing
@testable import EntraideKit

/// The monthly note on small databases built by hand (`IndicatorFixture`): it never compares
/// against months the data does not fully cover, says when the month is still running, flags
/// the first year's new residents, prints shares that add up and counts stale waits apart
/// (docs/INDICATORS.md, "The monthly note and the workbooks").
@Suite("Monthly note: honest comparisons")
struct SummaryHonestyTests {
    let nb = "\u{00A0}"

    /// Paris wall-clock noon of a day, as a `Date` (the report's "now").
    func now(_ day: String) -> Date {
        Date(timeIntervalSince1970: TimeInterval(LocalClock(identifier: "Europe/Paris")!
            .timestamp(local: Timestamp(iso8601: day + "T12:00:00+00:00")!.utc).utc))
    }

    func note(_ f: IndicatorFixture, _ month: String, now day: String, association: String? = nil,
              language: Language = .fr, settings: Settings = Settings()) throws -> String {
        let data = try MonthlyReportData.load(store: f.store, settings: settings, month: Month(month)!,
                                              association: association, now: now(day))
        return try MonthlySummary.render(data: data, language: language).markdown
    }

    /// A network whose data starts on `start` (a day of June 2026 by default, its first request):
    /// 11 more requests in June (9 done, 2 unmet), 14 in July (8 done, 1 unmet, 1 cancelled, 3 open,
    /// 1 matched) up to 15 July, the latest event; residents R0 to R11 in June, R4 to R17 in July.
    func network(start: String = "2026-06-10") throws -> IndicatorFixture {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        try f.volunteer("v2", joined: "2025-01-10")
        try f.request("s0", start + " 09:00", domain: "ecoute", resident: "R0", status: "done")
        try f.assignment("s0", "v2", matched: start + " 10:00", contacted: start + " 11:00", done: start + " 12:00", hours: 1)
        for i in 1...11 {
            let day = String(format: "2026-06-%02d", 11 + i)
            try f.request("j\(i)", day + " 10:00", domain: i % 2 == 0 ? "courses" : "ecoute", resident: "R\(i)",
                          status: i <= 9 ? "done" : "unmet")
            if i <= 9 {
                try f.assignment("j\(i)", "v1", matched: day + " 12:00", contacted: day + " 14:00", done: day + " 18:00", hours: 2)
            }
        }
        for i in 1...14 {
            let day = String(format: "2026-07-%02d", 1 + i)
            let status = i <= 8 ? "done" : i <= 11 ? "open" : i == 12 ? "matched" : i == 13 ? "cancelled" : "unmet"
            try f.request("k\(i)", day + " 10:00", domain: "courses", resident: "R\(i + 3)", status: status)
            if status == "done" || status == "matched" {
                try f.assignment("k\(i)", "v1", matched: day + " 15:00", contacted: day + " 16:00",
                                 done: status == "done" ? day + " 19:00" : nil, hours: status == "done" ? 1.5 : nil)
            }
        }
        return f
    }

    @Test func firstMonthOfDataComparesWithNothing() throws {
        let f = try network()
        let md = try note(f, "2026-06", now: "2026-10-01")
        #expect(md.contains("En juin 2026, le réseau a reçu 12 demandes."), "\(md)")
        #expect(md.contains("Les données commencent en juin 2026\u{202F}: pas de comparaison avec mai."))
        #expect(!md.contains("alors qu'il n'en avait reçu aucune"))
        #expect(!md.contains("pour la première fois"), "in the first year every resident is new: not news")
        #expect(md.contains("| Demandes reçues | 12 | – | – |"))
        #expect(md.contains("| dont nouveaux² | 12 | – | – |") || md.contains("| dont nouveaux¹ | 12 | – | – |"))
        #expect(md.contains("Première année de données (depuis juin 2026)\u{202F}: presque tous les habitants sont nouveaux"))
        #expect(md.contains("| Échanges téléphoniques | 7 | 58\u{202F}% | – |"), "no previous month in the domains either")
        #expect(!md.contains("La plus forte évolution"))
        // A custom template gets the same "–" for the month before.
        let data = try MonthlyReportData.load(store: f.store, settings: Settings(), month: Month("2026-06")!, now: now("2026-10-01"))
        let context = SummaryContext(data: data, language: .fr, charts: [:]).build()
        let load = try #require(context["load"] as? [String: Any])
        #expect((load["previous"] as? [String: Any])?["assignments"] as? String == "–")
        #expect(load["assignments"] as? String == "10", "s0 and j1 to j9")
        let delays = try #require(context["delays"] as? [String: [String: Any]])
        #expect((delays["match"]?["previous"] as? [String: Any])?["median"] as? String == "–")
        #expect(context["comparable"] as? Bool == false)
        let en = try note(f, "2026-06", now: "2026-10-01", language: .en)
        #expect(en.contains("In June 2026, the network received 12 requests. Of these,"))
        #expect(en.contains("were helped (at least one request carried out). The data starts in June 2026: no comparison with May."))
        #expect(!en.contains("while it received none") && !en.contains("for the first time"))
        #expect(en.contains("| Requests received | 12 | – | – |"))
    }

    @Test func newResidentsAreFlaggedInTheFirstYearOfDataEvenSeenFromLater() throws {
        // Fourteen months of data, June 2025 to July 2026: two requests a month, one by a new resident.
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        for i in 0..<14 {
            let m = Month(year: 2025, month: 6).adding(i)
            try f.request("a\(i)", "\(m)-05 10:00", resident: "N\(i)", status: "done")
            try f.request("b\(i)", "\(m)-15 10:00", resident: "N0", status: "done")
            try f.assignment("a\(i)", "v1", matched: "\(m)-05 11:00", done: "\(m)-05 12:00", hours: 1)
            try f.assignment("b\(i)", "v1", matched: "\(m)-15 11:00", done: "\(m)-15 12:00", hours: 1)
        }
        let first = try note(f, "2025-06", now: "2026-10-01")
        #expect(!first.contains("pour la première fois"), "the first month's residents are all new: not news")
        #expect(first.contains("Première année de données (depuis juin 2025)"))
        let later = try note(f, "2026-07", now: "2026-10-01")
        #expect(later.contains("2 habitants ont fait appel au réseau, dont 1 pour la première fois"), "\(later)")
        #expect(!later.contains("Première année de données"))
        #expect(later.contains("| dont nouveaux | 1 | 1 | 0 |"))
    }

    @Test func dataStartingMidwayInThePreviousMonthIsNotCompared() throws {
        let f = try network(start: "2026-05-20")
        let md = try note(f, "2026-06", now: "2026-10-01")
        #expect(md.contains("Les données commencent en mai 2026, peut-être en cours de mois\u{202F}: pas de comparaison avec mai."),
                "\(md)")
        #expect(md.contains("| Demandes reçues | 11 | – | – |"), "May's single request is not a month to compare with")
        #expect(!md.contains("de plus qu'en mai") && !md.contains("de moins qu'en mai"))
        // The month after is compared with June, a month the data covers from start to end.
        let july = try note(f, "2026-07", now: "2026-10-01")
        #expect(july.contains("| Demandes reçues | 14 | 11 | +3 (+27\u{202F}%) |"), "\(july)")
    }

    @Test func aMonthWithoutDataSaysSoInsteadOfZeros() throws {
        let f = try network()
        let before = try note(f, "2026-04", now: "2026-10-01")
        #expect(before.contains("\n\nLes données commencent en juin 2026\u{202F}: aucun chiffre pour avril 2026.\n\n"), "\(before)")
        #expect(before.contains("| Demandes reçues | – | – | – |"))
        #expect(!before.contains("n'a reçu aucune demande"), "no zero told as a fact")
        let after = try note(f, "2026-09", now: "2026-10-01")
        #expect(after.contains("Les données s'arrêtent au 15 juillet 2026 (dernier événement enregistré)\u{202F}: "
                               + "aucun chiffre pour septembre 2026."), "\(after)")
        #expect(after.contains("| Bénévoles actifs | – | – | – |"))
        #expect(!after.contains("| 0 |"))
    }

    @Test func theRunningMonthSaysSoWithItsRequestsInProgress() throws {
        let f = try network(start: "2026-05-20")
        // July is the month of the latest event (15 July): still open in the data, though over by the clock.
        let md = try note(f, "2026-07", now: "2026-10-01")
        #expect(md.contains("> Les données s'arrêtent au 15 juillet 2026 (dernier événement enregistré)\u{202F}: juillet 2026 est "
                            + "le dernier mois des données, encore ouvert, et 4 de ses demandes sont encore en cours"), "\(md)")
        #expect(md.contains("4 sont encore en cours"), "the lead says how many are in progress")
        #expect(md.contains("| dont réalisées¹ | 8 | 9 | −1 (−11\u{202F}%) |"), "done compared only with its footnote")
        #expect(md.contains("¹ Dernier mois des données, encore ouvert (chiffres au 15 juillet 2026)\u{202F}: 4 de ses demandes "
                            + "sont encore en cours (en attente ou mises en relation) et peuvent encore changer ces chiffres"))
        #expect(md.contains("| Habitants aidés¹ |"))
        #expect(!md.contains("La plus forte évolution"))
        // By the report's clock too: on 25 July the month is not over.
        let today = try note(f, "2026-07", now: "2026-07-25")
        #expect(today.contains("> Le mois n'est pas terminé\u{202F}: les chiffres s'arrêtent au 25 juillet 2026, et 4 de ses "
                               + "demandes sont encore en cours"), "\(today)")
        #expect(today.contains("¹ Mois en cours (chiffres au 25 juillet 2026)"))
        let en = try note(f, "2026-07", now: "2026-10-01", language: .en)
        #expect(en.contains("July 2026 is the data's last month, still open, and 4 of its requests are still in progress"))
        #expect(en.contains("| of which done¹ | 8 | 9 | -1 (-11%) |"))
    }

    @Test func outcomesAndResidentsReachedAgainstHelped() throws {
        let f = try network(start: "2026-05-20")
        let md = try note(f, "2026-07", now: "2026-10-01")
        // July: 14 received, 8 done, 1 unmet, 1 cancelled, 3 open + 1 matched; 13 not cancelled.
        #expect(md.contains("À cette date, 8 ont été réalisées, 1 est restée non pourvue, 1 a été annulée et 4 sont encore en cours "
                            + "(un bénévole a été trouvé pour 69\u{202F}% des demandes hors annulées, 62\u{202F}% ont été réalisées)."),
                "\(md)")
        #expect(md.contains("14 habitants ont fait appel au réseau\u{202F}; 8 ont été aidés (au moins une demande réalisée)."))
        #expect(md.contains("| Part des demandes (hors annulées) réalisées¹ | 62\u{202F}% | 82\u{202F}% | −20\(nb)pts |"), "\(md)")
        #expect(md.contains("| Habitants ayant appelé | 14 | 11 | +3 (+27\u{202F}%) |"))
        let match = md.components(separatedBy: "| **Trouver un bénévole** |").last?.components(separatedBy: "| **Rappel").first ?? ""
        #expect(match.contains("| demandes sans réponse | 4 | 4 | 2 | 2 |"), "open and unmet, none matched, in either time")
    }

    @Test func chartsSayWhichMonthsHaveNoData() throws {
        let f = try network()
        let data = try MonthlyReportData.load(store: f.store, settings: Settings(), month: Month("2026-06")!, now: now("2026-10-01"))
        let charts = try MonthlySummary.render(data: data, language: .fr).charts
        #expect(charts[2].svg.contains("mai 2026\u{202F}: – (pas de données)"), "requests before the data starts are not zeros")
        #expect(charts[2].svg.contains("juin 2026\u{202F}: 12"))
        #expect(charts[1].svg.contains("mai 2026\u{202F}: Inscrits 2, Actifs – (pas de données)"), "\(charts[1].svg)")
        #expect(charts[0].svg.contains("7 (58\u{202F}%)") && charts[0].svg.contains("5 (42\u{202F}%)"), "the table's shares")
    }

    @Test func printedDomainSharesAddUpTo100() throws {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        for (i, domain) in ["ecoute", "courses", "orientation"].enumerated() {
            try f.request("q\(i)", "2026-09-0\(i + 2) 10:00", domain: domain, resident: "R\(i)", status: "done")
            try f.assignment("q\(i)", "v1", matched: "2026-09-0\(i + 2) 11:00", done: "2026-09-0\(i + 2) 12:00", hours: 1)
        }
        try f.request("late", "2026-10-02 10:00", resident: "R9", status: "open")
        let md = try note(f, "2026-09", now: "2026-11-20")
        // 33,3 % each: rounded alone 33 + 33 + 33 = 99 next to a "100 %" total.
        #expect(md.contains("| Échanges téléphoniques | 1 | 34\u{202F}% |"), "\(md)")
        #expect(md.contains("| Courses et commissions | 1 | 33\u{202F}% |"))
        #expect(md.contains("| Mise en lien avec les professionnels | 1 | 33\u{202F}% |"))
        #expect(md.contains("| **Total** | **3** | **100\u{202F}%** |"))
        let chart = try MonthlySummary.render(data: MonthlyReportData.load(store: f.store, settings: Settings(),
                                                                           month: Month("2026-09")!, now: now("2026-11-20")),
                                              language: .fr).charts[0].svg
        #expect(chart.contains("1 (34\u{202F}%)") && chart.contains("1 (33\u{202F}%)"), "the chart prints the table's shares")
    }

    @Test func staleWaitsAreCountedApartWithTheirPartner() throws {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        try f.request("old1", "2026-05-02 10:00", resident: "A", status: "open", association: "Centre social")
        try f.request("old2", "2026-06-15 10:00", resident: "B", status: "open", association: "Centre social")
        try f.request("old3", "2026-07-20 10:00", resident: "C", status: "open")
        try f.request("old4", "2026-08-01 10:00", resident: "D", status: "open", association: "Étudiants")
        try f.request("real", "2026-10-10 10:00", resident: "E", status: "open", association: "Centre social")
        try f.request("done", "2026-10-20 10:00", resident: "F", status: "done")
        try f.assignment("done", "v1", matched: "2026-10-20 11:00", done: "2026-10-31 12:00", hours: 1)
        let md = try note(f, "2026-10", now: "2026-11-20")
        #expect(md.contains("À la fin du mois, 1 demande attendait un bénévole depuis plus de 7 jours\u{202F}; la plus ancienne "
                            + "depuis 21 jours (reçue le 10 octobre 2026)."), "\(md)")
        #expect(md.contains("- 4 demandes «\u{202F}en attente\u{202F}» depuis plus de 60 jours\u{202F}: à vérifier, probablement clôturées "
                            + "sans mise à jour\u{202F}; associations à interroger\u{202F}: Centre social (2), Étudiants (1), sans association (1)."))
        #expect(md.contains("Point d'attention\u{202F}: 1 demande attend depuis plus de 7 jours et 4 demandes «\u{202F}en attente\u{202F}» "
                            + "depuis plus de 60 jours sont à vérifier (voir les alertes plus bas)."))
        let partner = try note(f, "2026-10", now: "2026-11-20", association: "Centre social")
        #expect(partner.contains("2 demandes «\u{202F}en attente\u{202F}» depuis plus de 60 jours"))
        #expect(partner.contains("association à interroger\u{202F}: Centre social (2)."), "one partner, singular")
        let en = try note(f, "2026-10", now: "2026-11-20", language: .en)
        #expect(en.contains("4 requests “open” for more than 60 days: to check, probably closed without an update; "
                            + "partners to ask: Centre social (2), Étudiants (1), no partner (1)."), "\(en)")
    }
}
