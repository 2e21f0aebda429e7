import Foundation

/// What the indicators need from the database, read in one pass over each table and kept in
/// compact arrays (about 70 bytes a request and its assignment): every period, association and comparison of a
/// report is then computed from memory, without another query. `IndicatorDefinitions` says
/// what each indicator counts; this type only holds the rows, already decoded:
/// months as numbers (`year × 12 + month − 1`), timestamps as UTC seconds, dates as day numbers,
/// labels as indexes into small tables.
///
/// docs/PERFORMANCE.md explains the choice: grouping a million rows in SQL took 4.8 s for 24
/// months; reading each table once takes a fraction of a second.
public struct IndicatorFacts: Sendable {
    /// Marks a missing timestamp.
    static let noTime = Int64.min
    /// Marks a missing month.
    static let noMonth = Int32.min
    /// Marks a missing day.
    static let noDay = Int32.min
    /// Marks an assignment whose request is not in the table (no domain).
    static let noDomain = UInt16.max

    struct Request: Sendable {
        /// Local month of `received_at`.
        var month: Int32
        /// Index in `RequestStatus.allCases`.
        var status: UInt8
        /// Index in `domains`.
        var domain: UInt16
        /// Index in `associations`, −1 when the request names none.
        var association: Int32
        /// Index of the resident, −1 when the request has no resident identity.
        var resident: Int32
        /// Seconds from `received_at` to the earliest `matched_at` / `contacted_at` over the
        /// request's assignments (real elapsed time); `noTime` when none has one.
        var matchDelay: Int64
        var contactDelay: Int64
        /// `received_at`, UTC seconds.
        var received: Int64
    }

    struct Assignment: Sendable {
        /// Index of its request in `requests`, −1 when the request is not in the table.
        var request: Int32
        /// Index of the volunteer among those with assignments.
        var volunteer: Int32
        /// Local months of `matched_at` and `done_at`, `noMonth` when empty.
        var matchedMonth: Int32
        var doneMonth: Int32
        /// `hours`, 0 when empty (an assignment without hours adds nothing).
        var hours: Double
        /// Local day of `done_at` (days since 1970-01-01), `noDay` when empty: the day whose
        /// hourly rate values the hours (docs/INDICATORS.md, "Valuation").
        var doneDay: Int32 = IndicatorFacts.noDay
        /// Index in `domains` of its request's domain, `noDomain` when the request is not in the table.
        var domain: UInt16 = IndicatorFacts.noDomain
        /// False when `hours` is empty or 0: counted among the assignments left out of the valuation.
        var hasHours: Bool = false
    }

    struct Volunteer: Sendable {
        /// `joined_on` and `left_on` as day numbers (days since 1970-01-01); `left` nil while still in.
        var joined: Int32
        var left: Int32?
        /// Index in `associations`, −1 when none.
        var association: Int32
    }

    /// The positions of a table's rows grouped by month, so a period reads only its months.
    struct MonthIndex: Sendable {
        var first: Int32 = 0
        /// Rows of month `first + k` are `order[start[k] ..< start[k + 1]]`.
        var start: [Int] = [0]
        var order: [Int32] = []

        init() {}

        /// Counting sort of `count` rows by `month(row)`; rows without a month are left out.
        init(count: Int, month: (Int) -> Int32) {
            var lo = Int32.max, hi = Int32.min
            for i in 0..<count {
                let m = month(i)
                if m == IndicatorFacts.noMonth { continue }
                lo = min(lo, m)
                hi = max(hi, m)
            }
            guard lo <= hi else { return }
            first = lo
            var counts = [Int](repeating: 0, count: Int(hi - lo) + 2)
            for i in 0..<count {
                let m = month(i)
                if m != IndicatorFacts.noMonth { counts[Int(m - lo) + 1] += 1 }
            }
            for k in 1..<counts.count { counts[k] += counts[k - 1] }
            start = counts
            var next = counts
            order = [Int32](repeating: 0, count: counts[counts.count - 1])
            for i in 0..<count {
                let m = month(i)
                if m == IndicatorFacts.noMonth { continue }
                let k = Int(m - lo)
                order[next[k]] = Int32(i)
                next[k] += 1
            }
        }

        /// Positions of the rows of month `m` (empty outside the data).
        func rows(_ m: Int32) -> ArraySlice<Int32> {
            let k = Int(m) - Int(first)
            guard k >= 0, k + 1 < start.count else { return [] }
            return order[start[k]..<start[k + 1]]
        }
    }

    var requests: [Request] = []
    var assignments: [Assignment] = []
    var volunteers: [Volunteer] = []
    /// Domain codes found in the requests.
    var domains: [String] = []
    /// Association names found in the requests and the volunteers.
    var associations: [String] = []
    var residentCount = 0
    var volunteerCount = 0
    /// The as-of instant and the months the data covers (docs/INDICATORS.md, "Data coverage").
    public var coverage = DataCoverage.empty
    /// The as-of instant in UTC seconds, nil without any event.
    var asOf: Int64? { coverage.asOf.map { Int64($0.utc) } }
    var requestsByMonth = MonthIndex()
    var assignmentsByMatchedMonth = MonthIndex()

    /// Month number of a `Month`.
    static func number(_ m: Month) -> Int32 { Int32(m.year * 12 + m.month - 1) }

    /// The `Month` of a month number.
    static func month(_ n: Int32) -> Month { Month(year: Int(n) / 12, month: Int(n) % 12 + 1) }

    /// Index of a stored association name (compared byte for byte, like SQLite), nil when absent.
    func associationIndex(_ name: String) -> Int32? {
        associations.firstIndex { $0.utf8.elementsEqual(name.utf8) }.map { Int32($0) }
    }

    /// The stored association names, sorted.
    public var associationNames: [String] { associations.sorted() }
}
