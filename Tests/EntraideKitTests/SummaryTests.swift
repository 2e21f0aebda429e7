import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SharedTestSupport
import Testing
@testable import EntraideKit

/// The fixture month of the summary tests: a small export imported through the real importer,
/// fixed settings and a fixed "now" (mid-November 2026, so October 2026 is over by the report's
/// clock), the import's instant too: the data's latest event is on 28 October 2026, so October
/// is still running in the data (`partial`, docs/INDICATORS.md) and September is complete.
struct SummaryFixture {
    let fixture: ImportFixture
    static let month = Month(year: 2026, month: 10)
    static let now = Date(timeIntervalSince1970: 1_795_200_000)  // 2026-11-20T18:40Z

    static var settings: Settings {
        var s = Settings()
        s.networkName = "Réseau d'entraide du Bas-Quartier"
        s.hourlyRateEUR = 15
        s.associations = ["Centre social", "Asso étudiante"]
        return s
    }

    init() throws {
        fixture = try ImportFixture(settings: Self.settings)
        let dir = TestPaths.fixture("summary")
        let summary = try fixture.run([dir.appendingPathComponent("volunteers.csv").path,
                                       dir.appendingPathComponent("requests.csv").path]) { $0.now = Self.now }
        precondition(summary.committed, "fixture import failed: \(summary.errors)")
    }

    func data(association: String? = nil, now: Date = SummaryFixture.now) throws -> MonthlyReportData {
        try MonthlyReportData.load(store: fixture.store, settings: Self.settings, month: Self.month,
                                   association: association, now: now)
    }
}

/// Counts elements of an SVG by name and class, and fails on malformed XML.
final class SVGCounter: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var classes: [String: Int] = [:]
    var rootName: String?
    var textContent = ""

    static func parse(_ svg: String) throws -> SVGCounter {
        let counter = SVGCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        guard parser.parse() else {
            let why = "malformed SVG: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)"
            throw UserError(.badInput, .verbatim(why))
        }
        return counter
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if rootName == nil { rootName = name }
        elements.append(name)
        if let c = attributes["class"] { classes[c, default: 0] += 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { textContent += string }
}

@Suite("Monthly summary")
struct SummaryTests {
    @Test func goldenFrenchEnglishAndAssociation() throws {
        let f = try SummaryFixture()
        let cases: [(Language, String?)] = [(.fr, nil), (.en, nil), (.fr, "Centre social")]
        for (language, association) in cases {
            let output = try MonthlySummary.render(data: f.data(association: association), language: language)
            try Golden.check("summary/" + output.markdownFileName, output.markdown)
            for chart in output.charts { try Golden.check("summary/" + chart.fileName, chart.svg) }
        }
    }

    @Test func writesMarkdownAndChartsWithRelativeLinks() throws {
        let f = try SummaryFixture()
        let out = try TempDir()
        let urls = try MonthlySummary.write(data: f.data(), to: out.url, language: .fr)
        #expect(urls.map(\.lastPathComponent) == ["rapport-2026-10.md", "rapport-2026-10-domaines.svg",
                                                  "rapport-2026-10-benevoles.svg", "rapport-2026-10-demandes.svg"])
        let md = try String(contentsOf: urls[0], encoding: .utf8)
        for svg in urls.dropFirst() {
            #expect(md.contains("](\(svg.lastPathComponent))"), "\(svg.lastPathComponent) is linked relatively")
            #expect(FileManager.default.fileExists(atPath: svg.path))
        }
        let english = try MonthlySummary.write(data: f.data(), to: out.url, language: .en)
        #expect(english.map(\.lastPathComponent) == ["report-2026-10.md", "report-2026-10-domains.svg",
                                                     "report-2026-10-volunteers.svg", "report-2026-10-requests.svg"])
    }

    @Test func contentFollowsTheNumbers() throws {
        let f = try SummaryFixture()
        let data = try f.data()
        #expect(data.current.requests.received == 12)
        #expect(data.previous.requests.received == 6)
        let md = try MonthlySummary.render(data: data, language: .fr).markdown
        let nb = "\u{00A0}"
        #expect(md.hasPrefix("# Réseau d'entraide du Bas-Quartier — rapport mensuel, octobre 2026\n"))
        // The data's latest event is on 28 October: October is still running in the data.
        #expect(md.contains("En octobre 2026 (données arrêtées au 28 octobre 2026), le réseau a reçu 12 demandes, "
                            + "100\u{202F}% de plus qu'en septembre (6)."))
        #expect(md.contains("| Demandes reçues | 12 | 6 | +6 (+100\u{202F}%) |"))
        // V1 had 5 assignments in October (threshold 4); R27 (5 Oct) and R28 (20 Oct) wait > 7 days.
        #expect(md.contains("1 bénévole a eu plus de 4 mises en relation"))
        #expect(md.contains("2 demandes attendaient un bénévole depuis plus de 7 jours\u{202F}; la plus ancienne depuis 26 jours"))
        #expect(!md.contains("V1"), "never who")
        #expect(md.contains("| Valorisation des heures |"))
        #expect(md.contains("**Valorisation (€).** Heures de bénévolat × 15,00 € de l'heure (taux configuré)."))
        let en = try MonthlySummary.render(data: data, language: .en).markdown
        #expect(en.contains("In October 2026 (data up to 28 October 2026), the network received 12 requests, "
                            + "100% more than in September (6)."))
        #expect(en.contains("| Volunteer hours | 8.0\(nb)h | 9.0\(nb)h | -1.0\(nb)h (-11%) |"))
    }

    @Test func associationRestrictsEveryNumberAndSaysSoInTheTitle() throws {
        let f = try SummaryFixture()
        let data = try f.data(association: "Centre social")
        #expect(data.current.requests.received == 8)
        let output = try MonthlySummary.render(data: data, language: .fr)
        #expect(output.markdownFileName == "rapport-2026-10-centre-social.md")
        let md = output.markdown
        #expect(md.hasPrefix("# Réseau d'entraide du Bas-Quartier — rapport mensuel, octobre 2026 — association «\u{202F}Centre social\u{202F}»\n"))
        #expect(md.contains("l'association a reçu 8 demandes"))
        #expect(md.contains("| Demandes reçues | 8 | 4 |"))
        // Only R27 (Centre social) waits; R28 belongs to the student association.
        #expect(md.contains("1 demande attendait un bénévole"))
        #expect(output.charts.allSatisfy { $0.fileName.hasPrefix("rapport-2026-10-centre-social-") })
        #expect(output.charts[0].svg.contains("Centre social"))
    }

    @Test func monthInProgressSaysWhereFiguresStop() throws {
        let f = try SummaryFixture()
        let now = Date(timeIntervalSince1970: 1_792_500_000)  // 2026-10-20 in Paris
        let md = try MonthlySummary.render(data: f.data(now: now), language: .fr).markdown
        #expect(md.contains("> Le mois n'est pas terminé"))
        #expect(md.contains("En octobre 2026 (jusqu'au 20 octobre 2026)"))
    }

    @Test func chartsAreWellFormedWithTheExpectedBarsAndPoints() throws {
        let f = try SummaryFixture()
        let output = try MonthlySummary.render(data: f.data(), language: .fr)
        #expect(output.charts.count == 3)
        for chart in output.charts {
            let svg = try SVGCounter.parse(chart.svg)
            #expect(svg.rootName == "svg")
            #expect(svg.elements.contains("title") && svg.elements.contains("desc"))
            #expect(!chart.svg.contains("<script") && !chart.svg.contains("href") && !chart.svg.contains("@font-face")
                    && !chart.svg.contains("url("), "no external resources or scripts")
        }
        let domains = try SVGCounter.parse(output.charts[0].svg)
        #expect(domains.classes["bar"] == 5, "one bar per configured domain")
        #expect(domains.textContent.contains("Courses et commissions"))
        #expect(domains.textContent.contains("6 (50\u{202F}%)"))
        let volunteers = try SVGCounter.parse(output.charts[1].svg)
        #expect(volunteers.classes["point"] == 24, "12 months × registered and active")
        #expect(volunteers.elements.filter { $0 == "polyline" }.count == 2)
        #expect(volunteers.textContent.contains("Bénévoles inscrits") && volunteers.textContent.contains("nov."))
        let requests = try SVGCounter.parse(output.charts[2].svg)
        #expect(requests.classes["bar"] == 12, "one column per month")
        let english = try MonthlySummary.render(data: f.data(), language: .en)
        #expect(try SVGCounter.parse(english.charts[1].svg).textContent.contains("Registered volunteers"))
        #expect(try SVGCounter.parse(english.charts[2].svg).textContent.contains("Nov"))
    }

    @Test func svgEscapesTextAndHandlesEmptyData() throws {
        let chart = SVGBarChart(title: "A < B & \"C\"", description: "d", categories: ["x<y", "z"], values: [0, 0],
                                valueLabels: ["0", "0"], axisTitle: "n", tickLabel: { String(Int($0)) })
        let parsed = try SVGCounter.parse(chart.svg())
        #expect(parsed.classes["bar"] == 2)
        #expect(parsed.textContent.contains("A < B & \"C\""))
        let line = SVGLineChart(title: "t", description: "d", categories: [ChartMonthLabel(label: "oct.", year: "2026")],
                                series: [LineSeries(name: "s", values: [0])], axisTitle: "n",
                                tickLabel: { String(Int($0)) }, valueLabel: { String(Int($0)) })
        #expect(try SVGCounter.parse(line.svg()).classes["point"] == 1)
    }

    @Test func niceAxes() {
        #expect(SVGChart.niceScale(0) == (1, 1) || SVGChart.niceScale(0).top >= 1)
        let a = SVGChart.niceScale(126)
        #expect(a.step == 50 && a.top == 150)
        let b = SVGChart.niceScale(7)
        #expect(b.step == 2 && b.top == 8)
        let c = SVGChart.niceScale(1040)
        #expect(c.step == 500 && c.top == 1500)
    }
}

@Suite("Report number formats")
struct ReportFormatterTests {
    let fr = ReportFormatter(language: .fr)
    let en = ReportFormatter(language: .en)
    let nb = "\u{00A0}"

    @Test func frenchAndEnglishNumbers() {
        #expect(fr.integer(1_234_567) == "1\(nb)234\(nb)567")
        #expect(en.integer(1_234_567) == "1,234,567")
        #expect(fr.integer(-12) == "\u{2212}12")
        #expect(fr.decimal(1234.56) == "1\(nb)234,6")
        #expect(en.decimal(1234.56) == "1,234.6")
        #expect(fr.decimal(0.05) == "0,1" && fr.decimal(-0.04) == "0,0")
        #expect(fr.percent(0.084) == "8\u{00A0}%")
        #expect(en.percent(0.084) == "8%")
        #expect(fr.hours(5.5) == "5,5\(nb)h")
        #expect(fr.euros(3022.5) == "3\(nb)023\(nb)€")
        #expect(en.euros(3022.5) == "€3,023")
        #expect(fr.relativeChange(122, 113) == "+8\u{00A0}%")
        #expect(en.relativeChange(100, 125) == "-20%")
        #expect(fr.relativeChange(5, 0) == nil)
        #expect(fr.signedInteger(9) == "+9" && fr.signedInteger(-3) == "\u{2212}3" && fr.signedInteger(0) == "0")
    }

    @Test func monthsAndDates() {
        #expect(fr.monthName(Month(year: 2026, month: 8)) == "août 2026")
        #expect(en.monthName(Month(year: 2026, month: 8)) == "August 2026")
        #expect(fr.shortMonth(Month(year: 2026, month: 2)) == "févr.")
        let clock = LocalClock(identifier: "Europe/Paris")!
        #expect(fr.date(clock.start(of: Month(year: 2026, month: 11))) == "1er novembre 2026")
        #expect(en.date(clock.start(of: Month(year: 2026, month: 11))) == "1 November 2026")
        #expect(fr.monthName(Month(year: 2026, month: 1)) == "janvier 2026")
        let third = Timestamp(iso8601: "2026-10-03T12:00:00+02:00")!
        #expect(fr.numericDate(third) == "03/10/2026" && en.numericDate(third) == "03/10/2026")
        #expect(fr.onDate(clock.start(of: Month(year: 2026, month: 12))) == "le 1er décembre 2026")
        #expect(en.onDate(clock.start(of: Month(year: 2026, month: 12))) == "on 1 December 2026")
    }

    @Test func independentOfTheProcessLocale() {
        let ran: Void? = withThreadLocale("fr_FR.UTF-8") {
            #expect(String(cString: localeconv().pointee.decimal_point) == ",")
            #expect(en.decimal(1.5) == "1.5")
            #expect(SVGChart.n(12.25) == "12.3" || SVGChart.n(12.25) == "12.2")
            #expect(SVGChart.n(-3) == "-3")
        }
        #expect(ran != nil, "the fr_FR.UTF-8 locale should exist on this machine (scripts/setup makes it)")
    }
}

@Suite("Summary templates")
struct SummaryTemplateTests {
    static let templatesDir = TestPaths.repository.appendingPathComponent("reports/templates")

    @Test func embeddedTemplatesAreTheShippedFiles() throws {
        let fr = try String(contentsOf: Self.templatesDir.appendingPathComponent(DefaultTemplates.frenchFileName),
                            encoding: .utf8)
        let en = try String(contentsOf: Self.templatesDir.appendingPathComponent(DefaultTemplates.englishFileName),
                            encoding: .utf8)
        #expect(fr == DefaultTemplates.french + "\n", "run reports/templates/embed-templates.sh after editing a template")
        #expect(en == DefaultTemplates.english + "\n", "run reports/templates/embed-templates.sh after editing a template")
    }

    @Test func everyVariableIsDocumented() throws {
        let readme = try String(contentsOf: Self.templatesDir.deletingLastPathComponent().appendingPathComponent("README.md"),
                                encoding: .utf8)
        for name in SummaryContext.variableNames {
            #expect(readme.contains("`\(name)`") || readme.contains(".\(name)`") || readme.contains("`\(name).")
                    || readme.contains(".\(name).") , "\(name) is documented in reports/README.md")
        }
    }

    @Test func contextUsesOnlyDeclaredNames() throws {
        let f = try SummaryFixture()
        let data = try f.data()
        let context = SummaryContext(data: data, language: .fr,
                                     charts: SummaryCharts(data: data, language: .fr, baseName: "x").build().context).build()
        func walk(_ value: Any) {
            if let d = value as? [String: Any] {
                for (k, v) in d {
                    #expect(SummaryContext.variableNames.contains(k), "\(k) is declared")
                    walk(v)
                }
            } else if let a = value as? [Any] {
                a.forEach(walk)
            }
        }
        walk(context)
    }

    @Test func customTemplateFile() throws {
        let f = try SummaryFixture()
        let dir = try TempDir()
        let path = try dir.write("mine.mustache", """
            Bilan {{month.name}} pour {{network}}
            {{#domains}}
            - {{label}} : {{count}} ({{share}})
            {{/domains}}
            {{^has_alerts}}Rien à signaler.{{/has_alerts}}{{#has_alerts}}{{#alert_lines}}
            * {{text}}{{/alert_lines}}{{/has_alerts}}
            """)
        let out = try TempDir()
        let urls = try MonthlySummary.write(data: f.data(), to: out.url, language: .fr, template: URL(fileURLWithPath: path))
        let md = try String(contentsOf: urls[0], encoding: .utf8)
        #expect(md.hasPrefix("Bilan octobre 2026 pour Réseau d'entraide du Bas-Quartier\n- Échanges téléphoniques\u{202F}: 2 (17\u{202F}%)\n"))
        #expect(md.contains("* 1 bénévole a eu plus de 4 mises en relation"))
        #expect(urls.count == 4, "the charts are written even if the template doesn't show them")
    }

    @Test func valuesAreEscapedForMarkdownUnlessTripleBraced() throws {
        let f = try SummaryFixture()
        var data = try f.data()
        data.settings.networkName = "Réseau *A* | B"
        let t = try SummaryTemplate(text: "{{network}} / {{{network}}}", source: "t")
        let md = MonthlySummary.render(data: data, language: .fr, template: t).markdown
        #expect(md == "Réseau \\*A\\* \\| B / Réseau *A* | B\n")
    }

    @Test func brokenTemplateNamesTheLine() throws {
        let dir = try TempDir()
        let path = try dir.write("broken.mustache", "# {{title}}\n\n{{#headline}}\n| {{label}} |\n{{/domains}}\n")
        do {
            _ = try SummaryTemplate.load(URL(fileURLWithPath: path))
            Issue.record("a broken template must fail")
        } catch let error as UserError {
            #expect(error.message.contains("broken.mustache, line 5"), "\(error.message)")
            #expect(error.message.contains("does not match"), "\(error.message)")
        }
        do {
            _ = try SummaryTemplate(text: "# {{title}}\n{{#headline}}\n", source: "unclosed")
            Issue.record("an unclosed section must fail")
        } catch let error as UserError {
            #expect(error.message.contains("unclosed, line"), "\(error.message)")
            #expect(error.message.contains("never closed"), "\(error.message)")
        }
        do {
            _ = try SummaryTemplate(text: "# {{title}}\n\nMois : {{mois.nom}}\n", source: "typo")
            Issue.record("an unknown variable must fail")
        } catch let error as UserError {
            #expect(error.message == "template typo, line 3: unknown variable \"mois.nom\"; "
                    + "the variables are listed in reports/README.md")
        }
    }

    @Test func missingTemplateFileIsAUserError() {
        let error = #expect(throws: UserError.self) {
            _ = try SummaryTemplate.load(URL(fileURLWithPath: "/nonexistent/x.mustache"))
        }
        #expect(error?.kind == .fileAccess)
    }
}
