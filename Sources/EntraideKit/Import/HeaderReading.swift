import Foundation

/// How one CSV file or sheet would be read, without importing anything (for `entraide inspect`,
/// docs/FORMAT.md, "Header row"): its table and how it was told, its header row, the rows
/// skipped above it, and what each column becomes. The same functions as the import decide it
/// (`HeaderDetection`, `ColumnMap.make`).
public struct HeaderReading: Sendable {
    /// What a column of the file becomes.
    public enum Role: Sendable, Equatable {
        /// A canonical column, stored.
        case column(Column)
        /// Personal data: read only to derive a pseudonym (requests) or not at all, never stored.
        case personal(Column)
        /// Kept nowhere (an unknown header, a second header for one column, or mapped to `ignore`).
        case ignored
    }

    public struct ColumnReading: Sendable, Equatable {
        /// 0-based position in the row.
        public var index: Int
        /// The header as written (a two-row header's cell completed from the row above).
        public var header: String
        public var role: Role
    }

    /// `FILE` or `FILE[SHEET]`.
    public var location: String
    public var path: String
    public var sheet: String?
    /// A CSV file's encoding and separator (`tab` for a tab); nil for a sheet.
    public var encoding: TextEncoding?
    public var delimiter: String?
    /// Nil when no table could be told (then `problem` says why, unless `isIgnored`).
    public var table: TableKind?
    /// True when the name is no table and the header row told it.
    public var recognisedByHeader = false
    /// The header's line (spreadsheet row); for a two-row header, its lower row.
    public var headerLine: Int?
    /// The upper row of a two-row header.
    public var groupHeaderLine: Int?
    /// Non-empty rows above the header, skipped.
    public var skippedLines: [Int] = []
    public var columns: [ColumnReading] = []
    /// The rows below the header among the first rows read, as text. They may hold personal
    /// data: mask them (`PersonalData`) and leave out the personal columns before showing them.
    public var sampleRows: [[String]] = []
    /// Why nothing can be read from it (a required column missing, no table); nil when it can be.
    public var problem: Localized?
    /// True for a sheet that is visibly no data (empty, notes in one column): the import skips it.
    public var isIgnored = false

    /// The reading of each file and sheet of `files`, as `entraide import` with the same
    /// `table` and `mapping` would read them. Throws only for a file that cannot be opened.
    public static func inspect(files: [String], table: TableKind?, mapping: HeaderMapping) throws -> [HeaderReading] {
        var readings: [HeaderReading] = []
        for path in files {
            try Importer.checkInputFile(path)
            if SpreadsheetFile.isWorkbook(path: path) {
                let workbook = try SpreadsheetFile.open(path: path)
                for sheet in workbook.sheetNames {
                    let given = table != nil && workbook.sheetNames.count == 1 ? table : nil
                    readings.append(read(path: path, sheet: sheet, rows: try HeaderDetection.firstRows(
                        try workbook.source(sheet: sheet)), table: given ?? TableKind.recognise(sheetName: sheet),
                        mapping: mapping))
                }
            } else {
                let reader = try CSVReader(path: path)
                let rows = try HeaderDetection.firstRows(reader)
                var reading = read(path: path, sheet: nil, rows: rows, table: table ?? TableKind.recognise(fileName: path),
                                   mapping: mapping)
                reading.encoding = reader.encoding
                reading.delimiter = reader.delimiter == 0x09 ? "tab" : String(UnicodeScalar(reader.delimiter))
                readings.append(reading)
            }
        }
        return readings
    }

    /// The reading of one file or sheet from its first non-empty rows; `named`: the table its
    /// name (or `--table`) gives.
    static func read(path: String, sheet: String?, rows: [BufferedRow], table named: TableKind?,
                     mapping: HeaderMapping) -> HeaderReading {
        let location = sheet.map { "\(path)[\($0)]" } ?? path
        var reading = HeaderReading(location: location, path: path, sheet: sheet)
        var table = named
        if table == nil {
            table = HeaderDetection.recognise(rows, mapping: mapping)
            reading.recognisedByHeader = table != nil
        }
        guard let table else {
            if sheet != nil && HeaderDetection.isVisiblyNotData(rows) {
                reading.isIgnored = true
            } else {
                reading.problem = Importer.unrecognised(location, rows, mapping: mapping, sheet: sheet != nil)
            }
            return reading
        }
        reading.table = table
        guard !rows.isEmpty else {
            reading.problem = Localized(fr: "\(location) : vide (pas de ligne d'en-tête)",
                                        en: "\(location): empty (no header row)")
            return reading
        }
        guard let found = HeaderDetection.find(rows, table: table, mapping: mapping) else {
            let attempt = HeaderDetection.bestAttempt(rows, table: table, mapping: mapping) ?? rows[0]
            let named = HeaderDetection.columns(attempt.text, table: table, mapping: mapping)
            let missing = ColumnMap.MissingColumns(table: table, columns: Column.required[table]!.filter { !named.contains($0) },
                                                   headers: attempt.text, line: attempt.line, mapping: mapping)
            let issues = missing.issues(file: location)
            reading.problem = Localized(fr: issues.map { $0.description(.fr) }.joined(separator: "\n"),
                                        en: issues.map { $0.description(.en) }.joined(separator: "\n"))
            return reading
        }
        let header = rows[found.rowIndex]
        reading.headerLine = header.line
        reading.groupHeaderLine = found.usesGroupRow ? rows[found.rowIndex - 1].line : nil
        reading.skippedLines = rows[..<found.rowIndex].map(\.line).filter { $0 != reading.groupHeaderLine }
        if case .success(let map) = ColumnMap.make(headers: found.headers, line: header.line, table: table, mapping: mapping) {
            if !map.duplicates.isEmpty {
                let issues = map.duplicateIssues(file: location, line: header.line)
                reading.problem = Localized(fr: issues.map { $0.description(.fr) }.joined(separator: "\n"),
                                            en: issues.map { $0.description(.en) }.joined(separator: "\n"))
            }
            for (i, h) in found.headers.enumerated() where !h.isEmpty {
                let column = Column.allCases.first { map.index[$0] == i }
                let role: Role = column.map { $0.isPersonal ? .personal($0) : .column($0) } ?? .ignored
                reading.columns.append(ColumnReading(index: i, header: h, role: role))
            }
        }
        reading.sampleRows = rows[(found.rowIndex + 1)...].map(\.text)
        return reading
    }
}
