@testable import EntraideKit
import Foundation
import GRDB
import PropertyBased
import SharedTestSupport
import Testing

/// A database built by hand, with rows stored exactly as the importer stores them.
final class IndicatorFixture {
    let dir: TempDir
    let store: Store
    let clock = LocalClock(identifier: "Europe/Paris")!

    init() throws {
        dir = try TempDir("indicators")
        store = try Store(path: dir.path("test.sqlite"))
        // Test databases need no durability; this keeps the generated cases fast.
        try store.dbQueue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF")
        }
        try store.dbQueue.write { db in
            try db.execute(sql: """
                INSERT INTO imports (id, imported_at, file_name, sheet, table_name, sha256, rows_read, rows_imported,
                                     rows_rejected, warnings)
                VALUES (1, '2026-11-01T10:00:00+01:00', 'fixture.csv', NULL, 'requests', 'x', 0, 0, 0, 0)
                """)
        }
    }

    /// A local wall-clock time `YYYY-MM-DD HH:MM` in Europe/Paris.
    func at(_ local: String) -> Timestamp {
        let wall = Timestamp(iso8601: local.replacingOccurrences(of: " ", with: "T") + ":00+00:00")!
        return clock.timestamp(local: wall.utc)
    }

    func volunteer(_ id: String, joined: String, left: String? = nil, association: String? = nil) throws {
        try store.dbQueue.write { db in
            try db.execute(sql: """
                INSERT INTO volunteers (volunteer_id, joined_on, joined_month, left_on, left_month, association)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id, joined, String(joined.prefix(7)), left, left.map { String($0.prefix(7)) }, association])
        }
    }

    func request(_ id: String, _ received: String, domain: String = "courses", resident: String? = nil,
                 status: String = "open", association: String? = nil) throws {
        let t = at(received)
        try store.dbQueue.write { db in
            try db.execute(sql: """
                INSERT INTO requests (request_id, received_at, received_month, domain, resident_key, status, association)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, t.iso8601, t.month.description, domain, resident, status, association])
        }
    }

    func assignment(_ request: String, _ volunteer: String, matched: String? = nil, contacted: String? = nil,
                    done: String? = nil, hours: Double? = nil) throws {
        let m = matched.map(at), c = contacted.map(at), d = done.map(at)
        try store.dbQueue.write { db in
            try db.execute(sql: """
                INSERT INTO assignments (request_id, volunteer_id, matched_at, matched_month, contacted_at, done_at,
                                         done_month, hours, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'file')
                """, arguments: [request, volunteer, m?.iso8601, m?.month.description, c?.iso8601, d?.iso8601,
                                 d?.month.description, hours])
        }
    }

    func compute(_ from: String, _ to: String, association: String? = nil,
                 settings: Settings = Settings()) throws -> IndicatorReport {
        try IndicatorEngine(store: store, settings: settings)
            .compute(from: Month(from)!, to: Month(to)!, association: association)
    }

    /// The fixture worked out in `eachIndicatorOverOneMonth`.
    static func september() throws -> IndicatorFixture {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10", association: "Centre social")
        try f.volunteer("v2", joined: "2026-09-15", association: "Étudiants")            // new in September
        try f.volunteer("v3", joined: "2025-05-01", left: "2026-09-20")                   // left in September
        try f.volunteer("v4", joined: "2025-05-01", left: "2026-08-31")                   // left before September
        try f.volunteer("v5", joined: "2026-10-01")                                       // joined after
        try f.volunteer("v6", joined: "2026-09-25", left: "2026-09-10")                   // inconsistent
        // History: resident B's first request is in August.
        try f.request("q0", "2026-08-20 10:00", domain: "courses", resident: "B", status: "done")
        try f.assignment("q0", "v1", matched: "2026-08-21 10:00", done: "2026-08-25 10:00", hours: 1)
        // September.
        try f.request("q1", "2026-09-02 10:00", domain: "courses", resident: "A", status: "done", association: "Centre social")
        try f.assignment("q1", "v1", matched: "2026-09-02 12:00", contacted: "2026-09-03 10:00",
                         done: "2026-09-05 10:00", hours: 2)
        try f.assignment("q1", "v2", matched: "2026-09-02 11:00", done: "2026-09-05 10:00", hours: 1.5)
        try f.request("q2", "2026-09-10 09:00", domain: "ecoute", resident: "A", status: "matched", association: "Centre social")
        try f.assignment("q2", "v1", matched: "2026-09-13 09:00", contacted: "2026-09-12 09:00")
        try f.request("q3", "2026-09-20 08:00", domain: "coup_de_main", resident: "B", status: "cancelled",
                      association: "Étudiants")
        try f.request("q4", "2026-09-25 08:00", domain: "courses", resident: nil, status: "open")
        try f.request("q5", "2026-09-28 10:00", domain: "autre", resident: "C", status: "done")
        try f.assignment("q5", "v1", matched: "2026-09-28 09:00", contacted: "2026-09-28 14:00",
                         done: "2026-10-02 10:00", hours: 3)
        return f
    }
}

@Suite("Indicators")
struct IndicatorsTests {

    @Test func eachIndicatorOverOneMonth() throws {
        let f = try IndicatorFixture.september()
        var settings = Settings()
        settings.hourlyRateEUR = 20
        let report = try f.compute("2026-09", "2026-09", settings: settings)
        #expect(report.months.count == 1)
        let m = report.months[0].indicators

        // Registered: v1, v2, v3 (v4 left before, v5 joined after, v6 left before joining).
        #expect(m.volunteers.registered == 3)
        // New: v2 and v6; left: v3 and v6 (the inconsistency only keeps v6 out of `registered`).
        #expect(m.volunteers.new == 2)
        #expect(m.volunteers.left == 2)
        // Active: v1 (q1, q2, q5) and v2 (q1) matched in September.
        #expect(m.volunteers.active == 2)

        #expect(m.requests.received == 5)
        #expect(m.requests[.open] == 1 && m.requests[.matched] == 1 && m.requests[.done] == 2)
        #expect(m.requests[.cancelled] == 1 && m.requests[.unmet] == 0)
        #expect(m.requests.byDomain == ["ecoute": 1, "courses": 2, "orientation": 0, "coup_de_main": 1, "autre": 1])

        // Shares of the 4 requests not cancelled (q3 is): matched or done q1, q2, q5; done q1, q5.
        #expect(m.requests.matchedShare == 0.75 && m.requests.doneShare == 0.5)
        // Reached: A, B, C (q4 has no resident). Helped (a request done): A (q1) and C (q5); B's
        // only September request was cancelled. New: A and C; B first asked in August.
        #expect(m.residents.reached == 3)
        #expect(m.residents.helped == 2)
        #expect(m.residents.new == 2)
        // The as-of instant is q5's done_at, the latest event; the data starts in August.
        #expect(report.coverage.asOf == f.at("2026-10-02 10:00"))
        #expect(report.coverage.firstMonth == Month("2026-08") && report.coverage.lastMonth == Month("2026-10"))
        #expect(m.data == .complete)

        // Match: q1 earliest of 1 h and 2 h → 1 h; q2 72 h; q5 −1 h excluded.
        let match = m.delays.match
        #expect(match.count == 2 && match.excluded == 1)
        #expect(close(match.medianHours, 36.5))
        #expect(close(match.p90Hours, 1 + 0.9 * 71))
        #expect(close(match.meanHours, 36.5))
        // Unanswered: q4 (open, no assignment; q3 is cancelled), received on 25 September, a week
        // before the as-of instant: a miss. On time: q1 only, of q1, q2 and q4.
        #expect(match.unanswered == 1 && match.unansweredPastTarget == 1 && match.targetHours == 48)
        #expect(match.withinTargetShare == 1.0 / 3)
        // Contact: q1 24 h, q2 48 h (counted within 48 h), q5 4 h → sorted 4, 24, 48.
        let contact = m.delays.contact
        #expect(contact.count == 3 && contact.excluded == 0)
        #expect(close(contact.medianHours, 24))
        #expect(close(contact.p90Hours, 24 + 0.8 * 24))
        #expect(close(contact.meanHours, 76.0 / 3))
        // Unanswered: q4 again; on time: the three counted of four.
        #expect(contact.unanswered == 1)
        #expect(contact.withinTargetShare == 0.75)

        // Load: v1 has 3 assignments, v2 has 1.
        #expect(m.load.assignments == 4)
        #expect(m.load.threshold == 4)
        #expect(m.load.overThreshold == 0)
        #expect(m.load.perActiveVolunteerMean == 2)
        #expect(m.load.perActiveVolunteerMedian == 2)
        #expect(m.load.perActiveVolunteerMax == 3)

        // Hours done in September: 2 + 1.5 (q5 was done in October).
        #expect(m.hours.total == 3.5)
        #expect(m.hours.valuationEUR == 70)

        // One month: the total is the month.
        #expect(report.total == m)
    }

    @Test func valuationIsNullWithoutRateAndThresholdComesFromSettings() throws {
        let f = try IndicatorFixture.september()
        var settings = Settings()
        settings.overloadThreshold = 2
        let m = try f.compute("2026-09", "2026-09", settings: settings).months[0].indicators
        #expect(m.hours.total == 3.5)
        #expect(m.hours.valuationEUR == nil)
        #expect(m.load.threshold == 2)
        #expect(m.load.overThreshold == 1)  // v1: 3 > 2
    }

    @Test func twoMonthsAndResidentsNewAcrossHistory() throws {
        let f = try IndicatorFixture.september()
        let r = try f.compute("2026-08", "2026-10")
        #expect(r.months.map(\.month.description) == ["2026-08", "2026-09", "2026-10"])
        let aug = r.months[0].indicators, oct = r.months[2].indicators
        #expect(aug.residents.new == 1 && aug.residents.helped == 1)          // B
        #expect(r.total.residents.new == 3)                                      // B, A, C
        #expect(r.total.residents.helped == 3)                                   // distinct over the period
        // Volunteers over Aug–Oct: v1, v2, v3, v4 (left on Aug 31 ≥ Aug 1), v5 (joined Oct 1).
        #expect(r.total.volunteers.registered == 5)
        #expect(r.total.volunteers.new == 3 && r.total.volunteers.left == 3)
        #expect(aug.volunteers.registered == 3)                                  // v1, v3, v4
        #expect(oct.volunteers.registered == 3)                                  // v1, v2, v5
        #expect(oct.hours.total == 3)
        #expect(r.total.hours.total == 1 + 3.5 + 3)
        #expect(r.total.requests.received == 6)
        // Load over three months: v1 has 4 assignments, v2 one; threshold 4 × 3.
        #expect(r.total.volunteers.active == 2)
        #expect(r.total.load.assignments == 5)
        #expect(r.total.load.threshold == 12)
        #expect(r.total.load.perActiveVolunteerMedian == 2.5)
        #expect(r.total.delays.match.count == 3 && r.total.delays.match.excluded == 1)
    }

    @Test func delaysAcrossDaylightSavingChanges() throws {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-01")
        // Spring 2026: clocks go forward on 29 March; two wall-clock days are 47 hours.
        try f.request("spring", "2026-03-28 10:00", resident: "A")
        try f.assignment("spring", "v1", matched: "2026-03-30 10:00", contacted: "2026-03-30 11:00")
        // Autumn 2026: clocks go back on 25 October; two wall-clock days are 49 hours.
        try f.request("autumn", "2026-10-24 10:00", resident: "B")
        try f.assignment("autumn", "v1", matched: "2026-10-26 10:00", contacted: "2026-10-26 09:00")
        let march = try f.compute("2026-03", "2026-03").months[0].indicators.delays
        #expect(march.match.medianHours == 47)
        #expect(march.match.withinTargetShare == 1)
        #expect(march.contact.medianHours == 48)
        let october = try f.compute("2026-10", "2026-10").months[0].indicators.delays
        #expect(october.match.medianHours == 49)
        #expect(october.match.withinTargetShare == 0)
        #expect(october.contact.medianHours == 48)
        #expect(october.contact.withinTargetShare == 1)
    }

    @Test func percentilesOfOneTwoAndTenValues() throws {
        #expect(Statistics.percentileInc(sorted: [], 0.5) == nil)
        #expect(Statistics.percentileInc(sorted: [7], 0.5) == 7)
        #expect(Statistics.percentileInc(sorted: [7], 0.9) == 7)
        #expect(Statistics.percentileInc(sorted: [1, 3], 0.5) == 2)
        #expect(close(Statistics.percentileInc(sorted: [1, 3], 0.9), 2.8))
        let ten = (1...10).map(Double.init)
        #expect(Statistics.percentileInc(sorted: ten, 0.5) == 5.5)
        #expect(close(Statistics.percentileInc(sorted: ten, 0.9), 9.1))   // rank 8.1: 9 + 0.1 × (10 − 9)
        #expect(Statistics.percentileInc(sorted: ten, 1) == 10)
        #expect(Statistics.percentileInc(sorted: ten, 0) == 1)

        // Through the engine: one, two and ten requests matched 1…n hours after the call.
        for n in [1, 2, 10] {
            let f = try IndicatorFixture()
            try f.volunteer("v", joined: "2025-01-01")
            for k in 1...n {
                try f.request("q\(k)", "2026-05-0\(k % 9 + 1) 08:00")
                try f.assignment("q\(k)", "v", matched: String(format: "2026-05-0%d %02d:00", k % 9 + 1, 8 + k))
            }
            let d = try f.compute("2026-05", "2026-05").months[0].indicators.delays.match
            #expect(d.count == n)
            let expected = [1: (1.0, 1.0, 1.0), 2: (1.5, 1.9, 1.5), 10: (5.5, 9.1, 5.5)][n]!
            #expect(close(d.medianHours, expected.0))
            #expect(close(d.p90Hours, expected.1))
            #expect(close(d.meanHours, expected.2))
        }
    }

    @Test func emptyPeriodGivesZerosAndNulls() throws {
        let f = try IndicatorFixture.september()
        let r = try f.compute("2030-01", "2030-02")
        for p in r.months.map(\.indicators) + [r.total] {
            #expect(p.requests.received == 0)
            #expect(p.requests.byDomain.count == 5 && p.requests.byDomain.values.allSatisfy { $0 == 0 })
            #expect(p.delays.match == .empty && p.delays.contact == .empty)
            #expect(p.delays.match.count == 0 && p.delays.match.medianHours == nil)
            #expect(p.load.assignments == 0 && p.load.perActiveVolunteerMean == nil && p.load.perActiveVolunteerMax == nil)
            #expect(p.hours.total == 0 && p.hours.valuationEUR == nil)
            #expect(p.volunteers.registered == 3)   // v1, v2, v5 are still in
            #expect(p.volunteers.active == 0)
        }
        let json = r.json(settings: Settings())
        #expect(json.contains("\"match\":   {\"count\": 0, \"median_hours\": null, \"p90_hours\": null"))
        #expect(json.contains("\"per_active_volunteer\": {\"mean\": null, \"median\": null, \"max\": null}"))
    }

    @Test func periodBackwardsIsAUserError() throws {
        let f = try IndicatorFixture()
        let error = #expect(throws: UserError.self) { try f.compute("2026-10", "2026-09") }
        #expect(error?.kind == .badArgument)
        #expect(Month("2026-13") == nil)
        #expect(Month("oct") == nil)
    }

    @Test func thresholdTimesMonthsRule() throws {
        let f = try IndicatorFixture()
        try f.volunteer("steady", joined: "2025-01-01")
        try f.volunteer("burst", joined: "2025-01-01")
        // steady: 3 in January, 3 in February. burst: 5 in February.
        for k in 1...3 {
            try f.request("j\(k)", "2026-01-1\(k) 09:00")
            try f.assignment("j\(k)", "steady", matched: "2026-01-1\(k) 10:00")
            try f.request("f\(k)", "2026-02-1\(k) 09:00")
            try f.assignment("f\(k)", "steady", matched: "2026-02-1\(k) 10:00")
        }
        for k in 1...5 {
            try f.request("b\(k)", "2026-02-2\(k) 09:00")
            try f.assignment("b\(k)", "burst", matched: "2026-02-2\(k) 10:00")
        }
        let r = try f.compute("2026-01", "2026-02")
        #expect(r.months[0].indicators.load.overThreshold == 0)   // steady 3 ≤ 4
        #expect(r.months[1].indicators.load.overThreshold == 1)   // burst 5 > 4
        #expect(r.months[1].indicators.load.threshold == 4)
        #expect(r.total.load.threshold == 8)
        #expect(r.total.load.overThreshold == 0)                  // 6 ≤ 8 and 5 ≤ 8
        #expect(r.total.load.perActiveVolunteerMax == 6)
        #expect(r.total.load.perActiveVolunteerMean == 5.5)
        var strict = Settings()
        strict.overloadThreshold = 2
        let s = try f.compute("2026-01", "2026-02", settings: strict)
        #expect(s.total.load.threshold == 4)
        #expect(s.total.load.overThreshold == 2)                  // 6 > 4 and 5 > 4
    }

    @Test func associationRestrictsRequestsAssignmentsAndVolunteers() throws {
        let f = try IndicatorFixture.september()
        let r = try f.compute("2026-09", "2026-09", association: "centre SOCIAL")
        #expect(r.association == "Centre social")
        let m = r.total
        #expect(m.requests.received == 2)                       // q1, q2
        #expect(m.requests.byDomain["courses"] == 1 && m.requests.byDomain["ecoute"] == 1)
        #expect(m.residents.helped == 1 && m.residents.new == 1) // A
        #expect(m.volunteers.registered == 1 && m.volunteers.new == 0)   // v1 only
        #expect(m.volunteers.active == 2)                        // v1 and v2 served q1, q2
        #expect(m.load.assignments == 3)
        #expect(m.delays.match.count == 2 && m.delays.match.excluded == 0)
        #expect(m.hours.total == 3.5)
        // Résidents new under an association: first request among that association's requests.
        let students = try f.compute("2026-09", "2026-09", association: "Etudiants").total
        #expect(students.requests.received == 1)
        #expect(students.residents.new == 1)                    // B's first request there is q3
        #expect(students.load.assignments == 0 && students.volunteers.registered == 1)
        let nobody = #expect(throws: UserError.self) { try f.compute("2026-09", "2026-09", association: "Nobody") }
        #expect(nobody?.kind == .notFound)
    }

    @Test func domainCodesNoLongerConfiguredAreStillCounted() throws {
        let f = try IndicatorFixture.september()
        var settings = Settings()
        settings.domains = Settings.defaultDomains.filter { $0.code != "ecoute" }
        let r = try f.compute("2026-09", "2026-09", settings: settings)
        #expect(r.domainCodes == ["courses", "orientation", "coup_de_main", "autre", "ecoute"])
        #expect(r.total.requests.byDomain["ecoute"] == 1)
        #expect(r.total.requests.byDomain.values.reduce(0, +) == r.total.requests.received)
        #expect(r.json(settings: Settings()).contains("\"autre\": 1, \"ecoute\": 1}"))
    }

    @Test func outputsFollowTheSpecShape() throws {
        let f = try IndicatorFixture.september()
        let r = try f.compute("2026-08", "2026-09")
        let json = r.json(settings: Settings())
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["timezone"] as? String == "Europe/Paris")
        #expect(object?["from"] as? String == "2026-08")
        let months = object?["months"] as? [[String: Any]]
        #expect(months?.count == 2)
        let sep = months?[1]
        #expect(sep?["month"] as? String == "2026-09")
        let delays = (sep?["delays"] as? [String: Any])?["match"] as? [String: Any]
        #expect((delays?["median_hours"] as? Double) == 36.5)
        #expect(((sep?["requests"] as? [String: Any])?["by_domain"] as? [String: Any])?["orientation"] as? Int == 0)
        // The documented key order (docs/INDICATORS.md).
        let order = ["\"timezone\"", "\"from\"", "\"to\"", "\"coverage\"", "\"first_month\"", "\"last_month\"",
                     "\"as_of\"", "\"months\"", "\"month\"", "\"data\"", "\"volunteers\"", "\"registered\"",
                     "\"active\"", "\"requests\"", "\"received\"", "\"open\"", "\"unmet\"", "\"matched_share\"",
                     "\"done_share\"", "\"by_domain\"", "\"ecoute\"",
                     "\"autre\"", "\"residents\"", "\"reached\"", "\"helped\"", "\"delays\"", "\"match\"", "\"count\"",
                     "\"median_hours\"", "\"p90_hours\"", "\"mean_hours\"", "\"excluded\"", "\"unanswered\"",
                     "\"target_hours\"", "\"within_target_share\"", "\"contact\"", "\"load\"",
                     "\"assignments\"", "\"threshold\"", "\"over_threshold\"", "\"per_active_volunteer\"", "\"hours\"",
                     "\"total\"", "\"valuation_eur\""]
        let positions = order.map { json.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })
        #expect(json.contains("\"hours\": {\"total\": 3.5, \"valuation_eur\": null}"))

        let csv = r.csv(settings: Settings()).split(separator: "\n")
        let lines = r.catalogue(settings: Settings()).indicators.count
        #expect(csv.first == "month,indicator,value")
        // The header, three coverage rows, then per period its data row and its indicators.
        #expect(csv.count == 1 + 3 + 3 * (1 + lines))
        #expect(csv.contains("coverage,as_of,2026-10-02T10:00:00+02:00"))
        #expect(csv.contains("2026-08,data,complete") && csv.contains("total,data,complete"))
        #expect(csv.contains("2026-09,delays.match.median_hours,36.5"))
        #expect(csv.contains("total,requests.received,6"))
        #expect(csv.contains("2026-08,delays.contact.median_hours,"))

        let table = r.table(settings: Settings())
        #expect(table.contains("Bénévoles inscrits"))
        #expect(table.contains("Délai de mise en relation (médiane, h)"))
        #expect(table.contains("36,5"))
        let english = r.table(settings: Settings(), language: .en)
        #expect(english.contains("Registered volunteers") && english.contains("36.5"))
    }
}

// MARK: - Invariants over generated data

/// A generated request is (month (0–3 from January 2026), day, status, domain, resident (6: none),
/// volunteer (5, 6, 7: no assignment), match delay in hours (may be negative), half-hours worked).

@Suite("Indicator invariants")
struct IndicatorInvariantTests {
    static let requestGen = zip(Gen.int(in: 0...3), Gen.int(in: 1...28), Gen.int(in: 0...4), Gen.int(in: 0...4),
                                Gen.int(in: 0...6), Gen.int(in: 0...7), Gen.int(in: -5...400), Gen.int(in: 0...8))

    @Test func invariantsHold() async throws {
        await propertyCheck(count: 40, input: Self.requestGen.array(of: 0...40), Gen.int(in: 1...6)) { requests, threshold in
            let f = try IndicatorFixture()
            for v in 0..<5 { try f.volunteer("v\(v)", joined: "2025-0\(v + 1)-01") }
            let domains = Settings.defaultDomains.map(\.code)
            let statuses = RequestStatus.allCases.map(\.rawValue)
            for (k, g) in requests.enumerated() {
                let q = (month: g.0, day: g.1, status: g.2, domain: g.3, resident: g.4, volunteer: g.5,
                         delay: g.6, halfHours: g.7)
                let received = String(format: "2026-%02d-%02d %02d:00", q.month + 1, q.day, 8 + k % 12)
                try f.request("q\(k)", received, domain: domains[q.domain], resident: q.resident == 6 ? nil : "r\(q.resident)",
                              status: statuses[q.status])
                guard q.volunteer < 5 else { continue }
                let t = f.at(received).utc + q.delay * 3600
                let matched = f.clock.timestamp(utc: t)
                let wall = Timestamp(utc: matched.localSeconds, offset: 0).iso8601  // local wall clock
                let text = String(wall.prefix(16)).replacingOccurrences(of: "T", with: " ")
                try f.assignment("q\(k)", "v\(q.volunteer)", matched: text, done: text, hours: Double(q.halfHours) / 2)
            }
            var settings = Settings()
            settings.overloadThreshold = threshold
            let r = try f.compute("2026-01", "2026-06", settings: settings)
            for p in r.months.map(\.indicators) + [r.total] {
                #expect(RequestStatus.allCases.map { p.requests[$0] }.reduce(0, +) == p.requests.received)
                #expect(p.requests.byDomain.values.reduce(0, +) == p.requests.received)
                #expect(p.load.overThreshold <= p.volunteers.active)
                #expect(p.delays.match.count + p.delays.match.excluded <= p.requests.received)
                #expect(p.residents.new <= p.residents.reached)
                #expect(p.residents.helped <= p.residents.reached && p.residents.helped <= p.requests[.done])
                #expect(p.delays.match.unansweredPastTarget <= p.delays.match.unanswered)
                #expect(p.delays.match.count + p.delays.match.excluded + p.delays.match.unanswered <= p.requests.received)
                if let share = p.delays.match.withinTargetShare { #expect(share >= 0 && share <= 1) }
            }
            #expect(r.total.requests.received == r.months.map(\.indicators.requests.received).reduce(0, +))
            #expect(abs(r.total.hours.total - r.months.map(\.indicators.hours.total).reduce(0, +)) < 1e-9)
            #expect(r.total.requests.received == requests.count)
            #expect(r.total.load.assignments == r.months.map(\.indicators.load.assignments).reduce(0, +))
        }
    }

    @Test func percentilesBySelectionAgreeWithSorting() async throws {
        await propertyCheck(count: 200, input: Gen.int(in: -50...50).array(of: 0...60)) { values in
            var scratch = values
            let ps = [0, 0.1, 0.5, 0.9, 1]
            let selected = Statistics.percentilesInc(of: &scratch, ps)
            let sorted = values.sorted().map(Double.init)
            for (p, got) in zip(ps, selected) {
                let want = Statistics.percentileInc(sorted: sorted, p)
                #expect(got == want, "p \(p) of \(values)")
            }
            #expect(scratch.sorted() == values.sorted())  // reordered, nothing lost
        }
    }

    @Test func figuresPerAssociationAgreeWithTheRestrictedIndicators() async throws {
        await propertyCheck(count: 25, input: Self.requestGen.array(of: 1...30)) { requests in
            let f = try IndicatorFixture()
            let names = ["Centre social", "Étudiants", "AFEV"]
            for v in 0..<5 { try f.volunteer("v\(v)", joined: "2025-01-01", association: names[v % 3]) }
            for (k, g) in requests.enumerated() {
                let received = String(format: "2026-%02d-%02d 09:00", g.0 + 1, g.1)
                try f.request("q\(k)", received, resident: g.4 == 6 ? nil : "r\(g.4)",
                              association: g.3 == 4 ? nil : names[g.3 % 3])
                guard g.5 < 5 else { continue }
                let done = String(format: "2026-%02d-%02d 18:00", (g.0 + g.7 % 2) % 4 + 1, g.1)
                try f.assignment("q\(k)", "v\(g.5)", matched: received, done: done, hours: Double(g.7) / 2)
            }
            let engine = IndicatorEngine(store: f.store, settings: Settings())
            let (from, to) = (Month("2026-02")!, Month("2026-03")!)
            let rows = AssociationBreakdown.compute(facts: try engine.facts(), from: from, to: to)
            for name in names {
                let restricted = try engine.compute(from: from, to: to, association: name).total
                let row = rows.first { $0.association == name }
                #expect((row?.requests ?? 0) == restricted.requests.received)
                #expect((row?.residentsReached ?? 0) == restricted.residents.reached)
                #expect((row?.residentsHelped ?? 0) == restricted.residents.helped)
                #expect((row?.assignments ?? 0) == restricted.load.assignments)
                #expect(abs((row?.hours ?? 0) - restricted.hours.total) < 1e-9)
            }
            // One read of the data serves every period: the same as a fresh engine per period.
            #expect(try engine.compute(from: from, to: to) == f.compute("2026-02", "2026-03"))
        }
    }

    @Test func aStoredValueTheImporterNeverWritesIsAClearError() throws {
        let f = try IndicatorFixture()
        try f.request("q1", "2026-05-02 10:00")
        try f.store.dbQueue.write { db in
            try db.execute(sql: "UPDATE requests SET received_at = '2 mai 2026' WHERE request_id = 'q1'")
        }
        #expect {
            try f.compute("2026-05", "2026-05")
        } throws: { error in
            let message = "\(error)"
            return (error as? UserError)?.kind == .badDatabase && message.contains("\"q1\"") && message.contains("received_at")
                && message.contains("2 mai 2026")
        }
    }

    @Test func twoSpellingsOfOneNameStayTwoAssociationsAsInTheDatabase() throws {
        let f = try IndicatorFixture()
        let composed = "\u{C9}tudiants", decomposed = "E\u{301}tudiants"  // Swift finds them equal
        try f.volunteer("v1", joined: "2025-01-01", association: decomposed)
        try f.request("q1", "2026-05-02 10:00", resident: "A", association: composed)
        try f.request("q2", "2026-05-03 10:00", resident: "B", association: decomposed)
        try f.request("q3", "2026-05-04 10:00", resident: "C", association: decomposed)
        let r = try f.compute("2026-05", "2026-05", association: composed)
        #expect(r.total.requests.received == 1)
        #expect(r.total.volunteers.registered == 0)
        let facts = try IndicatorEngine(store: f.store, settings: Settings()).facts()
        let rows = AssociationBreakdown.compute(facts: facts, from: Month("2026-05")!, to: Month("2026-05")!)
        #expect(rows.map(\.requests).sorted() == [1, 2])
    }

    @Test func residentsAreNumberedOncePerKeyWhateverTheirForm() {
        var index = ResidentIndex()
        func number(_ key: String) -> Int32 {
            var key = key
            return key.withUTF8 { index.number($0) }
        }
        let keys = ["h15ec2a66330ca6fa", "H15EC2A66330CA6FA", "h15ec2a66330ca6f", "habitant-42", "h15ec2a66330ca6fb"]
            + (0..<100_000).map { Pseudonym.text(UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        let first = keys.map(number)
        #expect(Set(first).count == keys.count)          // distinct keys, distinct numbers
        #expect(first == Array(0..<Int32(keys.count)))   // in order of first sight
        #expect(keys.map(number) == first)               // the same key, the same number
        #expect(Pseudonym.value(UnsafeBufferPointer(start: nil, count: 0)) == nil)
    }
}
