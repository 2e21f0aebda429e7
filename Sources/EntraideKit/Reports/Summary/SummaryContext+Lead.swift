import Foundation

/// The lead paragraph of the monthly note (docs/INDICATORS.md, "The monthly note and the workbooks"): requests and
/// their change when the month before may be compared, their outcomes, the residents who asked
/// and who were helped, the largest change by the stated rule (`LeadChange`), and the alerts.
extension SummaryContext {
    func plural(_ n: Int, _ one: String, _ many: String) -> String { f.plural(n, one, many) }

    func leadSentences() -> [String] {
        if let reason = noDataReason { return [reason] + [alertSentence()].compactMap { $0 } }
        var out = [requestsSentence()]
        if cur.requests.received > 0 {
            out.append(outcomesSentence())
            out.append(residentsSentence())
        }
        if let reason = noComparisonReason { out.append(reason) }
        if let change = changeSentence() { out.append(change) }
        if let alerts = alertSentence() { out.append(alerts) }
        return out
    }

    /// 1. Requests received, and their change when the month before may be compared.
    func requestsSentence() -> String {
        let c = cur.requests.received, p = prev.requests.received
        let month = f.monthName(data.month)
        let opening: String
        if !monthComplete {
            opening = en ? "In \(month) (up to \(referenceDate))" : "En \(month) (jusqu'au \(referenceDate))"
        } else if running {
            opening = en ? "In \(month) (data up to \(runningDate))" : "En \(month) (données arrêtées au \(runningDate))"
        } else {
            opening = en ? "In \(month)" : "En \(month)"
        }
        let subject = data.association == nil ? (en ? "the network" : "le réseau") : (en ? "the partner" : "l'association")
        let before = inMonth(data.previousMonth)
        if en {
            guard c > 0 else {
                guard comparable else { return "\(opening), \(subject) received no requests." }
                return "\(opening), \(subject) received no requests" + (p == 0 ? ", as \(before)." : ", against \(f.integer(p)) \(before).")
            }
            let s = "\(opening), \(subject) received \(plural(c, "request", "requests"))"
            guard comparable else { return s + "." }
            if p == 0 { return s + ", while it received none \(before)." }
            if c == p { return s + ", as many as \(before)." }
            let pct = abs(Double(c - p) / Double(p) * 100).rounded(.toNearestOrAwayFromZero)
            if pct == 0 { return s + ", almost as many as \(before) (\(f.integer(p)))." }
            return s + ", \(f.percentText(f.decimal(pct, 0))) \(c > p ? "more" : "fewer") than \(before) (\(f.integer(p)))."
        }
        guard c > 0 else {
            guard comparable else { return "\(opening), \(subject) n'a reçu aucune demande." }
            return "\(opening), \(subject) n'a reçu aucune demande" + (p == 0 ? ", pas plus qu'\(before)." : ", contre \(f.integer(p)) \(before).")
        }
        let s = "\(opening), \(subject) a reçu \(plural(c, "demande", "demandes"))"
        guard comparable else { return s + "." }
        if p == 0 { return s + (data.association == nil ? ", alors qu'il n'en avait reçu aucune \(before)." : ", alors qu'elle n'en avait reçu aucune \(before).") }
        if c == p { return s + ", autant qu'\(before)." }
        let pct = abs(Double(c - p) / Double(p) * 100).rounded(.toNearestOrAwayFromZero)
        if pct == 0 { return s + ", presque autant qu'\(before) (\(f.integer(p)))." }
        return s + ", \(f.percentText(f.decimal(pct, 0))) de \(c > p ? "plus" : "moins") qu'\(before) (\(f.integer(p)))."
    }

    /// 2. What became of them: done, unmet, cancelled, still in progress (so that the parts add up
    /// to the requests received), and the matched and done shares.
    func outcomesSentence() -> String {
        let r = cur.requests
        let done = r[.done], unmet = r[.unmet], cancelled = r[.cancelled]
        let matched = r.matchedShare.map(f.percent), doneShare = r.doneShare.map(f.percent)
        if en {
            var parts = [done == 0 ? "none was carried out" : "\(f.integer(done)) \(done == 1 ? "was" : "were") carried out"]
            if unmet > 0 { parts.append("\(f.integer(unmet)) went unmet") }
            if cancelled > 0 { parts.append("\(f.integer(cancelled)) \(cancelled == 1 ? "was" : "were") cancelled") }
            if r.inProgress > 0 { parts.append("\(f.integer(r.inProgress)) \(r.inProgress == 1 ? "is" : "are") still in progress") }
            var s = (running ? "By then, " : "Of these, ") + list(parts)
            if let matched, let doneShare {
                s += " (a volunteer was found for \(matched) of the requests not cancelled, and \(doneShare) were carried out)"
            }
            return s + "."
        }
        var parts = [done == 0 ? "aucune n'a été réalisée" : plural(done, "a été réalisée", "ont été réalisées")]
        if unmet > 0 { parts.append(plural(unmet, "est restée non pourvue", "sont restées non pourvues")) }
        if cancelled > 0 { parts.append(plural(cancelled, "a été annulée", "ont été annulées")) }
        if r.inProgress > 0 { parts.append(plural(r.inProgress, "est encore en cours", "sont encore en cours")) }
        var s = (running ? "À cette date, " : "Parmi elles, ") + list(parts)
        if let matched, let doneShare {
            s += " (un bénévole a été trouvé pour \(matched) des demandes hors annulées, \(doneShare) ont été réalisées)"
        }
        return s + "."
    }

    /// `a, b et c` / `a, b and c`.
    func list(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + (en ? " and " : " et ") + parts[parts.count - 1]
    }

    /// 3. Residents who asked (and how many for the first time, once the data is a year old)
    /// and residents helped (a request carried out).
    func residentsSentence() -> String {
        let reached = cur.residents.reached, helped = cur.residents.helped, new = cur.residents.new
        let firstYear = firstYearOfData
        if en {
            var s = "\(plural(reached, "resident", "residents")) asked for help"
            if !firstYear && new > 0 { s += ", \(f.integer(new)) of them for the first time" }
            s += helped == 0 ? "; none has had a request carried out yet" : "; \(f.integer(helped)) \(helped == 1 ? "was" : "were") helped (at least one request carried out)"
            return s + "."
        }
        let whom = data.association == nil ? "au réseau" : "à l'association"
        var s = "\(plural(reached, "habitant a fait appel", "habitants ont fait appel")) \(whom)"
        if !firstYear && new > 0 { s += ", dont \(f.integer(new)) pour la première fois" }
        s += helped == 0 ? " ; aucun n'a encore vu une demande réalisée"
            : " ; \(plural(helped, "a été aidé", "ont été aidés")) (au moins une demande réalisée)"
        return s + "."
    }

    /// The headline table's rows that may be named, with the values and texts the table prints.
    func leadCandidates() -> [LeadChange.Candidate] {
        guard comparable, !running else { return [] }
        let phrases: [(String, Localized)] = [
            ("requests.received", Localized("les demandes reçues", "requests received")),
            ("requests.done", Localized("les demandes réalisées", "requests carried out")),
            ("requests.unmet", Localized("les demandes non pourvues", "unmet requests")),
            ("requests.cancelled", Localized("les demandes annulées", "cancelled requests")),
            ("residents.reached", Localized("les habitants ayant appelé", "residents who asked")),
            ("residents.new", Localized("les nouveaux habitants", "new residents")),
            ("residents.helped", Localized("les habitants aidés", "residents helped")),
            ("volunteers.registered", Localized("les bénévoles inscrits", "registered volunteers")),
            ("volunteers.active", Localized("les bénévoles actifs", "active volunteers")),
            ("volunteers.new", Localized("les nouveaux bénévoles", "new volunteers")),
            ("volunteers.left", Localized("les départs de bénévoles", "volunteers who left")),
            ("hours.total", Localized("les heures de bénévolat", "volunteer hours")),
        ]
        let firstYear = firstYearOfData
        return phrases.compactMap { key, phrase in
            if key == "residents.new" && firstYear { return nil }
            let indicator = catalogue[key]
            guard let c = indicator.value(cur).number, let p = indicator.value(prev).number else { return nil }
            let decimals = indicator.kind == .hours ? 1 : 0
            return LeadChange.Candidate(key: key, phrase: phrase.text(language),
                                        current: printed(c, decimals), previous: printed(p, decimals),
                                        currentText: f.value(indicator.value(cur), indicator.kind),
                                        previousText: f.value(indicator.value(prev), indicator.kind),
                                        changeText: change(indicator.value(cur), indicator.value(prev), indicator.kind))
        }
    }

    /// 4. The largest change by the stated rule, in the table's own words and numbers.
    func changeSentence() -> String? {
        guard comparable else { return nil }
        if running {
            return en ? "While the month is still open in the data, no change is singled out."
                : "Tant que le mois reste ouvert dans les données, aucune évolution n'est mise en avant."
        }
        let base = f.integer(Int(LeadChange.minimumBase))
        let before = inMonth(data.previousMonth)
        switch LeadChange.choose(leadCandidates()) {
        case .chosen(let c):
            return en
                ? "The largest change is in \(c.phrase): \(c.currentText), compared with \(c.previousText) \(before) (\(c.changeText))."
                : "La plus forte évolution concerne \(c.phrase) : \(c.currentText) contre \(c.previousText) \(before) (\(c.changeText))."
        case .stable:
            return en ? "The figures of at least \(base) are unchanged from \(f.monthOnly(data.previousMonth))."
                : "Les chiffres d'au moins \(base) sont inchangés par rapport à \(f.monthOnly(data.previousMonth))."
        case .tooSmall:
            return en ? "No figure reaches \(base) in both months: no change is singled out."
                : "Aucun chiffre n'atteint \(base) dans les deux mois : aucune évolution n'est mise en avant."
        }
    }
}
