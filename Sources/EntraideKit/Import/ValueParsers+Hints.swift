import Foundation

// Why a timestamp could not be read, when the value says enough to tell: the end of the
// message of an unreadable date (`RowContext`), saying what to change in the spreadsheet. Only
// on the error path: no concern for speed.
extension ValueParsers {
    /// What is wrong with `text`, a timestamp `timestamp` refused, as the end of a sentence
    /// (`; …` in English, ` ; …` in French); nil when there is nothing more precise to say than
    /// "cannot read". Dates are quoted (they are no personal data), the value itself is not.
    ///
    /// - a weekday that is not the date's (`lundi 3 octobre 2026`: a Saturday);
    /// - a month in letters without its year (`3 octobre`);
    /// - a single digit of minutes (`14h5`: 14:05 or 14:50?);
    /// - a two-digit year after `-` (`03-10-26`: could be the ISO 2026-10-03).
    public static func unreadableTimestampHint(_ text: String) -> Localized? {
        var t = text
        return t.withUTF8 { b in FormText.with(b) { hint(FormCursor($0)) } }
    }

    private static func hint(_ start: FormCursor) -> Localized? {
        // The weekday, and the date after it.
        var c = start
        if c.word("le") { c.space() }
        if let w = c.word(weekdayWords) {
            let written = weekdayNumbers[w]
            c.take(UInt8(ascii: "."))
            c.take(UInt8(ascii: ","))
            c.space()
            if let (y, m, d) = writtenDate(&c) {
                let actual = ((daysFromCivil(y, m, d) % 7) + 10) % 7
                if actual != written {
                    return Localized(
                        fr: " ; le \(d == 1 ? "1er" : "\(d)") \(frenchMonths[m - 1]) \(y) est un \(frenchWeekdays[actual]), "
                            + "pas un \(frenchWeekdays[written]) : corrigez le jour de la semaine ou la date dans le tableau",
                        en: "; \(d) \(englishMonths[m - 1]) \(y) is a \(englishWeekdays[actual]), not a "
                            + "\(englishWeekdays[written]): correct the weekday or the date in the spreadsheet")
                }
            }
        }
        // A day and a month in letters, and nothing after them.
        c = start
        if c.word("le") { c.space() }
        if c.word(weekdayWords) != nil {
            c.take(UInt8(ascii: "."))
            c.take(UInt8(ascii: ","))
            c.space()
        }
        let day = c.digits(2)
        if day.count >= 1 {
            if day.value == 1 { _ = c.word("er") }
            c.space()
            if c.word(monthWords) != nil {
                c.take(UInt8(ascii: "."))
                c.space()
                if c.atEnd || !FormCursor.isDigit(c.current) {
                    return Localized(fr: " ; l'année manque : écrivez-la (par exemple 3 octobre 2026)",
                                     en: "; the year is missing: write it (e.g. 3 octobre 2026)")
                }
            }
        }
        let text = String(decoding: start.t, as: UTF8.self)
        if text.firstMatch(of: /(^|[^0-9])[0-9]{1,2} ?h ?[0-9]($|[^0-9])/) != nil {
            return Localized(fr: " ; écrivez les minutes avec deux chiffres (14h05, et non 14h5)",
                             en: "; write the minutes with two digits (14h05, not 14h5)")
        }
        if text.firstMatch(of: /^[0-9]{1,2}-[0-9]{1,2}-[0-9]{2}($|[^0-9])/) != nil {
            return Localized(fr: " ; écrivez l'année avec quatre chiffres (03-10-2026 ou 03/10/26)",
                             en: "; write the year with four digits (03-10-2026, or 03/10/26)")
        }
        return nil
    }

    static let frenchWeekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                               "octobre", "novembre", "décembre"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"]
}
