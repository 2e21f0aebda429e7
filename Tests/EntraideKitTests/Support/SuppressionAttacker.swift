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

    // MARK: Reading a workbook

    static let big = 100_000

    /// Adds (or finds) the variable `name` from a cell's shown text: a number is known, `< N`
    /// is 0 … N − 1, the withheld marker is N or more, an absent cell (or a figure the workbook
    /// does not show) is an unknown the relations still involve. Another text is an error.
    mutating func variable(_ name: String, number: Double?, string: String?, threshold n: Int, withheld: String) throws -> Int {
        var lo = 0, hi = Self.big, marker = false, shown = ""
        if let number {
            lo = Int(number); hi = lo; shown = "\(lo)"
        } else if let string, string == "< \(n)" {
            hi = n - 1; marker = true; shown = string
        } else if let string, string == withheld {
            lo = n; marker = true; shown = string
        } else if let string {
            throw AttackError("cell \(name) shows an unknown text \(string)")
        }
        let i: Int
        if let known = byName[name] {
            i = known
        } else {
            i = variables.count
            byName[name] = i
            variables.append(Variable(name: name, lo: 0, hi: Self.big, shown: "", hidden: false))
        }
        // The same figure shown twice: the attacker takes both views.
        variables[i].lo = max(variables[i].lo, lo)
        variables[i].hi = min(variables[i].hi, hi)
        if number != nil { variables[i].known = true }
        if marker { variables[i].marked = true }
        variables[i].hidden = variables[i].marked && !variables[i].known
        if !shown.isEmpty { variables[i].shown += (variables[i].shown.isEmpty ? "" : " / ") + shown }
        return i
    }

    /// Caps a resident count by a request count shown (each request has at most one resident).
    mutating func cap(_ i: Int, by requests: Double?) {
        guard let requests else { return }
        variables[i].hi = min(variables[i].hi, Int(requests))
        variables[i].cap = min(variables[i].cap, Int(requests))
        if requests == 0 { variables[i].noRequest = true }
    }

    /// The same workbook with every resident count hidden: the small ones `< N`, the others
    /// withheld (no change column then). What is pinned even so, the request counts shown
    /// beside the resident counts give away, and no choice of cells to hide can protect it.
    func maximallySuppressed(threshold n: Int) -> SuppressionAttacker {
        var a = self
        for i in a.variables.indices where a.variables[i].known {
            a.variables[i].lo = n
            a.variables[i].hi = max(n, a.variables[i].cap)
            a.variables[i].known = false
            a.variables[i].hidden = true
        }
        a.constraints = constraints.filter { if case .difference = $0 { return false } else { return true } }
        return a
    }

    /// No request received over the scope of `i`: its resident counts, 0, were never secret
    /// (nor is a count capped by a request count of 0: no request done, no resident helped).
    mutating func noRequest(_ i: Int, received: Double?) {
        if received == 0 { variables[i].noRequest = true }
    }

    struct AttackError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Reads a funder or monthly workbook in French: the summary, the requests sheet and the
    /// associations sheet, and states the relations of docs/INDICATORS.md between their counts.
    static func read(_ package: OOXMLPackage, threshold n: Int, funder: Bool) throws -> SuppressionAttacker {
        var a = SuppressionAttacker()
        let text = WorkbookText(language: .fr)
        let catalogue = IndicatorCatalogue(settings: Settings(), domainCodes: [])
        let residentKeys = ["residents.reached", "residents.helped", "residents.new"]
        /// The variable of `key` over `scope`, from the cell (`sheet`, `r`, `c`) when shown.
        func v(_ sheet: SheetView, _ r: Int, _ c: Int?, _ key: String, _ scope: String) throws -> Int {
            let ref = c.map { SheetView.ref(r, $0) }
            return try a.variable("\(key)@\(scope)", number: ref.flatMap(sheet.number), string: ref.flatMap(sheet.string),
                                  threshold: n, withheld: text.withheld)
        }
        func column(_ sheet: SheetView, _ header: Int, _ label: String) -> Int? {
            (0..<80).first { sheet.string(SheetView.ref(header, $0)) == label }
        }
        var scopes: [String] = []

        // Requests sheet: one row per month, then the whole period (funder).
        let requests = try package.sheet(text.requestsSheet)
        guard let h = requests.row(ofText: text.month) else { throw AttackError("no requests table") }
        let received = column(requests, h, catalogue["requests.received"].label(.column, .fr))
        let done = column(requests, h, catalogue["requests.done"].label(.column, .fr))
        var months: [String: [Int]] = [:], totals: [String: Int] = [:]
        var r = h + 1, lastMonth = ""
        while let label = requests.string(SheetView.ref(r, 0)) {
            let isTotal = label == text.wholePeriod
            guard isTotal || Month(label) != nil else { break }
            let scope = isTotal ? "period" : label
            if !isTotal { lastMonth = label }
            scopes.append(scope)
            for key in residentKeys {
                let i = try v(requests, r, column(requests, h, catalogue[key].label(.column, .fr)), key, scope)
                a.cap(i, by: (key == "residents.helped" ? done : received).flatMap { requests.number(SheetView.ref(r, $0)) })
                a.noRequest(i, received: received.flatMap { requests.number(SheetView.ref(r, $0)) })
                if isTotal { totals[key] = i } else { months[key, default: []].append(i) }
            }
            r += 1
        }
        let current = funder ? "period" : lastMonth
        if funder {
            for key in residentKeys {
                let total = try totals[key] ?? v(requests, 0, nil, key, "period")
                guard let parts = months[key], !parts.isEmpty else { continue }
                a.constraints.append(key == "residents.new" ? .sum(parts, total) : .distinct(parts, total))
            }
        }

        // Summary: the current column is the period (or the month), the other the previous one.
        let summary = try package.sheet(text.summarySheet)
        let previous = funder ? "previous" : (Month(lastMonth)?.adding(-1).description ?? "previous")
        if !scopes.contains(previous) { scopes.append(previous) }
        if !scopes.contains(current) { scopes.append(current) }
        let receivedRow = summary.row(ofText: catalogue["requests.received"].label(.headline, .fr))
        let doneRow = summary.row(ofText: catalogue["requests.done"].label(.headline, .fr))
        for key in residentKeys {
            let row = summary.row(ofText: catalogue[key].label(.headline, .fr))
            let now = try v(summary, row ?? 0, row.map { _ in 1 }, key, current)
            let before = try v(summary, row ?? 0, row.map { _ in 2 }, key, previous)
            for (i, col) in [(now, 1), (before, 2)] {
                let capRow = key == "residents.helped" ? doneRow : receivedRow
                a.cap(i, by: capRow.flatMap { summary.number(SheetView.ref($0, col)) })
                a.noRequest(i, received: receivedRow.flatMap { summary.number(SheetView.ref($0, col)) })
            }
            if let row, let d = summary.number(SheetView.ref(row, 3)) {
                a.constraints.append(.difference(now, before, Int(d)))
            }
        }

        // Associations: distinct counts over the associations lie within the network's.
        let associations = try package.sheet(text.associationsSheet)
        if let ah = associations.row(ofText: text.association) {
            let requestsCol = column(associations, ah, catalogue["requests.received"].label(.column, .fr))
            var parts: [String: [Int]] = [:]
            var row = ah + 1
            while let name = associations.string(SheetView.ref(row, 0)) {
                let scope = "association:" + name
                scopes.append(scope)
                for key in ["residents.reached", "residents.helped"] {
                    let i = try v(associations, row, column(associations, ah, catalogue[key].label(.column, .fr)), key, scope)
                    a.cap(i, by: requestsCol.flatMap { associations.number(SheetView.ref(row, $0)) })
                    a.noRequest(i, received: requestsCol.flatMap { associations.number(SheetView.ref(row, $0)) })
                    parts[key, default: []].append(i)
                }
                row += 1
            }
            for (key, list) in parts.sorted(by: { $0.key < $1.key }) {
                a.constraints.append(.distinct(list, try v(summary, 0, nil, key, current)))
            }
        }

        // Within one scope: reached ≥ helped, reached ≥ new.
        for scope in scopes {
            guard let reached = a.byName["residents.reached@\(scope)"] else { continue }
            for key in ["residents.helped", "residents.new"] {
                if let other = a.byName["\(key)@\(scope)"] { a.constraints.append(.atLeast(reached, other)) }
            }
        }
        return a
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
