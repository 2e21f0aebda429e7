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
    /// The size of every axis, label and legend text. The HTML note prints a chart about 89 mm
    /// wide (half the A4 text width), so 720 units are 252 pt and 9 pt is 25.7 units: 26 keeps
    /// every text of a chart at 9 pt or more on paper (docs/INDICATORS.md, "The monthly note and the workbooks").
    public static let fontSize = 26.0
    /// The title's size, a little larger, in bold.
    public static let titleSize = 28.0
    /// The height of one line of the title.
    static let titleLine = 34.0
    static let fontFamily = "DejaVu Sans, Arial, Helvetica, sans-serif"

    /// Escapes text for XML content and attribute values: the HTML note's escaper
    /// (`HTMLText.escape`), whose `&#39;` both XML and HTML read, since the charts go inline there.
    public static func escape(_ text: String) -> String { HTMLText.escape(text) }

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

    /// The title's lines: its parts (separated by newlines) each cut into lines that fit `width`.
    /// The first part is the title proper (bold, `titleSize`), the others its subtitle (`fontSize`).
    static func titleLines(_ title: String, width: Double = SVGChart.width - 32) -> [String] {
        title.split(separator: "\n").enumerated().flatMap { i, part in
            wrap(String(part), width: width, size: i == 0 ? titleSize : fontSize)
        }
    }

    /// Words put on lines no wider than `width` at `size` (a longer word has a line of its own).
    static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty && textWidth(candidate, size: size) > width {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Where the drawing starts under a title of `title`'s lines.
    static func below(title: String) -> Double { 12 + Double(titleLines(title).count) * titleLine }

    /// The opening of a chart: its `<title>` (the lines of `title` joined by " — "), its
    /// description, the white background and the title drawn in its lines, the first in bold.
    static func header(width: Double, height: Double, title: String, description: String) -> String {
        let lines = titleLines(title)
        var s = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" role="img" aria-labelledby="chart-title chart-desc" \
        font-family="\(fontFamily)" font-size="\(n(fontSize))" fill="#000000">
        <title id="chart-title">\(escape(title.split(separator: "\n").joined(separator: " — ")))</title>
        <desc id="chart-desc">\(escape(description))</desc>
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>

        """
        let parts = title.split(separator: "\n").map(String.init)
        let boldLines = parts.first.map { wrap($0, width: width - 32, size: titleSize).count } ?? 0
        for (i, line) in lines.enumerated() {
            s += "<text class=\"title\" x=\"16\" y=\"\(n(36 + Double(i) * titleLine))\" font-size=\"\(n(i < boldLines ? titleSize : fontSize))\""
                + (i < boldLines ? " font-weight=\"bold\"" : "") + ">\(escape(line))</text>\n"
        }
        return s
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

    /// As the axis writes it: `oct.`, or `janv. 2026` with the year.
    public var text: String { year.map { label + " " + $0 } ?? label }
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

    /// Each category's label above its bar (a label at 9 pt on paper is too long to stand
    /// beside a half-page bar), the value after the bar, the scale under the last bar.
    public func svg() -> String {
        typealias C = SVGChart
        let width = C.width, size = C.fontSize
        let valueWidth = (valueLabels.map { C.textWidth($0, size: size) }.max() ?? 0) + 12
        let x0 = 16.0, x1 = width - 16 - valueWidth
        let top = C.below(title: title) + 10, barHeight = 20.0, rowHeight = size + 9 + barHeight + 6
        let bottom = top + Double(categories.count) * rowHeight
        let height = bottom + size + 18
        let scale = C.niceScale(values.max() ?? 0, ticks: 4)
        func x(_ v: Double) -> Double { x0 + (x1 - x0) * v / scale.top }

        // The scale's unit is said in the description, not under the axis (the title says it).
        var s = C.header(width: width, height: height, title: title, description: axisTitle + ". " + description)
        // Grid and ticks.
        s += "<g class=\"grid\">\n"
        var tick = 0.0
        while tick <= scale.top + scale.step / 1000 {
            // A tick on the axis, no grid line: the labels above the bars cross the whole width.
            s += C.line(x(tick), bottom, x(tick), bottom + 6, width: 1)
            s += C.text(tickLabel(tick), x: x(tick), y: bottom + size + 6, anchor: "middle")
            tick += scale.step
        }
        s += "</g>\n"
        // Bars.
        s += "<g class=\"bars\">\n"
        for (i, category) in categories.enumerated() {
            let v = i < values.count ? values[i] : 0
            let rowTop = top + Double(i) * rowHeight
            let barTop = rowTop + size + 9
            s += C.text(category, x: x0 + 6, y: rowTop + size)
            s += "<rect class=\"bar\" x=\"\(C.n(x0))\" y=\"\(C.n(barTop))\" "
                + "width=\"\(C.n(max(0, x(v) - x0)))\" height=\"\(C.n(barHeight))\" fill=\"#606060\" "
                + "stroke=\"#000000\" stroke-width=\"1\"/>\n"
            if i < valueLabels.count {
                s += C.text(valueLabels[i], x: x(v) + 8, y: barTop + barHeight / 2 + size * 0.36)
            }
        }
        s += "</g>\n"
        // Axes.
        s += C.line(x0, top, x0, bottom, width: 1.5)
        s += C.line(x0, bottom, x1, bottom, width: 1.5)
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
    let plotHeight = 120.0
    let x0: Double
    let x1 = SVGChart.width - 20
    var bottom: Double { top + plotHeight }
    /// Under the plot: the month names, slanted at 45° so that twelve of them at 9 pt fit
    /// under a half-page chart.
    var height: Double { bottom + 16 + labelDepth + (categories.contains { $0.year != nil } ? SVGChart.fontSize + 8 : 0) }
    var labelDepth: Double {
        let longest = categories.map { SVGChart.textWidth($0.label, size: SVGChart.fontSize) }.max() ?? 0
        return (longest + SVGChart.fontSize) * 0.71
    }
    let scale: (step: Double, top: Double)

    init(categories: [ChartMonthLabel], maxValue: Double, wholeSteps: Bool = true, top: Double,
         tickLabel: (Double) -> String) {
        self.categories = categories
        self.maxValue = maxValue
        self.wholeSteps = wholeSteps
        self.top = top
        let scale = SVGChart.niceScale(maxValue, ticks: 4, wholeSteps: wholeSteps)
        self.scale = scale
        // Room for the rotated axis title and the widest tick label.
        var widest = 0.0, tick = 0.0
        while tick <= scale.top + scale.step / 1000 {
            widest = max(widest, SVGChart.textWidth(tickLabel(tick), size: SVGChart.fontSize))
            tick += scale.step
        }
        self.x0 = 16 + SVGChart.fontSize + 10 + widest + 8
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
            s += C.text(tickLabel(tick), x: x0 - 8, y: y(tick) + C.fontSize * 0.36, anchor: "end")
            tick += scale.step
        }
        s += "</g>\n"
        let midY = (top + bottom) / 2
        let ax = 16 + C.fontSize * 0.8
        s += "<text x=\"\(C.n(ax))\" y=\"\(C.n(midY))\" text-anchor=\"middle\" font-style=\"italic\" "
            + "transform=\"rotate(-90 \(C.n(ax)) \(C.n(midY)))\">\(C.escape(axisTitle))</text>\n"
        return s
    }

    func axes() -> String {
        typealias C = SVGChart
        var s = C.line(x0, top - 8, x0, bottom, width: 1.5)
        s += C.line(x0, bottom, x1, bottom, width: 1.5)
        s += "<g class=\"month-labels\">\n"
        for (i, c) in categories.enumerated() {
            s += C.line(xCenter(i), bottom, xCenter(i), bottom + 6, width: 1)
            // Slanted, ending under its tick (`oct.`); the year on a line of its own under the
            // first month and January, so that they read `janv. 2026`.
            let x = xCenter(i) + C.fontSize * 0.3, y = bottom + 10 + C.fontSize * 0.8
            s += C.text(c.label, x: x, y: y, anchor: "end", extra: " transform=\"rotate(-45 \(C.n(x)) \(C.n(y)))\"")
            if let year = c.year {
                s += C.text(year, x: max(xCenter(i) - C.fontSize, 4), y: bottom + 16 + labelDepth + C.fontSize, extra: " class=\"year\"")
            }
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
        let frame = MonthAxisFrame(categories: categories, maxValue: values.max() ?? 0,
                                   top: C.below(title: title) + 2 * C.fontSize, tickLabel: tickLabel)
        var s = C.header(width: C.width, height: frame.height, title: title, description: description)
        s += frame.grid(tickLabel: tickLabel, axisTitle: axisTitle)
        s += "<g class=\"bars\">\n"
        let barWidth = frame.slot * 0.6
        // Every value on its column when all fit over their columns at 9 pt; otherwise only the
        // report's month (the others are read on the scale).
        // (a gap of a third of the font size on either side: the estimate is a little short of
        // the widest digits).
        let fits = valueLabels.allSatisfy { C.textWidth($0, size: C.fontSize) <= frame.slot - C.fontSize * 0.6 }
        for i in categories.indices {
            let v = i < values.count ? values[i] : 0
            let fill = i == highlight ? "#202020" : "#a0a0a0"
            s += "<rect class=\"bar\" x=\"\(C.n(frame.xCenter(i) - barWidth / 2))\" y=\"\(C.n(frame.y(v)))\" "
                + "width=\"\(C.n(barWidth))\" height=\"\(C.n(frame.bottom - frame.y(v)))\" fill=\"\(fill)\" "
                + "stroke=\"#000000\" stroke-width=\"1\"/>\n"
            if i < valueLabels.count, fits || i == highlight {
                s += C.text(valueLabels[i], x: frame.xCenter(i), y: frame.y(v) - 6, anchor: "middle",
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
        Style(stroke: "#000000", dash: nil, width: 3.5),
        Style(stroke: "#404040", dash: "10 6", width: 3),
        Style(stroke: "#000000", dash: "2 3", width: 2),
    ]

    /// The marker of series `index`; `attributes` start the element (`class="point" …`).
    static func marker(_ index: Int, x: Double, y: Double, attributes: String) -> String {
        typealias C = SVGChart
        let cls = attributes
        switch index % 3 {
        case 0:
            return "<circle \(cls) cx=\"\(C.n(x))\" cy=\"\(C.n(y))\" r=\"6\" fill=\"#000000\"/>\n"
        case 1:
            return "<rect \(cls) x=\"\(C.n(x - 6))\" y=\"\(C.n(y - 6))\" width=\"12\" height=\"12\" fill=\"#ffffff\" "
                + "stroke=\"#000000\" stroke-width=\"1.5\"/>\n"
        default:
            return "<path \(cls) d=\"M \(C.n(x)) \(C.n(y - 5)) L \(C.n(x + 5)) \(C.n(y + 4)) L \(C.n(x - 5)) "
                + "\(C.n(y + 4)) Z\" fill=\"#000000\"/>\n"
        }
    }

    public func svg() -> String {
        typealias C = SVGChart
        let maxValue = series.flatMap(\.values).max() ?? 0
        // The legend under the title, on as many lines as it needs.
        var entries: [(x: Double, line: Int)] = []
        var lx = 16.0, line = 0
        for serie in series {
            let w = 52 + C.textWidth(serie.name, size: C.fontSize)
            if lx > 16 && lx + w > C.width - 16 { lx = 16; line += 1 }
            entries.append((lx, line))
            lx += w + 28
        }
        let legendTop = C.below(title: title) + 8
        let legendHeight = Double(line + 1) * (C.fontSize + 10)
        let frame = MonthAxisFrame(categories: categories, maxValue: maxValue,
                                   top: legendTop + legendHeight + C.fontSize, tickLabel: tickLabel)
        var s = C.header(width: C.width, height: frame.height, title: title, description: description)
        s += "<g class=\"legend\">\n"
        for (i, serie) in series.enumerated() {
            let style = Self.styles[i % Self.styles.count]
            let ex = entries[i].x, ey = legendTop + Double(entries[i].line) * (C.fontSize + 10) + C.fontSize / 2
            s += C.line(ex, ey, ex + 40, ey, stroke: style.stroke, width: style.width, dash: style.dash)
            s += Self.marker(i, x: ex + 20, y: ey, attributes: "class=\"legend-marker\"")
            s += C.text(serie.name, x: ex + 52, y: ey + C.fontSize * 0.36)
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
                let dy = i == 0 ? -12.0 : C.fontSize + 8
                s += C.text(valueLabel(v), x: last.0, y: last.1 + dy, anchor: "end",
                            extra: " font-weight=\"bold\"")
            }
            s += "</g>\n"
        }
        s += frame.axes()
        s += "</svg>\n"
        return s
    }
}
