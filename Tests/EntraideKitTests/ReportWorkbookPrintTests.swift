import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit

/// The workbooks as they are read and printed (issue 15): months as date cells shown
/// `janv. 2026`, A4 and one page wide on every sheet, the network and "Page n sur N" in the
/// page header and footer, no ISO month in any text, French typography, series told apart in
/// grey, `report funder --association`; and the working-time series of issue 16.
@Suite("Report workbooks: print, months and working time")
struct ReportWorkbookPrintTests {
    typealias T = ReportWorkbookTests

    /// The funder workbook in French and English, the monthly one, and the funder one for an
    /// association, of the small export.
    static func workbooks(_ fixture: ImportFixture) throws -> [(path: String, language: Language)] {
        let out = fixture.dir.path("print")
        let fr = try T.funder(fixture, from: "2026-09", to: "2026-10", options: WorkbookOptions(created: T.created), out: out)
        let en = try T.funder(fixture, from: "2026-09", to: "2026-10",
                              options: WorkbookOptions(language: .en, created: T.created), out: out)
        let monthly = try T.monthly(fixture, month: "2026-10", out: out, options: WorkbookOptions(created: T.created),
                                    now: T.created)
        let association = try ReportWorkbook.writeFunder(
            store: fixture.store, settings: fixture.settings, from: Month("2026-09")!, to: Month("2026-10")!,
            association: "centre SOCIAL", outDirectory: out, options: WorkbookOptions(created: T.created))
        return [(fr, .fr), (en, .en), (monthly, .fr), (association, .fr)]
    }

    /// The attribute `name` of the first `element` of a sheet's XML.
    static func attribute(_ sheet: SheetView, _ element: String, _ name: String) -> String? {
        sheet.root.first(element)?.attributes[name]
    }

    @Test func everySheetIsA4OnePageWideWithTheNetworkThePeriodAndPageNumbers() throws {
        let fixture = try T.smallDatabase()
        for (path, language) in try Self.workbooks(fixture) {
            let package = try OOXMLPackage(path: path)
            let text = WorkbookText(language: language)
            let sheets = try package.sheetNames()
            #expect(sheets.count >= 7)
            for name in sheets {
                let sheet = try package.sheet(name)
                #expect(Self.attribute(sheet, "pageSetup", "paperSize") == "9", "\(path) \(name): A4")
                #expect(Self.attribute(sheet, "pageSetup", "orientation") == "landscape")
                #expect(Self.attribute(sheet, "pageSetUpPr", "fitToPage") == "1", "\(name): fit to page")
                // One page wide (fitToWidth's default is 1); as many pages tall as needed, or one.
                #expect((Self.attribute(sheet, "pageSetup", "fitToWidth") ?? "1") == "1")
                let header = try #require(sheet.root.first("oddHeader")?.text)
                let footer = try #require(sheet.root.first("oddFooter")?.text)
                #expect(header.hasPrefix("&L" + fixture.settings.networkName), "\(name): \(header)")
                #expect(header.hasSuffix("&R" + text.periodName(Month("2026-09")!, Month("2026-10")!))
                    || header.hasSuffix("&R" + text.monthName(Month("2026-10")!)), "\(name): \(header)")
                if path.contains("centre-social") { #expect(header.contains("Centre social")) }
                // The report's title, not the tool's name, and "Page n sur N".
                let title = path.contains("mensuel") ? text.monthlyTitle : text.funderTitle
                #expect(footer == "&L\(title)&C" + (language == .en ? "Page &P of &N" : "Page &P sur &N") + "&R&A",
                        "\(name): \(footer)")
            }
        }
    }

    @Test func noISOMonthInAnyTextTitleOrChart() throws {
        let fixture = try T.smallDatabase()
        let iso = /(19|20)\d\d-(0[1-9]|1[0-2])/
        for (path, language) in try Self.workbooks(fixture) {
            let package = try OOXMLPackage(path: path)
            for s in try package.sharedStrings() {
                #expect(s.firstMatch(of: iso) == nil, "\(path): \(s)")
            }
            for name in try package.sheetNames() {
                let sheet = try package.sheet(name)
                for element in ["oddHeader", "oddFooter"] {
                    let t = sheet.root.first(element)?.text ?? ""
                    #expect(t.firstMatch(of: iso) == nil, "\(name): \(t)")
                }
                for chart in try package.charts(onSheet: name) {
                    #expect(chart.allText.firstMatch(of: iso) == nil, "\(name): a chart shows an ISO month")
                    // The category axis shows the month cells with the month format.
                    let format = chart.first("c:catAx")?.first("c:numFmt")?.attributes["formatCode"]
                    #expect(format == WorkbookText(language: language).monthFormat, "\(name)")
                }
            }
            #expect(try package.xml("docProps/core.xml").allText.contains("2026-09 ") == false)
        }
    }

    @Test func monthsAreDateCellsShownByTheirNumberFormat() throws {
        let fixture = try T.smallDatabase()
        let path = try T.funder(fixture, from: "2026-09", to: "2026-10", options: WorkbookOptions(created: T.created))
        let package = try OOXMLPackage(path: path)
        for name in ["Bénévoles", "Demandes et domaines", "Délais de réponse", "Charge et heures"] {
            let sheet = try package.sheet(name)
            let h = try #require(sheet.row(ofText: "Mois"))
            // 1 September 2026 is Excel's day 46266.
            #expect(sheet.number(SheetView.ref(h + 1, 0)) == 46_266)
            #expect(sheet.month(SheetView.ref(h + 1, 0)) == "2026-09")
            #expect(sheet.formatCode(SheetView.ref(h + 1, 0)) == "[$-40C]mmm yyyy")
            #expect(sheet.month(SheetView.ref(h + 2, 0)) == "2026-10")
            #expect(sheet.formatCode(SheetView.ref(h + 2, 0)) == "[$-40C]mmm yyyy\" (en cours)\"")
            #expect(sheet.string(SheetView.ref(h + 3, 0)) == "Total période")
        }
        // The summary says the period and the production date in words.
        let summary = try package.sheet("Synthèse")
        let period = try #require(summary.row(ofText: "Période\u{00A0}:"))
        #expect(summary.string(SheetView.ref(period, 1)) == "septembre 2026 – octobre 2026 (2 mois)")
        let produced = try #require(summary.row(ofText: "Établi le\u{00A0}:"))
        #expect(summary.string(SheetView.ref(produced, 1)) == "1er novembre 2026")
    }

    @Test func frenchTypographyInTextsAndNumberFormats() throws {
        let fixture = try T.smallDatabase()
        for (path, language) in try Self.workbooks(fixture) where language == .fr {
            let package = try OOXMLPackage(path: path)
            for s in try package.sharedStrings() {
                for bad in [" :", " ;", " %", " !", "« ", " »"] {
                    #expect(!s.contains(bad), "\(path): \"\(bad)\" in \(s)")
                }
            }
            let styles = try package.styleTable()
            // The workbook's own formats (Excel's built-in ones are 0–163).
            for (id, code) in styles.codes where id >= 164 {
                // A percent or a point always follows a no-break space; never a "-0" section alone.
                if code.contains("%") { #expect(code.contains("\"\u{00A0}\"%"), "\(code)") }
                if code.contains("pt") { #expect(code.contains("\u{00A0}pt"), "\(code)") }
            }
        }
        // English keeps `50%`.
        let en = try T.funder(fixture, from: "2026-09", to: "2026-10",
                              options: WorkbookOptions(language: .en, created: T.created), out: fixture.dir.path("en"))
        let codes = try OOXMLPackage(path: en).styleTable().codes.values
        #expect(codes.contains("0%"))
        #expect(!codes.contains { $0.contains("\u{00A0}\"%") })
    }

    @Test func aChangeThatRoundsToZeroPrintsZeroNotMinusZero() throws {
        let fixture = try T.smallDatabase()
        let path = try T.funder(fixture, from: "2026-10", to: "2026-10", options: WorkbookOptions(created: T.created))
        let summary = try OOXMLPackage(path: path).sheet("Synthèse")
        for (ref, cell) in summary.cells where summary.formatCode(ref).hasPrefix("+") {
            let value = try #require(cell.first("v").flatMap { Double($0.text) })
            // Relative changes are written rounded to the whole percent they show.
            if summary.formatCode(ref).contains("%") {
                #expect(((value * 100).rounded() - value * 100).magnitude < 1e-9, "\(ref) \(value)")
            }
            #expect(cell.first("v")?.text != "-0", "\(ref)")
        }
    }

    @Test func chartSeriesAreToldApartWithoutColour() throws {
        let fixture = try T.smallDatabase()
        let path = try T.funder(fixture, from: "2026-09", to: "2026-10", options: WorkbookOptions(created: T.created))
        let package = try OOXMLPackage(path: path)
        /// A line series' look: its marker and its dash.
        func look(_ series: XNode) -> String {
            let marker = series.first("c:marker")?.first("c:symbol")?.attributes["val"] ?? "none"
            let dash = series.first("c:spPr")?.first("a:prstDash")?.attributes["val"] ?? "solid"
            return marker + "/" + dash
        }
        for name in ["Bénévoles", "Délais de réponse"] {
            for chart in try package.charts(onSheet: name) {
                let series = chart.all("c:ser")
                #expect(series.count >= 2)
                #expect(Set(series.map(look)).count == series.count, "\(name): \(series.map(look))")
            }
        }
        // The stacked domains: one hatching per domain.
        let domains = try #require(try package.charts(onSheet: "Demandes et domaines").first)
        let patterns = domains.all("c:ser").compactMap { $0.first("a:pattFill")?.attributes["prst"] }
        #expect(patterns.count == Settings.defaultDomains.count)
        #expect(Set(patterns).count == patterns.count)
    }

    @Test func theTargetsAreAHiddenRangeThatTheChartsDraw() throws {
        let fixture = try T.smallDatabase()
        let path = try T.funder(fixture, from: "2026-09", to: "2026-10", options: WorkbookOptions(created: T.created))
        let package = try OOXMLPackage(path: path)
        let delays = try package.sheet("Délais de réponse")
        let h = try #require(delays.row(ofText: "Mois"))
        // No target column in the tables: the first ends with the contact's share within 48 h,
        // the second (working time, under it) with its share within 16 working hours.
        let tables = try package.tables(onSheet: "Délais de réponse")
        #expect(tables.count == 2)
        #expect(tables.first?.attributes["ref"] == "A\(h + 1):M\(h + 3)")
        let wh = try #require(delays.row(ofText: "Mois", after: h))
        #expect(tables.last?.attributes["ref"] == "A\(wh + 1):G\(wh + 3)")
        #expect(delays.string(SheetView.ref(h, 12)) == "Premier contact\u{00A0}: part ≤ 48 h")
        #expect(delays.string(SheetView.ref(wh, 6)) == "Premier contact\u{00A0}: part ≤ 16 h")
        #expect(!(0...12).contains { delays.string(SheetView.ref(h, $0))?.hasPrefix("Objectif") == true })
        // The helper columns O and P are hidden.
        let hidden = delays.root.all("col").filter { $0.attributes["hidden"] == "1" }
        #expect(hidden.map { $0.attributes["min"] } == ["15"] && hidden.map { $0.attributes["max"] } == ["16"])
        #expect(delays.number(SheetView.ref(h + 1, 14)) == 48 && delays.number(SheetView.ref(h + 2, 15)) == 16)
        // Both charts draw hidden data, each with its target line.
        let charts = try package.charts(onSheet: "Délais de réponse")
        #expect(charts.count == 2)
        // libxlsxwriter leaves out `plotVisOnly` (true when written) to plot hidden cells too.
        for chart in charts { #expect(chart.first("c:plotVisOnly") == nil) }
        let volunteers = try #require(try package.charts(onSheet: "Bénévoles").first)
        #expect(volunteers.first("c:plotVisOnly")?.attributes["val"] == "1")
        let names = charts.map { $0.all("c:ser").map { $0.first("c:tx")?.allText ?? "" } }
        #expect(names[0].last == "Objectif 48\u{00A0}h")
        #expect(names[1].last == "Objectif 16\u{00A0}h d'ouverture")
        #expect(names[1].contains("Mise en relation, médiane, heures d'ouverture"))
        #expect(delays.row(ofText: WorkbookText(language: .fr).delayTargetsNote(real: 48, working: 16)) != nil)
    }

    // MARK: --association

    @Test func funderWorkbookForOneAssociation() throws {
        let fixture = try T.smallDatabase()
        let path = try ReportWorkbook.writeFunder(
            store: fixture.store, settings: fixture.settings, from: Month("2026-09")!, to: Month("2026-10")!,
            association: "centre SOCIAL", outDirectory: fixture.dir.path("a"), options: WorkbookOptions(created: T.created))
        #expect((path as NSString).lastPathComponent == "entraide-financeurs-2026-09_2026-10-centre-social.xlsx")
        let package = try OOXMLPackage(path: path)
        #expect(try package.xml("docProps/core.xml").first("dc:title")?.text.hasSuffix("— Centre social") == true)
        let summary = try package.sheet("Synthèse")
        #expect(summary.row(ofText: "Association\u{00A0}:").map { summary.string(SheetView.ref($0, 1)) } == "Centre social")
        let expected = try IndicatorEngine(store: fixture.store, settings: fixture.settings)
            .compute(from: Month("2026-09")!, to: Month("2026-10")!, association: "Centre social")
        let received = try #require(summary.row(ofText: "Demandes reçues"))
        #expect(summary.number(SheetView.ref(received, 1)) == Double(expected.total.requests.received))
        #expect(expected.total.requests.received < (try IndicatorEngine(store: fixture.store, settings: fixture.settings)
            .compute(from: Month("2026-09")!, to: Month("2026-10")!).total.requests.received))
        // Its volunteers: the active ones may outnumber the registered ones, and the sheet says why.
        let volunteers = try package.sheet("Bénévoles")
        let note = WorkbookText(language: .fr).activeMayExceedRegistered("Centre social", active: "Bénévoles actifs",
                                                                          registered: "Bénévoles inscrits")
        #expect(volunteers.row(ofText: note) != nil)
        let associations = try package.sheet("Associations partenaires")
        #expect(associations.row(ofText: "Centre social") != nil)
        #expect(associations.row(ofText: "AFEV") == nil)
        #expect(associations.row(ofText: "Réseau (habitants distincts)") == nil)
        // The network's workbook has no such note.
        let network = try T.funder(fixture, from: "2026-09", to: "2026-10", options: WorkbookOptions(created: T.created))
        #expect(try OOXMLPackage(path: network).sheet("Bénévoles").row(ofText: note) == nil)
    }

    @Test func funderCommandTakesAnAssociation() throws {
        let fixture = try T.smallDatabase()
        let result = try EntraideCommand.run(["report", "funder", "--db", fixture.store.path, "--from", "2026-09",
                                              "--to", "2026-10", "--association", "Centre Social", "--out", "out",
                                              "--created", "2026-11-01T08:00:00Z"], in: fixture.dir.url)
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasSuffix("entraide-financeurs-2026-09_2026-10-centre-social.xlsx\n"))
        let unknown = try EntraideCommand.run(["report", "funder", "--db", fixture.store.path, "--from", "2026-09",
                                               "--to", "2026-10", "--association", "Nobody", "--out", "out"],
                                              in: fixture.dir.url)
        #expect(unknown.status != 0)
        #expect(unknown.err.contains("Nobody"))
    }

    // MARK: Working time (issue 16)

    /// Three requests of October 2026 with the default calendar (Monday to Friday 09:00–17:00),
    /// worked out by hand:
    /// - `weekend`: Friday 16 October 16:00, matched Monday 19 October 10:00: 66 h real, 1 + 1 = 2 h working;
    /// - `morning`: Tuesday 20 October 09:00, matched at 12:00: 3 h real, 3 h working;
    /// - `week`: Wednesday 21 October 09:00, matched Friday 23 October 15:00: 54 h real, 8 + 8 + 6 = 22 h working.
    /// Match delays: real [3, 54, 66], median 54, P90 54 + 0.8 × 12 = 63.6, within 48 h 1 of 3;
    /// working [2, 3, 22], median 3, P90 3 + 0.8 × 19 = 18.2, within 16 working hours 2 of 3.
    static func workingTimeFixture() throws -> IndicatorFixture {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        for (id, received, matched) in [("weekend", "2026-10-16 16:00", "2026-10-19 10:00"),
                                        ("morning", "2026-10-20 09:00", "2026-10-20 12:00"),
                                        ("week", "2026-10-21 09:00", "2026-10-23 15:00")] {
            try f.request(id, received, resident: "h-" + id, status: "done")
            try f.assignment(id, "v1", matched: matched, contacted: matched, done: "2026-10-26 10:00", hours: 1)
        }
        return f
    }

    @Test func workingTimeBesideRealTimeWorkedOutByHand() throws {
        let f = try Self.workingTimeFixture()
        let settings = Settings()
        let path = try ReportWorkbook.writeFunder(store: f.store, settings: settings, from: Month("2026-10")!,
                                                  to: Month("2026-10")!, outDirectory: f.dir.path("out"),
                                                  options: WorkbookOptions(created: T.created))
        let package = try OOXMLPackage(path: path)
        let delays = try package.sheet("Délais de réponse")
        let h = try #require(delays.row(ofText: "Mois"))
        let wh = try #require(delays.row(ofText: "Mois", after: h))
        let headers = (0...12).map { delays.string(SheetView.ref(h, $0)) ?? "" }
        let workingHeaders = (0...6).map { delays.string(SheetView.ref(wh, $0)) ?? "" }
        func col(_ header: String) throws -> Int { try #require(headers.firstIndex(of: header), "\(header) in \(headers)") }
        func wcol(_ header: String) throws -> Int {
            try #require(workingHeaders.firstIndex(of: header), "\(header) in \(workingHeaders)")
        }
        let r = h + 1, w = wh + 1
        #expect(delays.row(ofText: WorkbookText(language: .fr).workingTableTitle(16)) == wh - 1)
        #expect(delays.month(SheetView.ref(r, 0)) == "2026-10")
        #expect(delays.number(SheetView.ref(r, try col("Mise en relation\u{00A0}: médiane (h)"))) == 54)
        #expect(close(delays.number(SheetView.ref(r, try col("Mise en relation\u{00A0}: P90 (h)"))), 63.6, tolerance: 1e-9))
        #expect(close(delays.number(SheetView.ref(r, try col("Mise en relation\u{00A0}: part ≤ 48 h"))), 1.0 / 3,
                      tolerance: 1e-12))
        #expect(delays.month(SheetView.ref(w, 0)) == "2026-10")
        #expect(delays.number(SheetView.ref(w, try wcol("Mise en relation\u{00A0}: médiane (h)"))) == 3)
        #expect(close(delays.number(SheetView.ref(w, try wcol("Mise en relation\u{00A0}: P90 (h)"))), 18.2, tolerance: 1e-9))
        #expect(close(delays.number(SheetView.ref(w, try wcol("Mise en relation\u{00A0}: part ≤ 16 h"))), 2.0 / 3,
                      tolerance: 1e-12))
        // The first contact is at the same instants: the same figures.
        #expect(delays.number(SheetView.ref(w, try wcol("Premier contact\u{00A0}: médiane (h)"))) == 3)
        // The whole-period row of the working table.
        #expect(delays.string(SheetView.ref(w + 1, 0)) == "Total période")
        #expect(delays.number(SheetView.ref(w + 1, try wcol("Mise en relation\u{00A0}: médiane (h)"))) == 3)

        // The summary: each share in real time, then in working time.
        let summary = try package.sheet("Synthèse")
        let real = try #require(summary.row(ofText: "Mises en relation en 48 h ou moins"))
        let working = try #require(summary.row(ofText: "Mises en relation en 16\u{00A0}h d'ouverture ou moins"))
        #expect(working == real + 1)
        #expect(close(summary.number(SheetView.ref(real, 1)), 1.0 / 3, tolerance: 1e-12))
        #expect(close(summary.number(SheetView.ref(working, 1)), 2.0 / 3, tolerance: 1e-12))
        let median = try #require(summary.row(ofText: "Délai médian de mise en relation (h d'ouverture)"))
        #expect(summary.number(SheetView.ref(median, 1)) == 3)
        let contact = try #require(summary.row(ofText: "Premiers contacts en 16\u{00A0}h d'ouverture ou moins"))
        #expect(close(summary.number(SheetView.ref(contact, 1)), 2.0 / 3, tolerance: 1e-12))
    }

    /// A match dated before its call is excluded from the delays: said in a note, not shown as a
    /// column of zeros.
    @Test func excludedRequestsAreANoteNotAColumn() throws {
        let f = try Self.workingTimeFixture()
        try f.request("typo", "2026-10-22 10:00", status: "done")
        try f.assignment("typo", "v1", matched: "2026-10-21 10:00", done: "2026-10-26 10:00")
        let path = try ReportWorkbook.writeFunder(store: f.store, settings: Settings(), from: Month("2026-10")!,
                                                  to: Month("2026-10")!, outDirectory: f.dir.path("out"),
                                                  options: WorkbookOptions(created: T.created))
        let delays = try OOXMLPackage(path: path).sheet("Délais de réponse")
        let h = try #require(delays.row(ofText: "Mois"))
        #expect(!(0...12).contains { delays.string(SheetView.ref(h, $0))?.contains("exclues") == true })
        #expect(delays.row(ofText: WorkbookText(language: .fr).delayExcludedNote(1)) != nil)
        // Without one, no note.
        let clean = try ReportWorkbook.writeFunder(store: try Self.workingTimeFixture().store, settings: Settings(),
                                                   from: Month("2026-10")!, to: Month("2026-10")!,
                                                   outDirectory: f.dir.path("clean"), options: WorkbookOptions(created: T.created))
        let cleanDelays = try OOXMLPackage(path: clean).sheet("Délais de réponse")
        #expect(cleanDelays.row(ofText: WorkbookText(language: .fr).delayExcludedNote(1)) == nil)
    }

    @Test func theWorkingTargetFollowsTheCalendarSetting() throws {
        let f = try Self.workingTimeFixture()
        let settings = try Settings.parse(toml: "[calendar]\ntarget_hours = 2")
        let path = try ReportWorkbook.writeFunder(store: f.store, settings: settings, from: Month("2026-10")!,
                                                  to: Month("2026-10")!, outDirectory: f.dir.path("out"),
                                                  options: WorkbookOptions(created: T.created))
        let package = try OOXMLPackage(path: path)
        let delays = try package.sheet("Délais de réponse")
        let h = try #require(delays.row(ofText: "Mois"))
        // Only `weekend` (2 working hours) is within 2 working hours.
        let wh = try #require(delays.row(ofText: "Mois", after: h))
        let share = try #require((0...6).first { delays.string(SheetView.ref(wh, $0)) == "Mise en relation\u{00A0}: part ≤ 2 h" })
        #expect(close(delays.number(SheetView.ref(wh + 1, share)), 1.0 / 3, tolerance: 1e-12))
        #expect(delays.number(SheetView.ref(h + 1, 15)) == 2)
        let names = try package.charts(onSheet: "Délais de réponse")[1].all("c:ser").map { $0.first("c:tx")?.allText ?? "" }
        #expect(names.last == "Objectif 2\u{00A0}h d'ouverture")
        let summary = try package.sheet("Synthèse")
        #expect(summary.row(ofText: "Mises en relation en 2\u{00A0}h d'ouverture ou moins") != nil)
    }
}
