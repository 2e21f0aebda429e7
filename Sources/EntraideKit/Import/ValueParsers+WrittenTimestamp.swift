import Foundation

// The written-out forms of timestamps and times (docs/FORMAT.md, "Timestamps and dates"):
// French month names and abbreviations, weekdays, `14 h 05`, `à 14h05`, `2:05 pm`, Unicode
// spaces. Tried only when the common forms fail, on the value's `FormText`.
extension ValueParsers {
    /// A timestamp written out: `[le] [weekday[.][,]] date [[,] [à] time] [offset]` where the date
    /// is numeric (`03/10/2026`, `2026-10-03`, `03/10/26`) or has its month in letters
    /// (`3 oct. 2026`, `1er mars 2026`, `3 octobre 26`, `03-oct.-2026`) and the time is any form
    /// `timeOfDay` reads. A weekday that is not the date's makes the value unreadable (one of the
    /// two is wrong, and nothing says which).
    @inline(never)
    static func writtenTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> ParsedTime? {
        FormText.with(b) { t in
            var c = FormCursor(t)
            return writtenTimestamp(&c)
        }
    }

    /// The time of day of a value that holds only a time (a companion `Heure` column): `14:05`,
    /// `14:05:30`, `14h05`, `14h`, `14 h 05`, `14H05`, `à 14h05`, `2:05pm`, `2:05 PM`, `2 pm`,
    /// with any spaces. Seconds since midnight (0 to 86399), nil when unreadable.
    public static func timeOfDay(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        FormText.with(b) { t in
            var c = FormCursor(t)
            if c.word("a") { c.space() }
            guard let seconds = timeOfDay(&c), c.atEnd else { return nil }
            return seconds
        }
    }

    public static func timeOfDay(_ text: String) -> Int? {
        var t = text
        return t.withUTF8 { timeOfDay($0) }
    }

    static func writtenTimestamp(_ c: inout FormCursor) -> ParsedTime? {
        if c.word("le") && !c.space() { return nil }
        var weekday: Int?
        if let w = c.word(weekdayWords) {
            weekday = weekdayNumbers[w]
            c.take(UInt8(ascii: "."))
            c.take(UInt8(ascii: ","))
            guard c.space() else { return nil }
        }
        guard let (year, month, day) = writtenDate(&c) else { return nil }
        let days = daysFromCivil(year, month, day)
        if let weekday, weekday != ((days % 7) + 10) % 7 { return nil }  // 1970-01-01 was a Thursday (3)
        var seconds = days * 86400
        if c.atEnd { return .local(seconds) }
        // Between the date and the time: `T`, or spaces, a comma or a dash, and `à`.
        if c.current == UInt8(ascii: "t") && c.p + 1 < c.t.count && FormCursor.isDigit(c.t[c.p + 1]) {
            c.p += 1
        } else {
            let spaced = c.space()
            if c.take(UInt8(ascii: ",")) || c.take(UInt8(ascii: "-")) { c.space() } else if !spaced { return nil }
            if c.word("a") { c.space() }
        }
        guard let time = timeOfDay(&c) else { return nil }
        seconds += time
        c.space()
        if c.atEnd { return .local(seconds) }
        // An offset: `Z`, `+02:00`, `+0200`, `+02`.
        if c.take(UInt8(ascii: "z")) { return c.atEnd ? .instant(seconds) : nil }
        let sign: Int
        if c.take(UInt8(ascii: "+")) { sign = 1 } else if c.take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        let oh = c.digits(2); guard oh.count == 2, oh.value <= 14 else { return nil }
        c.take(UInt8(ascii: ":"))
        var om = 0
        if !c.atEnd {
            let m = c.digits(2); guard m.count == 2, m.value <= 59 else { return nil }
            om = m.value
        }
        guard c.atEnd else { return nil }
        return .instant(seconds - sign * (oh.value * 3600 + om * 60))
    }

    /// A date: ISO (`2026-10-03`), numeric day-first (`numericDate`), or with the month in
    /// letters (`3 oct. 2026`, `1er mars 2026`, `3 octobre 26`, `03-oct.-2026`). The cursor ends
    /// just past it.
    static func writtenDate(_ c: inout FormCursor) -> (year: Int, month: Int, day: Int)? {
        guard FormCursor.isDigit(c.current) else { return nil }
        let start = c.p
        let iso = c.digits(4)
        if iso.count == 4 && c.take(UInt8(ascii: "-")) {
            let m = c.digits(2); guard m.count == 2, c.take(UInt8(ascii: "-")) else { return nil }
            let d = c.digits(2); guard d.count == 2, !FormCursor.isDigit(c.current) else { return nil }
            guard Month.supportedYears.contains(iso.value), isValidCivilDate(iso.value, m.value, d.value) else { return nil }
            return (iso.value, m.value, d.value)
        }
        c.p = start
        var p = start
        if let date = numericDate(c.t, &p) {
            c.p = p
            return FormCursor.isDigit(c.current) ? nil : date
        }
        c.p = start
        let d = c.digits(2); guard d.count >= 1 else { return nil }
        if d.value == 1 { _ = c.word("er") }
        _ = c.take(UInt8(ascii: "-")) || c.take(UInt8(ascii: "/")) || c.take(UInt8(ascii: "."))
        c.space()
        guard let m = c.word(monthWords) else { return nil }
        c.take(UInt8(ascii: "."))
        _ = c.take(UInt8(ascii: "-")) || c.take(UInt8(ascii: "/")) || c.take(UInt8(ascii: ","))
        c.space()
        let y = c.digits(4)
        guard y.count == 4 || y.count == 2, !FormCursor.isDigit(c.current) else { return nil }
        let year = y.count == 2 ? fullYear(twoDigit: y.value) : y.value
        let month = monthNumbers[m]
        guard Month.supportedYears.contains(year), isValidCivilDate(year, month, d.value) else { return nil }
        return (year, month, d.value)
    }

    /// A time of day at the cursor: `14:05`, `14:05:30` (fractions of a second dropped), `14h05`,
    /// `14h`, `14 h 05`, `14 h 05 min`, then optionally `am`/`pm` (`a.m.`, `p.m.`, any spaces),
    /// with which a bare hour (`2 pm`) is enough and the hour is 1 to 12 (`12 am` is midnight).
    /// Seconds since midnight; the cursor ends just past it (before any trailing space).
    static func timeOfDay(_ c: inout FormCursor) -> Int? {
        let h = c.digits(2)
        guard h.count >= 1, !FormCursor.isDigit(c.current) else { return nil }
        var minute = 0, second = 0
        enum Form { case bare, hSuffix, colon }
        var form = Form.bare
        let afterHour = c.p
        let spaced = c.space()
        if c.take(UInt8(ascii: "h")) {
            form = .hSuffix
            let beforeMinutes = c.p
            c.space()
            let m = c.digits(2)
            if m.count == 2 {
                guard !FormCursor.isDigit(c.current) else { return nil }
                minute = m.value
                let beforeUnit = c.p
                c.space()
                if !(c.word("min") || c.word("mn")) { c.p = beforeUnit }
            } else {
                guard m.count == 0 else { return nil }  // `14h5`: 14:05 or 14:50?
                c.p = beforeMinutes
            }
        } else if !spaced && c.take(UInt8(ascii: ":")) {
            form = .colon
            let m = c.digits(2); guard m.count == 2, !FormCursor.isDigit(c.current) else { return nil }
            minute = m.value
            if c.take(UInt8(ascii: ":")) {
                let s = c.digits(2); guard s.count == 2, !FormCursor.isDigit(c.current) else { return nil }
                second = s.value
                if c.take(UInt8(ascii: ".")) || c.take(UInt8(ascii: ",")) {
                    guard c.digits(9).count >= 1, !FormCursor.isDigit(c.current) else { return nil }
                }
            }
        } else {
            c.p = afterHour
        }
        guard minute <= 59, second <= 59 else { return nil }
        // am / pm.
        let beforeMeridiem = c.p
        c.space()
        var pm: Bool?
        if c.word("am") { pm = false } else if c.word("pm") { pm = true } else {
            let save = c.p
            if let k = c.word(meridiemLetters), c.take(UInt8(ascii: ".")), c.word("m") {
                c.take(UInt8(ascii: "."))
                pm = k == 1
            } else {
                c.p = save
            }
        }
        if let pm {
            guard form != .hSuffix, (1...12).contains(h.value) else { return nil }
            return ((h.value % 12) + (pm ? 12 : 0)) * 3600 + minute * 60 + second
        }
        c.p = beforeMeridiem
        guard form != .bare, h.value <= 23 else { return nil }
        return h.value * 3600 + minute * 60 + second
    }

    static let meridiemLetters: [[UInt8]] = [Array("a".utf8), Array("p".utf8)]

    /// Weekdays, full and abbreviated (`lun.`), Monday first: `weekdayNumbers` gives each one's
    /// number (Monday 0).
    static let weekdayWords: [[UInt8]] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
                                          "lun", "mar", "mer", "jeu", "ven", "sam", "dim"].map { Array($0.utf8) }
    static let weekdayNumbers = [0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6]

    /// French month names and their abbreviations (as LibreOffice and Excel write them, and
    /// shorter), accents removed (`FormText`): `monthNumbers` gives each one's month.
    static let monthWords: [[UInt8]] = [
        "janvier", "janv", "jan", "fevrier", "fevr", "fev", "mars", "mar", "avril", "avr", "mai", "juin",
        "juillet", "juil", "aout", "septembre", "sept", "sep", "octobre", "oct", "novembre", "nov", "decembre", "dec",
    ].map { Array($0.utf8) }
    static let monthNumbers = [1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6, 7, 7, 8, 9, 9, 9, 10, 10, 11, 11, 12, 12]
}
