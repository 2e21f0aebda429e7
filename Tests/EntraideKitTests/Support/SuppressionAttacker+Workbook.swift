import Foundation
import SharedTestSupport
@testable import EntraideKit

/// Reading a workbook's cells into the attacker's variables and relations.
extension SuppressionAttacker {
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
        // The residents are in the second table (domains and residents), under the first, month for month.
        guard let h2 = requests.row(ofText: text.month, after: h) else { throw AttackError("no residents table") }
        let offset = h2 - h
        var months: [String: [Int]] = [:], totals: [String: Int] = [:]
        var r = h + 1, lastMonth = ""
        // A month is a date cell (a marked month too: its number format adds "(en cours)").
        while let cell = requests.string(SheetView.ref(r, 0)) ?? requests.month(SheetView.ref(r, 0)) {
            let isTotal = cell == text.wholePeriod
            let label = cell
            guard isTotal || Month(label) != nil else { break }
            let scope = isTotal ? "period" : label
            if !isTotal { lastMonth = label }
            scopes.append(scope)
            for key in residentKeys {
                let i = try v(requests, r + offset, column(requests, h2, catalogue[key].label(.column, .fr)), key, scope)
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
                // The network's distinct totals, under the rows: the summary's current figures again.
                if name == text.networkDistinct {
                    for key in ["residents.reached", "residents.helped"] {
                        _ = try v(associations, row, column(associations, ah, catalogue[key].label(.column, .fr)), key, current)
                    }
                    row += 1
                    continue
                }
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
}
