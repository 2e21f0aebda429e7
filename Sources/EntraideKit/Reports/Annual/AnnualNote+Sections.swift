import Foundation

/// The annual note's sections about the year's activity (docs/INDICATORS.md, "The annual report").
extension AnnualNote {
    // MARK: Header and lead

    func header() -> String {
        var out = "# \(escaped(title))\n\n"
        if let a = data.association {
            out += en
                ? "> This report covers only the partner “\(escaped(a))”: the requests it handled (and their assignments) and the volunteers coming through it, set against the whole network.\n\n"
                : "> Ce rapport ne porte que sur l'association « \(escaped(a)) » : les demandes qu'elle a traitées (et leurs mises en relation) et les bénévoles venus par elle, mis en regard de l'ensemble du réseau.\n\n"
        }
        if let status = statusNote { out += "> \(status)\n\n" }
        let produced = f.date(data.settings.makeClock().timestamp(utc: Int((created ?? Date()).timeIntervalSince1970)))
        let coverage = text.coverageLine(data.coverage)
        out += en ? "Produced on \(produced) from the coordinators' exports; data: \(coverage).\n\n"
            : "Établi le \(produced) à partir des exports des coordinateurs ; données : \(coverage).\n\n"
        out += leadSentences().joined(separator: " ") + "\n"
        return out
    }

    /// Why the year is not fully covered, nil when it is.
    var statusNote: String? {
        switch data.yearData {
        case .complete: return nil
        case .none:
            guard let first = data.coverage.firstMonth else {
                return en ? "The database holds no request yet: no figures for \(year)."
                    : "La base ne contient encore aucune demande : aucun chiffre pour \(year)."
            }
            if data.last < first {
                return en ? "The data starts in \(f.monthName(first)): no figures for \(year)."
                    : "Les données commencent en \(f.monthName(first)) : aucun chiffre pour \(year)."
            }
            return en ? "The data stops on \(asOfDate ?? "–") (its latest event): no figures for \(year)."
                : "Les données s'arrêtent au \(asOfDate ?? "–") (dernier événement enregistré) : aucun chiffre pour \(year)."
        case .partial:
            var parts: [String] = []
            if let first = data.coverage.firstMonth, first > data.first {
                parts.append(en ? "The data starts in \(f.monthName(first)): the months before have no figures."
                    : "Les données commencent en \(f.monthName(first)) : les mois précédents n'ont pas de chiffres.")
            }
            if let last = data.coverage.lastMonth, last <= data.last {
                let n = cur.requests.inProgress
                let progress = en
                    ? (n == 0 ? "none of the year's requests is still in progress" : "\(f.plural(n, "of the year's requests is", "of the year's requests are")) still in progress (open or matched)")
                    : (n == 0 ? "aucune demande de l'année n'est encore en cours" : "\(f.plural(n, "demande de l'année est", "demandes de l'année sont")) encore en cours (en attente ou mises en relation)")
                parts.append(en ? "The data stops on \(asOfDate ?? "–") (its latest event): \(year) is not over in the data, and \(progress)."
                    : "Les données s'arrêtent au \(asOfDate ?? "–") (dernier événement enregistré) : l'année \(year) n'est pas terminée dans les données, et \(progress).")
            }
            return parts.joined(separator: " ")
        }
    }

    /// The lead: the year's requests and outcomes, residents, volunteers and hours, and the
    /// change of the requests received when the previous year may be compared.
    func leadSentences() -> [String] {
        guard cur.data != .none else { return [] }
        let who = data.association == nil ? (en ? "the network" : "le réseau") : (en ? "the partner" : "l'association")
        let received = cur.requests.received
        var out: [String] = []
        var first = en ? "In \(year), \(who) received \(f.plural(received, "request", "requests"))"
            : "En \(year), \(who) a reçu \(f.plural(received, "demande", "demandes"))"
        if data.comparable {
            let change = f.countChange(received, prev.requests.received)
            first += en ? " (\(change) on \(previousYear))" : " (\(change) par rapport à \(previousYear))"
        }
        out.append(first + ".")
        if received > 0 {
            let done = cur.requests[.done]
            let share = cur.requests.doneShare.map { en ? " (\(f.percent($0)) of those not cancelled)" : " (\(f.percent($0)) des demandes non annulées)" } ?? ""
            out.append(en ? "\(f.plural(done, "was", "were")) done\(share)." : "\(f.plural(done, "a été réalisée", "ont été réalisées"))\(share).")
            let reached = residents(cur.residents.reached, cell: SuppressionCell(key: SuppressionPlan.reached, scope: .period))
            let helped = residents(cur.residents.helped, cell: SuppressionCell(key: SuppressionPlan.helped, scope: .period))
            let reachedLabel = catalogue["residents.reached"].label(.note, language)
            out.append(en ? "\(reachedLabel): \(reached); residents helped (a request done): \(helped)."
                : "\(reachedLabel) : \(reached) ; habitants aidés (une demande réalisée) : \(helped).")
        }
        let active = cur.volunteers.active
        var hours = en ? "\(f.plural(active, "volunteer was", "volunteers were")) active and gave \(f.hours(cur.hours.total))"
            : "\(f.plural(active, "bénévole a été actif", "bénévoles ont été actifs")) et ont donné \(f.hours(cur.hours.total))"
        if active <= 1 && !en { hours = "\(f.plural(active, "bénévole a été actif", "bénévoles ont été actifs")) et a donné \(f.hours(cur.hours.total))" }
        if let cents = data.method.valuationCents {
            hours += en ? ", valued at \(money(cents))" : ", valorisées \(money(cents))"
        }
        hours += en ? " (\(f.decimal(data.method.fullTimeEquivalent, 2)) FTE)." : " (\(f.decimal(data.method.fullTimeEquivalent, 2)) ETP)."
        out.append(hours)
        return out
    }

    // MARK: The year in figures

    /// The headline keys: requests and outcomes, residents, volunteers, assignments, hours.
    var headlineKeys: [String] {
        var keys = ["requests.received", "requests.done", "requests.unmet", "requests.cancelled",
                    "requests.matched_share", "requests.done_share", "residents.reached", "residents.helped",
                    "residents.new", "volunteers.registered", "volunteers.active", "volunteers.new", "volunteers.left",
                    "load.assignments", "hours.total"]
        if data.settings.valuesHours { keys.append("hours.valuation_eur") }
        return keys
    }

    /// Why `residents.new` is not compared, nil when it is: while the data is in its first year,
    /// almost every resident counts as new (docs/INDICATORS.md, "Residents").
    var newResidentsNote: String? {
        guard let first = data.coverage.firstMonth else { return nil }
        // A year that starts within the data's first twelve months counts as new almost every
        // resident it sees (the monthly note's rule: docs/INDICATORS.md, "The monthly note and the workbooks").
        if first.distance(to: data.first) < 12 {
            return en ? "First year of data (since \(f.monthName(first))): almost every resident counts as new, so this figure does not yet measure newcomers, and it is not compared."
                : "Première année de données (depuis \(f.monthName(first))) : presque chaque habitant compte comme nouveau ; ce chiffre ne mesure pas encore l'arrivée de nouveaux habitants et n'est pas comparé."
        }
        if data.comparable, first.distance(to: data.first.adding(-12)) < 12 {
            return en ? "\(previousYear) falls in the data's first twelve months (since \(f.monthName(first))): almost every resident counted as new then, so the change is not given."
                : "\(previousYear) tombe dans les douze premiers mois des données (depuis \(f.monthName(first))) : presque chaque habitant y comptait comme nouveau ; l'évolution n'est pas donnée."
        }
        return nil
    }

    func headlineSection() -> String {
        guard cur.data != .none else { return "" }
        let comparable = data.comparable
        var rows: [[String]] = []
        for key in headlineKeys {
            let indicator = catalogue[key]
            var c = figure(key, cur), p = comparable ? figure(key, prev) : "–"
            var change = comparable ? f.change(indicator.value(cur), indicator.value(prev), indicator.kind) : "–"
            var label = indicator.label(.note, language)
            if indicator.kind == .residents, let value = indicator.value(cur).number, let pv = indicator.value(prev).number {
                let hc = hidden(Int(value), cell: SuppressionCell(key: key, scope: .period))
                let hp = hidden(Int(pv), cell: SuppressionCell(key: key, scope: .previousPeriod))
                if let hc { c = hc }
                if comparable, let hp { p = hp }
                if hc != nil || hp != nil { change = "–" }
            }
            if key == "residents.new", newResidentsNote != nil { change = "–"; label += " ¹" }
            rows.append([label, c, p, change])
        }
        var out = "## " + (en ? "The year in figures" : "L'année en chiffres") + "\n\n"
        out += table([en ? "Indicator" : "Indicateur", year, previousYear, en ? "Change" : "Évolution"],
                     align: ["l", "r", "r", "r"], rows) + "\n"
        if let reason = noComparisonReason { out += reason + "\n\n" }
        if let note = newResidentsNote { out += "¹ " + note + "\n\n" }
        if let rates = data.settings.ratesInForceText(from: data.first, to: data.last, language) {
            out += en ? "Hours are valued at the rate in force: \(rates)." : "Les heures sont valorisées au taux en vigueur : \(rates)."
            if let first = data.method.earlierThanEveryRate, let date = first.fromText {
                out += en ? " No rate is dated before \(date): the hours before it are valued at the first rate, for want of an older one."
                    : " Aucun taux n'est daté d'avant le \(date) : les heures antérieures sont valorisées au premier taux, faute de taux plus ancien."
            }
            out += en ? " The method is under “Hours and their valuation”.\n" : " La méthode est décrite sous « Heures et valorisation ».\n"
        } else {
            var why = IndicatorCatalogue.unsetRate.text(language)
            if why.hasSuffix(".") { why.removeLast() }
            out += why + (en ? " (setting hourly_rate_eur or hourly_rates).\n" : " (réglage hourly_rate_eur ou hourly_rates).\n")
        }
        if let n = threshold {
            out += "\n" + (en
                ? "Resident counts below \(n) are written “< \(n)”, and “withheld” marks a count hidden so that a small one cannot be worked out from the totals.\n"
                : "Les nombres d'habitants inférieurs à \(n) sont notés « < \(n) », et « n.d. » un nombre masqué pour qu'un petit nombre ne puisse pas être retrouvé à partir des totaux.\n")
        }
        return out
    }

    /// Why the previous year is not compared, nil when it is (or the year has no data).
    var noComparisonReason: String? {
        guard cur.data != .none, !data.comparable else { return nil }
        if let first = data.coverage.firstMonth, first > data.last.adding(-12) {
            return en ? "The data starts in \(f.monthName(first)): \(previousYear) is not covered, no comparison with it."
                : "Les données commencent en \(f.monthName(first)) : \(previousYear) n'est pas couvert, pas de comparaison avec cette année-là."
        }
        if let first = data.coverage.firstMonth, first > data.first.adding(-12) {
            return en ? "The data covers \(previousYear) only in part (it starts in \(f.monthName(first))): no comparison with \(previousYear)."
                : "Les données ne couvrent \(previousYear) qu'en partie (elles commencent en \(f.monthName(first))) : pas de comparaison avec \(previousYear)."
        }
        if let first = data.coverage.firstMonth, first == data.first.adding(-12), !data.coverage.firstMonthFromItsStart {
            return en ? "The data starts in \(f.monthName(first)), possibly part-way through the month: \(previousYear) may be covered only in part, no comparison with it."
                : "Les données commencent en \(f.monthName(first)), peut-être en cours de mois : \(previousYear) n'est peut-être couvert qu'en partie, pas de comparaison avec cette année-là."
        }
        if data.yearData != .complete {
            return en ? "\(year) is not fully covered by the data: no comparison with \(previousYear) over the year; the month-by-month table sets each month beside the same month of \(previousYear) where the data covers it."
                : "\(year) n'est pas couvert en entier par les données : pas de comparaison avec \(previousYear) sur l'année ; le tableau mois par mois met chaque mois en regard du même mois de \(previousYear) quand les données le couvrent."
        }
        return en ? "The data for \(previousYear) is incomplete: no comparison with \(previousYear)."
            : "Les données de \(previousYear) sont incomplètes : pas de comparaison avec \(previousYear)."
    }

    // MARK: Month by month

    func monthsSection(_ charts: [AnnualCharts.Chart]) -> String {
        guard cur.data != .none else { return "" }
        var out = "## " + (en ? "Month by month" : "Mois par mois") + "\n\n"
        let previousMonths = data.period.previous.months
        var rows: [[String]] = []
        var uncovered = false, running = false
        for (i, m) in data.report.months.enumerated() {
            let p = m.indicators
            let status = data.coverage.data(m.month)
            var name = f.monthOnly(m.month)
            name = name.prefix(1).uppercased() + name.dropFirst()
            if status == .none { uncovered = true; name += en ? " (no data)" : " (aucune donnée)" }
            if status == .partial { running = true; name += en ? " (data stops)" : " (données arrêtées)" }
            let shown = status != .none
            let before = i < previousMonths.count && data.monthComparable(m.month)
                ? f.integer(previousMonths[i].indicators.requests.received) : "–"
            rows.append([name, figure("requests.received", p, shown: shown), figure("requests.done", p, shown: shown),
                         figure("volunteers.active", p, shown: shown), figure("load.assignments", p, shown: shown),
                         shown ? exactHours(p.hours.total) : "–", before])
        }
        rows.append(["**Total**", "**\(figure("requests.received", cur))**", "**\(figure("requests.done", cur))**",
                     "**\(figure("volunteers.active", cur))**", "**\(figure("load.assignments", cur))**",
                     "**\(exactHours(cur.hours.total))**",
                     data.comparable ? "**\(f.integer(prev.requests.received))**" : "–"])
        out += table([en ? "Month" : "Mois", en ? "Received" : "Reçues", en ? "Done" : "Réalisées",
                      en ? "Active volunteers" : "Bénévoles actifs", en ? "Assignments" : "Mises en relation",
                      en ? "Hours" : "Heures", en ? "Received in \(previousYear)" : "Reçues en \(previousYear)"],
                     align: ["l", "r", "r", "r", "r", "r", "r"], rows) + "\n"
        var notes: [String] = []
        notes.append(en ? "Requests by the month they were received, done requests by the month received too; active volunteers of the year are counted once each, so the months do not add up to the year."
            : "Demandes par mois de réception, réalisées comprises ; un bénévole actif plusieurs mois ne compte qu'une fois sur l'année : les mois ne s'additionnent pas.")
        if uncovered {
            notes.append(en ? "Months marked “no data” are outside the data: their cells read “–”, not zero."
                : "Les mois marqués « aucune donnée » sont hors des données : leurs cases portent « – », ce ne sont pas des zéros.")
        }
        if running {
            notes.append(en ? "The data stops in the month marked “data stops”: its requests still in progress may still be done."
                : "Les données s'arrêtent dans le mois marqué « données arrêtées » : ses demandes en cours peuvent encore aboutir.")
        }
        out += notes.joined(separator: " ") + "\n\n"
        // Consecutive images: the HTML sets them side by side.
        out += charts.map { "![\(escaped($0.alt))](\($0.file))\n" }.joined()
        return out
    }

    // MARK: Domains

    func domainsSection(_ chart: AnnualCharts.Chart?) -> String {
        guard cur.data != .none else { return "" }
        let codes = data.report.domainCodes
        let counts = codes.map { cur.requests.byDomain[$0] ?? 0 }
        let shares = LargestRemainder.percentages(counts)
        let total = cur.requests.received
        let comparable = data.comparable
        var rows = codes.enumerated().map { i, code -> [String] in
            let p = prev.requests.byDomain[code] ?? 0
            return [escaped(data.settings.domainLabel(code, language)), f.integer(counts[i]),
                    total > 0 ? f.percentText(f.integer(shares[i])) : "–",
                    comparable ? f.integer(p) : "–", comparable ? f.countChange(counts[i], p) : "–"]
        }
        rows.append(["**Total**", "**\(f.integer(total))**", total > 0 ? "**\(f.percent(1))**" : "–",
                     comparable ? "**\(f.integer(prev.requests.received))**" : "–",
                     comparable ? "**\(f.countChange(total, prev.requests.received))**" : "–"])
        var out = "## " + (en ? "Requests by domain" : "Demandes par domaine") + "\n\n"
        out += en ? "Shares are rounded by largest remainder so that they add up to 100 %.\n\n"
            : "Les parts sont arrondies au plus fort reste, pour que leur somme fasse 100 %.\n\n"
        out += table([en ? "Domain" : "Domaine", en ? "Requests" : "Demandes", en ? "Share" : "Part", previousYear,
                      en ? "Change" : "Évolution"], align: ["l", "r", "r", "r", "r"], rows)
        // The chart right after its table: the HTML prints them side by side.
        if let chart { out += "\n![\(escaped(chart.alt))](\(chart.file))\n" }
        return out
    }

    // MARK: Outcomes

    func outcomesSection() -> String {
        guard cur.data != .none, cur.requests.received > 0 else { return "" }
        let statuses: [(RequestStatus, Localized)] = [
            (.done, Localized("Réalisées", "Done")), (.unmet, Localized("Sans solution", "Unmet")),
            (.cancelled, Localized("Annulées", "Cancelled")),
            (.matched, Localized("Mises en relation, en cours", "Matched, in progress")),
            (.open, Localized("En attente d'un bénévole", "Waiting for a volunteer")),
        ]
        let counts = statuses.map { cur.requests[$0.0] }
        let shares = LargestRemainder.percentages(counts)
        var rows = statuses.enumerated().map { i, s in
            [s.1.text(language), f.integer(counts[i]), f.percentText(f.integer(shares[i])),
             data.comparable ? f.integer(prev.requests[s.0]) : "–"]
        }
        rows.append(["**Total**", "**\(f.integer(cur.requests.received))**", "**\(f.percent(1))**",
                     data.comparable ? "**\(f.integer(prev.requests.received))**" : "–"])
        var out = "## " + (en ? "What became of the requests" : "Ce que sont devenues les demandes") + "\n\n"
        out += table([en ? "Status today" : "Statut à ce jour", en ? "Requests" : "Demandes", en ? "Share" : "Part", previousYear],
                     align: ["l", "r", "r", "r"], rows) + "\n"
        out += en ? "The requests received in \(year), by their status in the latest export; those still in progress may still be done.\n"
            : "Les demandes reçues en \(year), selon leur statut dans le dernier export ; celles encore en cours peuvent encore aboutir.\n"
        return out
    }

    // MARK: Delays

    func delaysSection() -> String {
        guard cur.data != .none else { return "" }
        let comparable = data.comparable
        let realTarget = f.integer(data.settings.responseTargetHours)
        let workingTarget = f.integer(data.settings.calendar.targetHours)
        var rows: [[String]] = []
        for block in IndicatorCatalogue.delayBlocks {
            rows.append(["**\(block.note.text(language))**", "", "", "", ""])
            for stat in SummaryContext.delayStats {
                let key = "delays.\(block.key).\(stat)"
                let workingKey = stat == "unanswered" ? key : "delays.\(block.key).working.\(stat)"
                let label = SummaryContext.delayLabel(stat, realTarget: realTarget, workingTarget: workingTarget, language)
                rows.append([label, figure(key, cur), figure(workingKey, cur),
                             figure(key, prev, shown: comparable), figure(workingKey, prev, shown: comparable)])
            }
        }
        var out = "## " + (en ? "Response delays" : "Délais de réponse") + "\n\n"
        out += en ? "From the call to the match (finding a volunteer) and to the volunteer's first contact (calling the resident back), in real hours and in opening hours (only the time the network is open counts).\n\n"
            : "De l'appel à la mise en relation (trouver un bénévole) et au premier contact du bénévole (rappel de l'habitant), en heures réelles et en heures d'ouverture (seul compte le temps où le réseau est ouvert).\n\n"
        out += table([en ? "Delay" : "Délai", en ? "\(year), real" : "\(year), réel", en ? "\(year), working" : "\(year), ouverture",
                      en ? "\(previousYear), real" : "\(previousYear), réel", en ? "\(previousYear), working" : "\(previousYear), ouverture"],
                     align: ["l", "r", "r", "r", "r"], rows)
        return out
    }

    // MARK: Volunteers

    func volunteersSection() -> String {
        guard cur.data != .none else { return "" }
        let comparable = data.comparable
        let keys = ["volunteers.registered", "volunteers.active", "volunteers.new", "volunteers.left", "load.assignments",
                    "load.per_active_volunteer.mean", "load.per_active_volunteer.median", "load.per_active_volunteer.max"]
        let rows = keys.map { key in
            [catalogue[key].label(.note, language), figure(key, cur), figure(key, prev, shown: comparable)]
        }
        var out = "## " + (en ? "Volunteers and their load" : "Bénévoles et sollicitation") + "\n\n"
        out += table([en ? "Indicator" : "Indicateur", year, previousYear], align: ["l", "r", "r"], rows) + "\n"
        if let a = data.association {
            out += text.activeMayExceedRegistered(
                escaped(a), active: catalogue["volunteers.active"].label(.note, language),
                registered: catalogue["volunteers.registered"].label(.note, language)) + "\n\n"
        }
        // Over a year the threshold is a monthly one: the months with a volunteer above it.
        let over = data.report.months.filter { $0.indicators.load.overThreshold > 0 }
        let threshold = f.integer(data.settings.overloadThreshold)
        if over.isEmpty {
            out += en ? "No month had a volunteer with more than \(threshold) assignments.\n"
                : "Aucun mois n'a vu un bénévole dépasser \(threshold) mises en relation.\n"
        } else {
            let list = over.map { "\(f.monthOnly($0.month)) (\(f.integer($0.indicators.load.overThreshold)))" }
                .joined(separator: ", ")
            out += en ? "Months with volunteers above \(threshold) assignments in the month (how many): \(list).\n\n"
                : "Mois où des bénévoles ont dépassé \(threshold) mises en relation dans le mois (combien) : \(list).\n"
        }
        return out
    }
}
