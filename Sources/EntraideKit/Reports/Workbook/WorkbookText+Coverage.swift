import Foundation

/// The workbooks' texts about what the data covers (docs/INDICATORS.md, "Data coverage and the
/// as-of instant"): the coverage line, why a comparison is left out, the running month, the
/// first year of `residents.new`, and the waiting list's stale requests.
extension WorkbookText {
    var formatter: ReportFormatter { ReportFormatter(language: language) }

    /// `15 novembre 2026` / `15 November 2026`: a local date for reading.
    func date(_ timestamp: Timestamp) -> String { formatter.date(timestamp) }

    // MARK: Coverage

    var dataLabel: String { t("Données", "Data") }

    /// `juin 2025 – novembre 2026, à jour au 15 novembre 2026`; `aucune donnée` without data.
    func coverageLine(_ coverage: DataCoverage) -> String {
        guard let first = coverage.firstMonth, let last = coverage.lastMonth else {
            return t("aucune donnée", "no data")
        }
        var line = periodName(first, last)
        if let asOf = coverage.asOf { line += t(", à jour au ", ", up to ") + date(asOf) }
        return line
    }

    /// Why the summary compares with nothing: `Les données commencent en juin 2025 : pas de
    /// comparaison avec la période précédente (décembre 2024 – novembre 2025).`
    /// With `previousYear` (the annual workbook): `… pas de comparaison avec l'année précédente (2025).`
    func noComparison(_ coverage: DataCoverage, previousFrom: Month, previousTo: Month, monthly: Bool,
                      previousYear: Int? = nil) -> String {
        let what: String
        if monthly {
            what = t("avec le mois précédent (\(monthName(previousFrom)))", "with the previous month (\(monthName(previousFrom)))")
        } else if let previousYear {
            what = t("avec l'année précédente (\(previousYear))", "with the previous year (\(previousYear))")
        } else {
            what = t("avec la période précédente (\(periodName(previousFrom, previousTo)))",
                     "with the previous period (\(periodName(previousFrom, previousTo)))")
        }
        let none = t("pas de comparaison \(what).", "no comparison \(what).")
        guard let first = coverage.firstMonth, let last = coverage.lastMonth else {
            return t("Aucune donnée : ", "No data: ") + none
        }
        if first > previousFrom {
            return t("Les données commencent en \(monthName(first)) : ", "The data starts in \(monthName(first)): ") + none
        }
        if first == previousFrom, !coverage.firstMonthFromItsStart {
            return t("Les données commencent en \(monthName(first)), peut-être en cours de mois : ",
                     "The data starts in \(monthName(first)), possibly part-way through the month: ") + none
        }
        let asOf = coverage.asOf.map { t(" (au \(date($0)))", " (on \(date($0)))") } ?? ""
        return t("Les données s'arrêtent en \(monthName(last))\(asOf) : ", "The data stops in \(monthName(last))\(asOf): ")
            + none
    }

    /// The reported period lies outside the data.
    func noDataInPeriod(_ coverage: DataCoverage) -> String {
        t("Aucune donnée sur cette période (données : \(coverageLine(coverage))) : ses cases sont laissées vides.",
          "No data in this period (data: \(coverageLine(coverage))): its cells are left empty.")
    }

    // MARK: Months of a series

    /// `novembre 2026 (en cours)`, `mars 2025 (aucune donnée)`: a month the data does not fully
    /// cover, in words (the summary's column header).
    func seriesMonth(_ m: Month, _ status: DataStatus, last: Bool) -> String {
        monthName(m) + seriesMonthSuffix(status, last: last)
    }

    /// ` (en cours)`, ` (données partielles)`, ` (aucune donnée)`, or nothing for a complete month.
    /// A partial month is the as-of instant's: still running when it is the series' `last`,
    /// else one where the data stops.
    func seriesMonthSuffix(_ status: DataStatus, last: Bool) -> String {
        switch status {
        case .complete: return ""
        case .partial: return last ? t(" (en cours)", " (running)") : t(" (données partielles)", " (partial data)")
        case .none: return t(" (aucune donnée)", " (no data)")
        }
    }

    /// Under a series whose months include some the data does not cover.
    func uncoveredMonthsNote(_ coverage: DataCoverage) -> String {
        t("Les mois marqués « aucune donnée » sont hors des données (\(coverageLine(coverage))) : leurs cases sont laissées vides, ce ne sont pas des zéros.",
          "The months marked \"no data\" are outside the data (\(coverageLine(coverage))): their cells are left empty, they are not zeros.")
    }

    /// `Novembre 2026 est en cours (données au 30 novembre 2026) : 20 de ses demandes sont encore
    /// en cours (en attente ou mises en relation ; 3 pour octobre 2026) ; …`. `previous` gives the
    /// previous month's requests in progress when the summary compares with it.
    func runningMonthNote(_ m: Month, asOf: Timestamp?, inProgress: Int, previous: (Month, Int)? = nil) -> String {
        let on = asOf.map { t(" (données au \(date($0)))", " (data up to \(date($0)))") } ?? ""
        let requests = english
            ? (inProgress == 1 ? "1 of its requests is" : "\(inProgress) of its requests are")
            : (inProgress == 1 ? "1 de ses demandes est encore en cours" : "\(inProgress) de ses demandes sont encore en cours")
        let before = previous.map { t(" ; \($0.1) pour \(monthName($0.0))", "; \($0.1) for \(monthName($0.0))") } ?? ""
        let name = monthName(m)
        return t("\(name.prefix(1).uppercased() + name.dropFirst()) est en cours\(on) : \(requests) (en attente ou mises en relation\(before)) ; ses demandes réalisées et ses parts peuvent encore changer.",
                 "\(name) is still running\(on): \(requests) still in progress (open or matched\(before)); its done requests and its shares may still change.")
    }

    /// While the data is less than twelve months old, every resident is "new".
    func youngNewResidentsNote(label: String, _ coverage: DataCoverage) -> String {
        let months = coverage.monthsOfData
        let since = coverage.firstMonth.map { t(" (depuis \(monthName($0)))", " (since \(monthName($0)))") } ?? ""
        return t("« \(label) » : les données ne couvrent que \(monthCount(months))\(since) ; tant qu'elles ont moins de douze mois, presque chaque habitant compte comme nouveau.",
                 "\"\(label)\": the data covers only \(monthCount(months))\(since); until it is twelve months old, almost every resident counts as new.")
    }

    // MARK: Waiting requests

    var staleFlag: String { t("à vérifier : probablement clôturée sans mise à jour", "to check: probably closed without an update") }
    var remark: String { t("Remarque", "Remark") }
    var noAssociationShort: String { t("sans association", "no association") }

    func realWaitsTitle(_ count: Int, days: Int) -> String {
        t("Attentes réelles (\(count)) : en attente depuis plus de \(days) jours",
          "Real waits (\(count)): waiting for more than \(days) days")
    }

    func staleWaitsTitle(_ count: Int, days: Int) -> String {
        t("À vérifier (\(count)) : en attente depuis plus de \(days) jours, probablement clôturées sans mise à jour",
          "To check (\(count)): waiting for more than \(days) days, probably closed without an update")
    }

    /// The waiting sheet's intro with both counts.
    func waitingCounts(real: Int, stale: Int, staleDays: Int) -> String {
        let fr = "\(real) \(real > 1 ? "attentes réelles" : "attente réelle") ; "
            + (stale > 1 ? "\(stale) demandes à vérifier avec l'association qui les a traitées"
                         : "\(stale) demande à vérifier avec l'association qui l'a traitée")
            + " (en attente depuis plus de \(staleDays) jours : probablement \(stale > 1 ? "clôturées" : "clôturée") sans mise à jour)."
        let en = "\(real) real \(real == 1 ? "wait" : "waits"); \(stale) \(stale == 1 ? "request" : "requests") to check with "
            + "the association that handled \(stale == 1 ? "it" : "them") (waiting for more than \(staleDays) days: probably closed without an update)."
        return t(fr, en)
    }

    var noneInList: String { t("Aucune.", "None.") }
}
