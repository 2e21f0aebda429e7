import Foundation

/// The kind of number an indicator is. It decides how every output shows it: rounding in the
/// terminal table, the number format of a workbook cell (`IndicatorKind+Cell.swift`), the text
/// of the notes, and whether a small value is suppressed for funders.
public enum IndicatorKind: Sendable, Equatable {
    /// A whole count.
    case count
    /// A count of residents: shown as `< N` below the suppression threshold in funder outputs.
    case residents
    /// Volunteer hours (a sum).
    case hours
    /// A delay in hours (a statistic of delays).
    case delay
    /// A share between 0 and 1, shown as a percentage.
    case share
    /// A mean or median of counts.
    case decimal
    /// Euros.
    case euros
}

/// One indicator value as written out: an integer, a decimal number or null.
public enum IndicatorValue: Sendable, Equatable {
    case int(Int)
    case double(Double)
    case null

    init(_ v: Int?) { self = v.map { .int($0) } ?? .null }
    init(_ v: Double?) { self = v.map { .double($0) } ?? .null }

    /// Locale-independent, unrounded: integers as integers, decimals shortest-round-trip.
    public var jsonText: String {
        switch self {
        case .int(let v): return String(v)
        case .double(let v): return v.isFinite ? v.description : "null"
        case .null: return "null"
        }
    }

    /// The value as a number for a workbook cell or a chart; nil for null.
    public var number: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        case .null: return nil
        }
    }
}
