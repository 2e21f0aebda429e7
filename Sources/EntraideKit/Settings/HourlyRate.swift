import Foundation

/// One hourly rate used to value volunteer time (docs/INDICATORS.md, "Valuation"): in force from
/// a local day, for every domain or for one, with the text that says where it comes from.
///
/// `hourly_rate_eur = 15` is one general rate in force on every day (`from` nil);
/// `hourly_rates = [{from = "2026-01-01", eur = 12.02, source = "SMIC horaire brut"}]` gives dated rates.
public struct HourlyRate: Sendable, Equatable {
    /// First local day the rate is in force (days since 1970-01-01); nil for `hourly_rate_eur`,
    /// in force on every day.
    public var from: Int32?
    /// Euros an hour (0 to 1000).
    public var eur: Double
    /// Where the rate comes from ("SMIC horaire brut au 1er janvier 2026"), nil when not given.
    public var source: String?
    /// The configured domain code the rate is for; nil for a general rate.
    public var domain: String?

    public init(from: Int32? = nil, eur: Double, source: String? = nil, domain: String? = nil) {
        self.from = from
        self.eur = eur
        self.source = source
        self.domain = domain
    }

    /// A rate in force from `year-month-day` (a real date).
    public init(from year: Int, _ month: Int, _ day: Int, eur: Double, source: String? = nil, domain: String? = nil) {
        self.init(from: Int32(daysFromCivil(year, month, day)), eur: eur, source: source, domain: domain)
    }

    /// `from` as a date, `(2026, 1, 1)`; nil for a rate in force on every day.
    public var fromDate: (year: Int, month: Int, day: Int)? { from.map { civilFromDays(Int($0)) } }

    /// `from` written `01/01/2026` (the documents' date form); nil for a rate in force on every day.
    public var fromText: String? {
        fromDate.map { String(format: "%02d/%02d/%04d", $0.day, $0.month, $0.year) }
    }
}
