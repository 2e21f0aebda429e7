import Foundation

// Rows imported without some of their optional values (`--skip-invalid`, docs/FORMAT.md,
// "Import semantics"): an optional value that cannot be read (an `hours` cell saying `beaucoup`, a
// `matched_at` that is no date) is left out, the rest of the row imported, and the cell listed.
extension ImportRun {
    /// Counts a row imported without the values of `row.leftOut` and lists each of them in the
    /// rejects file (in a dry run, which writes no rejects file, as errors, like rejected rows).
    func recordLeftOut<R: ImportRecord>(_ row: RowContext, _ rec: R, summary: inout FileImportSummary) throws {
        summary.rowsWithValuesLeftOut += 1
        summary.valuesLeftOut += row.leftOut.count
        guard let rejects else {
            row.leftOut.forEach(record)
            return
        }
        let content = row.map.nonPersonalContent(rec)
        for issue in row.leftOut {
            let reason = issue.text.appending(ImportRun.leftOutNote)
            try rejects.write([issue.file, String(issue.line), issue.column, reason.text(options.language), content])
        }
    }

    /// Appended to the reason of a value left out, in the rejects file.
    static let leftOutNote = Localized(
        fr: " (la ligne a été importée sans cette valeur : corrigez la cellule et importez à nouveau le fichier)",
        en: " (the row was imported without this value: fix the cell and import the file again)")
}
