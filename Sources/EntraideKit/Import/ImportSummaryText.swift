import Foundation

/// The text `entraide import` prints: rows per table, warnings grouped, errors listed.
public enum ImportSummaryText {
    public static func render(_ s: ImportSummary, database: String, language: Language = .en) -> String {
        var out = ""
        if s.dryRun {
            out += "Dry run: nothing was written to \(database).\n"
        } else if s.committed {
            out += "Imported into \(database):\n"
        } else {
            out += "Nothing was imported into \(database).\n"
        }
        for f in s.files {
            let verb = s.committed ? "imported" : "valid"
            var line = "  \(f.file) → \(f.table.rawValue): \(f.rowsRead) rows read, \(f.rowsImported) \(verb)"
            if let note = valuesLeftOutNote(f) { line += note.text(language) }
            if f.rowsRejected > 0 { line += ", \(f.rowsRejected) " + (s.skipInvalid ? "rejected" : "in error") }
            out += line + (f.sheet != nil ? " (workbook sheet)\n" : " (\(f.encoding.rawValue), separator \(f.delimiter))\n")
        }
        let w = s.warnings
        var warnings: [String] = []
        if !w.unknownDomains.isEmpty {
            warnings.append("unknown domain labels, counted under \"autre\": " + grouped(w.unknownDomains)
                + " — add them as synonyms in entraide.toml to classify them")
        }
        if !w.unknownStatuses.isEmpty {
            warnings.append("unknown status labels, status derived from the assignments instead: "
                + grouped(w.unknownStatuses))
        }
        if !w.unknownChannels.isEmpty {
            warnings.append("unknown channel labels, stored as \"other\": " + grouped(w.unknownChannels))
        }
        if w.inconsistentDates > 0 {
            var text = "\(w.inconsistentDates) inconsistent dates, imported but left out of the statistics "
                + "they would distort, e.g.:"
            for e in w.inconsistentExamples { text += "\n      \(e)" }
            warnings.append(text)
        }
        if w.detailsWithoutVolunteer > 0 {
            warnings.append("\(w.detailsWithoutVolunteer) rows give assignment dates or hours but no volunteer: "
                + "those details were ignored")
        }
        if w.repairedFields > 0 {
            warnings.append("\(w.repairedFields) fields were not valid UTF-8 and were read as Windows-1252")
        }
        if !s.ignoredSheets.isEmpty {
            warnings.append("sheets not imported (their names are no table): " + s.ignoredSheets.joined(separator: ", "))
        }
        for f in s.files where !f.ignoredHeaders.isEmpty {
            warnings.append("\(f.file): columns ignored (not stored): "
                + f.ignoredHeaders.map(PersonalData.quoted).joined(separator: ", "))
        }
        for f in s.files where !f.personalHeaders.isEmpty {
            warnings.append("\(f.file): personal data never stored: "
                + f.personalHeaders.map { "\"\($0)\"" }.joined(separator: ", ")
                + (f.table == .requests ? " (used only to derive a pseudonymous resident id)" : ""))
        }
        // The day/month order and companion time columns (FileImportSummary+DateNotes.swift).
        for f in s.files { warnings += f.dateNotes.map(\.en) }
        if !warnings.isEmpty {
            out += "Notes:\n" + warnings.map { "  - \($0)\n" }.joined()
        }
        if let r = s.rejectsPath {
            out += rejectsLine(s, path: r).text(language) + "\n"
        }
        return out
    }

    public static func renderErrors(_ s: ImportSummary) -> String {
        var out = s.errors.map { "\($0)\n" }.joined()
        if s.errorCount > s.errors.count {
            out += "… and \(s.errorCount - s.errors.count) more errors\n"
        }
        if s.fileErrorCount > 0 {
            // A file refused whole (its dates): --skip-invalid would not import it either.
            out += "\(s.errorCount) error\(s.errorCount == 1 ? "" : "s"); nothing was imported. Fix the files above.\n"
        } else if !s.skipInvalid {
            out += "\(s.errorCount) error\(s.errorCount == 1 ? "" : "s"); nothing was imported. Fix the rows above, "
                + "or run again with --skip-invalid to import the valid rows and set the others aside.\n"
        }
        return out
    }

    private static func grouped(_ counts: [String: Int]) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(10).map { "\(PersonalData.quoted($0.key)) (\($0.value))" }.joined(separator: ", ")
            + (counts.count > 10 ? ", …" : "")
    }
}
