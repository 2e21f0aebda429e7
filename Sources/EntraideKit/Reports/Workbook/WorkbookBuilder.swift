import Foundation
import XlsxWriter

/// A column of a monthly series table: an indicator of the catalogue.
struct SeriesColumn {
    var indicator: Indicator
    var header: String
    var kind: IndicatorKind { indicator.kind }
    func value(_ p: PeriodIndicators) -> Double? { indicator.value(p).number }
    /// The same column under another header.
    func titled(_ header: String) -> SeriesColumn { SeriesColumn(indicator: indicator, header: header) }
}

/// Lays out one workbook. Row and column numbers are zero-based.
final class WorkbookBuilder {
    let content: WorkbookContent
    let text: WorkbookText
    let workbook: Workbook
    private var formats: [String: Format] = [:]
    /// The resident counts hidden (docs/SECURITY.md, "Small counts"); nil without suppression.
    lazy var suppressionPlan = SuppressionPlan(content: content)

    /// Colours: a dark blue for titles and table headers, then the series' colours.
    static let navy = XlsxColor(rgb: 0x1F4E79)
    /// Line colours far apart in lightness (a dark blue, an orange), so that even without the
    /// markers and dashes two series print as different greys.
    static let chartColors: [XlsxColor] = [XlsxColor(rgb: 0x1F4E79), XlsxColor(rgb: 0xED7D31)]
    static let palette: [XlsxColor] = [
        XlsxColor(rgb: 0x1F4E79), XlsxColor(rgb: 0xED7D31), XlsxColor(rgb: 0x70AD47), XlsxColor(rgb: 0xFFC000),
        XlsxColor(rgb: 0x5B9BD5), XlsxColor(rgb: 0x7F6084), XlsxColor(rgb: 0x9E480E), XlsxColor(rgb: 0x264478),
    ]

    init(content: WorkbookContent, path: String) throws {
        self.content = content
        self.text = content.text
        self.workbook = try Workbook(path: path)
    }

    // MARK: Formats

    func format(_ spec: FormatSpec) throws -> Format { try workbook.format(spec) }

    var titleFormat: Format { get throws { try format(FormatSpec(bold: true, fontSize: 16, fontColor: Self.navy)) } }
    var subtitleFormat: Format { get throws { try format(FormatSpec(fontSize: 11, fontColor: XlsxColor(rgb: 0x404040))) } }
    var noteFormat: Format { get throws { try format(FormatSpec(italic: true, fontColor: XlsxColor(rgb: 0x595959))) } }
    var headerFormat: Format {
        get throws {
            try format(FormatSpec(bold: true, fontColor: .white, backgroundColor: Self.navy,
                                  verticalAlignment: .center, textWrap: true))
        }
    }
    /// A table header over numbers: right-aligned like them.
    var numberHeaderFormat: Format {
        get throws {
            try format(FormatSpec(bold: true, fontColor: .white, backgroundColor: Self.navy, horizontalAlignment: .right,
                                  verticalAlignment: .center, textWrap: true))
        }
    }
    /// A table's columns: the first (labels, months) headed on the left, the numbers' on the right.
    func numberTableColumns(_ headers: [String]) throws -> [TableColumn] {
        try headers.enumerated().map { i, h in TableColumn(h, headerFormat: i == 0 ? try headerFormat : try numberHeaderFormat) }
    }
    func valueFormat(_ kind: IndicatorKind, bold: Bool = false) throws -> Format {
        try format(FormatSpec(bold: bold, numberFormat: text.numberFormat(kind.numberFormat)))
    }
    func changeFormat(_ kind: IndicatorKind) throws -> Format {
        try format(FormatSpec(numberFormat: text.numberFormat(kind.changeFormat)))
    }
    func textFormat(bold: Bool = false, right: Bool = false) throws -> Format {
        try format(FormatSpec(bold: bold, horizontalAlignment: right ? .right : nil))
    }
    var wrapFormat: Format { get throws { try format(FormatSpec(verticalAlignment: .top, textWrap: true)) } }
    var wrapBoldFormat: Format { get throws { try format(FormatSpec(bold: true, verticalAlignment: .top, textWrap: true)) } }

    // MARK: Values

    var suppressionThreshold: Int? {
        guard let n = content.suppressBelow, n > 1 else { return nil }
        return n
    }

    /// Whether a value of `kind` (the resident count `cell`, when it is one) is hidden.
    func isSuppressed(_ kind: IndicatorKind, _ value: Double?, cell: SuppressionCell? = nil) -> Bool {
        suppressionMarker(kind, value, cell: cell) != nil
    }

    /// Writes a value of `kind`: blank when nil, `< N` for a small resident count, the
    /// complementary marker for a resident count `cell` hidden so that a small one cannot be
    /// worked out. Returns the characters it takes.
    @discardableResult
    func writeValue(_ sheet: Worksheet, _ row: Int, _ col: Int, _ value: Double?, _ kind: IndicatorKind,
                    bold: Bool = false, cell: SuppressionCell? = nil) throws -> Int {
        guard let value else { return 0 }
        if let marker = suppressionMarker(kind, value, cell: cell), let n = suppressionThreshold {
            let s = suppressionText(marker, threshold: n)
            try sheet.writeText(row: row, col: col, s, format: textFormat(bold: bold, right: true))
            return s.count
        }
        try sheet.writeNumber(row: row, col: col, value, format: valueFormat(kind, bold: bold))
        return kind.displayWidth(kind == .share ? value * 100 : value)
    }

    // MARK: Page setup

    /// The period in titles, headers and subtitles: `janvier 2026 – octobre 2026`, `octobre
    /// 2026`, or the year of an annual workbook, `2026`.
    var periodLabel: String { content.year.map(String.init) ?? text.periodName(content.from, content.to) }

    var documentTitle: String {
        let kindTitle = content.title(text)
        var title = "\(content.settings.networkName) — \(kindTitle), \(periodLabel)"
        if let a = content.association { title += " — \(a)" }
        return title
    }

    /// A4 landscape, one page wide (and one page tall for `onePage`: a family sheet's table and
    /// chart print together instead of the chart being cut by a page break), the network (or
    /// the association) and the period in the page header, the report's title, "Page n sur N"
    /// and the sheet's name in the footer.
    func pageSetup(_ sheet: Worksheet, repeatHeaderRow: Int? = nil, onePage: Bool = false) throws {
        try sheet.setPaper(.a4)
        try sheet.setLandscape()
        try sheet.fitToPages(width: 1, height: onePage ? 1 : 0)
        try sheet.hideGridlines()
        var left = content.settings.networkName
        if let a = content.association { left += " — " + a }
        let right = "&R" + Worksheet.headerFooterText(periodLabel)
        let header = "&L" + ExcelText.headerFooterSection(String(left.prefix(110)),
                                                          maxBytes: ExcelText.headerFooterBytes - 2 - right.utf8.count)
            + right
        try sheet.setHeader(header)
        let kindTitle = Worksheet.headerFooterText(content.title(text))
        try sheet.setFooter("&L" + kindTitle + (language == .en ? "&CPage &P of &N&R&A" : "&CPage &P sur &N&R&A"))
        if let row = repeatHeaderRow { try sheet.repeatRows(first: row, last: row) }
    }

    /// Title and subtitle lines at the top of a sheet; returns the next free row.
    func writeHeading(_ sheet: Worksheet, _ title: String) throws -> Int {
        try sheet.writeText(row: 0, col: 0, title, format: titleFormat)
        try sheet.setRowHeight(24, row: 0)
        var subtitle = "\(content.settings.networkName) — \(periodLabel)"
        if let a = content.association { subtitle += " — " + text.restrictedTo(a) }
        try sheet.writeText(row: 1, col: 0, subtitle, format: subtitleFormat)
        return 3
    }

    /// Sets column widths from the widest value and lets headers wrap on up to three lines;
    /// sets the header row's height to fit. `valueWidths` are in characters.
    @discardableResult
    func sizeColumns(_ sheet: Worksheet, headerRow: Int, headers: [String], valueWidths: [Int],
                     firstColumnMinimum: Int = 10, valueMinimum: Int = 9, headerLines: Int = 3,
                     otherHeaderRows: [Int] = []) throws -> Int {
        var lines = 1
        var total = 0
        for (col, header) in headers.enumerated() {
            let longestWord = header.split(separator: " ").map(\.count).max() ?? 0
            let minimum = col == 0 ? firstColumnMinimum : valueMinimum
            // Room for the filter button (about 3 characters) beside the header text.
            var width = max(minimum, valueWidths[col] + 2, longestWord + 4,
                            (header.count + headerLines - 1) / headerLines + 4)
            width = min(width, 48)
            lines = max(lines, Self.wrappedLines(header, width: width - 3))
            try sheet.setColumnWidth(Double(width), firstCol: col)
            total += width
        }
        for row in [headerRow] + otherHeaderRows { try sheet.setRowHeight(Double(15 * lines + 4), row: row) }
        return total
    }

    /// Lines a text takes when wrapped at `width` characters, breaking at spaces.
    static func wrappedLines(_ text: String, width: Int) -> Int {
        guard width > 0 else { return 1 }
        var lines = 1, current = 0
        for word in text.split(separator: " ") {
            let length = word.count
            if current == 0 {
                current = length
            } else if current + 1 + length <= width {
                current += 1 + length
            } else {
                lines += 1
                current = length
            }
            while current > width { lines += 1; current -= width }
        }
        return lines
    }

    /// A unique table name from a sheet title (`T_Benevoles`).
    static func tableName(_ base: String) -> String {
        let key = TextKey.normalize(base)
        return "T_" + (key.isEmpty ? "table" : key)
    }

    /// Table headers must be unique ignoring case: repeated ones get a number.
    static func uniqueHeaders(_ headers: [String]) -> [String] {
        var seen: Set<String> = []
        return headers.map { header in
            var candidate = header.isEmpty ? "-" : header
            var i = 2
            while seen.contains(candidate.lowercased()) { candidate = "\(header) (\(i))"; i += 1 }
            seen.insert(candidate.lowercased())
            return candidate
        }
    }

    // MARK: Building

    /// The document's subject property.
    var subject: String {
        switch content.kind {
        case .funder: return text.t("Indicateurs du réseau d'entraide pour les financeurs", "Mutual-aid network indicators for funders")
        case .monthly: return text.t("Indicateurs mensuels du réseau d'entraide", "Monthly indicators of the mutual-aid network")
        case .annual:
            return text.t("Rapport d'activité annuel du réseau d'entraide et valorisation du bénévolat",
                          "Annual activity report of the mutual-aid network and valuation of volunteer time")
        }
    }

    /// The keywords that follow the common ones.
    var keywords: String {
        switch content.kind {
        case .funder: return text.t(", financeurs", ", funders")
        case .monthly: return text.t(", mensuel", ", monthly")
        case .annual:
            return text.t(", rapport annuel, assemblée générale, valorisation du bénévolat, écritures comptables",
                          ", annual report, general assembly, volunteer time valuation, accounting entries")
        }
    }

    func build() throws {
        let c = content
        try workbook.setProperties(
            title: ExcelText.fitted(documentTitle, maxBytes: ExcelText.headerFooterBytes),
            subject: subject,
            author: ExcelText.fitted(c.settings.author, maxBytes: ExcelText.headerFooterBytes),
            company: ExcelText.fitted(c.settings.networkName, maxBytes: ExcelText.headerFooterBytes),
            keywords: text.t("entraide, bénévolat, indicateurs, demandes, délais, heures",
                             "mutual aid, volunteering, indicators, requests, delays, hours")
                + keywords,
            comments: text.t("Produit par entraide à partir des exports du réseau. Aucune donnée personnelle.",
                             "Produced by entraide from the network's exports. No personal data."),
            created: c.created)

        let summary = try workbook.addWorksheet(text.summarySheet)
        try buildSummary(summary)
        try buildVolunteers()
        try buildRequests()
        try buildDelays()
        try buildLoad()
        try buildAssociations()
        if c.waiting != nil { try buildWaiting() }
        if let valuation = c.valuation { try buildValuation(valuation) }
        try buildMethods()
        try summary.activate()
        try workbook.close()
    }

    // MARK: Summary sheet

    var catalogue: IndicatorCatalogue { content.catalogue }
    var language: Language { text.language }

    /// The indicator `key` as a column of a series sheet, headed by its `use` label.
    func column(_ key: String, _ use: Indicator.LabelUse = .column) -> SeriesColumn {
        let indicator = catalogue[key]
        return SeriesColumn(indicator: indicator, header: text.typeset(indicator.label(use, language)))
    }

    /// The column of the series sheet holding indicator `key` (the months are column 0).
    func columnNumber(_ key: String, in columns: [SeriesColumn]) -> Int {
        guard let i = columns.firstIndex(where: { $0.indicator.key == key }) else {
            preconditionFailure("no column \(key) on this sheet")
        }
        return i + 1
    }

    /// The summary sheet's rows, by key: requests and their outcomes, residents, volunteers,
    /// hours (the valuation only with a configured rate), then each delay's median, share within
    /// the target and unanswered requests.
    var headlines: [SeriesColumn] {
        var keys = ["requests.received", "requests.done", "requests.unmet", "requests.cancelled",
                    "requests.matched_share", "requests.done_share",
                    "residents.reached", "residents.helped", "residents.new",
                    "volunteers.registered", "volunteers.active", "load.assignments", "hours.total"]
        if content.settings.valuesHours { keys.append("hours.valuation_eur") }
        var lines = keys.map { column($0, .headline) }
        // Each delay in real time, then the same requests in working hours (docs/INDICATORS.md,
        // "Working time"), then its unanswered requests.
        let workingHours = content.settings.calendar.targetHours
        for block in ["match", "contact"] {
            lines += [column("delays.\(block).median_hours", .headline),
                      column("delays.\(block).working.median_hours").titled(text.workingMedian(block)),
                      column("delays.\(block).within_target_share", .headline),
                      column("delays.\(block).working.within_target_share")
                        .titled(text.workingWithinTarget(block, hours: workingHours)),
                      column("delays.\(block).unanswered", .headline)]
        }
        return lines
    }

    /// A summary information line's value longer than this wraps over the value columns (at
    /// their narrowest, 4 × 22 characters, 4 × 16 in the monthly workbook).
    static let infoWidth = 80

    func buildSummary(_ sheet: Worksheet) throws {
        let c = content
        let title = "\(c.title(text)) — \(periodLabel)"
        try sheet.writeText(row: 0, col: 0, title, format: titleFormat)
        try sheet.setRowHeight(24, row: 0)
        var row = 1
        func info(_ label: String, _ value: String) throws {
            let long = value.count > Self.infoWidth
            try sheet.writeText(row: row, col: 0, text.t(label + " :", label + ":"),
                                format: long ? format(FormatSpec(bold: true, verticalAlignment: .top)) : textFormat(bold: true))
            if long {
                // A long value (dated rates with their sources) wraps over the table's value
                // columns instead of running far to their right, which made "fit to width"
                // print the whole summary small.
                try sheet.mergeRange(firstRow: row, firstCol: 1, lastRow: row, lastCol: 4,
                                     text: ExcelText.fitted(value, maxBytes: ExcelText.cellBytes),
                                     format: format(FormatSpec(fontSize: 11, fontColor: XlsxColor(rgb: 0x404040),
                                                               verticalAlignment: .top, textWrap: true)))
                let lines = Self.wrappedLines(value, width: c.coversPeriod ? 4 * 22 : 4 * 16)
                try sheet.setRowHeight(Double(min(15 * lines + 2, 409)), row: row)
            } else {
                try sheet.writeText(row: row, col: 1, value, format: subtitleFormat)
            }
            row += 1
        }
        try info(text.network, c.settings.networkName)
        if let a = c.association { try info(text.association, a) }
        let months = c.from.distance(to: c.to) + 1
        try info(text.period, "\(text.periodName(c.from, c.to)) (\(text.monthCount(months)))")
        try info(text.previousPeriod, text.periodName(c.previousFrom, c.previousTo))
        try info(text.dataLabel, text.coverageLine(coverage))
        try info(text.timeZone, c.settings.timezone)
        // The rate in force over the period (docs/INDICATORS.md, "Valuation").
        if let rates = c.settings.ratesInForceText(from: c.from, to: c.to, language) { try info(text.hourlyRate, rates) }
        let produced = c.created ?? Date()
        let day = c.settings.makeClock().timestamp(utc: Int(produced.timeIntervalSince1970))
        try info(text.generatedOn, text.date(day))
        row += 1
        // Said before the table, where the empty columns are seen.
        let warnings = [noDataNote, noComparisonNote, runningMonthNote].compactMap { $0 }
        // The table's columns are not sized yet: their minimum widths (24 + 4 × 16) give the
        // height; the table below is wide enough, no need to widen.
        if !warnings.isEmpty {
            row = try writeNotes(sheet, from: row, warnings, warning: true, lastCol: 4, width: 88, widen: false) + 1
        }

        let headerRow = row
        let currentHeader: String, previousHeader: String
        if let year = c.year {
            currentHeader = text.yearHeader(year)
            previousHeader = text.yearHeader(year - 1)
        } else if c.coversPeriod {
            currentHeader = "\(text.period) \(text.periodShort(c.from, c.to))"
            previousHeader = "\(text.previousPeriod) \(text.periodShort(c.previousFrom, c.previousTo))"
        } else {
            currentHeader = text.seriesMonth(c.from, c.current.data, last: true)
            previousHeader = text.monthName(c.previousFrom)
        }
        let headers = Self.uniqueHeaders([text.indicator, currentHeader, previousHeader, text.change, text.changePercent])
        var widths = [0, 0, 0, 0, 0]
        let lines = headlines
        for (i, h) in lines.enumerated() {
            let r = headerRow + 1 + i
            try sheet.writeText(row: r, col: 0, h.header)
            widths[0] = max(widths[0], h.header.count)
            let now = c.current.data == .none ? nil : h.value(c.current)
            let nowCell = h.cell(c.currentScope), beforeCell = h.cell(c.previousScope)
            widths[1] = max(widths[1], try writeValue(sheet, r, 1, now, h.kind, cell: nowCell))
            // No comparison against a period whose data is not complete (docs/INDICATORS.md).
            guard comparesWithPrevious else { continue }
            let before = h.value(c.previous)
            widths[2] = max(widths[2], try writeValue(sheet, r, 2, before, h.kind, cell: beforeCell))
            // In the first year of data almost every resident is new: its change is no trend
            // (docs/INDICATORS.md, "The monthly note and the workbooks"; the note says so too).
            if h.indicator.key == "residents.new" && newResidentsNote != nil { continue }
            if let now, let before, !isSuppressed(h.kind, now, cell: nowCell),
               !isSuppressed(h.kind, before, cell: beforeCell) {
                // From the values as the cells show them, so that the change adds up as printed.
                let diff = h.kind.displayedChange(from: before, to: now)
                try sheet.writeNumber(row: r, col: 3, diff + 0, format: changeFormat(h.kind))
                widths[3] = max(widths[3], h.kind.displayWidth(diff) + 3)
                if let relative = h.kind.displayedRelativeChange(from: before, to: now) {
                    // Rounded to the whole percent shown, so that −0,4 % prints 0 %, never −0 %.
                    let shown = (relative * 100).rounded(.toNearestOrAwayFromZero) / 100
                    try sheet.writeNumber(row: r, col: 4, shown + 0, format: format(FormatSpec(numberFormat: text.numberFormat(IndicatorKind.relativeChangeFormat))))
                    widths[4] = max(widths[4], 7)
                }
            }
        }
        let lastRow = headerRow + lines.count
        try sheet.addTable(firstRow: headerRow, firstCol: 0, lastRow: lastRow, lastCol: 4,
                           name: "T_Synthese", style: .medium(2),
                           columns: try numberTableColumns(headers))
        // Value columns wide enough for "Période précédente nov. 2024 – oct. 2025" on two lines.
        let tableCharacters = try sizeColumns(sheet, headerRow: headerRow, headers: headers, valueWidths: widths,
                                              firstColumnMinimum: 24, valueMinimum: c.coversPeriod ? 22 : 16,
                                              headerLines: 2)
        try sheet.freezePanes(row: headerRow + 1, col: 0)

        var notes: [String] = []
        if let n = suppressionThreshold { notes.append(text.suppressionNote(n)) }
        if !c.settings.valuesHours { notes.append(IndicatorCatalogue.unsetRate.text(language)) }
        if let note = newResidentsNote { notes.append(note) }
        notes.append(text.t("Le détail mois par mois est dans les feuilles suivantes ; chaque chiffre est défini dans la feuille « \(text.methodsSheet) ».",
                            "Month-by-month figures are in the following sheets; every number is defined in the \"\(text.methodsSheet)\" sheet."))
        try writeNotes(sheet, from: lastRow + 2, notes, lastCol: 4, width: tableCharacters)
        try pageSetup(sheet)
    }

    // MARK: Family sheets

    /// Writes a sheet with the monthly series as an Excel table, the whole-period row below it
    /// (funder workbook) and returns the sheet with the rows of the data (for charts).
    func seriesSheet(name: String, title: String, columns: [SeriesColumn], notes: [String] = []) throws
        -> (Worksheet, dataRows: ClosedRange<Int>, chartRow: Int, chartWidth: Double)
    {
        let sheet = try workbook.addWorksheet(name)
        let headerRow = try writeHeading(sheet, title)
        let table = try writeSeriesTable(sheet, headerRow: headerRow, columns: columns, name: Self.tableName(name))
        var next = table.next
        var sheetNotes = notes
        if seriesHasUncoveredMonths { sheetNotes.append(text.uncoveredMonthsNote(coverage)) }
        let characters = try sizeColumns(sheet, headerRow: headerRow, headers: table.headers, valueWidths: table.widths,
                                         headerLines: columns.count > 8 ? 4 : 3)
        if !sheetNotes.isEmpty {
            next = try writeNotes(sheet, from: next + 1, sheetNotes, lastCol: columns.count, width: characters)
        }
        try sheet.freezePanes(row: headerRow + 1, col: 1)
        // Up to two years fit on one page with their chart; longer series print on several.
        try pageSetup(sheet, repeatHeaderRow: headerRow, onePage: content.series.count <= 24)
        return (sheet, table.rows, next + 1, chartWidth(characters: characters, columns: table.headers.count))
    }

    /// A chart as wide as a table of `characters` in `columns` columns (a column of n
    /// characters is about 7n + 5 pixels), between 820 and 2400 pixels.
    func chartWidth(characters: Int, columns: Int) -> Double {
        min(max(Double(characters * 7 + columns * 5), 820), 2400)
    }

    /// Writes the monthly series of `columns` as an Excel table named `name` with its header at
    /// `headerRow`, and the whole-period row under it (funder workbook). Returns the data rows,
    /// the next free row, the headers and the widest value of each column, in characters.
    func writeSeriesTable(_ sheet: Worksheet, headerRow: Int, columns: [SeriesColumn], name: String) throws
        -> (rows: ClosedRange<Int>, next: Int, headers: [String], widths: [Int])
    {
        let headers = Self.uniqueHeaders([text.month] + columns.map(\.header))
        var widths = [Int](repeating: 0, count: headers.count)
        widths[0] = 7
        for (i, m) in content.series.enumerated() {
            let r = headerRow + 1 + i
            widths[0] = max(widths[0], try writeSeriesMonth(sheet, r, i))
            // A month the data does not cover is left empty: its zeros are not figures to compare.
            if m.indicators.data == .none { continue }
            for (j, column) in columns.enumerated() {
                widths[j + 1] = max(widths[j + 1], try writeValue(sheet, r, j + 1, column.value(m.indicators), column.kind,
                                                                        cell: column.cell(.month(m.month))))
            }
        }
        let lastRow = headerRow + max(content.series.count, 1)
        try sheet.addTable(firstRow: headerRow, firstCol: 0, lastRow: lastRow, lastCol: columns.count,
                           name: name, style: .medium(2),
                           columns: try numberTableColumns(headers))
        var next = lastRow + 1
        if let total = content.seriesTotal {
            try sheet.writeText(row: next, col: 0, text.wholePeriod, format: textFormat(bold: true))
            widths[0] = max(widths[0], text.wholePeriod.count)
            for (j, column) in columns.enumerated() {
                widths[j + 1] = max(widths[j + 1], try writeValue(sheet, next, j + 1, column.value(total), column.kind, bold: true,
                                                                        cell: column.cell(.period)))
            }
            next += 1
        }
        return ((headerRow + 1)...lastRow, next, headers, widths)
    }

    func makeChart(_ type: ChartType, title: String, yAxis: String, yFormat: String? = nil,
                   width: Double = 820, height: Double = 360) throws -> Chart {
        let chart = try workbook.addChart(type)
        try chart.setTitle(title)
        try chart.setXAxisTitle(text.month)
        try chart.setYAxisTitle(yAxis)
        // The categories are date cells: shown `janv. 2026`, never as ISO months or day numbers.
        try chart.setCategoryAxisNumberFormat(text.monthFormat)
        if let yFormat { try chart.setValueAxisNumberFormat(yFormat) }
        try chart.setLegendPosition(.bottom)
        try chart.setSize(width: width, height: height)
        // Beyond a year of months, or in a half-width chart (the delays' two side by side),
        // upright labels wrap or run into each other; slanted, each fits on one.
        if content.series.count > 12 || width / Double(max(content.series.count, 1)) < 60 {
            try chart.setCategoryAxisLabelRotation(-45)
        }
        return chart
    }

    func range(_ sheet: Worksheet, _ col: Int, _ rows: ClosedRange<Int>) -> CellRange {
        CellRange(sheet: sheet.name, col: col, firstRow: rows.lowerBound, lastRow: rows.upperBound)
    }

    func buildVolunteers() throws {
        let columns = ["volunteers.registered", "volunteers.active", "volunteers.new", "volunteers.left"].map { column($0) }
        var notes: [String] = []
        if content.seriesTotal != nil { notes.append(text.activePerMonthNote(active: column("volunteers.active").header)) }
        if let a = content.association {
            notes.append(text.activeMayExceedRegistered(a, active: column("volunteers.active").header,
                                                        registered: column("volunteers.registered").header))
        }
        let (sheet, rows, chartRow, chartWidth) = try seriesSheet(name: text.volunteersSheet,
                                                      title: text.t("Bénévoles", "Volunteers"), columns: columns,
                                                      notes: notes)
        let chart = try makeChart(.line, title: text.chartVolunteers, yAxis: text.axisVolunteers, yFormat: "#,##0", width: chartWidth)
        let categories = range(sheet, 0, rows)
        // Told apart in grey too: a solid line with squares, a dashed one with triangles.
        let styles: [(LineDash, ChartMarker)] = [(.solid, .square), (.dash, .triangle)]
        for (i, key) in ["volunteers.registered", "volunteers.active"].enumerated() {
            try chart.addSeries(values: range(sheet, columnNumber(key, in: columns), rows), categories: categories,
                                name: text.typeset(catalogue[key].label(.chart, language)), color: Self.chartColors[i],
                                dash: styles[i].0, lineWidth: 2.25, marker: styles[i].1, markerSize: 6)
        }
        try chart.setValueAxisRange(min: 0)
        try sheet.insertChart(chart, row: chartRow, col: 0)
    }

    func domainLabel(_ code: String) -> String { content.settings.domainLabel(code, language) }

    func buildRequests() throws {
        let domainKeys = content.domainCodes.map { "requests.by_domain.\($0)" }
        var requests = (["requests.received"] + RequestStatus.allCases.map { "requests.\($0.rawValue)" }
            + ["requests.matched_share", "requests.done_share"]).map { column($0) }
        for i in requests.indices where requests[i].indicator.key == "requests.matched" {
            requests[i].header = text.matchedStatus
        }
        let domains = (domainKeys + ["residents.reached", "residents.helped", "residents.new"]).map { column($0) }
        var notes = [text.statusNote(matched: text.matchedStatus, assignments: column("load.assignments").header)]
        if content.seriesTotal != nil {
            notes.append(text.residentsPerMonthNote(reached: column("residents.reached").header,
                                                    helped: column("residents.helped").header))
        }
        if let note = newResidentsNote { notes.append(note) }
        let layout = try twoTableSheet(name: text.requestsSheet,
                                       title: text.t("Demandes, domaines et habitants aidés", "Requests, domains and residents helped"),
                                       first: requests, firstName: Self.tableName(text.requestsSheet),
                                       secondTitle: text.t("Les mêmes demandes par domaine, et les habitants",
                                                           "The same requests per domain, and the residents"),
                                       second: domains, secondName: "T_Domaines", notes: notes)
        let sheet = layout.sheet, rows = layout.secondRows
        let chart = try makeChart(.stackedColumn, title: text.perDomain(catalogue["requests.received"].label(.table, language)),
                                  yAxis: text.axisRequests, yFormat: "#,##0", width: max(820, layout.chartWidth))
        let categories = range(sheet, 0, rows)
        let headers = Self.uniqueHeaders([text.month] + domains.map(\.header))
        // Each domain its own hatching as well as its colour: stacked, they stay apart in grey.
        let patterns = ChartPattern.allCases
        for (i, key) in domainKeys.enumerated() {
            let col = columnNumber(key, in: domains)
            try chart.addSeries(values: range(sheet, col, rows), categories: categories, name: headers[col],
                                color: Self.palette[i % Self.palette.count], pattern: patterns[i % patterns.count])
        }
        try sheet.insertChart(chart, row: layout.chartRow, col: 0)
    }

    func buildLoad() throws {
        var keys = ["load.assignments", "volunteers.active", "load.per_active_volunteer.mean",
                    "load.per_active_volunteer.median", "load.per_active_volunteer.max", "load.threshold",
                    "load.over_threshold", "hours.total"]
        if content.settings.valuesHours { keys.append("hours.valuation_eur") }
        let columns = keys.map { column($0) }
        let (sheet, rows, chartRow, chartWidth) = try seriesSheet(name: text.loadSheet,
                                                      title: text.t("Charge des bénévoles et heures données",
                                                                    "Volunteer load and hours given"),
                                                      columns: columns,
                                                      notes: content.seriesTotal == nil ? []
                                                        : [text.activePerMonthNote(active: column("volunteers.active").header)])
        let chart = try makeChart(.column, title: text.perMonth(catalogue["hours.total"].label(.table, language)), yAxis: text.axisHours, yFormat: "#,##0", width: chartWidth)
        try chart.addSeries(values: range(sheet, columnNumber("hours.total", in: columns), rows),
                            categories: range(sheet, 0, rows), name: column("hours.total", .chart).header,
                            color: Self.palette[2])
        try chart.setLegendPosition(.none)
        try sheet.insertChart(chart, row: chartRow, col: 0)
    }

    func buildAssociations() throws {
        let sheet = try workbook.addWorksheet(text.associationsSheet)
        let headerRow = try writeHeading(sheet, text.t("Associations partenaires", "Partner associations"))
        let keys = ["requests.received", "residents.reached", "residents.helped", "load.assignments", "hours.total"]
        let headers = [text.association] + keys.map { column($0).header }
        var widths = [12, 0, 0, 0, 0, 0]
        let rows = content.associations
        if rows.isEmpty {
            try sheet.writeText(row: headerRow, col: 0,
                                  text.t("Aucune demande ni mise en relation sur la période.",
                                         "No request or assignment in the period."), format: noteFormat)
            try sheet.setColumnWidth(30, firstCol: 0)
            try pageSetup(sheet)
            return
        }
        for (i, a) in rows.enumerated() {
            let r = headerRow + 1 + i
            let name = a.association ?? text.noAssociation
            try sheet.writeText(row: r, col: 0, name)
            widths[0] = max(widths[0], name.count)
            widths[1] = max(widths[1], try writeValue(sheet, r, 1, Double(a.requests), .count))
            widths[2] = max(widths[2], try writeValue(sheet, r, 2, Double(a.residentsReached), .residents,
                                                      cell: .association(SuppressionPlan.reached, a)))
            widths[3] = max(widths[3], try writeValue(sheet, r, 3, Double(a.residentsHelped), .residents,
                                                      cell: .association(SuppressionPlan.helped, a)))
            widths[4] = max(widths[4], try writeValue(sheet, r, 4, Double(a.assignments), .count))
            widths[5] = max(widths[5], try writeValue(sheet, r, 5, a.hours, .hours))
        }
        let lastRow = headerRow + rows.count
        try sheet.addTable(firstRow: headerRow, firstCol: 0, lastRow: lastRow, lastCol: 5,
                           name: "T_Associations", style: .medium(2),
                           columns: try numberTableColumns(headers))
        var next = lastRow + 1
        var notes = [text.t("Une demande compte pour l'association qui l'a traitée ; ses mises en relation et ses heures aussi, quel que soit le bénévole.",
                            "A request counts for the association that handled it; so do its assignments and hours, whoever the volunteer.")]
        // The network's distinct residents, beside the rows that do not add up to them.
        if content.association == nil {
            let network = content.current
            try sheet.writeText(row: next, col: 0, text.networkDistinct, format: textFormat(bold: true))
            widths[0] = max(widths[0], text.networkDistinct.count)
            widths[1] = max(widths[1], try writeValue(sheet, next, 1, Double(network.requests.received), .count, bold: true))
            // The network's totals are the summary's current period: one identity, shown or hidden together.
            widths[2] = max(widths[2], try writeValue(sheet, next, 2, Double(network.residents.reached), .residents, bold: true,
                                                      cell: SuppressionCell(key: SuppressionPlan.reached, scope: content.currentScope)))
            widths[3] = max(widths[3], try writeValue(sheet, next, 3, Double(network.residents.helped), .residents, bold: true,
                                                      cell: SuppressionCell(key: SuppressionPlan.helped, scope: content.currentScope)))
            next += 1
            notes.append(text.residentsDoNotAddUp(reached: catalogue["residents.reached"].label(.column, language),
                                                  helped: catalogue["residents.helped"].label(.column, language)))
        }
        let characters = try sizeColumns(sheet, headerRow: headerRow, headers: headers, valueWidths: widths)
        try sheet.freezePanes(row: headerRow + 1, col: 1)
        try writeNotes(sheet, from: next + 1, notes, lastCol: 5, width: characters)
        try pageSetup(sheet, repeatHeaderRow: headerRow)
    }

    // MARK: Methods sheet

    func buildMethods() throws {
        let sheet = try workbook.addWorksheet(text.methodsSheet)
        try sheet.writeText(row: 0, col: 0, text.t("Méthodologie : définition des chiffres", "Methods: what each number means"),
                              format: titleFormat)
        try sheet.setRowHeight(24, row: 0)
        try sheet.writeText(row: 1, col: 0, "\(content.settings.networkName) — \(periodLabel)", format: subtitleFormat)
        let headerRow = 3
        let definitionWidth = 110
        try sheet.setColumnWidth(34, firstCol: 0)
        try sheet.setColumnWidth(Double(definitionWidth), firstCol: 1)
        let entries = MethodsText.entries(content: content, text: text)
        for (i, entry) in entries.enumerated() {
            let r = headerRow + 1 + i
            try sheet.writeText(row: r, col: 0, text.typeset(entry.0), format: wrapBoldFormat)
            try sheet.writeText(row: r, col: 1, text.typeset(entry.1), format: wrapFormat)
            let lines = max(Self.wrappedLines(entry.1, width: definitionWidth + 10),
                            Self.wrappedLines(entry.0, width: 30))
            try sheet.setRowHeight(Double(min(15 * lines + 3, 409)), row: r)
        }
        try sheet.addTable(firstRow: headerRow, firstCol: 0, lastRow: headerRow + entries.count, lastCol: 1,
                           name: "T_Methodologie", style: .light(1),
                           columns: [TableColumn(text.indicator, headerFormat: try headerFormat),
                                     TableColumn(text.t("Définition", "Definition"), headerFormat: try headerFormat)])
        try sheet.freezePanes(row: headerRow + 1, col: 0)
        try pageSetup(sheet, repeatHeaderRow: headerRow)
    }
}
