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
    /// One row per association found in the period, ordered by name; requests without an
    /// association come last (`association` nil). `only` restricts to one stored name.
    public static func load(store: Store, from: Month, to: Month, only: String? = nil) throws -> [AssociationFigures] {
        let arguments: StatementArguments = ["from": from.description, "to": to.description, "only": only]
        do {
            return try store.dbQueue.read { db in
                var rows: [String?: AssociationFigures] = [:]
                func entry(_ name: String?) -> AssociationFigures {
                    rows[name] ?? AssociationFigures(association: name, requests: 0, residentsHelped: 0,
                                                     assignments: 0, hours: 0)
                }
                for row in try Row.fetchAll(db, sql: """
                    SELECT association, count(*), count(DISTINCT resident_key)
                    FROM requests
                    WHERE received_month BETWEEN :from AND :to
                      AND (:only IS NULL OR association = :only)
                    GROUP BY association
                    """, arguments: arguments) {
                    let name: String? = row[0]
                    var e = entry(name)
                    e.requests = row[1]
                    e.residentsHelped = row[2]
                    rows[name] = e
                }
                for row in try Row.fetchAll(db, sql: """
                    SELECT r.association, count(*)
                    FROM assignments a JOIN requests r ON r.request_id = a.request_id
                    WHERE a.matched_month BETWEEN :from AND :to
                      AND (:only IS NULL OR r.association = :only)
                    GROUP BY r.association
                    """, arguments: arguments) {
                    let name: String? = row[0]
                    var e = entry(name)
                    e.assignments = row[1]
                    rows[name] = e
                }
                for row in try Row.fetchAll(db, sql: """
                    SELECT r.association, total(a.hours)
                    FROM assignments a JOIN requests r ON r.request_id = a.request_id
                    WHERE a.done_month BETWEEN :from AND :to AND a.hours IS NOT NULL
                      AND (:only IS NULL OR r.association = :only)
                    GROUP BY r.association
                    """, arguments: arguments) {
                    let name: String? = row[0]
                    var e = entry(name)
                    e.hours = row[1]
                    rows[name] = e
                }
                return rows.values.sorted { a, b in
                    switch (a.association, b.association) {
                    case (nil, _): return false
                    case (_, nil): return true
                    case (let x?, let y?): return x < y
                    }
                }
            }
        } catch let error as DatabaseError {
            throw InternalError("computing the figures per association failed: \(error.message ?? "\(error)")")
        }
    }
}
