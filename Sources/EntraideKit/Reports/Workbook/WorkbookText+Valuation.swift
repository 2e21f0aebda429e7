import Foundation

/// The annual workbook's texts: its summary's year columns and the « Valorisation » sheet
/// (docs/INDICATORS.md, "Valuation method" and "Accounting journal").
extension WorkbookText {
    /// The summary's column of a calendar year: `Année 2026` / `Year 2026`.
    func yearHeader(_ year: Int) -> String { t("Année \(year)", "Year \(year)") }

    // MARK: Valuation sheet

    var valuationTitle: String { t("Valorisation du bénévolat", "Valuation of volunteer time") }
    var valuationMethodTitle: String { t("Méthode de valorisation", "Valuation method") }
    var valuationMonthsTitle: String { t("Heures et valorisation par mois", "Hours and valuation per month") }
    var journalTitle: String {
        t("Écritures comptables des contributions volontaires en nature (règlement ANC 2018-06)",
          "Accounting entries for the voluntary contributions in kind (ANC regulation 2018-06)")
    }

    // The monthly table's columns.
    var assignmentsDone: String { t("Mises en relation réalisées", "Assignments done") }
    var withoutHours: String { t("dont sans heures", "of which without hours") }
    var valuationAmount: String { t("Valorisation (€)", "Valuation (€)") }
    var rateDetail: String { t("Détail (heures × taux)", "Detail (hours × rate)") }
    /// The row under the months.
    var yearTotal: String { t("Total de l'année", "Year total") }

    /// The number format of an amount in euros and cents: `1 234,56 €` / `€1,234.56`.
    var euroCentsFormat: String { english ? "\"€\"#,##0.00" : "#,##0.00\"\u{00A0}€\"" }

    // The full-time equivalent.
    var fullTimeEquivalent: String { t("Équivalent temps plein (ETP)", "Full-time equivalent (FTE)") }
    func fullTimeEquivalentOverData(_ months: Int) -> String {
        t("ETP sur les \(months) mois couverts par les données", "FTE over the \(months) months the data covers")
    }
    /// `10,5 h ÷ 1 607 h (durée légale annuelle du travail)`.
    func fullTimeEquivalentBasis(hours: String, basis: String, legal: Bool) -> String {
        "\(hours) ÷ \(basis)" + (legal ? t(" (durée légale annuelle du travail)", " (the legal annual working time in France)")
                                        : t(" (durée légale annuelle, au prorata des mois)", " (the legal annual working time, pro rata)"))
    }

    // The journal's columns, as the CSV journal's header.
    var entryDate: String { t("Date", "Date") }
    var account: String { t("Compte", "Account") }
    var accountName: String { t("Intitulé du compte", "Account name") }
    var entryLabel: String { t("Libellé", "Label") }
    var debit: String { t("Débit", "Debit") }
    var credit: String { t("Crédit", "Credit") }
    var journalTotal: String { t("Total", "Total") }

    /// Under the totals row.
    func journalNote(fileName: String) -> String {
        t("Le total des débits (compte 864) est égal au total des crédits (compte 875) et à la valorisation de l'année, au centime : le montant de chaque mois est arrondi au centime de sorte que les mois s'additionnent exactement. Les mêmes écritures sont dans le fichier « \(fileName) » (séparateur « ; », UTF-8), à importer dans le logiciel comptable.",
          "The debits (account 864) total the credits (account 875) and the year's valuation, to the cent: each month's amount is rounded to the cent so that the months add up exactly. The same entries are in the file \"\(fileName)\" (separator \";\", UTF-8), to import into the accounting program.")
    }

    /// Without a configured rate: the hours are not valued, and which setting values them.
    func noRateSentence(_ unset: Localized) -> String {
        unset.text(language) + t(" Les heures ne sont donc pas valorisées et aucune écriture comptable n'est proposée ; pour les valoriser, donnez un taux horaire dans entraide.toml : « hourly_rate_eur = 12.02 » (un seul taux) ou « hourly_rates » (des taux datés, éventuellement par domaine).",
                                 " The hours are therefore not valued and no accounting entry is given; to value them, set an hourly rate in entraide.toml: \"hourly_rate_eur = 12.02\" (one rate) or \"hourly_rates\" (dated rates, possibly per domain).")
    }

    /// Under the monthly table: its amounts are the journal's.
    var monthsAreTheJournals: String {
        t("La valorisation de chaque mois est le montant de son écriture (ci-dessous) ; les heures de chaque mise en relation sont valorisées au taux en vigueur le jour où le service a été rendu.",
          "Each month's valuation is the amount of its entry (below); each assignment's hours are valued at the rate in force on the day the service was given.")
    }
}
