import Testing
@testable import EntraideKit

/// The lead sentence's "largest change" (docs/INDICATORS.md, "The monthly note and the workbooks"), on fixtures
/// built to trap it.
@Suite("Lead sentence: the largest change")
struct LeadChangeTests {
    let nb = "\u{00A0}"

    func candidate(_ key: String, _ c: Double, _ p: Double) -> LeadChange.Candidate {
        LeadChange.Candidate(key: key, phrase: key, current: c, previous: p, currentText: "\(c)", previousText: "\(p)",
                             changeText: "")
    }

    @Test func ruleOnCandidates() {
        // −50 % of a count of 20 beats +26 % of the hours; −100 % of 4 is below the base.
        let chosen = LeadChange.choose([candidate("hours.total", 190.0, 151.3), candidate("volunteers.active", 10, 20),
                                        candidate("volunteers.left", 0, 4)])
        #expect(chosen == .chosen(candidate("volunteers.active", 10, 20)))
        // A tie (as printed: +50 % both) goes to the row listed first.
        #expect(LeadChange.choose([candidate("a", 15, 10), candidate("b", 30, 20)]) == .chosen(candidate("a", 15, 10)))
        #expect(LeadChange.choose([candidate("a", 12, 12), candidate("b", 3, 9)]) == .stable)
        #expect(LeadChange.choose([candidate("a", 9, 30), candidate("b", 3, 0)]) == .tooSmall,
                "9 is below the base of 10 in one month")
        #expect(LeadChange.choose([]) == .tooSmall)
        // The base applies to the printed value: 10,0 h counts, 9,96 h printed as 10,0 h too.
        #expect(LeadChange.choose([candidate("h", 10.0, 12.5)]) == .chosen(candidate("h", 10.0, 12.5)))
    }

    /// Hours +26 % (190,04 h against 151,26 h) against active volunteers 20 → 10 (−50 %), volunteers
    /// who left 4 → 0 (−100 %), « Autre » 4 → 0 (−100 %), and figures outside the headline table
    /// (the median match delay ×10, assignments ×4) that must not be named.
    func trap() -> SyntheticMonth {
        var m = SyntheticMonth()
        m.current.hours.total = 190.04
        m.previous.hours.total = 151.26
        m.current.volunteers.active = 10
        m.previous.volunteers.active = 20
        m.current.volunteers.left = 0
        m.previous.volunteers.left = 4
        m.current.volunteers.registered = 50
        m.previous.volunteers.registered = 52
        m.current.requests.received = 44
        m.previous.requests.received = 40
        m.current.requests.byDomain = ["ecoute": 10, "courses": 30, "orientation": 4, "coup_de_main": 0, "autre": 0]
        m.previous.requests.byDomain = ["ecoute": 16, "courses": 20, "orientation": 0, "coup_de_main": 0, "autre": 4]
        m.current.requests.byStatus[.done] = 44
        m.previous.requests.byStatus[.done] = 40
        m.current.delays.match.medianHours = 20
        m.previous.delays.match.medianHours = 2
        m.current.load.assignments = 40
        m.previous.load.assignments = 10
        return m
    }

    @Test func namesTheLargestRelativeChangeWithTheTablesNumbers() throws {
        let md = try trap().render()
        #expect(md.contains("La plus forte évolution concerne les bénévoles actifs\u{202F}: 10 contre 20 en septembre (−10 (−50\u{202F}%))."),
                "\(md)")
        #expect(md.contains("| Bénévoles actifs | 10 | 20 | −10 (−50\u{202F}%) |"), "the same numbers as the table")
        #expect(md.contains("| Heures de bénévolat | 190,0\(nb)h | 151,3\(nb)h | +38,7\(nb)h (+26\u{202F}%) |"),
                "the difference of the printed hours, not +38,8")
        #expect(!md.contains("Autre\u{202F}»\u{202F}:"), "« Autre » 4 → 0 is never named")
        #expect(!md.contains("délai médian"), "a figure not in the headline table is never named")
        let en = try trap().render(.en)
        #expect(en.contains("The largest change is in active volunteers: 10, compared with 20 in September (-10 (-50%))."))
    }

    @Test func aTinyCountIsNeverTheHeadline() throws {
        var m = trap()
        m.current.volunteers.active = 19  // −5 %: now the hours' +26 % is the largest among figures ≥ 10.
        let md = try m.render()
        #expect(md.contains("La plus forte évolution concerne les heures de bénévolat\u{202F}: 190,0\(nb)h contre 151,3\(nb)h "
                            + "en septembre (+38,7\(nb)h (+26\u{202F}%))."), "\(md)")
        #expect(md.contains("| Bénévoles partis | 0 | 4 | −4 (−100\u{202F}%) |"), "the −100 % is in the table, not in the lead")
    }

    @Test func smallFiguresSingleOutNothing() throws {
        var m = SyntheticMonth()
        m.current.requests.received = 6
        m.previous.requests.received = 3
        m.current.volunteers.active = 2
        m.previous.volunteers.active = 4
        let md = try m.render()
        #expect(md.contains("Aucun chiffre n'atteint 10 dans les deux mois\u{202F}: aucune évolution n'est mise en avant."))
        #expect(!md.contains("La plus forte évolution"))
    }

    @Test func aRunningMonthSinglesOutNothing() throws {
        var m = trap()
        m.current.data = .partial
        m.coverage.lastMonth = m.month
        m.coverage.asOf = Timestamp(iso8601: "2026-10-28T10:00:00+01:00")
        m.current.requests.byStatus[.open] = 3
        m.current.requests.byStatus[.matched] = 2
        let md = try m.render()
        #expect(!md.contains("La plus forte évolution"))
        #expect(md.contains("aucune évolution n'est mise en avant"))
        #expect(md.contains("5 de ses demandes sont encore en cours"), "\(md)")
        #expect(md.contains("| dont réalisées¹ | 44 | 40 | +4 (+10\u{202F}%) |"), "done is compared only with its caveat")
    }
}
