import Foundation

/// A value rewritten for the grammars of the written-out forms (`3 oct. 2026 à 14 h 05`,
/// `une heure et demie`): ASCII letters in lower case, the accented letters of French without
/// their accent (`é` → `e`, `û` → `u`, `à` → `a`), every space (`UnicodeSpace`) as one ASCII
/// space with runs folded and none at either end, the typographic apostrophe and the prime as
/// `'`, and the vulgar fractions `½ ¼ ¾` as the bytes 0x01 0x02 0x03. Other characters are kept.
/// The same letters and signs in a Windows-1252 file (whose fields reach the parsers as the
/// file's bytes: `é` is the byte 0xE9) are read alike.
///
/// Used only when the fast paths of `ValueParsers` fail, on a buffer of the stack: no allocation.
enum FormText {
    /// Longer values are no date, time or duration.
    static let capacity = 96

    static let half: UInt8 = 0x01, quarter: UInt8 = 0x02, threeQuarters: UInt8 = 0x03

    /// Calls `body` with the normalised form of `b`; nil when `b` is longer than `capacity`.
    @inline(__always)
    static func with<R>(_ b: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R?) -> R? {
        guard b.count <= capacity else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { out -> R? in
            let n = normalize(b, into: out)
            return body(UnsafeBufferPointer(rebasing: out[0..<n]))
        }
    }

    /// Writes the normalised form of `b` into `out` (at least `b.count` long: the form is never
    /// longer) and returns its length.
    static func normalize(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var n = 0, i = 0
        let end = b.count
        var pendingSpace = false
        @inline(__always) func put(_ c: UInt8) {
            if pendingSpace && n > 0 { out[n] = 0x20; n += 1 }
            pendingSpace = false
            out[n] = c
            n += 1
        }
        while i < end {
            let c = b[i]
            if c < 0x80 {
                if c == 0x20 || c == 0x09 { pendingSpace = true } else { put(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
                i += 1
                continue
            }
            let space = UnicodeSpace.length(at: i, in: b, end: end)
            if space > 0 {
                pendingSpace = true
                i += space
                continue
            }
            let length = utf8Length(b, i)
            if length == 2 && c == 0xC3, let letter = latin1Letter(b[i + 1]) {
                put(letter)
            } else if length == 2 && c == 0xC2 && (0xBC...0xBE).contains(b[i + 1]) {
                put(b[i + 1] == 0xBD ? half : b[i + 1] == 0xBC ? quarter : threeQuarters)
            } else if length == 3 && c == 0xE2 && b[i + 1] == 0x80 && (b[i + 2] == 0x99 || b[i + 2] == 0xB2) {
                put(UInt8(ascii: "'"))  // U+2019 right single quotation mark, U+2032 prime
            } else if length > 0 {
                for k in 0..<length { put(b[i + k]) }
            } else {
                // Not UTF-8: a byte of a Windows-1252 file (`é` is 0xE9, `½` 0xBD, `’` 0x92).
                if c >= 0xC0, let letter = latin1Letter(c - 0x40) {
                    put(letter)
                } else if (0xBC...0xBE).contains(c) {
                    put(c == 0xBD ? half : c == 0xBC ? quarter : threeQuarters)
                } else {
                    put(c == 0x92 ? UInt8(ascii: "'") : c)
                }
                i += 1
                continue
            }
            i += length
        }
        return n
    }

    /// The length of the valid UTF-8 sequence of two to four bytes that starts at `b[i]`, 0 when
    /// there is none there (a Windows-1252 byte).
    static func utf8Length(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        let length = c >= 0xF0 ? (c <= 0xF4 ? 4 : 0) : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0
        guard length > 0, i + length <= b.count else { return 0 }
        for k in 1..<length where b[i + k] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// The base letter, lower case, of the Latin-1 letter whose UTF-8 second byte (after 0xC3)
    /// is `c`; nil for `×`, `÷`, `ß`, `æ`, `ð`, `þ`…
    @inline(__always)
    static func latin1Letter(_ c: UInt8) -> UInt8? {
        let lower = c >= 0xA0 ? c - 0x20 : c  // the upper-case letter's byte
        switch lower {
        case 0x80...0x85: return UInt8(ascii: "a")
        case 0x87: return UInt8(ascii: "c")
        case 0x88...0x8B: return UInt8(ascii: "e")
        case 0x8C...0x8F: return UInt8(ascii: "i")
        case 0x91: return UInt8(ascii: "n")
        case 0x92...0x96: return UInt8(ascii: "o")
        case 0x99...0x9C: return UInt8(ascii: "u")
        case 0x9D: return UInt8(ascii: "y")
        case 0x9F: return c == 0xBF ? UInt8(ascii: "y") : nil  // ÿ
        default: return nil
        }
    }
}

/// A reading position in a `FormText`: the small steps of the written-out forms' grammars.
struct FormCursor {
    let t: UnsafeBufferPointer<UInt8>
    var p = 0

    init(_ t: UnsafeBufferPointer<UInt8>) { self.t = t }

    var atEnd: Bool { p >= t.count }

    /// The byte at the position, 0 at the end.
    var current: UInt8 { p < t.count ? t[p] : 0 }

    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Skips one space (`FormText` folds runs); true when there was one.
    @discardableResult
    mutating func space() -> Bool {
        if current == 0x20 { p += 1; return true }
        return false
    }

    /// Takes `c` if it is next.
    @discardableResult
    mutating func take(_ c: UInt8) -> Bool {
        if p < t.count && t[p] == c { p += 1; return true }
        return false
    }

    /// Up to `maxCount` digits: their value and how many there were (0: none, position unchanged).
    mutating func digits(_ maxCount: Int) -> (value: Int, count: Int) {
        var v = 0, c = 0
        while p < t.count && c < maxCount && FormCursor.isDigit(t[p]) { v = v * 10 + Int(t[p] - 48); p += 1; c += 1 }
        return (v, c)
    }

    /// The letters from the position (none: an empty range).
    func letters() -> Range<Int> {
        var e = p
        while e < t.count && FormCursor.isLetter(t[e]) { e += 1 }
        return p..<e
    }

    /// The index in `words` of the whole word at the position (not followed by a letter), taken;
    /// nil (position unchanged) when it is none of them.
    mutating func word(_ words: [[UInt8]]) -> Int? {
        let run = letters()
        guard !run.isEmpty else { return nil }
        for (k, w) in words.enumerated() where w.count == run.count {
            var same = true
            for j in 0..<w.count where t[run.lowerBound + j] != w[j] { same = false; break }
            if same { p = run.upperBound; return k }
        }
        return nil
    }

    /// Takes the whole word `w` (lower-case ASCII) if it is next.
    mutating func word(_ w: StaticString) -> Bool {
        let run = letters()
        guard run.count == w.utf8CodeUnitCount else { return false }
        let same = w.withUTF8Buffer { wb in (0..<wb.count).allSatisfy { t[run.lowerBound + $0] == wb[$0] } }
        if same { p = run.upperBound }
        return same
    }
}
