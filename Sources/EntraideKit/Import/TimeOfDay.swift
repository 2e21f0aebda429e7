import Foundation

/// The time of day of a companion time column (docs/FORMAT.md, "Date and time in two
/// columns"): `14:05`, `14:05:30`, `14h05`, `14h`, `14 h 05`, `14H05`, `à 14h05`, `2:05pm`,
/// `2 PM`, and what the workbook readers make of a time cell (`14:05`, `14:05:30`, or a date
/// and time on the spreadsheets' day 0, `1899-12-30T14:05:00`). Works on bytes.
enum TimeOfDay {
    /// Seconds since midnight, nil when the value is no time of day (hours past 23, minutes
    /// or seconds past 59, anything else after the time).
    static func seconds(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        var p = 0
        @inline(__always) func skipSpaces() {
            while p < n {
                if b[p] == 0x20 || b[p] == 0x09 { p += 1; continue }
                // U+00A0 no-break space, U+202F narrow no-break space, U+2007, U+2009 and the other U+200x spaces.
                if b[p] == 0xC2, p + 1 < n, b[p + 1] == 0xA0 { p += 2; continue }
                if b[p] == 0xE2, p + 2 < n, b[p + 1] == 0x80, b[p + 2] == 0xAF || (b[p + 2] >= 0x80 && b[p + 2] <= 0x8A) {
                    p += 3; continue
                }
                return
            }
        }
        @inline(__always) func digits(_ maxCount: Int) -> (value: Int, count: Int) {
            var v = 0, c = 0
            while p < n && c < maxCount, b[p] >= 48, b[p] <= 57 { v = v * 10 + Int(b[p] - 48); p += 1; c += 1 }
            return (v, c)
        }
        skipSpaces()
        // `à 14h05`, `a 14h05`.
        if p + 1 < n && b[p] == 0xC3 && (b[p + 1] == 0xA0 || b[p + 1] == 0x80) {
            p += 2
            skipSpaces()
        } else if p < n && (b[p] | 0x20) == UInt8(ascii: "a") && p + 1 < n && (b[p + 1] == 0x20 || b[p + 1] == 0xC2) {
            p += 1
            skipSpaces()
        }
        let h = digits(2)
        guard h.count >= 1 else { return nil }
        var minute = 0, second = 0
        var hour = h.value
        skipSpaces()
        if p < n && (b[p] | 0x20) == UInt8(ascii: "h") {
            p += 1
            skipSpaces()
            let m = digits(2)
            guard m.count == 0 || m.count == 2 else { return nil }
            minute = m.value
            skipSpaces()
        } else if p < n && b[p] == UInt8(ascii: ":") {
            p += 1
            let m = digits(2)
            guard m.count == 2 else { return nil }
            minute = m.value
            if p < n && b[p] == UInt8(ascii: ":") {
                p += 1
                let s = digits(2)
                guard s.count == 2 else { return nil }
                second = s.value
                if p < n && (b[p] == UInt8(ascii: ".") || b[p] == UInt8(ascii: ",")) {
                    p += 1
                    guard digits(9).count >= 1 else { return nil }
                }
            }
            skipSpaces()
        } else if p == n || !(b[p] | 0x20 == UInt8(ascii: "a") || b[p] | 0x20 == UInt8(ascii: "p")) {
            return nil  // a bare number is no time (is `14` an hour, a duration, a day?)
        }
        // `am` / `pm`, `a.m.` / `p.m.`.
        if p < n && (b[p] | 0x20 == UInt8(ascii: "a") || b[p] | 0x20 == UInt8(ascii: "p")) {
            let pm = b[p] | 0x20 == UInt8(ascii: "p")
            p += 1
            if p < n && b[p] == UInt8(ascii: ".") { p += 1 }
            guard p < n, b[p] | 0x20 == UInt8(ascii: "m") else { return nil }
            p += 1
            if p < n && b[p] == UInt8(ascii: ".") { p += 1 }
            guard hour >= 1, hour <= 12 else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
            skipSpaces()
        }
        guard p == n, hour <= 23, minute <= 59, second <= 59 else { return nil }
        return hour * 3600 + minute * 60 + second
    }

    static func seconds(_ text: String) -> Int? {
        var t = text
        return t.withUTF8 { seconds($0) }
    }

    /// `14:05` or `14:05:30`, for messages.
    static func text(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        return s == 0 ? String(format: "%02d:%02d", h, m) : String(format: "%02d:%02d:%02d", h, m, s)
    }
}
