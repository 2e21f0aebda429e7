import CXlsxWriter

/// A fill pattern for a column or bar series: hatching that stays distinct in grey, where
/// colours of similar lightness print alike.
public enum ChartPattern: Hashable, Sendable, CaseIterable {
    // In the order the reports use them: LibreOffice prints the first five as a diagonal
    // hatching, a dark fill, a check, a light fill and horizontal lines, all distinct in grey.
    case wideUpwardDiagonal, darkVertical, largeCheck, percent50, narrowHorizontal, wideDownwardDiagonal, divot,
         largeGrid, solidDiamond, lightVertical

    var lxw: UInt8 {
        let value: lxw_chart_pattern_type
        switch self {
        case .wideUpwardDiagonal: value = LXW_CHART_PATTERN_WIDE_UPWARD_DIAGONAL
        case .darkVertical: value = LXW_CHART_PATTERN_DARK_VERTICAL
        case .largeCheck: value = LXW_CHART_PATTERN_LARGE_CHECK
        case .narrowHorizontal: value = LXW_CHART_PATTERN_NARROW_HORIZONTAL
        case .percent50: value = LXW_CHART_PATTERN_PERCENT_50
        case .divot: value = LXW_CHART_PATTERN_DIVOT
        case .largeGrid: value = LXW_CHART_PATTERN_LARGE_GRID
        case .wideDownwardDiagonal: value = LXW_CHART_PATTERN_WIDE_DOWNWARD_DIAGONAL
        case .solidDiamond: value = LXW_CHART_PATTERN_SOLID_DIAMOND
        case .lightVertical: value = LXW_CHART_PATTERN_LIGHT_VERTICAL
        }
        return UInt8(value.rawValue)
    }
}
