import Foundation
import SharedTestSupport
import Testing
@testable import XlsxWriter

/// What the report workbooks need for print and for grey printers: the paper, hidden helper
/// columns that a chart still draws, markers, hatching, data labels, category axis formats.
@Suite("XlsxWriter print and chart styles")
struct XlsxWriterStyleTests {
    private let dir: TempDir

    init() throws { dir = try TempDir("xlsxwriter-style") }

    @Test("A4 paper, hidden columns, markers, patterns, labels, a category axis format, hidden data")
    func printAndChartStyles() throws {
        let url = dir.url.appendingPathComponent("styles.xlsx")
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        for r in 1...3 {
            try sheet.writeDate(row: r, col: 0, year: 2026, month: r, day: 1)
            try sheet.writeNumber(row: r, col: 1, Double(r * 10))
            try sheet.writeNumber(row: r, col: 2, 48)
        }
        try sheet.setPaper(.a4)
        try sheet.hideColumns(firstCol: 2)
        let categories = CellRange(sheet: "Data", col: 0, firstRow: 1, lastRow: 3)
        let line = try workbook.addChart(.line)
        try line.addSeries(values: CellRange(sheet: "Data", col: 1, firstRow: 1, lastRow: 3), categories: categories,
                           name: "Median", color: XlsxColor(rgb: 0x1F4E79), dash: .dash, marker: .triangle, markerSize: 7,
                           labels: true, labelFormat: "0")
        try line.addSeries(values: CellRange(sheet: "Data", col: 2, firstRow: 1, lastRow: 3), categories: categories,
                           name: "Target", color: .red, marker: ChartMarker.none)
        try line.setCategoryAxisNumberFormat("[$-40C]mmm yyyy")
        try line.showHiddenData()
        try sheet.insertChart(line, row: 5, col: 0)
        let columns = try workbook.addChart(.stackedColumn)
        try columns.addSeries(values: CellRange(sheet: "Data", col: 1, firstRow: 1, lastRow: 3), categories: categories,
                              name: "A", color: XlsxColor(rgb: 0xED7D31), pattern: .wideUpwardDiagonal)
        try sheet.insertChart(columns, row: 25, col: 0)
        try workbook.close()

        let package = try OOXMLPackage(url: url)
        let xml = try package.xml("xl/worksheets/sheet1.xml")
        #expect(xml.first("pageSetup")?.attributes["paperSize"] == "9")
        let hidden = xml.all("col").first { $0.attributes["hidden"] == "1" }
        #expect(hidden?.attributes["min"] == "3" && hidden?.attributes["max"] == "3")
        let chart = try package.xml("xl/charts/chart1.xml")
        let series = chart.all("c:ser")
        #expect(series[0].first("c:marker")?.first("c:symbol")?.attributes["val"] == "triangle")
        #expect(series[0].first("c:marker")?.first("c:size")?.attributes["val"] == "7")
        #expect(series[0].first("c:dLbls")?.first("c:numFmt")?.attributes["formatCode"] == "0")
        #expect(series[0].first("c:dLbls")?.first("c:dLblPos")?.attributes["val"] == "t")
        #expect(series[1].first("c:marker")?.first("c:symbol")?.attributes["val"] == "none")
        #expect(chart.first("c:catAx")?.first("c:numFmt")?.attributes["formatCode"] == "[$-40C]mmm yyyy")
        #expect(chart.first("c:plotVisOnly") == nil)  // left out: hidden cells are plotted
        let stacked = try package.xml("xl/charts/chart2.xml")
        let fill = try #require(stacked.first("c:ser")?.first("a:pattFill"))
        #expect(fill.attributes["prst"] == "wdUpDiag")
        #expect(fill.first("a:fgClr")?.first("a:srgbClr")?.attributes["val"] == "ED7D31")
        #expect(fill.first("a:bgClr")?.first("a:srgbClr")?.attributes["val"] == "FFFFFF")
        #expect(stacked.first("c:plotVisOnly")?.attributes["val"] == "1")
    }

    @Test("a marker size or a hidden range out of bounds is a thrown error")
    func styleErrors() throws {
        let workbook = try Workbook(path: dir.url.appendingPathComponent("errors.xlsx").path)
        let sheet = try workbook.addWorksheet("S")
        try sheet.writeNumber(row: 0, col: 0, 1)
        let chart = try workbook.addChart(.line)
        #expect(throws: XlsxError.self) {
            try chart.addSeries(values: CellRange(sheet: "S", col: 0, firstRow: 0, lastRow: 0), marker: .square, markerSize: 1)
        }
        #expect(throws: XlsxError.self) { try sheet.hideColumns(firstCol: 20_000) }
        #expect(throws: XlsxError.self) { try sheet.hideColumns(firstCol: 0, width: 300) }
        try workbook.close()
    }
}
