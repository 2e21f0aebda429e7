import Foundation

/// The workbooks' notes where a figure could be misread (docs/INDICATORS.md): a status beside a
/// count of the same name, totals that do not add up, the targets drawn as lines, working time.
extension WorkbookText {
    // MARK: Requests

    /// The status column `requests.matched` (requests with a volunteer, not yet done), named
    /// apart from the count of assignments.
    var matchedStatus: String { t("Bénévole trouvé, pas encore réalisées", "Volunteer found, not yet done") }

    func statusNote(matched: String, assignments: String) -> String {
        t("« \(matched) » est un statut : les demandes du mois qui ont un bénévole mais ne sont pas encore réalisées. Le nombre de mises en relation du mois (« \(assignments) ») est dans la feuille « \(loadSheet) ».",
          "\"\(matched)\" is a status: the month's requests that have a volunteer but are not done yet. The month's number of assignments (\"\(assignments)\") is in the \"\(loadSheet)\" sheet.")
    }

    /// Under a funder series with residents per month and the period's distinct residents.
    func residentsPerMonthNote(reached: String, helped: String) -> String {
        t("« \(reached) » et « \(helped) » comptent des habitants distincts : chaque mois compte ses habitants, et la ligne « \(wholePeriod) » compte une seule fois un habitant venu plusieurs mois. Elle est donc plus petite que la somme des mois.",
          "\"\(reached)\" and \"\(helped)\" count distinct residents: each month counts its residents, and the \"\(wholePeriod)\" row counts once a resident who came in several months. It is therefore smaller than the sum of the months.")
    }

    /// Under a funder series with active volunteers per month and the period's distinct ones.
    func activePerMonthNote(active: String) -> String {
        t("« \(active) » compte des bénévoles distincts : la ligne « \(wholePeriod) » compte une seule fois un bénévole actif plusieurs mois, elle est donc plus petite que la somme des mois.",
          "\"\(active)\" counts distinct volunteers: the \"\(wholePeriod)\" row counts once a volunteer active in several months, so it is smaller than the sum of the months.")
    }

    /// Restricted to one association, its requests may be served by other partners' volunteers.
    func activeMayExceedRegistered(_ association: String, active: String, registered: String) -> String {
        t("« \(active) » compte les bénévoles qui ont servi une demande de l'association « \(association) », quelle que soit l'association où ils sont inscrits ; « \(registered) » ne compte que ceux inscrits chez elle. Les premiers peuvent donc être plus nombreux que les seconds.",
          "\"\(active)\" counts the volunteers who served a request of the association \"\(association)\", wherever they registered; \"\(registered)\" counts only those registered with it. The first can therefore outnumber the second.")
    }

    // MARK: Delays

    var chartWorkingDelays: String {
        t("Délais en heures d'ouverture (médiane et P90)", "Delays in working hours (median and P90)")
    }
    /// The title over the working-time table.
    func workingTableTitle(_ target: Int) -> String {
        t("Les mêmes délais en heures d'ouverture (objectif : \(target)\u{00A0}h d'ouverture)",
          "The same delays in working hours (target: \(target) working hours)")
    }
    var axisWorkingHours: String { t("Heures d'ouverture après l'appel", "Working hours after the call") }

    /// The real-time target line's legend: `Objectif 48 h`.
    func targetLine(_ hours: Int) -> String { t("Objectif \(hours)\u{00A0}h", "Target \(hours) h") }

    /// The working-time target line's legend: `Objectif 16 h d'ouverture`.
    func workingTargetLine(_ hours: Int) -> String {
        t("Objectif \(hours)\u{00A0}h d'ouverture", "Target \(hours) working hours")
    }

    /// The sentence that replaces the constant target column.
    func delayTargetsNote(real: Int, working: Int) -> String {
        t("Objectifs : une réponse en \(real)\u{00A0}h ou moins après l'appel (ligne rouge du premier graphique) et en \(working)\u{00A0}h d'ouverture ou moins (ligne rouge du second). Le second tableau ne compte que le temps où le réseau (ou l'association qui a traité la demande) est ouvert, jours fériés et fermetures exclus ; la feuille « \(methodsSheet) » le définit.",
          "Targets: an answer within \(real) h of the call (red line of the first chart) and within \(working) working hours (red line of the second). The second table counts only the time when the network (or the association that handled the request) is open, public holidays and closures aside; the \"\(methodsSheet)\" sheet defines it.")
    }

    func delayExcludedNote(_ count: Int) -> String {
        t("\(count) \(count > 1 ? "demandes sont exclues" : "demande est exclue") des délais de la période : une mise en relation ou un premier contact daté avant l'appel (erreur de saisie).",
          "\(count) \(count == 1 ? "request is" : "requests are") left out of the period's delays: a match or first contact dated before the call (an entry error).")
    }

    // MARK: Summary

    /// The summary's working-time share rows: `Mises en relation en 16 h d'ouverture ou moins`.
    func workingWithinTarget(_ block: String, hours: Int) -> String {
        block == "match"
            ? t("Mises en relation en \(hours)\u{00A0}h d'ouverture ou moins", "Matched within \(hours) working hours")
            : t("Premiers contacts en \(hours)\u{00A0}h d'ouverture ou moins", "First contacts within \(hours) working hours")
    }

    func workingMedian(_ block: String) -> String {
        block == "match"
            ? t("Délai médian de mise en relation (h d'ouverture)", "Median match delay (working h)")
            : t("Délai médian de premier contact (h d'ouverture)", "Median contact delay (working h)")
    }
}
