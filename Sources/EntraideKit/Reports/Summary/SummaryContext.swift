import Foundation

/// Builds the values the Mustache template of the monthly summary receives (documented in
/// `reports/README.md`): every number already written for reading in the report's language,
/// the tables as lists of rows, the lead paragraph, the alerts and the charts' file names.
/// Absent optional blocks are `false`, so `{{#block}}…{{/block}}` skips them.
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
    var monthComplete: Bool { data.reference >= data.settings.makeClock().start(of: data.month.adding(1)) }

    /// Every variable name a template may use, at any depth (checked against the template and
    /// documented in reports/README.md).
    static let variableNames: Set<String> = [
        "lang", "network", "title", "association", "month", "previous_month", "code", "name", "name_only",
        "month_complete", "reference_date", "lead", "lead_sentences", "text",
        "headline", "label", "current", "previous", "change",
        "domains", "count", "share", "domains_total",
        "delays", "match", "contact", "median", "p90", "within_48h", "delay_rows",
        "load", "assignments", "active", "mean", "max", "threshold", "over_threshold", "load_rows",
        "alerts", "waiting", "days", "oldest_days", "oldest_received", "has_alerts", "alert_lines",
        "charts", "volunteers", "requests", "file", "alt",
        "trend", "registered", "received",
        "settings", "timezone", "overload_threshold", "wait_alert_days", "hourly_rate",
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
        let sentences = leadSentences()
        c["lead"] = sentences.joined(separator: " ")
        c["lead_sentences"] = sentences.map { ["text": $0] }
        c["headline"] = headline()
        let (domains, total) = domainRows()
        c["domains"] = domains
        c["domains_total"] = total
        c["delays"] = ["match": delayValue(\.match), "contact": delayValue(\.contact)]
        c["delay_rows"] = delayRows()
        c["load"] = loadValue(cur).merging(["previous": loadValue(prev)]) { a, _ in a }
        c["load_rows"] = loadRows()
        let alerts = alertValues()
        c["alerts"] = ["over_threshold": alerts.over, "waiting": alerts.waiting]
        c["has_alerts"] = !alerts.lines.isEmpty
        c["alert_lines"] = alerts.lines.map { ["text": $0] }
        c["charts"] = charts
        c["trend"] = data.trend.map { m -> [String: Any] in
            ["month": monthValue(m.month), "registered": f.integer(m.indicators.volunteers.registered),
             "active": f.integer(m.indicators.volunteers.active), "received": f.integer(m.indicators.requests.received)]
        }
        c["settings"] = [
            "timezone": data.settings.timezone,
            "overload_threshold": f.integer(data.settings.overloadThreshold),
            "wait_alert_days": f.integer(data.settings.waitAlertDays),
            "hourly_rate": data.settings.hourlyRateEUR.map { rateText($0) as Any } ?? false,
        ] as [String: Any]
        return en ? c : Self.frenchSpacing(c) as? [String: Any] ?? c
    }

    /// French typography: a no-break space before `:` and `;` and inside « ».
    static func frenchSpacing(_ value: Any) -> Any {
        switch value {
        case let s as String:
            return s.replacingOccurrences(of: " :", with: "\u{00A0}:").replacingOccurrences(of: " ;", with: "\u{00A0};")
                .replacingOccurrences(of: "« ", with: "«\u{00A0}").replacingOccurrences(of: " »", with: "\u{00A0}»")
        case let d as [String: Any]:
            return d.mapValues(frenchSpacing)
        case let a as [[String: Any]]:
            return a.map { $0.mapValues(frenchSpacing) }
        case let a as [Any]:
            return a.map(frenchSpacing)
        default:
            return value
        }
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

    func rateText(_ rate: Double) -> String {
        let r = rate == rate.rounded() ? f.decimal(rate, 0) : f.decimal(rate, 2)
        return en ? "€" + r + " an hour" : r + ReportFormatter.nbsp + "€ de l'heure"
    }

    /// `+9 (+8 %)`, `+9` when the previous value is 0, `0` when unchanged.
    func countChange(_ c: Int, _ p: Int) -> String {
        let delta = f.signedInteger(c - p)
        guard c != p, let rel = f.relativeChange(Double(c), Double(p)) else { return delta }
        return "\(delta) (\(rel))"
    }

    func hoursChange(_ c: Double, _ p: Double) -> String {
        let delta = f.signedDecimal(c - p) + ReportFormatter.nbsp + "h"
        guard let rel = f.relativeChange(c, p), c != p else { return delta }
        return "\(delta) (\(rel))"
    }

    func euroChange(_ c: Double, _ p: Double) -> String {
        let d = (c - p).rounded(.toNearestOrAwayFromZero)
        let delta = (d > 0 ? "+" : d < 0 ? f.minus : "") + f.euros(abs(d))
        guard let rel = f.relativeChange(c, p), c != p else { return delta }
        return "\(delta) (\(rel))"
    }

    func row(_ label: String, _ c: String, _ p: String, _ change: String? = nil) -> [String: Any] {
        var r: [String: Any] = ["label": label, "current": c, "previous": p]
        r["change"] = change ?? ""
        return r
    }

    /// The change column of a row: counts and hours with their relative change, euros rounded.
    func change(_ c: IndicatorValue, _ p: IndicatorValue, _ kind: IndicatorKind) -> String {
        guard let cv = c.number, let pv = p.number else { return "" }
        switch kind {
        case .count, .residents: return countChange(Int(cv), Int(pv))
        case .hours: return hoursChange(cv, pv)
        case .euros: return euroChange(cv, pv)
        case .delay, .share, .decimal: return ""
        }
    }

    /// A row of the note's tables: the indicator `key` this month and the month before.
    func indicatorRow(_ key: String, withChange: Bool) -> [String: Any] {
        let indicator = catalogue[key]
        let c = indicator.value(cur), p = indicator.value(prev)
        return row(indicator.label(.note, language), f.value(c, indicator.kind), f.value(p, indicator.kind),
                   withChange ? change(c, p, indicator.kind) : nil)
    }

    func headline() -> [[String: Any]] {
        var keys = ["requests.received", "requests.done", "requests.unmet", "residents.helped", "residents.new",
                    "volunteers.registered", "volunteers.active", "volunteers.new", "volunteers.left", "hours.total"]
        if cur.hours.valuationEUR != nil, prev.hours.valuationEUR != nil { keys.append("hours.valuation_eur") }
        return keys.map { indicatorRow($0, withChange: true) }
    }

    func domainLabel(_ code: String) -> String { data.settings.domainLabel(code, language) }

    var domainCodes: [String] { data.domainCodes }

    func shareText(_ part: Int, of total: Int) -> String {
        total > 0 ? f.percent(Double(part) / Double(total)) : "–"
    }

    func domainRows() -> ([[String: Any]], [String: Any]) {
        let total = cur.requests.received, prevTotal = prev.requests.received
        let rows = domainCodes.map { code -> [String: Any] in
            let c = cur.requests.byDomain[code] ?? 0, p = prev.requests.byDomain[code] ?? 0
            var r = row(domainLabel(code), f.integer(c), f.integer(p), countChange(c, p))
            r["code"] = code
            r["count"] = f.integer(c)
            r["share"] = shareText(c, of: total)
            return r
        }
        let t: [String: Any] = ["label": en ? "Total" : "Total", "count": f.integer(total),
                                "share": total > 0 ? f.percent(1) : "–", "current": f.integer(total),
                                "previous": f.integer(prevTotal), "change": countChange(total, prevTotal)]
        return (rows, t)
    }

    func delayNumbers(_ s: DelayStatistics) -> [String: Any] {
        ["count": f.integer(s.count), "median": s.medianHours.map(f.hours) ?? "–",
         "p90": s.p90Hours.map(f.hours) ?? "–", "within_48h": s.withinTargetShare.map(f.percent) ?? "–"]
    }

    func delayValue(_ key: KeyPath<DelayIndicators, DelayStatistics>) -> [String: Any] {
        delayNumbers(cur.delays[keyPath: key]).merging(["previous": delayNumbers(prev.delays[keyPath: key])]) { a, _ in a }
    }

    func delayRows() -> [[String: Any]] {
        ["match", "contact"].flatMap { block in
            ["median_hours", "p90_hours", "within_target_share", "count"].map {
                indicatorRow("delays.\(block).\($0)", withChange: false)
            }
        }
    }

    func loadValue(_ p: PeriodIndicators) -> [String: Any] {
        ["assignments": f.integer(p.load.assignments), "active": f.integer(p.volunteers.active),
         "mean": p.load.perActiveVolunteerMean.map { f.decimal($0) } ?? "–",
         "median": p.load.perActiveVolunteerMedian.map { f.decimal($0) } ?? "–",
         "max": p.load.perActiveVolunteerMax.map(f.integer) ?? "–",
         "threshold": f.integer(p.load.threshold), "over_threshold": f.integer(p.load.overThreshold)]
    }

    func loadRows() -> [[String: Any]] {
        ["load.assignments", "volunteers.active", "load.per_active_volunteer.mean", "load.per_active_volunteer.median",
         "load.per_active_volunteer.max", "load.over_threshold"].map { indicatorRow($0, withChange: false) }
    }

    // MARK: Alerts

    func plural(_ n: Int, _ one: String, _ many: String) -> String {
        let singular = en ? n == 1 : n <= 1
        return f.integer(n) + " " + (singular ? one : many)
    }

    func alertValues() -> (over: Any, waiting: Any, lines: [String]) {
        var lines: [String] = []
        var over: Any = false, waiting: Any = false
        let n = cur.load.overThreshold, threshold = cur.load.threshold
        if n > 0 {
            let text = en
                ? "\(plural(n, "volunteer", "volunteers")) had more than \(f.integer(threshold)) assignments in "
                    + "\(f.monthName(data.month)) (the load threshold). Consider sharing requests more widely."
                : "\(plural(n, "bénévole a eu", "bénévoles ont eu")) plus de \(f.integer(threshold)) mises en relation "
                    + "en \(f.monthName(data.month)) (seuil de sollicitation). Pensez à mieux répartir les demandes."
            over = ["count": f.integer(n), "threshold": f.integer(threshold), "text": text] as [String: Any]
            lines.append(text)
        }
        if let oldest = data.waiting.first {
            let count = data.waiting.count, days = data.settings.waitAlertDays
            let oldestDays = Int(oldest.daysWaiting.rounded(.down))
            let received = f.date(oldest.receivedAt)
            let text: String
            if en {
                let when = monthComplete ? "At the end of the month, " : "On \(referenceDate), "
                text = when + "\(plural(count, "request", "requests")) \(count == 1 ? "had" : "had") been waiting for a "
                    + "volunteer for more than \(plural(days, "day", "days")); the oldest for "
                    + "\(plural(oldestDays, "day", "days")) (received on \(received))."
            } else {
                let when = monthComplete ? "À la fin du mois, " : "Au \(referenceDate), "
                text = when + "\(plural(count, "demande attendait", "demandes attendaient")) un bénévole depuis plus de "
                    + "\(plural(days, "jour", "jours")) ; la plus ancienne depuis \(plural(oldestDays, "jour", "jours")) "
                    + "(reçue le \(received))."
            }
            waiting = ["count": f.integer(count), "days": f.integer(days), "oldest_days": f.integer(oldestDays),
                       "oldest_received": received, "text": text] as [String: Any]
            lines.append(text)
        }
        return (over, waiting, lines)
    }

    // MARK: Lead

    /// "en septembre" / "in September", with the year when it differs from the report month's.
    func inPrevious() -> String {
        let p = data.previousMonth
        let name = p.year == data.month.year ? f.monthOnly(p) : f.monthName(p)
        return en ? "in \(name)" : "en \(name)"
    }

    func leadSentences() -> [String] {
        var out: [String] = []
        let c = cur.requests.received, p = prev.requests.received
        let opening: String
        if en {
            opening = monthComplete ? "In \(f.monthName(data.month))" : "In \(f.monthName(data.month)) (up to \(referenceDate))"
        } else {
            opening = monthComplete ? "En \(f.monthName(data.month))" : "En \(f.monthName(data.month)) (jusqu'au \(referenceDate))"
        }
        let subject = data.association == nil ? (en ? "the network" : "le réseau")
            : (en ? "the partner" : "l'association")
        // 1. Requests received and their change.
        var s1: String
        if en {
            if c == 0 {
                s1 = "\(opening), \(subject) received no requests" + (p == 0 ? ", as \(inPrevious())." : ", against \(f.integer(p)) \(inPrevious()).")
            } else {
                s1 = "\(opening), \(subject) received \(plural(c, "request", "requests"))"
                if p == 0 { s1 += ", while it received none \(inPrevious())." }
                else if c == p { s1 += ", as many as \(inPrevious())." }
                else {
                    let pct = abs(Double(c - p) / Double(p) * 100).rounded(.toNearestOrAwayFromZero)
                    if pct == 0 { s1 += ", almost as many as \(inPrevious()) (\(f.integer(p)))." }
                    else { s1 += ", \(f.percentText(f.decimal(pct, 0))) \(c > p ? "more" : "fewer") than \(inPrevious()) (\(f.integer(p)))." }
                }
            }
        } else {
            if c == 0 {
                s1 = "\(opening), \(subject) n'a reçu aucune demande" + (p == 0 ? ", pas plus qu'\(inPrevious())." : ", contre \(f.integer(p)) \(inPrevious()).")
            } else {
                s1 = "\(opening), \(subject) a reçu \(plural(c, "demande", "demandes"))"
                if p == 0 { s1 += ", alors qu'il n'en avait reçu aucune \(inPrevious())." }
                else if c == p { s1 += ", autant qu'\(inPrevious())." }
                else {
                    let pct = abs(Double(c - p) / Double(p) * 100).rounded(.toNearestOrAwayFromZero)
                    if pct == 0 { s1 += ", presque autant qu'\(inPrevious()) (\(f.integer(p)))." }
                    else { s1 += ", \(f.percentText(f.decimal(pct, 0))) de \(c > p ? "plus" : "moins") qu'\(inPrevious()) (\(f.integer(p)))." }
                }
            }
            if data.association != nil { s1 = s1.replacingOccurrences(of: "alors qu'il n'en", with: "alors qu'elle n'en") }
        }
        out.append(s1)
        // 2. What became of them, and who was helped.
        if c > 0 {
            let done = cur.requests[.done], helped = cur.residents.helped, new = cur.residents.new
            if en {
                var s = "\(f.integer(done)) \(done == 1 ? "was" : "were") carried out and "
                    + "\(plural(helped, "resident was", "residents were")) helped"
                if new > 0 && helped > 0 { s += ", \(f.integer(new)) of them for the first time" }
                out.append(s + ".")
            } else {
                var s = "\(plural(done, "a été réalisée", "ont été réalisées")) et "
                    + "\(plural(helped, "habitant a été aidé", "habitants ont été aidés"))"
                if new > 0 && helped > 0 { s += ", dont \(f.integer(new)) pour la première fois" }
                out.append(s + ".")
            }
        }
        // 3. What changed most.
        out.append(biggestChange() ?? (en ? "Other figures changed little from \(f.monthOnly(data.previousMonth))."
                                          : "Les autres chiffres évoluent peu par rapport à \(f.monthOnly(data.previousMonth))."))
        // 4. Alerts, in one sentence.
        let over = cur.load.overThreshold, waiting = data.waiting.count
        if over > 0 || waiting > 0 {
            var parts: [String] = []
            if en {
                if over > 0 { parts.append("\(plural(over, "volunteer was", "volunteers were")) over the load threshold") }
                if waiting > 0 {
                    parts.append("\(plural(waiting, "request has", "requests have")) been waiting more than "
                                 + "\(plural(data.settings.waitAlertDays, "day", "days"))")
                }
                out.append("To watch: " + parts.joined(separator: " and ") + " (see the alerts below).")
            } else {
                if over > 0 { parts.append("\(plural(over, "bénévole a dépassé", "bénévoles ont dépassé")) le seuil de sollicitation") }
                if waiting > 0 {
                    parts.append("\(plural(waiting, "demande attend", "demandes attendent")) depuis plus de "
                                 + "\(plural(data.settings.waitAlertDays, "jour", "jours"))")
                }
                out.append("Point d'attention : " + parts.joined(separator: " et ") + " (voir les alertes plus bas).")
            }
        }
        return out
    }

    /// The change most worth saying, among domains, active volunteers, residents helped, hours
    /// and the median time to find a volunteer: the change largest for its size (above a minimum).
    func biggestChange() -> String? {
        var candidates: [(score: Double, what: String, now: String, before: String, rel: String?)] = []
        func consider(_ what: String, _ c: Double, _ p: Double, minimum: Double, text: (Double) -> String) {
            guard abs(c - p) >= minimum else { return }
            // How unusual the change is for counts of this size (a Poisson-like scale): 6 more
            // requests on 11 weighs about as much as 12 fewer on 42.
            let score = abs(c - p) / max(p, 1).squareRoot()
            candidates.append((score, what, text(c), text(p), f.relativeChange(c, p)))
        }
        for code in domainCodes {
            let label = domainLabel(code)
            let what = en ? "“\(label)” requests" : "les demandes « \(label) »"
            consider(what, Double(cur.requests.byDomain[code] ?? 0), Double(prev.requests.byDomain[code] ?? 0),
                     minimum: 3) { f.integer(Int($0)) }
        }
        consider(en ? "active volunteers" : "les bénévoles actifs", Double(cur.volunteers.active),
                 Double(prev.volunteers.active), minimum: 2) { f.integer(Int($0)) }
        consider(en ? "residents helped" : "les habitants aidés", Double(cur.residents.helped),
                 Double(prev.residents.helped), minimum: 3) { f.integer(Int($0)) }
        consider(en ? "volunteer hours" : "les heures de bénévolat", cur.hours.total, prev.hours.total,
                 minimum: 5) { f.hours($0) }
        if let c = cur.delays.match.medianHours, let p = prev.delays.match.medianHours {
            consider(en ? "the median time to find a volunteer" : "le délai médian pour trouver un bénévole",
                     c, p, minimum: 2) { f.hours($0) }
        }
        guard let best = candidates.max(by: { $0.score < $1.score }) else { return nil }
        let rel = best.rel.map { " (\($0))" } ?? ""
        return en
            ? "The largest change is in \(best.what): \(best.now), compared with \(best.before) \(inPrevious())\(rel)."
            : "La plus forte évolution concerne \(best.what) : \(best.now) contre \(best.before) \(inPrevious())\(rel)."
    }
}
