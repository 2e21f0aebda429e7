import Foundation

/// One indicator value as written out: an integer, a decimal number or null.
public enum IndicatorValue: Sendable, Equatable {
    case int(Int)
    case double(Double)
    case null

    init(_ v: Int?) { self = v.map { .int($0) } ?? .null }
    init(_ v: Double?) { self = v.map { .double($0) } ?? .null }

    /// Locale-independent, unrounded: integers as integers, decimals shortest-round-trip.
    public var jsonText: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return v.isFinite ? v.description : "null"
        case .null: return "null"
        }
    }
}

/// The kind of number an indicator is, for rounding it for reading.
public enum IndicatorKind: Sendable {
    case count, hours, share, decimal, euros
}

/// A flat indicator: its dotted key (`delays.match.median_hours`), labels and kind.
public struct IndicatorLine: Sendable {
    public var key: String
    public var labelFR: String
    public var labelEN: String
    public var kind: IndicatorKind
    public var value: @Sendable (PeriodIndicators) -> IndicatorValue

    public func label(english: Bool) -> String { english ? labelEN : labelFR }
}

extension IndicatorReport {
    /// Every indicator in the order of the JSON form, flattened to dotted keys.
    public func lines(settings: Settings) -> [IndicatorLine] {
        func line(_ key: String, _ fr: String, _ en: String, _ kind: IndicatorKind = .count,
                  _ value: @escaping @Sendable (PeriodIndicators) -> IndicatorValue) -> IndicatorLine {
            IndicatorLine(key: key, labelFR: fr, labelEN: en, kind: kind, value: value)
        }
        var out: [IndicatorLine] = [
            line("volunteers.registered", "Bénévoles inscrits", "Registered volunteers") { .int($0.volunteers.registered) },
            line("volunteers.active", "Bénévoles actifs", "Active volunteers") { .int($0.volunteers.active) },
            line("volunteers.new", "Nouveaux bénévoles", "New volunteers") { .int($0.volunteers.new) },
            line("volunteers.left", "Bénévoles partis", "Volunteers who left") { .int($0.volunteers.left) },
            line("requests.received", "Demandes reçues", "Requests received") { .int($0.requests.received) },
        ]
        let statusLabels: [(RequestStatus, String, String)] = [
            (.open, "en attente", "open"), (.matched, "mises en relation", "matched"), (.done, "réalisées", "done"),
            (.cancelled, "annulées", "cancelled"), (.unmet, "non pourvues", "unmet"),
        ]
        for (status, fr, en) in statusLabels {
            out.append(line("requests.\(status.rawValue)", "  dont \(fr)", "  of which \(en)") { .int($0.requests[status]) })
        }
        for code in domainCodes {
            let d = settings.domain(code)
            out.append(line("requests.by_domain.\(code)", "  \(d?.label ?? code)", "  \(d?.labelEN ?? code)") {
                .int($0.requests.byDomain[code] ?? 0)
            })
        }
        out += [
            line("residents.helped", "Habitants aidés", "Residents helped") { .int($0.residents.helped) },
            line("residents.new", "Nouveaux habitants", "New residents") { .int($0.residents.new) },
        ]
        let delayBlocks: [(String, String, String, @Sendable (PeriodIndicators) -> DelayStatistics)] = [
            ("match", "Délai de mise en relation", "Match delay", { $0.delays.match }),
            ("contact", "Délai de premier contact", "Contact delay", { $0.delays.contact }),
        ]
        for (key, fr, en, stats) in delayBlocks {
            out += [
                line("delays.\(key).count", "\(fr) (demandes)", "\(en) (requests)") { .int(stats($0).count) },
                line("delays.\(key).median_hours", "\(fr) (médiane, h)", "\(en) (median, h)", .hours) {
                    IndicatorValue(stats($0).medianHours) },
                line("delays.\(key).p90_hours", "\(fr) (P90, h)", "\(en) (P90, h)", .hours) {
                    IndicatorValue(stats($0).p90Hours) },
                line("delays.\(key).mean_hours", "\(fr) (moyenne, h)", "\(en) (mean, h)", .hours) {
                    IndicatorValue(stats($0).meanHours) },
                line("delays.\(key).within_48h_share", "\(fr) (part ≤ 48 h)", "\(en) (share ≤ 48 h)", .share) {
                    IndicatorValue(stats($0).within48hShare) },
                line("delays.\(key).excluded", "\(fr) (exclues, négatif)", "\(en) (excluded, negative)") {
                    .int(stats($0).excluded) },
            ]
        }
        out += [
            line("load.assignments", "Mises en relation", "Assignments") { .int($0.load.assignments) },
            line("load.threshold", "Seuil de sollicitation", "Load threshold") { .int($0.load.threshold) },
            line("load.over_threshold", "Bénévoles au-delà du seuil", "Volunteers over the threshold") {
                .int($0.load.overThreshold) },
            line("load.per_active_volunteer.mean", "Mises en relation par bénévole actif (moyenne)",
                 "Assignments per active volunteer (mean)", .decimal) { IndicatorValue($0.load.perActiveVolunteerMean) },
            line("load.per_active_volunteer.median", "Mises en relation par bénévole actif (médiane)",
                 "Assignments per active volunteer (median)", .decimal) {
                IndicatorValue($0.load.perActiveVolunteerMedian) },
            line("load.per_active_volunteer.max", "Mises en relation par bénévole actif (max)",
                 "Assignments per active volunteer (max)") { IndicatorValue($0.load.perActiveVolunteerMax) },
            line("hours.total", "Heures de bénévolat", "Volunteer hours", .hours) { .double($0.hours.total) },
            line("hours.valuation_eur", "Valorisation (€)", "Valuation (EUR)", .euros) {
                IndicatorValue($0.hours.valuationEUR) },
        ]
        return out
    }

    // MARK: JSON (SPEC §3.1)

    /// The JSON form of SPEC §3.1, in its key order, numbers unrounded.
    public func json() -> String {
        var s = "{\n"
        s += "  \"timezone\": \(Self.jsonString(timezone)),\n"
        s += "  \"from\": \"\(from)\", \"to\": \"\(to)\",\n"
        s += "  \"months\": ["
        for (i, m) in months.enumerated() {
            s += i == 0 ? "\n" : ",\n"
            s += "    { \"month\": \"\(m.month)\",\n" + periodBody(m.indicators, indent: "      ") + " }"
        }
        s += months.isEmpty ? "],\n" : "\n  ],\n"
        s += "  \"total\": {\n" + periodBody(total, indent: "    ") + " }\n"
        s += "}\n"
        return s
    }

    private func periodBody(_ p: PeriodIndicators, indent: String) -> String {
        func n(_ v: Int) -> String { String(v) }
        func d(_ v: Double?) -> String { IndicatorValue(v).jsonText }
        func i(_ v: Int?) -> String { IndicatorValue(v).jsonText }
        func delay(_ x: DelayStatistics) -> String {
            "{\"count\": \(x.count), \"median_hours\": \(d(x.medianHours)), \"p90_hours\": \(d(x.p90Hours)), "
                + "\"mean_hours\": \(d(x.meanHours)), \"within_48h_share\": \(d(x.within48hShare)), "
                + "\"excluded\": \(x.excluded)}"
        }
        let v = p.volunteers, r = p.requests, l = p.load
        let statuses = RequestStatus.allCases.map { "\"\($0.rawValue)\": \(r[$0])" }.joined(separator: ", ")
        let domains = domainCodes.map { "\(Self.jsonString($0)): \(r.byDomain[$0] ?? 0)" }.joined(separator: ", ")
        var lines: [String] = []
        lines.append("\"volunteers\": {\"registered\": \(v.registered), \"active\": \(v.active), "
            + "\"new\": \(v.new), \"left\": \(v.left)}")
        lines.append("\"requests\": {\"received\": \(r.received), \(statuses),\n\(indent)             "
            + "\"by_domain\": {\(domains)}}")
        lines.append("\"residents\": {\"helped\": \(p.residents.helped), \"new\": \(p.residents.new)}")
        lines.append("\"delays\": {\"match\":   \(delay(p.delays.match)),\n\(indent)           "
            + "\"contact\": \(delay(p.delays.contact))}")
        lines.append("\"load\": {\"assignments\": \(l.assignments), \"threshold\": \(l.threshold), "
            + "\"over_threshold\": \(l.overThreshold),\n\(indent)         \"per_active_volunteer\": "
            + "{\"mean\": \(d(l.perActiveVolunteerMean)), \"median\": \(d(l.perActiveVolunteerMedian)), "
            + "\"max\": \(i(l.perActiveVolunteerMax))}}")
        lines.append("\"hours\": {\"total\": \(d(p.hours.total)), \"valuation_eur\": \(d(p.hours.valuationEUR))}")
        return lines.map { indent + $0 }.joined(separator: ",\n")
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: CSV

    /// One row per month and indicator (`month,indicator,value`), then the whole period as
    /// `total`; values unrounded with a `.` decimal point, null as an empty cell.
    public func csv(settings: Settings) -> String {
        var s = "month,indicator,value\n"
        let lines = lines(settings: settings)
        let periods = months.map { ($0.month.description, $0.indicators) } + [("total", total)]
        for (name, p) in periods {
            for line in lines {
                let v = line.value(p)
                s += "\(name),\(line.key),\(v == .null ? "" : v.jsonText)\n"
            }
        }
        return s
    }

    // MARK: Terminal table

    /// Months as columns (then the whole period), indicators as rows, numbers rounded for reading.
    public func table(settings: Settings, english: Bool = false) -> String {
        let lines = lines(settings: settings)
        let totalTitle = english ? "Total" : "Total"
        var header = [english ? "Indicator" : "Indicateur"] + months.map { $0.month.description }
        if months.count > 1 { header.append(totalTitle) }
        var periods = months.map(\.indicators)
        if months.count > 1 { periods.append(total) }
        var rows = [header]
        for line in lines {
            rows.append([line.label(english: english)] + periods.map { Self.readable(line.value($0), line.kind, english) })
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        var s = ""
        if let association {
            s += (english ? "Association: " : "Association : ") + association + "\n"
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

    /// A value rounded for reading: counts as integers, hours and decimals to one decimal,
    /// shares as whole percentages, euros to the unit; `–` for null. French uses a decimal comma.
    static func readable(_ value: IndicatorValue, _ kind: IndicatorKind, _ english: Bool) -> String {
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
        case .count: return fixed(number, 0)
        case .hours, .decimal: return fixed(number, 1)
        case .share: return fixed(number * 100, 0) + (english ? "%" : " %")
        case .euros: return fixed(number, 0) + (english ? " EUR" : " €")
        }
    }
}
