import Foundation

/// The annual note's hours and their valuation (docs/INDICATORS.md, "Valuation method" and
/// "Accounting journal"): the figures, the method the accounts' annex needs, and the entries.
extension AnnualNote {
    func hoursSection() -> String {
        guard cur.data != .none else { return "" }
        let method = data.method
        let comparable = data.comparable
        let before = ValuationMethod(report: data.period.previous, settings: data.settings)
        var rows: [[String]] = [[catalogue["hours.total"].label(.note, language), exactHours(method.hours),
                                 comparable ? exactHours(prev.hours.total) : "–"]]
        if let cents = method.valuationCents {
            let previous = comparable ? before.valuationCents.map(money) ?? "–" : "–"
            rows.append([catalogue["hours.valuation_eur"].label(.note, language), money(cents), previous])
        }
        let basis = f.integer(Int(ValuationMethod.hoursPerFullTimeYear))
        rows.append([en ? "Full-time equivalents (\(basis) h a year)" : "Équivalents temps plein (\(basis) h par an)",
                     f.decimal(method.fullTimeEquivalent, 2), comparable ? f.decimal(before.fullTimeEquivalent, 2) : "–"])
        rows.append([en ? "Assignments done" : "Mises en relation réalisées", f.integer(method.assignmentsDone),
                     comparable ? f.integer(before.assignmentsDone) : "–"])
        rows.append([en ? "of which without hours (not valued)" : "dont sans durée déclarée (non valorisées)",
                     f.integer(method.assignmentsWithoutHours), comparable ? f.integer(before.assignmentsWithoutHours) : "–"])
        var out = "## " + (en ? "Hours and their valuation" : "Heures et valorisation") + "\n\n"
        out += table([en ? "Indicator" : "Indicateur", year, previousYear], align: ["l", "r", "r"], rows) + "\n"
        out += "### " + (en ? "Valuation method" : "Méthode de valorisation") + "\n\n"
        out += method.markdown(language) + "\n"
        out += entriesText()
        return out
    }

    /// The entries by month, and where the journal is.
    func entriesText() -> String {
        guard let journal else { return "" }
        var out = "### " + (en ? "Accounting entries" : "Écritures comptables") + "\n\n"
        let debits = journal.lines.filter { $0.debitCents != nil }
        guard !debits.isEmpty else {
            return out + (en ? "No hours in the year: no entry.\n" : "Aucune heure dans l'année : aucune écriture.\n")
        }
        let valued = data.report.months.filter { $0.indicators.hours.total > 0 }
        var rows: [[String]] = []
        for (line, month) in zip(debits, valued) {
            rows.append([line.date, escaped(line.label), exactHours(month.indicators.hours.total), money(line.debitCents ?? 0)])
        }
        rows.append(["", "**Total**", "**\(exactHours(data.method.hours))**", "**\(money(journal.totalCents))**"])
        out += table([en ? "Date" : "Date", en ? "Label" : "Libellé", en ? "Hours" : "Heures", en ? "Amount" : "Montant"],
                     align: ["l", "l", "r", "r"], rows) + "\n"
        out += en
            ? "Each amount is debited to 864 “Personnel bénévole” and credited to 875 “Bénévolat”. The file \(journal.fileName), beside this report, holds these entries as a journal an accounting program imports (CSV, “;”, UTF-8): its debit and credit totals are both \(money(journal.totalCents)).\n"
            : "Chaque montant est porté au débit du 864 « Personnel bénévole » et au crédit du 875 « Bénévolat ». Le fichier \(journal.fileName), à côté de ce rapport, contient ces écritures sous forme d'un journal qu'un logiciel de comptabilité importe (CSV, « ; », UTF-8) : ses totaux au débit et au crédit valent tous deux \(money(journal.totalCents)).\n"
        return out
    }
}
