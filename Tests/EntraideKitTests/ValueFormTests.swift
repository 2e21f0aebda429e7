import Foundation
import PropertyBased
import Testing
@testable import EntraideKit

/// The written-out forms of dates, times and durations (docs/FORMAT.md, "Values"), and the
/// Unicode spaces, parser by parser; `ValueFormImportTests` takes them through real imports.
@Suite struct ValueFormTests {
    let clock = LocalClock(identifier: "Europe/Paris")!

    func iso(_ text: String) -> String? {
        ValueParsers.timestamp(text)?.resolve(with: clock).iso8601
    }

    @Test func monthNamesAndWeekdays() {
        let oct3 = "2026-10-03T00:00:00+02:00"
        for text in ["3 oct. 2026", "3 oct 2026", "3 octobre 2026", "03 Octobre 2026", "3 OCTOBRE 2026",
                     "samedi 3 octobre 2026", "Samedi, 3 octobre 2026", "sam. 3 oct. 2026", "le 3 octobre 2026",
                     "le samedi 3 octobre 2026", "3 octobre 26", "03-oct.-2026", "3-oct-26", "3/oct./2026",
                     "3oct.2026", "3 oct., 2026"] {
            #expect(iso(text) == oct3, "\(text)")
        }
        #expect(iso("1er mars 2026") == "2026-03-01T00:00:00+01:00")
        #expect(iso("dimanche 1er mars 2026") == "2026-03-01T00:00:00+01:00")
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                      "octobre", "novembre", "décembre"]
        let abbreviations = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                             "nov.", "déc."]
        for (k, (name, short)) in zip(months, abbreviations).enumerated() {
            let want = ValueParsers.timestamp(String(format: "15/%02d/2026", k + 1))
            #expect(want != nil)
            #expect(ValueParsers.timestamp("15 \(name) 2026") == want, "\(name)")
            #expect(ValueParsers.timestamp("15 \(short) 2026") == want, "\(short)")
            #expect(ValueParsers.timestamp("15 \(name.uppercased()) 2026") == want, "\(name.uppercased())")
        }
        #expect(iso("15 fevrier 2026") == "2026-02-15T00:00:00+01:00")  // without its accent
        #expect(iso("15 aout 2026") == "2026-08-15T00:00:00+02:00")
    }

    @Test func writtenTimes() {
        let at1405 = "2026-10-03T14:05:00+02:00"
        for text in ["3 octobre 2026 à 14h05", "3 octobre 2026 a 14h05", "samedi 3 octobre 2026 à 14 h 05",
                     "3 oct. 2026 14:05", "3 oct. 2026, 14:05", "03/10/2026 14 h 05", "03/10/2026 14H05",
                     "03/10/2026 à 14h05", "03/10/2026 à14h05", "03/10/2026 2:05pm", "03/10/2026 2:05 PM",
                     "03/10/2026 2:05 p.m.", "03/10/26 14h05", "2026-10-03 14 h 05", "03/10/2026 - 14:05",
                     "03/10/2026 14h05 min", "3 octobre 2026 à 14:05:00"] {
            #expect(iso(text) == at1405, "\(text)")
        }
        #expect(iso("03/10/2026 14h") == "2026-10-03T14:00:00+02:00")
        #expect(iso("03/10/2026 14 h") == "2026-10-03T14:00:00+02:00")
        #expect(iso("03/10/2026 2 pm") == "2026-10-03T14:00:00+02:00")
        #expect(iso("03/10/2026 12:30 am") == "2026-10-03T00:30:00+02:00")
        #expect(iso("03/10/2026 12:30 pm") == "2026-10-03T12:30:00+02:00")
        #expect(iso("3/10/2026 10:49:40 PM") == "2026-10-03T22:49:40+02:00")
        #expect(iso("3 octobre 2026 14:05 +01:00") == "2026-10-03T15:05:00+02:00")
    }

    @Test func writtenTimestampRejects() {
        for bad in ["3 octobre", "octobre 2026", "3 brumaire 2026", "31 septembre 2026", "3 oct. 20266",
                    "lundi 3 octobre 2026",  // 3 October 2026 is a Saturday: the weekday or the date is wrong
                    "03/10/2026 14h5", "03/10/2026 14", "03/10/2026 14:05 pm", "03/10/2026 13 pm", "03/10/2026 0 am",
                    "03/10/2026 14h05 demain", "3 oct. 2026 à", "03/10/2026 à 25h", "03/10/2026 14 : 05",
                    "26-10-03", "samedi3 octobre 2026"] {
            #expect(ValueParsers.timestamp(bad) == nil, "\(bad) should not parse")
        }
    }

    @Test func whyATimestampCannotBeRead() {
        let weekday = ValueParsers.unreadableTimestampHint("lundi 3 octobre 2026 à 14h05")
        #expect(weekday?.en == "; 3 October 2026 is a Saturday, not a Monday: correct the weekday or the date in the spreadsheet")
        #expect(weekday?.fr == " ; le 3 octobre 2026 est un samedi, pas un lundi : corrigez le jour de la semaine ou la "
            + "date dans le tableau")
        #expect(ValueParsers.unreadableTimestampHint("Mar. 1er mars 2026")?.en
            == "; 1 March 2026 is a Sunday, not a Tuesday: correct the weekday or the date in the spreadsheet")
        #expect(ValueParsers.unreadableTimestampHint("3 octobre")?.en == "; the year is missing: write it (e.g. 3 octobre 2026)")
        #expect(ValueParsers.unreadableTimestampHint("samedi 3 oct. à 14h")?.fr
            == " ; l'année manque : écrivez-la (par exemple 3 octobre 2026)")
        #expect(ValueParsers.unreadableTimestampHint("03/10/2026 14h5")?.en == "; write the minutes with two digits (14h05, not 14h5)")
        #expect(ValueParsers.unreadableTimestampHint("03-10-26")?.en == "; write the year with four digits (03-10-2026, or 03/10/26)")
        for plain in ["hier", "31/09/2026", "samedi 3 octobre 2026", "03/10/2026 25:00", ""] {
            #expect(ValueParsers.unreadableTimestampHint(plain) == nil, "\(plain)")
        }
    }

    @Test func timesOfDay() {
        for (text, seconds) in [("14:05", 50700), ("14:05:30", 50730), ("14h05", 50700), ("14h", 50400),
                                ("14 h 05", 50700), ("14H05", 50700), ("à 14h05", 50700), ("2:05pm", 50700),
                                ("2:05 PM", 50700), ("2 pm", 50400), ("0:00", 0), ("23:59:59", 86399),
                                ("14\u{A0}h\u{A0}05", 50700), ("12 am", 0)] {
            #expect(ValueParsers.timeOfDay(text) == seconds, "\(text)")
        }
        for bad in ["", "14", "24:00", "14:60", "14h5", "13 pm", "midi", "14:05 demain", "03/10/2026 14:05"] {
            #expect(ValueParsers.timeOfDay(bad) == nil, "\(bad) should not parse")
        }
    }

    @Test func unicodeSpacesInTimestamps() {
        let at1405 = "2026-10-03T14:05:00+02:00"
        for space in ["\u{A0}", "\u{202F}", "\u{2007}", "\u{2009}", "\u{2002}", "\u{3000}", " \u{A0} ", "\t"] {
            #expect(iso("03/10/2026\(space)14:05") == at1405, "U+\(space.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(iso("3\(space)oct.\(space)2026\(space)à\(space)14\(space)h\(space)05") == at1405)
        }
    }

    @Test func writtenDurations() {
        let cases: [(String, Double)] = [
            ("1:30:00", 1.5), ("0:45:00", 0.75), ("36:00:00", 36), ("1:00:30", 1 + 30.0 / 3600),
            ("1 h", 1), ("2 heures", 2), ("1 heure", 1), ("une heure", 1), ("Une heure", 1), ("deux heures", 2),
            ("douze heures", 12), ("1 heure 30", 1.5), ("1 heure 30 minutes", 1.5), ("1 h 30 min", 1.5),
            ("½ h", 0.5), ("½h", 0.5), ("1/2 h", 0.5), ("1 ½ h", 1.5), ("1½ h", 1.5), ("¾ h", 0.75), ("1 h ½", 1.5),
            ("2 h.", 2), ("2 hrs", 2), ("2 hrs.", 2), ("45 mn", 0.75), ("45 minutes", 0.75), ("90 min.", 1.5),
            ("45’", 0.75), ("une heure et demie", 1.5), ("1 h et demie", 1.5), ("deux heures et quart", 2.25),
            ("une demi-heure", 0.5), ("demi-heure", 0.5), ("un quart d'heure", 0.25), ("quart d’heure", 0.25),
            ("trois quarts d'heure", 0.75), ("1,5 h", 1.5), ("1.5 heure", 1.5), ("1H30", 1.5),
            ("1\u{A0}h\u{A0}30", 1.5), ("1\u{202F}h", 1), ("1,5\u{A0}h", 1.5), ("2 HEURES", 2),
        ]
        for (text, expected) in cases {
            #expect(close(ValueParsers.hours(text), expected), "\(text)")
        }
        for bad in ["beaucoup", "une", "heure", "1:30:0", "1:30:60", "½", "1/3 h", "1 h 75", "trois demi-heure",
                    "deux quart d'heure", "1,5 h 30", "1:30 h", "une heure et", "1 heure 30 secondes",
                    "½ h 30", "10000000 h"] {
            #expect(ValueParsers.hours(bad) == nil, "\(bad) should not parse")
        }
    }

    // MARK: Properties

    /// A random date from 2000 to 2029 (so that every form, two-digit years included, can
    /// write it), a time, and how to write them.
    static let timestampGen = zip(Gen.int(in: 0...10956), Gen.int(in: 0...86399), Gen.int(in: 0...11),
                                  Gen.int(in: 0...4), Gen.int(in: 0...1))

    static let monthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                             "octobre", "novembre", "décembre"]
    static let monthAbbreviations = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                                     "oct.", "nov.", "déc."]
    static let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    static let spaces = [" ", "\u{A0}", "\u{202F}", "  ", "\u{2009}"]

    /// `date` (days since 2000-01-01) at `time` (seconds of the day) in form `form`, with
    /// `space` between its parts; what it must read as (the seconds dropped by forms without them).
    static func written(date: Int, time: Int, form: Int, space: String, upper: Bool) -> (text: String, local: Int) {
        let days = daysFromCivil(2000, 1, 1) + date
        let (y, m, d) = civilFromDays(days)
        let (h, mi, s) = (time / 3600, time / 60 % 60, time % 60)
        let name = monthNames[m - 1], short = monthAbbreviations[m - 1]
        let weekday = weekdays[((days % 7) + 10) % 7]
        let day = d == 1 ? "1er" : "\(d)"
        let h12 = h % 12 == 0 ? 12 : h % 12, meridiem = h < 12 ? "am" : "pm"
        let sp = space
        var text: String
        var withSeconds = false, dateOnly = false
        switch form {
        case 0: text = String(format: "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, h, mi, s); withSeconds = true
        case 1: text = String(format: "%04d-%02d-%02dT%02d:%02d", y, m, d, h, mi)
        case 2: text = String(format: "%02d/%02d/%04d", d, m, y) + sp + String(format: "%02d:%02d", h, mi)
        case 3: text = "\(d)/\(m)/\(String(format: "%02d", y % 100))" + sp + String(format: "%dh%02d", h, mi)
        case 4: text = "\(day)\(sp)\(name)\(sp)\(y)\(sp)à\(sp)\(h)\(sp)h\(sp)\(String(format: "%02d", mi))"
        case 5: text = "\(weekday)\(sp)\(d)\(sp)\(short)\(sp)\(y)" + sp + String(format: "%02d:%02d:%02d", h, mi, s)
            withSeconds = true
        case 6: text = "\(d)\(sp)\(name)\(sp)\(y),\(sp)\(h12):\(String(format: "%02d", mi))\(sp)\(meridiem)"
        case 7: text = String(format: "%02d.%02d.%04d", d, m, y) + sp + String(format: "%02dH%02d", h, mi)
        case 8: text = "\(weekday),\(sp)\(day)\(sp)\(short)\(sp)\(y % 100 < 10 ? "0" : "")\(y % 100)"; dateOnly = true
        case 9: text = "le\(sp)\(d)\(sp)\(name)\(sp)\(y)"; dateOnly = true
        case 10: text = String(format: "%d/%d/%04d", d, m, y) + sp + "à" + sp + String(format: "%dh%02d", h, mi)
        default: text = "\(d)-\(short)-\(y)\(sp)\(h12):\(String(format: "%02d", mi))\(meridiem.uppercased())"
        }
        if upper { text = text.uppercased() }
        let seconds = dateOnly ? 0 : h * 3600 + mi * 60 + (withSeconds ? s : 0)
        return (text, days * 86400 + seconds)
    }

    @Test func timestampsInAnyFormReadBack() async {
        await propertyCheck(count: 2000, input: Self.timestampGen) { g in
            let (date, time, form, space, upper) = g
            let (text, local) = Self.written(date: date, time: time, form: form, space: Self.spaces[space],
                                             upper: upper == 1)
            #expect(ValueParsers.timestamp(text) == .local(local), "\(text)")
        }
    }

    /// A random duration in minutes (up to 100 hours), and how to write it.
    static let durationGen = zip(Gen.int(in: 0...6000), Gen.int(in: 0...9), Gen.int(in: 0...4), Gen.int(in: 0...1))

    static func written(minutes: Int, form: Int, space: String, upper: Bool) -> String {
        let (h, m) = (minutes / 60, minutes % 60)
        let sp = space
        let words = ["une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"]
        var text: String
        switch form {
        case 0: text = "\(h):\(String(format: "%02d", m))"
        case 1: text = "\(h):\(String(format: "%02d", m)):00"
        case 2: text = m == 0 ? "\(h)h" : "\(h)h\(String(format: "%02d", m))"
        case 3: text = "\(h)\(sp)h\(sp)\(m)\(sp)min"
        case 4: text = m == 0 ? "\(h)\(sp)\(h == 1 ? "heure" : "heures")" : "\(h)\(sp)heures\(sp)\(m)"
        case 5: text = ["\(minutes)\(sp)min", "\(minutes)\(sp)mn", "\(minutes)'", "\(minutes)\(sp)minutes"][minutes % 4]
        case 6 where minutes % 3 == 0:
            text = String(format: "%.2f", Double(minutes) / 60).replacingOccurrences(of: ".", with: minutes % 2 == 0 ? "," : ".")
        case 7 where (1...12).contains(h) && (m == 0 || m == 30 || m == 15):
            text = words[h - 1] + sp + (h == 1 ? "heure" : "heures")
                + (m == 30 ? "\(sp)et\(sp)demie" : m == 15 ? "\(sp)et\(sp)quart" : "")
        case 8 where m == 30 && h == 0: text = "½\(sp)h"
        case 8 where m == 30: text = "\(h)\(sp)½\(sp)h"
        case 8 where m == 0: text = "\(h)\(sp)h."
        default: text = "\(h)\(sp)h\(sp)\(m)"
        }
        return upper ? text.uppercased() : text
    }

    @Test func durationsInAnyFormReadBack() async {
        await propertyCheck(count: 2000, input: Self.durationGen) { g in
            let (minutes, form, space, upper) = g
            let text = Self.written(minutes: minutes, form: form, space: Self.spaces[space], upper: upper == 1)
            #expect(close(ValueParsers.hours(text), Double(minutes) / 60), "\(text)")
        }
    }

    /// Random bytes never trap the parsers (they are fuzzed too: scripts/fuzz FuzzValues).
    @Test func anyBytesAreSafe() async {
        let pieces = ["3", "12", "2026", "/", ".", "-", ":", "h", " ", "\u{A0}", "oct", "octobre", "à", "pm",
                      "½", "heure", "et", "demie", "'", "er", "lundi", "+", "z", "\u{FEFF}", "\u{C3}"]
        await propertyCheck(count: 3000, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...14)) { parts in
            let text = parts.map { pieces[$0] }.joined()
            _ = ValueParsers.timestamp(text)
            _ = ValueParsers.hours(text)
            _ = ValueParsers.timeOfDay(text)
            _ = ValueParsers.normalizedPhone(text)
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBufferPointer { m in  // as scripts/fuzz FuzzValues calls them
                let b = UnsafeBufferPointer(m)
                _ = FormText.with(b) { $0.count }
                var s = 0, e = b.count
                UnicodeSpace.trim(b, &s, &e)
                #expect(s <= e)
            }
        }
    }

    /// Any bytes at all (invalid UTF-8, lone continuation bytes, Windows-1252) never trap.
    @Test func randomBytesAreSafe() async {
        await propertyCheck(count: 5000, input: Gen.int(in: 0...255).array(of: 0...48)) { values in
            var bytes = values.map { UInt8($0) }
            bytes.withUnsafeMutableBufferPointer { m in
                let b = UnsafeBufferPointer(m)
                _ = ValueParsers.timestamp(b)
                _ = ValueParsers.hours(b)
                _ = ValueParsers.timeOfDay(b)
                _ = ValueParsers.normalizedPhone(b)
                _ = FormText.with(b) { $0.count }
                var s = 0, e = b.count
                UnicodeSpace.trim(b, &s, &e)
                #expect(s <= e)
                _ = ValueParsers.unreadableTimestampHint(String(decoding: b, as: UTF8.self))
            }
        }
    }

    // MARK: Spaces

    @Test func unicodeSpacesTrimmed() {
        func trimmed(_ text: String) -> String {
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { m in
                let b = UnsafeBufferPointer(m)
                var s = 0, e = b.count
                UnicodeSpace.trim(b, &s, &e)
                return String(decoding: b[s..<e], as: UTF8.self)
            }
        }
        for space in ["\u{A0}", "\u{202F}", "\u{2007}", "\u{2009}", "\u{200B}", "\u{2060}", "\u{3000}", "\u{FEFF}",
                      "\u{1680}", "\u{205F}", " ", "\t"] {
            #expect(trimmed("\(space)D1\(space)") == "D1")
            #expect(trimmed("D\(space)1") == "D\(space)1")  // inside: kept
        }
        #expect(trimmed("\u{A0} \u{202F}") == "")
        // Letters whose UTF-8 ends like a space's are not cut: `à` is C3 A0, `†` E2 80 A0.
        #expect(trimmed("voilà") == "voilà")
        #expect(trimmed("x†") == "x†")
        // A Windows-1252 non-breaking space (one byte 0xA0) after ASCII, or alone.
        var latin = Array("D1".utf8) + [0xA0]
        latin.withUnsafeMutableBufferPointer { m in
            var s = 0, e = m.count
            UnicodeSpace.trim(UnsafeBufferPointer(m), &s, &e)
            #expect(e == 2)
        }
    }
}
