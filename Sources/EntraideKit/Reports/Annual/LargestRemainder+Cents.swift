import Foundation

extension LargestRemainder {
    /// Amounts in euros rounded to whole cents so that the rounded amounts sum to exactly the
    /// sum of the amounts rounded to the cent (docs/INDICATORS.md, "Accounting journal"):
    /// each amount gets the whole cents of its exact value, and the cents still missing go, one
    /// each, to the amounts with the largest fractional remainders (ties to the one listed
    /// first), as `apportion` does for whole units.
    ///
    /// ```swift
    /// LargestRemainder.cents([0.005, 0.005, 0.005])  // [1, 1, 0]: 0.015 € is 2 cents, not 3
    /// ```
    /// Negative amounts are counted as 0. A value within a millionth of a cent of a whole cent
    /// is that cent (so that 0.29 × 100 = 28.999999999999996 is 29 cents, not 28 and a remainder).
    public static func cents(_ euros: [Double]) -> [Int] {
        let exact = euros.map { e -> Double in
            let c = max(e, 0) * 100
            return abs(c - c.rounded()) < 1e-6 ? c.rounded() : c
        }
        let total = Int(exact.reduce(0, +).rounded(.toNearestOrAwayFromZero))
        var cents = exact.map { Int($0.rounded(.down)) }
        let remainders = exact.indices.map { exact[$0] - Double(cents[$0]) }
        let missing = total - cents.reduce(0, +)
        let order = exact.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        for i in order.prefix(max(missing, 0)) { cents[i] += 1 }
        return cents
    }
}
