import Foundation

// The summary's words for the optional values left out of imported rows (`--skip-invalid`).
extension ImportSummaryText {
    /// After a file's "N imported": how many of those rows came in without a value that could
    /// not be read; nil when none did.
    static func valuesLeftOutNote(_ f: FileImportSummary) -> Localized? {
        guard f.rowsWithValuesLeftOut > 0 else { return nil }
        let rows = f.rowsWithValuesLeftOut, values = f.valuesLeftOut
        return Localized(
            fr: " (dont \(rows) avec \(values == 1 ? "une valeur illisible laissée" : "\(values) valeurs illisibles laissées") "
                + "de côté)",
            en: " (\(rows) of them with \(values == 1 ? "an unreadable value" : "\(values) unreadable values") left out)")
    }

    /// The line that names the rejects file: the rows set aside, and the values left out.
    static func rejectsLine(_ s: ImportSummary, path: String) -> Localized {
        let rows = s.rejectedCount, values = s.valuesLeftOut
        guard values > 0 else {
            return Localized(fr: "\(rows) \(rows == 1 ? "ligne rejetée écrite" : "lignes rejetées écrites") dans \(path)",
                             en: "\(rows) rejected \(rows == 1 ? "row" : "rows") written to \(path)")
        }
        let fr = (rows > 0 ? "\(rows) \(rows == 1 ? "ligne rejetée" : "lignes rejetées") et " : "")
            + "\(values) \(values == 1 ? "valeur illisible laissée" : "valeurs illisibles laissées") de côté, "
            + "écrites dans \(path)"
        let en = (rows > 0 ? "\(rows) rejected \(rows == 1 ? "row" : "rows") and " : "")
            + "\(values) \(values == 1 ? "value" : "values") left out written to \(path)"
        return Localized(fr: fr, en: en)
    }
}
