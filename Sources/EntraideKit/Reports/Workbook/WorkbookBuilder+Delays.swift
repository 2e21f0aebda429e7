import Foundation
import XlsxWriter

/// The delays sheet (docs/INDICATORS.md, "Delays" and "Working time"): each delay's real-time
/// figures beside the same requests counted in working hours, a chart of the real-time medians
/// and P90 with the target as a line, and a chart of the working-time medians with their own
/// target. The targets are constant: they are not columns of the table (a column reading 48 on
/// every row tells nothing) but a hidden helper range beside it that only the charts draw, and a
/// sentence under the table.
extension WorkbookBuilder {
    /// The statistics of each delay block in real time (the first table).
    static let delayStatistics = ["count", "median_hours", "p90_hours", "mean_hours", "unanswered", "within_target_share"]
    /// The same requests' statistics in working time (the second table, under the first).
    static let workingStatistics = ["median_hours", "p90_hours", "within_target_share"]

    func buildDelays() throws {
        let realColumns = ["match", "contact"].flatMap { block in Self.delayStatistics.map { column("delays.\(block).\($0)") } }
        // Under its own title, the working-time table's headers need not repeat "(ouverture)".
        let workingColumns = ["match", "contact"].flatMap { block in
            Self.workingStatistics.map { key -> SeriesColumn in
                let c = column("delays.\(block).working.\(key)")
                return c.titled(c.header.replacingOccurrences(of: text.t(" (ouverture)", " (working)"), with: ""))
            }
        }
        let realTarget = content.settings.responseTargetHours
        let workingTarget = content.settings.calendar.targetHours
        var notes = [text.delayTargetsNote(real: realTarget, working: workingTarget)]
        let excluded = delayExcluded()
        if excluded > 0 { notes.append(text.delayExcludedNote(excluded)) }
        let layout = try twoTableSheet(name: text.delaysSheet, title: text.t("Délais de réponse", "Response delays"),
                                       first: realColumns, firstName: "T_Delais",
                                       secondTitle: text.workingTableTitle(workingTarget), second: workingColumns,
                                       secondName: "T_Delais_ouverture", notes: notes)
        let sheet = layout.sheet
        let realHeader = layout.firstRows.lowerBound - 1

        // The helper range: one column per target, after a gap, hidden; the charts show hidden data.
        let rows = layout.firstRows
        let realCol = realColumns.count + 2, workingCol = realColumns.count + 3
        try sheet.writeText(row: realHeader, col: realCol, text.targetLine(realTarget))
        try sheet.writeText(row: realHeader, col: workingCol, text.workingTargetLine(workingTarget))
        for r in rows {
            try sheet.writeNumber(row: r, col: realCol, Double(realTarget), format: valueFormat(.count))
            try sheet.writeNumber(row: r, col: workingCol, Double(workingTarget), format: valueFormat(.count))
        }
        try sheet.hideColumns(firstCol: realCol, lastCol: workingCol)

        let chartRow = layout.chartRow
        let width = max(560, layout.chartWidth / 2 - 10)
        let realChart = try makeChart(.line, title: text.chartDelays, yAxis: text.axisHoursDelay, yFormat: "0", width: width,
                                      height: 400)
        // Match in dark blue with squares, first contact in orange with triangles; medians solid,
        // P90 dashed: four series that stay apart in grey.
        let lines: [(String, String, XlsxColor, LineDash, ChartMarker)] = [
            ("match", "median_hours", Self.chartColors[0], .solid, .square),
            ("match", "p90_hours", Self.chartColors[0], .dash, .square),
            ("contact", "median_hours", Self.chartColors[1], .solid, .triangle),
            ("contact", "p90_hours", Self.chartColors[1], .dash, .triangle),
        ]
        for (block, stat, color, dash, marker) in lines {
            let key = "delays.\(block).\(stat)"
            try realChart.addSeries(values: range(sheet, columnNumber(key, in: realColumns), rows),
                                    categories: range(sheet, 0, rows), name: column(key, .chart).header, color: color,
                                    dash: dash, lineWidth: 2.25, marker: marker, markerSize: 6)
        }
        try addTargetLine(realChart, sheet, col: realCol, rows: rows, name: text.targetLine(realTarget))
        try realChart.setValueAxisRange(min: 0)
        try sheet.insertChart(realChart, row: chartRow, col: 0)

        let workingChart = try makeChart(.line, title: text.chartWorkingDelays, yAxis: text.axisWorkingHours, yFormat: "0",
                                         width: width, height: 400)
        for (block, stat, color, dash, marker) in lines {
            let key = "delays.\(block).working.\(stat)"
            try workingChart.addSeries(values: range(sheet, columnNumber(key, in: workingColumns), layout.secondRows),
                                       categories: range(sheet, 0, layout.secondRows), name: column(key, .chart).header,
                                       color: color, dash: dash, lineWidth: 2.25, marker: marker, markerSize: 6)
        }
        try addTargetLine(workingChart, sheet, col: workingCol, rows: rows, name: text.workingTargetLine(workingTarget))
        try workingChart.setValueAxisRange(min: 0)
        try sheet.insertChart(workingChart, row: chartRow, col: 0, xOffset: Int(width) + 20)
    }

    /// A target as a thin red long-dashed line without markers, drawn from the hidden helper column.
    private func addTargetLine(_ chart: Chart, _ sheet: Worksheet, col: Int, rows: ClosedRange<Int>, name: String) throws {
        try chart.addSeries(values: range(sheet, col, rows), categories: range(sheet, 0, rows), name: name,
                            color: XlsxColor.red, dash: .longDash, lineWidth: 1.5, marker: ChartMarker.none)
        try chart.showHiddenData()
    }

    /// Requests left out of the delays over the series for an event before the call (both
    /// blocks), said in a note rather than shown as near-empty columns.
    func delayExcluded() -> Int {
        let keys = ["delays.match.excluded", "delays.contact.excluded"]
        return content.series.filter { $0.indicators.data != .none }.reduce(0) { sum, m in
            sum + keys.reduce(0) { $0 + Int(catalogue[$1].value(m.indicators).number ?? 0) }
        }
    }
}
