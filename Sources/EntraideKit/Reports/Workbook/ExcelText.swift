import XlsxWriter

/// Excel's limits on text, applied to every text a report workbook writes: a value the import
/// accepted (a 40,000-character association name pasted by mistake) is shown cut with an
/// ellipsis instead of failing the report. The database keeps it whole (`entraide query`).
enum ExcelText {
    /// The most a cell holds: 32,767 characters (counted here in UTF-8 bytes, which is never less).
    static let cellBytes = 32_767
    /// The most a page header or footer, or a document property, holds: 255 characters.
    static let headerFooterBytes = 255

    /// `text` when it fits in `maxBytes` bytes of UTF-8; else its longest prefix of whole
    /// characters that fits with `…` after it.
    static func fitted(_ text: String, maxBytes: Int) -> String {
        guard text.utf8.count > maxBytes else { return text }
        let ellipsis = "…"
        var budget = maxBytes - ellipsis.utf8.count
        var end = text.startIndex
        for character in text {
            let size = character.utf8.count
            guard size <= budget else { break }
            budget -= size
            end = text.index(after: end)
        }
        return String(text[..<end]) + ellipsis
    }

    /// A page header or footer section's plain text (`&` doubled), cut to fit `maxBytes`
    /// without splitting a doubled `&`.
    static func headerFooterSection(_ text: String, maxBytes: Int) -> String {
        var escaped = Worksheet.headerFooterText(text)
        guard escaped.utf8.count > maxBytes else { return escaped }
        escaped = fitted(escaped, maxBytes: maxBytes)
        // An odd run of `&` before the ellipsis would escape it: drop one.
        let body = escaped.dropLast()
        let run = body.reversed().prefix { $0 == "&" }.count
        return run % 2 == 1 ? String(body.dropLast()) + "…" : escaped
    }
}

extension Worksheet {
    /// Writes a text cell, cut with an ellipsis at Excel's limit (`ExcelText.cellBytes`).
    func writeText(row: Int, col: Int, _ value: String, format: Format? = nil) throws {
        try writeString(row: row, col: col, ExcelText.fitted(value, maxBytes: ExcelText.cellBytes), format: format)
    }
}
