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

    public init(timezone: String, from: Month, to: Month, association: String?, domainCodes: [String],
                months: [MonthIndicators], total: PeriodIndicators) {
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

/// Every indicator over one period (a month, or the whole report period).
public struct PeriodIndicators: Sendable, Equatable {
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
}

public struct ResidentIndicators: Sendable, Equatable {
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
    public var within48hShare: Double?
    /// Requests left out because their delay would be negative.
    public var excluded: Int

    public init(count: Int, medianHours: Double?, p90Hours: Double?, meanHours: Double?,
                within48hShare: Double?, excluded: Int) {
        self.count = count
        self.medianHours = medianHours
        self.p90Hours = p90Hours
        self.meanHours = meanHours
        self.within48hShare = within48hShare
        self.excluded = excluded
    }

    public static let empty = DelayStatistics(count: 0, medianHours: nil, p90Hours: nil, meanHours: nil,
                                              within48hShare: nil, excluded: 0)
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
    /// `total` × the configured hourly rate; nil without a configured rate.
    public var valuationEUR: Double?
    public init() {}
}
