import Foundation
import GRDB

/// A request still waiting for a volunteer (status `open`) at the report's reference time.
public struct WaitingRequest: Sendable, Equatable {
    public var requestID: String
    /// Pseudonymous resident id (never a name or phone), nil when unknown.
    public var residentKey: String?
    public var domain: String
    public var receivedAt: Timestamp
    /// Whole and fractional days from the call to the reference time.
    public var daysWaiting: Double
    /// The partner association that handled it (the one to ask), nil when the export names none.
    public var association: String? = nil
    /// Waiting more than `stale_after_days`: probably closed without an update ("à vérifier"),
    /// counted apart from the real waits.
    public var isStale: Bool = false
}

/// Everything a monthly report shows (reports/README.md): the month, the month before, the 12-month
/// trend and the requests waiting too long. Both the workbook and the Markdown summary read it.
public struct MonthlyReportData: Sendable {
    public var month: Month
    public var association: String?
    public var settings: Settings
    /// The 12 months ending with `month` (the trend charts' series), oldest first.
    public var trend: [MonthIndicators]
    /// Requests still open at `reference` after more than `settings.waitAlertDays` days, longest
    /// first; those past `settings.staleAfterDays` are flagged `isStale` (`realWaits`, `staleWaits`).
    public var waiting: [WaitingRequest]
    /// The waits to act on: not past `stale_after_days`.
    public var realWaits: [WaitingRequest] { waiting.filter { !$0.isStale } }
    /// Probably closed without an update: to check with the association that handled them.
    public var staleWaits: [WaitingRequest] { waiting.filter(\.isStale) }
    /// What the data covers (the as-of instant is the data's, `reference` the report's).
    public var coverage: DataCoverage = .empty
    /// End of the month, or now when the month is not over.
    public var reference: Timestamp
    /// Domain codes in report order (`IndicatorReport.domainCodes` of the trend).
    public var domainCodes: [String]

    public var current: PeriodIndicators { trend[trend.count - 1].indicators }
    public var previous: PeriodIndicators { trend[trend.count - 2].indicators }
    public var previousMonth: Month { month.adding(-1) }

    public static func load(store: Store, settings: Settings, month: Month, association: String? = nil,
                            now: Date = Date(), engine: IndicatorEngine? = nil) throws -> MonthlyReportData {
        let report = try (engine ?? IndicatorEngine(store: store, settings: settings))
            .compute(from: month.adding(-11), to: month, association: association)
        let clock = settings.makeClock()
        let monthEnd = clock.start(of: month.adding(1))
        let nowTS = clock.timestamp(utc: Int(now.timeIntervalSince1970))
        let reference = min(monthEnd, nowTS)
        // The engine resolved the name to its stored spelling (case and accents ignored).
        let waiting = try store.dbQueue.read { db in
            try WaitingRequest.fetch(db, before: reference, olderThanDays: settings.waitAlertDays,
                                     staleDays: settings.staleAfterDays, association: report.association)
        }
        return MonthlyReportData(month: month, association: report.association, settings: settings, trend: report.months,
                                 waiting: waiting, coverage: report.coverage, reference: reference,
                                 domainCodes: report.domainCodes)
    }
}

/// What a funder workbook shows: the monthly series of a period, its total, and the total of
/// the previous period of equal length for comparison.
public struct PeriodReportData: Sendable {
    public var report: IndicatorReport
    public var previous: IndicatorReport
    public var settings: Settings

    public var from: Month { report.from }
    public var to: Month { report.to }
    public var monthCount: Int { report.from.distance(to: report.to) + 1 }

    public static func load(store: Store, settings: Settings, from: Month, to: Month,
                            association: String? = nil, engine: IndicatorEngine? = nil) throws -> PeriodReportData {
        // One engine: both periods come from one read of the data.
        let engine = engine ?? IndicatorEngine(store: store, settings: settings)
        let length = from.distance(to: to) + 1
        let report = try engine.compute(from: from, to: to, association: association)
        let previous = try engine.compute(from: from.adding(-length), to: to.adding(-length), association: association)
        return PeriodReportData(report: report, previous: previous, settings: settings)
    }
}

extension WaitingRequest {
    /// Open requests received before `reference` and waiting more than `days` days at that time.
    /// Those waiting more than `staleDays` are flagged `isStale`.
    static func fetch(_ db: Database, before reference: Timestamp, olderThanDays days: Int, staleDays: Int = 60,
                      association: String?) throws -> [WaitingRequest] {
        let limit = reference.utc - days * 86400
        let rows = try Row.fetchAll(db, sql: """
            SELECT request_id, resident_key, domain, received_at, association FROM requests
            WHERE status = 'open' AND unixepoch(received_at) < :limit
              AND (:association IS NULL OR association = :association)
            ORDER BY unixepoch(received_at), request_id
            """, arguments: ["limit": limit, "association": association])
        return rows.compactMap { row in
            guard let received = Timestamp(iso8601: row["received_at"]) else { return nil }
            let days = Double(reference.utc - received.utc) / 86400
            return WaitingRequest(requestID: row["request_id"], residentKey: row["resident_key"], domain: row["domain"],
                                  receivedAt: received, daysWaiting: days, association: row["association"],
                                  isStale: days > Double(staleDays))
        }
    }
}
