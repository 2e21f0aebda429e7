import Foundation

/// How the header of a CSV file or a sheet is found among its first rows (docs/FORMAT.md,
/// "Header row"): the row, among the first `maxCandidateRows` non-empty ones, that names the most
/// canonical columns of the table, and at least its required ones. Rows above it (a title, the
/// network's name merged across the columns) are skipped. A header split over two rows (a group
/// label merged above the real header) is read from its lower row, an empty lower cell taking
/// the text of the cell above.
enum HeaderDetection {
    /// Non-empty rows looked at for the header.
    static let maxCandidateRows = 15

    /// A header row found for a table.
    struct Found {
        /// Index in the candidate rows of the header's (lower) row.
        var rowIndex: Int
        /// The header's cells (the lower row's, completed from the group row when `usesGroupRow`).
        var headers: [String]
        /// True when empty cells took the text of the row above (a two-row header).
        var usesGroupRow: Bool
        /// Canonical columns named.
        var matched: Int
    }

    /// The canonical columns `headers` name in `table` (mapping first, as `ColumnMap.make` reads them).
    static func columns(_ headers: [String], table: TableKind, mapping: HeaderMapping) -> Set<Column> {
        let aliases = Column.aliases[table]!
        var found = Set<Column>()
        for header in headers where !header.isEmpty {
            if let c = column(forNormalized: TextKey.normalize(header), table: table, mapping: mapping),
               aliases[c] != nil { found.insert(c) }
        }
        return found
    }

    /// The column a normalised header names in `table`: the mapping's target, else the accepted headers.
    /// Nil for an unknown header or one the mapping ignores.
    static func column(forNormalized key: String, table: TableKind, mapping: HeaderMapping) -> Column? {
        if let target = mapping.target(forNormalizedHeader: key, table: table) { return target.column(in: table) }
        return byHeader[table]![key]
    }

    /// Accepted header (normalised) → column, per table.
    static let byHeader: [TableKind: [String: Column]] = Column.aliases.mapValues { aliases in
        var map: [String: Column] = [:]
        for (column, names) in aliases { for n in names { map[n] = column } }
        return map
    }

    /// The header cells of row `i` read as the lower row of a two-row header: each empty cell
    /// takes the text of the cell above it. Nil when there is no row directly above.
    static func withGroupRow(_ rows: [BufferedRow], _ i: Int) -> [String]? {
        guard i > 0, !rows[i].afterBlank else { return nil }
        let lower = rows[i].text, upper = rows[i - 1].text
        guard upper.count > 0 else { return nil }
        var merged = lower
        if merged.count < upper.count { merged += Array(repeating: "", count: upper.count - merged.count) }
        var changed = false
        for j in merged.indices where merged[j].isEmpty && j < upper.count && !upper[j].isEmpty {
            merged[j] = upper[j]
            changed = true
        }
        return changed ? merged : nil
    }

    /// The header row of a `table` file among its first non-empty `rows`; nil when no row names
    /// every required column.
    static func find(_ rows: [BufferedRow], table: TableKind, mapping: HeaderMapping) -> Found? {
        let required = Set(Column.required[table]!)
        var best: Found?
        for i in rows.indices.prefix(maxCandidateRows) {
            let own = columns(rows[i].text, table: table, mapping: mapping)
            var candidate = Found(rowIndex: i, headers: rows[i].text, usesGroupRow: false, matched: own.count)
            var names = own
            if let merged = withGroupRow(rows, i) {
                let both = columns(merged, table: table, mapping: mapping)
                if both.count > own.count {
                    candidate = Found(rowIndex: i, headers: merged, usesGroupRow: true, matched: both.count)
                    names = both
                }
            }
            guard required.isSubset(of: names) else { continue }
            if best == nil || candidate.matched > best!.matched { best = candidate }
        }
        return best
    }

    /// The row that looks most like a header when none names the required columns (for the
    /// message): the most columns named, then the most filled cells, then the first.
    static func bestAttempt(_ rows: [BufferedRow], table: TableKind, mapping: HeaderMapping) -> BufferedRow? {
        var best: (row: BufferedRow, matched: Int, filled: Int)?
        for row in rows.prefix(maxCandidateRows) {
            let matched = columns(row.text, table: table, mapping: mapping).count, filled = row.filledCells
            if best == nil || matched > best!.matched || (matched == best!.matched && filled > best!.filled) {
                best = (row, matched, filled)
            }
        }
        return best?.row
    }

    /// The table of a file or sheet not named after one, from its header: the one table whose
    /// required columns a header row names. A requests header names an assignment's required
    /// columns too (requests carry their assignment inline), so requests win over assignments.
    /// Nil when no table, or more than one, fits.
    static func recognise(_ rows: [BufferedRow], mapping: HeaderMapping) -> TableKind? {
        let fits = fittingTables(rows, mapping: mapping)
        return fits.count == 1 ? fits[0] : nil
    }

    /// The tables whose required columns a header row names, requests winning over assignments.
    static func fittingTables(_ rows: [BufferedRow], mapping: HeaderMapping) -> [TableKind] {
        var fits = TableKind.allCases.filter { find(rows, table: $0, mapping: mapping) != nil }
        if fits.contains(.requests) { fits.removeAll { $0 == .assignments } }
        return fits
    }

    /// The first non-empty rows of a source (at most `maxCandidateRows`), copied.
    static func firstRows<S: RecordSource>(_ source: S) throws -> [BufferedRow] {
        var rows: [BufferedRow] = []
        var blankBefore = false
        try source.forEachRecord { rec in
            if rec.isBlank { blankBefore = true; return true }
            rows.append(BufferedRow(rec, afterBlank: blankBefore))
            blankBefore = false
            return rows.count < maxCandidateRows
        }
        return rows
    }

    /// True when rows hold nothing a table could be read from: no row has two filled cells
    /// (an empty sheet, a sheet of notes or a title). Such a sheet is listed as not imported;
    /// any other sheet whose table is unknown is an error (docs/FORMAT.md, "Sheets").
    static func isVisiblyNotData(_ rows: [BufferedRow]) -> Bool {
        rows.allSatisfy { $0.filledCells < 2 }
    }
}
