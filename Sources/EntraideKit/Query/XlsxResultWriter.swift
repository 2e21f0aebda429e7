import Foundation
import XlsxWriter

/// `--format xlsx`: one sheet with a bold header row, the rows as numbers or text, an Excel
/// table with filter buttons, a frozen header and fitted columns. Written through the
/// project's libxlsxwriter wrapper; a workbook is a file, so it needs `--output`.
public struct XlsxResultWriter: QueryResultWriter {
    /// Excel's last row is 1,048,576; one is the header.
    public static let maxRows = 1_048_575
    /// Excel's most characters in a cell.
    public static let maxCellCharacters = 32_767

    let workbook: Workbook
    let sheet: Worksheet
    private var columns: [String] = []
    private var row = 0

    public init(path: String, created: Date? = nil) throws {
        workbook = try Workbook(path: path)
        sheet = try workbook.addWorksheet("Résultat")
        try workbook.setProperties(title: "entraide query", created: created)
    }

    public mutating func begin(columns: [String]) throws {
        // Table headers must be unique (ignoring case) and non-empty.
        var seen: Set<String> = []
        self.columns = columns.enumerated().map { i, name in
            var header = name.isEmpty ? "column\(i + 1)" : name
            var n = 2
            while seen.contains(header.lowercased()) { header = "\(name) (\(n))"; n += 1 }
            seen.insert(header.lowercased())
            return header
        }
        let bold = try workbook.format(FormatSpec(bold: true))
        for (i, header) in self.columns.enumerated() {
            try sheet.writeString(row: 0, col: i, header, format: bold)
        }
    }

    public mutating func write(row values: QueryRow) throws {
        row += 1
        guard row <= XlsxResultWriter.maxRows else {
            throw UserError(.badQuery,
                fr: "le résultat a plus de \(XlsxResultWriter.maxRows) lignes, plus que n'en contient une feuille Excel ; "
                    + "restreignez la requête ou utilisez --format csv",
                en: "the result has more than \(XlsxResultWriter.maxRows) rows, more than an Excel sheet "
                    + "holds; narrow the query or use --format csv")
        }
        for i in 0..<columns.count {
            switch values.value(i) {
            case .null: continue
            case .integer(let v): try sheet.writeNumber(row: row, col: i, Double(v))
            case .real(let v): try sheet.writeNumber(row: row, col: i, v)
            case .text(let s):
                // Excel's limit, in characters: a query's data is never cut silently.
                if s.utf8.count > XlsxResultWriter.maxCellCharacters && s.unicodeScalars.count > XlsxResultWriter.maxCellCharacters {
                    let most = XlsxResultWriter.maxCellCharacters, count = s.unicodeScalars.count
                    throw UserError(.badQuery,
                        fr: "ligne \(row), colonne \(columns[i]) : un texte de \(count) caractères ne tient pas dans une "
                            + "cellule Excel (au plus \(most)) ; utilisez --format csv ou json, "
                            + "ou coupez-le dans le SQL avec substr(…, 1, \(most))",
                        en: "row \(row), column \(columns[i]): a text of \(count) characters "
                            + "does not fit in an Excel cell (at most \(most)); use --format csv or json, "
                            + "or cut it in the SQL with substr(…, 1, \(most))")
                }
                try sheet.writeString(row: row, col: i, s)
            case .blob(let b): try sheet.writeString(row: row, col: i, "<\(b.count) bytes>")
            }
        }
    }

    public mutating func finish(rowCount: Int) throws {
        if !columns.isEmpty {
            if row > 0 {
                try sheet.addTable(firstRow: 0, firstCol: 0, lastRow: row, lastCol: columns.count - 1,
                                   columns: columns.map { TableColumn($0) })
            }
            try sheet.freezePanes(row: 1, col: 0)
            try sheet.fitColumnWidths()
        }
        try workbook.close()
    }
}
