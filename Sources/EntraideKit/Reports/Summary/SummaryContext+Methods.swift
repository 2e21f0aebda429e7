import Foundation

extension SummaryContext {
    /// The indicator keys the note's tables print: the headline, the domains, the delays (real
    /// and working time), the load, and the valuation (shown, or said not to be computed).
    var shownKeys: [String] {
        var keys = ["requests.received", "requests.done", "requests.unmet", "requests.cancelled",
                    "requests.matched_share", "requests.done_share", "residents.reached", "residents.new",
                    "residents.helped", "volunteers.registered", "volunteers.active", "volunteers.new",
                    "volunteers.left", "hours.total", "hours.valuation_eur"]
        keys += domainCodes.map { "requests.by_domain.\($0)" }
        for block in ["match", "contact"] {
            keys += Self.delayStats.map { "delays.\(block).\($0)" }
            keys += Self.workingStats.map { "delays.\(block).working.\($0)" }
        }
        keys += ["load.assignments", "load.per_active_volunteer.mean", "load.per_active_volunteer.median",
                 "load.per_active_volunteer.max", "load.threshold", "load.over_threshold"]
        return keys
    }

    /// The methods section's definitions (docs/INDICATORS.md, "The monthly note and the workbooks"): the
    /// catalogue's, in its order and in the note's language, only those of a number the note
    /// shows: each row has `title` and `text`.
    func methods() -> [[String: Any]] {
        let keys = shownKeys
        return catalogue.definitions.filter { d in keys.contains { d.defines($0) } }.map { d in
            ["title": d.title.text(language), "text": d.text.text(language)]
        }
    }

    /// Said under the headline table: the rate in force over the month (dated rates, per domain:
    /// docs/INDICATORS.md, "Valuation"), or, when no hourly rate is configured, that the
    /// valuation is not computed and why (the workbook's sentence, `IndicatorCatalogue.unsetRate`).
    var valuationNote: Any {
        if let rates = data.settings.ratesInForceText(from: data.month, to: data.month, language) {
            return ["text": en ? "Hours are valued at the rate in force: \(rates)."
                               : "Les heures sont valorisées au taux en vigueur : \(rates)."]
        }
        var why = IndicatorCatalogue.unsetRate.text(language)
        if why.hasSuffix(".") { why.removeLast() }
        return ["text": why + (en ? " (setting hourly_rate_eur or hourly_rates)." : " (réglage hourly_rate_eur ou hourly_rates).")]
    }
}
