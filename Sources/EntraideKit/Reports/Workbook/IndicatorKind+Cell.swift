import Foundation

/// How each kind of indicator is shown in a workbook cell.
extension IndicatorKind {
    /// The cell's number format: `#,##0` for counts, `0.0` for delays, `0%` for shares…
    var numberFormat: String {
        switch self {
        case .count, .residents: return "#,##0"
        case .hours: return "#,##0.0"
        case .delay, .decimal: return "0.0"
        case .share: return "0\"\(Self.nbsp)\"%"
        case .euros: return "#,##0\"\(Self.nbsp)€\""
        }
    }

    /// The no-break space of the number formats (before `%`, `€` and `pt`): LibreOffice and
    /// Excel both show it and never break a line there.
    static let nbsp = "\u{00A0}"

    /// The summary's relative change: `+25 %`, `−8 %`, `0 %`.
    static let relativeChangeFormat = "+0\"\(nbsp)\"%;-0\"\(nbsp)\"%;0\"\(nbsp)\"%"

    /// Format of a signed change of this kind of value (shares change in percentage points).
    var changeFormat: String {
        switch self {
        case .count, .residents: return "+#,##0;-#,##0;0"
        case .hours: return "+#,##0.0;-#,##0.0;0.0"
        case .delay, .decimal: return "+0.0;-0.0;0.0"
        case .share: return "+0\"\(Self.nbsp)pt\";-0\"\(Self.nbsp)pt\";0\"\(Self.nbsp)pt\""
        case .euros: return "+#,##0\"\(Self.nbsp)€\";-#,##0\"\(Self.nbsp)€\";0\"\(Self.nbsp)€\""
        }
    }

    /// Characters the value takes once formatted (for column widths).
    func displayWidth(_ value: Double) -> Int {
        let decimals: Int
        switch self {
        case .count, .residents, .euros: decimals = 0
        case .hours, .delay, .decimal: decimals = 1
        case .share: return 4
        }
        let integer = String(Int64(abs(value).rounded(.down))).count
        return integer + (integer - 1) / 3 + (decimals > 0 ? decimals + 1 : 0) + (value < 0 ? 1 : 0)
            + (self == .euros ? 2 : 0)
    }
}


extension IndicatorKind {
    /// The value as its cell shows it (`numberFormat`): counts and euros whole, hours, delays and
    /// means to one decimal, shares in whole percent (so `0.504` is `50`). The summary's changes
    /// are computed from these, so that they add up as printed (docs/INDICATORS.md).
    func displayed(_ value: Double) -> Double {
        switch self {
        case .count, .residents, .euros: return value.rounded(.toNearestOrAwayFromZero)
        case .hours, .delay, .decimal: return (value * 10).rounded(.toNearestOrAwayFromZero) / 10
        case .share: return (value * 100).rounded(.toNearestOrAwayFromZero)
        }
    }

    /// The change from `before` to `now` as printed: the difference of the displayed values, in
    /// the unit of `changeFormat` (percentage points for a share): 190,0 − 151,3 = +38,7.
    func displayedChange(from before: Double, to now: Double) -> Double {
        let diff = displayed(now) - displayed(before)
        switch self {
        case .hours, .delay, .decimal: return (diff * 10).rounded(.toNearestOrAwayFromZero) / 10
        default: return diff
        }
    }

    /// The relative change of the displayed values (`0.25` for +25 %); nil for a share (its
    /// change is in points) or when the displayed previous value is 0.
    func displayedRelativeChange(from before: Double, to now: Double) -> Double? {
        let base = displayed(before)
        guard self != .share, base != 0 else { return nil }
        return displayedChange(from: before, to: now) / abs(base)
    }
}
