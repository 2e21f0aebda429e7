import Foundation

/// How each kind of indicator is shown in a workbook cell.
extension IndicatorKind {
    /// The cell's number format: `#,##0` for counts, `0.0` for delays, `0%` for shares…
    var numberFormat: String {
        switch self {
        case .count, .residents: return "#,##0"
        case .hours: return "#,##0.0"
        case .delay, .decimal: return "0.0"
        case .share: return "0%"
        case .euros: return "#,##0\\ \"€\""
        }
    }

    /// Format of a signed change of this kind of value (shares change in percentage points).
    var changeFormat: String {
        switch self {
        case .count, .residents: return "+#,##0;-#,##0;0"
        case .hours: return "+#,##0.0;-#,##0.0;0.0"
        case .delay, .decimal: return "+0.0;-0.0;0.0"
        case .share: return "+0\" pt\";-0\" pt\";0\" pt\""
        case .euros: return "+#,##0\\ \"€\";-#,##0\\ \"€\";0\\ \"€\""
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

