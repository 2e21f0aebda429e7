import Foundation

/// The three charts of the monthly summary: requests per domain (bars), registered and active
/// volunteers over 12 months (lines), requests received over 12 months (columns).
struct SummaryCharts {
    let data: MonthlyReportData
    let language: Language
    let baseName: String

    var en: Bool { language == .en }

    func build() -> (context: [String: [String: Any]], files: [(fileName: String, svg: String)]) {
        let f = ReportFormatter(language: language)
        let month = f.monthName(data.month)
        // The second line of every title: the network, and the association a report is restricted to.
        let scope = "\n" + (data.association.map { en ? "Partner “\($0)”" : "Association « \($0) »" } ?? data.settings.networkName)
        let typo: (String) -> String = { Typography.apply($0, language) }
        let colon = en ? ": " : " : "
        let tick: @Sendable (Double) -> String = { f.integer(Int($0.rounded())) }

        let catalogue = IndicatorCatalogue(settings: data.settings, domainCodes: data.domainCodes)
        func label(_ key: String, _ use: Indicator.LabelUse = .table) -> String { catalogue[key].label(use, language) }

        // Domains.
        let cur = data.current
        let codes = data.domainCodes
        let labels = codes.map { data.settings.domainLabel($0, language) }
        let counts = codes.map { cur.requests.byDomain[$0] ?? 0 }
        let total = cur.requests.received
        // The same shares as the note's table: largest remainder, adding up to 100 %.
        let shares = LargestRemainder.percentages(counts)
        let valueLabels = counts.indices.map { i in
            total > 0 ? "\(f.integer(counts[i])) (\(f.percentText(f.integer(shares[i]))))" : f.integer(counts[i])
        }
        let domainsTitle = typo((en ? "Requests by domain, " : "Demandes par domaine, ") + month + scope)
        let domains = SVGBarChart(
            title: domainsTitle,
            description: typo(zip(labels, valueLabels).map { "\($0)\(colon)\($1)" }.joined(separator: en ? "; " : " ; ")),
            categories: labels, values: counts.map(Double.init), valueLabels: valueLabels,
            axisTitle: label("requests.received"), tickLabel: tick)

        // Trend axis.
        let months = data.trend.map(\.month)
        let axis = months.enumerated().map { i, m in
            ChartMonthLabel(label: f.shortMonth(m), year: i == 0 || m.month == 1 ? String(m.year) : nil)
        }
        let period = "\(f.monthName(months.first ?? data.month)) – \(month)"
        let shortPeriod = "\(f.shortMonth(months.first ?? data.month)) \((months.first ?? data.month).year) – \(f.shortMonth(data.month)) \(data.month.year)"
        // A month the data does not cover has no figures (docs/INDICATORS.md, "Data coverage and
        // the as-of instant"): its column reads "–" and the description says so.
        let covered = data.trend.map { $0.indicators.data != .none }
        let noData = en ? "no data" : "pas de données"

        let registered = data.trend.map { Double($0.indicators.volunteers.registered) }
        let active = data.trend.map { Double($0.indicators.volunteers.active) }
        let regName = label("volunteers.registered", .short), actName = label("volunteers.active", .short)
        let volunteers = SVGLineChart(
            title: typo((en ? "Volunteers, " : "Bénévoles, ") + shortPeriod + scope),
            description: typo(period + ". " + months.indices.map { i in
                "\(f.monthName(months[i]))\(colon)\(regName) \(f.integer(Int(registered[i]))), "
                    + (covered[i] ? "\(actName) \(f.integer(Int(active[i])))" : "\(actName) – (\(noData))")
            }.joined(separator: en ? "; " : " ; ")),
            categories: axis,
            series: [LineSeries(name: label("volunteers.registered"), values: registered),
                     LineSeries(name: label("volunteers.active"), values: active)],
            axisTitle: en ? "Volunteers" : "Bénévoles", tickLabel: tick, valueLabel: tick)

        let received = data.trend.map { Double($0.indicators.requests.received) }
        let requests = SVGColumnChart(
            title: typo(label("requests.received") + ", " + shortPeriod + scope),
            description: typo(period + ". " + months.indices.map { i in
                "\(f.monthName(months[i]))\(colon)" + (covered[i] ? f.integer(Int(received[i])) : "– (\(noData))")
            }.joined(separator: en ? "; " : " ; ")),
            categories: axis, values: received,
            valueLabels: received.indices.map { covered[$0] ? f.integer(Int(received[$0])) : "–" },
            highlight: months.count - 1,
            axisTitle: en ? "Requests" : "Demandes", tickLabel: tick)

        let names = en ? ["domains", "volunteers", "requests"] : ["domaines", "benevoles", "demandes"]
        let files = [
            (baseName + "-" + names[0] + ".svg", domains.svg()),
            (baseName + "-" + names[1] + ".svg", volunteers.svg()),
            (baseName + "-" + names[2] + ".svg", requests.svg()),
        ]
        let context: [String: [String: Any]] = [
            "domains": ["file": files[0].0, "alt": domainsTitle.replacingOccurrences(of: "\n", with: " — ")],
            "volunteers": ["file": files[1].0,
                           "alt": en ? "Registered and active volunteers, \(period)"
                                     : "Bénévoles inscrits et actifs, \(period)"],
            "requests": ["file": files[2].0,
                         "alt": label("requests.received") + ", \(period)"],
        ]
        return (context, files)
    }
}
