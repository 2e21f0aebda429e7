import Foundation

// Durations of volunteer time (`hours`): the common forms on the bytes as they are, then the
// written-out forms on the value's `FormText`.
extension ValueParsers {
    /// Hours of volunteer time in any of the forms of docs/FORMAT.md ("Hours"); nil when
    /// unreadable (negative values are unreadable). The common forms (`commonHours`) are read
    /// first, on the bytes as they are; only when they fail are the written-out forms tried
    /// (`writtenHours`: `1:30:00`, `une heure`, `½ h`, `2 h.`, Unicode spaces…).
    public static func hours(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        if let h = commonHours(b) { return h }
        return writtenHours(b)
    }

    /// The common forms, fast: `1.5`, `1,5`, `2`, `1h30`, `1 h 30`, `2h`, `1:30`, `90min`,
    /// `90 min`, `90 mn`, `45'`, `2 heures`, `1h30min`.
    @inline(__always)
    static func commonHours(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var p = 0
        let n = b.count
        @inline(__always) func skipSpaces() { while p < n && b[p] == 0x20 { p += 1 } }
        @inline(__always) func number() -> (Double, Int)? {
            var whole = 0, frac = 0.0, scale = 0.1, count = 0
            while p < n, b[p] >= 48, b[p] <= 57 {
                guard count < 7 else { return nil }  // a million hours is not a duration
                whole = whole * 10 + Int(b[p] - 48); p += 1; count += 1
            }
            if p < n && (b[p] == UInt8(ascii: ".") || b[p] == UInt8(ascii: ",")) && p + 1 < n && b[p + 1] >= 48 && b[p + 1] <= 57 {
                p += 1
                while p < n, b[p] >= 48, b[p] <= 57 { frac += Double(b[p] - 48) * scale; scale /= 10; p += 1; count += 1 }
            }
            return count > 0 ? (Double(whole) + frac, count) : nil
        }
        func isUnit(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard p + w.count <= n else { return false }
            for i in 0..<w.count where b[p + i] | 0x20 != w[i] { return false }
            return true
        }
        skipSpaces()
        guard let (a, _) = number() else { return nil }
        skipSpaces()
        if p == n { return a }
        if b[p] == UInt8(ascii: ":") {
            p += 1
            guard let (m, c) = number(), c == 2, m < 60, a == a.rounded() else { return nil }
            skipSpaces()
            return p == n ? a + m / 60 : nil
        }
        if isUnit("min") || isUnit("mn") || b[p] == UInt8(ascii: "'") {
            p += isUnit("min") ? 3 : (b[p] == UInt8(ascii: "'") ? 1 : 2)
            if isUnit("utes") { p += 4 } else if p < n && b[p] | 0x20 == UInt8(ascii: "s") { p += 1 }
            skipSpaces()
            return p == n ? a / 60 : nil
        }
        if b[p] | 0x20 == UInt8(ascii: "h") {
            p += 1
            if isUnit("eures") { p += 5 } else if isUnit("eure") { p += 4 } else if isUnit("rs") { p += 2 }
            skipSpaces()
            if p == n { return a }
            guard a == a.rounded(), let (m, _) = number(), m < 60 else { return nil }
            skipSpaces()
            if isUnit("min") { p += 3 } else if isUnit("mn") { p += 2 }
            skipSpaces()
            return p == n ? a + m / 60 : nil
        }
        return nil
    }

    public static func hours(_ text: String) -> Double? {
        var t = text
        return t.withUTF8 { hours($0) }
    }

    /// The written-out forms: `1:30:00`, `1 h`, `2 h.`, `2 hrs`, `1 heure 30`, `1 h et demie`,
    /// `1 h ½`, `une heure`, `deux heures et quart`, `½ h`, `1/2 h`, `1 ½ h`, `une demi-heure`,
    /// `un quart d'heure`, `trois quarts d'heure`, `45 mn`, `45 minutes`, `90 min.`, with any
    /// spaces (Unicode ones included) and letters in any case.
    @inline(never)
    static func writtenHours(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        FormText.with(b) { t in
            var c = FormCursor(t)
            guard let h = writtenHours(&c), c.atEnd else { return nil }
            return h
        }
    }

    static func writtenHours(_ c: inout FormCursor) -> Double? {
        if let w = c.word(numberWords) {
            let n = numberValues[w]
            c.space()
            if let f = fractionOfHour(&c) {
                // `une demi-heure`, `un quart d'heure`, `trois quarts d'heure`.
                return n == 1 && f != 0.75 ? f : (n == 3 && f == 0.75 ? f : nil)
            }
            guard hourUnit(&c) else { return nil }
            return minutesAfterHours(Double(n), &c)
        }
        if let f = fractionOfHour(&c) { return f }  // `demi-heure`, `quart d'heure`
        if let f = fraction(&c) {  // `½ h`, `1/2 heure`
            c.space()
            return hourUnit(&c) ? f : nil
        }
        guard let (a, whole) = decimal(&c) else { return nil }
        let beforeFraction = c.p
        c.space()
        if whole, let f = fraction(&c) {  // `1 ½ h`
            c.space()
            return hourUnit(&c) ? a + f : nil
        }
        c.p = beforeFraction
        c.space()
        if c.atEnd { return a }
        if c.take(UInt8(ascii: ":")) {
            let m = c.digits(2); guard whole, m.count == 2, m.value < 60 else { return nil }
            var h = a + Double(m.value) / 60
            if c.take(UInt8(ascii: ":")) {
                let s = c.digits(2); guard s.count == 2, s.value < 60 else { return nil }
                h += Double(s.value) / 3600
            }
            return FormCursor.isDigit(c.current) ? nil : h
        }
        if c.take(UInt8(ascii: "'")) || minuteUnit(&c) { return a / 60 }
        guard hourUnit(&c) else { return nil }
        if whole { return minutesAfterHours(a, &c) }
        c.space()
        return c.atEnd ? a : nil  // `1,5 h`
    }

    /// After `1 h`: nothing, or `30`, `30 min`, `30'`, `et demie`, `et quart`, `½`.
    private static func minutesAfterHours(_ h: Double, _ c: inout FormCursor) -> Double? {
        c.space()
        if c.atEnd { return h }
        if c.word("et") { c.space() }
        if c.word("demie") || c.word("demi") { return h + 0.5 }
        if c.word("quart") { return h + 0.25 }
        if let f = fraction(&c) { return h + f }
        let m = c.digits(2)
        guard m.count >= 1, m.value < 60, !FormCursor.isDigit(c.current) else { return nil }
        c.space()
        _ = c.take(UInt8(ascii: "'")) || minuteUnit(&c)
        return h + Double(m.value) / 60
    }

    /// A number with an optional decimal part (`.` or `,`), at most 7 digits; and whether it
    /// is whole.
    private static func decimal(_ c: inout FormCursor) -> (Double, Bool)? {
        let w = c.digits(7)
        guard w.count >= 1, !FormCursor.isDigit(c.current) else { return nil }
        guard (c.current == UInt8(ascii: ".") || c.current == UInt8(ascii: ",")),
              c.p + 1 < c.t.count, FormCursor.isDigit(c.t[c.p + 1]) else { return (Double(w.value), true) }
        c.p += 1
        let f = c.digits(7)
        guard !FormCursor.isDigit(c.current) else { return nil }
        var scale = 1.0
        for _ in 0..<f.count { scale *= 10 }
        return (Double(w.value) + Double(f.value) / scale, false)
    }

    /// `½`, `¼`, `¾`, `1/2`, `1/4`, `3/4`.
    private static func fraction(_ c: inout FormCursor) -> Double? {
        if c.take(FormText.half) { return 0.5 }
        if c.take(FormText.quarter) { return 0.25 }
        if c.take(FormText.threeQuarters) { return 0.75 }
        let save = c.p
        let n = c.digits(1)
        if n.count == 1 && c.take(UInt8(ascii: "/")) {
            let d = c.digits(1)
            if d.count == 1 && !FormCursor.isDigit(c.current) {
                switch (n.value, d.value) {
                case (1, 2): return 0.5
                case (1, 4): return 0.25
                case (3, 4): return 0.75
                default: break
                }
            }
        }
        c.p = save
        return nil
    }

    /// `demi-heure` (0.5), `quart d'heure` (0.25), `quarts d'heure` (0.75: after `trois`).
    private static func fractionOfHour(_ c: inout FormCursor) -> Double? {
        let save = c.p
        if c.word("demi") {
            _ = c.take(UInt8(ascii: "-")) || c.space()
            if c.word("heure") { return 0.5 }
        } else if let k = c.word(quarterWords) {
            c.space()
            if c.word("d") && c.take(UInt8(ascii: "'")) {
                c.space()
                if c.word("heure") { return k == 0 ? 0.25 : 0.75 }
            }
        }
        c.p = save
        return nil
    }

    /// `h`, `hr`, `hrs`, `hre`, `hres`, `heure`, `heures`, with an optional `.`.
    private static func hourUnit(_ c: inout FormCursor) -> Bool {
        guard c.word(hourWords) != nil else { return false }
        c.take(UInt8(ascii: "."))
        return true
    }

    /// `min`, `mins`, `minute`, `minutes`, `mn`, `mns`, with an optional `.`.
    private static func minuteUnit(_ c: inout FormCursor) -> Bool {
        guard c.word(minuteWords) != nil else { return false }
        c.take(UInt8(ascii: "."))
        return true
    }

    static let hourWords: [[UInt8]] = ["h", "hr", "hrs", "hre", "hres", "heure", "heures"].map { Array($0.utf8) }
    static let minuteWords: [[UInt8]] = ["min", "mins", "minute", "minutes", "mn", "mns"].map { Array($0.utf8) }
    static let quarterWords: [[UInt8]] = ["quart", "quarts"].map { Array($0.utf8) }
    /// `un`/`une` to `douze`: `numberValues` gives each one's value.
    static let numberWords: [[UInt8]] = ["un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit",
                                         "neuf", "dix", "onze", "douze"].map { Array($0.utf8) }
    static let numberValues = [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
}
