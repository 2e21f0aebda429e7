import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit
#if canImport(Glibc)
import Glibc
#endif

/// The funder and monthly XLSX workbooks (issue 4), opened and parsed back.
@Suite("Report workbooks")
struct ReportWorkbookTests {
    static let created = Date(timeIntervalSince1970: 1_793_520_000)  // 2026-11-01T08:00:00Z
    /// The fixtures are imported at this time (the as-of instant ignores events dated after it).
    static let importedAt = created

    // MARK: Fixtures

    /// A year of synthetic exports (2025-11 … 2026-10), imported through the real importer.
    static func sampleDatabase(settings: Settings = Settings()) throws -> (ImportFixture, SampleSummary) {
        let fixture = try ImportFixture(settings: settings)
        let summary = try SampleGenerator.write(
            to: fixture.dir.url, options: SampleOptions(months: 12, requestsPerMonth: 60, seed: 7,
                                                        endMonth: Month(year: 2026, month: 10)))
        try fixture.run([summary.volunteersFile.path, summary.requestsFile.path, summary.assignmentsFile.path]) {
            $0.now = importedAt
        }
        return (fixture, summary)
    }

    /// The small export of `Fixtures/reports` (few residents, one request waiting).
    static func smallDatabase(settings: Settings = Settings()) throws -> ImportFixture {
        let fixtures = TestPaths.fixture("reports")
        let fixture = try ImportFixture(settings: settings)
        try fixture.run([fixtures.appendingPathComponent("volunteers.csv").path,
                         fixtures.appendingPathComponent("requests.csv").path]) { $0.now = importedAt }
        return fixture
    }

    static func funder(_ fixture: ImportFixture, from: String, to: String, options: WorkbookOptions,
                       out: String? = nil) throws -> String {
        try ReportWorkbook.writeFunder(store: fixture.store, settings: fixture.settings, from: Month(from)!, to: Month(to)!,
                                       outDirectory: out ?? fixture.dir.path("out"), options: options)
    }

    /// The monthly workbook alone (`MonthlyReport` also writes the Markdown note).
    static func monthly(_ fixture: ImportFixture, month: String, association: String? = nil, out: String,
                        options: WorkbookOptions, now: Date) throws -> String {
        let engine = IndicatorEngine(store: fixture.store, settings: fixture.settings)
        let m = Month(month)!
        let data = try MonthlyReportData.load(store: fixture.store, settings: fixture.settings, month: m,
                                              association: association, now: now, engine: engine)
        let associations = AssociationBreakdown.compute(facts: try engine.facts(), from: m, to: m, only: data.association)
        let path = try ReportWorkbook.prepare(out, ReportWorkbook.monthlyFileName(
            month: m, association: data.association, language: options.language))
        try ReportWorkbook.writeMonthly(data, associations: associations, path: path, options: options)
        return path
    }

    static let fr = WorkbookText(language: .fr)

    // MARK: Funder workbook

    @Test func funderSheetsFileNameAndSeriesMatchTheEngine() throws {
        let (fixture, _) = try Self.sampleDatabase()
        let path = try Self.funder(fixture, from: "2026-01", to: "2026-10",
                                   options: WorkbookOptions(suppressBelow: 3, created: Self.created))
        #expect((path as NSString).lastPathComponent == "entraide-financeurs-2026-01_2026-10.xlsx")
        let package = try OOXMLPackage(path: path)
        #expect(try package.sheetNames() == ["Synthèse", "Bénévoles", "Demandes et domaines", "Délais de réponse",
                                             "Charge et heures", "Associations partenaires", "Méthodologie"])

        let report = try IndicatorEngine(store: fixture.store, settings: fixture.settings)
            .compute(from: Month("2026-01")!, to: Month("2026-10")!)
        #expect(report.months.count == 10)

        // Volunteers: month, registered, active, new, left.
        let volunteers = try package.sheet("Bénévoles")
        let header = try #require(volunteers.row(ofText: "Mois"))
        for (i, m) in report.months.enumerated() {
            let r = header + 1 + i
            // A date cell on the month's first day, its marker (if any) in its number format.
            #expect(volunteers.month(SheetView.ref(r, 0)) == m.month.description)
            #expect(volunteers.formatCode(SheetView.ref(r, 0)) == "[$-40C]mmm yyyy"
                + (i == report.months.count - 1 ? "\" (en cours)\"" : ""))
            #expect(m.indicators.data != .none)
            #expect(volunteers.number(SheetView.ref(r, 1)) == Double(m.indicators.volunteers.registered))
            #expect(volunteers.number(SheetView.ref(r, 2)) == Double(m.indicators.volunteers.active))
            #expect(volunteers.number(SheetView.ref(r, 3)) == Double(m.indicators.volunteers.new))
            #expect(volunteers.number(SheetView.ref(r, 4)) == Double(m.indicators.volunteers.left))
        }
        let totalRow = header + 1 + report.months.count
        #expect(volunteers.string(SheetView.ref(totalRow, 0)) == Self.fr.wholePeriod)
        #expect(volunteers.number(SheetView.ref(totalRow, 1)) == Double(report.total.volunteers.registered))

        // Requests: received, the five statuses, then one column per domain.
        let requests = try package.sheet("Demandes et domaines")
        let rh = try #require(requests.row(ofText: "Mois"))
        // …the matched and done shares, then one column per domain.
        #expect(requests.string(SheetView.ref(rh, 7)) == "Part mise en relation")
        // The domains and residents: a second table under the first, month for month.
        let dmh = try #require(requests.row(ofText: "Mois", after: rh))
        #expect(requests.string(SheetView.ref(dmh, 1)) == "Échanges téléphoniques")
        for (i, m) in report.months.enumerated() {
            let r = rh + 1 + i
            #expect(requests.number(SheetView.ref(r, 1)) == Double(m.indicators.requests.received))
            #expect(requests.number(SheetView.ref(r, 4)) == Double(m.indicators.requests[.done]))
            #expect(close(requests.number(SheetView.ref(r, 8)), m.indicators.requests.doneShare, tolerance: 1e-12))
            for (j, code) in report.domainCodes.enumerated() {
                #expect(requests.number(SheetView.ref(dmh + 1 + i, 1 + j)) == Double(m.indicators.requests.byDomain[code] ?? 0))
            }
        }

        // Delays: unrounded medians and P90 as numbers, formatted 0.0; shares as percentages.
        let delays = try package.sheet("Délais de réponse")
        let dh = try #require(delays.row(ofText: "Mois"))
        for (i, m) in report.months.enumerated() {
            let r = dh + 1 + i
            #expect(delays.number(SheetView.ref(r, 1)) == Double(m.indicators.delays.match.count))
            // libxlsxwriter writes 16 significant digits (Excel keeps 15).
            #expect(close(delays.number(SheetView.ref(r, 2)), m.indicators.delays.match.medianHours, tolerance: 1e-12))
            #expect(close(delays.number(SheetView.ref(r, 3)), m.indicators.delays.match.p90Hours, tolerance: 1e-12))
            #expect(delays.number(SheetView.ref(r, 5)) == Double(m.indicators.delays.match.unanswered))
            #expect(close(delays.number(SheetView.ref(r, 6)), m.indicators.delays.match.withinTargetShare, tolerance: 1e-12))
            #expect(close(delays.number(SheetView.ref(r, 9)), m.indicators.delays.contact.p90Hours, tolerance: 1e-12))
            #expect(delays.number(SheetView.ref(r, 11)) == Double(m.indicators.delays.contact.unanswered))
            // The targets are a hidden helper range after the table, not columns of it.
            #expect(delays.number(SheetView.ref(r, 14)) == 48)
            #expect(delays.number(SheetView.ref(r, 15)) == 16)
        }
        // The same requests in working hours: the second table, under the first.
        let wh = try #require(delays.row(ofText: "Mois", after: dh))
        for (i, m) in report.months.enumerated() {
            let r = wh + 1 + i
            #expect(delays.month(SheetView.ref(r, 0)) == m.month.description)
            #expect(close(delays.number(SheetView.ref(r, 1)), m.indicators.delays.match.working.medianHours, tolerance: 1e-12))
            #expect(close(delays.number(SheetView.ref(r, 3)), m.indicators.delays.match.working.withinTargetShare,
                          tolerance: 1e-12))
            #expect(close(delays.number(SheetView.ref(r, 5)), m.indicators.delays.contact.working.p90Hours, tolerance: 1e-12))
        }
        #expect(delays.formatCode(SheetView.ref(dh + 1, 2)) == "0.0")
        #expect(delays.formatCode(SheetView.ref(dh + 1, 6)) == "0\"\u{00A0}\"%")
        #expect(delays.formatCode(SheetView.ref(dh + 1, 1)) == "#,##0")

        // Load and hours.
        let load = try package.sheet("Charge et heures")
        let lh = try #require(load.row(ofText: "Mois"))
        for (i, m) in report.months.enumerated() {
            let r = lh + 1 + i
            #expect(load.number(SheetView.ref(r, 1)) == Double(m.indicators.load.assignments))
            #expect(abs((load.number(SheetView.ref(r, 8)) ?? -1) - m.indicators.hours.total) < 1e-9)
        }
        #expect(load.formatCode(SheetView.ref(lh + 1, 8)) == "#,##0.0")
        #expect(load.formatCode(SheetView.ref(lh + 1, 3)) == "0.0")
    }

    @Test func summaryComparesWithThePreviousPeriod() throws {
        let (fixture, _) = try Self.sampleDatabase()
        let path = try Self.funder(fixture, from: "2026-05", to: "2026-10",
                                   options: WorkbookOptions(suppressBelow: 3, created: Self.created))
        let engine = IndicatorEngine(store: fixture.store, settings: fixture.settings)
        let now = try engine.compute(from: Month("2026-05")!, to: Month("2026-10")!).total
        let before = try engine.compute(from: Month("2025-11")!, to: Month("2026-04")!).total
        let summary = try OOXMLPackage(path: path).sheet("Synthèse")
        let r = try #require(summary.row(ofText: "Demandes reçues"))
        #expect(summary.number(SheetView.ref(r, 1)) == Double(now.requests.received))
        #expect(summary.number(SheetView.ref(r, 2)) == Double(before.requests.received))
        #expect(summary.number(SheetView.ref(r, 3)) == Double(now.requests.received - before.requests.received))
        #expect(summary.formatCode(SheetView.ref(r, 3)) == "+#,##0;-#,##0;0")
        let header = try #require(summary.row(ofText: "Indicateur"))
        #expect(summary.string(SheetView.ref(header, 1)) == "Période mai 2026 – oct. 2026")
        #expect(summary.string(SheetView.ref(header, 2)) == "Période précédente nov. 2025 – avr. 2026")
        let m = try #require(summary.row(ofText: "Délai médian de mise en relation (h)"))
        #expect(close(summary.number(SheetView.ref(m, 1)), now.delays.match.medianHours, tolerance: 1e-12))
        let active = try #require(summary.row(ofText: "Bénévoles actifs"))
        #expect(summary.number(SheetView.ref(active, 1)) == Double(now.volunteers.active))
        // Without an hourly rate there is no valuation line, and a note says so.
        #expect(summary.row(ofText: "Valorisation (€)") == nil)
        #expect(summary.row(ofText: Self.fr.typeset(IndicatorCatalogue.unsetRate.fr)) != nil)
        #expect(summary.string("B2") == "Réseau d'entraide")
        #expect(summary.frozen?.rows == header + 1)
    }

    @Test func chartsTablesPanesAndPrintSetup() throws {
        let (fixture, _) = try Self.sampleDatabase()
        let path = try Self.funder(fixture, from: "2026-01", to: "2026-10",
                                   options: WorkbookOptions(suppressBelow: 3, created: Self.created))
        let package = try OOXMLPackage(path: path)

        // One native chart per family sheet, of the right kind, titled in French.
        let volunteers = try package.charts(onSheet: "Bénévoles")
        #expect(volunteers.count == 1)
        #expect(volunteers.first?.first("c:lineChart")?.all("c:ser").count == 2)
        #expect(volunteers.first?.first("c:title")?.allText == "Bénévoles inscrits et actifs par mois")
        let axisTitles = volunteers.first?.all("c:title").map(\.allText) ?? []
        #expect(axisTitles.contains("Mois") && axisTitles.contains("Bénévoles"))

        let domains = try #require(try package.charts(onSheet: "Demandes et domaines").first)
        #expect(domains.first("c:barChart")?.first("c:grouping")?.attributes["val"] == "stacked")
        #expect(domains.first("c:barDir")?.attributes["val"] == "col")
        #expect(domains.all("c:ser").count == Settings.defaultDomains.count)

        let delays = try #require(try package.charts(onSheet: "Délais de réponse").first)
        let delaySeries = delays.all("c:ser").map { $0.first("c:tx")?.allText ?? "" }
        #expect(delaySeries.contains("Mise en relation, médiane"))
        #expect(delaySeries.contains("Mise en relation, P90"))
        #expect(delaySeries.contains("Objectif 48\u{00A0}h"))
        #expect(delays.first("c:lineChart") != nil)

        let hours = try #require(try package.charts(onSheet: "Charge et heures").first)
        #expect(hours.first("c:barChart")?.first("c:grouping")?.attributes["val"] == "clustered")
        #expect(hours.all("c:ser").count == 1)
        #expect(try package.charts(onSheet: "Méthodologie").isEmpty)

        // Ten months: upright month labels. Beyond twelve, slanted so each stays on one line.
        func rotation(_ chart: XNode?) -> String? {
            chart?.first("c:catAx")?.first("c:txPr")?.first("a:bodyPr")?.attributes["rot"]
        }
        #expect(rotation(volunteers.first) == nil)
        let long = try OOXMLPackage(path: try Self.funder(fixture, from: "2025-01", to: "2026-10",
                                                             options: WorkbookOptions(created: Self.created)))
        #expect(rotation(try long.charts(onSheet: "Bénévoles").first) == "-2700000")

        // Every data sheet: an Excel table with filters, a frozen header, landscape, one page wide,
        // header with the network and period, page numbers in the footer.
        for name in try package.sheetNames() {
            let tables = try package.tables(onSheet: name)
            // The delays sheet has two (real time, then working time), the requests sheet too
            // (requests, then domains and residents).
            #expect(tables.count == (["Délais de réponse", "Demandes et domaines"].contains(name) ? 2 : 1), "\(name)")
            #expect(tables.first?.first("autoFilter") != nil, "\(name)")
            let sheet = try package.sheet(name)
            #expect(sheet.frozen != nil, "\(name)")
            let setup = sheet.root.first("pageSetup")
            #expect(setup?.attributes["orientation"] == "landscape", "\(name)")
            #expect(setup?.attributes["fitToWidth"] == nil || setup?.attributes["fitToWidth"] == "1", "\(name)")
            // Family sheets (table + chart) print on one page; the others run on as needed.
            let onePage = try !package.charts(onSheet: name).isEmpty
            #expect(setup?.attributes["fitToHeight"] == (onePage ? nil : "0"), "\(name)")
            #expect(sheet.root.first("pageSetUpPr")?.attributes["fitToPage"] == "1", "\(name)")
            let headerText = sheet.root.first("oddHeader")?.text ?? ""
            #expect(headerText.contains("Réseau d&&'entraide") || headerText.contains("Réseau d'entraide"), "\(name)")
            #expect(headerText.contains("janvier 2026 – octobre 2026"), "\(name)")
            #expect(sheet.root.first("oddFooter")?.text.contains("&P") == true, "\(name)")
            // Fitted widths: every used column has an explicit width.
            #expect(!(sheet.root.all("col").isEmpty), "\(name)")
        }
        let volunteersSheet = try package.sheet("Bénévoles")
        let header = try #require(volunteersSheet.row(ofText: "Mois"))
        #expect(volunteersSheet.frozen?.rows == header + 1)
        #expect(volunteersSheet.frozen?.cols == 1)
        let table = try #require(try package.tables(onSheet: "Bénévoles").first)
        #expect(table.attributes["ref"] == "A\(header + 1):E\(header + 11)")
        #expect(table.all("tableColumn").map { $0.attributes["name"] ?? "" }
            == ["Mois", "Bénévoles inscrits", "Bénévoles actifs", "Nouveaux bénévoles", "Bénévoles partis"])
    }

    @Test func documentProperties() throws {
        var settings = Settings()
        settings.networkName = "Entraide Belleville"
        settings.author = "Centre social Les Tilleuls"
        let fixture = try Self.smallDatabase(settings: settings)
        let path = try Self.funder(fixture, from: "2026-09", to: "2026-10",
                                   options: WorkbookOptions(suppressBelow: 3, created: Self.created))
        let package = try OOXMLPackage(path: path)
        let core = try package.xml("docProps/core.xml")
        #expect(core.first("dc:title")?.text == "Entraide Belleville — Rapport aux financeurs, septembre 2026 – octobre 2026")
        #expect(core.first("dc:creator")?.text == "Centre social Les Tilleuls")
        #expect(core.first("dc:subject")?.text.isEmpty == false)
        #expect(core.first("cp:keywords")?.text.contains("financeurs") == true)
        #expect(core.first("dcterms:created")?.text == "2026-11-01T08:00:00Z")
        let app = try package.xml("docProps/app.xml")
        #expect(app.first("Company")?.text == "Entraide Belleville")
        let summary = try package.sheet("Synthèse")
        #expect(summary.string("B2") == "Entraide Belleville")
        #expect(summary.row(ofText: "Établi le\u{00A0}:").map { summary.string(SheetView.ref($0, 1)) } == "1er novembre 2026")
    }

    // MARK: Suppression and personal data

    @Test func smallResidentCountsAreSuppressed() throws {
        let fixture = try Self.smallDatabase()
        let path = try Self.funder(fixture, from: "2026-09", to: "2026-10",
                                   options: WorkbookOptions(suppressBelow: 3, created: Self.created))
        let package = try OOXMLPackage(path: path)
        let requests = try package.sheet("Demandes et domaines")
        // The residents are in the second table (domains and residents); the requests in the first.
        let rh = try #require(requests.row(ofText: "Mois"))
        let h = try #require(requests.row(ofText: "Mois", after: rh))
        let reachedCol = try #require((0..<20).first { requests.string(SheetView.ref(h, $0)) == "Habitants ayant appelé" })
        let newCol = try #require((0..<20).first { requests.string(SheetView.ref(h, $0)) == "Nouveaux habitants" })
        // 2026-09: 2 residents reached, 2 new → "< 3"; 2026-10: 4 reached (shown: 5 − 4 leaves
        // September's 1 or 2), 3 new — but September's 2 would be the period's 5 new minus 3, so
        // October's new residents are withheld (complementary).
        #expect(requests.string(SheetView.ref(h + 1, reachedCol)) == "< 3")
        #expect(requests.number(SheetView.ref(h + 1, reachedCol)) == nil)
        #expect(requests.string(SheetView.ref(h + 1, newCol)) == "< 3")
        #expect(requests.number(SheetView.ref(h + 2, reachedCol)) == 4)
        #expect(requests.string(SheetView.ref(h + 2, newCol)) == Self.fr.withheld)
        #expect(requests.number(SheetView.ref(h + 3, newCol)) == 5)
        #expect(requests.number(SheetView.ref(h + 3, reachedCol)) == 5)
        // Request counts are never suppressed.
        #expect(requests.number(SheetView.ref(rh + 1, 1)) == 2)

        // Summary: this period 5 residents reached; the previous period has no data: nothing to compare.
        let summary = try package.sheet("Synthèse")
        let r = try #require(summary.row(ofText: "Habitants ayant appelé"))
        #expect(summary.number(SheetView.ref(r, 1)) == 5)
        #expect(summary.cells[SheetView.ref(r, 2)] == nil)
        #expect(summary.cells[SheetView.ref(r, 3)] == nil)
        #expect(summary.row(ofText: Self.fr.suppressionNote(3)) != nil)

        // Associations: AFEV reached 2 residents and helped 2 (H2, H3), the Centre social reached 3
        // and helped 1 (H1); the network reached 5 and helped 3. The network's 5 distinct residents
        // are at most AFEV's + the Centre's: with the Centre's 3 shown, AFEV's would be pinned to 2,
        // so the Centre's is withheld.
        let associations = try package.sheet("Associations partenaires")
        let afev = try #require(associations.row(ofText: "AFEV"))
        #expect(associations.string(SheetView.ref(afev, 2)) == "< 3")
        #expect(associations.string(SheetView.ref(afev, 3)) == "< 3")
        #expect(associations.number(SheetView.ref(afev, 1)) == 4)
        #expect(associations.number(SheetView.ref(afev, 4)) == 3)
        #expect(associations.number(SheetView.ref(afev, 5)) == 5.75)
        let centre = try #require(associations.row(ofText: "Centre social"))
        #expect(associations.string(SheetView.ref(centre, 2)) == Self.fr.withheld)
        #expect(associations.string(SheetView.ref(centre, 3)) == "< 3")
        #expect(associations.number(SheetView.ref(centre, 1)) == 4)
        #expect(associations.number(SheetView.ref(centre, 5)) == 2.5)
        let network = try #require(associations.row(ofText: Self.fr.networkDistinct))
        #expect(associations.number(SheetView.ref(network, 1)) == 8)
        #expect(associations.number(SheetView.ref(network, 2)) == 5)
        #expect(associations.number(SheetView.ref(network, 3)) == 3)

        // Without suppression the same cells are numbers.
        let plain = try Self.funder(fixture, from: "2026-09", to: "2026-10",
                                    options: WorkbookOptions(suppressBelow: nil, created: Self.created),
                                    out: fixture.dir.path("plain"))
        let plainRequests = try OOXMLPackage(path: plain).sheet("Demandes et domaines")
        #expect(plainRequests.number(SheetView.ref(h + 1, reachedCol)) == 2)
        #expect(try OOXMLPackage(path: plain).sharedStrings().contains("< 3") == false)
        #expect(try OOXMLPackage(path: plain).sharedStrings().contains(Self.fr.withheld) == false)
    }

    @Test func noPersonalDataInTheWorkbook() throws {
        let (fixture, summary) = try Self.sampleDatabase()
        let path = try Self.funder(fixture, from: "2025-11", to: "2026-10",
                                   options: WorkbookOptions(suppressBelow: 3, created: Self.created))
        let monthly = try Self.monthly(fixture, month: "2026-10", out: fixture.dir.path("out"),
                                       options: WorkbookOptions(created: Self.created), now: Self.created)
        // Names, phone numbers and comments of the sample export.
        let requests = try String(contentsOf: summary.requestsFile, encoding: .utf8)
        var personal: Set<String> = []
        for line in requests.split(whereSeparator: \.isNewline).dropFirst().prefix(300) {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard fields.count > 4 else { continue }
            if fields[2].count > 3 { personal.insert(fields[2]) }        // resident name
            if fields[3].count > 5 { personal.insert(fields[3]) }        // resident phone
        }
        let volunteers = try String(contentsOf: summary.volunteersFile, encoding: .utf8)
        for line in volunteers.split(whereSeparator: \.isNewline).dropFirst().prefix(50) {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard fields.count > 4 else { continue }
            personal.insert(fields[4])                                    // e-mail
            personal.insert(fields[3])                                    // phone
        }
        #expect(personal.count > 50)
        for file in [path, monthly] {
            let package = try OOXMLPackage(path: file)
            var text = ""
            for part in package.partNames where part.hasSuffix(".xml") { text += try package.text(part) }
            for value in personal where !value.isEmpty {
                #expect(!text.contains(value), "\(value) in \(file)")
            }
            #expect(!text.contains("gratuit"))  // free-text comments never reach the workbook
        }
    }

    // MARK: Reproducibility and locale

    @Test func byteIdenticalWithAFixedCreationTimeWhateverTheLocale() throws {
        let fixture = try Self.smallDatabase()
        let options = WorkbookOptions(suppressBelow: 3, created: Self.created)
        let a = try Self.funder(fixture, from: "2026-09", to: "2026-10", options: options, out: fixture.dir.path("a"))
        let b = try Self.funder(fixture, from: "2026-09", to: "2026-10", options: options, out: fixture.dir.path("b"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))

        // Under a French process locale (decimal comma) the file is the same, hence valid.
        let french = withThreadLocale("fr_FR.UTF-8") {
            Result { try Self.funder(fixture, from: "2026-09", to: "2026-10", options: options, out: fixture.dir.path("c")) }
        }
        let c = try #require(french, "the fr_FR.UTF-8 locale should exist on this machine")
        let cPath = try c.get()
        #expect(try Data(contentsOf: URL(fileURLWithPath: cPath)) == Data(contentsOf: URL(fileURLWithPath: a)))
        // Decimals are written with a point.
        let load = try OOXMLPackage(path: cPath).sheet("Charge et heures")
        let h = try #require(load.row(ofText: "Mois"))
        #expect(load.number(SheetView.ref(h + 1, 8)) == 3.5)
        #expect(load.cells[SheetView.ref(h + 1, 8)]?.first("v")?.text == "3.5")

        // Another creation time gives another file.
        let d = try Self.funder(fixture, from: "2026-09", to: "2026-10",
                                options: WorkbookOptions(suppressBelow: 3, created: Self.created.addingTimeInterval(86400)),
                                out: fixture.dir.path("d"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: d)) != Data(contentsOf: URL(fileURLWithPath: a)))
    }

    @Test func creationTimeOptions() throws {
        #expect(try WorkbookOptions.parseCreated("2026-11-01T08:00:00Z") == Self.created)
        for bad in ["2026-11-01", "2026-11-01T08:00:00", "2026-13-01T08:00:00Z", "2026-02-30T08:00:00Z", "yesterday"] {
            #expect(throws: UserError.self) { try WorkbookOptions.parseCreated(bad) }
        }
        #expect(try WorkbookOptions.sourceDateEpoch(environment: ["SOURCE_DATE_EPOCH": "1793520000"]) == Self.created)
        #expect(try WorkbookOptions.sourceDateEpoch(environment: [:]) == nil)
        #expect(throws: UserError.self) { try WorkbookOptions.sourceDateEpoch(environment: ["SOURCE_DATE_EPOCH": "soon"]) }
    }

    // MARK: Language

    @Test func englishLabels() throws {
        let fixture = try Self.smallDatabase()
        let path = try Self.funder(fixture, from: "2026-09", to: "2026-10",
                                   options: WorkbookOptions(language: .en, suppressBelow: 3, created: Self.created))
        #expect((path as NSString).lastPathComponent == "entraide-funders-2026-09_2026-10.xlsx")
        let package = try OOXMLPackage(path: path)
        #expect(try package.sheetNames() == ["Summary", "Volunteers", "Requests and domains", "Response delays",
                                             "Load and hours", "Partner associations", "Methods"])
        let summary = try package.sheet("Summary")
        #expect(summary.row(ofText: "Requests received") != nil)
        let methods = try package.sheet("Methods")
        let median = try #require(methods.row(ofText: "Median and P90"))
        #expect(methods.string(SheetView.ref(median, 1))?.contains("PERCENTILE.INC") == true)
        #expect(try package.charts(onSheet: "Volunteers").first?.first("c:title")?.allText
            == "Registered and active volunteers per month")
        #expect(try package.xml("docProps/core.xml").first("dc:title")?.text.contains("Report to funders") == true)
    }

    @Test func methodsSheetDefinesEveryNumber() throws {
        var settings = Settings()
        settings.hourlyRateEUR = 15
        let fixture = try Self.smallDatabase(settings: settings)
        let path = try Self.funder(fixture, from: "2026-09", to: "2026-10",
                                   options: WorkbookOptions(suppressBelow: 3, created: Self.created))
        let package = try OOXMLPackage(path: path)
        let methods = try package.sheet("Méthodologie")
        for label in ["Période", "Demandes reçues", "Habitants aidés", "Nouveaux habitants", "Bénévoles inscrits",
                      "Bénévoles actifs", "Mises en relation", "Heures de bénévolat", "Valorisation (€)",
                      "Délai de mise en relation", "Délai de premier contact", "Médiane et P90", "Objectif 48 h",
                      "Secret statistique", "Données personnelles"] {
            #expect(methods.row(ofText: label) != nil, "\(label)")
        }
        let median = try #require(methods.row(ofText: "Médiane et P90"))
        let text = methods.string(SheetView.ref(median, 1)) ?? ""
        #expect(text.contains("PERCENTILE.INC") && text.contains("(n − 1) × p"))
        let valuation = try #require(methods.row(ofText: "Valorisation (€)"))
        #expect(methods.string(SheetView.ref(valuation, 1))?.contains("15,00 €") == true)
        // With a rate, the valuation appears in the summary and the load sheet.
        let summary = try package.sheet("Synthèse")
        let v = try #require(summary.row(ofText: "Valorisation (€)"))
        #expect(summary.number(SheetView.ref(v, 1)) == (1.5 + 2 + 1 + 3 + 0.75) * 15)
        #expect(summary.formatCode(SheetView.ref(v, 1)).contains("€"))
    }

    // MARK: Monthly workbook

    @Test func monthlyWorkbookHasTwelveMonthsAndTheWaitingRequests() throws {
        let fixture = try Self.smallDatabase()
        let month = Month("2026-10")!
        let path = try Self.monthly(fixture, month: month.description, out: fixture.dir.path("m"),
                                    options: WorkbookOptions(created: Self.created), now: Self.created)
        #expect((path as NSString).lastPathComponent == "entraide-mensuel-2026-10.xlsx")
        let package = try OOXMLPackage(path: path)
        #expect(try package.sheetNames() == ["Synthèse", "Bénévoles", "Demandes et domaines", "Délais de réponse",
                                             "Charge et heures", "Associations partenaires", "Demandes en attente",
                                             "Méthodologie"])
        let volunteers = try package.sheet("Bénévoles")
        let h = try #require(volunteers.row(ofText: "Mois"))
        // The data starts in 2026-09 and stops in 2026-10 (as of 2026-10-17): the months before are
        // left empty, the last one is running.
        #expect(volunteers.month(SheetView.ref(h + 1, 0)) == "2025-11")
        #expect(volunteers.formatCode(SheetView.ref(h + 1, 0)) == "[$-40C]mmm yyyy\" (aucune donnée)\"")
        #expect(volunteers.cells[SheetView.ref(h + 1, 1)] == nil)
        #expect(volunteers.month(SheetView.ref(h + 11, 0)) == "2026-09")
        #expect(volunteers.formatCode(SheetView.ref(h + 11, 0)) == "[$-40C]mmm yyyy")
        #expect(volunteers.number(SheetView.ref(h + 11, 1)) == 3)  // V1, V2 and V3 registered
        #expect(volunteers.month(SheetView.ref(h + 12, 0)) == "2026-10")
        #expect(volunteers.formatCode(SheetView.ref(h + 12, 0)) == "[$-40C]mmm yyyy\" (en cours)\"")
        #expect(volunteers.cells[SheetView.ref(h + 13, 0)] == nil)  // no whole-period row
        #expect(try package.tables(onSheet: "Bénévoles").first?.attributes["ref"] == "A\(h + 1):E\(h + 13)")

        // Summary: October against September, residents not suppressed in the monthly workbook.
        let summary = try package.sheet("Synthèse")
        let header = try #require(summary.row(ofText: "Indicateur"))
        #expect(summary.string(SheetView.ref(header, 1)) == "octobre 2026 (en cours)")
        #expect(summary.string(SheetView.ref(header, 2)) == "septembre 2026")
        let received = try #require(summary.row(ofText: "Demandes reçues"))
        #expect(summary.number(SheetView.ref(received, 1)) == 6)
        #expect(summary.number(SheetView.ref(received, 2)) == 2)
        #expect(summary.number(SheetView.ref(received, 3)) == 4)
        #expect(summary.number(SheetView.ref(received, 4)) == 2)  // +200 %
        let helped = try #require(summary.row(ofText: "Habitants aidés"))
        #expect(summary.number(SheetView.ref(helped, 1)) == 2)  // H1 (R3) and H3 (R4, R7)
        #expect(summary.number(SheetView.ref(helped, 2)) == 2)

        // R8, open since 2026-10-02 09:00, waits 29.6 days at the end of October.
        let data = try MonthlyReportData.load(store: fixture.store, settings: fixture.settings, month: month, now: Self.created)
        #expect(data.waiting.map(\.requestID) == ["R8"])
        let waiting = try package.sheet("Demandes en attente")
        let w = try #require(waiting.row(ofText: "N° de demande"))
        #expect(waiting.string("A3") == "Demandes toujours en attente d'un bénévole depuis plus de 7 jours à la fin d'octobre 2026.")
        #expect(waiting.string(SheetView.ref(w + 1, 0)) == "R8")
        #expect(waiting.string(SheetView.ref(w + 1, 2)) == "Échanges téléphoniques")
        #expect(waiting.string(SheetView.ref(w + 1, 3)) == "Centre social")
        #expect(waiting.number(SheetView.ref(w + 1, 4)) == 46_297)  // 2026-10-02 as an Excel date
        #expect(waiting.formatCode(SheetView.ref(w + 1, 4)) == "dd/mm/yyyy")
        #expect(waiting.number(SheetView.ref(w + 1, 5)) == 29)
        #expect(waiting.cells[SheetView.ref(w + 1, 6)] == nil)  // a real wait: no remark
        #expect(waiting.string(SheetView.ref(w + 2, 0)) == nil)
        let resident = try #require(waiting.string(SheetView.ref(w + 1, 1)))
        #expect(resident == String((data.waiting[0].residentKey ?? "–").prefix(12)))
        #expect(try package.tables(onSheet: "Demandes en attente").count == 1)
    }

    @Test func monthlyWorkbookForOneAssociation() throws {
        let fixture = try Self.smallDatabase()
        let path = try Self.monthly(fixture, month: "2026-10", association: "centre SOCIAL", out: fixture.dir.path("m"),
                                    options: WorkbookOptions(created: Self.created), now: Self.created)
        #expect((path as NSString).lastPathComponent == "entraide-mensuel-2026-10-centre-social.xlsx")
        let package = try OOXMLPackage(path: path)
        #expect(try package.xml("docProps/core.xml").first("dc:title")?.text.hasSuffix("— Centre social") == true)
        let summary = try package.sheet("Synthèse")
        #expect(summary.row(ofText: "Association\u{00A0}:").map { summary.string(SheetView.ref($0, 1)) } == "Centre social")
        let received = try #require(summary.row(ofText: "Demandes reçues"))
        #expect(summary.number(SheetView.ref(received, 1)) == 3)  // R3, R5, R8
        let volunteers = try package.sheet("Bénévoles")
        #expect(volunteers.string("A2")?.contains("«\u{00A0}Centre social\u{00A0}»") == true)
        let associations = try package.sheet("Associations partenaires")
        #expect(associations.row(ofText: "Centre social") != nil)
        #expect(associations.row(ofText: "AFEV") == nil)
        let waiting = try package.sheet("Demandes en attente")
        #expect(waiting.row(ofText: "R8") != nil)
    }

    @Test func emptyPeriodStillGivesAValidWorkbook() throws {
        let fixture = try Self.smallDatabase()
        let path = try Self.funder(fixture, from: "2020-01", to: "2020-03",
                                   options: WorkbookOptions(suppressBelow: 3, created: Self.created))
        let package = try OOXMLPackage(path: path)
        // Months outside the data are left empty, not zeros, and the summary says why.
        let delays = try package.sheet("Délais de réponse")
        let h = try #require(delays.row(ofText: "Mois"))
        #expect(delays.month(SheetView.ref(h + 1, 0)) == "2020-01")
        #expect(delays.formatCode(SheetView.ref(h + 1, 0)).hasSuffix("\" (aucune donnée)\""))
        #expect(delays.cells[SheetView.ref(h + 1, 1)] == nil)
        #expect(delays.cells[SheetView.ref(h + 1, 2)] == nil)
        let summary = try package.sheet("Synthèse")
        #expect(summary.row(ofText: Self.fr.t("Aucune donnée sur cette période (données : septembre 2026 – octobre 2026, à jour au 17 octobre 2026) : ses cases sont laissées vides.", "")) != nil)
        let received = try #require(summary.row(ofText: "Demandes reçues"))
        #expect(summary.cells[SheetView.ref(received, 1)] == nil)
        let associations = try package.sheet("Associations partenaires")
        #expect(try package.tables(onSheet: "Associations partenaires").isEmpty)
        #expect(associations.string("A4")?.isEmpty == false)
    }

    @Test func outputFolderErrorsAreUserErrors() throws {
        let fixture = try Self.smallDatabase()
        let file = try fixture.dir.write("not-a-folder", "x")
        #expect(throws: UserError.self) {
            try Self.funder(fixture, from: "2026-09", to: "2026-10", options: WorkbookOptions(), out: file)
        }
    }
}
