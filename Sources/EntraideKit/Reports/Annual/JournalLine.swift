import Foundation

/// One line of the accounting journal (`AccountingJournal`): a debit or a credit of one
/// account on one date. Amounts are whole cents.
public struct JournalLine: Sendable, Equatable {
    /// The entry's date, the month's last day: `31/03/2026`.
    public var date: String
    /// The account number: `864` or `875`.
    public var account: String
    /// The account's name: « Personnel bénévole », « Bénévolat ».
    public var accountName: String
    /// « Valorisation du bénévolat — mars 2026 (123,5 h × 12,02 €) ».
    public var label: String
    /// Cents debited, nil on a credit line.
    public var debitCents: Int?
    /// Cents credited, nil on a debit line.
    public var creditCents: Int?

    public init(date: String, account: String, accountName: String, label: String, debitCents: Int?, creditCents: Int?) {
        self.date = date
        self.account = account
        self.accountName = accountName
        self.label = label
        self.debitCents = debitCents
        self.creditCents = creditCents
    }
}
