import Foundation

/// The accounting entries for the valuation of volunteer work (docs/INDICATORS.md, "Accounting
/// journal"): under ANC regulation 2018-06 the hours given are voluntary contributions in kind,
/// debit 864 « Personnel bénévole », credit 875 « Bénévolat ». One line pair per month that has
/// hours, dated the month's last day, labelled with the month, its hours and its rate(s).
///
/// The amounts are each month's valuation (`hours.valuation_eur`) rounded to the cent by the
/// largest remainder (`LargestRemainder.cents`), so that the period's debit and credit totals
/// both equal the period's valuation rounded to the cent, as the method note states it.
///
/// Written as CSV an accounting program imports: UTF-8 with a byte-order mark (so that a
/// spreadsheet reads the accents), `;` between fields, a decimal comma and two decimals, CRLF
/// line ends, a header line.
public struct AccountingJournal: Sendable, Equatable {
    /// The debit account and its name.
    public static let debitAccount = (number: "864", name: Localized("Personnel bénévole", "Volunteer staff"))
    /// The credit account and its name.
    public static let creditAccount = (number: "875", name: Localized("Bénévolat", "Volunteering"))

    public let from: Month
    public let to: Month
    public let language: Language
    /// The association the report is restricted to (its journal's file name ends with it).
    public let association: String?
    /// Two lines a month with hours, in month order: the debit, then the credit.
    public let lines: [JournalLine]
    /// The period's valuation rounded to the cent: the debit total, and the credit total.
    public let totalCents: Int

    /// The journal of a report's period (a year for the annual report); nil when no hourly rate
    /// is configured (nothing is valued, so there is nothing to enter).
    public init?(report: IndicatorReport, settings: Settings, language: Language = .fr) {
        guard settings.valuesHours else { return nil }
        from = report.from
        to = report.to
        self.language = language
        association = report.association
        let valued = report.months.filter { $0.indicators.hours.total > 0 }
        let cents = LargestRemainder.cents(valued.map { $0.indicators.hours.valuationEUR ?? 0 })
        totalCents = cents.reduce(0, +)
        var lines: [JournalLine] = []
        for (month, amount) in zip(valued, cents) {
            let date = Self.lastDay(month.month)
            let label = Self.label(month.month, month.indicators.hours, language)
            lines.append(JournalLine(date: date, account: Self.debitAccount.number,
                                     accountName: Self.debitAccount.name.text(language), label: label,
                                     debitCents: amount, creditCents: nil))
            lines.append(JournalLine(date: date, account: Self.creditAccount.number,
                                     accountName: Self.creditAccount.name.text(language), label: label,
                                     debitCents: nil, creditCents: amount))
        }
        self.lines = lines
    }

    /// The debit total in cents (equal to `totalCents`).
    public var debitTotalCents: Int { lines.compactMap(\.debitCents).reduce(0, +) }
    /// The credit total in cents (equal to `totalCents`).
    public var creditTotalCents: Int { lines.compactMap(\.creditCents).reduce(0, +) }

    /// `31/03/2026`: the last day of the month.
    static func lastDay(_ month: Month) -> String {
        let next = month.adding(1)
        let last = civilFromDays(daysFromCivil(next.year, next.month, 1) - 1)
        return String(format: "%02d/%02d/%04d", last.day, last.month, last.year)
    }

    /// « Valorisation du bénévolat — mars 2026 (123,5 h × 12,02 €) »; with two or three rates in
    /// the month « (100 h × 11,88 € + 23,5 h × 12,02 €) », with more « (123,5 h, taux multiples) ».
    /// Rates of the same amount (a domain rate equal to the general one) are one.
    static func label(_ month: Month, _ hours: HoursIndicators, _ language: Language) -> String {
        let en = language == .en
        var byAmount: [(eur: Double, hours: Double)] = []
        for r in hours.byRate {
            if let k = byAmount.firstIndex(where: { $0.eur == r.rate.eur }) { byAmount[k].hours += r.hours }
            else { byAmount.append((r.rate.eur, r.hours)) }
        }
        byAmount.sort { $0.eur < $1.eur }
        let detail: String
        if byAmount.count <= 3 {
            detail = byAmount.map { hoursText($0.hours, language) + " × " + HourlyRate.euros($0.eur, language) }
                .joined(separator: " + ")
        } else {
            detail = hoursText(hours.total, language) + (en ? ", several rates" : ", taux multiples")
        }
        return (en ? "Volunteer time valuation — " : "Valorisation du bénévolat — ") + month.name(language) + " (\(detail))"
    }

    /// Hours with up to two decimals, no trailing zero: `123,5 h`, `124 h`, `0,33 h`.
    static func hoursText(_ hours: Double, _ language: Language) -> String {
        var text = ReportFormatter(language: language).decimal(hours, 2)
        let comma: Character = language == .en ? "." : ","
        if text.contains(comma) {
            while text.hasSuffix("0") { text.removeLast() }
            if text.last == comma { text.removeLast() }
        }
        return text + ReportFormatter.nbsp + "h"
    }

    /// Cents as an amount an accounting program reads: `1234,56` (no thousands separator).
    static func amount(_ cents: Int?) -> String {
        guard let cents else { return "" }
        let sign = cents < 0 ? "-" : ""
        let m = cents.magnitude
        return sign + String(m / 100) + "," + (m % 100 < 10 ? "0" : "") + String(m % 100)
    }

    /// One CSV field: quoted when it holds `;`, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The CSV text, from the byte-order mark to the last CRLF.
    public var csv: String {
        let header = language == .en
            ? ["Date", "Account", "Account name", "Label", "Debit", "Credit"]
            : ["Date", "Compte", "Intitulé du compte", "Libellé", "Débit", "Crédit"]
        var text = "\u{FEFF}" + header.joined(separator: ";") + "\r\n"
        for line in lines {
            text += [line.date, line.account, line.accountName, line.label, Self.amount(line.debitCents),
                     Self.amount(line.creditCents)].map(Self.field).joined(separator: ";") + "\r\n"
        }
        return text
    }

    /// `ecritures-benevolat-2026.csv` for a calendar year, `ecritures-benevolat-2026-01-2026-06.csv`
    /// for another period (`volunteer-entries-…` in English), with the association's slug
    /// appended when restricted to one (`ecritures-benevolat-2026-afev.csv`), as the reports' names.
    public var fileName: String {
        let base = language == .en ? "volunteer-entries-" : "ecritures-benevolat-"
        var name = from.month == 1 && to.month == 12 && from.year == to.year ? base + "\(from.year)" : base + "\(from)-\(to)"
        name = TextKey.suffixed(name, association: association)
        return name + ".csv"
    }

    /// Writes the journal into `folder` as `fileName` (a temporary name, then renamed:
    /// `OutputFile`) and returns the file's path.
    @discardableResult
    public func write(into folder: String, policy: OutputPolicy = OutputPolicy()) throws -> String {
        let path = URL(fileURLWithPath: folder).appendingPathComponent(fileName).path
        try OutputFile.write(csv, to: path, policy: policy)
        return path
    }
}
