@testable import EntraideKit
import Foundation
import SharedTestSupport
import Testing

/// The annual workbook (issue 17): the funder workbook's sheets for a calendar year against the
/// previous year, and the « Valorisation » sheet (the method, the months, the accounting
/// journal), opened and read back.
@Suite("Annual workbook")
struct AnnualWorkbookTests {
    static let created = ReportWorkbookTests.created
    static let fr = WorkbookText(language: .fr)
    static let en = WorkbookText(language: .en)

    /// A rate change in the year and a domain rate: 11,88 € from 2025, 12,02 € from 1 June 2026,
    /// 15 € for errands (`courses`) from 1 April 2026.
    static let ratesTOML = """
        hourly_rates = [
          {from = "2025-01-01", eur = 11.88, source = "SMIC horaire brut au 1er janvier 2025"},
          {from = "2026-06-01", eur = 12.02},
          {from = "2026-04-01", eur = 15, domain = "courses"},
        ]
        """

    static func rates() throws -> Settings { try Settings.parse(toml: ratesTOML) }

    /// Writes the annual workbook of `year` as `AnnualReport` will: the year and the previous one,
    /// the year's associations, the method and the journal. Returns its path.
    static func annual(store: Store, settings: Settings, year: Int, association: String? = nil,
                       language: Language = .fr, suppressBelow: Int? = 3, out: String,
                       journalLanguage: Language? = nil, created: Date = Self.created) throws -> String {
        let engine = IndicatorEngine(store: store, settings: settings)
        let from = Month(year: year, month: 1), to = Month(year: year, month: 12)
        let data = try PeriodReportData.load(store: store, settings: settings, from: from, to: to,
                                             association: association, engine: engine)
        let associations = AssociationBreakdown.compute(facts: try engine.facts(), from: from, to: to,
                                                        only: data.report.association)
        let method = ValuationMethod(report: data.report, settings: settings)
        let journal = AccountingJournal(report: data.report, settings: settings, language: journalLanguage ?? language)
        let path = try ReportWorkbook.prepare(out, ReportWorkbook.annualFileName(
            year: year, association: data.report.association, language: language))
        let file = try ReportWorkbook.stageAnnual(data, associations: associations, method: method, journal: journal,
                                                  path: path,
                                                  options: WorkbookOptions(language: language, suppressBelow: suppressBelow,
                                                                           created: created),
                                                  policy: OutputPolicy(database: store.path))
        try file.commit()
        return path
    }

    /// Hand-made assignments over 2025-12 … 2026-11 (Europe/Paris), each worked out:
    /// - h: 15 December 2025, 1 h at 11,88 € (the previous year);
    /// - a: phone conversation 10 February 2026, 2 h at 11,88 € = 23,76 €;
    /// - b: errand 31 March 23:30, 1,5 h, the evening before the errands' rate: 11,88 € = 17,82 €;
    /// - c: errand 1 April 00:30, 1 h at the errands' 15 € = 15 €;
    /// - g: 20 May without hours: left out, counted;
    /// - d: phone conversation 30 June, 3 h at the new general 12,02 € = 36,06 €;
    /// - e, f: 1 July 1 h at 12,02 € and an errand 15 July 2 h at 15 € = 42,02 € (two rates);
    /// - t1…t3: 0,3333 h at 12,02 € in September, October and November = 4,006 € each, entered
    ///   4,01 + 4,01 + 4,00 so that the year is 12,02 € for them, not 12,03 €.
    /// The year 2026: 23,76 + 17,82 + 15 + 36,06 + 42,02 + 12,02 = 146,68 € for 11,4999 h.
    static func valuationFixture() throws -> IndicatorFixture {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10", association: "AFEV")
        let rows: [(String, String, String, String, Double?, String)] = [
            ("h", "ecoute", "2025-12-14 10:00", "2025-12-15 10:00", 1, "AFEV"),
            ("a", "ecoute", "2026-02-09 10:00", "2026-02-10 10:00", 2, "AFEV"),
            ("b", "courses", "2026-03-30 10:00", "2026-03-31 23:30", 1.5, "AFEV"),
            ("c", "courses", "2026-03-31 10:00", "2026-04-01 00:30", 1, "Relais"),
            ("g", "ecoute", "2026-05-19 10:00", "2026-05-20 10:00", nil, "AFEV"),
            ("d", "ecoute", "2026-06-29 10:00", "2026-06-30 10:00", 3, "AFEV"),
            ("e", "ecoute", "2026-06-30 10:00", "2026-07-01 09:00", 1, "Relais"),
            ("f", "courses", "2026-07-14 10:00", "2026-07-15 10:00", 2, "AFEV"),
            ("t1", "ecoute", "2026-09-01 10:00", "2026-09-02 10:00", 0.3333, "AFEV"),
            ("t2", "ecoute", "2026-10-01 10:00", "2026-10-02 10:00", 0.3333, "AFEV"),
            ("t3", "ecoute", "2026-11-01 10:00", "2026-11-02 10:00", 0.3333, "AFEV"),
        ]
        for (i, (id, domain, received, done, hours, association)) in rows.enumerated() {
            try f.request(id, received, domain: domain, resident: "H\(i % 4)", status: "done", association: association)
            try f.assignment(id, "v1", matched: received, done: done, hours: hours)
        }
        return f
    }

    /// The cents a cell shows (amounts are written as cents ÷ 100).
    static func cents(_ value: Double?) -> Int? { value.map { Int(($0 * 100).rounded()) } }

    // MARK: Sheets, title, file name

    @Test func sheetsTitleAndFileName() throws {
        let f = try Self.valuationFixture()
        let path = try Self.annual(store: f.store, settings: try Self.rates(), year: 2026, out: f.dir.path("out"))
        #expect((path as NSString).lastPathComponent == "entraide-annuel-2026.xlsx")
        let package = try OOXMLPackage(path: path)
        #expect(try package.sheetNames() == ["Synthèse", "Bénévoles", "Demandes et domaines", "Délais de réponse",
                                             "Charge et heures", "Associations partenaires", "Valorisation", "Méthodologie"])
        let summary = try package.sheet("Synthèse")
        #expect(summary.string("A1") == "Rapport d'activité annuel — 2026")
        let header = try #require(summary.row(ofText: "Indicateur"))
        #expect(summary.string(SheetView.ref(header, 1)) == "Année 2026")
        #expect(summary.string(SheetView.ref(header, 2)) == "Année 2025")
        let core = try package.xml("docProps/core.xml")
        #expect(core.first("dc:title")?.text == "Réseau d'entraide — Rapport d'activité annuel, 2026")
        #expect(core.first("dc:subject")?.text.contains("annuel") == true)
        #expect(core.first("cp:keywords")?.text.contains("valorisation du bénévolat") == true)
        // Every sheet's footer names the report.
        for name in try package.sheetNames() {
            let footer = try package.xml(try package.sheetPath(name)).first("oddFooter")?.text ?? ""
            #expect(footer.hasPrefix("&LRapport d'activité annuel&C"), "\(name): \(footer)")
        }
        // The methods sheet says what the valuation sheet holds.
        #expect(try package.sheet("Méthodologie").row(ofText: "Valorisation") != nil)
        #expect(ReportWorkbook.annualFileName(year: 2026, association: "Centre social Les Tilleuls", language: .en)
                == "entraide-annual-2026-centre-social-les-tilleuls.xlsx")
    }

    // MARK: Valuation sheet

    @Test func theMonthsAddUpToTheJournalAndTheJournalBalances() throws {
        let f = try Self.valuationFixture()
        let settings = try Self.rates()
        let path = try Self.annual(store: f.store, settings: settings, year: 2026, out: f.dir.path("out"))
        let sheet = try OOXMLPackage(path: path).sheet("Valorisation")
        let report = try f.compute("2026-01", "2026-12", settings: settings)
        let journal = try #require(AccountingJournal(report: report, settings: settings))
        #expect(journal.totalCents == 14668)

        let header = try #require(sheet.row(ofText: "Mois"))
        #expect(sheet.string(SheetView.ref(header, 4)) == "Valorisation (€)")
        // By hand: January 0, February 23,76, March 17,82, April 15, May 0 (g has no hours),
        // June 36,06, July 42,02, August 0, September and October 4,01, November 4,00;
        // December is after the data: left empty.
        let expected: [Int?] = [0, 2376, 1782, 1500, 0, 3606, 4202, 0, 401, 401, 400, nil]
        var sum = 0
        for (i, cents) in expected.enumerated() {
            let r = header + 1 + i
            #expect(sheet.month(SheetView.ref(r, 0)) == Month(year: 2026, month: i + 1).description)
            #expect(Self.cents(sheet.number(SheetView.ref(r, 4))) == cents, "month \(i + 1)")
            #expect(sheet.number(SheetView.ref(r, 1)) == (cents == nil ? nil : report.months[i].indicators.hours.total))
            sum += Self.cents(sheet.number(SheetView.ref(r, 4))) ?? 0
        }
        #expect(sheet.formatCode(SheetView.ref(header + 2, 4)) == "#,##0.00\"\u{00A0}€\"")
        // May: one assignment done, without hours.
        #expect(sheet.number(SheetView.ref(header + 5, 2)) == 1 && sheet.number(SheetView.ref(header + 5, 3)) == 1)
        // July: both rates, as the journal's label gives them.
        #expect(sheet.string(SheetView.ref(header + 7, 5)) == "1\u{00A0}h × 12,02\u{00A0}€ + 2\u{00A0}h × 15,00\u{00A0}€")
        let total = try #require(sheet.row(ofText: "Total de l'année"))
        #expect(total == header + 13)
        #expect(Self.cents(sheet.number(SheetView.ref(total, 4))) == 14668)
        #expect(sum == 14668)
        #expect(sheet.number(SheetView.ref(total, 2)) == 10 && sheet.number(SheetView.ref(total, 3)) == 1)
        #expect(abs((sheet.number(SheetView.ref(total, 1)) ?? 0) - 11.4999) < 1e-9)

        // The full-time equivalent at 1 607 h, two decimals; and over the 11 months of data.
        let fte = try #require(sheet.row(ofText: "Équivalent temps plein (ETP)"))
        #expect(abs((sheet.number(SheetView.ref(fte, 1)) ?? 0) - 11.4999 / 1607) < 1e-12)
        #expect(sheet.formatCode(SheetView.ref(fte, 1)) == "0.00")
        #expect(sheet.string(SheetView.ref(fte, 2))?.contains("1\u{202F}607\u{00A0}h") == true
                || sheet.string(SheetView.ref(fte, 2))?.contains("1\u{00A0}607\u{00A0}h") == true)
        let over = try #require(sheet.row(ofText: "ETP sur les 11 mois couverts par les données"))
        #expect(abs((sheet.number(SheetView.ref(over, 1)) ?? 0) - 11.4999 / (1607.0 * 11 / 12)) < 1e-12)

        // The journal: a debit and a credit for each of the 8 months with hours, dated its last day.
        let jh = try #require(sheet.row(ofText: "Date", after: total))
        #expect((0..<6).map { sheet.string(SheetView.ref(jh, $0)) }
                == ["Date", "Compte", "Intitulé du compte", "Libellé", "Débit", "Crédit"])
        #expect(journal.lines.count == 16)
        var debits = 0, credits = 0
        for (i, line) in journal.lines.enumerated() {
            let r = jh + 1 + i
            let day = line.date.split(separator: "/").map { Int($0)! }
            #expect(sheet.date(SheetView.ref(r, 0)).map { [$0.day, $0.month, $0.year] } == day)
            #expect(sheet.string(SheetView.ref(r, 1)) == line.account)
            #expect(sheet.string(SheetView.ref(r, 3)) == Self.fr.typeset(line.label))
            debits += Self.cents(sheet.number(SheetView.ref(r, 4))) ?? 0
            credits += Self.cents(sheet.number(SheetView.ref(r, 5))) ?? 0
        }
        #expect(sheet.string(SheetView.ref(jh + 1, 2)) == "Personnel bénévole")
        #expect(sheet.string(SheetView.ref(jh + 2, 1)) == "875")
        #expect(sheet.date(SheetView.ref(jh + 1, 0)).map { [$0.day, $0.month] } == [28, 2])
        #expect(debits == 14668 && credits == 14668)
        let totals = try #require(sheet.row(ofText: "Total", after: jh))
        #expect(totals == jh + 17)
        #expect(Self.cents(sheet.number(SheetView.ref(totals, 4))) == 14668)
        #expect(Self.cents(sheet.number(SheetView.ref(totals, 5))) == 14668)
        // The journal's own months: each month's debit is the monthly table's amount.
        for i in stride(from: 0, to: journal.lines.count, by: 2) {
            let line = journal.lines[i]
            let month = line.date.split(separator: "/").map { Int($0)! }[1]
            #expect(Self.cents(sheet.number(SheetView.ref(header + month, 4))) == line.debitCents)
        }
    }

    @Test func printSetup() throws {
        let f = try Self.valuationFixture()
        let path = try Self.annual(store: f.store, settings: try Self.rates(), year: 2026, out: f.dir.path("out"))
        let package = try OOXMLPackage(path: path)
        for name in try package.sheetNames() {
            let sheet = try package.sheet(name)
            let setup = sheet.root.first("pageSetup")
            #expect(setup?.attributes["paperSize"] == "9", "\(name): A4")
            #expect(setup?.attributes["orientation"] == "landscape", "\(name)")
            #expect(sheet.root.first("pageSetUpPr")?.attributes["fitToPage"] == "1", "\(name): one page wide")
            let header = sheet.root.first("oddHeader")?.text ?? ""
            #expect(header.contains("entraide") && header.hasSuffix("&R2026"), "\(name): \(header)")
        }
        // The summary prints on one page (fit to 1 × 1), the valuation sheet runs on.
        #expect(try package.sheet("Synthèse").root.first("pageSetup")?.attributes["fitToHeight"] == nil)
        let sheet = try package.sheet("Valorisation")
        #expect(sheet.root.first("pageSetup")?.attributes["fitToHeight"] == "0")
        // The journal starts a page.
        let journalTitle = try #require(sheet.row(ofText: Self.fr.journalTitle))
        #expect(sheet.root.first("rowBreaks").map { $0.all("brk").map { $0.attributes["id"] ?? "" } } == ["\(journalTitle)"])
        // Two tables with filters: the months, the journal.
        let tables = try package.tables(onSheet: "Valorisation")
        #expect(tables.map { $0.attributes["name"] } == ["T_Valorisation_mois", "T_Ecritures"])
        #expect(tables.allSatisfy { $0.first("autoFilter") != nil })
        // The rate detail is indented after the amount it follows.
        let header = try #require(sheet.row(ofText: "Mois"))
        let detailLook = sheet.styles.look(style: sheet.cells[SheetView.ref(header + 2, 5)]?.attributes["s"])
        #expect(detailLook.contains("indent"), "\(detailLook)")
        // The method's text wraps, and its rows are tall enough for it.
        let rate = try #require(sheet.row(ofText: "Taux"))
        let row = sheet.root.all("row").first { $0.attributes["r"] == "\(rate + 1)" }
        #expect((Double(row?.attributes["ht"] ?? "") ?? 0) >= 45)
        let methodLook = sheet.styles.look(style: sheet.cells[SheetView.ref(rate, 1)]?.attributes["s"])
        #expect(methodLook.contains("wrapText"), "\(methodLook)")
    }

    @Test func theMethodIsWrittenOutBeforeTheTables() throws {
        let f = try Self.valuationFixture()
        let settings = try Self.rates()
        let path = try Self.annual(store: f.store, settings: settings, year: 2026, out: f.dir.path("out"))
        let sheet = try OOXMLPackage(path: path).sheet("Valorisation")
        let method = ValuationMethod(report: try f.compute("2026-01", "2026-12", settings: settings), settings: settings)
        let paragraphs = method.paragraphs(.fr)
        #expect(paragraphs.map(\.title) == ["Unité", "Taux", "Période", "Exclusions", "Équivalent temps plein", "Écritures"])
        var previous = 0
        for p in paragraphs {
            let r = try #require(sheet.row(ofText: p.title), "\(p.title)")
            #expect(r > previous)
            previous = r
            // The Markdown code marks of the setting names (`done_at`) are not shown in a cell.
            #expect(sheet.string(SheetView.ref(r, 1)) == Self.fr.typeset(p.text.replacingOccurrences(of: "`", with: "")))
        }
        #expect(previous < (sheet.row(ofText: "Mois") ?? 0))
        let rate = try #require(sheet.row(ofText: "Taux"))
        let text = try #require(sheet.string(SheetView.ref(rate, 1)))
        #expect(text.contains("11,88") && text.contains("12,02") && text.contains("15,00") && text.contains("SMIC"))
        let exclusions = try #require(sheet.row(ofText: "Exclusions"))
        let leftOut = try #require(sheet.string(SheetView.ref(exclusions, 1)))
        #expect(leftOut.hasPrefix("1 des 10 mises en relation"))
    }

    @Test func aJournalInAnotherLanguageIsRebuiltInTheWorkbooks() throws {
        let f = try Self.valuationFixture()
        let path = try Self.annual(store: f.store, settings: try Self.rates(), year: 2026, language: .fr,
                                   out: f.dir.path("out"), journalLanguage: .en)
        let sheet = try OOXMLPackage(path: path).sheet("Valorisation")
        let jh = try #require(sheet.row(ofText: "Date"))
        #expect(sheet.string(SheetView.ref(jh + 1, 3))?.hasPrefix("Valorisation du bénévolat — février 2026") == true)
    }

    @Test func withoutARateTheSentenceAndNoJournal() throws {
        let f = try Self.valuationFixture()
        let path = try Self.annual(store: f.store, settings: Settings(), year: 2026, out: f.dir.path("out"))
        let package = try OOXMLPackage(path: path)
        let sheet = try package.sheet("Valorisation")
        let sentence = Self.fr.typeset(Self.fr.noRateSentence(IndicatorCatalogue.unsetRate))
        #expect(sentence.contains("hourly_rate_eur") && sentence.contains("hourly_rates"))
        #expect(sheet.row(ofText: sentence) != nil)
        #expect(sheet.row(ofText: "Date") == nil && sheet.row(ofText: "Total") == nil)
        let tables = try package.tables(onSheet: "Valorisation").map { $0.attributes["name"] ?? "" }
        #expect(tables == ["T_Valorisation_mois"])
        // The months keep their hours and assignments, without a valuation column.
        let header = try #require(sheet.row(ofText: "Mois"))
        #expect(sheet.string(SheetView.ref(header, 3)) == "dont sans heures")
        #expect(sheet.string(SheetView.ref(header, 4)) == nil)
        #expect(sheet.number(SheetView.ref(header + 2, 1)) == 2)
        #expect(try package.sheet("Synthèse").row(ofText: Self.fr.typeset(IndicatorCatalogue.unsetRate.fr)) != nil)
        // The method says the hours are not valued and gives no entries.
        let rate = try #require(sheet.row(ofText: "Taux"))
        #expect(sheet.string(SheetView.ref(rate, 1))?.contains("ne sont pas valorisées") == true)
        #expect(sheet.row(ofText: "Écritures") == nil)
        #expect(sheet.row(ofText: "Équivalent temps plein (ETP)") != nil)
    }

    @Test func aYearWithoutHoursHasNoEntries() throws {
        // One assignment done in March 2026, its hours not recorded: valued 0, nothing to enter.
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        try f.request("r1", "2026-03-02 10:00", status: "done")
        try f.assignment("r1", "v1", matched: "2026-03-02 11:00", done: "2026-03-03 10:00", hours: nil)
        let path = try Self.annual(store: f.store, settings: try Self.rates(), year: 2026, out: f.dir.path("out"))
        let sheet = try OOXMLPackage(path: path).sheet("Valorisation")
        #expect(sheet.row(ofText: "Date") == nil && sheet.root.first("rowBreaks") == nil)
        #expect(sheet.row(ofText: Self.fr.noEntriesWithoutHours) != nil)
        let header = try #require(sheet.row(ofText: "Mois"))
        #expect(Self.cents(sheet.number(SheetView.ref(header + 3, 4))) == 0)
        #expect(sheet.number(SheetView.ref(header + 3, 3)) == 1)
        let total = try #require(sheet.row(ofText: "Total de l'année"))
        #expect(Self.cents(sheet.number(SheetView.ref(total, 4))) == 0)
        #expect(sheet.number(SheetView.ref(try #require(sheet.row(ofText: "Équivalent temps plein (ETP)")), 1)) == 0)
    }

    @Test func aYearTheDataDoesNotReachIsLeftEmpty() throws {
        let f = try Self.valuationFixture()
        let path = try Self.annual(store: f.store, settings: try Self.rates(), year: 2024, out: f.dir.path("out"))
        let package = try OOXMLPackage(path: path)
        let sheet = try package.sheet("Valorisation")
        let total = try #require(sheet.row(ofText: "Total de l'année"))
        #expect((1...5).allSatisfy { sheet.number(SheetView.ref(total, $0)) == nil })
        #expect(sheet.row(ofText: "Équivalent temps plein (ETP)") == nil)
        #expect(sheet.row(ofText: Self.fr.noEntriesWithoutData) != nil && sheet.row(ofText: "Date") == nil)
        let header = try #require(sheet.row(ofText: "Mois"))
        #expect((1...12).allSatisfy { sheet.number(SheetView.ref(header + $0, 1)) == nil })
        let summary = try package.sheet("Synthèse")
        let shown = (0..<40).compactMap { summary.string(SheetView.ref($0, 0)) }
        #expect(shown.contains { $0.hasPrefix("Aucune donnée sur cette période") }, "\(shown)")
    }

    @Test func englishLabels() throws {
        let f = try Self.valuationFixture()
        let path = try Self.annual(store: f.store, settings: try Self.rates(), year: 2026, language: .en,
                                   out: f.dir.path("out"))
        #expect((path as NSString).lastPathComponent == "entraide-annual-2026.xlsx")
        let package = try OOXMLPackage(path: path)
        #expect(try package.sheetNames() == ["Summary", "Volunteers", "Requests and domains", "Response delays",
                                             "Load and hours", "Partner associations", "Valuation", "Methods"])
        let summary = try package.sheet("Summary")
        #expect(summary.string("A1") == "Annual activity report — 2026")
        let header = try #require(summary.row(ofText: "Indicator"))
        #expect(summary.string(SheetView.ref(header, 1)) == "Year 2026")
        // Euros as English writes them, the sign first, on every sheet.
        let valuation = try #require(summary.row(ofText: "Valuation (EUR)"))
        #expect(summary.formatCode(SheetView.ref(valuation, 1)) == "\"€\"#,##0")
        #expect(Self.en.numberFormat(IndicatorKind.euros.changeFormat) == "+\"€\"#,##0;-\"€\"#,##0;\"€\"0")
        #expect(Self.fr.numberFormat(IndicatorKind.euros.numberFormat) == "#,##0\"\u{00A0}€\"")
        let sheet = try package.sheet("Valuation")
        #expect(sheet.string("A1") == "Valuation of volunteer time")
        #expect(sheet.row(ofText: "Valuation method") != nil && sheet.row(ofText: "Unit") != nil)
        let mh = try #require(sheet.row(ofText: "Month"))
        #expect((0..<6).map { sheet.string(SheetView.ref(mh, $0)) }
                == ["Month", "Volunteer hours", "Assignments done", "of which without hours", "Valuation (€)",
                    "Detail (hours × rate)"])
        #expect(sheet.formatCode(SheetView.ref(mh + 2, 4)) == "\"€\"#,##0.00")
        #expect(sheet.string(SheetView.ref(mh + 7, 5)) == "1\u{00A0}h × €12.02 + 2\u{00A0}h × €15.00")
        #expect(sheet.row(ofText: "Year total") != nil && sheet.row(ofText: "Full-time equivalent (FTE)") != nil)
        let jh = try #require(sheet.row(ofText: "Date"))
        #expect((0..<6).map { sheet.string(SheetView.ref(jh, $0)) }
                == ["Date", "Account", "Account name", "Label", "Debit", "Credit"])
        #expect(sheet.string(SheetView.ref(jh + 1, 2)) == "Volunteer staff")
        #expect(sheet.string(SheetView.ref(jh + 1, 3))?.hasPrefix("Volunteer time valuation — February 2026") == true)
        #expect(sheet.formatCode(SheetView.ref(jh + 1, 0)) == "yyyy-mm-dd")
        // No French left on the sheet.
        let strings = try package.sharedStrings()
        for french in ["Valorisation du bénévolat", "Mois", "Débit", "Total de l'année", "mises en relation"] {
            #expect(!strings.contains { $0.contains(french) }, "\(french)")
        }
    }

    // MARK: Coverage of the previous year

    @Test func aPreviousYearPartlyCoveredIsNotCompared() throws {
        // The data starts in December 2025: 2025 is covered by one month only.
        let f = try Self.valuationFixture()
        let path = try Self.annual(store: f.store, settings: try Self.rates(), year: 2026, out: f.dir.path("out"))
        let summary = try OOXMLPackage(path: path).sheet("Synthèse")
        let shown = (0..<40).compactMap { summary.string(SheetView.ref($0, 0)) }
        #expect(shown.contains { $0.contains("pas de comparaison avec l'année précédente (2025)") }, "\(shown)")
        let r = try #require(summary.row(ofText: "Demandes reçues"))
        #expect(summary.number(SheetView.ref(r, 1)) == 10)
        #expect(summary.number(SheetView.ref(r, 2)) == nil && summary.number(SheetView.ref(r, 3)) == nil)
    }

    @Test func aPreviousYearWithoutDataIsNotCompared() throws {
        // Ten months of data from January 2026: nothing at all in 2025.
        let fixture = try ImportFixture(settings: try Self.rates())
        let sample = try SampleGenerator.write(
            to: fixture.dir.url, options: SampleOptions(months: 10, requestsPerMonth: 30, seed: 7,
                                                        endMonth: Month(year: 2026, month: 10)))
        try fixture.run([sample.volunteersFile.path, sample.requestsFile.path, sample.assignmentsFile.path]) {
            $0.now = ReportWorkbookTests.importedAt
        }
        let path = try Self.annual(store: fixture.store, settings: fixture.settings, year: 2026, out: fixture.dir.path("out"))
        let package = try OOXMLPackage(path: path)
        let summary = try package.sheet("Synthèse")
        let shown = (0..<40).compactMap { summary.string(SheetView.ref($0, 0)) }
        #expect(shown.contains(Self.fr.typeset("Les données commencent en janvier 2026 : pas de comparaison avec l'année précédente (2025).")),
                "\(shown)")
        let r = try #require(summary.row(ofText: "Demandes reçues"))
        #expect(summary.number(SheetView.ref(r, 1)) != nil && summary.number(SheetView.ref(r, 2)) == nil)
        // November and December are after the data: their rows are left empty on the valuation sheet.
        let sheet = try package.sheet("Valorisation")
        let header = try #require(sheet.row(ofText: "Mois"))
        #expect(sheet.number(SheetView.ref(header + 10, 1)) != nil)
        #expect(sheet.number(SheetView.ref(header + 11, 1)) == nil && sheet.number(SheetView.ref(header + 12, 4)) == nil)
        let engine = IndicatorEngine(store: fixture.store, settings: fixture.settings)
        let report = try engine.compute(from: Month(year: 2026, month: 1), to: Month(year: 2026, month: 12))
        #expect(sheet.row(ofText: Self.fr.typeset(Self.fr.uncoveredMonthsNote(report.coverage))) != nil)
        let journal = try #require(AccountingJournal(report: report, settings: fixture.settings))
        let total = try #require(sheet.row(ofText: "Total de l'année"))
        #expect(Self.cents(sheet.number(SheetView.ref(total, 4))) == journal.totalCents)
        var sum = 0
        for i in 0..<12 { sum += Self.cents(sheet.number(SheetView.ref(header + 1 + i, 4))) ?? 0 }
        #expect(sum == journal.totalCents && journal.totalCents > 0)
    }

    @Test func aFullyCoveredPreviousYearIsCompared() throws {
        // 26 months of data, December 2023 – January 2026: 2024 is complete and not the first
        // month, and 2025 complete too (the data goes past its December: the as-of month is
        // never complete, docs/INDICATORS.md, "The annual report").
        let fixture = try ImportFixture(settings: try Self.rates())
        let sample = try SampleGenerator.write(
            to: fixture.dir.url, options: SampleOptions(months: 26, requestsPerMonth: 12, seed: 3,
                                                        endMonth: Month(year: 2026, month: 1)))
        try fixture.run([sample.volunteersFile.path, sample.requestsFile.path, sample.assignmentsFile.path]) {
            $0.now = Date(timeIntervalSince1970: 1_770_600_000)  // 2026-02-09
        }
        let path = try Self.annual(store: fixture.store, settings: fixture.settings, year: 2025, out: fixture.dir.path("out"))
        let summary = try OOXMLPackage(path: path).sheet("Synthèse")
        let engine = IndicatorEngine(store: fixture.store, settings: fixture.settings)
        let before = try engine.compute(from: Month(year: 2024, month: 1), to: Month(year: 2024, month: 12)).total
        let now = try engine.compute(from: Month(year: 2025, month: 1), to: Month(year: 2025, month: 12)).total
        let r = try #require(summary.row(ofText: "Demandes reçues"))
        #expect(summary.number(SheetView.ref(r, 1)) == Double(now.requests.received))
        #expect(summary.number(SheetView.ref(r, 2)) == Double(before.requests.received))
        #expect(summary.number(SheetView.ref(r, 3)) == Double(now.requests.received - before.requests.received))
        let shown = (0..<40).compactMap { summary.string(SheetView.ref($0, 0)) }
        #expect(!shown.contains { $0.contains("pas de comparaison") })
    }

    // MARK: One association

    @Test func oneAssociationOnly() throws {
        let f = try Self.valuationFixture()
        let settings = try Self.rates()
        let path = try Self.annual(store: f.store, settings: settings, year: 2026, association: "relais",
                                   out: f.dir.path("out"))
        #expect((path as NSString).lastPathComponent == "entraide-annuel-2026-relais.xlsx")
        let package = try OOXMLPackage(path: path)
        // c (1 h at 15 € in April) and e (1 h at 12,02 € in July) only.
        let sheet = try package.sheet("Valorisation")
        #expect(sheet.string("A2")?.contains("Relais") == true)
        let total = try #require(sheet.row(ofText: "Total de l'année"))
        #expect(Self.cents(sheet.number(SheetView.ref(total, 4))) == 2702)
        #expect(sheet.number(SheetView.ref(total, 1)) == 2)
        let jh = try #require(sheet.row(ofText: "Date", after: total))
        let totals = try #require(sheet.row(ofText: "Total", after: jh))
        #expect(totals == jh + 5)
        #expect(Self.cents(sheet.number(SheetView.ref(totals, 4))) == 2702 && Self.cents(sheet.number(SheetView.ref(totals, 5))) == 2702)
        let associations = try package.sheet("Associations partenaires")
        let ah = try #require(associations.row(ofText: "Association"))
        #expect(associations.string(SheetView.ref(ah + 1, 0)) == "Relais")
        #expect(associations.string(SheetView.ref(ah + 2, 0)) == nil)
        let summary = try package.sheet("Synthèse")
        #expect(summary.row(ofText: "Association\u{00A0}:").map { summary.string(SheetView.ref($0, 1)) } == "Relais")
        let r = try #require(summary.row(ofText: "Demandes reçues"))
        #expect(summary.number(SheetView.ref(r, 1)) == 2)
    }

    // MARK: Small counts

    @Test func complementarySuppressionHoldsOnTheAnnualWorkbook() throws {
        // New residents 10, 15, 2 and 5 in March, April, May and December 2025, none in the other
        // months (the data runs from December 2024, so every month of 2025 is shown): the 2 was
        // the year's total minus the rest.
        let fixture = try SuppressionRecoveryTests.database(
            SuppressionRecoveryTests.residents("2024-12", 100, 4) + SuppressionRecoveryTests.residents("2025-12", 40, 5)
            + SuppressionRecoveryTests.residents("2025-03", 0, 10) + SuppressionRecoveryTests.residents("2025-04", 10, 12)
            + SuppressionRecoveryTests.residents("2025-05", 22, 2)
            + SuppressionRecoveryTests.residents("2025-04", 24, 3, association: "Relais"))
        let path = try Self.annual(store: fixture.store, settings: fixture.settings, year: 2025, suppressBelow: 3,
                                   out: fixture.dir.path("annual"))
        let package = try OOXMLPackage(path: path)
        let outcome = try SuppressionRecoveryTests.attack(
            package, truth: try SuppressionRecoveryTests.truth(fixture, "2025-01", "2025-12"), 3, funder: true)
        #expect(outcome.recovered.isEmpty, "\(outcome.recovered)")
        #expect(outcome.primaryOnlyRecovered.contains { $0.name == "residents.new@2025-05" })
        #expect(outcome.hidden > 0 && outcome.withheld > 0)
        // The methods sheet explains the markers, as the funder workbook's does.
        #expect(try package.sheet("Méthodologie").row(ofText: "Secret statistique") != nil)
    }

    @Test(arguments: [UInt64(5), 17, 42])
    func randomDatabasesLeakNothingFromTheAnnualWorkbook(seed: UInt64) throws {
        let (rows, months) = SuppressionRecoveryTests.randomRows(seed: seed)
        try #require(!rows.isEmpty)
        let fixture = try SuppressionRecoveryTests.database(rows)
        let year = Month(months.last!)!.year
        let n = [3, 4, 5][Int(seed % 3)]
        let path = try Self.annual(store: fixture.store, settings: fixture.settings, year: year, suppressBelow: n,
                                   out: fixture.dir.path("annual"))
        let outcome = try SuppressionRecoveryTests.attack(
            try OOXMLPackage(path: path), truth: try SuppressionRecoveryTests.truth(fixture, "\(year)-01", "\(year)-12"), n,
            funder: true)
        #expect(outcome.recovered.isEmpty, "seed \(seed), N = \(n): \(outcome.recovered)")
    }
}
