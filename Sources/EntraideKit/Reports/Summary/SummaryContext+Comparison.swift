import Foundation

/// What the monthly note may compare, and how it says what the data does not cover
/// (docs/INDICATORS.md, "Data coverage and the as-of instant" and "The monthly note and the workbooks").
extension SummaryContext {
    /// The month before may be compared with the month: the report month has data, the month
    /// before is `complete`, and it is not the first month of data (which may start part-way
    /// through the month: the data says only in which month it starts).
    var comparable: Bool {
        cur.data != .none && data.coverage.isComparable(from: data.previousMonth, to: data.previousMonth)
    }

    /// The month is still running: by the report's clock (its reference time is before the
    /// month's end), or by the data's (it is the month of the as-of instant, `partial`).
    var running: Bool { cur.data != .none && (!monthComplete || cur.data == .partial) }

    /// The day a running month's figures stop at: today by the report's clock, else the as-of date.
    var runningDate: String {
        if !monthComplete { return referenceDate }
        return data.coverage.asOf.map(f.date) ?? referenceDate
    }

    /// The report month is in the first twelve months of data (`coverage.monthsOfData`, counted
    /// up to the report month for a past month): almost every resident is new, `residents.new`
    /// is flagged and never news.
    var firstYearOfData: Bool {
        guard let first = data.coverage.firstMonth else { return false }
        return min(data.coverage.monthsOfData, first.distance(to: data.month) + 1) < 12
    }

    /// `28 octobre 2026`: the data's as-of date (its latest event), `–` without data.
    var asOfDate: String { data.coverage.asOf.map(f.date) ?? "–" }

    /// `en mai` / `in May`, with the year when it differs from the report month's.
    func inMonth(_ m: Month) -> String {
        let name = m.year == data.month.year ? f.monthOnly(m) : f.monthName(m)
        return en ? "in \(name)" : "en \(name)"
    }

    /// `avec mai` / `with May`, with the year when it differs from the report month's.
    func withMonth(_ m: Month) -> String {
        let name = m.year == data.month.year ? f.monthOnly(m) : f.monthName(m)
        return en ? "with \(name)" : "avec \(name)"
    }

    /// Why the report month has no figures (its data is `none`), nil when it has.
    var noDataReason: String? {
        guard cur.data == .none else { return nil }
        let month = f.monthName(data.month)
        guard let first = data.coverage.firstMonth else {
            return en ? "The database holds no request yet: no figures for \(month)."
                : "La base ne contient encore aucune demande : aucun chiffre pour \(month)."
        }
        if data.month < first {
            return en ? "The data starts in \(f.monthName(first)): no figures for \(month)."
                : "Les données commencent en \(f.monthName(first)) : aucun chiffre pour \(month)."
        }
        return en ? "The data stops on \(asOfDate) (its latest event): no figures for \(month)."
            : "Les données s'arrêtent au \(asOfDate) (dernier événement enregistré) : aucun chiffre pour \(month)."
    }

    /// Why the month before is not compared, nil when it is (or when the month itself has no data).
    var noComparisonReason: String? {
        guard cur.data != .none, !comparable else { return nil }
        let p = data.previousMonth
        if let first = data.coverage.firstMonth, first == p, !data.coverage.firstMonthFromItsStart {
            return en ? "The data starts in \(f.monthName(first)), possibly part-way through the month: no comparison \(withMonth(p))."
                : "Les données commencent en \(f.monthName(first)), peut-être en cours de mois : pas de comparaison \(withMonth(p))."
        }
        if let first = data.coverage.firstMonth, p < first {
            return en ? "The data starts in \(f.monthName(first)): no comparison \(withMonth(p))."
                : "Les données commencent en \(f.monthName(first)) : pas de comparaison \(withMonth(p))."
        }
        return en ? "The data for \(f.monthName(p)) is incomplete: no comparison \(withMonth(p))."
            : "Les données de \(f.monthName(p)) sont incomplètes : pas de comparaison \(withMonth(p))."
    }

    /// `4 demandes du mois sont encore en cours` / `4 of its requests are still in progress`.
    var inProgressText: String {
        let n = cur.requests.inProgress
        if en {
            return n == 0 ? "none of its requests is still in progress"
                : "\(plural(n, "of its requests is", "of its requests are")) still in progress (open or matched)"
        }
        return n == 0 ? "aucune de ses demandes n'est encore en cours"
            : "\(plural(n, "de ses demandes est", "de ses demandes sont")) encore en cours (en attente ou mises en relation)"
    }

    /// The note at the top of the document: a month still running (a month without data says
    /// so in the lead, which has nothing else to say).
    var statusNote: String? {
        guard running else { return nil }
        if !monthComplete {
            return en ? "The month is not over: the figures stop on \(referenceDate), and \(inProgressText)."
                : "Le mois n'est pas terminé : les chiffres s'arrêtent au \(referenceDate), et \(inProgressText)."
        }
        return en
            ? "The data stops on \(asOfDate) (its latest event): \(f.monthName(data.month)) is the data's last month, still open, and \(inProgressText)."
            : "Les données s'arrêtent au \(asOfDate) (dernier événement enregistré) : \(f.monthName(data.month)) est le dernier mois des données, encore ouvert, et \(inProgressText)."
    }

    /// The data's coverage, for the methods section.
    func coverageValue() -> [String: Any] {
        let cov = data.coverage
        let text: String
        if let first = cov.firstMonth {
            text = en
                ? "The data covers the requests received since \(f.monthName(first)); its latest event (the data's as-of date) is on \(asOfDate)."
                : "Les données couvrent les demandes reçues depuis \(f.monthName(first)) ; leur dernier événement enregistré (la date des données) est du \(asOfDate)."
        } else {
            text = en ? "The database holds no request yet." : "La base ne contient encore aucune demande."
        }
        return ["first_month": cov.firstMonth.map { monthValue($0) as Any } ?? false, "as_of": asOfDate,
                "months": f.integer(cov.monthsOfData), "text": text]
    }

    /// The footnotes of the headline table and their markers.
    var tableNotes: SummaryTableNotes {
        var notes = SummaryTableNotes()
        guard cur.data != .none else { return notes }
        if let reason = noComparisonReason {
            let sentence = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
            _ = notes.add(sentence + (en ? " (“–” in the tables)." : " (« – » dans les tableaux)."), numbered: false)
        }
        if running && comparable {
            let n = cur.requests.inProgress
            let effect = en ? (n == 0 ? ", but more may still come" : " and may still change these figures")
                : (n == 0 ? ", mais d'autres peuvent encore arriver" : n == 1 ? " et peut encore changer ces chiffres"
                   : " et peuvent encore changer ces chiffres")
            let text = en
                ? "\(monthComplete ? "The data's last month, still open" : "Month still running") (figures up to \(runningDate)): \(inProgressText)\(effect); their change is not a trend."
                : "\(monthComplete ? "Dernier mois des données, encore ouvert" : "Mois en cours") (chiffres au \(runningDate)) : \(inProgressText)\(effect) ; leur évolution n'est pas une tendance."
            notes.runningMarker = notes.add(text, numbered: true)
        }
        if firstYearOfData, let first = data.coverage.firstMonth {
            let text = en
                ? "First year of data (since \(f.monthName(first))): almost every resident is new, so this figure does not yet measure newcomers, and it is not compared."
                : "Première année de données (depuis \(f.monthName(first))) : presque tous les habitants sont nouveaux ; ce chiffre ne mesure pas encore l'arrivée de nouveaux habitants et n'est pas comparé."
            let marker = notes.add(text, numbered: true)
            notes.newResidents = (marker, text)
        }
        return notes
    }

    // MARK: Changes, from the values as printed (`ReportFormatter+Change`)

    func printed(_ value: Double, _ decimals: Int) -> Double { ReportFormatter.printed(value, decimals) }
    func countChange(_ c: Int, _ p: Int) -> String { f.countChange(c, p) }
    func change(_ c: IndicatorValue, _ p: IndicatorValue, _ kind: IndicatorKind) -> String { f.change(c, p, kind) }
}
