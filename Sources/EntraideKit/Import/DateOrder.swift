import Foundation

/// The order of the day and the month in a numeric date such as `03/10/2026` (docs/FORMAT.md,
/// "Day and month order"): French day first (the default), or month first as US sheets and
/// Airtable downloads write them (`3/25/2020 22:49:40`). ISO dates (`2026-10-03`), dates with a
/// month name and spreadsheet date cells have no such order.
public enum DateOrder: String, CaseIterable, Sendable {
    /// `dd/mm/yyyy`: the French order.
    case dayFirst = "dmy"
    /// `mm/dd/yyyy`: the US order.
    case monthFirst = "mdy"

    /// Parses a `--date-order` value: `dmy` or `mdy` (case ignored).
    public init?(option: String) {
        self.init(rawValue: option.lowercased())
    }

    /// How a date written in this order reads, in both languages (`jour/mois/année`).
    var pattern: Localized {
        switch self {
        case .dayFirst: return Localized("jour/mois/année", "day/month/year")
        case .monthFirst: return Localized("mois/jour/année", "month/day/year")
        }
    }

    /// The other order.
    var other: DateOrder { self == .dayFirst ? .monthFirst : .dayFirst }

    /// The first two numbers of a numeric date (`3/25/2020` → 3, 25), when the value starts
    /// with one or two digits, a `/`, `.` or `-`, one or two digits and the same separator
    /// again; nil for any other form (ISO, a month name, a time). The position of the second
    /// number is given too, for `swapped`.
    @inline(__always)
    static func leadingPair(_ b: UnsafeBufferPointer<UInt8>) -> (first: Int, second: Int, secondStart: Int, secondEnd: Int)? {
        let n = b.count
        var p = 0
        var first = 0
        while p < n && p < 3, b[p] >= 48, b[p] <= 57 { first = first * 10 + Int(b[p] - 48); p += 1 }
        guard p >= 1, p <= 2, p < n else { return nil }
        let sep = b[p]
        guard sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") || sep == UInt8(ascii: "-") else { return nil }
        p += 1
        let secondStart = p
        var second = 0
        while p < n && p - secondStart < 3, b[p] >= 48, b[p] <= 57 { second = second * 10 + Int(b[p] - 48); p += 1 }
        let length = p - secondStart
        guard length >= 1, length <= 2, p < n, b[p] == sep else { return nil }
        return (first, second, secondStart, p)
    }

    /// What a value says about the order of its column.
    enum Evidence: Equatable {
        /// No day/month order to decide: ISO, a month name, or a value read neither way.
        case orderFree
        /// Both numbers are 12 or less: readable either way (`03/10/2026`).
        case either
        /// The first number is more than 12: only day first (`25/10/2026`).
        case dayFirstOnly
        /// The second number is more than 12: only month first (`3/25/2020`).
        case monthFirstOnly
    }

    /// The evidence of a numeric date from its first two numbers alone (cheap: no parse). A
    /// value that is no date in either order (`40/40/2026`) is `.orderFree`.
    @inline(__always)
    static func evidence(_ b: UnsafeBufferPointer<UInt8>) -> Evidence {
        guard let pair = leadingPair(b) else { return .orderFree }
        let a = pair.first, c = pair.second
        guard a >= 1, c >= 1 else { return .orderFree }
        if a <= 12 && c <= 12 { return .either }
        if a > 12 && a <= 31 && c <= 12 { return .dayFirstOnly }
        if c > 12 && c <= 31 && a <= 12 { return .monthFirstOnly }
        return .orderFree
    }
}

extension ValueParsers {
    /// A timestamp whose numeric date is read in `order`; every other form (ISO, month names,
    /// date cells) reads as in `timestamp(_:)`. Month first swaps the first two numbers into a
    /// small buffer on the stack and reads that day first, so every day-first form (two-digit
    /// years, times after the date) is also accepted month first.
    @inline(__always)
    static func timestamp(_ b: UnsafeBufferPointer<UInt8>, order: DateOrder) -> ParsedTime? {
        guard order == .monthFirst, let pair = DateOrder.leadingPair(b) else { return timestamp(b) }
        let firstLength = pair.secondStart - 1
        let secondLength = pair.secondEnd - pair.secondStart
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count) { out -> ParsedTime? in
            var k = 0
            for i in pair.secondStart..<pair.secondEnd { out[k] = b[i]; k += 1 }
            out[k] = b[firstLength]; k += 1  // the separator
            for i in 0..<firstLength { out[k] = b[i]; k += 1 }
            assert(k == firstLength + secondLength + 1)
            for i in pair.secondEnd..<b.count { out[k] = b[i]; k += 1 }
            return timestamp(UnsafeBufferPointer(rebasing: out[0..<k]))
        }
    }

    static func timestamp(_ text: String, order: DateOrder) -> ParsedTime? {
        var t = text
        return t.withUTF8 { timestamp($0, order: order) }
    }
}
