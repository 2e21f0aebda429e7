import Foundation
import Testing
@testable import EntraideKit

/// The note's delays in real and in working time side by side, worked out by hand for one
/// month (docs/INDICATORS.md, "Working time"), its methods drawn from the catalogue, and the
/// valuation said not to be computed without a rate.
@Suite("Monthly note: working time and methods")
struct NoteWorkingTimeTests {
    let nb = "\u{00A0}", nn = "\u{202F}"

    func now(_ day: String) -> Date {
        Date(timeIntervalSince1970: TimeInterval(LocalClock(identifier: "Europe/Paris")!
            .timestamp(local: Timestamp(iso8601: day + "T12:00:00+00:00")!.utc).utc))
    }

    /// October 2026 with the default calendar (Monday to Friday 09:00–17:00), three requests:
    /// - Friday 23, 16:00, matched Monday 26, 10:00 (after the clocks went back on Sunday 25):
    ///   67 real hours, 2 working hours (16–17 on Friday, 9–10 on Monday); contacted 11:00: 68 h, 3 h.
    /// - Tuesday 20, 09:00, matched 12:00: 3 h and 3 h; contacted 13:00: 4 h and 4 h.
    /// - Wednesday 21, 18:00 (after closing), matched Thursday 22, 10:00: 16 h and 1 h;
    ///   contacted 11:00: 17 h and 2 h.
    func month(_ settings: Settings = Settings(), language: Language = .fr) throws -> String {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        try f.request("a", "2026-10-23 16:00", status: "done")
        try f.assignment("a", "v1", matched: "2026-10-26 10:00", contacted: "2026-10-26 11:00", done: "2026-10-26 12:00", hours: 1)
        try f.request("b", "2026-10-20 09:00", status: "done")
        try f.assignment("b", "v1", matched: "2026-10-20 12:00", contacted: "2026-10-20 13:00", done: "2026-10-20 14:00", hours: 1)
        try f.request("c", "2026-10-21 18:00", status: "done")
        try f.assignment("c", "v1", matched: "2026-10-22 10:00", contacted: "2026-10-22 11:00", done: "2026-10-22 12:00", hours: 1)
        let data = try MonthlyReportData.load(store: f.store, settings: settings, month: Month(year: 2026, month: 10),
                                              association: nil, now: now("2026-11-20"))
        return try MonthlySummary.render(data: data, language: language).markdown
    }

    /// The Markdown as read: the template's escapes (`target\_hours`) removed.
    func plain(_ markdown: String) -> String { MarkdownInline.unescape(markdown) }

    @Test func realAndWorkingTimeSideBySide() throws {
        let note = try month()
        // Match: real [3, 16, 67] → median 16, P90 16 + 0.8 × 51 = 56.8, 2 of 3 within 48 h;
        // working [1, 2, 3] → median 2, P90 2 + 0.8 × 1 = 2.8, all 3 within 16 h.
        // The month before has no data: "–".
        #expect(note.contains("| **Trouver un bénévole** | | | | |"))
        #expect(note.contains("| médiane | 16,0\(nb)h | 2,0\(nb)h | – | – |"))
        #expect(note.contains("| P90 | 56,8\(nb)h | 2,8\(nb)h | – | – |"))
        #expect(note.contains("| en 48\(nb)h / 16\(nb)h d'ouverture | 67\(nn)% | 100\(nn)% | – | – |")
                || note.contains("| en 48 h / 16 h d'ouverture | 67\(nn)% | 100\(nn)% | – | – |"))
        #expect(note.contains("| demandes mesurées | 3 | 3 | – | – |"))
        // Contact: real [4, 17, 68] → median 17, P90 17 + 0.8 × 51 = 57.8; working [2, 3, 4] → 3 and 3.8.
        #expect(note.contains("| **Rappel de l'habitant** | | | | |"))
        #expect(note.contains("| médiane | 17,0\(nb)h | 3,0\(nb)h | – | – |"))
        #expect(note.contains("| P90 | 57,8\(nb)h | 3,8\(nb)h | – | – |"))
        #expect(note.contains("| demandes sans réponse | 0 | 0 | – | – |"))
        #expect(note.contains("| Délai | octobre 2026, réel | octobre 2026, ouverture | septembre 2026, réel | septembre 2026, ouverture |"))

        let english = try month(language: .en)
        #expect(english.contains("| median | 16.0\(nb)h | 2.0\(nb)h | – | – |"))
        #expect(english.contains("| P90 | 57.8\(nb)h | 3.8\(nb)h | – | – |"))
    }

    @Test func theMethodsDefineTheNumbersInTheNotesLanguage() throws {
        let note = plain(try month())
        let catalogue = IndicatorCatalogue(settings: Settings(), domainCodes: Settings().domainCodes)
        let methods = note.components(separatedBy: "## Méthode").last ?? ""
        // "en heures d'ouverture" explained, from the catalogue, in French.
        let working = try #require(catalogue.definitions.first { $0.defines("delays.match.working.median_hours") })
        #expect(working.title.fr == "Délais en heures d'ouverture")
        #expect(methods.contains("- **Délais en heures d'ouverture.** " + Typography.french(working.text.fr)))
        // Every definition of a number the tables show, and only those: not the charts' target line.
        for key in ["requests.received", "requests.done_share", "residents.helped", "delays.contact.p90_hours",
                    "load.over_threshold", "hours.valuation_eur"] {
            let d = try #require(catalogue.definitions.first { $0.defines(key) })
            #expect(methods.contains("**" + Typography.french(d.title.fr) + ".**"), "\(key)")
        }
        let target = try #require(catalogue.definitions.first { $0.defines(IndicatorCatalogue.targetKey) })
        #expect(!methods.contains("**" + Typography.french(target.title.fr) + ".**"))
        // No board member is sent to an English developer file.
        #expect(!methods.contains("Les définitions complètes figurent dans docs/INDICATORS.md"))
        #expect(note.components(separatedBy: "docs/INDICATORS.md").count == 2)
        #expect(methods.contains("Détails pour les développeurs\(nn): docs/INDICATORS.md du projet."))

        let english = plain(try month(language: .en))
        #expect(english.contains("- **Delays in working hours.** " + working.text.en))
    }

    @Test func withoutARateTheValuationIsSaidNotToBeComputed() throws {
        let note = plain(try month())
        #expect(Settings().hourlyRateEUR == nil)
        #expect(note.contains("\n\nAucun taux horaire n'est configuré\(nn): la valorisation n'est pas calculée (réglage hourly_rate_eur ou hourly_rates).\n\n"))
        #expect(note.contains("**Valorisation (€).** " + Typography.french(IndicatorCatalogue.unsetRate.fr)))
        let english = plain(try month(language: .en))
        #expect(english.contains("\n\nNo hourly rate is configured: the valuation is not computed (setting hourly_rate_eur or hourly_rates).\n\n"))

        var rated = Settings()
        rated.hourlyRateEUR = 15
        let valued = try month(rated)
        #expect(!valued.contains("aucun taux horaire"))
        #expect(valued.contains("Heures de bénévolat × 15,00\(nb)€ de l'heure") || valued.contains("Heures de bénévolat × 15,00 € de l'heure"))
        // …and the rate in force is said under the headline table (docs/INDICATORS.md, "Valuation").
        #expect(plain(valued).contains("Les heures sont valorisées au taux en vigueur"), "\(valued)")
    }
}
