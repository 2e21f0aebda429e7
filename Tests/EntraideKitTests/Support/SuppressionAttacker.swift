import Foundation
import SharedTestSupport
@testable import EntraideKit

/// An attacker of the suppressed resident counts of a workbook (docs/SECURITY.md, "Small
/// counts"), written apart from the product's planner: it reads the cells of the XLSX file as a
/// reader sees them and, using every relation the definitions give, tries to pin each hidden
/// count to a single value. Bounds propagation to a fixpoint, then a complete search
/// (bisection of the hidden cells' domains) for a consistent assignment with the hidden cell
/// at each side of the value found first.
struct SuppressionAttacker {
    /// An unknown or known count: its name (`residents.new@2026-09`), its domain, and what the
    /// workbook showed.
    struct Variable {
        var name: String
        var lo: Int
        var hi: Int
        var shown: String
        var hidden: Bool
        /// Shown as a number somewhere; shown with a marker somewhere.
        var known = false
        var marked = false
        /// The smallest request count shown that bounds it.
        var cap = SuppressionAttacker.big
        /// A request count shown beside it is 0: its value, 0, was never secret.
        var noRequest: Bool = false
    }

    enum Constraint {
        /// Σ parts = total.
        case sum([Int], Int)
        /// max(parts) ≤ total ≤ Σ parts.
        case distinct([Int], Int)
        /// a ≥ b.
        case atLeast(Int, Int)
        /// a − b = d (a change column shown between two counts).
        case difference(Int, Int, Int)
    }

    var variables: [Variable] = []
    var constraints: [Constraint] = []
    var byName: [String: Int] = [:]
    /// Searches that ran out of budget (the test demands none).
    var undecided = 0

    typealias Domains = [(lo: Int, hi: Int)]

    /// The domain's top for a count nothing bounds.
    static let big = 100_000

    struct AttackError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    // MARK: Reasoning

    /// Narrows the domains to bounds consistency; false when one empties.
    func propagate(_ d: inout Domains) -> Bool {
        var changed = true
        func set(_ i: Int, lo: Int? = nil, hi: Int? = nil) {
            if let lo, lo > d[i].lo { d[i].lo = lo; changed = true }
            if let hi, hi < d[i].hi { d[i].hi = hi; changed = true }
        }
        while changed {
            changed = false
            for c in constraints {
                switch c {
                case .sum(let parts, let t):
                    let lo = parts.reduce(0) { $0 + d[$1].lo }, hi = parts.reduce(0) { $0 + d[$1].hi }
                    set(t, lo: lo, hi: hi)
                    for p in parts {
                        set(p, lo: d[t].lo - (hi - d[p].hi), hi: d[t].hi - (lo - d[p].lo))
                    }
                case .distinct(let parts, let t):
                    set(t, lo: parts.map { d[$0].lo }.max() ?? 0, hi: parts.reduce(0) { $0 + d[$1].hi })
                    let hi = parts.reduce(0) { $0 + d[$1].hi }
                    for p in parts {
                        set(p, lo: d[t].lo - (hi - d[p].hi), hi: d[t].hi)
                    }
                case .atLeast(let a, let b):
                    set(a, lo: d[b].lo)
                    set(b, hi: d[a].hi)
                case .difference(let a, let b, let k):
                    set(a, lo: d[b].lo + k, hi: d[b].hi + k)
                    set(b, lo: d[a].lo - k, hi: d[a].hi - k)
                }
            }
            if d.contains(where: { $0.lo > $0.hi }) { return false }
        }
        return true
    }

    /// A complete consistent assignment within `d`, if one exists (nil also when the budget
    /// runs out; `undecided` counts those).
    mutating func solve(_ d: Domains, budget: inout Int) -> [Int]? {
        var d = d
        budget -= 1
        guard budget >= 0, propagate(&d) else { return nil }
        guard let i = d.indices.filter({ d[$0].lo < d[$0].hi }).min(by: { d[$0].hi - d[$0].lo < d[$1].hi - d[$1].lo }) else {
            return d.map(\.lo)  // all fixed: bounds consistency is exact here
        }
        let mid = d[i].lo + (d[i].hi - d[i].lo) / 2
        var left = d, right = d
        left[i].hi = mid
        right[i].lo = mid + 1
        if let s = solve(left, budget: &budget) { return s }
        return solve(right, budget: &budget)
    }

    /// The hidden counts pinned to one value: (name, value, shown). Counts whose request count
    /// is 0 are left out (they are 0 for anyone who reads the request column).
    mutating func recovered() throws -> [(name: String, value: Int, shown: String)] {
        let start: Domains = variables.map { ($0.lo, $0.hi) }
        var budget = 2_000_000
        guard let solution = solve(start, budget: &budget) else {
            if budget < 0 { undecided += 1 }
            throw AttackError("the cells read admit no consistent assignment: the relations stated are wrong")
        }
        var found: [(String, Int, String)] = []
        for (i, v) in variables.enumerated() where v.hidden && !v.noRequest {
            var other = false
            for side in [(start[i].lo, solution[i] - 1), (solution[i] + 1, start[i].hi)] where side.0 <= side.1 {
                var d = start
                d[i] = side
                var budget = 200_000
                if solve(d, budget: &budget) != nil { other = true; break }
                if budget < 0 { undecided += 1; other = true; break }
            }
            if !other { found.append((v.name, solution[i], v.shown)) }
        }
        return found
    }
}
