import Foundation

/// A timestamp as written in an export: either a wall-clock time of the network's zone
/// (no offset given) or an instant (an offset or `Z` given).
public enum ParsedTime: Equatable, Sendable {
    /// Wall-clock seconds since 1970-01-01 as if local time were UTC.
    case local(Int)
    /// Seconds since 1970-01-01T00:00:00Z.
    case instant(Int)
    /// An XLSX date cell: days since 1899-12-30 (fractions are the time of day), wall clock.
    /// Nil outside Excel's calendar (day 0 to 9999-12-31), NaN and infinities included.
    public static func spreadsheetSerial(_ serial: Double) -> ParsedTime? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        let seconds = (serial * 86400).rounded()
        return .local(Int(seconds) - 25569 * 86400)
    }

    public func resolve(with clock: LocalClock) -> Timestamp {
        switch self {
        case .local(let s): return clock.timestamp(local: s)
        case .instant(let s): return clock.timestamp(utc: s)
        }
    }
}

/// Parsers for the value formats of docs/FORMAT.md. They work on the raw bytes of a field so the
/// importer does not build a String for every timestamp of a million-row file.
public enum ValueParsers {
    /// Hours of volunteer time: `1.5`, `1,5`, `2`, `1h30`, `1 h 30`, `2h`, `1:30`, `90min`,
    /// `90 min`, `90 mn`, `45'`. Nil when unreadable; negative values are unreadable.
    public static func hours(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
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

    /// Phone number normalised for the pseudonym: digits only, a leading `33` or `0033`
    /// turned into `0` (`+33 6 12 34 56 78`, `06.12.34.56.78` → `0612345678`).
    /// Nil when there are no digits.
    public static func normalizedPhone(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        withNormalizedPhone(b) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the normalised phone number's digits, without allocating; nil when
    /// there are no digits.
    @inline(__always)
    static func withNormalizedPhone<R>(_ b: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(b.count, 1)) { digits -> R? in
            var n = 0
            for c in b where c >= 48 && c <= 57 { digits[n] = c; n += 1 }
            guard n > 0 else { return nil }
            var start = 0
            if n >= 4 && digits[0] == 48 && digits[1] == 48 && digits[2] == 51 && digits[3] == 51 {  // 0033
                start = 3; digits[3] = 48
            } else if n >= 2 && digits[0] == 51 && digits[1] == 51 {  // 33
                start = 1; digits[1] = 48
            }
            // `+33 (0)6 …` leaves a doubled zero.
            if n - start == 11 && digits[start] == 48 && digits[start + 1] == 48 { start += 1 }
            return body(UnsafeBufferPointer(rebasing: digits[start..<n]))
        }
    }

    public static func normalizedPhone(_ text: String) -> String? {
        var t = text
        return t.withUTF8 { normalizedPhone($0) }
    }

    /// Name normalised for the pseudonym: lower case, accents removed, runs of spaces and
    /// punctuation folded to one space. Nil when nothing is left.
    public static func normalizedName(_ text: String) -> String? {
        let key = TextKey.normalize(text).replacingOccurrences(of: "_", with: " ")
        return key.isEmpty ? nil : key
    }
}
