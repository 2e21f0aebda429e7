import Foundation

/// How spreadsheet values become the text the importer parses, so a cell imports exactly as
/// the same value written in a CSV file would.
enum CellText {
    /// A number in its shortest form: `12` (not `12.0`), `1.5`, `0.1`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded() && abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// A whole number shown with at least `width` digits (`7` in format `000` → `007`).
    static func number(_ value: Double, zeroPadded width: Int) -> String {
        guard value >= 0, value == value.rounded(), value < 1e15 else { return number(value) }
        let digits = String(Int64(value))
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// A number given as text in the file (`12`, `1.5`, `2.2999999999999998`), in its shortest form.
    static func number(_ text: String) -> String {
        guard let value = Double(text), value.isFinite else { return text }
        return number(value)
    }

    /// The wall-clock date and time of a spreadsheet serial number, `YYYY-MM-DDTHH:MM:SS`.
    /// In the 1900 date system day 1 is 1900-01-01 and day 60 is the 29 February 1900 that
    /// Lotus 1-2-3 invented (read as 1 March); from day 61 on, serial 0 is 1899-12-30. In
    /// the 1904 system day 0 is 1904-01-01. Nil outside Excel's calendar (before day 0, after
    /// 9999-12-31), NaN and infinities included.
    static func date(serial: Double, date1904: Bool) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        var seconds = Int((serial * 86400).rounded())
        if date1904 {
            seconds += 1462 * 86400
        } else if serial >= 1 && serial < 60 {
            seconds += 86400  // before the invented 29 February the epoch is one day later
        } else if serial >= 60 && serial < 61 {
            seconds += 86400  // the invented 29 February 1900 is read as 1 March
        }
        let epoch = daysFromCivil(1899, 12, 30)
        let days = Int((Double(seconds) / 86400).rounded(.down))
        let rest = seconds - days * 86400
        let (y, m, d) = civilFromDays(epoch + days)
        var out = [UInt8]()
        out.reserveCapacity(19)
        append(&out, y, width: 4); out.append(0x2D)
        append(&out, m, width: 2); out.append(0x2D)
        append(&out, d, width: 2); out.append(0x54)
        append(&out, rest / 3600, width: 2); out.append(0x3A)
        append(&out, rest / 60 % 60, width: 2); out.append(0x3A)
        append(&out, rest % 60, width: 2)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a non-negative number's digits, zero-padded to `width` (no `String(format:)` per cell).
    private static func append(_ out: inout [UInt8], _ value: Int, width: Int) {
        var digits: [UInt8] = []
        var v = max(value, 0)
        repeat { digits.append(UInt8(48 + v % 10)); v /= 10 } while v > 0
        for _ in digits.count..<max(width, digits.count) { out.append(48) }
        out.append(contentsOf: digits.reversed())
    }

    /// A time of day or a duration (a fraction of a day), `H:MM` or `H:MM:SS`: what the
    /// hours parser reads (`1:30`). Nil for NaN, infinities and more than a billion days.
    static func duration(days: Double) -> String? {
        guard abs(days) < 1e9 else { return nil }
        let total = Int((abs(days) * 86400).rounded())
        return duration(seconds: total)
    }

    static func duration(seconds total: Int) -> String {
        let h = total / 3600, m = total / 60 % 60, s = total % 60
        return s == 0 ? String(format: "%d:%02d", h, m) : String(format: "%d:%02d:%02d", h, m, s)
    }

    /// What a number format shows, as far as the importer cares.
    enum Format: Equatable {
        case general
        /// A date, or a date and time.
        case date
        /// A time of day (`hh:mm`), or a duration (`[h]:mm`, `elapsed`).
        case time(elapsed: Bool)
        /// Whole numbers shown with leading zeros (`00000`, `0000000000`): ids, postcodes, phones.
        case zeroPadded(Int)
    }

    /// The day/month order a date format code shows (`dd/mm/yyyy hh:mm` day first, `mm/dd/yy`
    /// month first); nil when it shows no numeric day and month in an order (`yyyy-mm-dd`,
    /// `d mmm yyyy`, a time). What tells, beside text dates, in which order a spreadsheet made
    /// its date cells (docs/FORMAT.md, "Day and month order").
    static func dateOrder(code: String) -> DateOrder? {
        var letters: [Character] = []
        var it = code.lowercased().makeIterator()
        while let c = it.next() {
            switch c {
            case ";": break
            case "\"": while let q = it.next(), q != "\"" {}
            case "\\", "_", "*": _ = it.next()
            case "[": while let q = it.next(), q != "]" {}
            case "h", "s": break  // the time part: its `m` are minutes
            case "d", "m", "y": letters.append(c)
            default: continue
            }
            if c == ";" || c == "h" || c == "s" { break }
        }
        guard let d = letters.firstIndex(of: "d"), let m = letters.firstIndex(of: "m") else { return nil }
        if let y = letters.firstIndex(of: "y"), y < d && y < m { return nil }  // ISO-like: year first
        let months = letters[m...].prefix { $0 == "m" }.count
        let days = letters[d...].prefix { $0 == "d" }.count
        guard months <= 2, days <= 2 else { return nil }  // a month or weekday name: no numeric order
        return d < m ? .dayFirst : .monthFirst
    }

    /// The kind of a built-in XLSX number format (ECMA-376 §18.8.30).
    static func builtinFormat(_ id: Int) -> Format {
        switch id {
        case 14...17, 22, 27...31, 34...36, 50...58: return .date
        case 18...21, 32, 33, 45, 47: return .time(elapsed: false)
        case 46: return .time(elapsed: true)
        default: return .general
        }
    }

    /// The kind of a custom number format code such as `dd/mm/yyyy hh:mm`, `[h]:mm`, `0.00`.
    /// Quoted text, escaped characters and bracketed colours or conditions are left out.
    static func format(code: String) -> Format {
        var letters = Set<Character>()
        var elapsed = false
        var it = code.lowercased().makeIterator()
        // Only the first section (positive numbers) decides.
        while let c = it.next() {
            switch c {
            case ";": break
            case "\"": while let q = it.next(), q != "\"" {}
            case "\\", "_", "*": _ = it.next()
            case "[":
                var inside = ""
                while let q = it.next(), q != "]" { inside.append(q) }
                if ["h", "hh", "m", "mm", "s", "ss"].contains(inside) { elapsed = true; letters.insert("h") }
            default: letters.insert(c)
            }
            if c == ";" { break }
        }
        if code.lowercased() == "general" { return .general }
        let firstSection = code.prefix { $0 != ";" }
        if firstSection.count > 1, firstSection.allSatisfy({ $0 == "0" }) { return .zeroPadded(firstSection.count) }
        let hasDate = letters.contains("d") || letters.contains("y")
        let hasTime = letters.contains("h") || letters.contains("s")
        if hasDate { return .date }
        if hasTime { return .time(elapsed: elapsed) }
        if letters.contains("m") { return .date }  // `mmm`, `mmmm`: a month
        return .general
    }
}
