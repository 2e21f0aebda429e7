import Foundation

/// Working time in constant-or-logarithmic time per question (docs/PERFORMANCE.md, "Working
/// time"): the opening intervals of every local day of a span, as UTC instants, with the
/// cumulative open seconds up to each day's start. The working time between two instants is
/// `open(b) − open(a)`, where `open(t)` finds `t`'s day by binary search and adds that day's
/// intervals up to `t`: no walk over hours or days.
///
/// Opening bounds are local wall-clock times: on the days the clocks change, a range keeps its
/// wall-clock length (09:00–17:00 is 8 hours), and a bound that falls in the hour skipped or
/// repeated by the change is read with the offset in force before it.
///
/// ```swift
/// let index = WorkingTimeIndex(calendar: WorkingCalendar(), clock: clock,
///                              days: daysFromCivil(2026, 1, 1)...daysFromCivil(2026, 12, 31))
/// index.workingSeconds(from: friday16h, to: monday10h)   // 2 h = 7200 with 09:00–17:00 on weekdays
/// ```
///
/// The index is immutable once built, so two threads may read it at once.
public struct WorkingTimeIndex: Sendable {
    /// First and last local day covered (day numbers).
    public let days: ClosedRange<Int>
    /// UTC start of each covered day, and of the day after the last (`days.count + 1` values).
    private let dayStart: [Int64]
    /// Open seconds from `dayStart[0]` to `dayStart[k]`.
    private let cumulative: [Int64]
    /// Opening intervals of day k: `intervals[first[k] ..< first[k + 1]]`, UTC, in order.
    private let first: [Int32]
    private let intervals: [(start: Int64, end: Int64)]

    public init(calendar: WorkingCalendar, clock: LocalClock, days: ClosedRange<Int>) {
        self.days = days
        var dayStart: [Int64] = [], cumulative: [Int64] = [0], first: [Int32] = [0]
        var intervals: [(start: Int64, end: Int64)] = []
        dayStart.reserveCapacity(days.count + 1)
        var holidayYear = Int.min, holidays: Set<Int> = []
        for day in days {
            dayStart.append(Int64(Self.utc(wall: day * 86400, clock: clock)))
            let year = civilFromDays(day).year
            if year != holidayYear { holidayYear = year; holidays = calendar.holidays.days(in: year) }
            var open: Int64 = 0
            if !calendar.isClosed(day, holidaysOfYear: holidays) {
                // 1970-01-01 was a Thursday: weekday 3 with Monday as 0.
                let weekday = ((day % 7) + 7 + 3) % 7
                for range in calendar.openingHours.ranges(weekday: weekday) {
                    let start = Int64(Self.utc(wall: day * 86400 + range.lowerBound * 60, clock: clock))
                    let end = Int64(Self.utc(wall: day * 86400 + range.upperBound * 60, clock: clock))
                    guard end > start else { continue }
                    intervals.append((start, end))
                    open += end - start
                }
            }
            cumulative.append(cumulative[cumulative.count - 1] + open)
            first.append(Int32(intervals.count))
        }
        dayStart.append(Int64(Self.utc(wall: (days.upperBound + 1) * 86400, clock: clock)))
        self.dayStart = dayStart
        self.cumulative = cumulative
        self.first = first
        self.intervals = intervals
    }

    /// The instant of a local wall-clock time (seconds since 1970 as if local time were UTC).
    /// A time in the hour skipped or repeated by a clock change is read with the offset in
    /// force before the change (the offset a day earlier: changes are months apart).
    static func utc(wall: Int, clock: LocalClock) -> Int {
        let before = clock.offset(atUTC: wall - 86400)
        let first = wall - before
        if clock.offset(atUTC: first) == before { return first }  // before the change, or its repeated hour
        let after = clock.offset(atUTC: first)
        let second = wall - after
        if clock.offset(atUTC: second) == after { return second }  // after the change
        return first  // in the skipped hour
    }

    /// Open seconds from the start of the span to `t` (0 before it, the total after it).
    public func open(at t: Int64) -> Int64 {
        guard t > dayStart[0] else { return 0 }
        guard t < dayStart[dayStart.count - 1] else { return cumulative[cumulative.count - 1] }
        // The day holding t: the last k with dayStart[k] <= t.
        var lo = 0, hi = dayStart.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if dayStart[mid] <= t { lo = mid } else { hi = mid }
        }
        var total = cumulative[lo]
        for i in Int(first[lo])..<Int(first[lo + 1]) {
            let interval = intervals[i]
            if interval.start >= t { break }
            total += min(t, interval.end) - interval.start
        }
        return total
    }

    /// Whether `t` lies inside the span (`open` is exact there).
    public func covers(_ t: Int64) -> Bool { t >= dayStart[0] && t <= dayStart[dayStart.count - 1] }

    /// The open seconds between two instants of the span (0 when `to` is not after `from`).
    public func workingSeconds(from: Int64, to: Int64) -> Int64 {
        to > from ? open(at: to) - open(at: from) : 0
    }
}
