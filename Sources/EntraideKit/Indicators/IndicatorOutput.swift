import Foundation

extension IndicatorReport {
    /// The catalogue of this report's indicators (its domains, its settings).
    public func catalogue(settings: Settings) -> IndicatorCatalogue {
        IndicatorCatalogue(settings: settings, domainCodes: domainCodes)
    }

    // MARK: JSON (docs/INDICATORS.md, "Output formats")

    /// The JSON form of docs/INDICATORS.md, in its key order, numbers unrounded: the catalogue's keys,
    /// nested by their dotted parts.
    public func json(settings: Settings) -> String {
        let tree = JSONTree(catalogue(settings: settings).indicators)
        var s = "{\n"
        s += "  \"timezone\": \(JSONString.literal(timezone)),\n"
        s += "  \"from\": \"\(from)\", \"to\": \"\(to)\",\n"
        s += "  \"coverage\": {\"first_month\": \(Self.json(coverage.firstMonth?.description)), "
            + "\"last_month\": \(Self.json(coverage.lastMonth?.description)), "
            + "\"as_of\": \(Self.json(coverage.asOf?.iso8601))},\n"
        s += "  \"months\": ["
        for (i, m) in months.enumerated() {
            s += i == 0 ? "\n" : ",\n"
            s += "    { \"month\": \"\(m.month)\", \"data\": \"\(m.indicators.data.rawValue)\",\n"
                + tree.body(m.indicators, indent: "      ") + " }"
        }
        s += months.isEmpty ? "],\n" : "\n  ],\n"
        s += "  \"total\": { \"data\": \"\(total.data.rawValue)\",\n" + tree.body(total, indent: "    ") + " }\n"
        s += "}\n"
        return s
    }

    private static func json(_ text: String?) -> String { text.map(JSONString.literal) ?? "null" }

    // MARK: CSV

    /// One row per month and indicator (`month,indicator,value`), then the whole period as
    /// `total`; values unrounded with a `.` decimal point, null as an empty cell. Each period
    /// starts with its `data` row (`complete`, `partial`, `none`); the first rows, under the
    /// month `coverage`, give the coverage (`first_month`, `last_month`, `as_of`).
    public func csv(settings: Settings) -> String {
        var s = "month,indicator,value\n"
        s += "coverage,first_month,\(coverage.firstMonth?.description ?? "")\n"
        s += "coverage,last_month,\(coverage.lastMonth?.description ?? "")\n"
        s += "coverage,as_of,\(coverage.asOf?.iso8601 ?? "")\n"
        let indicators = catalogue(settings: settings).indicators
        let periods = months.map { ($0.month.description, $0.indicators) } + [("total", total)]
        for (name, p) in periods {
            s += "\(name),data,\(p.data.rawValue)\n"
            for indicator in indicators {
                let v = indicator.value(p)
                s += "\(name),\(indicator.key),\(v == .null ? "" : v.jsonText)\n"
            }
        }
        return s
    }

    // MARK: Terminal table

    /// Months as columns (then the whole period), indicators as rows, numbers rounded for reading.
    public func table(settings: Settings, language: Language = .fr) -> String {
        let english = language == .en
        let indicators = catalogue(settings: settings).indicators
        var header = [english ? "Indicator" : "Indicateur"] + months.map { $0.month.description }
        if months.count > 1 { header.append("Total") }
        var periods = months.map(\.indicators)
        if months.count > 1 { periods.append(total) }
        var rows = [header]
        rows.append([english ? "Data" : "Données"] + periods.map { Self.dataText($0.data, language) })
        for indicator in indicators {
            let label = (indicator.isPart ? "  " : "") + indicator.label(.table, language)
            rows.append([label] + periods.map { Self.readable(indicator.value($0), indicator.kind, language) })
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        var s = ""
        if let association {
            s += (english ? "Association: " : "Association : ") + association + "\n"
        }
        s += coverageLine(language) + "\n"
        let running = months.filter { $0.indicators.data == .partial }.map(\.month)
        if let m = running.first, m == coverage.lastMonth {
            let n = months.first { $0.month == m }?.indicators.requests.inProgress ?? 0
            if n == 0 {
                s += english ? "\(m) is still running: its figures may change.\n"
                    : "\(m) n'est pas terminé : ses chiffres peuvent encore changer.\n"
            } else {
                s += english
                    ? "\(m) is still running: its figures may change (\(n) of its requests still in progress).\n"
                    : "\(m) n'est pas terminé : ses chiffres peuvent encore changer (\(n) de ses demandes encore en cours).\n"
            }
        }
        for (r, row) in rows.enumerated() {
            var cells: [String] = []
            for (c, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                cells.append(c == 0 ? cell + pad : pad + cell)
            }
            s += cells.joined(separator: "  ") + "\n"
            if r == 0 { s += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return s
    }

    /// `complete`, `partial`, `none` as the table writes them.
    static func dataText(_ data: DataStatus, _ language: Language) -> String {
        switch (data, language) {
        case (.complete, .en): return "complete"
        case (.partial, .en): return "partial"
        case (.none, .en): return "none"
        case (.complete, _): return "complètes"
        case (.partial, _): return "partielles"
        case (.none, _): return "aucune"
        }
    }

    /// "Data from 2025-09 to 2026-11, as of 2026-11-15 18:00" (or that there is none).
    func coverageLine(_ language: Language) -> String {
        let english = language == .en
        guard let first = coverage.firstMonth, let last = coverage.lastMonth, let asOf = coverage.asOf else {
            return english ? "No data in the database." : "Aucune donnée dans la base."
        }
        let iso = asOf.iso8601
        let at = String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5))
        return english ? "Data from \(first) to \(last), as of \(at)."
            : "Données de \(first) à \(last), arrêtées au \(at)."
    }

    /// A value rounded for reading: counts as integers, hours and decimals to one decimal,
    /// shares as whole percentages, euros to the unit; `–` for null. French uses a decimal comma.
    static func readable(_ value: IndicatorValue, _ kind: IndicatorKind, _ language: Language) -> String {
        let english = language == .en
        let number: Double
        switch value {
        case .null: return "–"
        case .int(let v): return String(v)
        case .double(let v): number = v
        }
        func fixed(_ x: Double, _ decimals: Int) -> String {
            let text = String(format: "%.\(decimals)f", locale: Locale(identifier: "en_US_POSIX"), x)
            return english ? text : text.replacingOccurrences(of: ".", with: ",")
        }
        switch kind {
        case .count, .residents: return fixed(number, 0)
        case .hours, .delay, .decimal: return fixed(number, 1)
        case .share: return fixed(number * 100, 0) + (english ? "%" : " %")
        case .euros: return fixed(number, 0) + (english ? " EUR" : " €")
        }
    }
}

/// The catalogue's keys as the nested objects of the JSON form, laid out as docs/INDICATORS.md shows
/// them: one line per family; in a family, its numbers first, then each nested object on a
/// line of its own, aligned after the family's brace (objects side by side get their keys
/// padded to one width).
private struct JSONTree {
    indirect enum Node {
        case value(Indicator)
        case object([(key: String, node: Node)])
    }

    let families: [(key: String, node: Node)]

    init(_ indicators: [Indicator]) {
        var root: [(key: String, node: Node)] = []
        for indicator in indicators { Self.insert(indicator, path: indicator.path[...], into: &root) }
        families = root
    }

    private static func insert(_ indicator: Indicator, path: ArraySlice<String>, into list: inout [(key: String, node: Node)]) {
        let key = path.first!
        if path.count == 1 {
            list.append((key, .value(indicator)))
            return
        }
        var children: [(key: String, node: Node)] = []
        let existing = list.lastIndex { $0.key == key }
        if let existing, case .object(let c) = list[existing].node { children = c }
        insert(indicator, path: path.dropFirst(), into: &children)
        if let existing { list[existing].node = .object(children) } else { list.append((key, .object(children))) }
    }

    func body(_ p: PeriodIndicators, indent: String) -> String {
        families.map { key, node in
            let opening = JSONString.literal(key) + ": {"
            return indent + opening + members(node, p, continuation: indent + String(repeating: " ", count: opening.count))
                + "}"
        }.joined(separator: ",\n")
    }

    private func members(_ node: Node, _ p: PeriodIndicators, continuation: String) -> String {
        guard case .object(let children) = node else { return "" }
        let values = children.filter { if case .value = $0.node { return true } else { return false } }
        let objects = children.filter { if case .object = $0.node { return true } else { return false } }
        // The family's numbers on its first line, then each nested object on a line of its own.
        var lines = values.isEmpty ? [] : [values.map { JSONString.literal($0.key) + ": " + inline($0.node, p) }
            .joined(separator: ", ")]
        let width = objects.map { JSONString.literal($0.key).count }.max() ?? 0
        for object in objects {
            let name = JSONString.literal(object.key) + ":"
            let pad = values.isEmpty && objects.count > 1 ? String(repeating: " ", count: width - name.count + 2) : " "
            lines.append(name + pad + inline(object.node, p))
        }
        return lines.joined(separator: ",\n" + continuation)
    }

    private func inline(_ node: Node, _ p: PeriodIndicators) -> String {
        switch node {
        case .value(let indicator): return indicator.value(p).jsonText
        case .object(let children):
            return "{" + children.map { JSONString.literal($0.key) + ": " + inline($0.node, p) }.joined(separator: ", ") + "}"
        }
    }
}
