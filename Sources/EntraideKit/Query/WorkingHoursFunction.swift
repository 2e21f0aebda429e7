import Foundation
import GRDBSQLite
import Synchronization

/// `working_hours(start, end [, association])`, the SQL function of docs/QUERIES.md: the
/// working hours between two ISO 8601 timestamps (as the tables store them) in the calendar of
/// `association` (the network's when it has none of its own or is NULL), the same computation
/// as the indicators' working-time delays (docs/INDICATORS.md, "Working time"). NULL when a
/// timestamp is NULL or not a stored timestamp, when `end` is before `start`, or beyond the
/// years 1900–2200. Deterministic: the settings are fixed for the connection.
final class WorkingHoursFunction: @unchecked Sendable {
    private let settings: Settings
    /// Indexes by calendar, grown to cover the instants asked (the lock guards them: SQLite may
    /// call from the query's thread only, but the type must not rely on it).
    private let lock = Mutex<[WorkingCalendar: WorkingTimeIndex]>([:])
    private static let days = daysFromCivil(1900, 1, 1)...daysFromCivil(2200, 12, 31)

    init(settings: Settings) { self.settings = settings }

    func hours(start: Timestamp, end: Timestamp, association: String?) -> Double? {
        guard end.utc >= start.utc else { return nil }
        let calendar = settings.calendar.calendar(association: association)
        let clock = settings.makeClock()
        let first = Timestamp.floorDiv(start.utc + start.offset, 86400), last = Timestamp.floorDiv(end.utc + end.offset, 86400)
        guard Self.days.contains(first), Self.days.contains(last) else { return nil }
        let seconds: Int64 = lock.withLock { indexes in
            var index = indexes[calendar]
            if index == nil || !index!.covers(Int64(start.utc)) || !index!.covers(Int64(end.utc)) {
                // Cover the asked days with a year on each side, and what was covered before.
                let lower = max(Self.days.lowerBound, min(first - 366, index?.days.lowerBound ?? Int.max))
                let upper = min(Self.days.upperBound, max(last + 366, index?.days.upperBound ?? Int.min))
                index = WorkingTimeIndex(calendar: calendar, clock: clock, days: lower...upper)
                indexes[calendar] = index
            }
            return index!.workingSeconds(from: Int64(start.utc), to: Int64(end.utc))
        }
        return Double(seconds) / 3600
    }

    /// The working-time target (`calendar.target_hours`), what `working_target_hours()` returns.
    var targetHours: Int { settings.calendar.targetHours }

    /// Registers `working_hours` (two and three arguments) and `working_target_hours()` on a raw connection.
    func register(on db: OpaquePointer) -> Int32 {
        let context = Unmanaged.passUnretained(self).toOpaque()
        for arguments: Int32 in [2, 3] {
            let rc = sqlite3_create_function_v2(db, "working_hours", arguments, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                                context, workingHoursFunction, nil, nil, nil)
            if rc != SQLITE_OK { return rc }
        }
        return sqlite3_create_function_v2(db, "working_target_hours", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                          context, workingTargetFunction, nil, nil, nil)
    }
}

extension WorkingCalendar: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(openingHours.days.map { $0.map { [$0.lowerBound, $0.upperBound] } })
        hasher.combine(holidays)
        hasher.combine(closures.map { [$0.lowerBound, $0.upperBound] })
    }
}

private let workingHoursFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    context, count, values in
    guard let data = sqlite3_user_data(context), let values else { return }
    let function = Unmanaged<WorkingHoursFunction>.fromOpaque(data).takeUnretainedValue()
    func timestamp(_ i: Int) -> Timestamp? {
        guard sqlite3_value_type(values[i]) == SQLITE_TEXT, let text = sqlite3_value_text(values[i]) else { return nil }
        let n = Int(sqlite3_value_bytes(values[i]))
        return text.withMemoryRebound(to: UInt8.self, capacity: n) { Timestamp(iso8601: UnsafeBufferPointer(start: $0, count: n)) }
    }
    var association: String?
    if count == 3, sqlite3_value_type(values[2]) == SQLITE_TEXT, let text = sqlite3_value_text(values[2]) {
        association = String(cString: text)
    }
    guard let start = timestamp(0), let end = timestamp(1),
          let hours = function.hours(start: start, end: end, association: association) else {
        sqlite3_result_null(context)
        return
    }
    sqlite3_result_double(context, hours)
}

private let workingTargetFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    context, _, _ in
    guard let data = sqlite3_user_data(context) else { return }
    sqlite3_result_int64(context, Int64(Unmanaged<WorkingHoursFunction>.fromOpaque(data).takeUnretainedValue().targetHours))
}
