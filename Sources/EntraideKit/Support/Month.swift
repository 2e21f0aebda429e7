import Foundation

/// A calendar month in the network's time zone, written `YYYY-MM`.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "month out of range")
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM`; returns nil for anything else (`2026-13`, `oct`, `2026-1`).
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 7, u[4] == UInt8(ascii: "-"),
              u.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 48 && $0.element <= 57) })
        else { return nil }
        let y = u[0..<4].reduce(0) { $0 * 10 + Int($1 - 48) }
        let m = Int(u[5] - 48) * 10 + Int(u[6] - 48)
        guard (1...12).contains(m), y >= 1900 else { return nil }
        self.init(year: y, month: m)
    }

    public var description: String {
        String(year) + (month < 10 ? "-0" : "-") + String(month)
    }

    public func adding(_ months: Int) -> Month {
        let index = year * 12 + (month - 1) + months
        return Month(year: index / 12, month: index % 12 + 1)
    }

    /// Number of months from `self` to `other` (0 when equal).
    public func distance(to other: Month) -> Int {
        (other.year * 12 + other.month) - (year * 12 + month)
    }

    public static func < (a: Month, b: Month) -> Bool {
        (a.year, a.month) < (b.year, b.month)
    }

    /// Months from `from` through `to`, both included.
    public static func range(_ from: Month, _ to: Month) -> [Month] {
        guard from <= to else { return [] }
        return (0...from.distance(to: to)).map { from.adding($0) }
    }
}
