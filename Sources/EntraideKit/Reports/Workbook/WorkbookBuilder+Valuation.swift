import Foundation
import XlsxWriter

/// The annual workbook's « Valorisation » sheet (docs/INDICATORS.md, "Valuation method" and
/// "Accounting journal"): the valuation method the accounts' annex needs, the year's hours and
/// their valuation month by month, and the accounting journal (or, without a rate, the sentence
/// that says the hours are not valued and which setting values them).
///
/// The monthly amounts are the journal's (each month's valuation rounded to the cent by the
/// largest remainder), so that the months, the year's total, the debits and the credits all
/// agree to the cent.
extension WorkbookBuilder {
    /// The sheet's six columns: month or date, hours or account, assignments done or account
    /// name, without hours or label, valuation or debit, rate detail or credit.
    private static let valuationColumns = 6

    func buildValuation(_ v: WorkbookValuation) throws {
        let sheet = try workbook.addWorksheet(text.valuationSheet)
        var row = try writeHeading(sheet, text.valuationTitle)
        let widths = valuationWidths(v)
        for (col, width) in widths.enumerated() { try sheet.setColumnWidth(Double(width), firstCol: col) }
        let lastCol = Self.valuationColumns - 1
        let textWidth = widths.dropFirst().reduce(0, +)

        // 1. The method, one titled paragraph a row.
        row = try writeSectionTitle(sheet, row, text.valuationMethodTitle)
        for paragraph in v.method.paragraphs(language) {
            // The note's setting names are Markdown code (`done_at`); a cell shows them plain.
            let body = text.typeset(paragraph.text.replacingOccurrences(of: "`", with: ""))
            try sheet.writeText(row: row, col: 0, text.typeset(paragraph.title), format: wrapBoldFormat)
            try sheet.mergeRange(firstRow: row, firstCol: 1, lastRow: row, lastCol: lastCol,
                                 text: ExcelText.fitted(body, maxBytes: ExcelText.cellBytes), format: wrapFormat)
            // Proportional text fits about a fifth more characters than the columns' width.
            let lines = max(Self.wrappedLines(body, width: Int(Double(textWidth) * 1.2)),
                            Self.wrappedLines(paragraph.title, width: widths[0] - 1))
            try sheet.setRowHeight(Double(min(15 * lines + 4, 409)), row: row)
            row += 1
        }
        row += 1

        // 2. The months.
        row = try writeSectionTitle(sheet, row, text.valuationMonthsTitle)
        row = try writeValuationMonths(sheet, headerRow: row, v, widths: widths) + 1

        // 3. The journal, or why there is none. The journal starts a page: it prints whole, to
        // hand to whoever keeps the accounts.
        if let journal = v.journal, !journal.lines.isEmpty { try sheet.setPageBreaks(beforeRows: [row]) }
        row = try writeSectionTitle(sheet, row, text.journalTitle)
        if let journal = v.journal, !journal.lines.isEmpty {
            try writeJournal(sheet, headerRow: row, journal, widths: widths)
        } else if v.journal != nil {
            // A rate, but nothing to value: no empty table with totals of 0.
            try writeNotes(sheet, from: row, [content.current.data == .none ? text.noEntriesWithoutData : text.noEntriesWithoutHours],
                           lastCol: lastCol, width: widths.reduce(0, +), widen: false)
        } else {
            try writeNotes(sheet, from: row, [text.noRateSentence(IndicatorCatalogue.unsetRate)], warning: true,
                           lastCol: lastCol, width: widths.reduce(0, +), widen: false)
        }
        try pageSetup(sheet)
    }

    /// A bold dark-blue line over a part of the sheet; returns the next row.
    private func writeSectionTitle(_ sheet: Worksheet, _ row: Int, _ title: String) throws -> Int {
        try sheet.writeText(row: row, col: 0, text.typeset(title),
                            format: format(FormatSpec(bold: true, fontSize: 12, fontColor: Self.navy)))
        try sheet.setRowHeight(20, row: row)
        return row + 1
    }

    // MARK: Columns

    /// The monthly table's headers (the last two only with a rate).
    private func valuationHeaders(_ v: WorkbookValuation) -> [String] {
        var headers = [text.month, column("hours.total").header, text.assignmentsDone, text.withoutHours]
        if v.journal != nil { headers += [text.valuationAmount, text.rateDetail] }
        return Self.uniqueHeaders(headers)
    }

    private var journalHeaders: [String] {
        [text.entryDate, text.account, text.accountName, text.entryLabel, text.debit, text.credit]
    }

    /// The journal's labels wrap in their column at this many characters.
    private static let labelWidth = 54
    /// A month's rate detail wraps beyond this many characters (a year of three rates).
    private static let detailWidth = 40
    /// The method's text is wrapped over at least this many characters.
    private static let textMinimumWidth = 110

    /// Each column's width in characters, wide enough for both tables that share it.
    private func valuationWidths(_ v: WorkbookValuation) -> [Int] {
        var widths = [Int](repeating: 10, count: Self.valuationColumns)
        func fit(_ col: Int, _ characters: Int) { widths[col] = max(widths[col], characters) }
        // Headers wrap on up to three lines, with room for the filter button.
        for headers in [valuationHeaders(v), v.journal != nil ? journalHeaders : []] {
            for (col, header) in headers.enumerated() {
                let longestWord = header.split(separator: " ").map(\.count).max() ?? 0
                fit(col, max(longestWord + 4, (header.count + 2) / 3 + 4))
            }
        }
        for i in content.series.indices {
            fit(0, content.series[i].month.shortName(language).count + 7 + seriesMonthSuffix(i).count)
        }
        fit(0, text.yearTotal.count + 2)
        fit(0, min(text.fullTimeEquivalent.count + 2, 30))
        fit(1, Self.hoursWidth(content.current.hours.total) + 2)
        if let journal = v.journal {
            fit(2, (journal.lines.map(\.accountName.count).max() ?? 0) + 2)
            fit(3, min((journal.lines.map(\.label.count).max() ?? 0) + 2, Self.labelWidth))
            fit(4, Self.euroWidth(journal.totalCents) + 2)
            fit(5, Self.euroWidth(journal.totalCents) + 2)
            let details = content.series.map { rateDetail($0.indicators.hours) } + [rateDetail(content.current.hours)]
            fit(5, min((details.map(\.count).max() ?? 0) + 4, Self.detailWidth))
        }
        if v.journal?.lines.isEmpty ?? true {
            // Without a rate (or without hours) the columns hold little but the method's text
            // and the notes: wide enough for those to read as lines, not as a narrow column.
            let missing = Self.textMinimumWidth - widths.dropFirst().reduce(0, +)
            if missing > 0 {
                widths[4] += missing / 2
                widths[5] += missing - missing / 2
            }
        }
        return widths
    }

    /// Characters of an amount shown `12 345,67 €`.
    static func euroWidth(_ cents: Int) -> Int {
        let integer = String(abs(cents) / 100).count
        return integer + (integer - 1) / 3 + 3 + 2
    }

    /// Characters of hours shown `1 234,50`.
    static func hoursWidth(_ hours: Double) -> Int {
        let integer = String(Int64(abs(hours).rounded(.down))).count
        return integer + (integer - 1) / 3 + 3
    }

    /// The hours per rate of a month or of the year, as the journal's label gives them:
    /// `123,5 h × 12,02 €`, `100 h × 11,88 € + 23,5 h × 12,02 €`, `123,5 h, taux multiples`;
    /// empty without hours.
    func rateDetail(_ hours: HoursIndicators) -> String {
        guard hours.total > 0, !hours.byRate.isEmpty else { return "" }
        // The label is « Valorisation du bénévolat — <month> (<detail>) »: the detail is what
        // the parentheses hold (the month's name has none).
        let label = AccountingJournal.label(content.from, hours, language)
        guard let open = label.range(of: " ("), label.hasSuffix(")") else { return "" }
        return String(label[open.upperBound..<label.index(before: label.endIndex)])
    }

    // MARK: Months

    /// Writes the monthly table (an Excel table with filters), its total row and the full-time
    /// equivalent; returns the next free row.
    private func writeValuationMonths(_ sheet: Worksheet, headerRow: Int, _ v: WorkbookValuation,
                                      widths: [Int]) throws -> Int {
        let headers = valuationHeaders(v)
        let cents = v.centsByDate
        let hoursFormat = try format(FormatSpec(numberFormat: Self.hoursFormat))
        let euroFormat = try format(FormatSpec(numberFormat: text.euroCentsFormat))
        let countFormat = try valueFormat(.count)
        // Indented, so that the detail does not run into the amount before it.
        let detailFormat = try format(FormatSpec(textWrap: true, indent: 1))
        for (i, m) in content.series.enumerated() {
            let r = headerRow + 1 + i
            try writeSeriesMonth(sheet, r, i)
            let h = m.indicators.hours
            let amount = v.cents(m.month, in: cents)
            // A month the data does not cover is left empty (its zeros are not figures), unless
            // the journal enters something for it.
            if m.indicators.data == .none && (amount ?? 0) == 0 && h.total == 0 { continue }
            try sheet.writeNumber(row: r, col: 1, h.total, format: hoursFormat)
            try sheet.writeNumber(row: r, col: 2, h.assignmentsDone, format: countFormat)
            try sheet.writeNumber(row: r, col: 3, h.assignmentsWithoutHours, format: countFormat)
            if let amount {
                try sheet.writeNumber(row: r, col: 4, Double(amount) / 100, format: euroFormat)
                let detail = text.typeset(rateDetail(h))
                if !detail.isEmpty {
                    try sheet.writeText(row: r, col: 5, detail, format: detailFormat)
                    try fitDetailRow(sheet, r, detail, widths)
                }
            }
        }
        let lastRow = headerRow + max(content.series.count, 1)
        try sheet.addTable(firstRow: headerRow, firstCol: 0, lastRow: lastRow, lastCol: headers.count - 1,
                           name: "T_Valorisation_mois", style: .medium(2),
                           columns: try tableColumns(headers, textColumns: [0], indented: [5]))
        try sizeHeaderRow(sheet, headerRow, headers, widths)

        // The year's total: the journal's total, not a re-rounded sum.
        var r = lastRow + 1
        let total = content.current.hours
        // Top-aligned: a wrapped rate detail leaves the figures on its first line.
        func totalFormat(_ numberFormat: String? = nil, wrap: Bool = false, indent: Int = 0) throws -> Format {
            try format(FormatSpec(bold: true, verticalAlignment: .top, textWrap: wrap, indent: indent, numberFormat: numberFormat))
        }
        let bold = try textFormat(bold: true)
        try sheet.writeText(row: r, col: 0, text.yearTotal, format: totalFormat())
        // A year the data does not reach at all: its total is not 0 h but unknown, left empty,
        // and it has no full-time equivalent (the note under the table says why).
        guard content.current.data != .none else {
            r += 1
            if seriesHasUncoveredMonths {
                r = try writeNotes(sheet, from: r + 1, [text.uncoveredMonthsNote(coverage)], lastCol: Self.valuationColumns - 1,
                                   width: widths.reduce(0, +), widen: false)
            }
            return r
        }
        try sheet.writeNumber(row: r, col: 1, total.total, format: totalFormat(Self.hoursFormat))
        try sheet.writeNumber(row: r, col: 2, total.assignmentsDone, format: totalFormat(text.numberFormat(IndicatorKind.count.numberFormat)))
        try sheet.writeNumber(row: r, col: 3, total.assignmentsWithoutHours,
                              format: totalFormat(text.numberFormat(IndicatorKind.count.numberFormat)))
        if let journal = v.journal {
            try sheet.writeNumber(row: r, col: 4, Double(journal.totalCents) / 100, format: totalFormat(text.euroCentsFormat))
            let detail = text.typeset(rateDetail(total))
            if !detail.isEmpty {
                try sheet.writeText(row: r, col: 5, detail, format: totalFormat(wrap: true, indent: 1))
                try fitDetailRow(sheet, r, detail, widths)
            }
        }
        r += 1

        // The full-time equivalent at 1,607 hours a year (docs/INDICATORS.md, "Valuation method").
        let method = v.method
        let fteFormat = try format(FormatSpec(bold: true, numberFormat: "0.00"))
        func h(_ x: Double) -> String { AccountingJournal.hoursText(x, language) }
        try sheet.writeText(row: r, col: 0, text.fullTimeEquivalent, format: bold)
        try sheet.writeNumber(row: r, col: 1, method.fullTimeEquivalent, format: fteFormat)
        let basisFormat = try format(FormatSpec(italic: true, fontColor: XlsxColor(rgb: 0x595959), indent: 1))
        try sheet.mergeRange(firstRow: r, firstCol: 2, lastRow: r, lastCol: Self.valuationColumns - 1,
                             text: text.typeset(text.fullTimeEquivalentBasis(hours: h(method.hours), basis: h(method.fullTimeHours),
                                                                              legal: method.months == 12)),
                             format: basisFormat)
        r += 1
        if let over = method.fullTimeEquivalentOverData {
            let basis = ValuationMethod.hoursPerFullTimeYear * Double(method.monthsWithData) / 12
            try sheet.writeText(row: r, col: 0, text.fullTimeEquivalentOverData(method.monthsWithData), format: wrapBoldFormat)
            try sheet.writeNumber(row: r, col: 1, over, format: fteFormat)
            try sheet.mergeRange(firstRow: r, firstCol: 2, lastRow: r, lastCol: Self.valuationColumns - 1,
                                 text: text.typeset(text.fullTimeEquivalentBasis(hours: h(method.hours), basis: h(basis), legal: false)),
                                 format: basisFormat)
            let lines = Self.wrappedLines(text.fullTimeEquivalentOverData(method.monthsWithData), width: widths[0] - 1)
            try sheet.setRowHeight(Double(15 * lines + 2), row: r)
            r += 1
        }

        var notes: [String] = []
        if v.journal != nil { notes.append(text.monthsAreTheJournals) }
        if seriesHasUncoveredMonths { notes.append(text.uncoveredMonthsNote(coverage)) }
        if !notes.isEmpty {
            r = try writeNotes(sheet, from: r + 1, notes, lastCol: Self.valuationColumns - 1,
                               width: widths.reduce(0, +), widen: false)
        }
        return r
    }

    /// Hours to the hundredth, as the journal's labels give them.
    static let hoursFormat = "#,##0.00"

    /// Table columns headed on the left over text (`textColumns`, and indented as their text
    /// over `indented`), on the right over numbers.
    private func tableColumns(_ headers: [String], textColumns: Set<Int>, indented: Set<Int> = []) throws -> [TableColumn] {
        let indentedHeader = try format(FormatSpec(bold: true, fontColor: .white, backgroundColor: Self.navy,
                                                   verticalAlignment: .center, textWrap: true, indent: 1))
        return try headers.enumerated().map { i, h in
            if indented.contains(i) { return TableColumn(h, headerFormat: indentedHeader) }
            return TableColumn(h, headerFormat: textColumns.contains(i) ? try headerFormat : try numberHeaderFormat)
        }
    }

    /// A row whose rate detail wraps gets the height of its lines.
    private func fitDetailRow(_ sheet: Worksheet, _ row: Int, _ detail: String, _ widths: [Int]) throws {
        // The indent takes about three characters.
        let lines = Self.wrappedLines(detail, width: widths[5] - 3)
        if lines > 1 { try sheet.setRowHeight(Double(15 * lines + 2), row: row) }
    }

    /// The header row's height for headers wrapped in their columns.
    private func sizeHeaderRow(_ sheet: Worksheet, _ row: Int, _ headers: [String], _ widths: [Int]) throws {
        var lines = 1
        for (col, header) in headers.enumerated() { lines = max(lines, Self.wrappedLines(header, width: widths[col] - 3)) }
        try sheet.setRowHeight(Double(15 * lines + 4), row: row)
    }

    // MARK: Journal

    /// Writes the journal's lines as an Excel table, then its totals and the note that says
    /// they equal the valuation.
    private func writeJournal(_ sheet: Worksheet, headerRow: Int, _ journal: AccountingJournal, widths: [Int]) throws {
        let top = { (spec: FormatSpec) throws -> Format in
            var s = spec
            s.verticalAlignment = .top
            return try self.format(s)
        }
        let dateFormat = try top(FormatSpec(horizontalAlignment: .left, numberFormat: text.dateFormat))
        let plain = try top(FormatSpec())
        let wrapped = try top(FormatSpec(textWrap: true))
        let euro = try top(FormatSpec(numberFormat: text.euroCentsFormat))
        let labelWidth = widths[3]
        for (i, line) in journal.lines.enumerated() {
            let r = headerRow + 1 + i
            let day = line.date.split(separator: "/").compactMap { Int($0) }
            if day.count == 3 {
                try sheet.writeDate(row: r, col: 0, year: day[2], month: day[1], day: day[0], format: dateFormat)
            } else {
                try sheet.writeText(row: r, col: 0, line.date, format: plain)
            }
            // The account is a code, kept as text (as the CSV has it).
            try sheet.writeText(row: r, col: 1, line.account, format: plain)
            try sheet.writeText(row: r, col: 2, text.typeset(line.accountName), format: plain)
            let label = text.typeset(line.label)
            try sheet.writeText(row: r, col: 3, label, format: wrapped)
            if let d = line.debitCents { try sheet.writeNumber(row: r, col: 4, Double(d) / 100, format: euro) }
            if let c = line.creditCents { try sheet.writeNumber(row: r, col: 5, Double(c) / 100, format: euro) }
            // Lines of the 11-point text are about 13 points apart: a year's 24 lines, most of
            // them on two, print on the one page the journal starts.
            let lines = Self.wrappedLines(label, width: Int(Double(labelWidth - 1) * 1.25))
            if lines > 1 { try sheet.setRowHeight(Double(13 * lines + 3), row: r) }
        }
        let lastRow = headerRow + max(journal.lines.count, 1)
        try sheet.addTable(firstRow: headerRow, firstCol: 0, lastRow: lastRow, lastCol: 5, name: "T_Ecritures",
                           style: .medium(2), columns: try tableColumns(journalHeaders, textColumns: [0, 1, 2, 3]))
        try sizeHeaderRow(sheet, headerRow, journalHeaders, widths)
        let r = lastRow + 1
        let boldEuro = try format(FormatSpec(bold: true, numberFormat: text.euroCentsFormat))
        try sheet.writeText(row: r, col: 0, text.journalTotal, format: textFormat(bold: true))
        try sheet.writeNumber(row: r, col: 4, Double(journal.debitTotalCents) / 100, format: boldEuro)
        try sheet.writeNumber(row: r, col: 5, Double(journal.creditTotalCents) / 100, format: boldEuro)
        try writeNotes(sheet, from: r + 2, [text.journalNote(fileName: journal.fileName)],
                       lastCol: Self.valuationColumns - 1, width: widths.reduce(0, +), widen: false)
    }
}
