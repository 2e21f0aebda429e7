import Foundation

/// Builds the values the Mustache template of the monthly summary receives (documented in
/// `reports/README.md`): every number already written for reading in the report's language,
/// the tables as lists of rows, the lead paragraph, the alerts and the charts' file names.
/// Absent optional blocks are `false`, so `{{#block}}…{{/block}}` skips them.
///
/// What may be compared, and how the running month is said, is in `SummaryContext+Comparison`;
/// the lead in `+Lead`, the alerts in `+Alerts` (docs/INDICATORS.md, "The monthly note and the workbooks").
struct SummaryContext {
    let data: MonthlyReportData
    let language: Language
    let f: ReportFormatter
    let charts: [String: [String: Any]]
    let catalogue: IndicatorCatalogue

    init(data: MonthlyReportData, language: Language, charts: [String: [String: Any]]) {
        self.data = data
        self.language = language
        self.f = ReportFormatter(language: language)
        self.charts = charts
        self.catalogue = IndicatorCatalogue(settings: data.settings, domainCodes: data.domainCodes)
    }

    var en: Bool { language == .en }
    var cur: PeriodIndicators { data.current }
    var prev: PeriodIndicators { data.previous }
    /// The month is over by the report's clock (its reference time is the month's end).
    var monthComplete: Bool { data.reference >= data.settings.makeClock().start(of: data.month.adding(1)) }

    /// Every variable name a template may use, at any depth (checked against the template and
    /// documented in reports/README.md).
    static let variableNames: Set<String> = [
        "lang", "network", "title", "association", "month", "previous_month", "code", "name", "name_only",
        "month_complete", "reference_date", "lead", "lead_sentences", "text",
        "data", "status_note", "comparable", "running", "in_progress", "as_of", "first_month", "months", "new_residents_note",
        "headline", "label", "current", "previous", "change", "headline_notes",
        "domains", "count", "share", "domains_total",
        "delays", "match", "contact", "median", "p90", "within_48h", "within_target", "unanswered", "delay_rows",
        "working", "target_hours", "current_working", "previous_working", "group", "methods", "valuation_note",
        "load", "assignments", "active", "mean", "max", "threshold", "over_threshold", "load_rows",
        "alerts", "waiting", "days", "oldest_days", "oldest_received", "has_alerts", "alert_lines",
        "stale", "associations",
        "charts", "volunteers", "requests", "file", "alt",
        "trend", "registered", "received",
        "settings", "timezone", "overload_threshold", "wait_alert_days", "stale_after_days", "response_target_hours",
        "working_target_hours", "hourly_rate", "coverage",
    ]

    func build() -> [String: Any] {
        var c: [String: Any] = [:]
        c["lang"] = language.rawValue
        c["network"] = data.settings.networkName
        c["title"] = title
        c["association"] = data.association.map { $0 as Any } ?? false
        c["month"] = monthValue(data.month)
        c["previous_month"] = monthValue(data.previousMonth)
        c["month_complete"] = monthComplete
        c["reference_date"] = referenceDate
        c["data"] = cur.data.rawValue
        c["comparable"] = comparable
        c["running"] = running ? ["as_of": runningDate, "in_progress": f.integer(cur.requests.inProgress)] as [String: Any] : false
        c["status_note"] = statusNote.map { ["text": $0] as Any } ?? false
        c["coverage"] = coverageValue()
        let sentences = leadSentences()
        c["lead"] = sentences.joined(separator: " ")
        c["lead_sentences"] = sentences.map { ["text": $0] }
        let notes = tableNotes
        c["headline"] = headline(notes)
        c["headline_notes"] = notes.texts.map { ["text": $0] }
        c["new_residents_note"] = notes.newResidents.map { ["text": $0.text] as Any } ?? false
        let (domains, total) = domainRows()
        c["domains"] = domains
        c["domains_total"] = total
        c["delays"] = ["match": delayValue(\.match), "contact": delayValue(\.contact)]
        c["methods"] = methods()
        c["valuation_note"] = valuationNote
        c["delay_rows"] = delayRows()
        c["load"] = loadValue(cur, shown: cur.data != .none)
            .merging(["previous": loadValue(prev, shown: comparable)]) { a, _ in a }
        c["load_rows"] = loadRows()
        let alerts = alertValues()
        c["alerts"] = ["over_threshold": alerts.over, "waiting": alerts.waiting, "stale": alerts.stale]
        c["has_alerts"] = !alerts.lines.isEmpty
        c["alert_lines"] = alerts.lines.map { ["text": $0] }
        c["charts"] = charts
        c["trend"] = data.trend.map { m -> [String: Any] in
            ["month": monthValue(m.month), "registered": f.integer(m.indicators.volunteers.registered),
             "active": f.integer(m.indicators.volunteers.active), "received": f.integer(m.indicators.requests.received),
             "data": m.indicators.data.rawValue]
        }
        c["settings"] = [
            "timezone": data.settings.timezone,
            "overload_threshold": f.integer(data.settings.overloadThreshold),
            "wait_alert_days": f.integer(data.settings.waitAlertDays),
            "stale_after_days": f.integer(data.settings.staleAfterDays),
            "response_target_hours": f.integer(data.settings.responseTargetHours),
            "working_target_hours": f.integer(data.settings.calendar.targetHours),
            // The rate in force over the month (dated rates, per domain: docs/INDICATORS.md, "Valuation").
            "hourly_rate": data.settings.ratesInForceText(from: data.month, to: data.month, language).map { $0 as Any } ?? false,
        ] as [String: Any]
        return en ? c : Typography.frenchValues(c) as? [String: Any] ?? c
    }


    // MARK: Pieces

    var title: String {
        let base = en ? "\(data.settings.networkName) — monthly report, \(f.monthName(data.month))"
            : "\(data.settings.networkName) — rapport mensuel, \(f.monthName(data.month))"
        guard let a = data.association else { return base }
        return base + (en ? " — partner “\(a)”" : " — association « \(a) »")
    }

    func monthValue(_ m: Month) -> [String: Any] {
        ["code": m.description, "name": f.monthName(m), "name_only": f.monthOnly(m)]
    }

    /// The day the figures stop at: the month's last day, or today for a month in progress.
    var referenceDate: String {
        let clock = data.settings.makeClock()
        return f.date(clock.timestamp(utc: data.reference.utc - 1))
    }


    func row(_ label: String, _ c: String, _ p: String, _ change: String? = nil) -> [String: Any] {
        var r: [String: Any] = ["label": label, "current": c, "previous": p]
        r["change"] = change ?? ""
        return r
    }

    /// A row of the note's tables: the indicator `key` this month and the month before. The
    /// month before reads `–` when it may not be compared (`comparable`), and so does the month
    /// itself when the data does not cover it; `marker` is a footnote's number after the label.
    func indicatorRow(_ key: String, withChange: Bool, marker: String = "", noChange: Bool = false) -> [String: Any] {
        let indicator = catalogue[key]
        let c = indicator.value(cur), p = indicator.value(prev)
        let current = cur.data == .none ? "–" : f.value(c, indicator.kind)
        let previous = comparable ? f.value(p, indicator.kind) : "–"
        let changeText = comparable && !noChange ? change(c, p, indicator.kind) : "–"
        return row(indicator.label(.note, language) + marker, current, previous, withChange ? changeText : nil)
    }

    /// The headline table: requests and their outcomes, residents, volunteers, hours.
    func headline(_ notes: SummaryTableNotes) -> [[String: Any]] {
        var rows = ["requests.received", "requests.done", "requests.unmet", "requests.cancelled",
                    "requests.matched_share", "requests.done_share"].map { key in
            indicatorRow(key, withChange: true, marker: SummaryTableNotes.runningKeys.contains(key) ? notes.runningMarker : "")
        }
        rows.append(indicatorRow("residents.reached", withChange: true))
        rows.append(indicatorRow("residents.new", withChange: true, marker: notes.newResidents?.marker ?? "",
                                 noChange: notes.newResidents != nil))
        rows.append(indicatorRow("residents.helped", withChange: true, marker: notes.runningMarker))
        rows += ["volunteers.registered", "volunteers.active", "volunteers.new", "volunteers.left", "hours.total"].map {
            indicatorRow($0, withChange: true)
        }
        if cur.hours.valuationEUR != nil, prev.hours.valuationEUR != nil {
            rows.append(indicatorRow("hours.valuation_eur", withChange: true))
        }
        return rows
    }

    func domainLabel(_ code: String) -> String { data.settings.domainLabel(code, language) }

    var domainCodes: [String] { data.domainCodes }

    /// The domains table: shares by largest remainder, so the printed shares add up to 100 %.
    func domainRows() -> ([[String: Any]], [String: Any]) {
        let total = cur.requests.received, prevTotal = prev.requests.received
        let counts = domainCodes.map { cur.requests.byDomain[$0] ?? 0 }
        let shares = LargestRemainder.percentages(counts)
        let shown = cur.data != .none
        let rows = domainCodes.enumerated().map { i, code -> [String: Any] in
            let c = counts[i], p = prev.requests.byDomain[code] ?? 0
            var r = row(domainLabel(code), shown ? f.integer(c) : "–", comparable ? f.integer(p) : "–",
                        comparable ? countChange(c, p) : "–")
            r["code"] = code
            r["count"] = shown ? f.integer(c) : "–"
            r["share"] = shown && total > 0 ? f.percentText(f.integer(shares[i])) : "–"
            return r
        }
        let t: [String: Any] = ["label": "Total", "count": shown ? f.integer(total) : "–",
                                "share": shown && total > 0 ? f.percent(1) : "–", "current": shown ? f.integer(total) : "–",
                                "previous": comparable ? f.integer(prevTotal) : "–",
                                "change": comparable ? countChange(total, prevTotal) : "–"]
        return (rows, t)
    }

    func delayNumbers(_ s: DelayStatistics, shown: Bool) -> [String: Any] {
        guard shown else {
            return ["count": "–", "median": "–", "p90": "–", "within_48h": "–", "within_target": "–", "unanswered": "–"]
        }
        let within = s.withinTargetShare.map(f.percent) ?? "–"
        return ["count": f.integer(s.count), "median": s.medianHours.map(f.hours) ?? "–",
                "p90": s.p90Hours.map(f.hours) ?? "–", "within_48h": within, "within_target": within,
                "unanswered": f.integer(s.unanswered)]
    }

    func delayValue(_ key: KeyPath<DelayIndicators, DelayStatistics>) -> [String: Any] {
        let c = cur.delays[keyPath: key], p = prev.delays[keyPath: key]
        var previous = delayNumbers(p, shown: comparable)
        previous["working"] = workingNumbers(p.working, shown: comparable)
        return delayNumbers(c, shown: cur.data != .none)
            .merging(["previous": previous, "working": workingNumbers(c.working, shown: cur.data != .none)]) { a, _ in a }
    }

    /// The load figures of a month; `–` when it is not shown (no data, or not comparable), the
    /// threshold aside (a setting, not a figure).
    func loadValue(_ p: PeriodIndicators, shown: Bool) -> [String: Any] {
        guard shown else {
            return ["assignments": "–", "active": "–", "mean": "–", "median": "–", "max": "–",
                    "threshold": f.integer(p.load.threshold), "over_threshold": "–"]
        }
        return ["assignments": f.integer(p.load.assignments), "active": f.integer(p.volunteers.active),
         "mean": p.load.perActiveVolunteerMean.map { f.decimal($0) } ?? "–",
         "median": p.load.perActiveVolunteerMedian.map { f.decimal($0) } ?? "–",
         "max": p.load.perActiveVolunteerMax.map(f.integer) ?? "–",
         "threshold": f.integer(p.load.threshold), "over_threshold": f.integer(p.load.overThreshold)]
    }

    func loadRows() -> [[String: Any]] {
        ["load.assignments", "volunteers.active", "load.per_active_volunteer.mean", "load.per_active_volunteer.median",
         "load.per_active_volunteer.max", "load.over_threshold"].map { indicatorRow($0, withChange: false) }
    }
}
