import Foundation

/// The "Méthodologie" sheet: every number of the workbook defined in the reader's language
/// (SPEC §3, docs/INDICATORS.md).
enum MethodsText {
    static func entries(content c: WorkbookContent, text: WorkbookText) -> [(String, String)] {
        let tz = c.settings.timezone
        let t = text.t
        let rate = c.settings.hourlyRateEUR.map { String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), $0) }
        let rateText = text.english ? rate : rate?.replacingOccurrences(of: ".", with: ",")
        var list: [(String, String)] = [
            (t("Période", "Period"),
             t("Des mois civils entiers dans le fuseau horaire du réseau (\(tz)). Un événement compte pour un mois quand sa date et son heure locales tombent dans ce mois.",
               "Whole calendar months in the network's time zone (\(tz)). An event counts for a month when its local date and time fall in that month.")),
            (t("Période précédente et évolution", "Previous period and change"),
             t("La période de même longueur qui précède immédiatement (le mois précédent pour le rapport mensuel). L'évolution est la différence entre les deux ; pour une part, elle est en points (pt) ; l'évolution en % rapporte la différence à la période précédente.",
               "The period of the same length just before (the previous month for the monthly report). The change is the difference between the two; for a share it is in percentage points (pt); the change in % divides the difference by the previous period's value.")),
            (text.requestsReceived,
             t("Demandes dont l'appel (date de la demande) tombe dans la période, quel que soit leur statut. Les colonnes de statut (en attente, mises en relation, réalisées, annulées, non pourvues) les répartissent selon leur statut au moment de l'export.",
               "Requests whose call (request date) falls in the period, whatever their status. The status columns (open, matched, done, cancelled, unmet) split them by their status at the time of the export.")),
            (t("Demandes par domaine", "Requests per domain"),
             t("Les mêmes demandes par domaine de service ; chaque domaine configuré apparaît, même à zéro. Un libellé de domaine inconnu est compté dans « Autre ».",
               "The same requests per service domain; every configured domain appears, zeros included. An unknown domain label is counted under \"Other\".")),
            (text.residentsHelped,
             t("Nombre d'habitants distincts parmi les demandes reçues dans la période (un habitant qui appelle plusieurs fois compte une fois). Les demandes sans identité d'habitant ne sont pas comptées. Sur la période entière, un habitant aidé plusieurs mois compte une fois : le total n'est pas la somme des mois.",
               "Distinct residents among the requests received in the period (a resident who calls several times counts once). Requests without a resident identity are not counted. Over the whole period a resident helped in several months counts once: the total is not the sum of the months.")),
            (text.residentsNew,
             t("Habitants dont la toute première demande (dans toutes les données) est reçue dans la période.",
               "Residents whose very first request (in all the data) is received in the period.")),
            (text.registeredVolunteers,
             t("Bénévoles inscrits avant la fin de la période et qui ne sont pas partis avant son début.",
               "Volunteers who joined before the end of the period and had not left before its start.")),
            (text.activeVolunteers,
             t("Bénévoles distincts ayant au moins une mise en relation dans la période.",
               "Distinct volunteers with at least one assignment in the period.")),
            (t("Nouveaux bénévoles / bénévoles partis", "New volunteers / volunteers who left"),
             t("Bénévoles dont la date d'inscription / de départ tombe dans la période.",
               "Volunteers whose joining / leaving date falls in the period.")),
            (text.assignments,
             t("Mises en relation (un bénévole trouvé pour une demande) dont la date de mise en relation tombe dans la période. Une demande servie par deux bénévoles compte deux mises en relation.",
               "Assignments (a volunteer found for a request) whose match date falls in the period. A request served by two volunteers counts two assignments.")),
            (t("Charge par bénévole actif", "Load per active volunteer"),
             t("Moyenne, médiane et maximum du nombre de mises en relation de chaque bénévole actif dans la période.",
               "Mean, median and maximum of the number of assignments of each active volunteer in the period.")),
            (text.threshold + " / " + text.overThreshold.lowercased(),
             t("Le seuil est de \(c.settings.overloadThreshold) mises en relation par mois, multiplié par le nombre de mois de la période. Un bénévole au-delà du seuil en a eu strictement plus : il risque d'être trop sollicité.",
               "The threshold is \(c.settings.overloadThreshold) assignments a month, times the number of months in the period. A volunteer over the threshold had strictly more: they may be over-solicited.")),
            (text.volunteerHours,
             t("Somme des heures déclarées pour les mises en relation réalisées dans la période (date de réalisation). Une mise en relation sans durée n'ajoute rien.",
               "Sum of the hours recorded for the assignments done in the period (date the service was given). An assignment without a duration adds nothing.")),
            (text.valuation,
             rateText.map { r in
                 t("Heures de bénévolat × \(r) € de l'heure (taux configuré).", "Volunteer hours × EUR \(r) an hour (configured rate).")
             } ?? text.unsetRate),
            (t("Délai de mise en relation", "Match delay"),
             t("Pour chaque demande reçue dans la période qui a au moins une mise en relation : le temps écoulé, en heures, entre l'appel et la première mise en relation. C'est du temps réel : un délai qui traverse un changement d'heure compte une heure de plus ou de moins que ne l'indiquent les horloges.",
               "For each request received in the period that has at least one assignment: the time elapsed, in hours, from the call to the earliest match. It is real time: a delay across a daylight-saving change is one hour longer or shorter than the clocks say.")),
            (t("Délai de premier contact", "Contact delay"),
             t("De même, jusqu'au premier contact du bénévole avec l'habitant.",
               "The same, up to the volunteer's first contact with the resident.")),
            (t("Médiane et P90", "Median and P90"),
             t("La médiane est le délai en dessous duquel se trouve la moitié des demandes ; le P90 celui en dessous duquel se trouvent 90 % d'entre elles. Les délais étant triés, le rang h = (n − 1) × p donne la valeur, avec une interpolation linéaire entre les deux rangs voisins : c'est la méthode de la fonction PERCENTILE.INC d'Excel (CENTILE.INCLURE en français) ; on retrouve les chiffres avec =PERCENTILE.INC(délais; 0,5) et =PERCENTILE.INC(délais; 0,9).",
               "The median is the delay below which half of the requests fall; the P90 the one below which 90% fall. With the delays sorted, rank h = (n − 1) × p gives the value, interpolating linearly between the two closest ranks: this is the method of Excel's PERCENTILE.INC; the figures can be recomputed with =PERCENTILE.INC(delays, 0.5) and =PERCENTILE.INC(delays, 0.9).")),
            (t("Moyenne, part ≤ 48 h, exclues", "Mean, share ≤ 48 h, excluded"),
             t("La moyenne des délais ; la part des demandes comptées dont le délai est d'au plus 48 heures ; les demandes exclues parce que l'événement est daté avant l'appel (délai négatif, erreur de saisie). Sans aucune demande comptée, ces cases restent vides.",
               "The mean delay; the share of counted requests whose delay is at most 48 hours; the requests left out because the event is dated before the call (negative delay, a data-entry error). With no counted request these cells are left empty.")),
            (text.target48,
             t("La ligne de référence des graphiques : une réponse dans les 48 heures.",
               "The charts' reference line: an answer within 48 hours.")),
            (t("Associations partenaires", "Partner associations"),
             t("Les mêmes définitions limitées aux demandes traitées par chaque association ; leurs mises en relation et leurs heures comptent pour cette association, quel que soit le bénévole. « (non renseignée) » regroupe les demandes sans association.",
               "The same definitions restricted to the requests each association handled; their assignments and hours count for that association, whoever the volunteer. \"(not given)\" groups the requests without an association.")),
        ]
        if c.waiting != nil {
            list.append((text.waitingSheet,
                         t("Demandes au statut « en attente » reçues plus de \(c.settings.waitAlertDays) jours avant la fin du mois (ou avant la date du rapport si le mois n'est pas fini). Elles sont désignées par leur numéro et un pseudonyme d'habitant, jamais par un nom.",
                           "Requests with status \"open\" received more than \(c.settings.waitAlertDays) days before the end of the month (or before the report date if the month is not over). They are named by their number and a resident pseudonym, never by a name.")))
        }
        if c.kind == .funder, let n = c.suppressBelow, n > 1 {
            list.append((t("Secret statistique", "Small counts"), text.suppressionNote(n)))
        }
        list.append((t("Données personnelles", "Personal data"),
                     t("Aucun nom, numéro de téléphone, courriel ni commentaire libre n'est conservé ni affiché. Chaque habitant est désigné par un pseudonyme calculé (empreinte à clé secrète) à partir de son identifiant, de son téléphone ou de son nom.",
                       "No name, phone number, e-mail or free-text comment is stored or shown. Each resident is known by a pseudonym computed (keyed hash) from their id, phone number or name.")))
        list.append((t("Source", "Source"),
                     t("Les exports des tableaux de suivi du réseau, importés par l'outil entraide.",
                       "The network's tracking spreadsheets, imported by the entraide tool.")))
        return list
    }
}
