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
        // One rate for every day (`hourly_rate_eur`): the short sentence; dated or domain rates
        // (`hourly_rates`): the rule and every rate (docs/INDICATORS.md, "Valuation").
        let valuation = settings.hourlyRates.isEmpty ? rate.map { r in
            define(label("hours.valuation_eur"), ["hours.valuation_eur"],
                   "Heures de bénévolat × \(r.replacingOccurrences(of: ".", with: ",")) € de l'heure (taux configuré).",
                   "Volunteer hours × EUR \(r) an hour (configured rate).")
        } ?? define(label("hours.valuation_eur"), ["hours.valuation_eur"], Self.unsetRate.fr, Self.unsetRate.en)
            : define(label("hours.valuation_eur"), ["hours.valuation_eur"],
                     Self.datedRates(settings, .fr).fr, Self.datedRates(settings, .en).en)
        return [
            define(label("requests.received"),
                   ["requests.received"] + RequestStatus.allCases.map { "requests.\($0.rawValue)" },
                   "Demandes dont l'appel (date de la demande) tombe dans la période, quel que soit leur statut. Les colonnes de statut (en attente, mises en relation, réalisées, annulées, non pourvues) les répartissent selon leur statut au moment de l'export : une demande « mise en relation » est encore en cours, son issue peut changer.",
                   "Requests whose call (request date) falls in the period, whatever their status. The status columns (open, matched, done, cancelled, unmet) split them by their status at the time of the export: a \"matched\" request is still in progress and its outcome may change."),
            define(L("Demandes par domaine", "Requests per domain"), ["requests.by_domain."],
                   "Les mêmes demandes par domaine de service ; chaque domaine configuré apparaît, même à zéro. Un libellé de domaine inconnu est compté dans « Autre ».",
                   "The same requests per service domain; every configured domain appears, zeros included. An unknown domain label is counted under \"Other\"."),
            define(L("Parts mises en relation et réalisées", "Shares matched and done"),
                   ["requests.matched_share", "requests.done_share"],
                   "Parmi les demandes reçues dans la période qui n'ont pas été annulées : la part où un bénévole a été trouvé (statut mise en relation ou réalisée), et la part réalisée. Une demande annulée par l'habitant n'est ni un succès ni un échec du réseau : elle n'est pas comptée. Sans demande non annulée, ces cases restent vides. Pour le mois en cours, des demandes encore en cours peuvent être réalisées plus tard : la part réalisée peut encore monter.",
                   "Of the requests received in the period that were not cancelled: the share given a volunteer (status matched or done), and the share done. A request the resident cancelled is neither a success nor a failure of the network: it is not counted. Without a request that was not cancelled these cells are left empty. For the current month, requests still in progress may be done later: the share done may still rise."),
            define(label("residents.reached"), ["residents.reached"],
                   "Nombre d'habitants distincts parmi les demandes reçues dans la période, quelle qu'en soit l'issue : les habitants qui ont appelé (un habitant qui appelle plusieurs fois compte une fois). Les demandes sans identité d'habitant ne sont pas comptées. Sur la période entière, un habitant qui a appelé plusieurs mois compte une fois : le total n'est pas la somme des mois.",
                   "Distinct residents among the requests received in the period, whatever became of them: the residents who asked (a resident who calls several times counts once). Requests without a resident identity are not counted. Over the whole period a resident who called in several months counts once: the total is not the sum of the months."),
            define(label("residents.helped"), ["residents.helped"],
                   "Nombre d'habitants distincts parmi les demandes reçues dans la période et réalisées : les habitants effectivement aidés. Un habitant dont les demandes ont toutes été annulées, non pourvues ou sont encore en cours n'est pas compté. Comme pour les habitants ayant appelé, le total de la période n'est pas la somme des mois.",
                   "Distinct residents among the requests received in the period and done: the residents actually helped. A resident whose requests were all cancelled, unmet or are still in progress is not counted. As for the residents who asked, the total of the period is not the sum of the months."),
            define(label("residents.new"), ["residents.new"],
                   "Habitants dont la toute première demande (dans toutes les données) est reçue dans la période. Pendant la première année de données, presque tous les habitants sont « nouveaux » : le chiffre dit alors surtout depuis quand les données existent.",
                   "Residents whose very first request (in all the data) is received in the period. In the first year of data almost every resident is \"new\": the figure then mostly says how long the data has existed."),
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
            define(L("Moyenne, exclues", "Mean, excluded"),
                   ["delays.match.mean_hours", "delays.match.excluded", "delays.contact.mean_hours", "delays.contact.excluded"],
                   "La moyenne des délais mesurés ; les demandes exclues parce que l'événement est daté avant l'appel (délai négatif, erreur de saisie). Sans aucune demande mesurée, la moyenne reste vide.",
                   "The mean of the measured delays; the requests left out because the event is dated before the call (negative delay, a data-entry error). With no measured request the mean is left empty."),
            define(L("Sans réponse, objectif, part ≤ \(target)", "Unanswered, target, share ≤ \(target)"),
                   ["delays.match.unanswered", "delays.match.target_hours", "delays.match.within_target_share",
                    "delays.contact.unanswered", "delays.contact.target_hours", "delays.contact.within_target_share"],
                   "Sans réponse : les demandes reçues dans la période, ni annulées ni réalisées, qui n'ont pas encore eu l'événement (pas de bénévole trouvé, ou l'habitant pas encore rappelé) : elles attendent encore, ou ont été closes sans suite. L'objectif est une réponse en \(hours) heures au plus (réglage response_target_hours). La part dans l'objectif se calcule sur les demandes mesurées et sur les demandes sans réponse reçues plus de \(hours) heures avant la date d'arrêt des données : une demande jamais servie est un échec une fois l'objectif dépassé, pas une demande oubliée ; une demande plus récente n'est pas encore jugée. Un délai d'exactement \(hours) heures est dans l'objectif.",
                   "Unanswered: the requests received in the period, neither cancelled nor done, that have not had the event yet (no volunteer found, or the resident not called back yet): still waiting, or closed as unmet. The target is an answer within \(hours) hours (setting response_target_hours). The share within the target is computed over the measured requests and the unanswered ones received more than \(hours) hours before the data's as-of date: a request never answered is a miss once past the target, not a request left out; a more recent one is not judged yet. A delay of exactly \(hours) hours is on time."),
            define(L("Délais en heures d'ouverture", "Delays in working hours"),
                   ["delays.match.working.", "delays.contact.working."],
                   "Les mêmes délais, comptés en heures d'ouverture : seul compte le temps qui tombe dans les horaires d'ouverture du calendrier de l'association qui a traité la demande (celui du réseau si elle n'en a pas), hors jours fériés et fermetures. Un appel du vendredi à 16 h servi le lundi à 10 h a attendu 66 heures réelles et 2 heures d'ouverture (avec 9 h – 17 h en semaine). L'objectif est de \(settings.calendar.targetHours) heures d'ouverture (réglage calendar.target_hours) ; comme en heures réelles, une demande sans réponse compte comme hors objectif une fois ce temps d'ouverture écoulé depuis l'appel, à la date d'arrêt des données.",
                   "The same delays counted in working hours: only the time that falls inside the opening hours of the calendar of the association that handled the request (the network's when it has none) counts, public holidays and closures aside. A call on Friday at 16:00 served on Monday at 10:00 waited 66 real hours and 2 working hours (with 09:00–17:00 on weekdays). The target is \(settings.calendar.targetHours) working hours (setting calendar.target_hours); as in real time, an unanswered request counts as a miss once that much working time has passed since the call, at the data's as-of date."),
            define(L(responseTarget.label(.table, .fr), responseTarget.label(.table, .en)), [Self.targetKey],
                   "La ligne de référence des graphiques : une réponse dans les \(hours) heures.",
                   "The charts' reference line: an answer within \(hours) hours."),
        ]
    }

    /// Said wherever the valuation would be: without a configured rate, none is invented.
    /// The definition of `hours.valuation_eur` with dated or domain rates, in `language`.
    static func datedRates(_ settings: Settings, _ language: Language) -> Localized {
        let list = settings.hourlyRates.map { $0.description(language, settings: settings) }
        return Localized(
            "Chaque heure de bénévolat est valorisée au taux en vigueur le jour où le service a été rendu (date de réalisation) : "
                + list.joined(separator: " ; ") + ". Un taux propre à un domaine l'emporte, à partir de sa date, sur le taux général ; "
                + "avant la première date, le premier taux s'applique.",
            "Each volunteer hour is valued at the rate in force on the day the service was given (date done): "
                + list.joined(separator: "; ") + ". A rate for one domain wins, from its date, over the general rate; "
                + "before the first date, the first rate applies.")
    }

    public static let unsetRate = Localized(
        "Aucun taux horaire n'est configuré : la valorisation n'est pas calculée.",
        "No hourly rate is configured: the valuation is not computed.")
}
