import Foundation

/// The note's alerts (docs/INDICATORS.md, "The monthly note and the workbooks"): volunteers over the load
/// threshold, the real waits, and apart the requests « en attente » for longer than
/// `stale_after_days`, probably closed without an update, with the partners to ask.
extension SummaryContext {
    /// The stale waits per partner association, most first (then by name), "sans association" last.
    func staleByAssociation() -> [(name: String, count: Int)] {
        var counts: [String?: Int] = [:]
        for w in data.staleWaits { counts[w.association, default: 0] += 1 }
        let none = en ? "no partner" : "sans association"
        return counts.sorted { a, b in
            if (a.key == nil) != (b.key == nil) { return b.key == nil }
            return a.value != b.value ? a.value > b.value : (a.key ?? "") < (b.key ?? "")
        }.map { ($0.key ?? none, $0.value) }
    }

    func alertValues() -> (over: Any, waiting: Any, stale: Any, lines: [String]) {
        var lines: [String] = []
        var over: Any = false, waiting: Any = false, stale: Any = false
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
        let real = data.realWaits
        if let oldest = real.first {
            let count = real.count, days = data.settings.waitAlertDays
            let oldestDays = Int(oldest.daysWaiting.rounded(.down))
            let received = f.date(oldest.receivedAt)
            let text: String
            if en {
                let when = monthComplete ? "At the end of the month, " : "On \(referenceDate), "
                text = when + "\(plural(count, "request", "requests")) had been waiting for a "
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
        let staleWaits = data.staleWaits
        if !staleWaits.isEmpty {
            let count = staleWaits.count, days = data.settings.staleAfterDays
            let byAssociation = staleByAssociation()
            let who = byAssociation.map { "\($0.name) (\(f.integer($0.count)))" }.joined(separator: ", ")
            let text = en
                ? "\(plural(count, "request", "requests")) “open” for more than \(plural(days, "day", "days")): to check, "
                    + "probably closed without an update; \(byAssociation.count == 1 ? "partner" : "partners") to ask: \(who)."
                : "\(plural(count, "demande", "demandes")) « en attente » depuis plus de \(plural(days, "jour", "jours")) : "
                    + "à vérifier, \(count <= 1 ? "probablement clôturée" : "probablement clôturées") sans mise à jour ; "
                    + "\(byAssociation.count == 1 ? "association à interroger" : "associations à interroger") : \(who)."
            stale = ["count": f.integer(count), "days": f.integer(days),
                     "associations": byAssociation.map { ["name": $0.name, "count": f.integer($0.count)] },
                     "text": text] as [String: Any]
            lines.append(text)
        }
        return (over, waiting, stale, lines)
    }

    /// The lead's alert sentence: the load, the real waits, and the waits to check apart.
    func alertSentence() -> String? {
        let over = cur.load.overThreshold, waiting = data.realWaits.count, stale = data.staleWaits.count
        guard over > 0 || waiting > 0 || stale > 0 else { return nil }
        var parts: [String] = []
        if en {
            if over > 0 { parts.append("\(plural(over, "volunteer was", "volunteers were")) over the load threshold") }
            if waiting > 0 {
                parts.append("\(plural(waiting, "request has", "requests have")) been waiting more than "
                             + "\(plural(data.settings.waitAlertDays, "day", "days"))")
            }
            if stale > 0 {
                parts.append("\(plural(stale, "request", "requests")) “open” for more than "
                             + "\(plural(data.settings.staleAfterDays, "day", "days")) \(stale == 1 ? "is" : "are") to check")
            }
            return "To watch: " + list(parts) + " (see the alerts below)."
        }
        if over > 0 { parts.append("\(plural(over, "bénévole a dépassé", "bénévoles ont dépassé")) le seuil de sollicitation") }
        if waiting > 0 {
            parts.append("\(plural(waiting, "demande attend", "demandes attendent")) depuis plus de "
                         + "\(plural(data.settings.waitAlertDays, "jour", "jours"))")
        }
        if stale > 0 {
            parts.append("\(plural(stale, "demande « en attente »", "demandes « en attente »")) depuis plus de "
                         + "\(plural(data.settings.staleAfterDays, "jour", "jours")) \(stale <= 1 ? "est" : "sont") à vérifier")
        }
        return "Point d'attention : " + list(parts) + " (voir les alertes plus bas)."
    }
}
