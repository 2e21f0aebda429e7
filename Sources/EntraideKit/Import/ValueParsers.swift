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
    /// Phone number normalised for the pseudonym: digits only, a leading `33` or `0033`
    /// turned into `0` (`+33 6 12 34 56 78`, `06.12.34.56.78` → `0612345678`), and the `0` a
    /// spreadsheet dropped put back: exactly 9 digits, the first one 1 to 9, are a French
    /// number stored as a number (`612345678` → `0612345678`, docs/FORMAT.md, "Phone numbers").
    /// Nil when there are no digits.
    public static func normalizedPhone(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        withNormalizedPhone(b) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the normalised phone number's digits, without allocating; nil when
    /// there are no digits.
    @inline(__always)
    static func withNormalizedPhone<R>(_ b: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        // The digits go from index 1, leaving room for a dropped leading zero.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count + 1) { digits -> R? in
            var end = 1
            for c in b where c >= 48 && c <= 57 { digits[end] = c; end += 1 }
            let n = end - 1
            guard n > 0 else { return nil }
            if n == 9 && digits[1] != 48 {  // `612345678`: a number that lost its `0`
                digits[0] = 48
                return body(UnsafeBufferPointer(rebasing: digits[0..<end]))
            }
            var start = 1
            if n >= 4 && digits[1] == 48 && digits[2] == 48 && digits[3] == 51 && digits[4] == 51 {  // 0033
                start = 4; digits[4] = 48
            } else if n >= 2 && digits[1] == 51 && digits[2] == 51 {  // 33
                start = 2; digits[2] = 48
            }
            // `+33 (0)6 …` leaves a doubled zero.
            if end - start == 11 && digits[start] == 48 && digits[start + 1] == 48 { start += 1 }
            return body(UnsafeBufferPointer(rebasing: digits[start..<end]))
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
