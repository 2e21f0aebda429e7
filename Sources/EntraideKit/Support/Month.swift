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

    /// Parses exactly `YYYY-MM` from year 1900; returns nil for anything else (`2026-13`, `oct`, `2026-1`).
    public init?(_ text: String) {
        var text = text
        guard let n = text.withUTF8(Month.number), n >= 1900 * 12 else { return nil }
        self.init(year: Int(n / 12), month: Int(n % 12) + 1)
    }

    /// `YYYY-MM` as a month number, year × 12 + month − 1 (`2026-10` → 24321); nil for anything
    /// else. The one parser of months: of the command line, the settings and the database.
    @inline(__always) static func number(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
        var y: Int32 = 0
        for k in 0..<4 {
            let c = b[k] &- 48
            guard c <= 9 else { return nil }
            y = y * 10 + Int32(c)
        }
        let m1 = b[5] &- 48, m2 = b[6] &- 48
        guard m1 <= 9, m2 <= 9 else { return nil }
        let m = Int32(m1) * 10 + Int32(m2)
        guard m >= 1, m <= 12 else { return nil }
        return y * 12 + m - 1
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

// MARK: - Accepted months and periods

extension Month {
    /// The years of the dates the importer accepts (docs/FORMAT.md, "Timestamps and dates"):
    /// a month outside them can hold no data, so a command refuses it as a typo.
    public static var supportedYears: ClosedRange<Int> { 1900...2200 }

    /// The longest period computed at once: 20 years. A typo such as `--to 9999-12` is
    /// refused instead of computing (and writing) thousands of years of empty months.
    public static let maxPeriodMonths = 240

    /// Checks a month given to `option` (`--month`, `--end`): within `supportedYears`.
    public static func checkArgument(_ month: Month, option: String) throws {
        guard supportedYears.contains(month.year) else {
            let first = supportedYears.lowerBound, last = supportedYears.upperBound
            throw UserError(.badArgument,
                fr: "\(option) \(month) : donnez un mois de \(first)-01 à \(last)-12 (les années que peuvent avoir "
                    + "les dates d'un export)",
                en: "\(option) \(month): give a month from \(first)-01 to \(last)-12 (the years an export's dates may have)")
        }
    }

    /// Checks a period given as `--from`/`--to`: its months accepted, in order, and at most
    /// `maxPeriodMonths` long.
    public static func checkPeriod(from: Month, to: Month) throws {
        try checkArgument(from, option: "--from")
        try checkArgument(to, option: "--to")
        guard from <= to else {
            throw UserError(.badArgument, fr: "--from \(from) est après --to \(to) ; donnez d'abord le premier mois",
                            en: "--from \(from) is after --to \(to); give the first month first")
        }
        try checkLength(from: from, to: to)
    }

    /// Checks that a period is at most `maxPeriodMonths` long.
    static func checkLength(from: Month, to: Month) throws {
        let months = from.distance(to: to) + 1
        guard months <= maxPeriodMonths else {
            throw UserError(.badArgument,
                fr: "la période de \(from) à \(to) couvre \(months) mois ; une période peut couvrir au plus "
                    + "\(maxPeriodMonths) mois (\(maxPeriodMonths / 12) ans) : vérifiez --from et --to",
                en: "the period \(from) to \(to) covers \(months) months; a period may cover at most "
                    + "\(maxPeriodMonths) months (\(maxPeriodMonths / 12) years): check --from and --to")
        }
    }
}
