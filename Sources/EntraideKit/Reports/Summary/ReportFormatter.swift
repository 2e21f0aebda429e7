import Foundation

/// Numbers, months and dates written for reading, the French way (decimal comma, a no-break
/// space as thousands separator and before `%`) or the English way. Locale-independent: the
/// same output whatever the process locale.
public struct ReportFormatter: Sendable {
    public let language: Language

    /// U+00A0, the no-break space.
    public static let nbsp = "\u{00A0}"

    public init(language: Language) { self.language = language }

    var english: Bool { language == .en }

    // MARK: Numbers

    /// An indicator's value written for reading by its kind (`–` for null): counts whole,
    /// hours and delays as `5,5 h`, shares as percentages, means with one decimal, euros whole.
    public func value(_ value: IndicatorValue, _ kind: IndicatorKind) -> String {
        switch value {
        case .null: return "–"
        case .int(let v) where kind == .count || kind == .residents: return integer(v)
        default: break
        }
        let x = value.number ?? 0
        switch kind {
        case .count, .residents: return integer(Int(x.rounded(.toNearestOrAwayFromZero)))
        case .hours, .delay: return hours(x)
        case .share: return percent(x)
        case .decimal: return decimal(x)
        case .euros: return euros(x)
        }
    }

    /// `1 234` (French, no-break space) or `1,234` (English).
    public func integer(_ value: Int) -> String {
        (value < 0 ? minus : "") + grouped(String(value.magnitude))
    }

    /// Digits grouped by three: `1 234 567` / `1,234,567`.
    private func grouped(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += english ? "," : Self.nbsp }
            out.append(c)
        }
        return out
    }

    /// A decimal number rounded to `decimals` places: `5,5` / `5.5`; `1 234,5` / `1,234.5`.
    public func decimal(_ value: Double, _ decimals: Int = 1) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 10^15 a Double has no decimals left to show, and beyond 2^63 no Int holds it:
        // its whole digits, grouped (an absurd figure is shown, never a crash).
        guard scaled < 1e15 else {
            return (value < 0 ? minus : "") + grouped(String(format: "%.0f", locale: Locale(identifier: "en_US_POSIX"), abs(value)))
        }
        let units = Int(scaled / scale)
        let fraction = Int(scaled) - units * Int(scale)
        var text = integer(units)
        if decimals > 0 {
            let f = String(fraction)
            text += (english ? "." : ",") + String(repeating: "0", count: decimals - f.count) + f
        }
        return (value < 0 && scaled > 0 ? minus : "") + text
    }

    /// A share (0…1) as a whole percentage: `8 %` / `8%`.
    public func percent(_ share: Double) -> String {
        percentText(decimal(share * 100, 0))
    }

    /// Hours with one decimal: `5,5 h` / `5.5 h`.
    public func hours(_ value: Double) -> String {
        decimal(value, 1) + Self.nbsp + "h"
    }

    /// Euros rounded to the unit: `1 234 €` / `€1,234`.
    public func euros(_ value: Double) -> String {
        english ? "€" + decimal(value, 0) : decimal(value, 0) + Self.nbsp + "€"
    }

    /// `1 demande` / `3 demandes`: the count and its noun, singular up to 1 in French, for 1
    /// only in English.
    public func plural(_ n: Int, _ one: String, _ many: String) -> String {
        let singular = english ? n == 1 : n <= 1
        return integer(n) + " " + (singular ? one : many)
    }

    /// The minus sign of a negative number or change.
    public var minus: String { english ? "-" : "\u{2212}" }

    func percentText(_ number: String) -> String { english ? number + "%" : number + Self.nbsp + "%" }

    /// A signed difference of counts: `+9`, `−3`, `0`.
    public func signedInteger(_ delta: Int) -> String {
        delta > 0 ? "+" + integer(delta) : integer(delta)
    }

    /// A signed difference of decimals: `+1,5`, `−0,5`.
    public func signedDecimal(_ delta: Double, _ decimals: Int = 1) -> String {
        let text = decimal(delta, decimals)
        return text.hasPrefix(minus) || text == decimal(0, decimals) ? text : "+" + text
    }

    /// A relative change in whole percent (`+8 %`), nil when the previous value is 0.
    public func relativeChange(_ current: Double, _ previous: Double) -> String? {
        guard previous != 0 else { return nil }
        let pct = ((current - previous) / abs(previous) * 100).rounded(.toNearestOrAwayFromZero)
        let text = decimal(pct, 0)
        return percentText(pct > 0 ? "+" + text : text)
    }

    /// A change of shares in percentage points: `+3 pts` / `+3 pts`.
    public func pointChange(_ current: Double, _ previous: Double) -> String {
        let points = ((current - previous) * 100).rounded(.toNearestOrAwayFromZero)
        let text = decimal(points, 0)
        return (points > 0 ? "+" + text : text) + Self.nbsp + (english ? "pts" : "pts")
    }

    // MARK: Months and dates

    /// `octobre 2026` / `October 2026`.
    public func monthName(_ month: Month) -> String { month.name(language) }

    /// `octobre` / `October`, without the year.
    public func monthOnly(_ month: Month) -> String { month.nameOnly(language) }

    /// `oct.` / `Oct`, for chart axes.
    public func shortMonth(_ month: Month) -> String { month.shortName(language) }

    /// A local date in figures, day first in both languages: `03/10/2026` (the documents never
    /// print an ISO date; English readers of the network's documents are in France too).
    public func numericDate(_ timestamp: Timestamp) -> String {
        let parts = timestamp.dateString.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return timestamp.dateString }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return two(parts[2]) + "/" + two(parts[1]) + "/" + String(parts[0])
    }

    /// "le 1er décembre 2026" / "on 1 December 2026": a date inside a sentence.
    public func onDate(_ timestamp: Timestamp) -> String { (english ? "on " : "le ") + date(timestamp) }

    /// A local date: `27 novembre 2026` (`1er` for the first) / `27 November 2026`.
    public func date(_ timestamp: Timestamp) -> String {
        let parts = timestamp.dateString.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return timestamp.dateString }
        let day = !english && parts[2] == 1 ? "1er" : String(parts[2])
        return day + " " + Month.name(ofMonth: parts[1], language) + " " + String(parts[0])
    }
}
