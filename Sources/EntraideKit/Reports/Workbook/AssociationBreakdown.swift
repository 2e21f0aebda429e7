import Foundation
import GRDB

/// The figures of one partner association over a period (pseudonymous: counts only).
public struct AssociationFigures: Sendable, Equatable {
    /// The stored association name; nil for requests that name none.
    public var association: String?
    /// Requests it handled that were received in the period.
    public var requests: Int
    /// Distinct residents among those requests.
    public var residentsHelped: Int
    /// Assignments of its requests whose `matched_at` is in the period.
    public var assignments: Int
    /// Hours of assignments of its requests whose `done_at` is in the period.
    public var hours: Double

    public init(association: String?, requests: Int, residentsHelped: Int, assignments: Int, hours: Double) {
        self.association = association
        self.requests = requests
        self.residentsHelped = residentsHelped
        self.assignments = assignments
        self.hours = hours
    }
}

/// Per-association figures, with the same definitions as the indicators under `--association`:
/// an association's requests are those it handled, its assignments and hours those of its requests.
public enum AssociationBreakdown {
    /// Requests received in the period per association: how many, distinct residents.
    static let requestsSQL = """
        SELECT association, count(*), count(DISTINCT resident_key)
        FROM requests
        WHERE received_month BETWEEN :from AND :to
          AND (:only IS NULL OR association = :only)
        GROUP BY association
        """

    /// Assignments of each association's requests: matched in the period, hours done in it.
    /// One pass over both tables in `request_id` order (the outer loop is forced to `requests`,
    /// so every assignment lookup is a short, cached descent of its primary key).
    static let assignmentsSQL = """
        SELECT r.association,
               count(*) FILTER (WHERE a.matched_month BETWEEN :from AND :to),
               total(a.hours) FILTER (WHERE a.done_month BETWEEN :from AND :to)
        FROM requests r CROSS JOIN assignments a ON a.request_id = r.request_id
        WHERE (:only IS NULL OR r.association = :only)
          AND (a.matched_month BETWEEN :from AND :to OR a.done_month BETWEEN :from AND :to)
        GROUP BY r.association
        """

    /// One row per association found in the period, ordered by name; requests without an
    /// association come last (`association` nil). `only` restricts to one stored name.
    /// The two queries run on two connections at once when the database is a file.
    public static func load(store: Store, from: Month, to: Month, only: String? = nil) throws -> [AssociationFigures] {
        let arguments: StatementArguments = ["from": from.description, "to": to.description, "only": only]
        typealias Rows = [(String?, Int, Double)]
        let requestRows: @Sendable (Database) throws -> Rows = { db in
            try Row.fetchAll(db, sql: requestsSQL, arguments: arguments).map { ($0[0], $0[1], Double($0[2] as Int)) }
        }
        let assignmentRows: @Sendable (Database) throws -> Rows = { db in
            try Row.fetchAll(db, sql: assignmentsSQL, arguments: arguments).map { ($0[0], $0[1], $0[2]) }
        }
        do {
            let (assignments, requests) = try store.readInParallel(assignmentRows, requestRows)
            var rows: [String?: AssociationFigures] = [:]
            func entry(_ name: String?) -> AssociationFigures {
                rows[name] ?? AssociationFigures(association: name, requests: 0, residentsHelped: 0, assignments: 0, hours: 0)
            }
            for (name, count, residents) in requests {
                var e = entry(name)
                e.requests = count
                e.residentsHelped = Int(residents)
                rows[name] = e
            }
            for (name, count, hours) in assignments {
                var e = entry(name)
                e.assignments = count
                e.hours = hours
                rows[name] = e
            }
            return rows.values.sorted { a, b in
                switch (a.association, b.association) {
                case (nil, _): return false
                case (_, nil): return true
                case (let x?, let y?): return x < y
                }
            }
        } catch let error as DatabaseError {
            throw InternalError("computing the figures per association failed: \(error.message ?? "\(error)")")
        }
    }
}
