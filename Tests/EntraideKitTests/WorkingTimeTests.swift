@testable import EntraideKit
import Foundation
import PropertyBased
import Testing

/// Working time (docs/INDICATORS.md, "Working time"), worked out by hand with the default
/// calendar (Monday to Friday 09:00–17:00, the French public holidays) unless said otherwise.
@Suite("Working time")
struct WorkingTimeTests {
    static var clock: LocalClock { LocalClock(identifier: "Europe/Paris")! }

    /// An instant from a Paris wall-clock time `YYYY-MM-DD HH:MM`.
    static func at(_ local: String) -> Int64 {
        let wall = Timestamp(iso8601: local.replacingOccurrences(of: " ", with: "T") + ":00+00:00")!
        return Int64(clock.timestamp(local: wall.utc).utc)
    }

    static func hours(_ from: String, _ to: String, _ calendar: WorkingCalendar = WorkingCalendar()) -> Double {
        let index = WorkingTimeIndex(calendar: calendar, clock: clock,
                                     days: daysFromCivil(2025, 12, 1)...daysFromCivil(2027, 2, 1))
        return Double(index.workingSeconds(from: at(from), to: at(to))) / 3600
    }

    static func calendar(_ toml: String) throws -> WorkingCalendar {
        try Settings.parse(toml: "[calendar]\n" + toml).calendar.network
    }

    @Test func acrossAWeekend() {
        // Friday 16:00 to Monday 10:00: 66 hours by the clock, 1 h on Friday and 1 h on Monday.
        #expect(Self.hours("2026-11-27 16:00", "2026-11-30 10:00") == 2)
    }

    @Test func easterMondayAscensionAndGoodFriday() throws {
        #expect(PublicHolidays.easter(2024) == (3, 31) && PublicHolidays.easter(2025) == (4, 20))
        #expect(PublicHolidays.easter(2026) == (4, 5) && PublicHolidays.easter(2027) == (3, 28))
        // Thursday 2 April 16:00 to Tuesday 7 April 10:00, 2026: Thursday 1 h, Good Friday 8 h
        // (a working day in most of France), Easter Monday closed, Tuesday 1 h.
        #expect(Self.hours("2026-04-02 16:00", "2026-04-07 10:00") == 10)
        // In Alsace-Moselle, Good Friday is a holiday too.
        #expect(Self.hours("2026-04-02 16:00", "2026-04-07 10:00", try Self.calendar("holidays = \"fr-alsace-moselle\"")) == 2)
        // Without holidays, Easter Monday is open.
        #expect(Self.hours("2026-04-02 16:00", "2026-04-07 10:00", try Self.calendar("holidays = \"none\"")) == 18)
        // Ascension Thursday, 14 May 2026: Wednesday 1 h, Thursday closed, Friday 1 h.
        #expect(Self.hours("2026-05-13 16:00", "2026-05-15 10:00") == 2)
        // 26 December is a holiday only in Alsace-Moselle (a Saturday in 2026: take 2025, a Friday).
        #expect(Self.hours("2025-12-24 16:00", "2025-12-29 10:00") == 10)  // 24th 1 h, 25th closed, 26th 8 h, 29th 1 h
        #expect(Self.hours("2025-12-24 16:00", "2025-12-29 10:00", try Self.calendar("holidays = \"fr-alsace-moselle\"")) == 2)
    }

    @Test func acrossBothClockChanges() throws {
        let everyDay = try Self.calendar("opening_hours = \"lun-dim 09:00-17:00\"")
        // 29 March 2026 (clocks forward) and 25 October 2026 (clocks back) are Sundays: their
        // 09:00–17:00 is still 8 hours.
        #expect(Self.hours("2026-03-28 16:00", "2026-03-30 10:00", everyDay) == 10)
        #expect(Self.hours("2026-10-24 16:00", "2026-10-26 10:00", everyDay) == 10)
        // Weekdays only: the same as any weekend, although the real time is 65 h and 67 h.
        #expect(Self.hours("2026-03-27 16:00", "2026-03-30 10:00") == 2)
        #expect(Self.hours("2026-10-23 16:00", "2026-10-26 10:00") == 2)
        // A bound in the skipped hour (02:30 on 29 March) is read with the winter offset: it is
        // 03:30 summer time, so 02:30–04:00 is half an hour; in the repeated hour (02:30 on
        // 25 October) it is read with the summer offset, the first 02:30: two and a half hours.
        let night = try Self.calendar("opening_hours = \"dim 02:30-04:00\"")
        #expect(Self.hours("2026-03-29 00:00", "2026-03-29 12:00", night) == 0.5)
        #expect(Self.hours("2026-10-25 00:00", "2026-10-25 12:00", night) == 2.5)
    }

    @Test func aClosureRange() throws {
        let summer = try Self.calendar("closures = [\"2026-08-03/2026-08-21\", \"2026-12-24\"]")
        // Friday 31 July 16:00 to Monday 24 August 10:00: three closed weeks.
        #expect(Self.hours("2026-07-31 16:00", "2026-08-24 10:00", summer) == 2)
        // 24 December (a Thursday) closed: Wednesday 16:00 to Monday 28th 10:00 is 1 h + 0 + 0 (25th) + 1 h.
        #expect(Self.hours("2026-12-23 16:00", "2026-12-28 10:00", summer) == 2)
        #expect(Self.hours("2026-12-23 16:00", "2026-12-28 10:00") == 10)
    }

    @Test func outsideOpeningHoursAndBeforeTheOpening() throws {
        // Received on Tuesday at 20:00, matched on Wednesday at 09:30: half an hour of opening.
        #expect(Self.hours("2026-12-01 20:00", "2026-12-02 09:30") == 0.5)
        // Both before the opening on the same day: none.
        #expect(Self.hours("2026-12-02 07:00", "2026-12-02 08:30") == 0)
        // A split day: 09:00–12:00 and 14:00–17:00; 11:00 to 15:00 is 1 h + 1 h.
        let split = try Self.calendar("opening_hours = \"lun-ven 09:00-12:00 14:00-17:00\"")
        #expect(Self.hours("2026-12-02 11:00", "2026-12-02 15:00", split) == 2)
        // Groups and a 24:00 end: Saturday morning and all Sunday.
        let weekend = try Self.calendar("opening_hours = \"Samedi 09:00-12:00; dim 00:00-24:00; sam 11:00-13:00\"")
        #expect(weekend.openingHours.ranges(weekday: 5) == [540..<780])
        #expect(Self.hours("2026-12-05 00:00", "2026-12-07 00:00", weekend) == 28)
    }

    /// Through the indicators: a request of an association with its own calendar is measured in
    /// that calendar, the others in the network's.
    @Test func aPartnersOwnCalendar() throws {
        let settings = try Settings.parse(toml: """
            associations = ["Secours Catholique", "Centre social"]
            [calendar]
            target_hours = 4
            [calendar.associations."secours catholique"]
            opening_hours = "mar,jeu 14:00-18:00"
            """)
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        // Monday 30 November 10:00 to Thursday 3 December 15:00, 2026: Tuesday 4 h, Thursday 1 h.
        try f.request("sc", "2026-11-30 10:00", status: "done", association: "Secours Catholique")
        try f.assignment("sc", "v1", matched: "2026-12-03 15:00")
        // The same times in the network's calendar: 7 + 8 + 8 + 6 = 29 h.
        try f.request("cs", "2026-11-30 10:00", status: "done", association: "Centre social")
        try f.assignment("cs", "v1", matched: "2026-12-03 15:00")
        let r = try f.compute("2026-11", "2026-11", settings: settings)
        let sc = try f.compute("2026-11", "2026-11", association: "Secours Catholique", settings: settings)
        #expect(sc.total.delays.match.working.medianHours == 5)
        #expect(sc.total.delays.match.working.withinTargetShare == 0)  // 5 h > 4 h
        let cs = try f.compute("2026-11", "2026-11", association: "Centre social", settings: settings)
        #expect(cs.total.delays.match.working.medianHours == 29)
        #expect(r.total.delays.match.working.count == 2 && r.total.delays.match.working.meanHours == 17)
        #expect(r.total.delays.match.working.targetHours == 4)
        #expect(r.json(settings: settings).contains(#""working": {"count": 2, "median_hours": 17.0"#))
    }

    /// An unanswered request is past the working target when the working hours from its call to
    /// the as-of instant exceed it.
    @Test func unansweredPastTheWorkingTarget() throws {
        let f = try IndicatorFixture()
        try f.volunteer("v1", joined: "2025-01-10")
        // (The fixture's import ran on 1 November: the events are in October.)
        try f.request("answered", "2026-10-19 09:00", status: "done")
        try f.assignment("answered", "v1", matched: "2026-10-19 10:00", done: "2026-10-26 10:00")  // as-of: Monday 10:00
        try f.request("friday", "2026-10-23 16:00")    // 2 working hours before the as-of instant: not judged
        try f.request("tuesday", "2026-10-20 09:00")   // 8 × 4 + 1 = 33 working hours: past 16
        let d = try f.compute("2026-10", "2026-10").total.delays.match
        #expect(d.unanswered == 2)
        #expect(d.working.unansweredPastTarget == 1 && d.working.withinTargetShare == 0.5)
        // In real time both are past 48 h.
        #expect(d.unansweredPastTarget == 2 && d.withinTargetShare == 1.0 / 3)
    }

    @Test func calendarErrorsNameTheKey() {
        let cases: [(String, String)] = [
            ("[calendar]\nopening_hours = \"lun-vem 09:00-17:00\"", "setting `calendar.opening_hours`: unknown day \"lun-vem\""),
            ("[calendar]\nopening_hours = \"lun-ven 09:00-25:00\"", "setting `calendar.opening_hours`: \"25:00\" in \"09:00-25:00\""),
            ("[calendar]\nopening_hours = \"lun-ven 17:00-09:00\"", "setting `calendar.opening_hours`: \"17:00-09:00\" ends before it starts"),
            ("[calendar]\nholidays = \"de\"", "setting `calendar.holidays`"),
            ("[calendar]\nclosures = [\"2026-08-21/2026-08-03\"]", "setting `calendar.closures[1]`: \"2026-08-21/2026-08-03\" ends before it starts"),
            ("[calendar]\nclosures = [\"2026-02-30\"]", "setting `calendar.closures[1]`"),
            ("[calendar]\ntarget_hours = 0", "setting `calendar.target_hours`"),
            ("[calendar]\ncolour = 1", "setting `calendar.colour`: unknown key"),
            ("associations = [\"AFEV\"]\n[calendar.associations.\"Secours Catholique\"]\nopening_hours = \"mar 14:00-18:00\"",
             "setting `calendar.associations.\"Secours Catholique\"`: unknown association (declared: \"AFEV\")"),
            ("associations = [\"AFEV\"]\n[calendar.associations.\"AFEV\"]\ntarget_hours = 8",
             "setting `calendar.associations.\"AFEV\".target_hours`: the target is the network's"),
        ]
        for (toml, expected) in cases {
            do {
                _ = try Settings.parse(toml: toml)
                Issue.record("\(toml) should be refused")
            } catch let error as UserError {
                #expect(error.kind == .badSetting)
                #expect(error.message(.en).contains(expected), "\(error.message(.en))")
                #expect(error.message(.fr).contains("réglage `calendar"), "\(error.message(.fr))")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    // MARK: Properties

    static let instants = Gen.int(in: 0...(400 * 86400))  // seconds after 2026-01-01 00:00 UTC
    static let base = Int64(daysFromCivil(2026, 1, 1) * 86400)

    @Test func workingTimeIsAtMostRealTimeAndAdds() async throws {
        let calendars = [WorkingCalendar(),
                         try Self.calendar("opening_hours = \"lun-dim 00:00-24:00\"\nholidays = \"none\""),
                         try Self.calendar("opening_hours = \"lun-ven 09:00-12:00 14:00-17:00; sam 09:00-12:00\"\nclosures = [\"2026-08-03/2026-08-21\"]")]
        let indexes = calendars.map {
            WorkingTimeIndex(calendar: $0, clock: Self.clock, days: daysFromCivil(2025, 12, 30)...daysFromCivil(2027, 2, 10))
        }
        await propertyCheck(count: 300, input: Self.instants, Self.instants, Self.instants) { x, y, z in
            let sorted = [x, y, z].sorted().map { Self.base + Int64($0) }
            let (a, b, c) = (sorted[0], sorted[1], sorted[2])
            for index in indexes {
                let ab = index.workingSeconds(from: a, to: b), bc = index.workingSeconds(from: b, to: c)
                let ac = index.workingSeconds(from: a, to: c)
                #expect(ab >= 0 && ab <= b - a)
                #expect(ac == ab + bc)
            }
            // Open all the time, without holidays: working time is real time.
            #expect(indexes[1].workingSeconds(from: a, to: c) == c - a)
        }
    }

    @Test func zeroInsideAClosedSpan() async throws {
        let index = WorkingTimeIndex(calendar: try Self.calendar("closures = [\"2026-08-03/2026-08-21\"]"), clock: Self.clock,
                                     days: daysFromCivil(2026, 7, 1)...daysFromCivil(2026, 9, 30))
        // From Friday 31 July 17:00 to Monday 24 August 09:00 nothing is open.
        let closedFrom = Self.at("2026-07-31 17:00"), closedTo = Self.at("2026-08-24 09:00")
        await propertyCheck(count: 200, input: Gen.int(in: 0...Int(closedTo - closedFrom)), Gen.int(in: 0...Int(closedTo - closedFrom))) { x, y in
            let a = closedFrom + Int64(min(x, y)), b = closedFrom + Int64(max(x, y))
            #expect(index.workingSeconds(from: a, to: b) == 0)
        }
    }
}
