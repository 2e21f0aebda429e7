import Foundation

extension ValueParsers {
    /// A timestamp in any of the forms of docs/FORMAT.md ("Timestamps and dates"), nil when
    /// unreadable. The common forms (`commonTimestamp`) are read first, on the bytes as they
    /// are; only when they fail are the written-out forms tried (`writtenTimestamp`: month
    /// names, weekdays, `14 h 05`, `à 14h05`, `2:05 pm`, Unicode spaces).
    public static func timestamp(_ b: UnsafeBufferPointer<UInt8>) -> ParsedTime? {
        if let t = commonTimestamp(b) { return t }
        return writtenTimestamp(b)
    }

    /// The common forms, fast: ISO 8601 (`2026-10-03T14:05`, `2026-10-03 14:05:00`, seconds and
    /// fractions optional, `Z`/`+02:00`/`+0200`/`+02` offsets), French `03/10/2026 14:05`,
    /// `03/10/2026 14h05`, `3/10/2026 9h`, date alone (`03/10/2026`, `2026-10-03`: 00:00),
    /// `.` or `-` as date separators in day-first dates, two-digit years (`03/10/26`, see
    /// `fullYear(twoDigit:)`). The numeric day-first date is `numericDate`.
    @inline(__always)
    static func commonTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> ParsedTime? {
        var p = 0
        let n = b.count
        guard n >= 6 else { return nil }
        @inline(__always) func digits(_ maxCount: Int) -> (value: Int, count: Int) {
            var v = 0, c = 0
            while p < n && c < maxCount, b[p] >= 48, b[p] <= 57 { v = v * 10 + Int(b[p] - 48); p += 1; c += 1 }
            return (v, c)
        }
        var year = 0, month = 0, day = 0
        let first = digits(4)
        guard first.count >= 1, p < n else { return nil }
        let sep = b[p]
        if first.count == 4 && sep == UInt8(ascii: "-") {
            year = first.value
            p += 1
            let m = digits(2); guard m.count == 2, p < n, b[p] == UInt8(ascii: "-") else { return nil }
            p += 1
            let d = digits(2); guard d.count == 2 else { return nil }
            month = m.value; day = d.value
            guard Month.supportedYears.contains(year), isValidCivilDate(year, month, day) else { return nil }
        } else {
            p = 0
            guard let date = numericDate(b, &p) else { return nil }
            (year, month, day) = date
        }
        var seconds = daysFromCivil(year, month, day) * 86400
        if p == n { return .local(seconds) }
        // Time part.
        guard b[p] == UInt8(ascii: "T") || b[p] == UInt8(ascii: " ") || b[p] == UInt8(ascii: "t") else { return nil }
        while p < n && (b[p] == 0x20 || b[p] == UInt8(ascii: "T") || b[p] == UInt8(ascii: "t")) { p += 1 }
        if p == n { return .local(seconds) }
        let h = digits(2); guard h.count >= 1, h.value <= 23 else { return nil }
        var minute = 0, second = 0
        if p < n && (b[p] == UInt8(ascii: "h") || b[p] == UInt8(ascii: "H")) {
            p += 1
            let m = digits(2)
            guard m.count == 0 || m.count == 2 else { return nil }
            minute = m.value
        } else {
            guard p < n, b[p] == UInt8(ascii: ":") else { return nil }
            p += 1
            let m = digits(2); guard m.count == 2 else { return nil }
            minute = m.value
            if p < n && b[p] == UInt8(ascii: ":") {
                p += 1
                let s = digits(2); guard s.count == 2, s.value <= 59 else { return nil }
                second = s.value
                if p < n && (b[p] == UInt8(ascii: ".") || b[p] == UInt8(ascii: ",")) {
                    p += 1
                    let f = digits(9); guard f.count >= 1 else { return nil }
                }
            }
        }
        guard minute <= 59 else { return nil }
        seconds += h.value * 3600 + minute * 60 + second
        while p < n && b[p] == 0x20 { p += 1 }
        if p == n { return .local(seconds) }
        // Offset.
        if b[p] == UInt8(ascii: "Z") || b[p] == UInt8(ascii: "z") {
            p += 1
            return p == n ? .instant(seconds) : nil
        }
        guard b[p] == UInt8(ascii: "+") || b[p] == UInt8(ascii: "-") else { return nil }
        let sign = b[p] == UInt8(ascii: "-") ? -1 : 1
        p += 1
        let oh = digits(2); guard oh.count == 2, oh.value <= 14 else { return nil }
        var om = 0
        if p < n && b[p] == UInt8(ascii: ":") { p += 1 }
        if p < n {
            let m = digits(2); guard m.count == 2, m.value <= 59 else { return nil }
            om = m.value
        }
        guard p == n else { return nil }
        return .instant(seconds - sign * (oh.value * 3600 + om * 60))
    }

    public static func timestamp(_ text: String) -> ParsedTime? {
        var t = text
        return t.withUTF8 { timestamp($0) }
    }

    /// The numeric date at `b[p...]`: day, month and year separated by `/`, `.` or `-` (the same
    /// separator twice), day first (`03/10/2026`, `3.10.2026`, `03-10-2026`, `03/10/26`). On
    /// success `p` is just past the year and the date exists (within `Month.supportedYears`);
    /// nil otherwise (`p` is then unspecified). A two-digit year (not with `-`) is read as
    /// `fullYear(twoDigit:)` says.
    @inline(__always)
    static func numericDate(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> (year: Int, month: Int, day: Int)? {
        let n = b.count
        @inline(__always) func digits(_ maxCount: Int) -> (value: Int, count: Int) {
            var v = 0, c = 0
            while p < n && c < maxCount, b[p] >= 48, b[p] <= 57 { v = v * 10 + Int(b[p] - 48); p += 1; c += 1 }
            return (v, c)
        }
        let d = digits(2)
        guard d.count >= 1, p < n else { return nil }
        let sep = b[p]
        guard sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") || sep == UInt8(ascii: "-") else { return nil }
        p += 1
        let m = digits(2); guard m.count >= 1, p < n, b[p] == sep else { return nil }
        p += 1
        // A two-digit year only with `/` or `.`: `26-10-03` could as well be ISO's 2026-10-03.
        let y = digits(4); guard y.count == 4 || (y.count == 2 && sep != UInt8(ascii: "-")) else { return nil }
        let (year, month, day) = (y.count == 2 ? fullYear(twoDigit: y.value) : y.value, m.value, d.value)
        guard Month.supportedYears.contains(year), isValidCivilDate(year, month, day) else { return nil }
        return (year, month, day)
    }

    /// The century rule of two-digit years, the one Excel and LibreOffice apply to a date typed
    /// into a cell (their default): `00`–`29` are 2000–2029, `30`–`99` are 1930–1999. So
    /// `03/10/26` is 3 October 2026 and `03/10/98` 3 October 1998, as the spreadsheet itself
    /// would have read them.
    @inline(__always)
    static func fullYear(twoDigit y: Int) -> Int {
        y < 30 ? 2000 + y : 1900 + y
    }
}
