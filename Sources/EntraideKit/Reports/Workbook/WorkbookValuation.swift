import Foundation

/// What the annual workbook's « Valorisation » sheet shows besides the monthly series: the
/// valuation method the accounts' annex needs and the accounting journal (docs/INDICATORS.md,
/// "Valuation method" and "Accounting journal"), built from the same report as every other sheet.
struct WorkbookValuation {
    /// The method note, as titled paragraphs, and the full-time equivalent.
    var method: ValuationMethod
    /// The entries, in the workbook's language; nil without an hourly rate (nothing is valued).
    var journal: AccountingJournal?

    /// Each month's amount in cents as the journal enters it (its debit line), by the entry's
    /// date: the monthly table shows these, never a re-rounded value, so that its months add up
    /// to the journal's total.
    var centsByDate: [String: Int] {
        var cents: [String: Int] = [:]
        for line in journal?.lines ?? [] {
            if let debit = line.debitCents { cents[line.date, default: 0] += debit }
        }
        return cents
    }

    /// The amount the journal enters for `month` (0 for a month without hours); nil without a journal.
    func cents(_ month: Month, in table: [String: Int]) -> Int? {
        guard journal != nil else { return nil }
        return table[AccountingJournal.lastDay(month)] ?? 0
    }
}
