import CXlsxWriter

/// The marker drawn at each point of a line series: with a dash style, what tells series apart
/// once printed in grey.
public enum ChartMarker: Hashable, Sendable {
    case none, square, diamond, triangle, x, circle

    var lxw: UInt8 {
        let value: lxw_chart_marker_type
        switch self {
        case .none: value = LXW_CHART_MARKER_NONE
        case .square: value = LXW_CHART_MARKER_SQUARE
        case .diamond: value = LXW_CHART_MARKER_DIAMOND
        case .triangle: value = LXW_CHART_MARKER_TRIANGLE
        case .x: value = LXW_CHART_MARKER_X
        case .circle: value = LXW_CHART_MARKER_CIRCLE
        }
        return UInt8(value.rawValue)
    }
}
