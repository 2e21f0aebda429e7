import Foundation

/// Every piece of text the report workbooks show, in French (default) or English.
/// Kept apart from the layout so a reader can check the wording in one place.
struct WorkbookText {
    let english: Bool

    func t(_ fr: String, _ en: String) -> String { english ? en : fr }

    // MARK: Months and periods

    static let monthsFR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                           "septembre", "octobre", "novembre", "décembre"]
    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August",
                           "September", "October", "November", "December"]

    /// `octobre 2026` / `October 2026`.
    func monthName(_ m: Month) -> String {
        (english ? Self.monthsEN : Self.monthsFR)[m.month - 1] + " " + String(m.year)
    }

    /// `janvier 2026 – octobre 2026`, or one month's name.
    func periodName(_ from: Month, _ to: Month) -> String {
        from == to ? monthName(from) : monthName(from) + " – " + monthName(to)
    }

    /// `2026-01 → 2026-10` (short, for column headers and page headers).
    func periodShort(_ from: Month, _ to: Month) -> String {
        from == to ? from.description : "\(from) → \(to)"
    }

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

    // MARK: Titles

    var funderTitle: String { t("Rapport aux financeurs", "Report to funders") }
    var monthlyTitle: String { t("Rapport mensuel", "Monthly report") }
    var month: String { t("Mois", "Month") }
    var wholePeriod: String { t("Total période", "Period total") }
    var association: String { t("Association", "Association") }
    var noAssociation: String { t("(non renseignée)", "(not given)") }
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

    var requestsReceived: String { t("Demandes reçues", "Requests received") }
    var residentsHelped: String { t("Habitants aidés", "Residents helped") }
    var residentsNew: String { t("Nouveaux habitants", "New residents") }
    var activeVolunteers: String { t("Bénévoles actifs", "Active volunteers") }
    var registeredVolunteers: String { t("Bénévoles inscrits", "Registered volunteers") }
    var newVolunteers: String { t("Nouveaux bénévoles", "New volunteers") }
    var leftVolunteers: String { t("Bénévoles partis", "Volunteers who left") }
    var volunteerHours: String { t("Heures de bénévolat", "Volunteer hours") }
    var valuation: String { t("Valorisation (€)", "Valuation (EUR)") }
    var matchMedian: String { t("Délai médian de mise en relation (h)", "Median match delay (h)") }
    var contactMedian: String { t("Délai médian de premier contact (h)", "Median contact delay (h)") }
    var matchWithin48: String { t("Mises en relation en 48 h ou moins", "Matched within 48 h") }
    var assignments: String { t("Mises en relation", "Assignments") }

    // MARK: Requests

    func status(_ s: RequestStatus) -> String {
        switch s {
        case .open: return t("En attente", "Open")
        case .matched: return t("Mises en relation (en cours)", "Matched (in progress)")
        case .done: return t("Réalisées", "Done")
        case .cancelled: return t("Annulées", "Cancelled")
        case .unmet: return t("Non pourvues", "Unmet")
        }
    }

    // MARK: Delays

    var matchCount: String { t("Mise en relation : demandes", "Match: requests") }
    var matchMedianH: String { t("Mise en relation : médiane (h)", "Match: median (h)") }
    var matchP90H: String { t("Mise en relation : P90 (h)", "Match: P90 (h)") }
    var matchMeanH: String { t("Mise en relation : moyenne (h)", "Match: mean (h)") }
    var matchShare: String { t("Mise en relation : part ≤ 48 h", "Match: share ≤ 48 h") }
    var matchExcluded: String { t("Mise en relation : exclues", "Match: excluded") }
    var contactCount: String { t("Premier contact : demandes", "Contact: requests") }
    var contactMedianH: String { t("Premier contact : médiane (h)", "Contact: median (h)") }
    var contactP90H: String { t("Premier contact : P90 (h)", "Contact: P90 (h)") }
    var contactMeanH: String { t("Premier contact : moyenne (h)", "Contact: mean (h)") }
    var contactShare: String { t("Premier contact : part ≤ 48 h", "Contact: share ≤ 48 h") }
    var contactExcluded: String { t("Premier contact : exclues", "Contact: excluded") }
    var target48: String { t("Objectif 48 h", "48 h target") }

    // MARK: Load

    var perVolunteerMean: String { t("Par bénévole actif : moyenne", "Per active volunteer: mean") }
    var perVolunteerMedian: String { t("Par bénévole actif : médiane", "Per active volunteer: median") }
    var perVolunteerMax: String { t("Par bénévole actif : maximum", "Per active volunteer: maximum") }
    var threshold: String { t("Seuil de sollicitation", "Load threshold") }
    var overThreshold: String { t("Bénévoles au-delà du seuil", "Volunteers over the threshold") }

    // MARK: Charts

    var chartVolunteers: String { t("Bénévoles inscrits et actifs par mois", "Registered and active volunteers per month") }
    var chartDomains: String { t("Demandes reçues par domaine", "Requests received per domain") }
    var chartDelays: String { t("Délais de réponse (médiane et P90)", "Response delays (median and P90)") }
    var chartHours: String { t("Heures de bénévolat par mois", "Volunteer hours per month") }
    var axisVolunteers: String { t("Bénévoles", "Volunteers") }
    var axisRequests: String { t("Demandes", "Requests") }
    var axisHoursDelay: String { t("Heures après l'appel", "Hours after the call") }
    var axisHours: String { t("Heures", "Hours") }
    var matchMedianSeries: String { t("Mise en relation, médiane", "Match, median") }
    var matchP90Series: String { t("Mise en relation, P90", "Match, P90") }
    var contactMedianSeries: String { t("Premier contact, médiane", "Contact, median") }
    var contactP90Series: String { t("Premier contact, P90", "Contact, P90") }

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

    func suppressed(_ threshold: Int) -> String { "< \(threshold)" }
    func suppressionNote(_ threshold: Int) -> String {
        t("Les nombres d'habitants inférieurs à \(threshold) sont affichés « < \(threshold) » pour qu'aucune personne ne puisse être reconnue.",
          "Resident counts below \(threshold) are shown as \"< \(threshold)\" so that no one can be singled out.")
    }

    var unsetRate: String {
        t("Aucun taux horaire n'est configuré : la valorisation n'est pas calculée.",
          "No hourly rate is configured: the valuation is not computed.")
    }
}
