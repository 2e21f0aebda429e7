import Foundation

/// The text of the report workbooks besides the indicators' labels (those are in
/// `IndicatorCatalogue`): sheet names, titles, notes, in French (default) or English.
/// Kept apart from the layout so a reader can check the wording in one place.
struct WorkbookText {
    let language: Language

    var english: Bool { language == .en }

    /// The text in the workbook's language; French gets its no-break spaces before `:` and `;`
    /// and inside « » (`typeset`, the notes' rule).
    func t(_ fr: String, _ en: String) -> String {
        english ? en : typeset(fr)
    }

    /// Any text of a French workbook (an indicator's label, a sentence) with the no-break spaces
    /// of French typography before `;` `:` `!` `?` `%` and inside « » (`Typography.french`, the
    /// notes' rule); English text as it is.
    func typeset(_ text: String) -> String {
        // The one typography helper of every document (docs/ARCHITECTURE.md); the workbooks use
        // the no-break space U+00A0, which every spreadsheet font has.
        english ? text : Typography.french(text, space: "\u{00A0}")
    }

    // MARK: Months and periods

    /// `octobre 2026` / `October 2026`.
    func monthName(_ m: Month) -> String { m.name(language) }

    /// `janvier 2026 – octobre 2026`, or one month's name.
    func periodName(_ from: Month, _ to: Month) -> String {
        from == to ? monthName(from) : monthName(from) + " – " + monthName(to)
    }

    /// `janv. 2026 – oct. 2026` (short, for column headers).
    func periodShort(_ from: Month, _ to: Month) -> String {
        func short(_ m: Month) -> String { m.shortName(language) + " " + String(m.year) }
        return from == to ? short(from) : short(from) + " – " + short(to)
    }

    /// The number format that shows a month's first day as `janv. 2026` / `Jan 2026`, whatever
    /// the language of the spreadsheet program (the locale code is part of the format).
    var monthFormat: String { english ? "[$-409]mmm yyyy" : "[$-40C]mmm yyyy" }

    /// A number format in the workbook's language: French keeps the no-break space before `%`
    /// (`50 %`), English has none (`50%`).
    func numberFormat(_ format: String) -> String {
        english ? format.replacingOccurrences(of: "\"\u{00A0}\"%", with: "%") : format
    }

    /// The number format of a full date: `03/10/2026` / `2026-10-03`.
    var dateFormat: String { english ? "yyyy-mm-dd" : "dd/mm/yyyy" }

    func monthCount(_ n: Int) -> String {
        english ? (n == 1 ? "1 month" : "\(n) months") : (n == 1 ? "1 mois" : "\(n) mois")
    }

    // MARK: Sheet names (at most 31 characters, no `[]:*?/\`)

    var summarySheet: String { t("Synthèse", "Summary") }
    var volunteersSheet: String { t("Bénévoles", "Volunteers") }
    var requestsSheet: String { t("Demandes et domaines", "Requests and domains") }
    var delaysSheet: String { t("Délais de réponse", "Response delays") }
    var loadSheet: String { t("Charge et heures", "Load and hours") }
    var associationsSheet: String { t("Associations partenaires", "Partner associations") }
    var waitingSheet: String { t("Demandes en attente", "Waiting requests") }
    var methodsSheet: String { t("Méthodologie", "Methods") }
    var valuationSheet: String { t("Valorisation", "Valuation") }

    // MARK: Titles

    var funderTitle: String { t("Rapport aux financeurs", "Report to funders") }
    var monthlyTitle: String { t("Rapport mensuel", "Monthly report") }
    var annualTitle: String { t("Rapport d'activité annuel", "Annual activity report") }
    var month: String { t("Mois", "Month") }
    var wholePeriod: String { t("Total période", "Period total") }
    var association: String { t("Association", "Association") }
    var noAssociation: String { t("(non renseignée)", "(not given)") }
    /// The association sheet's last row: the network's figures, residents counted once.
    var networkDistinct: String { t("Réseau (habitants distincts)", "Network (distinct residents)") }
    /// Why the association rows' residents do not add up to the network's.
    func residentsDoNotAddUp(reached: String, helped: String) -> String {
        t("« \(reached) » et « \(helped) » comptent des habitants distincts : un habitant aidé par deux associations compte dans chacune, mais une seule fois dans le total du réseau (dernière ligne). Ces colonnes ne s'additionnent donc pas.",
          "\"\(reached)\" and \"\(helped)\" count distinct residents: a resident helped by two associations counts in each, but once in the network's total (last row). These columns do not add up.")
    }
    func restrictedTo(_ name: String) -> String {
        t("Chiffres limités à l'association « \(name) »", "Figures restricted to the association \"\(name)\"")
    }

    // MARK: Summary sheet

    var indicator: String { t("Indicateur", "Indicator") }
    var previousPeriod: String { t("Période précédente", "Previous period") }
    var change: String { t("Évolution", "Change") }
    var changePercent: String { t("Évolution (%)", "Change (%)") }
    var period: String { t("Période", "Period") }
    var network: String { t("Réseau", "Network") }
    var generatedOn: String { t("Établi le", "Produced on") }
    var timeZone: String { t("Fuseau horaire", "Time zone") }
    var hourlyRate: String { t("Taux horaire", "Hourly rate") }

    // MARK: Charts

    var chartVolunteers: String { t("Bénévoles inscrits et actifs par mois", "Registered and active volunteers per month") }
    var chartDelays: String { t("Délais de réponse (médiane et P90)", "Response delays (median and P90)") }
    /// A chart title from an indicator's label: `Heures de bénévolat par mois`.
    func perMonth(_ label: String) -> String { label + t(" par mois", " per month") }
    /// `Demandes reçues par domaine`.
    func perDomain(_ label: String) -> String { label + t(" par domaine", " per domain") }
    var axisVolunteers: String { t("Bénévoles", "Volunteers") }
    var axisRequests: String { t("Demandes", "Requests") }
    var axisHoursDelay: String { t("Heures après l'appel", "Hours after the call") }
    var axisHours: String { t("Heures", "Hours") }

    // MARK: Waiting requests

    var requestID: String { t("N° de demande", "Request number") }
    var resident: String { t("Habitant (pseudonyme)", "Resident (pseudonym)") }
    var domain: String { t("Domaine", "Domain") }
    var receivedOn: String { t("Reçue le", "Received on") }
    var daysWaiting: String { t("Jours d'attente", "Days waiting") }
    /// `d'octobre 2026`, `de mars 2026` (French elision before a vowel).
    func ofMonth(_ m: Month) -> String {
        let name = monthName(m)
        return (name.first.map { "aeiou".contains($0) } ?? false) ? "d'" + name : "de " + name
    }

    func waitingIntro(days: Int, reference: String) -> String {
        t("Demandes toujours en attente d'un bénévole depuis plus de \(days) jours \(reference).",
          "Requests still waiting for a volunteer for more than \(days) days \(reference).")
    }
    func noneWaiting(days: Int) -> String {
        t("Aucune demande n'attend depuis plus de \(days) jours.", "No request has been waiting for more than \(days) days.")
    }

    // MARK: Suppression

    /// A resident count below the threshold (0 included): `< 3`.
    func suppressed(_ threshold: Int) -> String { "< \(threshold)" }

    /// A resident count of at least the threshold, hidden so that a small count cannot be
    /// worked out from the totals (complementary suppression, docs/SECURITY.md). Not "n/a",
    /// which an English reader takes for "not applicable".
    var withheld: String { t("n.d.", "withheld") }

    /// The summary sheet's note on both markers.
    func suppressionNote(_ threshold: Int) -> String {
        let nb = "\u{00A0}"
        return t("Les nombres d'habitants inférieurs à \(threshold) (zéro compris) sont affichés «\(nb)< \(threshold)\(nb)» pour qu'aucune personne ne puisse être reconnue\(nb); «\(nb)\(withheld)\(nb)» (non diffusé) signale un nombre d'au moins \(threshold), masqué pour qu'un petit nombre ne puisse pas être recalculé à partir des totaux et des autres cases.",
                 "Resident counts below \(threshold) (zero included) are shown as \"< \(threshold)\" so that no one can be singled out; \"\(withheld)\" marks a count of at least \(threshold), hidden so that a small count cannot be worked out from the totals and the other cells.")
    }
}
