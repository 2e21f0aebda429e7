import Foundation

/// The working-time indexes a period's delays need (docs/INDICATORS.md, "Working time"): one
/// `WorkingTimeIndex` per distinct calendar in use (the network's, and each partner's own),
/// over the local days from the period's first call to its latest event and the as-of instant.
struct WorkingTime: Sendable {
    private let indexes: [WorkingTimeIndex]
    /// Index in `indexes` of the calendar of association k at position k + 1 (position 0: requests
    /// naming no association).
    private let calendarOfAssociation: [Int]

    /// - Parameters:
    ///   - from, to: the first and last instants to cover (UTC seconds).
    init(settings: Settings, associations: [String], from: Int64, to: Int64) {
        let clock = settings.makeClock()
        // Local days, with a day's margin on each side for the offsets.
        let first = Int(Timestamp.floorDiv(Int(from) + clock.offset(atUTC: Int(from)), 86400)) - 1
        let last = Int(Timestamp.floorDiv(Int(to) + clock.offset(atUTC: Int(to)), 86400)) + 1
        let days = first...max(first, last)
        var calendars: [WorkingCalendar] = [settings.calendar.network]
        var mapping = [0]
        for name in associations {
            let calendar = settings.calendar.calendar(association: name)
            if let k = calendars.firstIndex(of: calendar) {
                mapping.append(k)
            } else {
                calendars.append(calendar)
                mapping.append(calendars.count - 1)
            }
        }
        indexes = calendars.map { WorkingTimeIndex(calendar: $0, clock: clock, days: days) }
        calendarOfAssociation = mapping
    }

    /// The working seconds from `from` to `to` for a request of association index `association`
    /// (−1 for none).
    @inline(__always) func seconds(from: Int64, to: Int64, association: Int32) -> Int64 {
        indexes[calendarOfAssociation[Int(association) + 1]].workingSeconds(from: from, to: to)
    }
}
