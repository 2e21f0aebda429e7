import Foundation

/// Chooses the resident counts a workbook hides (docs/SECURITY.md, "Small counts"): every count
/// below the threshold (primary suppression, shown `< N`), then further counts (complementary
/// suppression, shown with their own marker) until no hidden count can be worked out from the
/// cells shown, the relations between them and what each marker says of its cell.
///
/// Pure: integer cells, the relations a reader knows, and for each cell the largest value the
/// request counts shown beside it allow. A hidden cell is safe when the planner finds a
/// *witness*: a second assignment of the hidden cells, each within its marker's range, that
/// keeps every visible cell and satisfies every relation, with this cell changed. A witness
/// stays valid when more cells are hidden, so each cell is checked until it has one.
struct SuppressionPlanner {
    /// How a hidden cell is shown.
    enum Marker: Equatable, Sendable {
        /// Below the threshold: `< N`, so 0 … N − 1.
        case primary
        /// Hidden so that a small count cannot be worked out: at least N.
        case complementary
    }

    /// The plan: a marker per hidden cell, and the cells no witness was found for even with
    /// every related cell hidden (none in practice; reported rather than silently trusted).
    struct Plan: Equatable, Sendable {
        var markers: [Marker?]
        var unprotected: [Int]
    }

    /// Counts below this are primary-suppressed (zero included: docs/SECURITY.md).
    let threshold: Int
    let values: [Int]
    /// The largest value each cell can take as a reader sees it (residents reached ≤ requests
    /// received…), nil when nothing shown bounds it.
    let caps: [Int?]
    /// The relations that hold for the true values (any other is dropped: a reader cannot use
    /// a relation the figures do not satisfy).
    let relations: [SuppressionRelation]
    private let relationsOf: [[Int]]

    /// Nodes one witness search may visit, and the longest chain of compensating changes.
    static let searchBudget = 5_000
    static let maxDepth = 8
    /// Candidates tried, smallest first, for the one complement that protects a cell.
    static let trials = 8

    init(threshold: Int, values: [Int], caps: [Int?], relations: [SuppressionRelation]) {
        self.threshold = max(threshold, 1)
        self.values = values
        self.caps = zip(values, caps).map { value, cap in cap.flatMap { $0 >= value ? $0 : nil } }
        let valid = relations.filter { r in r.cells.allSatisfy(values.indices.contains) && r.holds { values[$0] } }
        self.relations = valid
        var of = [[Int]](repeating: [], count: values.count)
        for (i, r) in valid.enumerated() { for c in Set(r.cells) { of[c].append(i) } }
        self.relationsOf = of
    }

    /// The values a reader knows a cell shown with `marker` can take.
    func range(_ cell: Int, _ marker: Marker) -> ClosedRange<Int> {
        let cap = caps[cell] ?? Int.max / 4
        switch marker {
        case .primary: return 0...max(0, min(threshold - 1, cap))
        case .complementary: return threshold...max(threshold, cap)
        }
    }

    // MARK: Planning

    /// Primary suppression, then complements until every hidden cell has a witness. Deterministic.
    func plan() -> Plan {
        var markers: [Marker?] = values.map { $0 < threshold ? .primary : nil }
        var safe = Set<Int>(), unprotected: [Int] = []
        search: while true {
            for h in markers.indices where markers[h] != nil && !safe.contains(h) {
                if hasWitness(h, markers) { safe.insert(h); continue }
                let candidates = complementCandidates(h, markers)
                guard let first = candidates.first else {
                    safe.insert(h)
                    unprotected.append(h)
                    continue
                }
                let chosen = candidates.prefix(Self.trials).first { c in
                    var trial = markers
                    trial[c] = .complementary
                    return hasWitness(h, trial)
                } ?? first
                markers[chosen] = .complementary
                continue search
            }
            break
        }
        return Plan(markers: markers, unprotected: unprotected)
    }

    /// Visible cells whose hiding may protect `h`, best first: cells of `h`'s own lines before
    /// cells reached through other hidden cells; in a line, a part (smallest value first, the
    /// least information lost) before the line's total, the total before a cell related by an
    /// inequality only.
    func complementCandidates(_ h: Int, _ markers: [Marker?]) -> [Int] {
        var rank: [Int: (hop: Int, role: Int)] = [:]
        var seen: Set<Int> = [h], frontier = [h], hop = 0
        while !frontier.isEmpty {
            var next: [Int] = []
            for cell in frontier {
                for r in relationsOf[cell].map({ relations[$0] }) {
                    for other in r.cells where other != cell {
                        let role: Int
                        switch r {
                        case .atLeast: role = 2
                        default: role = other == r.total ? 1 : 0
                        }
                        if markers[other] == nil {
                            // Hidden with a single possible value, it would hide nothing.
                            let r = range(other, .complementary)
                            guard r.lowerBound < r.upperBound else { continue }
                            if let old = rank[other], (old.hop, old.role) <= (hop, role) { continue }
                            rank[other] = (hop, role)
                        } else if seen.insert(other).inserted {
                            next.append(other)
                        }
                    }
                }
            }
            frontier = next.sorted()
            hop += 1
        }
        return rank.keys.sorted { a, b in
            let ra = rank[a]!, rb = rank[b]!
            return (ra.hop, ra.role, values[a], a) < (rb.hop, rb.role, values[b], b)
        }
    }

    // MARK: Witnesses

    /// Whether another assignment of the hidden cells, consistent with everything a reader
    /// knows, gives `h` a different value. A count its request counts pin to 0 (a month with no
    /// request has no resident) has nothing to hide.
    func hasWitness(_ h: Int, _ markers: [Marker?]) -> Bool {
        guard let marker = markers[h] else { return true }
        let r = range(h, marker)
        if r == 0...0 { return true }
        let v = values[h]
        var targets: [Int] = []
        var d = 1
        while targets.count < 4, d <= r.upperBound - r.lowerBound {
            for t in [v - d, v + d] where r.contains(t) { targets.append(t) }
            d += 1
        }
        for t in targets.prefix(4) {
            var changed: [Int: Int] = [h: t]
            var budget = Self.searchBudget
            if repair(&changed, markers, depth: 0, budget: &budget) { return true }
        }
        return false
    }

    /// Depth-first: finds the first relation the changes break and tries each single-cell
    /// repair of it on a hidden, not yet changed cell, within that cell's range.
    private func repair(_ changed: inout [Int: Int], _ markers: [Marker?], depth: Int, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        let current = { (c: Int) -> Int in changed[c] ?? values[c] }
        var broken: SuppressionRelation?
        find: for c in changed.keys.sorted() {
            for i in relationsOf[c] where !relations[i].holds(current) {
                broken = relations[i]
                break find
            }
        }
        guard let broken else { return true }
        guard depth < Self.maxDepth else { return false }
        for (cell, value) in broken.repairs(current) where changed[cell] == nil {
            guard let marker = markers[cell], range(cell, marker).contains(value) else { continue }
            changed[cell] = value
            if repair(&changed, markers, depth: depth + 1, budget: &budget) { return true }
            changed[cell] = nil
            if budget < 0 { return false }
        }
        return false
    }
}
