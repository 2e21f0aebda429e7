import Foundation

/// The valuation method the accounts' annex needs (docs/INDICATORS.md, "Valuation method"):
/// the unit, the rates and their sources, the period, what is left out, the full-time
/// equivalent, and how the entries are made. Built from a report's period (a year for the
/// annual report), as figures (`hours`, `fullTimeEquivalent`…) and as text (`paragraphs`,
/// `markdown`), from the same indicators as every other output.
public struct ValuationMethod: Sendable, Equatable {
    /// Hours of one full-time equivalent in a year: the legal annual working time in France
    /// (35 hours × 52 weeks, less public holidays and paid leave, plus the solidarity day).
    public static let hoursPerFullTimeYear = 1607.0

    public let from: Month
    public let to: Month
    /// Months in the period.
    public let months: Int
    /// Months of the period the data covers, fully or in part (docs/INDICATORS.md, "Data coverage").
    public let monthsWithData: Int
    /// `hours.total` of the period.
    public let hours: Double
    /// `hours.valuation_eur` of the period, not rounded; nil without a configured rate.
    public let valuationEUR: Double?
    /// The valuation rounded to the cent, as the journal's totals: nil without a rate.
    public let valuationCents: Int?
    /// The hours per rate that valued some, in the settings' order.
    public let byRate: [RatedHours]
    /// The configured rates in force on some day of the period for some domain
    /// (`Settings.ratesInForce`): a rate replaced before the period starts is not listed.
    public let rates: [HourlyRate]
    /// True when several rates are configured (the note then states the rule that picks one).
    public let datedRates: Bool
    /// Assignments done in the period, and of those the ones without hours (left out, counted).
    public let assignmentsDone: Int
    public let assignmentsWithoutHours: Int
    /// Hours of one full-time equivalent over the period: 1,607 × months ÷ 12.
    public let fullTimeHours: Double
    /// `hours` ÷ `fullTimeHours`.
    public let fullTimeEquivalent: Double
    /// Over the months the data covers, when it does not cover them all: hours ÷ (1,607 ×
    /// `monthsWithData` ÷ 12). Nil when every month is covered (then it is `fullTimeEquivalent`)
    /// or none is.
    public let fullTimeEquivalentOverData: Double?

    /// The settings the rates come from (for the domains' labels).
    public let settings: Settings

    public init(report: IndicatorReport, settings: Settings) {
        from = report.from
        to = report.to
        months = report.months.count
        monthsWithData = report.months.filter { $0.indicators.data != .none }.count
        let h = report.total.hours
        hours = h.total
        valuationEUR = h.valuationEUR
        byRate = h.byRate
        rates = settings.ratesInForce(from: report.from, to: report.to)
        datedRates = settings.valuationRates.count > 1
        assignmentsDone = h.assignmentsDone
        assignmentsWithoutHours = h.assignmentsWithoutHours
        // The journal's rounding: its totals are the sum of its months, each rounded so that
        // they add up to the period's valuation rounded to the cent.
        valuationCents = h.valuationEUR.map { _ in
            LargestRemainder.cents(report.months.filter { $0.indicators.hours.total > 0 }
                .map { $0.indicators.hours.valuationEUR ?? 0 }).reduce(0, +)
        }
        fullTimeHours = Self.hoursPerFullTimeYear * Double(months) / 12
        fullTimeEquivalent = fullTimeHours > 0 ? hours / fullTimeHours : 0
        fullTimeEquivalentOverData = monthsWithData > 0 && monthsWithData < months
            ? hours / (Self.hoursPerFullTimeYear * Double(monthsWithData) / 12) : nil
        self.settings = settings
    }

    /// The first general rate when it comes into force after the period starts: the days
    /// before it are valued at it, for want of an older rate (docs/INDICATORS.md, "Valuation").
    var earlierThanEveryRate: HourlyRate? {
        let general = settings.valuationRates.filter { $0.domain == nil }
        guard let first = general.min(by: { ($0.from ?? .min) < ($1.from ?? .min) }), let day = first.from,
              Int(day) > daysFromCivil(from.year, from.month, 1) else { return nil }
        return first
    }

    /// The period in words: « année 2026 », « de janvier à juin 2026 », « janvier 2026 ».
    func periodText(_ language: Language) -> String {
        let en = language == .en
        if from.month == 1 && to.month == 12 && from.year == to.year { return en ? "year \(from.year)" : "année \(from.year)" }
        if from == to { return from.name(language) }
        let start = from.year == to.year ? from.nameOnly(language) : from.name(language)
        return en ? "\(start) to \(to.name(language))" : "de \(start) à \(to.name(language))"
    }

    /// The note as titled paragraphs, in the order an annex gives them: unit, rates, period,
    /// left out, full-time equivalent, entries. French typography in French (a narrow no-break
    /// space before `:` and `;`, no-break spaces inside « »).
    public func paragraphs(_ language: Language) -> [(title: String, text: String)] {
        let en = language == .en
        let f = ReportFormatter(language: language)
        let colon = en ? ":" : "\u{202F}:"
        let semicolon = en ? ";" : "\u{202F};"
        func quoted(_ s: String) -> String { en ? "“\(s)”" : "«\u{00A0}\(s)\u{00A0}»" }
        func h(_ x: Double) -> String { AccountingJournal.hoursText(x, language) }
        var out: [(String, String)] = []

        out.append((en ? "Unit" : "Unité",
                    en ? "one hour of volunteer time given, as recorded for each assignment done; an hour belongs to the local day the service was given (date done, `done_at`), in the network's time zone."
                       : "l'heure de bénévolat donnée, telle qu'elle est déclarée pour chaque mise en relation réalisée\(semicolon) une heure compte pour le jour où le service a été rendu (date de réalisation, `done_at`), à l'heure locale du réseau."))

        var rateText: String
        if rates.isEmpty {
            rateText = en ? "no hourly rate is configured (settings `hourly_rate_eur` or `hourly_rates`): the hours are not valued."
                : "aucun taux horaire n'est configuré (réglage `hourly_rate_eur` ou `hourly_rates`)\(colon) les heures ne sont pas valorisées."
        } else {
            let list = rates.map { $0.description(language, settings: settings) }
            rateText = (datedRates ? (en ? "the rate in force on the day the service was given: " : "le taux en vigueur le jour où le service a été rendu\(colon) ")
                                   : (en ? "one rate for every day: " : "un seul taux pour tous les jours\(colon) "))
                + list.joined(separator: semicolon + " ") + "."
            if datedRates, settings.valuationRates.contains(where: { $0.domain != nil }) {
                rateText += en ? " A rate for one domain wins, from its date, over the general rate; before the first date, the first rate applies."
                    : " Un taux propre à un domaine l'emporte, à partir de sa date, sur le taux général\(semicolon) avant la première date, le premier taux s'applique."
            }
            if !byRate.isEmpty {
                let used = byRate.map { h($0.hours) + " × " + $0.rate.eurText(language) + " = " + HourlyRate.euros($0.valuationEUR, language) }
                rateText += (en ? " Over the period: " : " Sur la période\(colon) ") + used.joined(separator: semicolon + " ") + "."
            }
            if let before = earlierThanEveryRate {
                let date = before.fromText ?? ""
                let eur = before.eurText(language)
                rateText += en
                    ? " No rate is dated before \(date): the hours given before that day are valued at that first rate (\(eur)), for want of an older one; add the rate then in force to `hourly_rates` to value them at it."
                    : " Aucun taux n'est daté d'avant le \(date)\(colon) les heures données avant ce jour sont valorisées à ce premier taux (\(eur)), faute de taux plus ancien\(semicolon) ajoutez le taux alors en vigueur dans `hourly_rates` pour les valoriser à ce taux."
            }
            if rates.allSatisfy({ $0.source == nil }) {
                rateText += en ? " No source is given for the rate (setting `source`)." : " Aucune source n'est indiquée pour le taux (réglage `source`)."
            }
        }
        out.append((en ? "Rate" : "Taux", rateText))

        var period = periodText(language) + " (\(months) " + (en ? (months == 1 ? "month" : "months") : "mois") + ")"
        if monthsWithData < months {
            period += en ? "; the data covers \(monthsWithData) of them: the hours of the other months are not known, not zero."
                : "\(semicolon) les données en couvrent \(monthsWithData)\(colon) les heures des autres mois ne sont pas connues, elles ne sont pas nulles."
        } else {
            period += "."
        }
        out.append((en ? "Period" : "Période", period))

        let done = f.integer(assignmentsDone), without = f.integer(assignmentsWithoutHours)
        let leftOut: String
        if assignmentsDone == 0 {
            leftOut = en ? "no assignment was done in the period: there are no hours to value."
                : "aucune mise en relation n'a été réalisée dans la période\(colon) il n'y a pas d'heures à valoriser."
        } else if assignmentsWithoutHours == 0 {
            leftOut = en ? "every one of the \(done) assignments done in the period has its hours; none is left out."
                : "les \(done) mises en relation réalisées dans la période ont toutes leur durée\(semicolon) aucune n'est laissée de côté."
        } else {
            let one = assignmentsWithoutHours == 1
            leftOut = en ? "\(without) of the \(done) assignments done in the period " + (one ? "has" : "have")
                    + " no hours recorded (empty or 0): " + (one ? "it is" : "they are")
                    + " neither counted in the hours nor valued, so the valuation is a lower bound."
                : "\(without) des \(done) mises en relation réalisées dans la période " + (one ? "n'a" : "n'ont")
                    + " pas de durée déclarée (vide ou 0)\(colon) " + (one ? "elle n'est ni comptée" : "elles ne sont ni comptées")
                    + " dans les heures ni valorisée" + (one ? "" : "s") + ", la valorisation est donc un minimum."
        }
        out.append((en ? "Left out" : "Exclusions", leftOut
            + (en ? " Time not recorded as an assignment (coordination, travel) is not counted."
                  : " Le temps qui n'est pas déclaré comme une mise en relation (coordination, déplacements) n'est pas compté.")))

        let basis = f.decimal(Self.hoursPerFullTimeYear, 0)
        // French puts the plural from 2 on, English on every number but 1.
        func equivalents(_ x: Double) -> String {
            let text = f.decimal(x, 2)
            if en { return text + (text == "1.00" ? " full-time equivalent" : " full-time equivalents") }
            return text + ((x * 100).rounded() >= 200 ? " équivalents temps plein" : " équivalent temps plein")
        }
        var fte = h(hours) + " ÷ " + h(fullTimeHours) + " = " + equivalents(fullTimeEquivalent)
            + (en ? " (FTE), at \(basis) hours a year" : " (ETP), à raison de \(basis) heures par an")
        if months != 12 {
            fte += en ? "; for a period of \(months) months, \(basis) × \(months) ÷ 12 = \(h(fullTimeHours))."
                : "\(semicolon) pour une période de \(months) mois, \(basis) × \(months) ÷ 12 = \(h(fullTimeHours))."
        } else {
            fte += "."
        }
        if let over = fullTimeEquivalentOverData {
            let basisOver = h(Self.hoursPerFullTimeYear * Double(monthsWithData) / 12)
            fte += en ? " Over the \(monthsWithData) months the data covers (\(basis) × \(monthsWithData) ÷ 12 = \(basisOver)): \(equivalents(over))."
                : " Sur les \(monthsWithData) mois que couvrent les données (\(basis) × \(monthsWithData) ÷ 12 = \(basisOver))\(colon) \(equivalents(over))."
        }
        out.append((en ? "Full-time equivalent" : "Équivalent temps plein", fte))

        if valuationCents != nil, hours == 0 {
            out.append((en ? "Entries" : "Écritures",
                        en ? "none: without hours in the period there is nothing to enter (debit 864, credit 875, ANC regulation 2018-06)."
                           : "aucune\(colon) sans heures dans la période, il n'y a rien à passer en écriture (débit 864, crédit 875, règlement ANC 2018-06)."))
        } else if let valuationCents {
            let total = HourlyRate.euros(Double(valuationCents) / 100, language)
            out.append((en ? "Entries" : "Écritures",
                        en ? "\(total) in all: for each month with hours, on its last day, debit 864 \(quoted("Personnel bénévole")) (volunteer staff) and credit 875 \(quoted("Bénévolat")) (volunteering), ANC regulation 2018-06. Each month's amount is rounded to the cent so that the debits and the credits add up to the period's valuation rounded to the cent."
                           : "\(total) au total\(colon) pour chaque mois qui a des heures, à son dernier jour, débit 864 \(quoted("Personnel bénévole")) et crédit 875 \(quoted("Bénévolat")) (règlement ANC 2018-06). Le montant de chaque mois est arrondi au centime de sorte que les débits et les crédits totalisent la valorisation de la période arrondie au centime."))
        }
        return out
    }

    /// The note as Markdown: one paragraph per item, its title in bold.
    public func markdown(_ language: Language) -> String {
        let colon = language == .en ? ":" : "\u{202F}:"
        return paragraphs(language).map { "**\($0.title)**\(colon) \($0.text)" }.joined(separator: "\n\n") + "\n"
    }
}
