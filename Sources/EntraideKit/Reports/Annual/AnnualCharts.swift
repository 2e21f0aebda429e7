import Foundation

/// The annual note's charts (docs/INDICATORS.md, "The annual report"): requests received per month
/// of the year (columns), requests by domain (bars), registered and active volunteers per month
/// (lines). Each is written beside the Markdown and inlined in the HTML.
struct AnnualCharts {
    struct Chart {
        var file: String
        var alt: String
        var svg: String
    }

    let data: AnnualReportData
    let language: Language
    let baseName: String

    var en: Bool { language == .en }

    func build() -> (requests: Chart?, domains: Chart?, volunteers: Chart?, files: [(fileName: String, svg: String)]) {
        guard data.current.data != .none else { return (nil, nil, nil, []) }
        // The axis names the year under its first month.
        let f = ReportFormatter(language: language)
        let year = String(data.year)
        let scope = "\n" + (data.association.map { en ? "Partner “\($0)”" : "Association « \($0) »" } ?? data.settings.networkName)
        let typo: (String) -> String = { Typography.apply($0, language) }
        let colon = en ? ": " : " : "
        let separator = en ? "; " : " ; "
        let tick: @Sendable (Double) -> String = { f.integer(Int($0.rounded())) }
        let catalogue = data.report.catalogue(settings: data.settings)
        func label(_ key: String, _ use: Indicator.LabelUse = .table) -> String { catalogue[key].label(use, language) }

        // Only the months the data covers: a month outside it has no figures, and a line
        // dropping to zero would read as a collapse (docs/INDICATORS.md, "Data coverage").
        let months = data.report.months.filter { data.coverage.data($0.month) != .none }
        let axis = months.enumerated().map { i, m in
            ChartMonthLabel(label: f.shortMonth(m.month), year: i == 0 ? year : nil)
        }
        let received = months.map { Double($0.indicators.requests.received) }
        let requestsTitle = typo(label("requests.received") + ", " + year + scope)
        let requests = SVGColumnChart(
            title: requestsTitle,
            description: typo(months.indices.map { i in
                f.monthName(months[i].month) + colon + f.integer(Int(received[i]))
            }.joined(separator: separator)),
            categories: axis, values: received,
            valueLabels: received.map { f.integer(Int($0)) },
            highlight: nil, axisTitle: en ? "Requests" : "Demandes", tickLabel: tick)

        let cur = data.current
        let codes = data.report.domainCodes
        let labels = codes.map { data.settings.domainLabel($0, language) }
        let counts = codes.map { cur.requests.byDomain[$0] ?? 0 }
        let shares = LargestRemainder.percentages(counts)
        let total = cur.requests.received
        let valueLabels = counts.indices.map { i in
            total > 0 ? "\(f.integer(counts[i])) (\(f.percentText(f.integer(shares[i]))))" : f.integer(counts[i])
        }
        let domainsTitle = typo((en ? "Requests by domain, " : "Demandes par domaine, ") + year + scope)
        let domains = SVGBarChart(
            title: domainsTitle,
            description: typo(zip(labels, valueLabels).map { "\($0)\(colon)\($1)" }.joined(separator: separator)),
            categories: labels, values: counts.map(Double.init), valueLabels: valueLabels,
            axisTitle: label("requests.received"), tickLabel: tick)

        let registered = months.map { Double($0.indicators.volunteers.registered) }
        let active = months.map { Double($0.indicators.volunteers.active) }
        let regName = label("volunteers.registered", .short), actName = label("volunteers.active", .short)
        let volunteersTitle = typo((en ? "Volunteers per month, " : "Bénévoles par mois, ") + year + scope)
        let volunteers = SVGLineChart(
            title: volunteersTitle,
            description: typo(months.indices.map { i in
                "\(f.monthName(months[i].month))\(colon)\(regName) \(f.integer(Int(registered[i]))), "
                    + "\(actName) \(f.integer(Int(active[i])))"
            }.joined(separator: separator)),
            categories: axis,
            series: [LineSeries(name: label("volunteers.registered"), values: registered),
                     LineSeries(name: label("volunteers.active"), values: active)],
            axisTitle: en ? "Volunteers" : "Bénévoles", tickLabel: tick, valueLabel: tick)

        let names = en ? ["requests", "domains", "volunteers"] : ["demandes", "domaines", "benevoles"]
        let one = " — "
        let charts = [
            Chart(file: baseName + "-" + names[0] + ".svg", alt: requestsTitle.replacingOccurrences(of: "\n", with: one), svg: requests.svg()),
            Chart(file: baseName + "-" + names[1] + ".svg", alt: domainsTitle.replacingOccurrences(of: "\n", with: one), svg: domains.svg()),
            Chart(file: baseName + "-" + names[2] + ".svg", alt: volunteersTitle.replacingOccurrences(of: "\n", with: one), svg: volunteers.svg()),
        ]
        return (charts[0], charts[1], charts[2], charts.map { ($0.file, $0.svg) })
    }
}
