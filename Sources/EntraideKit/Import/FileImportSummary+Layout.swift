import Foundation

// What the layout rules did to one file (docs/FORMAT.md, "Header row", "Total rows", "Sheets"),
// as notes for the import summary.
extension FileImportSummary {
    /// The notes, in both languages: the table told by the header row, the header found below
    /// the first row, a two-row header, the rows skipped above it, the total rows skipped.
    public var layoutNotes: [Localized] {
        var notes: [Localized] = []
        let what = Localized(fr: sheet == nil ? "le fichier" : "la feuille", en: sheet == nil ? "file" : "sheet")
        if recognisedByHeader {
            notes.append(Localized(
                fr: "\(what.fr) est importé\(sheet == nil ? "" : "e") comme table des \(ImportSummaryText.frenchTable(table)) "
                    + "d'après sa ligne d'en-tête (son nom n'est pas celui d'une table)",
                en: "\(what.en) imported as \(table.rawValue), from its header row (its name is no table)"))
        }
        if let header = headerLine, header > 1 || groupHeaderLine != nil || !skippedLines.isEmpty {
            var fr = "en-tête lu ligne \(header)", en = "header read on line \(header)"
            if let group = groupHeaderLine {
                fr += " (en-tête sur deux lignes : les cellules vides prennent le texte de la ligne \(group))"
                en += " (a two-row header: its empty cells take the text of line \(group))"
            }
            if !skippedLines.isEmpty {
                let lines = Self.lineList(skippedLines)
                fr += skippedLines.count == 1 ? " ; ligne \(lines) au-dessus ignorée" : " ; lignes \(lines) au-dessus ignorées"
                en += skippedLines.count == 1 ? "; line \(lines) above it skipped" : "; lines \(lines) above it skipped"
            }
            notes.append(Localized(fr: fr, en: en))
        }
        if !totalLines.isEmpty {
            let lines = Self.lineList(totalLines)
            notes.append(totalLines.count == 1
                ? Localized(fr: "ligne de total \(lines) ignorée (ses cellules ne sont pas des données)",
                            en: "total row \(lines) skipped (its cells are not data)")
                : Localized(fr: "lignes de total \(lines) ignorées (leurs cellules ne sont pas des données)",
                            en: "total rows \(lines) skipped (their cells are not data)"))
        }
        if !unnamedColumnsWithValues.isEmpty {
            let letters = unnamedColumnsWithValues.map(WorkbookLimits.columnName).joined(separator: ", ")
            let one = unnamedColumnsWithValues.count == 1
            notes.append(Localized(
                fr: (one ? "la colonne \(letters) a des valeurs mais pas d'en-tête : elle n'est pas lue"
                         : "les colonnes \(letters) ont des valeurs mais pas d'en-tête : elles ne sont pas lues")
                    + (one ? " ; donnez-lui un en-tête (par exemple « Heure ») si elle doit l'être"
                           : " ; donnez-leur un en-tête (par exemple « Heure ») si elles doivent l'être"),
                en: (one ? "column \(letters) has values but no header: it is not read"
                         : "columns \(letters) have values but no header: they are not read")
                    + (one ? "; give it a header (such as \"Heure\") if it should be"
                           : "; give them headers (such as \"Heure\") if they should be")))
        }
        return notes
    }

    /// `1, 2, 5` (at most 10, then `…`).
    static func lineList(_ lines: [Int]) -> String {
        lines.prefix(10).map(String.init).joined(separator: ", ") + (lines.count > 10 ? ", …" : "")
    }
}
