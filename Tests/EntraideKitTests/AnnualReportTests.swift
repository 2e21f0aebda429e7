@testable import EntraideKit
import Foundation
import SharedTestSupport
import Testing

/// `report annual` (docs/INDICATORS.md, "The annual report"): the year against the previous year
/// with coverage, the valuation with dated and domain rates, the journal, `--association`,
/// `--notes`. Every figure below is worked by hand from the fixture that builds it.
@Suite("Annual report")
struct AnnualReportTests {
    /// Two requests a month from `first` to `last` (the 3rd and the 17th at 10:00), each done two
    /// days later with one assignment of 1 h 30; the residents cycle over `residents` keys. The
    /// first of every month is handled by « AFEV », the second by « Léo Lagrange ».
    static func monthly(_ f: IndicatorFixture, from first: String, to last: String, residents: Int = 40,
                        firstDay: Int = 3) throws {
        try f.volunteer("v1", joined: "2020-01-01", association: "AFEV")
        try f.volunteer("v2", joined: "2020-01-01", association: "Léo Lagrange")
        var m = Month(first)!
        var n = 0
        while m <= Month(last)! {
            for (k, day) in [firstDay, 17].enumerated() {
                let id = "r\(n)"
                let received = String(format: "%@-%02d 10:00", m.description, day)
                let done = String(format: "%@-%02d 10:00", m.description, day + 2)
                try f.request(id, received, domain: k == 0 ? "courses" : "ecoute", resident: "h\(n % residents)",
                              status: "done", association: k == 0 ? "AFEV" : "Léo Lagrange")
                try f.assignment(id, k == 0 ? "v1" : "v2", matched: received, contacted: received, done: done, hours: 1.5)
                n += 1
            }
            m = m.adding(1)
        }
    }

    static let settings = """
        network_name = "Réseau du Quartier"
        associations = ["AFEV", "Léo Lagrange"]
        hourly_rates = [
          {from = "2024-01-01", eur = 11.88, source = "SMIC horaire brut 2024"},
          {from = "2025-06-01", eur = 12.02, source = "SMIC horaire brut au 1er juin 2025"},
          {from = "2025-09-01", eur = 15, domain = "courses"},
        ]
        suppress_below = 0
        """

    static func render(_ f: IndicatorFixture, year: Int, association: String? = nil, language: Language = .fr,
                       settings: String = Self.settings, notes: BoardNotes = BoardNotes()) throws -> (AnnualReportData, AnnualNote.Output, AnnualNote) {
        let s = try Settings.parse(toml: settings)
        let data = try AnnualReportData.load(store: f.store, settings: s, year: year, association: association, notes: notes)
        let note = AnnualNote(data: data, language: language, suppressBelow: s.suppressBelow,
                              created: Date(timeIntervalSince1970: 1_764_000_000))
        return (data, note.render(), note)
    }

    /// The row of the Markdown table whose first cell is `label`, as its cells.
    /// `last`: the last such row (the partners' tables come after the headline's).
    static func row(_ markdown: String, _ label: String, last: Bool = false) -> [String]? {
        let lines = markdown.split(separator: "\n")
        for line in last ? lines.reversed() : lines where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.first == label { return Array(cells) }
        }
        return nil
    }

    // MARK: The year against the previous year

    /// Data from 3 January 2024 to January 2026: 2025 is complete, 2024 covered from its first
    /// week, so the year is compared: 24 requests each year, +0.
    @Test func aFullyCoveredPreviousYearIsCompared() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        let (data, out, _) = try Self.render(f, year: 2025)
        #expect(data.comparable)
        let md = out.markdown
        #expect(Self.row(md, "Demandes reçues") == ["Demandes reçues", "24", "24", "0"])
        #expect(Self.row(md, "Heures de bénévolat") == ["Heures de bénévolat", "36,0\u{00A0}h", "36,0\u{00A0}h", "0,0\u{00A0}h"])
        #expect(md.contains("En 2025, le réseau a reçu 24 demandes (0 par rapport à 2024)."))
        #expect(!md.contains("pas de comparaison"))
        // Every month has its 2024 counterpart.
        #expect(Self.row(md, "Janvier")?.last == "2")
        #expect(Self.row(md, "**Total**")?.last == "**24**")
        // 2024 is the data's first year: its new residents are not a base.
        #expect(Self.row(md, "dont nouveaux ¹")?.last == "–")
        #expect(md.contains("¹ 2024 tombe dans les douze premiers mois des données (depuis janvier 2024)"))
    }

    /// Data starting on 15 March 2024: 2024 is covered in part; no comparison over the year,
    /// the reason stated; the months from April on are set beside 2024's, March (started on
    /// the 15th) and the months before are not.
    @Test func aPartlyCoveredPreviousYearIsNotComparedAndTheNoteSaysWhy() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-03", to: "2026-01", firstDay: 15)
        for language in [Language.fr, .en] {
            let (data, out, _) = try Self.render(f, year: 2025, language: language)
            #expect(!data.comparable)
            let md = out.markdown
            if language == .fr {
                #expect(md.contains("Les données ne couvrent 2024 qu'en partie (elles commencent en mars 2024)\u{202F}: pas de comparaison avec 2024."))
                #expect(Self.row(md, "Demandes reçues") == ["Demandes reçues", "24", "–", "–"])
                #expect(Self.row(md, "Mars")?.last == "–")
                #expect(Self.row(md, "Février")?.last == "–")
                #expect(Self.row(md, "Avril")?.last == "2")
                #expect(Self.row(md, "**Total**")?.last == "–")
                #expect(!md.contains("par rapport à 2024"))
            } else {
                #expect(md.contains("The data covers 2024 only in part"))
                #expect(Self.row(md, "Requests received")?[2] == "–")
            }
        }
    }

    /// Data starting in February 2025: 2024 is not covered at all; 2025 is the first year, its
    /// new residents are footnoted.
    @Test func aPreviousYearWithoutDataIsNotCompared() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2025-02", to: "2026-01")
        let (data, out, _) = try Self.render(f, year: 2025)
        #expect(!data.comparable)
        #expect(out.markdown.contains("Les données commencent en février 2025\u{202F}: 2024 n'est pas couvert, pas de comparaison avec cette année-là."))
        #expect(out.markdown.contains("¹ Première année de données (depuis février 2025)"))
        #expect(Self.row(out.markdown, "Janvier (aucune donnée)") == ["Janvier (aucune donnée)", "–", "–", "–", "–", "–", "–"])
    }

    /// The data stops on 19 October 2025 (the fixture's import is later): the year is running,
    /// it is said at the top, and the year is not compared even though 2024 is covered.
    @Test func aYearTheDataStopsInsideIsMarkedAndNotCompared() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2025-10")
        try f.request("open1", "2025-10-18 09:00", status: "open")
        let (data, out, _) = try Self.render(f, year: 2025)
        #expect(data.yearData == .partial && !data.comparable)
        let md = out.markdown
        #expect(md.contains("> Les données s'arrêtent au 19 octobre 2025 (dernier événement enregistré)\u{202F}: l'année 2025 n'est pas terminée dans les données, et 1 demande de l'année est encore en cours"))
        #expect(md.contains("2025 n'est pas couvert en entier par les données\u{202F}: pas de comparaison avec 2024 sur l'année"))
        #expect(Self.row(md, "Octobre (données arrêtées)")?.last == "2")
        #expect(Self.row(md, "Novembre (aucune donnée)")?.last == "–")
        // The workbook does not compare either, and says why.
        let dir = try TempDir()
        let paths = try AnnualReport.write(store: f.store, settings: try Settings.parse(toml: Self.settings), year: 2025,
                                           outDirectory: dir.path("r"), options: WorkbookOptions())
        let workbook = try OOXMLPackage(url: URL(fileURLWithPath: try #require(paths.first { $0.hasSuffix(".xlsx") }))).dump()
        #expect(workbook.contains("pas de comparaison avec l'année précédente (2024)"))
        // The charts leave out the months the data does not cover.
        let requests = try #require(out.charts.first { $0.fileName.hasSuffix("-demandes.svg") })
        #expect(requests.svg.contains("oct.") && !requests.svg.contains("nov."))
    }

    // MARK: Valuation

    /// Rates 11,88 € until 31 May 2025, 12,02 € from 1 June, 15 € for errands from 1 September.
    /// 2025: 24 assignments of 1,5 h; January–May 10 × 1,5 × 11,88 = 178,20 €; June–August
    /// 6 × 1,5 × 12,02 = 108,18 €; September–December 4 errands × 1,5 × 15 = 90 € and 4 calls
    /// × 1,5 × 12,02 = 72,12 €: 448,50 € for 36 h, 0,02 full-time equivalent (36 ÷ 1 607).
    @Test func datedAndDomainRatesValueTheYearAndTheJournalAddsUpToIt() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        let (data, out, note) = try Self.render(f, year: 2025)
        #expect(data.method.valuationCents == 44_850)
        let journal = try #require(note.journal)
        #expect(journal.debitTotalCents == 44_850 && journal.creditTotalCents == 44_850 && journal.lines.count == 24)
        // March: 3 h × 11,88 = 35,64 €; September: 1,5 h × 12,02 + 1,5 h × 15 = 40,53 €.
        #expect(journal.lines[4].label == "Valorisation du bénévolat — mars 2025 (3\u{00A0}h × 11,88\u{00A0}€)")
        #expect(journal.lines[4].debitCents == 3564)
        #expect(journal.lines[16].label == "Valorisation du bénévolat — septembre 2025 (1,5\u{00A0}h × 12,02\u{00A0}€ + 1,5\u{00A0}h × 15,00\u{00A0}€)")
        #expect(journal.lines[16].debitCents == 4053 && journal.lines[17].creditCents == 4053)
        let md = out.markdown
        // The headline in whole euros (as every note's), the hours' section to the cent.
        #expect(Self.row(md, "Valorisation des heures")?[1] == "448\u{00A0}€")
        #expect(Self.row(md, "Équivalents temps plein (1\u{00A0}607 h par an)")?[1] == "0,02")
        #expect(md.contains("36\u{00A0}h ÷ 1\u{00A0}607\u{00A0}h = 0,02 équivalent temps plein"))
        #expect(Self.row(md, "**Total**") != nil)
        #expect(md.contains("| 30/09/2025 | Valorisation du bénévolat — septembre 2025 (1,5\u{00A0}h × 12,02\u{00A0}€ + 1,5\u{00A0}h × 15,00\u{00A0}€) | 3\u{00A0}h | 40,53\u{00A0}€ |"))
        #expect(md.contains("|  | **Total** | **36\u{00A0}h** | **448,50\u{00A0}€** |"))
        // The method names the sources and the previous year's rate is not listed as in force.
        #expect(md.contains("SMIC horaire brut au 1er juin 2025"))
        // 2024: 24 × 1,5 h × 11,88 € = 427,68 €, compared.
        #expect(md.contains("| Valorisation des heures | 448,50\u{00A0}€ | 427,68\u{00A0}€ |"))
    }

    /// A year the data does not reach is refused (a mistyped year), with the data's coverage.
    @Test func aYearWithoutDataIsRefused() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        let dir = try TempDir()
        do {
            try AnnualReport.write(store: f.store, settings: try Settings.parse(toml: Self.settings), year: 2022,
                                   outDirectory: dir.path("r"), options: WorkbookOptions())
            Issue.record("2022 was written")
        } catch let e as UserError {
            #expect(e.message.hasPrefix("--year 2022: no data for that year (data: January 2024 – January 2026"), "\(e.message)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("r")))
    }

    /// The first rate comes into force after the year starts: the note says the hours before it
    /// are valued at it, for want of an older rate.
    @Test func hoursBeforeTheFirstRateAreSaidToBeValuedAtIt() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        let settings = "hourly_rates = [{from = \"2024-06-01\", eur = 11.65}, {from = \"2025-01-01\", eur = 11.88}]"
        let (_, out, _) = try Self.render(f, year: 2024, settings: settings)
        #expect(out.markdown.contains("Aucun taux n'est daté d'avant le 01/06/2024\u{202F}: les heures antérieures sont valorisées au premier taux"))
        #expect(out.markdown.contains("les heures données avant ce jour sont valorisées à ce premier taux (11,65\u{00A0}€)"))
        let (_, later, _) = try Self.render(f, year: 2025, settings: settings)
        #expect(!later.markdown.contains("Aucun taux n'est daté"))
    }

    /// Without a rate: no journal, and the note says which setting to give.
    @Test func withoutARateNothingIsValuedAndTheNoteSaysWhich() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        let (_, out, note) = try Self.render(f, year: 2025, settings: "associations = [\"AFEV\", \"Léo Lagrange\"]")
        #expect(note.journal == nil)
        #expect(out.markdown.contains("(réglage hourly_rate_eur ou hourly_rates)"))
        #expect(!out.markdown.contains("Écritures comptables"))
    }

    // MARK: Partners

    /// The network's report has one row and one section per partner; AFEV handled the 12
    /// errands of 2025, Léo Lagrange the 12 calls.
    @Test func eachPartnerIsSetAgainstTheNetwork() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        let (data, out, _) = try Self.render(f, year: 2025)
        #expect(data.partners.map(\.association) == ["AFEV", "Léo Lagrange"])
        let md = out.markdown
        #expect(Self.row(md, "AFEV") == ["AFEV", "12", "50\u{202F}%", "12", "12", "12", "18\u{00A0}h"])
        #expect(md.contains("### AFEV") && md.contains("### Léo Lagrange"))
        #expect(md.contains("| Indicateur | AFEV | Réseau | Part du réseau |"))
    }

    /// `--association`: only its requests, set against the network's; file names with its name.
    @Test func anAssociationsReportHasItsFiguresAgainstTheNetwork() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        let (data, out, note) = try Self.render(f, year: 2025, association: "afev")
        #expect(data.association == "AFEV" && data.partners.isEmpty)
        let md = out.markdown
        #expect(md.hasPrefix("# Réseau du Quartier — rapport d'activité 2025 — association «"))
        #expect(md.split(separator: "\n")[0].hasSuffix("AFEV\u{202F}»"))
        #expect(out.markdownFileName == "rapport-annuel-2025-afev.md")
        #expect(note.journal?.fileName == "ecritures-benevolat-2025-afev.csv")
        #expect(Self.row(md, "Demandes reçues")?[1] == "12")
        #expect(md.contains("## L'association et le réseau"))
        #expect(Self.row(md, "dont réalisées", last: true)?.suffix(3) == ["12", "24", "50\u{202F}%"])
        // Only errands: the calls are Léo Lagrange's.
        #expect(Self.row(md, "Échanges téléphoniques")?[1] == "0")
        // 12 errands: 5 × 1,5 × 11,88 + 3 × 1,5 × 12,02 + 4 × 1,5 × 15 = 89,10 + 54,09 + 90 = 233,19 €.
        #expect(data.method.valuationCents == 23_319)
    }

    /// A partner with few residents: its counts are hidden as in the workbook.
    @Test func smallResidentCountsAreHiddenAsInTheWorkbook() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        try f.request("x1", "2025-05-05 10:00", resident: "solo", status: "done", association: "Secours populaire")
        let settings = Self.settings.replacingOccurrences(of: "suppress_below = 0", with: "suppress_below = 3")
            .replacingOccurrences(of: "[\"AFEV\", \"Léo Lagrange\"]", with: "[\"AFEV\", \"Léo Lagrange\", \"Secours populaire\"]")
        let (_, out, _) = try Self.render(f, year: 2025, settings: settings)
        let row = try #require(Self.row(out.markdown, "Secours populaire"))
        #expect(row[3] == "< 3" && row[4] == "< 3")
        #expect(out.markdown.contains("Les nombres d'habitants inférieurs à 3 sont notés"))
    }

    // MARK: The board's sections

    @Test func theBoardsNotesAreMergedAndTheMissingOnesMarkedBlank() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        let notes = try BoardNotes(markdown: """
            \u{FEFF}# Faits marquants
            - Ouverture d'une permanence le samedi.

            ## Le jardin partagé
            Vingt habitants y sont venus.

            # PERSPECTIVES
            Un partenariat avec la médiathèque.
            """, source: "notes.md")
        #expect(notes.text(.difficulties) == nil)
        let (_, out, _) = try Self.render(f, year: 2025, notes: notes)
        let md = out.markdown
        #expect(md.contains("## Faits marquants\n\n- Ouverture d'une permanence le samedi.\n\n### Le jardin partagé\nVingt habitants y sont venus.\n"))
        #expect(md.contains("## Perspectives\n\nUn partenariat avec la médiathèque.\n"))
        let blank = "> **À rédiger par le bureau.**"
        #expect(md.components(separatedBy: blank).count == 2, "one blank, for « Difficultés »")
        #expect(md.contains("## Difficultés\n\n" + blank))
        // Without notes: three blanks.
        let (_, bare, _) = try Self.render(f, year: 2025)
        #expect(bare.markdown.components(separatedBy: blank).count == 4)
    }

    @Test func notesThatWouldLoseTextAreRefusedWithTheLine() throws {
        let cases: [(String, String)] = [
            ("Bonjour\n## Faits marquants\nx", "notes.md:1: this text comes before any section"),
            ("## Faits marquants\nx\n## Bilan financier\ny", "notes.md:3: this heading is not a section of the report"),
            ("## Faits marquants\nMerci à Mme X (06 12 34 56 78).", "notes.md:2: this line holds what looks like a phone number"),
            ("## Perspectives\nÉcrire à jean.dupont@exemple.fr", "notes.md:2: this line holds what looks like a phone number or an e-mail address"),
            ("## Difficultés\nx\n## Difficultes\ny", "notes.md:3: “Difficulties” is already a section above"),
        ]
        for (text, message) in cases {
            #expect(throws: UserError.self) { try BoardNotes(markdown: text, source: "notes.md") }
            do { _ = try BoardNotes(markdown: text, source: "notes.md") } catch let e as UserError {
                #expect(e.message.hasPrefix(message), "\(e.message)")
                #expect(e.message(.fr).hasPrefix("notes.md:"), "\(e.message(.fr))")
                // The board's words are never quoted back (they may name someone).
                for word in ["Bilan", "06 12", "dupont", "Mme X"] { #expect(!e.message.contains(word) && !e.message(.fr).contains(word)) }
            }
        }
        // A heading named like a section is that section, one level deeper or not.
        let deeper = try BoardNotes(markdown: "# Faits marquants\nx\n## Difficultés\ny\n# Perspectives\nz", source: "n.md")
        #expect(deeper.text(.highlights) == "x" && deeper.text(.difficulties) == "y" && deeper.text(.outlook) == "z")
        // A fenced block may hold a line starting with #; English headings are accepted.
        let ok = try BoardNotes(markdown: "## Highlights\n```\n# not a heading\n```\n## Outlook\nz", source: "n.md")
        #expect(ok.text(.highlights) == "```\n# not a heading\n```" && ok.text(.outlook) == "z")
    }

    /// A notes file that is not one: too large (read no further than the limit), not UTF-8.
    @Test func aNotesFileThatIsNotTextIsRefused() throws {
        let dir = try TempDir()
        let fifo = dir.path("notes.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let big = try dir.write("big.md", "## Faits marquants\n" + String(repeating: "Une ligne de texte du bureau.\n", count: 40_000))
        for (path, message) in [("/dev/zero", "not a regular file"), (fifo, "not a regular file"), (big, "larger than 1 MB")] {
            do { _ = try BoardNotes(path: path); Issue.record("\(path) was read") } catch let e as UserError {
                #expect(e.message.contains(message), "\(e.message)")
            }
        }
        let latin1 = try dir.write("notes.md", bytes: [0x23, 0x20, 0x44, 0xE9, 0x62, 0x75, 0x74])
        do { _ = try BoardNotes(path: latin1); Issue.record("Latin-1 was read") } catch let e as UserError {
            #expect(e.message.contains("not UTF-8 text"), "\(e.message)")
        }
        do { _ = try BoardNotes(path: dir.path("absent.md")); Issue.record("a missing file was read") } catch let e as UserError {
            #expect(e.kind == .notFound || e.message.contains("absent.md"), "\(e.message)")
        }
    }

    // MARK: Files

    /// `AnnualReport.write`: the note, its HTML, the journal and the charts, all in place, the
    /// journal's totals equal to the note's; a notes file that cannot be read writes nothing.
    @Test func theReportWritesItsFilesTogetherAndNothingOnABadNotesFile() throws {
        let f = try IndicatorFixture()
        try Self.monthly(f, from: "2024-01", to: "2026-01")
        let dir = try TempDir()
        let settings = try Settings.parse(toml: Self.settings)
        let out = dir.path("rapport")
        #expect(throws: UserError.self) {
            try AnnualReport.write(store: f.store, settings: settings, year: 2025, notes: dir.path("absent.md"),
                                   outDirectory: out, options: WorkbookOptions())
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        let paths = try AnnualReport.write(store: f.store, settings: settings, year: 2025, outDirectory: out,
                                           options: WorkbookOptions())
        let names = paths.map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(names.contains("rapport-annuel-2025.md") && names.contains("rapport-annuel-2025.html")
                && names.contains("ecritures-benevolat-2025.csv") && names.contains("rapport-annuel-2025-demandes.svg"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path("rapport/ecritures-benevolat-2025.csv")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "a byte-order mark")
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(csv.hasPrefix("Date;Compte;Intitulé du compte;Libellé;Débit;Crédit\r\n"))
        var debit = 0, credit = 0
        for line in csv.split(separator: "\r\n").dropFirst() {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false)
            func cents(_ s: Substring) -> Int { s.isEmpty ? 0 : Int(s.replacingOccurrences(of: ",", with: ""))! }
            debit += cents(fields[4]); credit += cents(fields[5])
        }
        #expect(debit == 44_850 && credit == 44_850)
        let html = try String(contentsOfFile: dir.path("rapport/rapport-annuel-2025.html"), encoding: .utf8)
        #expect(html.contains("<svg") && !html.contains("<script") && !html.contains("src=\""))
        #expect(html.contains("Réseau du Quartier — Rapport d'activité 2025"))
        let left = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!left.contains { $0.contains(".partial") || $0.hasPrefix(".") }, "\(left)")
    }

    @Test func aYearOutsideTheSupportedRangeIsRefused() throws {
        #expect(throws: UserError.self) { try AnnualReportData.checkYear(1899) }
        #expect(throws: UserError.self) { try AnnualReportData.checkYear(2201) }
        try AnnualReportData.checkYear(2026)
    }
}
