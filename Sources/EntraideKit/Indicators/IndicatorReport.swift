import Foundation

/// The indicators (docs/INDICATORS.md) for each month of a period and for the whole period.
/// Plain values: `nil` is the JSON `null` (a statistic of an empty set, a valuation without a rate).
public struct IndicatorReport: Sendable, Equatable {
    /// IANA time zone the months and delays were computed in.
    public var timezone: String
    public var from: Month
    public var to: Month
    /// The association the figures are restricted to, if any (not part of the JSON form).
    public var association: String?
    /// Domain codes in report order (the configured ones, then any other code found in the data).
    public var domainCodes: [String]
    public var months: [MonthIndicators]
    public var total: PeriodIndicators
    /// What the data covers (docs/INDICATORS.md, "Data coverage"): the same for every period
    /// computed from one database.
    public var coverage: DataCoverage

    public init(timezone: String, from: Month, to: Month, association: String?, domainCodes: [String],
                months: [MonthIndicators], total: PeriodIndicators, coverage: DataCoverage = .empty) {
        self.coverage = coverage
        self.timezone = timezone
        self.from = from
        self.to = to
        self.association = association
        self.domainCodes = domainCodes
        self.months = months
        self.total = total
    }
}

public struct MonthIndicators: Sendable, Equatable {
    public var month: Month
    public var indicators: PeriodIndicators

    public init(month: Month, indicators: PeriodIndicators) {
        self.month = month
        self.indicators = indicators
    }
}

/// What the database covers (docs/INDICATORS.md, "Data coverage and the as-of instant").
public struct DataCoverage: Sendable, Equatable {
    /// Month of the earliest `received_at`; nil for a database without requests.
    public var firstMonth: Month?
    /// Month of the as-of instant; nil without any event.
    public var lastMonth: Month?
    /// The latest event of the database (`received_at`, `matched_at`, `contacted_at`,
    /// `done_at`), leaving out those dated after the latest import (dated in the future).
    public var asOf: Timestamp?
    /// The earliest `received_at`: whether the first month is covered from its start.
    public var firstReceived: Timestamp?

    public init(firstMonth: Month?, lastMonth: Month?, asOf: Timestamp?, firstReceived: Timestamp? = nil) {
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
        self.asOf = asOf
        self.firstReceived = firstReceived
    }

    public static let empty = DataCoverage(firstMonth: nil, lastMonth: nil, asOf: nil)

    /// The last day of the first month on which the data may start and still count as covering
    /// that month from its start (docs/INDICATORS.md): a request in its first week (a month may
    /// start with a weekend, and a small network takes a few calls a day).
    public static let firstDaysCovered = 7

    /// Whether the first month of data is covered from its start: its earliest request came in
    /// on one of its first `firstDaysCovered` days. Otherwise the data may start part-way
    /// through it, and it is no base for a comparison.
    public var firstMonthFromItsStart: Bool {
        guard let t = firstReceived else { return false }
        let day = Int(t.dateString.suffix(2)) ?? 31
        return day <= Self.firstDaysCovered
    }

    /// How much of month `m` the data covers: `none` before the first month or after the last
    /// one (or without data), `partial` for the last month (the data stops inside it),
    /// `complete` otherwise.
    public func data(_ m: Month) -> DataStatus {
        guard let first = firstMonth, let last = lastMonth, m >= first, m <= last else { return .none }
        return m == last ? .partial : .complete
    }

    /// A period is `complete` when each of its months is, `none` when none has data, else `partial`.
    public func data(from: Month, to: Month) -> DataStatus {
        let statuses = Set(Month.range(from, to).map { data($0) })
        if statuses == [.complete] { return .complete }
        if statuses == [DataStatus.none] { return .none }
        return .partial
    }

    /// Whether the reports may compare with the period `from`…`to`: its data is complete, and
    /// when it starts with the first month of data, that month's data starts within its first
    /// days (`firstMonthFromItsStart`): data starting on the 15th is no base for a change
    /// (docs/INDICATORS.md, "Data coverage and the as-of instant").
    public func isComparable(from: Month, to: Month) -> Bool {
        guard let first = firstMonth, from > first || (from == first && firstMonthFromItsStart) else { return false }
        return data(from: from, to: to) == .complete
    }

    /// Whole months of data up to the as-of instant's month, that month included (0 without data).
    public var monthsOfData: Int {
        guard let first = firstMonth, let last = lastMonth, first <= last else { return 0 }
        return first.distance(to: last) + 1
    }
}

/// `data` of a month or a period (docs/INDICATORS.md): whether its figures can be compared.
public enum DataStatus: String, Sendable, Equatable, CaseIterable {
    case complete, partial, none
}

/// Every indicator over one period (a month, or the whole report period).
public struct PeriodIndicators: Sendable, Equatable {
    /// How much of the period the data covers.
    public var data = DataStatus.none
    public var volunteers = VolunteerIndicators()
    public var requests = RequestIndicators()
    public var residents = ResidentIndicators()
    public var delays = DelayIndicators()
    public var load = LoadIndicators()
    public var hours = HoursIndicators()

    public init() {}
}

public struct VolunteerIndicators: Sendable, Equatable {
    public var registered = 0
    public var active = 0
    public var new = 0
    public var left = 0
    public init() {}
}

public struct RequestIndicators: Sendable, Equatable {
    public var received = 0
    /// Count per status; every status is present.
    public var byStatus: [RequestStatus: Int] = Dictionary(uniqueKeysWithValues: RequestStatus.allCases.map { ($0, 0) })
    /// Count per domain code; every configured domain is present, zeros included.
    public var byDomain: [String: Int] = [:]
    public init() {}

    public subscript(status: RequestStatus) -> Int { byStatus[status] ?? 0 }

    /// Requests that count for the shares: those received that were not cancelled.
    public var notCancelled: Int { received - self[.cancelled] }

    /// `requests.matched_share`: of the requests not cancelled, the share matched or done
    /// (nil when there are none).
    public var matchedShare: Double? {
        notCancelled > 0 ? Double(self[.matched] + self[.done]) / Double(notCancelled) : nil
    }

    /// `requests.done_share`: of the requests not cancelled, the share done (nil when there are none).
    public var doneShare: Double? {
        notCancelled > 0 ? Double(self[.done]) / Double(notCancelled) : nil
    }

    /// Requests still in progress at the as-of instant (open or matched): their outcome may change.
    public var inProgress: Int { self[.open] + self[.matched] }
}

public struct ResidentIndicators: Sendable, Equatable {
    /// `residents.reached`: distinct residents who asked (every request received in the period).
    public var reached = 0
    /// `residents.helped`: distinct residents with a request received in the period and done.
    public var helped = 0
    public var new = 0
    public init() {}
}

public struct DelayIndicators: Sendable, Equatable {
    public var match = DelayStatistics.empty
    public var contact = DelayStatistics.empty
    public init() {}
}

/// Statistics of a set of delays in hours. All statistics are nil when `count` is 0.
public struct DelayStatistics: Sendable, Equatable {
    public var count: Int
    public var medianHours: Double?
    public var p90Hours: Double?
    public var meanHours: Double?
    /// Requests left out because their delay would be negative.
    public var excluded: Int
    /// Requests received in the period, neither cancelled nor done, without the event: still
    /// waiting, or closed as unmet.
    public var unanswered: Int
    /// Of those, the ones received strictly more than the target before the as-of instant: misses.
    public var unansweredPastTarget: Int
    /// The target (setting `response_target_hours`).
    public var targetHours: Int
    /// Of the counted delays plus the unanswered requests past the target, the share whose delay
    /// is at most the target (nil when there are none).
    public var withinTargetShare: Double?
    /// The same requests in working hours (docs/INDICATORS.md, "Working time").
    public var working = WorkingDelayStatistics.empty

    public init(count: Int, medianHours: Double?, p90Hours: Double?, meanHours: Double?, excluded: Int,
                unanswered: Int = 0, unansweredPastTarget: Int = 0, targetHours: Int = 48,
                withinTargetShare: Double?) {
        self.count = count
        self.medianHours = medianHours
        self.p90Hours = p90Hours
        self.meanHours = meanHours
        self.excluded = excluded
        self.unanswered = unanswered
        self.unansweredPastTarget = unansweredPastTarget
        self.targetHours = targetHours
        self.withinTargetShare = withinTargetShare
    }

    public static let empty = DelayStatistics(count: 0, medianHours: nil, p90Hours: nil, meanHours: nil,
                                              excluded: 0, withinTargetShare: nil)
}

/// A delay block in working hours: the time between the two instants that falls inside the
/// opening hours of the calendar of the association that handled the request, over the same
/// requests as the real-time block. All statistics are nil when `count` is 0.
public struct WorkingDelayStatistics: Sendable, Equatable {
    public var count: Int
    public var medianHours: Double?
    public var p90Hours: Double?
    public var meanHours: Double?
    /// Unanswered requests whose working hours from the call to the as-of instant exceed the target.
    public var unansweredPastTarget: Int
    /// The working-time target (`calendar.target_hours`, default 16).
    public var targetHours: Int
    public var withinTargetShare: Double?

    public init(count: Int, medianHours: Double?, p90Hours: Double?, meanHours: Double?, unansweredPastTarget: Int,
                targetHours: Int, withinTargetShare: Double?) {
        self.count = count
        self.medianHours = medianHours
        self.p90Hours = p90Hours
        self.meanHours = meanHours
        self.unansweredPastTarget = unansweredPastTarget
        self.targetHours = targetHours
        self.withinTargetShare = withinTargetShare
    }

    public static let empty = WorkingDelayStatistics(count: 0, medianHours: nil, p90Hours: nil, meanHours: nil,
                                                     unansweredPastTarget: 0, targetHours: 16, withinTargetShare: nil)
}

public struct LoadIndicators: Sendable, Equatable {
    public var assignments = 0
    /// Assignments above which an active volunteer is over-solicited: the setting × months in the period.
    public var threshold = 0
    public var overThreshold = 0
    /// Assignments per active volunteer; nil when no volunteer was active.
    public var perActiveVolunteerMean: Double?
    public var perActiveVolunteerMedian: Double?
    public var perActiveVolunteerMax: Int?
    public init() {}
}

public struct HoursIndicators: Sendable, Equatable {
    public var total = 0.0
    /// Each assignment's hours × the rate in force on the day of its `done_at`, summed
    /// (docs/INDICATORS.md, "Valuation"), not rounded; nil without a configured rate.
    public var valuationEUR: Double?
    /// Assignments whose `done_at` is in the period.
    public var assignmentsDone = 0
    /// Of those, the ones without hours (empty or 0): they add nothing to `total` nor to the
    /// valuation, and the valuation method says how many were left out.
    public var assignmentsWithoutHours = 0
    /// The hours and their value per rate that valued some (rates in `Settings.valuationRates`
    /// order); empty without a configured rate.
    public var byRate: [RatedHours] = []
    public init() {}
}
