import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit

/// The issue's "Done when" for complementary suppression (docs/SECURITY.md, "Small counts"):
/// funder workbooks built from databases designed to leak are read back and attacked by
/// `SuppressionAttacker`, which must pin no hidden resident count. The same attacker, given
/// the cells primary-only suppression would have shown, pins some: it is not vacuous.
@Suite("Complementary suppression")
struct SuppressionRecoveryTests {
    static let created = Date(timeIntervalSince1970: 1_793_520_000)

    /// One request of a designed export.
    struct Row {
        var month: String
        var resident: String?
        var status = "done"
        var association: String? = "AFEV"
    }

    /// A database from `rows`, imported through the real importer.
    static func database(_ rows: [Row]) throws -> ImportFixture {
        let fixture = try ImportFixture()
        var requests = ["request_id,received_at,domain,resident_id,status,association,volunteer_id,matched_at,contacted_at,done_at,hours"]
        for (i, r) in rows.enumerated() {
            let day = String(format: "%02d", 1 + i % 27)
            let at = "\(r.month)-\(day)"
            var line = "R\(i + 1),\(at) 09:00,courses,\(r.resident ?? ""),\(r.status),\(r.association ?? "")"
            switch r.status {
            case "done": line += ",V1,\(at) 10:00,\(at) 11:00,\(at) 15:00,1"
            case "matched": line += ",V1,\(at) 10:00,,,"
            default: line += ",,,,,"
            }
            requests.append(line)
        }
        let volunteers = "volunteer_id,joined_on,left_on,association,domains\nV1,2024-01-10,,AFEV,courses\n"
        let vPath = fixture.dir.path("volunteers.csv"), rPath = fixture.dir.path("requests.csv")
        try volunteers.write(toFile: vPath, atomically: true, encoding: .utf8)
        try (requests.joined(separator: "\n") + "\n").write(toFile: rPath, atomically: true, encoding: .utf8)
        let summary = try fixture.run([vPath, rPath])
        #expect(summary.rejectedCount == 0)
        return fixture
    }

    /// Residents `H<first>` … `H<first + count − 1>`, one request each in `month`.
    static func residents(_ month: String, _ first: Int, _ count: Int, status: String = "done",
                          association: String? = "AFEV") -> [Row] {
        (first..<(first + count)).map { Row(month: month, resident: "H\($0)", status: status, association: association) }
    }

    /// The funder workbook of `from`…`to` with `--suppress-below n`, read back.
    static func funder(_ fixture: ImportFixture, _ from: String, _ to: String, _ n: Int) throws -> OOXMLPackage {
        let path = try ReportWorkbook.writeFunder(store: fixture.store, settings: fixture.settings, from: Month(from)!,
                                                  to: Month(to)!, outDirectory: fixture.dir.path("out-\(n)"),
                                                  options: WorkbookOptions(suppressBelow: n, created: created))
        return try OOXMLPackage(path: path)
    }

    /// The monthly workbook of `month` with `--suppress-below n`, read back.
    static func monthly(_ fixture: ImportFixture, _ month: String, _ n: Int) throws -> OOXMLPackage {
        let path = try ReportWorkbookTests.monthly(fixture, month: month, out: fixture.dir.path("monthly-\(n)"),
                                                   options: WorkbookOptions(suppressBelow: n, created: created),
                                                   now: created)
        return try OOXMLPackage(path: path)
    }

    /// The true value of each attacker's variable, from the engine (for the primary-only view):
    /// the months `from`…`to`, their whole period and the previous one (funder), and the
    /// associations over `associationsFrom`…`to`.
    static func truth(_ fixture: ImportFixture, _ from: String, _ to: String,
                      associationsFrom: String? = nil) throws -> [String: Int] {
        let engine = IndicatorEngine(store: fixture.store, settings: fixture.settings)
        let data = try PeriodReportData.load(store: fixture.store, settings: fixture.settings, from: Month(from)!,
                                             to: Month(to)!, engine: engine)
        var truth: [String: Int] = [:]
        func add(_ scope: String, _ r: ResidentIndicators) {
            truth["residents.reached@\(scope)"] = r.reached
            truth["residents.helped@\(scope)"] = r.helped
            truth["residents.new@\(scope)"] = r.new
        }
        for m in data.report.months { add(m.month.description, m.indicators.residents) }
        add("period", data.report.total.residents)
        add("previous", data.previous.total.residents)
        let first = Month(associationsFrom ?? from)!
        for a in AssociationBreakdown.compute(facts: try engine.facts(), from: first, to: Month(to)!) {
            let name = a.association ?? WorkbookText(language: .fr).noAssociation
            truth["residents.reached@association:\(name)"] = a.residentsReached
            truth["residents.helped@association:\(name)"] = a.residentsHelped
        }
        return truth
    }

    struct Outcome {
        /// Hidden counts the attacker pins that hiding could have protected (the test demands none).
        var recovered: [(name: String, value: Int, shown: String)]
        /// The same, had only primary suppression been applied.
        var primaryOnlyRecovered: [(name: String, value: Int, shown: String)]
        /// Counts pinned by the request counts shown, whatever is hidden (docs/SECURITY.md).
        var pinnedByRequests: [String]
        var hidden: Int
        var withheld: Int
    }

    /// Attacks the funder workbook of `from`…`to`.
    static func attack(_ fixture: ImportFixture, _ from: String, _ to: String, _ n: Int) throws -> Outcome {
        try attack(funder(fixture, from, to, n), truth: truth(fixture, from, to), n, funder: true)
    }

    /// Attacks the monthly workbook of `month` (its trend is the 12 months ending with it).
    static func attackMonthly(_ fixture: ImportFixture, _ month: String, _ n: Int) throws -> Outcome {
        let from = Month(month)!.adding(-11).description
        return try attack(monthly(fixture, month, n), truth: truth(fixture, from, month, associationsFrom: month), n,
                          funder: false)
    }

    /// Attacks a workbook, then the same cells with every complementary cell shown (what
    /// primary-only suppression showed), and checks every cell read against the engine.
    static func attack(_ package: OOXMLPackage, truth: [String: Int], _ n: Int, funder: Bool) throws -> Outcome {
        var attacker = try SuppressionAttacker.read(package, threshold: n, funder: funder)
        var maximal = attacker.maximallySuppressed(threshold: n)
        let pinnedByRequests = try maximal.recovered().map(\.name)
        #expect(maximal.undecided == 0)
        let recovered = try attacker.recovered().filter { !pinnedByRequests.contains($0.name) }
        #expect(attacker.undecided == 0)
        var primaryOnly = attacker
        var withheld = 0
        for (i, v) in primaryOnly.variables.enumerated() where v.hidden && v.lo >= n {
            let value = try #require(truth[v.name], "no true value for \(v.name)")
            primaryOnly.variables[i].lo = value
            primaryOnly.variables[i].hi = value
            primaryOnly.variables[i].hidden = false
            withheld += 1
        }
        let old = try primaryOnly.recovered().filter { !pinnedByRequests.contains($0.name) }
        #expect(primaryOnly.undecided == 0)
        for v in attacker.variables where v.known { #expect(truth[v.name] == v.lo, "\(v.name)") }
        for v in attacker.variables where v.hidden {
            let value = try #require(truth[v.name], "no true value for \(v.name)")
            #expect((v.lo...v.hi).contains(value), "\(v.name) = \(value) shown \(v.shown)")
        }
        return Outcome(recovered: recovered, primaryOnlyRecovered: old, pinnedByRequests: pinnedByRequests,
                       hidden: attacker.variables.filter(\.hidden).count, withheld: withheld)
    }

    // MARK: Databases designed to leak

    @Test func oneSmallMonthAmongLargeOnes() throws {
        // New residents 10, 12, 2: the 2 was the total minus the other months.
        let fixture = try Self.database(Self.residents("2025-03", 0, 10) + Self.residents("2025-04", 10, 12)
                                        + Self.residents("2025-05", 22, 2))
        let outcome = try Self.attack(fixture, "2025-03", "2025-05", 3)
        #expect(outcome.recovered.isEmpty, "\(outcome.recovered)")
        #expect(outcome.primaryOnlyRecovered.contains { $0.name == "residents.new@2025-05" && $0.value == 2 })
        #expect(outcome.withheld > 0)
    }

    @Test func twoSmallMonthsSummingToASmallTotal() throws {
        // 2 + 2 = 4 shown: each month was 2.
        let fixture = try Self.database(Self.residents("2025-03", 0, 2) + Self.residents("2025-04", 2, 2))
        let outcome = try Self.attack(fixture, "2025-03", "2025-04", 3)
        #expect(outcome.recovered.isEmpty, "\(outcome.recovered)")
        #expect(outcome.primaryOnlyRecovered.contains { $0.name == "residents.new@2025-03" && $0.value == 2 })
    }

    @Test func anAssociationWithASmallCount() throws {
        // AFEV 10 residents, Centre social 8, Relais 2, the network 20: Relais was 20 − 18.
        let fixture = try Self.database(
            Self.residents("2025-03", 0, 6) + Self.residents("2025-04", 6, 4)
            + Self.residents("2025-03", 10, 5, association: "Centre social")
            + Self.residents("2025-04", 15, 3, association: "Centre social")
            + Self.residents("2025-04", 18, 2, association: "Relais"))
        let outcome = try Self.attack(fixture, "2025-03", "2025-04", 3)
        #expect(outcome.recovered.isEmpty, "\(outcome.recovered)")
        #expect(outcome.primaryOnlyRecovered.contains { $0.name == "residents.reached@association:Relais" && $0.value == 2 })
    }

    @Test func distinctCountBounds() throws {
        // Residents helped 5, 4, 2 over three months, 11 over the period: 11 ≤ 5 + 4 + x ⇒ x = 2.
        // The third month's residents came before the period (they are not new: the new
        // residents, 5, 4, 0, do not give it away), and two more asked in vain (reached, not helped).
        let fixture = try Self.database(Self.residents("2024-12", 9, 2) + Self.residents("2025-03", 0, 5)
                                        + Self.residents("2025-04", 5, 4) + Self.residents("2025-05", 9, 2)
                                        + Self.residents("2025-04", 20, 2, status: "cancelled"))
        let outcome = try Self.attack(fixture, "2025-03", "2025-05", 3)
        #expect(outcome.recovered.isEmpty, "\(outcome.recovered)")
        #expect(outcome.primaryOnlyRecovered.contains { $0.name == "residents.helped@2025-05" && $0.value == 2 })
    }

    @Test func aHighThreshold() throws {
        // --suppress-below 9: months of 12, 15, 8 and 20 new residents; 8 was the total minus the rest.
        let fixture = try Self.database(Self.residents("2025-01", 0, 12) + Self.residents("2025-02", 12, 15)
                                        + Self.residents("2025-03", 27, 8) + Self.residents("2025-04", 35, 20)
                                        + Self.residents("2025-02", 0, 4, association: "Centre social"))
        let outcome = try Self.attack(fixture, "2025-01", "2025-04", 9)
        #expect(outcome.recovered.isEmpty, "\(outcome.recovered)")
        #expect(outcome.primaryOnlyRecovered.contains { $0.name == "residents.new@2025-03" && $0.value == 8 })
    }

    @Test func aOneMonthPeriod() throws {
        // The whole-period row is the month: both are hidden together.
        let fixture = try Self.database(Self.residents("2025-03", 0, 2) + Self.residents("2025-03", 2, 7, association: "Relais"))
        let outcome = try Self.attack(fixture, "2025-03", "2025-03", 3)
        #expect(outcome.recovered.isEmpty, "\(outcome.recovered)")
    }

    @Test func aMonthlyWorkbookWithSuppression() throws {
        // In 2025-04, AFEV 10 new residents, Relais 2: the month's 12 new residents are at most
        // the residents reached, so Relais had at least 12 − 10.
        let fixture = try Self.database(Self.residents("2025-03", 30, 6) + Self.residents("2025-04", 0, 10)
                                        + Self.residents("2025-04", 10, 2, association: "Relais"))
        let outcome = try Self.attackMonthly(fixture, "2025-04", 3)
        #expect(outcome.recovered.isEmpty, "\(outcome.recovered)")
        #expect(outcome.primaryOnlyRecovered.contains { $0.name == "residents.reached@association:Relais" && $0.value == 2 })
        // Without --suppress-below the monthly workbook hides nothing.
        let plain = try ReportWorkbookTests.monthly(fixture, month: "2025-04", out: fixture.dir.path("plain"),
                                                    options: WorkbookOptions(created: Self.created), now: Self.created)
        let strings = try OOXMLPackage(path: plain).sharedStrings()
        #expect(!strings.contains("< 3") && !strings.contains(WorkbookText(language: .fr).withheld))
    }

    @Test func theEnglishWorkbookSaysWithheld() throws {
        let fixture = try Self.database(Self.residents("2025-03", 0, 10) + Self.residents("2025-04", 10, 12)
                                        + Self.residents("2025-05", 22, 2))
        let path = try ReportWorkbook.writeFunder(store: fixture.store, settings: fixture.settings,
                                                  from: Month("2025-03")!, to: Month("2025-05")!,
                                                  outDirectory: fixture.dir.path("en"),
                                                  options: WorkbookOptions(language: .en, suppressBelow: 3, created: Self.created))
        let en = WorkbookText(language: .en)
        let package = try OOXMLPackage(path: path)
        let strings = try package.sharedStrings()
        #expect(strings.contains(en.withheld) && strings.contains("< 3"))
        #expect(try package.sheet(en.summarySheet).row(ofText: en.suppressionNote(3)) != nil)
        #expect(en.suppressionNote(3).contains("withheld") && !en.suppressionNote(3).contains("n.d."))
        #expect(WorkbookText(language: .fr).suppressionNote(3).contains("«\u{00A0}n.d.\u{00A0}»"))
    }

    @Test func aThresholdOfTwoIsRefusedWhenWriting() throws {
        let fixture = try Self.database(Self.residents("2025-03", 0, 4))
        #expect(throws: UserError.self) { try Self.funder(fixture, "2025-03", "2025-03", 2) }
        #expect(throws: UserError.self) { try Self.monthly(fixture, "2025-03", 2) }
        #expect(!FileManager.default.fileExists(atPath: fixture.dir.path("out-2")
            + "/" + ReportWorkbook.funderFileName(from: Month("2025-03")!, to: Month("2025-03")!)))
    }

    @Test func theCommandRefusesAThresholdOfTwo() throws {
        let dir = try TempDir()
        try dir.write("benevoles.csv", Exports.volunteers)
        try dir.write("demandes.csv", Exports.requests)
        #expect(try EntraideCommand.run(["import", "benevoles.csv", "demandes.csv"], in: dir.url).status == 0)
        let period = ["report", "funder", "--from", "2026-10", "--to", "2026-10", "--out", "out"]
        let two = try EntraideCommand.run(period + ["--suppress-below", "2"], in: dir.url)
        #expect(two.status == 1 && two.err.contains("--suppress-below 2") && two.err.contains("give 3 or more"), "\(two.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/entraide-financeurs-2026-10_2026-10.xlsx")))
        let three = try EntraideCommand.run(period + ["--suppress-below", "3"], in: dir.url)
        #expect(three.status == 0, "\(three.err)")
        #expect(FileManager.default.fileExists(atPath: dir.path("out/entraide-financeurs-2026-10_2026-10.xlsx")))
    }

    // MARK: Random databases

    /// A small random export: a few months, residents coming back, mixed statuses and
    /// associations, some requests without a resident or an association.
    static func randomRows(seed: UInt64) -> (rows: [Row], months: [String]) {
        var rng = SampleRandom(seed: seed, stream: 13)
        let months = (0..<(rng.int(2...6) + 2)).map { Month(year: 2024, month: 11).adding($0).description }
        let pool = rng.int(4...40)
        var names: [String?] = ["AFEV", "Centre social", "Relais", nil]
        let associations: [String?] = (0..<rng.int(1...3)).map { _ in names.remove(at: rng.below(names.count)) }
        let statuses = ["done", "done", "done", "open", "cancelled", "unmet", "matched"]
        var rows: [Row] = []
        for month in months {
            for _ in 0..<rng.int(0...14) {
                let resident = rng.below(20) == 0 ? nil : "H\(rng.below(pool))"
                rows.append(Row(month: month, resident: resident, status: statuses[rng.below(statuses.count)],
                                association: associations[rng.below(associations.count)]))
            }
        }
        return (rows, months)
    }

    @Test(arguments: Array(UInt64(1)...UInt64(120)))
    func randomDatabasesLeakNothing(seed: UInt64) throws {
        let (rows, months) = Self.randomRows(seed: seed)
        guard !rows.isEmpty else { return }
        let fixture = try Self.database(rows)
        let n = [3, 4, 5, 9][Int(seed % 4)]
        // The period skips the first two months, so some residents are not new.
        let outcome = try Self.attack(fixture, months[2], months[months.count - 1], n)
        #expect(outcome.recovered.isEmpty, "seed \(seed), N = \(n): \(outcome.recovered)")
        let monthly = try Self.attackMonthly(fixture, months[months.count - 1], n)
        #expect(monthly.recovered.isEmpty, "seed \(seed), N = \(n), monthly: \(monthly.recovered)")
    }
}
