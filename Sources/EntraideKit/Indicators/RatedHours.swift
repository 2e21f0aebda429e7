import Foundation

/// Hours valued at one configured rate in a month or a period (docs/INDICATORS.md,
/// "Valuation"): what the accounting journal's labels and the valuation method list.
public struct RatedHours: Sendable, Equatable {
    /// Index of the rate in `Settings.valuationRates`.
    public var index: Int
    /// The rate itself.
    public var rate: HourlyRate
    /// Hours of the assignments done in the period valued at this rate.
    public var hours: Double
    /// `hours` × `rate.eur`, not rounded.
    public var valuationEUR: Double

    public init(index: Int, rate: HourlyRate, hours: Double, valuationEUR: Double) {
        self.index = index
        self.rate = rate
        self.hours = hours
        self.valuationEUR = valuationEUR
    }
}
