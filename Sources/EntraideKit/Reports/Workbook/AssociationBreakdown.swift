import Foundation
import GRDB

/// The figures of one partner association over a period (pseudonymous: counts only).
public struct AssociationFigures: Sendable, Equatable {
    /// The stored association name; nil for requests that name none.
    public var association: String?
    /// Requests it handled that were received in the period.
    public var requests: Int
    /// Distinct residents among those requests (`residents.reached`).
    public var residentsReached: Int
    /// Distinct residents among those requests that were done (`residents.helped`).
    public var residentsHelped: Int
    /// Assignments of its requests whose `matched_at` is in the period.
    public var assignments: Int
    /// Hours of assignments of its requests whose `done_at` is in the period.
    public var hours: Double

    public init(association: String?, requests: Int, residentsReached: Int, residentsHelped: Int, assignments: Int,
                hours: Double) {
        self.association = association
        self.requests = requests
        self.residentsReached = residentsReached
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
    /// - requests: its requests received in the period; residents reached: distinct residents among
    ///   them; residents helped: distinct residents among those done;
    /// - assignments: assignments of its requests whose `matched_at` is in the period;
    /// - hours: hours of assignments of its requests whose `done_at` is in the period.
    public static func compute(facts: IndicatorFacts, from: Month, to: Month, only: String? = nil) -> [AssociationFigures] {
        let first = IndicatorFacts.number(from), last = IndicatorFacts.number(to)
        let onlyCode: Int32? = only.map { facts.associationIndex($0) ?? -2 }
        // Slot 0 is "no association", slot k + 1 the association of index k.
        let slots = facts.associations.count + 1
        var rows = [AssociationFigures?](repeating: nil, count: slots)
        func entry(_ slot: Int) -> AssociationFigures {
            rows[slot] ?? AssociationFigures(association: slot == 0 ? nil : facts.associations[slot - 1],
                                             requests: 0, residentsReached: 0, residentsHelped: 0, assignments: 0, hours: 0)
        }
        var residents = Set<Int>(), helped = Set<Int>()
        let done = UInt8(RequestStatus.allCases.firstIndex(of: .done)!)
        for m in first...last {
            for i in facts.requestsByMonth.rows(m) {
                let r = facts.requests[Int(i)]
                if let onlyCode, r.association != onlyCode { continue }
                let slot = Int(r.association) + 1
                var e = entry(slot)
                e.requests += 1
                if r.resident >= 0 && residents.insert(Int(r.resident) * slots + slot).inserted { e.residentsReached += 1 }
                if r.resident >= 0 && r.status == done && helped.insert(Int(r.resident) * slots + slot).inserted {
                    e.residentsHelped += 1
                }
                rows[slot] = e
            }
        }
        for a in facts.assignments where a.request >= 0 {
            let matched = a.matchedMonth >= first && a.matchedMonth <= last
            let done = a.doneMonth >= first && a.doneMonth <= last
            guard matched || done else { continue }
            let association = facts.requests[Int(a.request)].association
            if let onlyCode, association != onlyCode { continue }
            let slot = Int(association) + 1
            var e = entry(slot)
            if matched { e.assignments += 1 }
            if done { e.hours += a.hours }
            rows[slot] = e
        }
        let named = rows.dropFirst().compactMap { $0 }.sorted { $0.association! < $1.association! }
        return named + (rows[0].map { [$0] } ?? [])
    }
}
