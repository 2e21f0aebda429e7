import Foundation

/// The three charts of the monthly summary: requests per domain (bars), registered and active
/// volunteers over 12 months (lines), requests received over 12 months (columns).
struct SummaryCharts {
    let data: MonthlyReportData
    let language: ReportLanguage
    let baseName: String

    var en: Bool { language == .en }

    func build() -> (context: [String: [String: Any]], files: [(fileName: String, svg: String)]) {
        let f = ReportFormatter(language: language)
        let month = f.monthName(data.month)
        let scope = data.association.map { en ? " — “\($0)”" : " — « \($0) »" } ?? ""
        let tick: @Sendable (Double) -> String = { f.integer(Int($0.rounded())) }

        // Domains.
        let cur = data.current
        var codes = data.settings.domainCodes
        for code in cur.requests.byDomain.keys.sorted() where !codes.contains(code) { codes.append(code) }
        let labels = codes.map { code in
            (en ? data.settings.domain(code)?.labelEN : data.settings.domain(code)?.label) ?? code
        }
        let counts = codes.map { cur.requests.byDomain[$0] ?? 0 }
        let total = cur.requests.received
        let valueLabels = counts.map { c in
            total > 0 ? "\(f.integer(c)) (\(f.percent(Double(c) / Double(total))))" : f.integer(c)
        }
        let domainsTitle = (en ? "Requests by domain, " : "Demandes par domaine, ") + month + scope
        let domains = SVGBarChart(
            title: domainsTitle,
            description: zip(labels, valueLabels).map { "\($0): \($1)" }.joined(separator: "; "),
            categories: labels, values: counts.map(Double.init), valueLabels: valueLabels,
            axisTitle: en ? "Requests received" : "Demandes reçues", tickLabel: tick)

        // Trend axis.
        let months = data.trend.map(\.month)
        let axis = months.enumerated().map { i, m in
            ChartMonthLabel(label: f.shortMonth(m), year: i == 0 || m.month == 1 ? String(m.year) : nil)
        }
        let period = "\(f.monthName(months.first ?? data.month)) – \(month)"

        let registered = data.trend.map { Double($0.indicators.volunteers.registered) }
        let active = data.trend.map { Double($0.indicators.volunteers.active) }
        let regName = en ? "Registered" : "Inscrits", actName = en ? "Active" : "Actifs"
        let volunteers = SVGLineChart(
            title: (en ? "Volunteers over 12 months" : "Bénévoles sur douze mois") + scope,
            description: period + ". " + zip(months, zip(registered, active)).map {
                "\(f.monthName($0)): \(regName) \(f.integer(Int($1.0))), \(actName) \(f.integer(Int($1.1)))"
            }.joined(separator: "; "),
            categories: axis,
            series: [LineSeries(name: en ? "Registered volunteers" : "Bénévoles inscrits", values: registered),
                     LineSeries(name: en ? "Active volunteers" : "Bénévoles actifs", values: active)],
            axisTitle: en ? "Volunteers" : "Bénévoles", tickLabel: tick, valueLabel: tick)

        let received = data.trend.map { Double($0.indicators.requests.received) }
        let requests = SVGColumnChart(
            title: (en ? "Requests received over 12 months" : "Demandes reçues sur douze mois") + scope,
            description: period + ". " + zip(months, received).map { "\(f.monthName($0)): \(f.integer(Int($1)))" }
                .joined(separator: "; "),
            categories: axis, values: received, valueLabels: received.map { f.integer(Int($0)) },
            highlight: months.count - 1,
            axisTitle: en ? "Requests" : "Demandes", tickLabel: tick)

        let names = en ? ["domains", "volunteers", "requests"] : ["domaines", "benevoles", "demandes"]
        let files = [
            (baseName + "-" + names[0] + ".svg", domains.svg()),
            (baseName + "-" + names[1] + ".svg", volunteers.svg()),
            (baseName + "-" + names[2] + ".svg", requests.svg()),
        ]
        let context: [String: [String: Any]] = [
            "domains": ["file": files[0].0, "alt": domainsTitle],
            "volunteers": ["file": files[1].0,
                           "alt": en ? "Registered and active volunteers, \(period)"
                                     : "Bénévoles inscrits et actifs, \(period)"],
            "requests": ["file": files[2].0,
                         "alt": en ? "Requests received, \(period)" : "Demandes reçues, \(period)"],
        ]
        return (context, files)
    }
}
