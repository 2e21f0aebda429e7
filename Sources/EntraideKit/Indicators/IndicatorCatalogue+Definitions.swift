import Foundation

extension IndicatorCatalogue {
    /// What each indicator means, in the order the methods sheet gives them: the very sentences
    /// the documents print (docs/INDICATORS.md gives the same definitions with worked examples).
    /// Every indicator of the catalogue is defined by exactly one entry (checked by the tests):
    /// one of the entries below, which define families together, or its own `definition`.
    public var definitions: [IndicatorDefinition] {
        let own = indicators.compactMap { i in
            i.definition.map { IndicatorDefinition(title: Localized(i.label(.headline, .fr), i.label(.headline, .en)),
                                                   text: $0, keys: [i.key]) }
        }
        return grouped + own
    }

    private var grouped: [IndicatorDefinition] {
        typealias L = Localized
        func label(_ key: String) -> Localized {
            let i = self[key]
            return L(i.label(.headline, .fr), i.label(.headline, .en))
        }
        func define(_ title: Localized, _ keys: [String], _ fr: String, _ en: String) -> IndicatorDefinition {
            IndicatorDefinition(title: title, text: L(fr, en), keys: keys)
        }
        let rate = settings.hourlyRateEUR.map { String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), $0) }
        let threshold = settings.overloadThreshold
        let hours = settings.responseTargetHours
        let thresholdTitle = L(self["load.threshold"].label(.table, .fr) + " / "
                                   + self["load.over_threshold"].label(.table, .fr).lowercased(),
                               self["load.threshold"].label(.table, .en) + " / "
                                   + self["load.over_threshold"].label(.table, .en).lowercased())
        let valuation = rate.map { r in
            define(label("hours.valuation_eur"), ["hours.valuation_eur"],
                   "Heures de bénévolat × \(r.replacingOccurrences(of: ".", with: ",")) € de l'heure (taux configuré).",
                   "Volunteer hours × EUR \(r) an hour (configured rate).")
        } ?? define(label("hours.valuation_eur"), ["hours.valuation_eur"], Self.unsetRate.fr, Self.unsetRate.en)
        return [
            define(label("requests.received"),
                   ["requests.received"] + RequestStatus.allCases.map { "requests.\($0.rawValue)" },
                   "Demandes dont l'appel (date de la demande) tombe dans la période, quel que soit leur statut. Les colonnes de statut (en attente, mises en relation, réalisées, annulées, non pourvues) les répartissent selon leur statut au moment de l'export.",
                   "Requests whose call (request date) falls in the period, whatever their status. The status columns (open, matched, done, cancelled, unmet) split them by their status at the time of the export."),
            define(L("Demandes par domaine", "Requests per domain"), ["requests.by_domain."],
                   "Les mêmes demandes par domaine de service ; chaque domaine configuré apparaît, même à zéro. Un libellé de domaine inconnu est compté dans « Autre ».",
                   "The same requests per service domain; every configured domain appears, zeros included. An unknown domain label is counted under \"Other\"."),
            define(label("residents.helped"), ["residents.helped"],
                   "Nombre d'habitants distincts parmi les demandes reçues dans la période (un habitant qui appelle plusieurs fois compte une fois). Les demandes sans identité d'habitant ne sont pas comptées. Sur la période entière, un habitant aidé plusieurs mois compte une fois : le total n'est pas la somme des mois.",
                   "Distinct residents among the requests received in the period (a resident who calls several times counts once). Requests without a resident identity are not counted. Over the whole period a resident helped in several months counts once: the total is not the sum of the months."),
            define(label("residents.new"), ["residents.new"],
                   "Habitants dont la toute première demande (dans toutes les données) est reçue dans la période.",
                   "Residents whose very first request (in all the data) is received in the period."),
            define(label("volunteers.registered"), ["volunteers.registered"],
                   "Bénévoles inscrits avant la fin de la période et qui ne sont pas partis avant son début.",
                   "Volunteers who joined before the end of the period and had not left before its start."),
            define(label("volunteers.active"), ["volunteers.active"],
                   "Bénévoles distincts ayant au moins une mise en relation dans la période.",
                   "Distinct volunteers with at least one assignment in the period."),
            define(L("Nouveaux bénévoles / bénévoles partis", "New volunteers / volunteers who left"),
                   ["volunteers.new", "volunteers.left"],
                   "Bénévoles dont la date d'inscription / de départ tombe dans la période.",
                   "Volunteers whose joining / leaving date falls in the period."),
            define(label("load.assignments"), ["load.assignments"],
                   "Mises en relation (un bénévole trouvé pour une demande) dont la date de mise en relation tombe dans la période. Une demande servie par deux bénévoles compte deux mises en relation.",
                   "Assignments (a volunteer found for a request) whose match date falls in the period. A request served by two volunteers counts two assignments."),
            define(L("Charge par bénévole actif", "Load per active volunteer"), ["load.per_active_volunteer."],
                   "Moyenne, médiane et maximum du nombre de mises en relation de chaque bénévole actif dans la période.",
                   "Mean, median and maximum of the number of assignments of each active volunteer in the period."),
            define(thresholdTitle, ["load.threshold", "load.over_threshold"],
                   "Le seuil est de \(threshold) mises en relation par mois, multiplié par le nombre de mois de la période. Un bénévole au-delà du seuil en a eu strictement plus : il risque d'être trop sollicité.",
                   "The threshold is \(threshold) assignments a month, times the number of months in the period. A volunteer over the threshold had strictly more: they may be over-solicited."),
            define(label("hours.total"), ["hours.total"],
                   "Somme des heures déclarées pour les mises en relation réalisées dans la période (date de réalisation). Une mise en relation sans durée n'ajoute rien.",
                   "Sum of the hours recorded for the assignments done in the period (date the service was given). An assignment without a duration adds nothing."),
            valuation,
            define(Self.delayBlocks[0].table, ["delays.match.count"],
                   "Pour chaque demande reçue dans la période qui a au moins une mise en relation : le temps écoulé, en heures, entre l'appel et la première mise en relation. C'est du temps réel : un délai qui traverse un changement d'heure compte une heure de plus ou de moins que ne l'indiquent les horloges.",
                   "For each request received in the period that has at least one assignment: the time elapsed, in hours, from the call to the earliest match. It is real time: a delay across a daylight-saving change is one hour longer or shorter than the clocks say."),
            define(Self.delayBlocks[1].table, ["delays.contact.count"],
                   "De même, jusqu'au premier contact du bénévole avec l'habitant.",
                   "The same, up to the volunteer's first contact with the resident."),
            define(L("Médiane et P90", "Median and P90"), ["delays.match.median_hours", "delays.match.p90_hours",
                                                          "delays.contact.median_hours", "delays.contact.p90_hours"],
                   "La médiane est le délai en dessous duquel se trouve la moitié des demandes ; le P90 celui en dessous duquel se trouvent 90 % d'entre elles. Les délais étant triés, le rang h = (n − 1) × p donne la valeur, avec une interpolation linéaire entre les deux rangs voisins : c'est la méthode de la fonction PERCENTILE.INC d'Excel (CENTILE.INCLURE en français) ; on retrouve les chiffres avec =PERCENTILE.INC(délais; 0,5) et =PERCENTILE.INC(délais; 0,9).",
                   "The median is the delay below which half of the requests fall; the P90 the one below which 90% fall. With the delays sorted, rank h = (n − 1) × p gives the value, interpolating linearly between the two closest ranks: this is the method of Excel's PERCENTILE.INC; the figures can be recomputed with =PERCENTILE.INC(delays, 0.5) and =PERCENTILE.INC(delays, 0.9)."),
            define(L("Moyenne, part ≤ \(target), exclues", "Mean, share ≤ \(target), excluded"),
                   ["delays.match.mean_hours", "delays.match.within_48h_share", "delays.match.excluded",
                    "delays.contact.mean_hours", "delays.contact.within_48h_share", "delays.contact.excluded"],
                   "La moyenne des délais ; la part des demandes comptées dont le délai est d'au plus \(hours) heures ; les demandes exclues parce que l'événement est daté avant l'appel (délai négatif, erreur de saisie). Sans aucune demande comptée, ces cases restent vides.",
                   "The mean delay; the share of counted requests whose delay is at most \(hours) hours; the requests left out because the event is dated before the call (negative delay, a data-entry error). With no counted request these cells are left empty."),
            define(L(responseTarget.label(.table, .fr), responseTarget.label(.table, .en)), [Self.targetKey],
                   "La ligne de référence des graphiques : une réponse dans les \(hours) heures.",
                   "The charts' reference line: an answer within \(hours) hours."),
        ]
    }

    /// Said wherever the valuation would be: without a configured rate, none is invented.
    public static let unsetRate = Localized(
        "Aucun taux horaire n'est configuré : la valorisation n'est pas calculée.",
        "No hourly rate is configured: the valuation is not computed.")
}
