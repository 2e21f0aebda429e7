import Foundation

/// Small, dependency-free SVG charts for the Markdown summary: a white background, axes with
/// ticks and titles, labels in the report's language, black and grey only (bars with a black
/// outline, series told apart by dash pattern and marker shape) so they read in black and
/// white and when printed. No external fonts, images or scripts.
///
/// Every bar is a `<rect class="bar">` and every data point a `<circle|rect|path class="point">`,
/// which the tests count.
public enum SVGChart {
    public static let width = 720.0
    static let fontFamily = "DejaVu Sans, Arial, Helvetica, sans-serif"

    /// Escapes text for XML content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal, locale-independent (`12`, `12.5`).
    static func n(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded(.toNearestOrAwayFromZero))
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? sign + String(a / 10) : sign + String(a / 10) + "." + String(a % 10)
    }

    /// A rough width of a text at a font size (sans-serif averages about 0.6 em a character).
    static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.6 }

    /// A "nice" axis: a step of 1, 2 or 5 × 10^k giving about `ticks` intervals, and the top
    /// of the axis (a multiple of the step at or above `maxValue`). Whole steps for counts.
    static func niceScale(_ maxValue: Double, ticks: Int = 5, wholeSteps: Bool = true) -> (step: Double, top: Double) {
        let m = maxValue.isFinite && maxValue > 0 ? maxValue : 1
        let raw = m / Double(ticks)
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        var step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude
        if wholeSteps { step = max(1, step.rounded(.up)) }
        let top = (m / step).rounded(.up) * step
        return (step, top)
    }

    static func header(width: Double, height: Double, title: String, description: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" role="img" aria-labelledby="chart-title chart-desc" \
        font-family="\(fontFamily)" font-size="13" fill="#000000">
        <title id="chart-title">\(escape(title))</title>
        <desc id="chart-desc">\(escape(description))</desc>
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>
        <text x="16" y="26" font-size="16" font-weight="bold">\(escape(title))</text>

        """
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Double? = nil,
                     extra: String = "") -> String {
        let sizeAttr = size.map { " font-size=\"\(n($0))\"" } ?? ""
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\"\(sizeAttr)\(extra)>\(escape(content))</text>\n"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = "#000000",
                     width: Double = 1, dash: String? = nil) -> String {
        let dashAttr = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        return "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(n(width))\"\(dashAttr)/>\n"
    }
}

/// A category on a time axis: the month, with the year written under the first month and January.
public struct ChartMonthLabel: Sendable, Equatable {
    public var label: String
    public var year: String?
    public init(label: String, year: String? = nil) {
        self.label = label
        self.year = year
    }
}

/// Horizontal bars, one per category, with the value written at the end of each bar.
public struct SVGBarChart: Sendable {
    public var title: String
    public var description: String
    public var categories: [String]
    public var values: [Double]
    /// Written after each bar (`54 (44 %)`).
    public var valueLabels: [String]
    public var axisTitle: String
    public var tickLabel: @Sendable (Double) -> String

    public init(title: String, description: String, categories: [String], values: [Double], valueLabels: [String],
                axisTitle: String, tickLabel: @escaping @Sendable (Double) -> String) {
        self.title = title
        self.description = description
        self.categories = categories
        self.values = values
        self.valueLabels = valueLabels
        self.axisTitle = axisTitle
        self.tickLabel = tickLabel
    }

    public func svg() -> String {
        typealias C = SVGChart
        let width = C.width
        let labelWidth = min(300, (categories.map { C.textWidth($0, size: 13) }.max() ?? 0) + 12)
        let valueWidth = (valueLabels.map { C.textWidth($0, size: 12) }.max() ?? 0) + 12
        let x0 = 16 + labelWidth, x1 = width - 16 - valueWidth
        let top = 48.0, rowHeight = 30.0, barHeight = 18.0
        let bottom = top + Double(categories.count) * rowHeight
        let height = bottom + 56
        let scale = C.niceScale(values.max() ?? 0)
        func x(_ v: Double) -> Double { x0 + (x1 - x0) * v / scale.top }

        var s = C.header(width: width, height: height, title: title, description: description)
        // Grid and ticks.
        s += "<g class=\"grid\">\n"
        var tick = 0.0
        while tick <= scale.top + scale.step / 1000 {
            s += C.line(x(tick), top - 4, x(tick), bottom, stroke: "#bbbbbb", width: 1, dash: "3 3")
            s += C.text(tickLabel(tick), x: x(tick), y: bottom + 18, anchor: "middle", size: 12)
            tick += scale.step
        }
        s += "</g>\n"
        // Bars.
        s += "<g class=\"bars\">\n"
        for (i, category) in categories.enumerated() {
            let v = i < values.count ? values[i] : 0
            let yMid = top + (Double(i) + 0.5) * rowHeight
            s += C.text(category, x: x0 - 8, y: yMid + 4.5, anchor: "end")
            s += "<rect class=\"bar\" x=\"\(C.n(x0))\" y=\"\(C.n(yMid - barHeight / 2))\" "
                + "width=\"\(C.n(max(0, x(v) - x0)))\" height=\"\(C.n(barHeight))\" fill=\"#606060\" "
                + "stroke=\"#000000\" stroke-width=\"1\"/>\n"
            if i < valueLabels.count {
                s += C.text(valueLabels[i], x: x(v) + 6, y: yMid + 4.5, size: 12)
            }
        }
        s += "</g>\n"
        // Axes.
        s += C.line(x0, top - 4, x0, bottom, width: 1.5)
        s += C.line(x0, bottom, x1, bottom, width: 1.5)
        s += C.text(axisTitle, x: (x0 + x1) / 2, y: bottom + 40, anchor: "middle", size: 12, extra: " font-style=\"italic\"")
        s += "</svg>\n"
        return s
    }
}

/// The frame shared by the column and line charts: a vertical value axis from 0 and a month axis.
struct MonthAxisFrame {
    let categories: [ChartMonthLabel]
    let maxValue: Double
    let wholeSteps: Bool
    let top: Double
    let plotHeight = 240.0
    let x0 = 72.0
    let x1 = SVGChart.width - 24
    var bottom: Double { top + plotHeight }
    var height: Double { bottom + 60 }
    let scale: (step: Double, top: Double)

    init(categories: [ChartMonthLabel], maxValue: Double, wholeSteps: Bool = true, top: Double) {
        self.categories = categories
        self.maxValue = maxValue
        self.wholeSteps = wholeSteps
        self.top = top
        self.scale = SVGChart.niceScale(maxValue, wholeSteps: wholeSteps)
    }

    var slot: Double { (x1 - x0) / Double(max(1, categories.count)) }
    func xCenter(_ i: Int) -> Double { x0 + slot * (Double(i) + 0.5) }
    func y(_ v: Double) -> Double { bottom - plotHeight * v / scale.top }

    func grid(tickLabel: (Double) -> String, axisTitle: String) -> String {
        typealias C = SVGChart
        var s = "<g class=\"grid\">\n"
        var tick = 0.0
        while tick <= scale.top + scale.step / 1000 {
            if tick > 0 { s += C.line(x0, y(tick), x1, y(tick), stroke: "#bbbbbb", width: 1, dash: "3 3") }
            s += C.text(tickLabel(tick), x: x0 - 8, y: y(tick) + 4, anchor: "end", size: 12)
            tick += scale.step
        }
        s += "</g>\n"
        let midY = (top + bottom) / 2
        s += "<text x=\"16\" y=\"\(C.n(midY))\" text-anchor=\"middle\" font-size=\"12\" font-style=\"italic\" "
            + "transform=\"rotate(-90 16 \(C.n(midY)))\">\(C.escape(axisTitle))</text>\n"
        return s
    }

    func axes() -> String {
        typealias C = SVGChart
        var s = C.line(x0, top - 8, x0, bottom, width: 1.5)
        s += C.line(x0, bottom, x1, bottom, width: 1.5)
        s += "<g class=\"month-labels\">\n"
        for (i, c) in categories.enumerated() {
            s += C.line(xCenter(i), bottom, xCenter(i), bottom + 5, width: 1)
            s += C.text(c.label, x: xCenter(i), y: bottom + 20, anchor: "middle", size: 12)
            if let year = c.year { s += C.text(year, x: xCenter(i), y: bottom + 36, anchor: "middle", size: 12) }
        }
        s += "</g>\n"
        return s
    }
}

/// Vertical bars over months, the report's month drawn darker, each bar with its value on top.
public struct SVGColumnChart: Sendable {
    public var title: String
    public var description: String
    public var categories: [ChartMonthLabel]
    public var values: [Double]
    public var valueLabels: [String]
    /// The column drawn darker (the report's month).
    public var highlight: Int?
    public var axisTitle: String
    public var tickLabel: @Sendable (Double) -> String

    public init(title: String, description: String, categories: [ChartMonthLabel], values: [Double],
                valueLabels: [String], highlight: Int?, axisTitle: String,
                tickLabel: @escaping @Sendable (Double) -> String) {
        self.title = title
        self.description = description
        self.categories = categories
        self.values = values
        self.valueLabels = valueLabels
        self.highlight = highlight
        self.axisTitle = axisTitle
        self.tickLabel = tickLabel
    }

    public func svg() -> String {
        typealias C = SVGChart
        let frame = MonthAxisFrame(categories: categories, maxValue: values.max() ?? 0, top: 60)
        var s = C.header(width: C.width, height: frame.height, title: title, description: description)
        s += frame.grid(tickLabel: tickLabel, axisTitle: axisTitle)
        s += "<g class=\"bars\">\n"
        let barWidth = frame.slot * 0.6
        for i in categories.indices {
            let v = i < values.count ? values[i] : 0
            let fill = i == highlight ? "#202020" : "#a0a0a0"
            s += "<rect class=\"bar\" x=\"\(C.n(frame.xCenter(i) - barWidth / 2))\" y=\"\(C.n(frame.y(v)))\" "
                + "width=\"\(C.n(barWidth))\" height=\"\(C.n(frame.bottom - frame.y(v)))\" fill=\"\(fill)\" "
                + "stroke=\"#000000\" stroke-width=\"1\"/>\n"
            if i < valueLabels.count {
                s += C.text(valueLabels[i], x: frame.xCenter(i), y: frame.y(v) - 5, anchor: "middle", size: 11,
                            extra: i == highlight ? " font-weight=\"bold\"" : "")
            }
        }
        s += "</g>\n"
        s += frame.axes()
        s += "</svg>\n"
        return s
    }
}

/// One series of a line chart.
public struct LineSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double]
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// Lines over months. Series differ by dash pattern and marker (filled circle, open square,
/// filled triangle), so they stay apart in black and white; the last value of each is written.
public struct SVGLineChart: Sendable {
    public var title: String
    public var description: String
    public var categories: [ChartMonthLabel]
    public var series: [LineSeries]
    public var axisTitle: String
    public var tickLabel: @Sendable (Double) -> String
    public var valueLabel: @Sendable (Double) -> String

    public init(title: String, description: String, categories: [ChartMonthLabel], series: [LineSeries],
                axisTitle: String, tickLabel: @escaping @Sendable (Double) -> String,
                valueLabel: @escaping @Sendable (Double) -> String) {
        self.title = title
        self.description = description
        self.categories = categories
        self.series = series
        self.axisTitle = axisTitle
        self.tickLabel = tickLabel
        self.valueLabel = valueLabel
    }

    struct Style {
        let stroke: String
        let dash: String?
        let width: Double
    }
    static let styles = [
        Style(stroke: "#000000", dash: nil, width: 2.5),
        Style(stroke: "#404040", dash: "7 4", width: 2),
        Style(stroke: "#000000", dash: "2 3", width: 2),
    ]

    /// The marker of series `index`; `attributes` start the element (`class="point" …`).
    static func marker(_ index: Int, x: Double, y: Double, attributes: String) -> String {
        typealias C = SVGChart
        let cls = attributes
        switch index % 3 {
        case 0:
            return "<circle \(cls) cx=\"\(C.n(x))\" cy=\"\(C.n(y))\" r=\"4\" fill=\"#000000\"/>\n"
        case 1:
            return "<rect \(cls) x=\"\(C.n(x - 4))\" y=\"\(C.n(y - 4))\" width=\"8\" height=\"8\" fill=\"#ffffff\" "
                + "stroke=\"#000000\" stroke-width=\"1.5\"/>\n"
        default:
            return "<path \(cls) d=\"M \(C.n(x)) \(C.n(y - 5)) L \(C.n(x + 5)) \(C.n(y + 4)) L \(C.n(x - 5)) "
                + "\(C.n(y + 4)) Z\" fill=\"#000000\"/>\n"
        }
    }

    public func svg() -> String {
        typealias C = SVGChart
        let maxValue = series.flatMap(\.values).max() ?? 0
        let frame = MonthAxisFrame(categories: categories, maxValue: maxValue, top: 72)
        var s = C.header(width: C.width, height: frame.height, title: title, description: description)
        // Legend under the title.
        s += "<g class=\"legend\">\n"
        var lx = frame.x0
        for (i, serie) in series.enumerated() {
            let style = Self.styles[i % Self.styles.count]
            s += C.line(lx, 46, lx + 32, 46, stroke: style.stroke, width: style.width, dash: style.dash)
            s += Self.marker(i, x: lx + 16, y: 46, attributes: "class=\"legend-marker\"")
            s += C.text(serie.name, x: lx + 40, y: 50.5)
            lx += 40 + C.textWidth(serie.name, size: 13) + 28
        }
        s += "</g>\n"
        s += frame.grid(tickLabel: tickLabel, axisTitle: axisTitle)
        for (i, serie) in series.enumerated() {
            let style = Self.styles[i % Self.styles.count]
            let points = serie.values.prefix(categories.count).enumerated().map { (frame.xCenter($0.offset), frame.y($0.element)) }
            s += "<g class=\"series\" data-name=\"\(C.escape(serie.name))\">\n"
            if points.count > 1 {
                let d = points.map { "\(C.n($0.0)),\(C.n($0.1))" }.joined(separator: " ")
                let dashAttr = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
                s += "<polyline points=\"\(d)\" fill=\"none\" stroke=\"\(style.stroke)\" "
                    + "stroke-width=\"\(C.n(style.width))\"\(dashAttr) stroke-linejoin=\"round\"/>\n"
            }
            for p in points { s += Self.marker(i, x: p.0, y: p.1, attributes: "class=\"point\" data-series=\"\(i)\"") }
            if let last = points.last, let v = serie.values.prefix(categories.count).last {
                // Above the point for the first series, below for the others, so labels don't collide.
                let dy = i == 0 ? -10.0 : 20.0
                s += C.text(valueLabel(v), x: last.0, y: last.1 + dy, anchor: "middle", size: 12,
                            extra: " font-weight=\"bold\"")
            }
            s += "</g>\n"
        }
        s += frame.axes()
        s += "</svg>\n"
        return s
    }
}
