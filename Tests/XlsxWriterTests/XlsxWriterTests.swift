import Foundation
import SharedTestSupport
import Testing
@testable import XlsxWriter

/// A fixed creation time: 2026-01-15T10:00:00Z.
let fixedCreation = Date(timeIntervalSince1970: 1_768_471_200)

/// Builds a small funder-style workbook: a summary sheet, a data sheet whose name
/// needs quoting, an Excel table, a chart with a dashed target line, print setup.
@discardableResult
func writeSampleWorkbook(to url: URL, created: Date? = fixedCreation) throws -> URL {
    let workbook = try Workbook(path: url.path)
    try workbook.setProperties(title: "Entraide — rapport financeurs", subject: "Indicateurs 2025",
                               author: "Entraide", company: "Réseau d'entraide", keywords: "entraide, indicateurs",
                               comments: "Généré automatiquement", created: created)
    let bold = try workbook.format(FormatSpec(bold: true, fontSize: 14, fontColor: .white,
                                              backgroundColor: XlsxColor(hex: "#1F4E79"), border: .thin,
                                              horizontalAlignment: .center, textWrap: true))
    let header = try workbook.format(FormatSpec(bold: true, bottomBorder: .medium))
    let oneDecimal = try workbook.format(FormatSpec(numberFormat: "0.0"))
    let percent = try workbook.format(FormatSpec(numberFormat: "0.0%"))
    let thousands = try workbook.format(FormatSpec(italic: true, numberFormat: "# ##0"))
    let date = try workbook.format(FormatSpec(numberFormat: "yyyy-mm-dd"))

    let summary = try workbook.addWorksheet("Résumé")
    try summary.mergeRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 3, text: "Synthèse", format: bold)
    try summary.writeString(row: 1, col: 0, "Demandes")
    try summary.writeNumber(row: 1, col: 1, 1234, format: thousands)
    try summary.writeString(row: 2, col: 0, "Délai médian (h)")
    try summary.writeNumber(row: 2, col: 1, 1.5, format: oneDecimal)
    try summary.writeString(row: 3, col: 0, "Part traitée < 48 h")
    try summary.writeNumber(row: 3, col: 1, 0.875, format: percent)
    try summary.writeString(row: 4, col: 0, "Début")
    try summary.writeDate(row: 4, col: 1, year: 2025, month: 1, day: 1, format: date)
    try summary.writeFormula(row: 5, col: 1, "=B2*2", cachedValue: 2468)
    try summary.writeBlank(row: 6, col: 1, format: header)
    try summary.setColumnWidth(28, firstCol: 0)
    try summary.hideGridlines()
    try summary.setZoom(90)
    try summary.setTabColor(XlsxColor(rgb: 0x2E75B6))
    try summary.activate()

    let data = try workbook.addWorksheet("Délais 2025")
    let months = ["2025-01", "2025-02", "2025-03"]
    let delays = [30.5, 52.25, 41.0]
    for (index, month) in months.enumerated() {
        try data.writeString(row: index + 1, col: 0, month)
        try data.writeNumber(row: index + 1, col: 1, delays[index], format: oneDecimal)
        try data.writeNumber(row: index + 1, col: 2, 48)
    }
    try data.addTable(firstRow: 0, firstCol: 0, lastRow: 3, lastCol: 2, name: "Delais", style: .medium(2),
                      columns: [TableColumn("Mois", headerFormat: header), TableColumn("Délai médian (h)"),
                                TableColumn("Objectif 48 h")])
    try data.freezePanes(row: 1, col: 0)
    try data.setLandscape()
    try data.fitToPages(width: 1, height: 0)
    try data.setHeader("&C" + Worksheet.headerFooterText("Délais & objectifs"))
    try data.setFooter("&RPage &P sur &N")
    try data.repeatRows(first: 0, last: 0)
    try data.setRowHeight(30, row: 0)
    try data.fitColumnWidths()

    let chart = try workbook.addChart(.line)
    try chart.setTitle("Délai médian par mois")
    try chart.setXAxisTitle("Mois")
    try chart.setYAxisTitle("Heures")
    try chart.setValueAxisNumberFormat("0")
    try chart.setLegendPosition(.bottom)
    try chart.setSize(width: 720, height: 360)
    try chart.addSeries(values: CellRange(sheet: "Délais 2025", col: 1, firstRow: 1, lastRow: 3),
                        categories: CellRange(sheet: "Délais 2025", col: 0, firstRow: 1, lastRow: 3),
                        name: "Délai médian", color: XlsxColor(rgb: 0x1F4E79), lineWidth: 2.25)
    try chart.addSeries(values: CellRange(sheet: "Délais 2025", col: 2, firstRow: 1, lastRow: 3),
                        categories: CellRange(sheet: "Délais 2025", col: 0, firstRow: 1, lastRow: 3),
                        name: "Objectif 48 h", color: .red, dash: .dash)
    try data.insertChart(chart, row: 5, col: 0)

    let columns = try workbook.addChart(.stackedColumn)
    try columns.setTitle("Demandes")
    try columns.addSeries(values: CellRange(sheet: "Résumé", col: 1, firstRow: 1, lastRow: 1), name: "=not a formula")
    try summary.insertChart(columns, row: 8, col: 0)

    try workbook.close()
    return url
}

@Suite("XlsxWriter")
struct XlsxWriterTests {

    @Test("sheets and cell values are written")
    func sheetsAndCells() throws {
        let dir = try TempDir("xlsxwriter-tests")
        let url = try writeSampleWorkbook(to: dir.url.appendingPathComponent("sample.xlsx"))
        let package = try XlsxPackage(url: url)
        let sheetNames = try package.xml("xl/workbook.xml").all("sheet").compactMap { $0.attributes["name"] }
        #expect(sheetNames == ["Résumé", "Délais 2025"])

        let strings = try package.sharedStrings()
        let summary = SheetCells(sheet: try package.xml("xl/worksheets/sheet1.xml"))
        #expect(summary["A2"]?.type == "s")
        #expect(summary["A2"]?.value.flatMap { Int($0) }.map { strings[$0] } == "Demandes")
        #expect(summary["A1"]?.value.flatMap { Int($0) }.map { strings[$0] } == "Synthèse")
        #expect(summary["B2"]?.value == "1234")
        #expect(summary["B3"]?.value == "1.5")
        #expect(summary["B4"]?.value == "0.875")
        #expect(summary["B5"]?.value == "45658")  // 2025-01-01
        #expect(summary["B6"]?.formula == "B2*2")
        #expect(summary["B6"]?.value == "2468")
        #expect(summary["B7"] != nil && summary["B7"]?.value == nil && summary["B7"]?.style != nil)

        let sheet1 = try package.text("xl/worksheets/sheet1.xml")
        #expect(sheet1.contains("<mergeCell ref=\"A1:D1\"/>"))
        #expect(sheet1.contains("showGridLines=\"0\""))
        #expect(sheet1.contains("zoomScale=\"90\""))
        #expect(sheet1.contains("<tabColor rgb=\"FF2E75B6\"/>"))
        #expect(sheet1.contains("<col min=\"1\" max=\"1\" width=\"28.7109375\" customWidth=\"1\"/>"))
    }

    @Test("an Excel table with its autofilter, frozen header, print setup")
    func tableFreezeAndPrint() throws {
        let dir = try TempDir("xlsxwriter-tests")
        let url = try writeSampleWorkbook(to: dir.url.appendingPathComponent("sample.xlsx"))
        let package = try XlsxPackage(url: url)
        let table = try package.xml("xl/tables/table1.xml")
        #expect(table.attributes["name"] == "Delais")
        #expect(table.attributes["ref"] == "A1:C4")
        #expect(table.first("autoFilter")?.attributes["ref"] == "A1:C4")
        #expect(table.all("tableColumn").compactMap { $0.attributes["name"] } == ["Mois", "Délai médian (h)", "Objectif 48 h"])
        #expect(table.first("tableStyleInfo")?.attributes["name"] == "TableStyleMedium2")

        let sheet = try package.xml("xl/worksheets/sheet2.xml")
        let pane = try #require(sheet.first("pane"))
        #expect(pane.attributes["state"] == "frozen")
        #expect(pane.attributes["ySplit"] == "1")
        #expect(pane.attributes["topLeftCell"] == "A2")
        #expect(sheet.first("pageSetup")?.attributes["orientation"] == "landscape")
        #expect(sheet.first("pageSetup")?.attributes["fitToHeight"] == "0")
        #expect(sheet.first("pageSetUpPr")?.attributes["fitToPage"] == "1")
        #expect(sheet.first("oddHeader")?.text == "&CDélais && objectifs")
        #expect(sheet.first("oddFooter")?.text == "&RPage &P sur &N")
        #expect(sheet.first("tablePart") != nil)
        let row1 = sheet.all("row").first { $0.attributes["r"] == "1" }
        #expect(row1?.attributes["ht"] == "30")

        // The header cells were written by the table, from the column names.
        let strings = try package.sharedStrings()
        let cells = SheetCells(sheet: sheet)
        #expect(cells["C1"]?.value.flatMap { Int($0) }.map { strings[$0] } == "Objectif 48 h")

        // Widths fitted from content: column B holds "Délai médian (h)" (16 characters + room for the filter button).
        let widths = Dictionary(uniqueKeysWithValues: sheet.all("col").compactMap { col -> (String, Double)? in
            guard let min = col.attributes["min"], let w = col.attributes["width"].flatMap(Double.init) else { return nil }
            return (min, w)
        })
        #expect((widths["2"] ?? 0) > 18)
        #expect((widths["1"] ?? 0) >= 8 && (widths["1"] ?? 100) < (widths["2"] ?? 0))

        let workbookXML = try package.text("xl/workbook.xml")
        #expect(workbookXML.contains("_xlnm.Print_Titles"))
        #expect(workbookXML.contains("'Délais 2025'!$1:$1"))
    }

    @Test("number formats reach styles.xml")
    func numberFormats() throws {
        let dir = try TempDir("xlsxwriter-tests")
        let url = try writeSampleWorkbook(to: dir.url.appendingPathComponent("sample.xlsx"))
        let styles = try XlsxPackage(url: url).xml("xl/styles.xml")
        let codes = Set(styles.all("numFmt").compactMap { $0.attributes["formatCode"] })
        #expect(codes.isSuperset(of: ["0.0", "0.0%", "# ##0", "yyyy-mm-dd"]))
        let fonts = styles.all("font")
        #expect(fonts.contains { $0.first("b") != nil && $0.first("sz")?.attributes["val"] == "14" })
        #expect(fonts.contains { $0.first("i") != nil })
        #expect(styles.all("fgColor").contains { $0.attributes["rgb"] == "FF1F4E79" })
        #expect(styles.all("alignment").contains { $0.attributes["horizontal"] == "center" && $0.attributes["wrapText"] == "1" })
    }

    @Test("charts: title, axis titles, quoted ranges, dashed target line, data cache")
    func charts() throws {
        let dir = try TempDir("xlsxwriter-tests")
        let url = try writeSampleWorkbook(to: dir.url.appendingPathComponent("sample.xlsx"))
        let package = try XlsxPackage(url: url)
        #expect(package.has("xl/drawings/drawing1.xml"))
        // Charts are numbered in sheet order: the summary's chart comes first.
        let chart = try package.xml("xl/charts/chart2.xml")
        #expect(chart.first("c:lineChart") != nil)
        let titles = chart.all("c:title").map(\.allText)
        #expect(titles.contains("Délai médian par mois"))
        #expect(titles.contains("Mois"))
        #expect(titles.contains("Heures"))
        let formulas = chart.all("c:f").map(\.text)
        #expect(formulas.contains("'Délais 2025'!$B$2:$B$4"))
        #expect(formulas.contains("'Délais 2025'!$A$2:$A$4"))
        #expect(formulas.contains("'Délais 2025'!$C$2:$C$4"))
        let series = chart.all("c:ser")
        try #require(series.count == 2)
        #expect(series.map { $0.first("c:tx")?.allText } == ["Délai médian", "Objectif 48 h"])
        #expect(series[1].first("a:prstDash")?.attributes["val"] == "dash")
        #expect(series[1].first("a:srgbClr")?.attributes["val"] == "C00000")
        #expect(series[0].first("a:ln")?.attributes["w"] == "28575")  // 2.25 pt in EMU
        // Cached values let viewers draw without recalculating.
        #expect(series[0].first("c:numCache")?.all("c:v").map(\.text) == ["30.5", "52.25", "41"])
        #expect(chart.first("c:valAx")?.first("c:numFmt")?.attributes["formatCode"] == "0")
        #expect(chart.first("c:legendPos")?.attributes["val"] == "b")
        // Height 360 px = 18 default rows of 20 px, from row 5 to row 23.
        let anchor = try package.xml("xl/drawings/drawing2.xml")
        #expect(anchor.first("xdr:from")?.first("xdr:row")?.text == "5")
        #expect(anchor.first("xdr:to")?.first("xdr:row")?.text == "23")
        #expect(anchor.first("xdr:to")?.first("xdr:rowOff")?.text == "0")

        let stacked = try package.xml("xl/charts/chart1.xml")
        #expect(stacked.first("c:grouping")?.attributes["val"] == "stacked")
        #expect(stacked.first("c:ser")?.first("c:tx")?.allText == " =not a formula")
        #expect(stacked.first("c:f")?.text == "'Résumé'!$B$2")
    }

    @Test("sheet names needing quotes are quoted in chart ranges and still cached")
    func sheetNameQuoting() throws {
        #expect(CellReference.quotedSheetName("Data") == "Data")
        #expect(CellReference.quotedSheetName("Sheet1") == "'Sheet1'")
        #expect(CellReference.quotedSheetName("2024") == "'2024'")
        #expect(CellReference.quotedSheetName("R") == "'R'")
        #expect(CellReference.quotedSheetName("L'équipe") == "'L''équipe'")
        #expect(CellReference.quotedSheetName("My data") == "'My data'")
        #expect(CellRange(sheet: "It's", firstRow: 1, firstCol: 1, lastRow: 12, lastCol: 1).formula == "='It''s'!$B$2:$B$13")

        let dir = try TempDir("xlsxwriter-tests")
        let url = dir.url.appendingPathComponent("quotes.xlsx")
        let workbook = try Workbook(path: url.path)
        for name in ["L'équipe", "2024"] {
            let sheet = try workbook.addWorksheet(name)
            try sheet.writeNumber(row: 0, col: 0, 1.5)
            try sheet.writeNumber(row: 1, col: 0, 2.5)
            let chart = try workbook.addChart(.column)
            try chart.addSeries(values: CellRange(sheet: name, col: 0, firstRow: 0, lastRow: 1))
            try sheet.insertChart(chart, row: 3, col: 3)
        }
        try workbook.close()
        let package = try XlsxPackage(url: url)
        let first = try package.xml("xl/charts/chart1.xml")
        #expect(first.first("c:f")?.text == "'L''équipe'!$A$1:$A$2")
        #expect(first.first("c:numCache")?.all("c:v").map(\.text) == ["1.5", "2.5"])
        let second = try package.xml("xl/charts/chart2.xml")
        #expect(second.first("c:f")?.text == "'2024'!$A$1:$A$2")
    }

    @Test("markup, control characters and NUL in text keep every part valid XML")
    func awkwardText() throws {
        let dir = try TempDir("xlsxwriter-tests")
        let url = dir.url.appendingPathComponent("text.xlsx")
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: "<Titre> & \"co\"\0", created: fixedCreation)
        let sheet = try workbook.addWorksheet("A&B <x>")
        try sheet.writeString(row: 0, col: 0, "a < b & c > \"d\"")
        try sheet.writeString(row: 1, col: 0, "bell\u{07}tab\tline\nend")
        try sheet.writeString(row: 2, col: 0, "nul\0cut")
        try sheet.writeNumber(row: 0, col: 1, 3)
        try sheet.setHeader("&C" + Worksheet.headerFooterText("<R&D>"))
        let chart = try workbook.addChart(.bar)
        try chart.setTitle("Délais < 48 h & plus")
        try chart.addSeries(values: CellRange(sheet: "A&B <x>", col: 1, firstRow: 0, lastRow: 0), name: "<série>")
        try chart.setValueAxisNumberFormat("0%")
        try sheet.insertChart(chart, row: 4, col: 4)
        try workbook.close()

        let package = try XlsxPackage(url: url)
        for part in package.partNames where part.hasSuffix(".xml") || part.hasSuffix(".rels") {
            #expect(throws: Never.self) { _ = try package.xml(part) }
        }
        let strings = try package.sharedStrings()
        #expect(strings.contains("a < b & c > \"d\""))
        #expect(strings.contains("nulcut"))
        #expect(strings.contains { $0.hasPrefix("bell") && $0.hasSuffix("line\nend") })
        #expect(try package.xml("docProps/core.xml").first("dc:title")?.text == "<Titre> & \"co\"")
        #expect(try package.xml("xl/worksheets/sheet1.xml").first("oddHeader")?.text == "&C<R&&D>")
        let chartXML = try package.xml("xl/charts/chart1.xml")
        #expect(chartXML.first("c:title")?.allText == "Délais < 48 h & plus")
        #expect(chartXML.first("c:f")?.text == "'A&B <x>'!$B$1")
        // Bar charts: the value axis is the horizontal one.
        #expect(chartXML.first("c:barDir")?.attributes["val"] == "bar")
        #expect(chartXML.first("c:valAx")?.first("c:numFmt")?.attributes["formatCode"] == "0%")
    }

    @Test("document properties, including the fixed creation time")
    func documentProperties() throws {
        let dir = try TempDir("xlsxwriter-tests")
        let url = try writeSampleWorkbook(to: dir.url.appendingPathComponent("sample.xlsx"))
        let package = try XlsxPackage(url: url)
        let core = try package.xml("docProps/core.xml")
        #expect(core.first("dc:title")?.text == "Entraide — rapport financeurs")
        #expect(core.first("dc:subject")?.text == "Indicateurs 2025")
        #expect(core.first("dc:creator")?.text == "Entraide")
        #expect(core.first("cp:keywords")?.text == "entraide, indicateurs")
        #expect(core.first("dc:description")?.text == "Généré automatiquement")
        #expect(core.first("dcterms:created")?.text == "2026-01-15T10:00:00Z")
        let app = try package.xml("docProps/app.xml")
        #expect(app.first("Company")?.text == "Réseau d'entraide")
    }

    @Test("two runs with a fixed creation time give byte-identical files")
    func reproducible() throws {
        let dir = try TempDir("xlsxwriter-tests")
        let first = try writeSampleWorkbook(to: dir.url.appendingPathComponent("a.xlsx"))
        let second = try writeSampleWorkbook(to: dir.url.appendingPathComponent("b.xlsx"))
        let a = try Data(contentsOf: first)
        let b = try Data(contentsOf: second)
        #expect(a.count > 1000)
        #expect(a == b)
    }

    @Test("numbers use a dot whatever the process locale")
    func localeIndependence() throws {
        let dir = try TempDir("xlsxwriter-tests")
        let url = dir.url.appendingPathComponent("locale.xlsx")
        let ran: Void? = try withThreadLocale("fr_FR.UTF-8") {
            // This thread's locale really is French: C formatting would write a comma.
            #expect(String(cString: localeconv().pointee.decimal_point) == ",")
            let workbook = try Workbook(path: url.path)
            let sheet = try workbook.addWorksheet("Data")
            try sheet.writeNumber(row: 0, col: 0, 1.5)
            try sheet.writeNumber(row: 1, col: 0, 2.25)
            try sheet.setColumnWidth(12.5, firstCol: 0)
            try sheet.setRowHeight(20.5, row: 0)
            let chart = try workbook.addChart(.line)
            try chart.addSeries(values: CellRange(sheet: "Data", col: 0, firstRow: 0, lastRow: 1), lineWidth: 1.5)
            try chart.setValueAxisRange(min: 0.5, max: 3.5)
            try sheet.insertChart(chart, row: 3, col: 2)
            try workbook.close()
            // The caller's locale is untouched.
            #expect(String(cString: localeconv().pointee.decimal_point) == ",")
        }
        guard ran != nil else {
            Issue.record("""
                The fr_FR.UTF-8 locale is missing, so this test cannot check locale independence. Generate it as root: \
                sed -i 's/^# *fr_FR.UTF-8/fr_FR.UTF-8/' /etc/locale.gen && locale-gen
                """)
            return
        }

        let package = try XlsxPackage(url: url)
        let sheetXML = try package.text("xl/worksheets/sheet1.xml")
        #expect(sheetXML.contains("<v>1.5</v>"))
        #expect(sheetXML.contains("<v>2.25</v>"))
        #expect(!sheetXML.contains("1,5"))
        #expect(sheetXML.contains("ht=\"20.5\""))
        #expect(sheetXML.contains("width=\"13.28515625\""))
        let chartXML = try package.text("xl/charts/chart1.xml")
        #expect(chartXML.contains("<c:v>1.5</c:v>"))
        #expect(chartXML.contains("<c:v>2.25</c:v>"))
        #expect(chartXML.contains("<c:min val=\"0.5\"/>"))
        #expect(chartXML.contains("<c:max val=\"3.5\"/>"))
        #expect(chartXML.range(of: "[0-9],[0-9]", options: .regularExpression) == nil)
        // All parts parse as XML.
        for part in package.partNames where part.hasSuffix(".xml") {
            #expect(throws: Never.self) { _ = try package.xml(part) }
        }
    }
}

@Suite("XlsxWriter errors")
struct XlsxWriterErrorTests {
    private let dir: TempDir

    init() throws { dir = try TempDir("xlsxwriter-tests") }

    private func openWorkbook() throws -> Workbook {
        try Workbook(path: dir.url.appendingPathComponent("errors.xlsx").path)
    }

    @Test("an invalid sheet name is a thrown XlsxError with the library's message")
    func invalidSheetName() throws {
        let workbook = try openWorkbook()
        let error = try #require(throws: XlsxError.self) { try workbook.addWorksheet("a/b") }
        #expect(error.kind == .invalidSheetName)
        #expect(error.description.contains("\"a/b\""))
        #expect(error.libraryMessage == "Worksheet name cannot contain invalid characters: '[ ] : * ? / \\'")
        #expect(error.description.contains(error.libraryMessage))

        let long = String(repeating: "x", count: 32)
        let tooLong = try #require(throws: XlsxError.self) { try workbook.addWorksheet(long) }
        #expect(tooLong.kind == .sheetNameTooLong)
        #expect(tooLong.description.contains(long))

        _ = try workbook.addWorksheet("Données")
        let duplicate = try #require(throws: XlsxError.self) { try workbook.addWorksheet("Données") }
        #expect(duplicate.kind == .duplicateSheetName)
        #expect(throws: XlsxError.self) { try workbook.addWorksheet("'quoted'") }
        #expect(throws: XlsxError.self) { try workbook.addWorksheet("") }
        // The workbook is still usable after refused names.
        _ = try workbook.addWorksheet("Autre")
        try workbook.close()
    }

    @Test("out-of-range cells, too-long strings and non-finite numbers are errors, not crashes")
    func cellErrors() throws {
        let workbook = try openWorkbook()
        let sheet = try workbook.addWorksheet("S")
        let row = try #require(throws: XlsxError.self) { try sheet.writeNumber(row: 1_048_576, col: 0, 1) }
        #expect(row.kind == .cellOutOfRange)
        #expect(row.description.contains("row 1048576"))
        let negative = try #require(throws: XlsxError.self) { try sheet.writeString(row: 0, col: -1, "x") }
        #expect(negative.kind == .cellOutOfRange)
        #expect(throws: XlsxError.self) { try sheet.freezePanes(row: -1, col: 0) }
        #expect(throws: XlsxError.self) { try sheet.setColumnWidth(10, firstCol: 16_384) }

        let long = try #require(throws: XlsxError.self) {
            try sheet.writeString(row: 0, col: 0, String(repeating: "é", count: 32_768))
        }
        #expect(long.kind == .textTooLong)
        #expect(long.description.contains("\"S\"!A1"))
        #expect(long.libraryMessage == "String exceeds Excel's limit of 32,767 characters.")

        let nan = try #require(throws: XlsxError.self) { try sheet.writeNumber(row: 0, col: 0, .nan) }
        #expect(nan.description.contains("NaN"))
        #expect(throws: XlsxError.self) { try sheet.writeNumber(row: 0, col: 0, .infinity) }
        #expect(throws: XlsxError.self) { try sheet.setHeader(String(repeating: "h", count: 300)) }
        #expect(throws: XlsxError.self) { try sheet.setZoom(500) }
        try workbook.close()
    }

    @Test("table, chart and format misuse is reported")
    func misuse() throws {
        let workbook = try openWorkbook()
        let sheet = try workbook.addWorksheet("S")
        #expect(throws: XlsxError.self) {
            try sheet.addTable(firstRow: 0, firstCol: 0, lastRow: 3, lastCol: 1, name: "Bad name",
                               columns: [TableColumn("A"), TableColumn("B")])
        }
        #expect(throws: XlsxError.self) {
            try sheet.addTable(firstRow: 0, firstCol: 0, lastRow: 3, lastCol: 1, columns: [TableColumn("A")])
        }
        #expect(throws: XlsxError.self) {
            try sheet.addTable(firstRow: 0, firstCol: 0, lastRow: 3, lastCol: 1, name: "A1",
                               columns: [TableColumn("A"), TableColumn("B")])
        }
        try sheet.addTable(firstRow: 0, firstCol: 0, lastRow: 3, lastCol: 1, name: "Tbl_one",
                           columns: [TableColumn("A"), TableColumn("B")])
        let overlap = try #require(throws: XlsxError.self) {
            try sheet.addTable(firstRow: 2, firstCol: 1, lastRow: 5, lastCol: 2, name: "Tbl_two",
                               columns: [TableColumn("C"), TableColumn("D")])
        }
        #expect(overlap.description.contains("overlaps the table at A1:B4"))
        #expect(throws: XlsxError.self) { try sheet.mergeRange(firstRow: 3, firstCol: 1, lastRow: 3, lastCol: 4, text: "x") }
        let other = try workbook.addWorksheet("Other")
        let sameName = try #require(throws: XlsxError.self) {
            try other.addTable(firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 0, name: "TBL_ONE", columns: [TableColumn("A")])
        }
        #expect(sameName.description.contains("already exists"))
        try other.addTable(firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 0, columns: [TableColumn("A")])

        let chart = try workbook.addChart(.bar)
        let empty = try #require(throws: XlsxError.self) { try sheet.insertChart(chart, row: 8, col: 0) }
        #expect(empty.description.contains("no data series"))
        let missing = try #require(throws: XlsxError.self) {
            try chart.addSeries(values: CellRange(sheet: "Nope", col: 0, firstRow: 0, lastRow: 2))
        }
        #expect(missing.description.contains("Nope"))
        try chart.addSeries(values: CellRange(sheet: "S", col: 1, firstRow: 1, lastRow: 3))
        try sheet.insertChart(chart, row: 8, col: 0)
        #expect(throws: XlsxError.self) { try sheet.insertChart(chart, row: 20, col: 0) }

        let otherWorkbook = try openWorkbook()
        let foreign = try otherWorkbook.format(FormatSpec(bold: true))
        #expect(throws: XlsxError.self) { try sheet.writeString(row: 10, col: 0, "x", format: foreign) }
        #expect(throws: XlsxError.self) { try workbook.format(FormatSpec(numberFormat: String(repeating: "0", count: 200))) }
        // The same spec gives the same format.
        let a = try workbook.format(FormatSpec(bold: true))
        let b = try workbook.format(FormatSpec(bold: true))
        #expect(a.pointer == b.pointer)
        try workbook.close()
    }

    @Test("closing: unwritable path, double close, use after close")
    func closing() throws {
        let dir = try TempDir("xlsxwriter-tests")
        let missingDirectory = dir.url.appendingPathComponent("nope/out.xlsx")
        let early = try #require(throws: XlsxError.self) { try Workbook(path: missingDirectory.path) }
        #expect(early.description.contains("does not exist"))
        #expect(early.kind == .fileNotWritable)

        let directory = dir.url
        let workbook = try Workbook(path: directory.path)  // a directory, not a file
        _ = try workbook.addWorksheet("S")
        let failed = try #require(throws: XlsxError.self) { try workbook.close() }
        #expect(failed.kind == .fileNotWritable)
        #expect(failed.description.contains(directory.path))

        let url = directory.appendingPathComponent("ok.xlsx")
        let ok = try Workbook(path: url.path)
        let sheet = try ok.addWorksheet("S")
        try ok.close()
        #expect(ok.isClosed)
        #expect(FileManager.default.fileExists(atPath: url.path))
        #expect(throws: XlsxError.self) { try ok.close() }
        let late = try #require(throws: XlsxError.self) { try sheet.writeNumber(row: 0, col: 0, 1) }
        #expect(late.description.contains("closed"))
        #expect(late.kind == .closed)
        #expect(throws: XlsxError.self) { try ok.addWorksheet("T") }

        // Dropped without closing: nothing is written.
        let dropped = directory.appendingPathComponent("dropped.xlsx")
        do {
            let unused = try Workbook(path: dropped.path)
            try unused.addWorksheet("S").writeString(row: 0, col: 0, "x")
        }
        #expect(!FileManager.default.fileExists(atPath: dropped.path))
    }

    @Test("cell names and Excel dates")
    func references() {
        #expect(CellReference.columnName(0) == "A")
        #expect(CellReference.columnName(25) == "Z")
        #expect(CellReference.columnName(26) == "AA")
        #expect(CellReference.columnName(16_383) == "XFD")
        #expect(CellReference.cellName(row: 1, col: 1, absolute: true) == "$B$2")
        #expect(CellReference.rangeName(firstRow: 0, firstCol: 0, lastRow: 3, lastCol: 2) == "A1:C4")
        #expect(CellReference.excelSerial(year: 1900, month: 3, day: 1) == 61)
        #expect(CellReference.excelSerial(year: 2024, month: 1, day: 1) == 45292)
        #expect(CellReference.excelSerial(year: 2024, month: 2, day: 29, hour: 12) == 45351.5)
        let paris = TimeZone(identifier: "Europe/Paris")!
        // 2024-07-01T22:30:00Z is 2024-07-02 00:30 in Paris.
        let instant = Date(timeIntervalSince1970: 1_719_873_000)
        #expect(abs(CellReference.excelSerial(instant, timeZone: paris) - (45475 + 0.5 / 24)) < 1e-9)
        #expect(Worksheet.headerFooterText("R&D") == "R&&D")
    }
}
