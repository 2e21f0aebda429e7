import Foundation

/// What each indicator means, in one place (SPEC §3, docs/INDICATORS.md).
///
/// A period is one or more whole calendar months in the network's time zone. The importer
/// stores the local month of every event (`received_month`, `matched_month`, `done_month`),
/// so "an event falls in P" is "its month is between the first and the last month of P".
/// Dates (`joined_on`, `left_on`) are local dates compared as text (`YYYY-MM-DD` sorts as dates).
/// Delays are real elapsed time: `unixepoch()` reads each timestamp with its own UTC offset,
/// so a delay across a daylight-saving change is one hour shorter or longer than the wall clocks say.
///
/// Every query takes `:association` (NULL for the whole network). With an association,
/// requests are those it handled, assignments those of its requests, and volunteers
/// (registered, new, left) those coming through it.
///
/// The SQL does the grouping and counting; the functions below it finish the definitions that
/// need every value (percentiles, the threshold rule).
enum IndicatorDefinitions {

    // MARK: Volunteers

    /// Run once per period with `:start` and `:end` (first day of the period, first day after it).
    /// - `volunteers.registered`: joined before the end and not left before the start.
    ///   A volunteer whose `left_on` is before `joined_on` is inconsistent (warned at import) and not counted.
    /// - `volunteers.new`: `joined_on` in the period.
    /// - `volunteers.left`: `left_on` in the period.
    static let volunteers = """
        SELECT
          count(*) FILTER (WHERE joined_on < :end
                             AND (left_on IS NULL OR left_on >= :start)
                             AND (left_on IS NULL OR left_on >= joined_on))  AS registered,
          count(*) FILTER (WHERE joined_on >= :start AND joined_on < :end)   AS new,
          count(*) FILTER (WHERE left_on   >= :start AND left_on   < :end)   AS left
        FROM volunteers
        WHERE (:association IS NULL OR association = :association)
        """

    // MARK: Requests and residents helped

    /// Requests whose `received_at` is in the month, one row per month:
    /// - `requests.received`: how many;
    /// - `requests.<status>`: of those, how many have each status;
    /// - `requests.by_domain.<code>`: of those, how many per configured domain (`:domain0`, `:domain1`, …),
    ///   then how many have a code that is not configured (`other_domains`, normally 0);
    /// - `residents.helped`: distinct resident ids among them (no resident identity: not counted).
    /// Grouping by month only follows the month index, so SQLite needs no sort.
    static func requestsByMonth(domainCount: Int) -> String {
        let statuses = RequestStatus.allCases.map {
            "count(*) FILTER (WHERE status = '\($0.rawValue)')"
        }
        let domains = (0..<domainCount).map { "count(*) FILTER (WHERE domain = :domain\($0))" }
        let configured = (0..<domainCount).map { ":domain\($0)" }.joined(separator: ", ")
        return """
            SELECT received_month,
                   count(*) AS received,
                   \(statuses.joined(separator: ",\n       "))
                   \(domains.map { ",\n       " + $0 }.joined()),
                   count(*) FILTER (WHERE domain NOT IN (\(configured.isEmpty ? "''" : configured))) AS other_domains,
                   count(DISTINCT resident_key) AS residents_helped
            FROM requests
            WHERE received_month BETWEEN :from AND :to
              AND (:association IS NULL OR association = :association)
            GROUP BY received_month
            """
    }

    /// Requests per month and domain code, for codes found in the data but not configured
    /// (run only when `requestsByMonth` finds some). Rows: month, domain, count.
    static func unconfiguredDomains(domainCount: Int) -> String {
        let configured = (0..<domainCount).map { ":domain\($0)" }.joined(separator: ", ")
        return """
            SELECT received_month, domain, count(*)
            FROM requests
            WHERE received_month BETWEEN :from AND :to
              AND (:association IS NULL OR association = :association)
              AND domain NOT IN (\(configured.isEmpty ? "''" : configured))
            GROUP BY received_month, domain
            """
    }

    // MARK: Residents over the period and new residents

    /// One pass over every resident of all the data (restricted to the association's requests
    /// when one is given):
    /// - `residents.new`: residents whose first request ever is received in the month;
    /// - `residents.helped` over the whole period: residents with a request received in it
    ///   (distinct counts do not add up over months).
    /// Rows: first month of a resident, residents new that month, how many of them were helped
    /// in the period.
    static let residentsByFirstMonth = """
        SELECT first_month, count(*) AS new_residents, sum(helped_in_period) AS helped_in_period
        FROM (SELECT min(received_month) AS first_month,
                     max(received_month BETWEEN :from AND :to) AS helped_in_period
              FROM requests
              WHERE resident_key IS NOT NULL
                AND (:association IS NULL OR association = :association)
              GROUP BY resident_key)
        GROUP BY first_month
        """

    /// A `YYYY-MM` column as the integer year × 12 + month, cheap to read back for many rows.
    static func monthNumber(_ column: String) -> String {
        "(CAST(substr(\(column), 1, 4) AS INTEGER) * 12 + CAST(substr(\(column), 6, 2) AS INTEGER))"
    }

    // MARK: Delays

    /// `delays.match` and `delays.contact`: for each request received in the period that has
    /// assignments, the seconds from `received_at` to its earliest `matched_at` (resp.
    /// earliest `contacted_at`) over all its assignments; NULL when it has none.
    /// Rows: month (as `monthNumber`), match seconds, contact seconds.
    static let requestDelays = """
        SELECT \(monthNumber("r.received_month")),
               min(unixepoch(a.matched_at))   - unixepoch(r.received_at) AS match_seconds,
               min(unixepoch(a.contacted_at)) - unixepoch(r.received_at) AS contact_seconds
        FROM requests r
        JOIN assignments a ON a.request_id = r.request_id
        WHERE r.received_month BETWEEN :from AND :to
          AND (:association IS NULL OR r.association = :association)
        GROUP BY r.received_month, r.request_id  -- one row per request, in the month index's order (it ends with the key)
        """

    /// Finishes a delay block from the delays of the requests of a period, in seconds.
    /// A negative delay (an event recorded before the call) is left out and counted in `excluded`.
    /// `median_hours` and `p90_hours` interpolate like Excel's `PERCENTILE.INC`;
    /// `within_48h_share` is the share of counted requests with a delay of at most 48 hours.
    static func delayStatistics(seconds: [Int]) -> DelayStatistics {
        let counted = seconds.filter { $0 >= 0 }.sorted()
        let excluded = seconds.count - counted.count
        guard !counted.isEmpty else {
            return DelayStatistics(count: 0, medianHours: nil, p90Hours: nil, meanHours: nil,
                                   within48hShare: nil, excluded: excluded)
        }
        let hours = counted.map { Double($0) / 3600 }
        let within48h = counted.filter { $0 <= 48 * 3600 }.count
        return DelayStatistics(
            count: hours.count,
            medianHours: Statistics.percentileInc(sorted: hours, 0.5),
            p90Hours: Statistics.percentileInc(sorted: hours, 0.9),
            meanHours: Double(counted.reduce(0, +)) / 3600 / Double(counted.count),
            within48hShare: Double(within48h) / Double(counted.count),
            excluded: excluded)
    }

    // MARK: Load

    /// `load.assignments`, `volunteers.active` and the load per volunteer: assignments whose
    /// `matched_at` is in the month, counted per volunteer. Under an association, the
    /// assignments of the requests it handled (whoever the volunteer comes through).
    /// Rows: month, volunteer, assignments.
    static let assignmentsPerVolunteer = """
        SELECT a.matched_month, a.volunteer_id, count(*)
        FROM assignments a
        WHERE a.matched_month BETWEEN :from AND :to
          AND (:association IS NULL
               OR EXISTS (SELECT 1 FROM requests r
                          WHERE r.request_id = a.request_id AND r.association = :association))
        GROUP BY a.matched_month, a.volunteer_id
        """

    /// Finishes the load block from the number of assignments of each active volunteer in a period.
    /// - `volunteers.active`: volunteers with at least one assignment matched in the period.
    /// - `load.per_active_volunteer`: mean, median (`PERCENTILE.INC` at 0.5) and max of those numbers.
    /// - `load.over_threshold`: active volunteers with more than `threshold` assignments, where
    ///   the threshold is the monthly setting × the number of months in the period.
    static func load(assignmentsPerVolunteer counts: [Int], monthlyThreshold: Int, months: Int)
        -> (active: Int, load: LoadIndicators)
    {
        var load = LoadIndicators()
        load.threshold = monthlyThreshold * months
        load.assignments = counts.reduce(0, +)
        load.overThreshold = counts.filter { $0 > load.threshold }.count
        if !counts.isEmpty {
            let sorted = counts.sorted().map(Double.init)
            load.perActiveVolunteerMean = Double(load.assignments) / Double(counts.count)
            load.perActiveVolunteerMedian = Statistics.percentileInc(sorted: sorted, 0.5)
            load.perActiveVolunteerMax = counts.max()
        }
        return (counts.count, load)
    }

    // MARK: Hours

    /// `hours.total`: sum of `hours` of the assignments whose `done_at` is in the month
    /// (an assignment without hours adds nothing). Rows: month, hours.
    /// `hours.valuation_eur` is `hours.total` × the configured hourly rate, null without one.
    static let hoursByMonth = """
        SELECT a.done_month, total(a.hours)
        FROM assignments a
        WHERE a.done_month BETWEEN :from AND :to
          AND (:association IS NULL
               OR EXISTS (SELECT 1 FROM requests r
                          WHERE r.request_id = a.request_id AND r.association = :association))
        GROUP BY a.done_month
        """

    static func valuation(hours: Double, hourlyRate: Double?) -> Double? {
        hourlyRate.map { hours * $0 }
    }
}

/// Descriptive statistics shared by the indicators and the reports.
public enum Statistics {
    /// The `p`-quantile of sorted values, interpolating linearly between closest ranks
    /// (Excel's `PERCENTILE.INC`, numpy's default): rank h = (n − 1) p, value
    /// x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]). Nil for no values.
    public static func percentileInc(sorted values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let h = Double(values.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, values.count - 1)
        let fraction = h - Double(lo)
        if fraction == 0 || lo == hi { return values[lo] }
        return values[lo] + fraction * (values[hi] - values[lo])
    }
}
