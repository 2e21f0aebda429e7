@testable import EntraideKit
import Foundation
import SharedTestSupport
import Testing

/// Dated and domain hourly rates, the valuation per assignment, the method note and the
/// accounting journal (docs/INDICATORS.md, "Valuation"). Every figure below is worked by hand.
@Suite("Valuation")
struct ValuationTests {
    /// General rates 12,02 € from 1 January 2026 and 12,50 € from 1 July 2026; a rate of 15 €
    /// for errands (`courses`) from 1 April 2026.
    static func settings() throws -> Settings {
        try Settings.parse(toml: """
            hourly_rates = [
              {from = "2026-01-01", eur = 12.02, source = "SMIC horaire brut au 1er janvier 2026"},
              {from = 2026-07-01, eur = 12.5},
              {from = "2026-04-01", eur = 15, domain = "Courses et commissions"},
            ]
            """)
    }

    /// The assignments of the worked example (local time, Europe/Paris):
    /// - a: phone conversation done 10 February, 2 h at 12,02 € = 24,04 €;
    /// - b: errand done 31 March 23:30, 1,5 h, the day before the errands' rate: 12,02 € = 18,03 €;
    /// - c: errand done 1 April 00:30 (still 31 March in UTC), 1 h at the errands' 15 € = 15 €;
    /// - d: phone conversation done 30 June, 3 h at 12,02 € = 36,06 €;
    /// - e: phone conversation done 1 July, 1 h at the new 12,50 € = 12,50 €;
    /// - f: errand done 15 July, 2 h at 15 € (the domain rate wins over the newer general rate) = 30 €;
    /// - g: done 20 May without hours: left out, counted;
    /// - h: done 15 December 2025, before the first rate's date: the first rate, 1 h = 12,02 €.
    /// The year 2026: 24,04 + 18,03 + 15 + 36,06 + 12,50 + 30 = 135,63 € for 10,5 h.
    static func fixture() throws -> IndicatorFixture {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        let rows: [(String, String, String, String, Double?)] = [
            ("a", "ecoute", "2026-02-09 10:00", "2026-02-10 10:00", 2),
            ("b", "courses", "2026-03-30 10:00", "2026-03-31 23:30", 1.5),
            ("c", "courses", "2026-03-31 10:00", "2026-04-01 00:30", 1),
            ("d", "ecoute", "2026-06-29 10:00", "2026-06-30 10:00", 3),
            ("e", "ecoute", "2026-06-30 10:00", "2026-07-01 09:00", 1),
            ("f", "courses", "2026-07-14 10:00", "2026-07-15 10:00", 2),
            ("g", "ecoute", "2026-05-19 10:00", "2026-05-20 10:00", nil),
            ("h", "ecoute", "2025-12-14 10:00", "2025-12-15 10:00", 1),
        ]
        for (id, domain, received, done, hours) in rows {
            try f.request(id, received, domain: domain, status: "done")
            try f.assignment(id, "v1", matched: received, done: done, hours: hours)
        }
        return f
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    @Test func settingsReadDatedAndDomainRates() throws {
        let s = try Self.settings()
        #expect(s.hourlyRateEUR == nil && s.valuesHours)
        #expect(s.hourlyRates == [
            HourlyRate(from: 2026, 1, 1, eur: 12.02, source: "SMIC horaire brut au 1er janvier 2026"),
            HourlyRate(from: 2026, 7, 1, eur: 12.5),
            HourlyRate(from: 2026, 4, 1, eur: 15, domain: "courses"),  // the label is stored as its code
        ])
        #expect(s.hourlyRates[1].fromText == "01/07/2026")
        // One number stays one general rate in force on every day.
        let one = try Settings.parse(toml: "hourly_rate_eur = 15")
        #expect(one.valuationRates == [HourlyRate(eur: 15)] && one.hourlyRates.isEmpty)
        #expect(!Settings().valuesHours)
    }

    @Test func aRateWithFractionsOfACentIsRefused() throws {
        #expect(throws: UserError.self) { try Settings.parse(toml: "hourly_rate_eur = 12.005") }
        #expect(try Settings.parse(toml: "hourly_rate_eur = 12.01").hourlyRateEUR == 12.01)
        #expect(try Settings.parse(toml: "hourly_rates = [{from = \"2026-01-01\", eur = 0.29}]").valuesHours)
    }

    @Test func badRatesNameTheKeyWithAnExample() {
        let cases: [(String, String)] = [
            ("hourly_rate_eur = 12\nhourly_rates = [{from = \"2026-01-01\", eur = 12.02}]", "setting `hourly_rates`: hourly_rate_eur and hourly_rates are both given"),
            ("hourly_rates = [{from = \"2026-01-01\", eur = 12.02}, {from = \"2026-07-01\", eur = 2000}]", "setting `hourly_rates[2].eur`: expected a number of euros to the cent (11.88) from 0 to 1000"),
            ("hourly_rates = [{from = \"2026-01-01\", eur = 11.8849999}]", "setting `hourly_rates[1].eur`: expected a number of euros to the cent (11.88)"),
            ("hourly_rates = [{from = \"2026-01-01\", eur = -1}]", "setting `hourly_rates[1].eur`"),
            ("hourly_rates = [{from = \"2026-02-30\", eur = 12}]", "setting `hourly_rates[1].from`: expected a date YYYY-MM-DD from 1900 to 2200"),
            ("hourly_rates = [{from = \"1850-01-01\", eur = 12}]", "setting `hourly_rates[1].from`"),
            ("hourly_rates = [{from = 2201-01-01, eur = 12}]", "setting `hourly_rates[1].from`"),
            ("hourly_rates = [{eur = 12}]", "setting `hourly_rates[1].from`: missing"),
            ("hourly_rates = [{from = \"2026-01-01\"}]", "setting `hourly_rates[1].eur`: missing"),
            ("hourly_rates = [{from = \"2026-01-01\", eur = 12, rate = 3}]", "setting `hourly_rates[1].rate`: unknown key"),
            ("hourly_rates = [{from = \"2026-01-01\", eur = 12}, {from = \"2026-01-01\", eur = 13, domain = \"jardin potager\"}]",
             "setting `hourly_rates[2].domain`: unknown domain \"jardin potager\""),
            ("hourly_rates = [{from = \"2026-01-01\", eur = 12, domain = \"courses\"}]", "give at least one rate without domain"),
            ("hourly_rates = [{from = \"2026-01-01\", eur = 12}, {from = \"2026-01-01\", eur = 13}]", "setting `hourly_rates[2]`: same day and domain as hourly_rates[1]"),
            ("hourly_rates = [{from = \"2026-01-01\", eur = 12}, {from = \"2026-01-01\", eur = 13, domain = \"courses\"}, {from = \"2026-01-01\", eur = 14, domain = \"Courses\"}]",
             "setting `hourly_rates[3]`: same day and domain as hourly_rates[2]"),
            ("hourly_rates = [{from = \"2026-01-01\", eur = 12, source = \"\"}]", "setting `hourly_rates[1].source`"),
            ("hourly_rates = []", "setting `hourly_rates`: expected a non-empty list"),
            ("hourly_rates = 12", "setting `hourly_rates`"),
        ]
        for (toml, expected) in cases {
            do {
                _ = try Settings.parse(toml: toml)
                Issue.record("\(toml) should be refused")
            } catch let error as UserError {
                #expect(error.kind == .badSetting)
                #expect(error.message.contains(expected), "\(error.message)")
                // The example that ends every message.
                #expect(error.message.contains("e.g. hourly_rates = [{from"), "\(error.message)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func datedRatesAcrossAChangeOfRateAndADomainRate() throws {
        let f = try Self.fixture()
        let report = try f.compute("2026-01", "2026-12", settings: try Self.settings())
        let v = report.months.map { $0.indicators.hours.valuationEUR }
        #expect(v[0] == 0)                            // January: no hours, valued 0, not null
        #expect(Self.close(v[1], 24.04))              // a
        #expect(Self.close(v[2], 18.03))              // b, the evening before the errands' rate
        #expect(Self.close(v[3], 15))                 // c, after local midnight
        #expect(v[4] == 0)                            // May: g has no hours
        #expect(Self.close(v[5], 36.06))              // d
        #expect(Self.close(v[6], 42.5))               // e at 12,50 € and f at 15 €
        #expect(Self.close(report.total.hours.valuationEUR, 135.63))
        #expect(report.total.hours.total == 10.5)
        // July's hours per rate: rate 2 (12,50 €) for e, rate 3 (15 €) for f.
        let july = report.months[6].indicators.hours.byRate
        #expect(july.map(\.index) == [1, 2] && july.map(\.hours) == [1, 2])
        // Over the year: 12,02 € valued a, b and d (6,5 h).
        #expect(report.total.hours.byRate.map(\.hours) == [6.5, 1, 3])
        #expect(report.total.hours.assignmentsDone == 7 && report.total.hours.assignmentsWithoutHours == 1)
        // Before the first rate's date, the first rate: h, 1 h in December 2025.
        let before = try f.compute("2025-12", "2025-12", settings: try Self.settings())
        #expect(Self.close(before.total.hours.valuationEUR, 12.02))
        // Without a rate: null, the hours unchanged.
        let none = try f.compute("2026-01", "2026-12")
        #expect(none.total.hours.valuationEUR == nil && none.total.hours.total == 10.5 && none.total.hours.byRate.isEmpty)
    }

    @Test func theJournalSumsToTheCentWithALinePairPerMonthWithHours() throws {
        let f = try Self.fixture()
        let settings = try Self.settings()
        let report = try f.compute("2026-01", "2026-12", settings: settings)
        let journal = try #require(AccountingJournal(report: report, settings: settings))
        // February, March, April, June, July: no line for January (nothing done) nor May (no hours).
        #expect(journal.lines.map(\.date) == ["28/02/2026", "28/02/2026", "31/03/2026", "31/03/2026", "30/04/2026",
                                              "30/04/2026", "30/06/2026", "30/06/2026", "31/07/2026", "31/07/2026"])
        #expect(journal.lines.map(\.account) == Array(repeating: ["864", "875"], count: 5).flatMap { $0 })
        #expect(journal.lines.compactMap(\.debitCents) == [2404, 1803, 1500, 3606, 4250])
        #expect(journal.debitTotalCents == 13563 && journal.creditTotalCents == 13563 && journal.totalCents == 13563)
        #expect(journal.lines[2].label == "Valorisation du bénévolat — mars 2026 (1,5\u{00A0}h × 12,02\u{00A0}€)")
        #expect(journal.lines[8].label == "Valorisation du bénévolat — juillet 2026 (1\u{00A0}h × 12,50\u{00A0}€ + 2\u{00A0}h × 15,00\u{00A0}€)")
        let csv = journal.csv
        #expect(csv.hasPrefix("\u{FEFF}Date;Compte;Intitulé du compte;Libellé;Débit;Crédit\r\n"))
        #expect(csv.contains("\r\n31/07/2026;864;Personnel bénévole;Valorisation du bénévolat — juillet 2026 (1\u{00A0}h × 12,50\u{00A0}€ + 2\u{00A0}h × 15,00\u{00A0}€);42,50;\r\n"))
        #expect(csv.contains("\r\n31/07/2026;875;Bénévolat;Valorisation du bénévolat — juillet 2026 (1\u{00A0}h × 12,50\u{00A0}€ + 2\u{00A0}h × 15,00\u{00A0}€);;42,50\r\n"))
        #expect(csv.components(separatedBy: "\r\n").count == 12)  // header, 10 lines, the empty string after the last CRLF
        let english = try #require(AccountingJournal(report: report, settings: settings, language: .en))
        #expect(english.lines[2].label == "Volunteer time valuation — March 2026 (1.5\u{00A0}h × €12.02)")
        #expect(english.csv.hasPrefix("\u{FEFF}Date;Account;Account name;Label;Debit;Credit\r\n"))
        #expect(english.csv.contains(";42,50;"))  // amounts keep the decimal comma accounting programs read
        // Nothing to enter without a rate.
        #expect(AccountingJournal(report: try f.compute("2026-01", "2026-12"), settings: Settings()) == nil)
    }

    @Test func journalWrittenIntoAFolderWithAByteOrderMark() throws {
        let f = try Self.fixture()
        let settings = try Self.settings()
        let journal = try #require(AccountingJournal(report: try f.compute("2026-01", "2026-12", settings: settings),
                                                     settings: settings))
        let folder = f.dir.path("annual")
        try OutputFolder.create(folder)
        let path = try journal.write(into: folder)
        #expect(path.hasSuffix("/ecritures-benevolat-2026.csv"))
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes, as: UTF8.self) == journal.csv)
        // Only the journal: no temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ecritures-benevolat-2026.csv"])
    }

    /// A third of an hour at 12,02 € is 4,006… € each month: rounding each month would enter
    /// 3 × 4,01 = 12,03 €, a cent more than the 12,02 € the three months are worth.
    @Test func roundingByTheLargestRemainderKeepsTheYearsTotal() throws {
        #expect(LargestRemainder.cents([0.005, 0.005, 0.005]) == [1, 1, 0])
        #expect(LargestRemainder.cents([0.29, 1.1]) == [29, 110])  // no float residue taken for a remainder
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        for (k, month) in ["01", "02", "03"].enumerated() {
            try f.request("r\(k)", "2026-\(month)-10 10:00", domain: "ecoute", status: "done")
            try f.assignment("r\(k)", "v1", matched: "2026-\(month)-10 11:00", done: "2026-\(month)-11 10:00", hours: 1.0 / 3)
        }
        let settings = try Settings.parse(toml: "hourly_rates = [{from = \"2026-01-01\", eur = 12.02}]")
        let report = try f.compute("2026-01", "2026-12", settings: settings)
        let journal = try #require(AccountingJournal(report: report, settings: settings))
        #expect(journal.lines.compactMap(\.debitCents) == [401, 401, 400])
        #expect(journal.debitTotalCents == 1202 && journal.creditTotalCents == 1202)
        #expect(journal.lines[0].label.hasSuffix("(0,33\u{00A0}h × 12,02\u{00A0}€)"))
        #expect(ValuationMethod(report: report, settings: settings).valuationCents == 1202)
    }

    /// A rate that changes on the 15th: the month's assignments are valued on either side of
    /// local midnight, and the journal's label gives both rates.
    @Test func aChangeOfRateWithinAMonth() throws {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        for (id, domain, done, hours) in [("a", "ecoute", "2026-03-14 23:50", 1.0), ("b", "courses", "2026-03-15 00:10", 1.0),
                                          ("c", "autre", "2026-03-31 10:00", 0.5), ("d", "ecoute", "2026-04-02 10:00", 2.0)] {
            try f.request(id, "2026-03-01 10:00", domain: domain, status: "done", association: id == "b" ? "AFEV" : nil)
            try f.assignment(id, "v1", matched: "2026-03-01 11:00", done: done, hours: hours)
        }
        let settings = try Settings.parse(toml: """
            hourly_rates = [{from = "2026-01-01", eur = 10}, {from = "2026-03-15", eur = 20}]
            """)
        let report = try f.compute("2026-03", "2026-04", settings: settings)
        let march: Double = 10 + 20 + 10  // a at 10 €, b at 20 €, half an hour of c at 20 €
        #expect(report.months[0].indicators.hours.valuationEUR == march)
        #expect(report.months[1].indicators.hours.valuationEUR == 40)
        let journal = try #require(AccountingJournal(report: report, settings: settings))
        #expect(journal.lines[0].label == "Valorisation du bénévolat — mars 2026 (1\u{00A0}h × 10,00\u{00A0}€ + 1,5\u{00A0}h × 20,00\u{00A0}€)")
        #expect(journal.totalCents == 8000)
        #expect(journal.fileName == "ecritures-benevolat-2026-03-2026-04.csv")
        // One association: the assignments of its requests only (b, 1 h at 20 €).
        let afev = try f.compute("2026-03", "2026-04", association: "afev", settings: settings)
        #expect(afev.total.hours.valuationEUR == 20 && afev.total.hours.assignmentsDone == 1)
    }

    @Test func theMethodNoteGivesTheFullTimeEquivalentAndWhatIsLeftOut() throws {
        let f = try Self.fixture()
        let settings = try Self.settings()
        let year = ValuationMethod(report: try f.compute("2026-01", "2026-12", settings: settings), settings: settings)
        #expect(year.hours == 10.5 && year.fullTimeHours == 1607)
        #expect(Self.close(year.fullTimeEquivalent, 10.5 / 1607))
        #expect(year.assignmentsDone == 7 && year.assignmentsWithoutHours == 1 && year.valuationCents == 13563)
        let fr = year.markdown(.fr)
        #expect(fr.contains("**Unité**\u{202F}: l'heure de bénévolat donnée"))
        #expect(fr.contains("12,02\u{00A0}€ de l'heure à partir du 01/01/2026 (SMIC horaire brut au 1er janvier 2026)"))
        #expect(fr.contains("15,00\u{00A0}€ de l'heure à partir du 01/04/2026 pour Courses et commissions"))
        #expect(fr.contains("1 des 7 mises en relation réalisées dans la période n'a pas de durée déclarée (vide ou 0)\u{202F}: elle n'est ni comptée dans les heures ni valorisée"))
        #expect(fr.contains("10,5\u{00A0}h ÷ 1\u{00A0}607\u{00A0}h = 0,01 équivalent temps plein"))
        #expect(fr.contains("135,63\u{00A0}€ au total"))
        // The data runs from December 2025 to July 2026: it covers 7 of the year's months.
        #expect(year.monthsWithData == 7 && Self.close(year.fullTimeEquivalentOverData, 10.5 / (1607.0 * 7 / 12)))
        #expect(fr.contains("année 2026 (12 mois)\u{202F}; les données en couvrent 7\u{202F}: les heures des autres mois ne sont pas connues"))
        #expect(fr.contains("Sur les 7 mois que couvrent les données (1\u{00A0}607 × 7 ÷ 12 = 937,42\u{00A0}h)\u{202F}: 0,01 équivalent temps plein."))
        // Only the rates in force in the year: the three of them.
        #expect(year.rates == settings.hourlyRates)
        #expect(!fr.contains(" :") && !fr.contains(" ;"))  // French typography: no plain space before : or ;
        // A quarter: 1 607 × 3 ÷ 12 = 401,75 h for one full-time equivalent.
        let quarter = ValuationMethod(report: try f.compute("2026-04", "2026-06", settings: settings), settings: settings)
        #expect(quarter.fullTimeHours == 401.75 && quarter.hours == 4)
        #expect(Self.close(quarter.fullTimeEquivalent, 4 / 401.75))
        #expect(quarter.fullTimeEquivalentOverData == nil)  // every month of the quarter is covered
        // The quarter's rates: the first general rate and the errands' (12,50 € starts in July).
        #expect(quarter.rates == [settings.hourlyRates[0], settings.hourlyRates[2]])
        let en = quarter.markdown(.en)
        #expect(en.contains("4\u{00A0}h ÷ 401.75\u{00A0}h = 0.01 full-time equivalents (FTE), at 1,607 hours a year; for a period of 3 months, 1,607 × 3 ÷ 12 = 401.75\u{00A0}h."))
        #expect(en.contains("April to June 2026 (3 months)"))
        #expect(en.contains("1 of the 3 assignments done in the period has no hours recorded"))
        // Without a rate: said, and no entries.
        let unvalued = ValuationMethod(report: try f.compute("2026-01", "2026-12"), settings: Settings())
        #expect(unvalued.valuationCents == nil)
        #expect(unvalued.markdown(.en).contains("no hourly rate is configured"))
        // One rate for every day (`hourly_rate_eur`), without a source: said.
        let one = try Settings.parse(toml: "hourly_rate_eur = 15")
        let single = ValuationMethod(report: try f.compute("2026-01", "2026-12", settings: one), settings: one).markdown(.fr)
        #expect(single.contains("**Taux**\u{202F}: un seul taux pour tous les jours\u{202F}: 15,00\u{00A0}€ de l'heure. Sur la période\u{202F}: 10,5\u{00A0}h × 15,00\u{00A0}€ = 157,50\u{00A0}€. Aucune source n'est indiquée"))
        #expect(!unvalued.markdown(.en).contains("**Entries**"))
    }

    @Test func theRatesInForceOverAPeriod() throws {
        let s = try Self.settings()
        // January–March: only the first general rate; the errands' rate starts in April.
        #expect(s.ratesInForce(from: Month("2026-01")!, to: Month("2026-03")!) == [s.hourlyRates[0]])
        // April: the first general rate for the other domains, the errands' rate.
        #expect(s.ratesInForce(from: Month("2026-04")!, to: Month("2026-04")!) == [s.hourlyRates[0], s.hourlyRates[2]])
        // The year: all three.
        #expect(s.ratesInForce(from: Month("2026-01")!, to: Month("2026-12")!) == s.hourlyRates)
        // 2025, before every date: the first rate.
        #expect(s.ratesInForceText(from: Month("2025-01")!, to: Month("2025-12")!, .fr)
                == "12,02\u{00A0}€ de l'heure à partir du 01/01/2026 (SMIC horaire brut au 1er janvier 2026)")
        #expect(s.ratesInForceText(from: Month("2026-07")!, to: Month("2026-07")!, .en)
                == "€12.50 an hour from 2026-07-01; €15.00 an hour from 2026-04-01 for Errands and shopping")
        #expect(try Settings.parse(toml: "hourly_rate_eur = 15").ratesInForceText(from: Month("2026-07")!, to: Month("2026-07")!, .fr)
                == "15,00\u{00A0}€ de l'heure")
        #expect(Settings().ratesInForceText(from: Month("2026-07")!, to: Month("2026-07")!, .fr) == nil)
    }

    @Test func theValuationDefinitionListsTheDatedRates() throws {
        let settings = try Self.settings()
        let catalogue = IndicatorCatalogue(settings: settings, domainCodes: settings.domainCodes)
        let definition = try #require(catalogue.definitions.first { $0.keys == ["hours.valuation_eur"] })
        #expect(definition.text.fr.contains("12,50\u{00A0}€ de l'heure à partir du 01/07/2026"))
        #expect(definition.text.en.contains("€15.00 an hour from 2026-04-01 for Errands and shopping"))
    }
}
