import Foundation

/// The text `entraide import` prints: rows per table, warnings grouped, errors listed, in the
/// user's language (docs/FORMAT.md, "Messages"). English is the default for callers that do
/// not say (tests, logs).
public enum ImportSummaryText {
    public static func render(_ s: ImportSummary, database: String, language: Language = .en) -> String {
        func say(_ fr: String, _ en: String) -> String { language == .en ? en : fr }
        var out = ""
        if s.dryRun {
            out += say("Essai à blanc : rien n'a été écrit dans \(database).\n",
                       "Dry run: nothing was written to \(database).\n")
        } else if s.committed {
            out += say("Importé dans \(database) :\n", "Imported into \(database):\n")
        } else {
            out += say("Rien n'a été importé dans \(database).\n", "Nothing was imported into \(database).\n")
        }
        for f in s.files {
            out += fileLine(f, committed: s.committed, skipInvalid: s.skipInvalid, language: language) + "\n"
        }
        let notes = warningLines(s, language: language)
        if !notes.isEmpty {
            out += say("Remarques :\n", "Notes:\n") + notes.map { "  - \($0)\n" }.joined()
        }
        if let r = s.rejectsPath {
            out += rejectsLine(s, path: r).text(language) + "\n"
        }
        return out
    }

    /// One file's line: `demandes.csv → requests: 4 rows read, 4 imported (UTF-8, separator ;)`.
    static func fileLine(_ f: FileImportSummary, committed: Bool, skipInvalid: Bool, language: Language) -> String {
        if language == .en {
            let verb = committed ? "imported" : "valid"
            var line = "  \(f.file) → \(f.table.rawValue): \(f.rowsRead) row\(f.rowsRead == 1 ? "" : "s") read, "
                + "\(f.rowsImported) \(verb)"
            if let note = valuesLeftOutNote(f) { line += note.en }
            if f.rowsRejected > 0 { line += ", \(f.rowsRejected) " + (skipInvalid ? "rejected" : "in error") }
            return line + (f.sheet != nil ? " (workbook sheet)" : " (\(f.encoding.rawValue), separator \(f.delimiter))")
        }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var line = "  \(f.file) → \(frenchTable(f.table)) : " + count(f.rowsRead, "ligne lue", "lignes lues") + ", "
            + (committed ? count(f.rowsImported, "importée", "importées") : count(f.rowsImported, "valide", "valides"))
        if let note = valuesLeftOutNote(f) { line += note.fr }
        if f.rowsRejected > 0 {
            line += ", " + (skipInvalid ? count(f.rowsRejected, "rejetée", "rejetées")
                                        : count(f.rowsRejected, "en erreur", "en erreur"))
        }
        return line + (f.sheet != nil ? " (feuille de classeur)"
                                      : " (\(f.encoding.rawValue), séparateur \(f.delimiter))")
    }

    /// The table's name as the French headers and file names say it.
    static func frenchTable(_ table: TableKind) -> String {
        ["volunteers": "bénévoles", "requests": "demandes", "assignments": "mises en relation"][table.rawValue]
            ?? table.rawValue
    }

    /// The notes: the warnings grouped (one line per kind, with counts), the columns ignored
    /// and the personal data never stored.
    static func warningLines(_ s: ImportSummary, language: Language) -> [String] {
        func say(_ fr: String, _ en: String) -> String { language == .en ? en : fr }
        let w = s.warnings
        var warnings: [String] = []
        if !w.unknownDomains.isEmpty {
            warnings.append(say("libellés de domaine inconnus, comptés sous « autre » : ",
                                "unknown domain labels, counted under \"autre\": ")
                + grouped(w.unknownDomains, language)
                + say(" — ajoutez-les comme synonymes dans entraide.toml pour les classer, ou écrivez dans le tableau "
                      + "un domaine connu",
                      " — add them as synonyms in entraide.toml to classify them"))
        }
        if !w.unknownStatuses.isEmpty {
            warnings.append(say("libellés de statut inconnus, statut déduit des mises en relation à la place : ",
                                "unknown status labels, status derived from the assignments instead: ")
                + grouped(w.unknownStatuses, language)
                + say(" — écrivez dans le tableau un statut connu (En attente, En cours, Réalisée, Annulée, "
                      + "Non pourvue)", ""))
        }
        if !w.unknownChannels.isEmpty {
            warnings.append(say("libellés de canal inconnus, enregistrés comme « other » : ",
                                "unknown channel labels, stored as \"other\": ") + grouped(w.unknownChannels, language))
        }
        if w.inconsistentDates > 0 {
            let n = w.inconsistentDates
            let french = n == 1
                ? "1 date incohérente, importée mais laissée hors des statistiques qu'elle fausserait, par exemple :"
                : "\(n) dates incohérentes, importées mais laissées hors des statistiques qu'elles fausseraient, "
                    + "par exemple :"
            var text = say(french,
                           "\(n) inconsistent dates, imported but left out of the statistics they would distort, e.g.:")
            for e in w.inconsistentExamples { text += "\n      \(e.description(language))" }
            warnings.append(text)
        }
        if w.futureDates > 0 {
            let n = w.futureDates
            var text = say(n == 1
                ? "1 date postérieure à cette importation (dans le futur), importée ; les chiffres s'arrêtent à la dernière date passée, par exemple :"
                : "\(n) dates postérieures à cette importation (dans le futur), importées ; les chiffres s'arrêtent à la dernière date passée, par exemple :",
                "\(n) \(n == 1 ? "date" : "dates") after this import (in the future), imported; the figures stop at the latest past date, e.g.:")
            for e in w.futureExamples { text += "\n      \(e.description(language))" }
            warnings.append(text)
        }
        if w.detailsWithoutVolunteer > 0 {
            let n = w.detailsWithoutVolunteer
            warnings.append(say("\(n) \(n == 1 ? "ligne donne" : "lignes donnent") des dates ou des heures de mise en "
                                + "relation mais aucun bénévole : ces détails ont été ignorés ; indiquez le bénévole "
                                + "dans la colonne « Bénévole » pour les garder",
                                "\(n) \(n == 1 ? "row gives" : "rows give") assignment dates or hours but no volunteer: those details were ignored")
                + say(" (par exemple ", " (e.g. ") + w.detailsWithoutVolunteerPlaces.joined(separator: ", ")
                + (n > w.detailsWithoutVolunteerPlaces.count ? ", …)" : ")"))
        }
        if w.repairedFields > 0 {
            let n = w.repairedFields
            warnings.append(say("\(n) \(n == 1 ? "champ n'était" : "champs n'étaient") pas en UTF-8 valide et "
                                + "\(n == 1 ? "a été lu" : "ont été lus") comme du Windows-1252 ; vérifiez les accents, "
                                + "ou enregistrez le fichier en CSV UTF-8",
                                "\(n) fields were not valid UTF-8 and were read as Windows-1252"))
        }
        if !s.ignoredSheets.isEmpty {
            warnings.append(say("feuilles non importées (vides, ou des notes sans tableau) : ",
                                "sheets not imported (empty, or notes without a table): ")
                + s.ignoredSheets.joined(separator: ", "))
        }
        for f in s.files { warnings += f.layoutNotes.map { say("\(f.file) : ", "\(f.file): ") + $0.text(language) } }
        for f in s.files where !f.ignoredHeaders.isEmpty {
            warnings.append(say("\(f.file) : colonnes ignorées (non enregistrées) : ",
                                "\(f.file): columns ignored (not stored): ")
                + f.ignoredHeaders.map { PersonalData.quoted($0, language) }.joined(separator: ", "))
        }
        for f in s.files where !f.personalHeaders.isEmpty {
            warnings.append(say("\(f.file) : données personnelles jamais enregistrées : ",
                                "\(f.file): personal data never stored: ")
                + f.personalHeaders.map { language == .en ? "\"\($0)\"" : "« \($0) »" }.joined(separator: ", ")
                + (f.table == .requests ? say(" (utilisées seulement pour calculer un identifiant pseudonyme de l'habitant)",
                                              " (used only to derive a pseudonymous resident id)") : ""))
        }
        // The day/month order and companion time columns (FileImportSummary+DateNotes.swift).
        for f in s.files { warnings += f.dateNotes.map { $0.text(language) } }
        return warnings
    }

    public static func renderErrors(_ s: ImportSummary, language: Language = .en) -> String {
        func say(_ fr: String, _ en: String) -> String { language == .en ? en : fr }
        var out = s.errors.map { "\($0.description(language))\n" }.joined()
        if s.errorCount > s.errors.count {
            let more = s.errorCount - s.errors.count
            out += say("… et \(more) \(more == 1 ? "autre erreur" : "autres erreurs")\n", "… and \(more) more errors\n")
        }
        if !s.skipInvalid || s.unreadableCount > 0 {
            let n = s.errorCount
            // --skip-invalid only when it would import something (docs/FORMAT.md, "Messages"): some row
            // is valid and every file could be read.
            let valid = s.skipInvalidWouldImport && !s.skipInvalid ? 1 : 0
            out += say("\(n) \(n == 1 ? "erreur" : "erreurs") ; rien n'a été importé. Corrigez les lignes ci-dessus "
                       + "dans le tableau",
                       "\(n) error\(n == 1 ? "" : "s"); nothing was imported. Fix the rows above")
            out += valid > 0
                ? say(", ou relancez avec --skip-invalid pour importer les lignes valides et mettre les autres de côté.\n",
                      ", or run again with --skip-invalid to import the valid rows and set the others aside.\n")
                : say(" puis relancez l'importation.\n", " and run the import again.\n")
        }
        return out
    }

    private static func grouped(_ counts: [String: Int], _ language: Language) -> String {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(10).map { "\(PersonalData.quoted($0.key, language)) (\($0.value))" }.joined(separator: ", ")
            + (counts.count > 10 ? ", …" : "")
    }
}
