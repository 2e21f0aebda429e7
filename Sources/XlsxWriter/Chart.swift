import CXlsxWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chart kinds used by the reports.
public enum ChartType: Hashable, Sendable, CustomStringConvertible {
    case line
    case column
    case stackedColumn
    /// Horizontal bars.
    case bar
    case stackedBar

    var lxwType: lxw_chart_type {
        switch self {
        case .line: return LXW_CHART_LINE
        case .column: return LXW_CHART_COLUMN
        case .stackedColumn: return LXW_CHART_COLUMN_STACKED
        case .bar: return LXW_CHART_BAR
        case .stackedBar: return LXW_CHART_BAR_STACKED
        }
    }

    var isHorizontal: Bool { self == .bar || self == .stackedBar }

    public var description: String {
        switch self {
        case .line: return "line"
        case .column: return "column"
        case .stackedColumn: return "stacked column"
        case .bar: return "bar"
        case .stackedBar: return "stacked bar"
        }
    }
}

public enum LegendPosition: Hashable, Sendable {
    case none, right, left, top, bottom

    var lxw: UInt8 {
        let value: lxw_chart_legend_position
        switch self {
        case .none: value = LXW_CHART_LEGEND_NONE
        case .right: value = LXW_CHART_LEGEND_RIGHT
        case .left: value = LXW_CHART_LEGEND_LEFT
        case .top: value = LXW_CHART_LEGEND_TOP
        case .bottom: value = LXW_CHART_LEGEND_BOTTOM
        }
        return UInt8(value.rawValue)
    }
}

public enum LineDash: Hashable, Sendable {
    case solid, dash, roundDot, squareDot, longDash, dashDot

    var lxw: UInt8 {
        let value: lxw_chart_line_dash_type
        switch self {
        case .solid: value = LXW_CHART_LINE_DASH_SOLID
        case .dash: value = LXW_CHART_LINE_DASH_DASH
        case .roundDot: value = LXW_CHART_LINE_DASH_ROUND_DOT
        case .squareDot: value = LXW_CHART_LINE_DASH_SQUARE_DOT
        case .longDash: value = LXW_CHART_LINE_DASH_LONG_DASH
        case .dashDot: value = LXW_CHART_LINE_DASH_DASH_DOT
        }
        return UInt8(value.rawValue)
    }
}

/// A native Excel chart created by `Workbook.addChart`. Its data are ranges of
/// worksheet cells; place it with `Worksheet.insertChart`.
///
/// Axes are named as displayed: `x` is horizontal, `y` vertical (for bar charts
/// the horizontal axis carries the values).
public final class Chart {
    static let defaultWidth = 480.0
    static let defaultHeight = 288.0

    public let type: ChartType
    let workbook: Workbook
    let pointer: UnsafeMutablePointer<lxw_chart>
    private(set) var seriesCount = 0
    var isInserted = false
    private(set) var width = Chart.defaultWidth
    private(set) var height = Chart.defaultHeight

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_chart>, type: ChartType) {
        self.workbook = workbook
        self.pointer = pointer
        self.type = type
    }

    private func run(_ request: @autoclosure () -> String, _ body: (UnsafeMutablePointer<lxw_chart>) -> Void) throws {
        try workbook.withHandle(request()) { _ in body(pointer) }
    }

    /// Text shown literally: libxlsxwriter reads a leading `=` as a formula, so
    /// such text gets a leading space.
    static func literal(_ text: String) -> String {
        let clean = cText(text)
        return clean.hasPrefix("=") ? " " + clean : clean
    }

    /// Adds a data series.
    /// - Parameters:
    ///   - values: the numbers (one row or column).
    ///   - categories: the labels of the category axis (same length as `values`).
    ///   - name: the series name shown in the legend.
    ///   - color: line colour (line charts) or fill colour (column/bar charts).
    ///   - dash: line dash (line charts; e.g. `.dash` for a target line).
    ///   - lineWidth: in points.
    ///   - marker: the marker at each point (line charts); nil leaves the chart's default (none).
    ///   - pattern: a hatched fill in `color` over white (column and bar charts).
    ///   - labels: shows each point's value beside it, in `labelFormat` when given.
    public func addSeries(values: CellRange, categories: CellRange? = nil, name: String? = nil,
                          color: XlsxColor? = nil, dash: LineDash? = nil, lineWidth: Double? = nil,
                          marker: ChartMarker? = nil, markerSize: Int? = nil, pattern: ChartPattern? = nil,
                          labels: Bool = false, labelFormat: String? = nil) throws {
        let request = "add the series \(name.map { "\"\($0)\" " } ?? "")\(values.formula) to a \(type) chart"
        try values.validate(request: request)
        try categories?.validate(request: request)
        for range in [values] + (categories.map { [$0] } ?? []) {
            guard workbook.sheetNames.contains(range.sheet) else {
                throw XlsxError.wrapper("there is no worksheet named \"\(range.sheet)\"", request: request,
                                        hint: "add the worksheet before charting its cells")
            }
        }
        guard values.firstRow == values.lastRow || values.firstCol == values.lastCol else {
            throw XlsxError.wrapper("series values must be a single row or column", request: request)
        }
        if let lineWidth, !(lineWidth.isFinite && lineWidth > 0 && lineWidth <= 1584) {
            throw XlsxError.wrapper("line width must be between 0 and 1584 points", request: request)
        }
        if let markerSize, !(2...72).contains(markerSize) {
            throw XlsxError.wrapper("a marker is between 2 and 72 points", request: request)
        }
        let labelFormatText = labelFormat.map(cText)
        var failed = false
        try run(request) { chart in
            // Ranges are given by sheet name and coordinates so that libxlsxwriter finds
            // the sheet (it does not unescape '' when parsing a formula) and caches the
            // data; the formula text is then replaced by ours, which also quotes names
            // such as "2024" or "A1" that the library would leave bare.
            guard let series = chart_add_series(chart, nil, nil) else { failed = true; return }
            Self.setRange(series.pointee.values, values) { chart_series_set_values(series, $0, $1, $2, $3, $4) }
            if let categories {
                Self.setRange(series.pointee.categories, categories) {
                    chart_series_set_categories(series, $0, $1, $2, $3, $4)
                }
            }
            if let name { Self.literal(name).withCString { chart_series_set_name(series, $0) } }
            if color != nil || dash != nil || lineWidth != nil {
                var line = lxw_chart_line()
                if let color { line.color = color.lxw }
                if let dash { line.dash_type = dash.lxw }
                if let lineWidth { line.width = Float(lineWidth) }
                if type == .line || dash != nil || lineWidth != nil {
                    chart_series_set_line(series, &line)
                }
                if type != .line, let color, pattern == nil {
                    var fill = lxw_chart_fill()
                    fill.color = color.lxw
                    chart_series_set_fill(series, &fill)
                }
            }
            if let pattern {
                var fill = lxw_chart_pattern()
                fill.fg_color = (color ?? .black).lxw
                fill.bg_color = XlsxColor.white.lxw
                fill.type = pattern.lxw
                chart_series_set_pattern(series, &fill)
                // A thin outline in the same colour keeps light hatching's edges visible.
                var outline = lxw_chart_line()
                outline.color = (color ?? .black).lxw
                outline.width = 0.75
                chart_series_set_line(series, &outline)
            }
            if let marker {
                chart_series_set_marker_type(series, marker.lxw)
                if let markerSize { chart_series_set_marker_size(series, UInt8(markerSize)) }
                if marker != .none, let color {
                    var fill = lxw_chart_fill()
                    fill.color = color.lxw
                    chart_series_set_marker_fill(series, &fill)
                    var line = lxw_chart_line()
                    line.color = color.lxw
                    chart_series_set_marker_line(series, &line)
                }
            }
            if labels {
                chart_series_set_labels(series)
                chart_series_set_labels_position(series, UInt8(LXW_CHART_LABEL_POSITION_ABOVE.rawValue))
                if let labelFormatText { labelFormatText.withCString { chart_series_set_labels_num_format(series, $0) } }
            }
        }
        if failed { throw XlsxError.wrapper("libxlsxwriter refused the series", request: request) }
        seriesCount += 1
    }

    private static func setRange(_ target: UnsafeMutablePointer<lxw_series_range>?, _ range: CellRange,
                                 _ set: (UnsafePointer<CChar>, UInt32, UInt16, UInt32, UInt16) -> Void) {
        cText(range.sheet).withCString {
            set($0, UInt32(range.firstRow), UInt16(range.firstCol), UInt32(range.lastRow), UInt16(range.lastCol))
        }
        guard let target else { return }
        let formula = String(range.formula.dropFirst())  // without "="
        if let current = target.pointee.formula, String(cString: current) == formula { return }
        free(target.pointee.formula)
        target.pointee.formula = strdup(formula)
    }

    /// The chart's title.
    public func setTitle(_ title: String) throws {
        let text = Self.literal(title)
        try run("set a chart title") { chart in text.withCString { chart_title_set_name(chart, $0) } }
    }

    /// Title of the horizontal axis.
    public func setXAxisTitle(_ title: String) throws {
        let text = Self.literal(title)
        try run("set a chart axis title") { chart in text.withCString { chart_axis_set_name(chart.pointee.x_axis, $0) } }
    }

    /// Rotation of the category axis labels, in degrees (−90…90): long series of months fit
    /// on one line each when slanted.
    public func setCategoryAxisLabelRotation(_ degrees: Int) throws {
        let request = "rotate the chart's category labels by \(degrees)°"
        guard (-90...90).contains(degrees) else { throw XlsxError.wrapper("a rotation is between -90 and 90 degrees", request: request) }
        let horizontal = type.isHorizontal
        try run(request) { chart in
            var font = lxw_chart_font()
            font.rotation = Int32(degrees)
            chart_axis_set_num_font(horizontal ? chart.pointee.y_axis : chart.pointee.x_axis, &font)
        }
    }

    /// Title of the vertical axis.
    public func setYAxisTitle(_ title: String) throws {
        let text = Self.literal(title)
        try run("set a chart axis title") { chart in text.withCString { chart_axis_set_name(chart.pointee.y_axis, $0) } }
    }

    /// Number format of the value axis labels (`0`, `0%`, `# ##0`…).
    public func setValueAxisNumberFormat(_ numberFormat: String) throws {
        let text = cText(numberFormat)
        let horizontal = type.isHorizontal
        try run("set a chart axis number format") { chart in
            text.withCString { chart_axis_set_num_format(horizontal ? chart.pointee.x_axis : chart.pointee.y_axis, $0) }
        }
    }

    /// Bounds of the value axis (nil leaves Excel's automatic bound).
    public func setValueAxisRange(min: Double? = nil, max: Double? = nil) throws {
        let request = "set a chart axis range"
        if let min, !min.isFinite { throw XlsxError.wrapper("the minimum must be finite", request: request) }
        if let max, !max.isFinite { throw XlsxError.wrapper("the maximum must be finite", request: request) }
        let horizontal = type.isHorizontal
        try run(request) { chart in
            let axis = horizontal ? chart.pointee.x_axis : chart.pointee.y_axis
            if let min { chart_axis_set_min(axis, min) }
            if let max { chart_axis_set_max(axis, max) }
        }
    }

    /// Number format of the category axis labels: `[$-40C]mmm yyyy` shows date cells as `janv. 2026`.
    public func setCategoryAxisNumberFormat(_ numberFormat: String) throws {
        let text = cText(numberFormat)
        let horizontal = type.isHorizontal
        try run("set a chart category axis number format") { chart in
            text.withCString { chart_axis_set_num_format(horizontal ? chart.pointee.y_axis : chart.pointee.x_axis, $0) }
        }
    }

    /// Draws the data of hidden rows and columns too: a helper range kept out of sight (a
    /// constant target line) still charts.
    public func showHiddenData() throws {
        try run("show a chart's hidden data") { chart_show_hidden_data($0) }
    }

    /// Where the legend goes (`.none` hides it).
    public func setLegendPosition(_ position: LegendPosition) throws {
        try run("set a chart legend position") { chart_legend_set_position($0, position.lxw) }
    }

    /// Size in pixels when inserted (default 480 × 288).
    public func setSize(width: Double, height: Double) throws {
        guard width.isFinite, height.isFinite, width >= 50, height >= 50, width <= 10_000, height <= 10_000 else {
            throw XlsxError.wrapper("a chart is between 50 and 10000 pixels wide and high",
                                    request: "set the chart size to \(width)×\(height)")
        }
        guard !isInserted else {
            throw XlsxError.wrapper("the chart is already placed", request: "set the chart size")
        }
        self.width = width
        self.height = height
    }
}
