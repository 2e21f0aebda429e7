import Foundation
import XlsxWriter

/// The monthly workbook's waiting sheet: the real waits, then apart the requests waiting more
/// than `stale_after_days` (probably closed without an update), each with the association that
/// handled it, the one to ask (docs/INDICATORS.md, "Waiting requests").
extension WorkbookBuilder {
    func buildWaiting() throws {
        let c = content
        let sheet = try workbook.addWorksheet(text.waitingSheet)
        let headerRow = try writeHeading(sheet, text.waitingSheet)
        // At the end of the month the reference is midnight of the next day: say "end of October".
        let monthEnd = c.settings.makeClock().start(of: c.to.adding(1))
        let referenceText: String
        if let reference = c.reference, reference < monthEnd {
            referenceText = text.t("au ", "on ") + text.date(reference)
        } else {
            referenceText = text.t("à la fin \(text.ofMonth(c.to))", "at the end of \(text.monthName(c.to))")
        }
        let days = c.settings.waitAlertDays, staleDays = c.settings.staleAfterDays
        try sheet.writeText(row: headerRow - 1, col: 0, text.waitingIntro(days: days, reference: referenceText),
                            format: noteFormat)
        let waiting = c.waiting ?? []
        if waiting.isEmpty {
            try sheet.writeText(row: headerRow, col: 0, text.noneWaiting(days: days))
            try sheet.setColumnWidth(30, firstCol: 0)
            try pageSetup(sheet)
            return
        }
        let real = waiting.filter { !$0.isStale }, stale = waiting.filter(\.isStale)
        try sheet.writeText(row: headerRow, col: 0, text.waitingCounts(real: real.count, stale: stale.count, staleDays: staleDays),
                            format: warningFormat)
        let headers = [text.requestID, text.resident, text.domain, text.association, text.receivedOn, text.daysWaiting,
                       text.remark]
        var widths = [0, 0, 0, 0, 10, 4, 0]
        var row = headerRow + 2
        var firstHeader: Int?
        for (list, title, table) in [(real, text.realWaitsTitle(real.count, days: days), "T_Attente"),
                                     (stale, text.staleWaitsTitle(stale.count, days: staleDays), "T_A_verifier")] {
            try sheet.writeText(row: row, col: 0, title, format: textFormat(bold: true))
            row += 1
            guard !list.isEmpty else {
                try sheet.writeText(row: row, col: 0, text.noneInList, format: noteFormat)
                row += 2
                continue
            }
            let tableHeader = row
            if firstHeader == nil { firstHeader = tableHeader }
            for (i, w) in list.enumerated() { try writeWaiting(sheet, tableHeader + 1 + i, w, widths: &widths) }
            let lastRow = tableHeader + list.count
            try sheet.addTable(firstRow: tableHeader, firstCol: 0, lastRow: lastRow, lastCol: headers.count - 1,
                               name: table, style: .medium(2),
                               columns: try headers.map { TableColumn($0, headerFormat: try headerFormat) })
            try sheet.setRowHeight(19, row: tableHeader)
            row = lastRow + 2
        }
        try sizeColumns(sheet, headerRow: firstHeader ?? headerRow, headers: headers, valueWidths: widths)
        if let firstHeader { try sheet.freezePanes(row: firstHeader + 1, col: 1) }
        try pageSetup(sheet, repeatHeaderRow: firstHeader)
    }

    /// One waiting request's row; `widths` grow to its values.
    private func writeWaiting(_ sheet: Worksheet, _ r: Int, _ w: WaitingRequest, widths: inout [Int]) throws {
        let dateFormat = try format(FormatSpec(horizontalAlignment: .left, numberFormat: text.dateFormat))
        try sheet.writeText(row: r, col: 0, w.requestID)
        widths[0] = max(widths[0], w.requestID.count)
        let resident = w.residentKey.map { String($0.prefix(12)) } ?? "–"
        try sheet.writeText(row: r, col: 1, resident)
        widths[1] = max(widths[1], resident.count)
        let domain = domainLabel(w.domain)
        try sheet.writeText(row: r, col: 2, domain)
        widths[2] = max(widths[2], domain.count)
        let association = w.association ?? text.noAssociationShort
        try sheet.writeText(row: r, col: 3, association)
        widths[3] = max(widths[3], association.count)
        let parts = w.receivedAt.dateString.split(separator: "-").compactMap { Int($0) }
        if parts.count == 3 {
            try sheet.writeDate(row: r, col: 4, year: parts[0], month: parts[1], day: parts[2], format: dateFormat)
        }
        try sheet.writeNumber(row: r, col: 5, w.daysWaiting.rounded(.down), format: valueFormat(.count))
        if w.isStale {
            try sheet.writeText(row: r, col: 6, text.staleFlag)
            widths[6] = max(widths[6], text.staleFlag.count)
        }
    }
}
