import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit

/// The workbooks against what the data covers (issue 13): no comparison with a period whose
/// data is not complete, changes computed from the values as printed, the running month, the
/// outcomes on the summary, residents per association and the stale waiting requests.
@Suite("Report workbooks: coverage and outcomes")
struct ReportWorkbookCoverageTests {
    typealias T = ReportWorkbookTests
    static let fr = WorkbookText(language: .fr)
    static let en = WorkbookText(language: .en)

    /// Rows and columns of the summary table: the header row, then one row per label.
    static func summaryRows(_ sheet: SheetView) throws -> (header: Int, rows: [Int]) {
        let header = try #require(sheet.row(ofText: "Indicateur") ?? sheet.row(ofText: "Indicator"))
        var rows: [Int] = []
        var r = header + 1
        while sheet.string(SheetView.ref(r, 0)) != nil { rows.append(r); r += 1 }
        return (header, rows)
    }

    /// A small export whose data starts in July 2026: one request open since then (stale at the
    /// end of October), one open since 2 October without an association, and resident H1 helped
    /// in October by two associations.
    static func waitingDatabase() throws -> ImportFixture {
        let fixture = try ImportFixture()
        let requests = try fixture.dir.write("requests.csv", """
            request_id,received_at,domain,resident_id,status,association,volunteer_id,matched_at,contacted_at,done_at,hours
            R1,2026-07-01 09:00,courses,H1,open,AFEV,,,,,
            R2,2026-09-01 09:00,courses,H1,done,Centre social,V1,2026-09-01 10:00,2026-09-01 12:00,2026-09-02 10:00,1.5
            R3,2026-10-01 08:00,courses,H1,done,AFEV,V2,2026-10-01 09:30,2026-10-01 18:00,2026-10-03 11:00,1
            R4,2026-10-02 09:00,ecoute,H2,open,,,,,,
            R5,2026-10-03 10:00,courses,H3,done,Centre social,V1,2026-10-03 11:00,2026-10-03 12:00,2026-10-04 10:00,2
            R6,2026-10-20 10:00,courses,H1,done,Centre social,V1,2026-10-20 11:00,2026-10-20 12:00,2026-10-21 10:00,1

            """)
        let volunteers = TestPaths.fixture("reports").appendingPathComponent("volunteers.csv").path
        try fixture.run([volunteers, requests]) { $0.now = T.importedAt }
        return fixture
    }

    // MARK: No comparison against incomplete data

    @Test func dataStartingInThePreviousPeriodGivesNoComparisonAndSaysWhy() throws {
        // The sample's data starts in 2025-11, in the middle of 2025-07 → 2026-02.
        let (fixture, _) = try T.sampleDatabase()
        for (language, note) in [
            (Language.fr, Self.fr.t("Les données commencent en novembre 2025 : pas de comparaison avec la période précédente (juillet 2025 – février 2026).", "")),
            (.en, "The data starts in November 2025: no comparison with the previous period (July 2025 – February 2026)."),
        ] {
            let path = try T.funder(fixture, from: "2026-03", to: "2026-10",
                                    options: WorkbookOptions(language: language, suppressBelow: 3, created: T.created),
                                    out: fixture.dir.path("out-\(language)"))
            let package = try OOXMLPackage(path: path)
            let summary = try package.sheet(language == .fr ? "Synthèse" : "Summary")
            let noteRow = try #require(summary.row(ofText: note))
            let (header, rows) = try Self.summaryRows(summary)
            #expect(noteRow < header)  // said above the table, where the empty columns are seen
            #expect(rows.count >= 19)
            for r in rows {
                for col in 2...4 { #expect(summary.cells[SheetView.ref(r, col)] == nil, "row \(r) col \(col)") }
            }
            // No change format anywhere on the sheet.
            for ref in summary.cells.keys { #expect(!summary.formatCode(ref).hasPrefix("+"), "\(ref)") }
            let data = try #require(summary.row(ofText: language == .fr ? "Données\u{00A0}:" : "Data:"))
            #expect(summary.string(SheetView.ref(data, 1))?.hasPrefix(language == .fr ? "novembre 2025 – octobre 2026, à jour au "
                                                                                      : "November 2025 – October 2026, up to ") == true)
        }
    }

    @Test func completePreviousPeriodGivesChangesFromTheRoundedValues() throws {
        let (fixture, _) = try T.sampleDatabase()
        let path = try T.funder(fixture, from: "2026-05", to: "2026-10",
                                options: WorkbookOptions(suppressBelow: nil, created: T.created))
        let engine = IndicatorEngine(store: fixture.store, settings: fixture.settings)
        let now = try engine.compute(from: Month("2026-05")!, to: Month("2026-10")!)
        let before = try engine.compute(from: Month("2025-11")!, to: Month("2026-04")!).total
        #expect(before.data == .complete)
        let catalogue = now.catalogue(settings: fixture.settings)
        let summary = try OOXMLPackage(path: path).sheet("Synthèse")
        #expect(summary.row(ofText: Self.fr.t("Les données commencent en novembre 2025 : pas de comparaison avec la période précédente (novembre 2025 – avril 2026).", "")) == nil)
        // Rounded as the cells show them: hours and delays to 0.1, shares to whole percents.
        func shown(_ v: Double, _ kind: IndicatorKind) -> Double {
            switch kind {
            case .hours, .delay, .decimal: return (v * 10).rounded(.toNearestOrAwayFromZero) / 10
            case .share: return (v * 100).rounded(.toNearestOrAwayFromZero)
            default: return v.rounded(.toNearestOrAwayFromZero)
            }
        }
        var compared = 0
        for key in ["requests.received", "requests.done", "requests.done_share", "residents.helped", "hours.total",
                    "delays.match.median_hours", "delays.match.within_target_share", "delays.contact.median_hours"] {
            let indicator = catalogue[key]
            let r = try #require(summary.row(ofText: indicator.label(.headline, .fr)), "\(key)")
            let a = try #require(indicator.value(now.total).number), b = try #require(indicator.value(before).number)
            #expect(close(summary.number(SheetView.ref(r, 2)), b, tolerance: 1e-12))
            let expected = shown(a, indicator.kind) - shown(b, indicator.kind)
            #expect(close(summary.number(SheetView.ref(r, 3)), expected, tolerance: 1e-9), "\(key)")
            if indicator.kind != .share, shown(b, indicator.kind) != 0 {
                // Written rounded to the whole percent it shows (never a "-0 %").
                let relative = ((expected / abs(shown(b, indicator.kind))) * 100).rounded(.toNearestOrAwayFromZero) / 100
                #expect(close(summary.number(SheetView.ref(r, 4)), relative, tolerance: 1e-9))
            } else {
                #expect(summary.cells[SheetView.ref(r, 4)] == nil)
            }
            compared += 1
        }
        #expect(compared == 8)
    }

    @Test func changesAddUpAsPrinted() {
        // 190,04 h shows 190,0 and 151,25 h shows 151,3: the change printed is +38,7, not +38,8.
        #expect(IndicatorKind.hours.displayedChange(from: 151.25, to: 190.04) == 38.7)
        // 5,46 h shows 5,5 and 4,44 h shows 4,4: +1,1, not +1,0.
        #expect(IndicatorKind.delay.displayedChange(from: 4.44, to: 5.46) == 1.1)
        // 50,6 % shows 51 %, 49,4 % shows 49 %: +2 points, not +1.
        #expect(IndicatorKind.share.displayedChange(from: 0.494, to: 0.506) == 2)
        #expect(IndicatorKind.share.displayedRelativeChange(from: 0.494, to: 0.506) == nil)
        #expect(IndicatorKind.count.displayedRelativeChange(from: 4, to: 6) == 0.5)
        #expect(IndicatorKind.hours.displayedRelativeChange(from: 0.04, to: 3) == nil)  // shows 0,0
    }

    // MARK: Running month, outcomes, residents.new

    @Test func runningMonthOutcomesAndNewResidentsInTheMonthlyWorkbook() throws {
        // Small export: 2026-09 and 2026-10, as of 2026-10-17 09:00 (R7's done_at).
        let fixture = try T.smallDatabase()
        let path = try T.monthly(fixture, month: "2026-10", out: fixture.dir.path("m"),
                                 options: WorkbookOptions(created: T.created), now: T.created)
        let package = try OOXMLPackage(path: path)
        let summary = try package.sheet("Synthèse")
        let catalogue = IndicatorCatalogue(settings: fixture.settings, domainCodes: [])
        func row(_ key: String) throws -> Int { try #require(summary.row(ofText: catalogue[key].label(.headline, .fr)), "\(key)") }

        // October: R5 matched and R8 open are in progress; September had none.
        let asOf = Timestamp(utc: 1_792_220_400, offset: 7200)  // 2026-10-17 09:00 +02:00
        let note = Self.fr.runningMonthNote(Month("2026-10")!, asOf: asOf, inProgress: 2, previous: (Month("2026-09")!, 0))
        #expect(note.contains("2 de ses demandes sont encore en cours (en attente ou mises en relation\u{00A0}; 0 pour septembre 2026)"))
        #expect(note.hasPrefix("Octobre 2026 est en cours (données au 17 octobre 2026)"))
        #expect(summary.row(ofText: note) != nil)

        // By hand. October: R3–R8 received (6); R3, R4, R7 done; R6 cancelled; R5 matched; R8 open.
        // Not cancelled: 5; matched or done: 4 → 80 %; done: 3 → 60 %. September: R1, R2 done.
        let expected: [(String, Double, Double)] = [
            ("requests.received", 6, 2), ("requests.done", 3, 2), ("requests.unmet", 0, 0), ("requests.cancelled", 1, 0),
            ("requests.matched_share", 0.8, 1), ("requests.done_share", 0.6, 1),
            // Reached: H1, H3, H4, H6; helped (done): H1 (R3) and H3 (R4, R7).
            ("residents.reached", 4, 2), ("residents.helped", 2, 2),
            // Match: R3 1.5 h, R4 72 h, R5 1 h, R7 1 h; R8 unanswered, past 48 h at the as-of instant:
            // 3 of 5 within the target. Contact: R3 10 h, R4 96 h, R7 17 h; R5 and R8 unanswered: 2 of 5.
            ("delays.match.within_target_share", 0.6, 1), ("delays.match.unanswered", 1, 0),
            ("delays.contact.within_target_share", 0.4, 1), ("delays.contact.unanswered", 2, 0),
        ]
        for (key, now, before) in expected {
            let r = try row(key)
            #expect(close(summary.number(SheetView.ref(r, 1)), now, tolerance: 1e-12), "\(key)")
            #expect(close(summary.number(SheetView.ref(r, 2)), before, tolerance: 1e-12), "\(key)")
        }
        #expect(summary.number(SheetView.ref(try row("requests.done"), 3)) == 1)
        #expect(summary.number(SheetView.ref(try row("requests.done"), 4)) == 0.5)
        #expect(summary.number(SheetView.ref(try row("requests.matched_share"), 3)) == -20)
        #expect(summary.number(SheetView.ref(try row("requests.done_share"), 3)) == -40)
        #expect(summary.formatCode(SheetView.ref(try row("requests.done_share"), 3)) == "+0\"\u{00A0}pt\";-0\"\u{00A0}pt\";0\"\u{00A0}pt\"")

        // Two months of data: "new residents" is flagged on the summary and the requests sheet.
        let coverage = DataCoverage(firstMonth: Month("2026-09"), lastMonth: Month("2026-10"), asOf: asOf)
        let flag = Self.fr.youngNewResidentsNote(label: "Nouveaux habitants", coverage)
        #expect(flag.contains("2 mois (depuis septembre 2026)"))
        #expect(summary.row(ofText: flag) != nil)
        #expect(try package.sheet("Demandes et domaines").row(ofText: flag) != nil)
        // …and its change is not given (the previous month's figure is).
        let new = try row("residents.new")
        #expect(summary.number(SheetView.ref(new, 2)) != nil)
        #expect(summary.cells[SheetView.ref(new, 3)] == nil && summary.cells[SheetView.ref(new, 4)] == nil)
    }

    @Test func runningMonthMarkedOnTheFunderSeries() throws {
        let fixture = try T.smallDatabase()
        let path = try T.funder(fixture, from: "2026-09", to: "2026-10", options: WorkbookOptions(created: T.created))
        let package = try OOXMLPackage(path: path)
        let requests = try package.sheet("Demandes et domaines")
        let h = try #require(requests.row(ofText: "Mois"))
        #expect(requests.month(SheetView.ref(h + 1, 0)) == "2026-09")
        #expect(requests.formatCode(SheetView.ref(h + 1, 0)) == "[$-40C]mmm yyyy")
        #expect(requests.month(SheetView.ref(h + 2, 0)) == "2026-10")
        #expect(requests.formatCode(SheetView.ref(h + 2, 0)) == "[$-40C]mmm yyyy\" (en cours)\"")
        #expect(requests.number(SheetView.ref(h + 2, 1)) == 6)
        // The funder summary gives October's requests in progress; no previous month in its note.
        let summary = try package.sheet("Synthèse")
        let asOf = Timestamp(utc: 1_792_220_400, offset: 7200)
        #expect(summary.row(ofText: Self.fr.runningMonthNote(Month("2026-10")!, asOf: asOf, inProgress: 2)) != nil)
        let en = try Self.funderEnglish(fixture)
        let english = try OOXMLPackage(path: en).sheet("Requests and domains")
        let eh = try #require(english.row(ofText: "Month"))
        #expect(english.formatCode(SheetView.ref(eh + 2, 0)) == "[$-409]mmm yyyy\" (running)\"")
    }

    static func funderEnglish(_ fixture: ImportFixture) throws -> String {
        try T.funder(fixture, from: "2026-09", to: "2026-10", options: WorkbookOptions(language: .en, created: T.created),
                     out: fixture.dir.path("en"))
    }

    // MARK: Waiting requests and associations

    @Test func staleWaitingRequestsAreFlaggedWithTheirAssociation() throws {
        let fixture = try Self.waitingDatabase()
        let month = Month("2026-10")!
        let data = try MonthlyReportData.load(store: fixture.store, settings: fixture.settings, month: month, now: T.created)
        #expect(data.realWaits.map(\.requestID) == ["R4"])
        #expect(data.staleWaits.map(\.requestID) == ["R1"])
        let path = try T.monthly(fixture, month: "2026-10", out: fixture.dir.path("m"),
                                 options: WorkbookOptions(created: T.created), now: T.created)
        let package = try OOXMLPackage(path: path)
        let waiting = try package.sheet("Demandes en attente")
        #expect(waiting.row(ofText: Self.fr.waitingCounts(real: 1, stale: 1, staleDays: 60)) != nil)
        #expect(Self.fr.waitingCounts(real: 1, stale: 1, staleDays: 60).hasPrefix("1 attente réelle\u{00A0}; 1 demande à vérifier"))
        #expect(try package.tables(onSheet: "Demandes en attente").count == 2)

        // R4: a real wait (since 2 October, 29 days), without an association, no remark.
        let r4 = try #require(waiting.row(ofText: "R4"))
        #expect(waiting.string(SheetView.ref(r4, 3)) == "sans association")
        #expect(waiting.number(SheetView.ref(r4, 5)) == 29)
        #expect(waiting.cells[SheetView.ref(r4, 6)] == nil)
        // R1: open since 1 July (122 days): to check with AFEV, listed below the real waits.
        let r1 = try #require(waiting.row(ofText: "R1"))
        #expect(r1 > r4)
        #expect(waiting.string(SheetView.ref(r1, 3)) == "AFEV")
        #expect(waiting.number(SheetView.ref(r1, 5)) == 122)
        #expect(waiting.string(SheetView.ref(r1, 6)) == "à vérifier\u{00A0}: probablement clôturée sans mise à jour")
        let staleTitle = try #require(waiting.row(ofText: Self.fr.staleWaitsTitle(1, days: 60)))
        #expect(staleTitle < r1 && staleTitle > r4)

        // Associations in October: H1 helped by AFEV (R3) and by the Centre social (R6) counts once
        // in the network's total.
        let associations = try package.sheet("Associations partenaires")
        let afev = try #require(associations.row(ofText: "AFEV"))
        let centre = try #require(associations.row(ofText: "Centre social"))
        let none = try #require(associations.row(ofText: "(non renseignée)"))
        let network = try #require(associations.row(ofText: "Réseau (habitants distincts)"))
        #expect([afev, centre, none].map { associations.number(SheetView.ref($0, 2)) } == [1, 2, 1])  // reached
        #expect([afev, centre, none].map { associations.number(SheetView.ref($0, 3)) } == [1, 2, 0])  // helped
        #expect(associations.number(SheetView.ref(network, 1)) == 4)
        #expect(associations.number(SheetView.ref(network, 2)) == 3)  // H1, H2, H3
        #expect(associations.number(SheetView.ref(network, 3)) == 2)  // H1, H3 (rows add up to 3)
        #expect(associations.string(SheetView.ref(3, 2)) == "Habitants ayant appelé")
        #expect(associations.row(ofText: Self.fr.residentsDoNotAddUp(reached: "Habitants ayant appelé",
                                                                     helped: "Habitants aidés")) != nil)
    }

    @Test func methodsSheetExplainsCoverageAndTheRunningMonth() throws {
        let fixture = try T.smallDatabase()
        let path = try T.funder(fixture, from: "2026-09", to: "2026-10", options: WorkbookOptions(created: T.created))
        let methods = try OOXMLPackage(path: path).sheet("Méthodologie")
        let coverage = try #require(methods.row(ofText: "Données complètes, partielles, aucune"))
        let text = methods.string(SheetView.ref(coverage, 1)) ?? ""
        #expect(text.contains("« aucune donnée »") == false)  // French spacing inside the quotes
        #expect(text.contains("«\u{00A0}aucune donnée\u{00A0}»") && text.contains("17 octobre 2026"))
        #expect(methods.row(ofText: "Mois en cours") != nil)
    }
}
