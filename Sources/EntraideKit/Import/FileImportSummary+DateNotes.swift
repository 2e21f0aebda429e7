import Foundation

extension FileImportSummary {
    /// The notes of the summary about this file's dates, in both languages: columns read month
    /// first and why, companion time columns used or ignored (docs/FORMAT.md, "Day and month
    /// order", "Date and time in two columns").
    public var dateNotes: [Localized] {
        var notes: [Localized] = []
        for note in monthFirstColumns {
            if let other = note.following {
                notes.append(Localized(
                    "\(file) : la colonne « \(note.column) » est lue mois/jour/année elle aussi, comme la colonne "
                        + "« \(other) » (ligne \(note.line), « \(note.example) ») : aucune de ses propres dates ne dit "
                        + "l'ordre ; si c'est une erreur, imposez l'ordre avec --date-order dmy",
                    "\(file): the column \"\(note.column)\" is read month/day/year too, like the column \"\(other)\" "
                        + "(line \(note.line), \"\(note.example)\"): none of its own dates says the order; if that is "
                        + "wrong, give the order with --date-order dmy"))
                continue
            }
            notes.append(Localized(
                "\(file) : la colonne « \(note.column) » est lue mois/jour/année (à l'américaine), toutes ses dates, "
                    + "car la ligne \(note.line), « \(note.example) », ne peut se lire que dans cet ordre ; si c'est une "
                    + "erreur, corrigez cette date, ou imposez l'ordre avec --date-order dmy",
                "\(file): the column \"\(note.column)\" is read month/day/year (US order), every date of it, because "
                    + "line \(note.line), \"\(note.example)\", can only be read in that order; if that is wrong, "
                    + "correct this date, or give the order with --date-order dmy"))
        }
        for pair in timeColumns {
            notes.append(Localized(
                "\(file) : l'heure des dates de la colonne « \(pair.date) » est lue dans la colonne « \(pair.time) »",
                "\(file): the time of the dates in the column \"\(pair.date)\" is read from the column \"\(pair.time)\""))
        }
        for time in unusedTimeColumns {
            notes.append(Localized(
                "\(file) : la colonne « \(time) » n'est pas lue : il n'y a pas de colonne de date à laquelle "
                    + "joindre son heure",
                "\(file): the column \"\(time)\" is not read: there is no date column whose time it would give"))
        }
        return notes
    }
}
