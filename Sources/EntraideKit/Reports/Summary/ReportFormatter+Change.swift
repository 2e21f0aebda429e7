import Foundation

/// The change columns of the notes (monthly and annual): every difference is computed from the
/// values as printed, so that the reader's own subtraction gives the same result
/// (docs/INDICATORS.md, "The monthly note and the workbooks").
extension ReportFormatter {
    /// A value rounded the way the notes print it (`decimals` places, halves away from zero).
    static func printed(_ value: Double, _ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// `+9 (+8 %)`, `+9` when the previous value is 0, `0` when unchanged.
    func countChange(_ c: Int, _ p: Int) -> String {
        let delta = signedInteger(c - p)
        guard c != p, let rel = relativeChange(Double(c), Double(p)) else { return delta }
        return "\(delta) (\(rel))"
    }

    /// `+38,7 h (+26 %)`: the difference of the hours as printed (one decimal), not of the
    /// unrounded ones, so that 190,0 − 151,3 reads +38,7.
    func hoursChange(_ c: Double, _ p: Double) -> String {
        let rc = Self.printed(c, 1), rp = Self.printed(p, 1)
        let delta = signedDecimal(rc - rp) + ReportFormatter.nbsp + "h"
        guard rc != rp, let rel = relativeChange(rc, rp) else { return delta }
        return "\(delta) (\(rel))"
    }

    /// `+23 € (+33 %)`: the difference of the whole euros as printed.
    func euroChange(_ c: Double, _ p: Double) -> String {
        let rc = Self.printed(c, 0), rp = Self.printed(p, 0)
        let d = rc - rp
        let delta = (d > 0 ? "+" : d < 0 ? minus : "") + euros(abs(d))
        guard rc != rp, let rel = relativeChange(rc, rp) else { return delta }
        return "\(delta) (\(rel))"
    }

    /// `+3 pts`: the difference of the whole percentages as printed.
    func shareChange(_ c: Double, _ p: Double) -> String {
        let points = Int(Self.printed(c * 100, 0) - Self.printed(p * 100, 0))
        let unit = abs(points) <= 1 ? "pt" : "pts"
        return signedInteger(points) + ReportFormatter.nbsp + unit
    }

    /// The change column of a row, computed from the printed values.
    func change(_ c: IndicatorValue, _ p: IndicatorValue, _ kind: IndicatorKind) -> String {
        guard let cv = c.number, let pv = p.number else { return "–" }
        switch kind {
        case .count, .residents: return countChange(Int(cv), Int(pv))
        case .hours: return hoursChange(cv, pv)
        case .euros: return euroChange(cv, pv)
        case .share: return shareChange(cv, pv)
        case .delay, .decimal: return ""
        }
    }
}
