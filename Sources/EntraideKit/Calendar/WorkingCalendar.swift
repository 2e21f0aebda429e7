import Foundation

/// When a calendar is open: its weekly hours, its public holidays and its closures (whole local
/// days). The network has one (`[calendar]`), and a partner association may have its own
/// (`[calendar.associations."NAME"]`), taking from the network's whatever it does not give
/// (docs/INDICATORS.md, "Working time").
public struct WorkingCalendar: Sendable, Equatable {
    public var openingHours: OpeningHours
    public var holidays: PublicHolidays
    /// Closed days, bounds included, as day numbers (days since 1970-01-01).
    public var closures: [ClosedRange<Int>]

    public init(openingHours: OpeningHours = .standard, holidays: PublicHolidays = .fr,
                closures: [ClosedRange<Int>] = []) {
        self.openingHours = openingHours
        self.holidays = holidays
        self.closures = closures
    }

    /// Whether day number `day` of `year` is closed all day (a holiday or a closure).
    func isClosed(_ day: Int, holidaysOfYear: Set<Int>) -> Bool {
        holidaysOfYear.contains(day) || closures.contains { $0.contains(day) }
    }
}

/// The `[calendar]` settings: the network's calendar, the working-time target and the partner
/// associations' own calendars.
public struct CalendarSettings: Sendable, Equatable {
    public var network = WorkingCalendar()
    /// The target of the working-time delays, in working hours (`target_hours`, default 16:
    /// two working days of eight hours).
    public var targetHours = 16
    /// Own calendars of partner associations, by their configured name.
    public var associations: [String: WorkingCalendar] = [:]

    public init() {}

    /// The calendar of the requests an association handled: its own when it has one (names
    /// compared ignoring case and accents), else the network's.
    public func calendar(association: String?) -> WorkingCalendar {
        guard let association, !associations.isEmpty else { return network }
        let key = TextKey.normalize(association)
        return associations.first { TextKey.normalize($0.key) == key }?.value ?? network
    }
}
