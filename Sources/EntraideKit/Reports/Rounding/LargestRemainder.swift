import Foundation

/// Largest-remainder rounding (docs/INDICATORS.md, "The monthly note"): whole
/// percentages of parts that form a whole, so that the printed shares sum to exactly 100.
///
/// Each part gets the whole part of its exact percentage; the points still missing go, one
/// each, to the parts with the largest fractional remainders. Ties go to the part listed first,
/// so the result does not depend on anything but the order of the parts.
///
/// ```swift
/// LargestRemainder.percentages([1, 1, 1])      // [34, 33, 33], not 33 + 33 + 33 = 99
/// LargestRemainder.percentages([29, 29, 142])  // [15, 14, 71], not 15 + 15 + 71 = 101
/// ```
public enum LargestRemainder {
    /// Whole percentages of `counts` (each count over their sum) summing to 100; all zeros
    /// when the sum is 0 (no whole to share). Negative counts are counted as 0.
    public static func percentages(_ counts: [Int]) -> [Int] {
        apportion(counts, total: 100)
    }

    /// Shares `total` units among the `counts` in proportion, in whole units summing to
    /// `total` (all zeros when the counts sum to 0 or `total` is not positive). Exact integer
    /// arithmetic: a remainder is `count × total mod sum`, never a rounded fraction.
    public static func apportion(_ counts: [Int], total: Int) -> [Int] {
        let clean = counts.map { max($0, 0) }
        let sum = clean.reduce(0, +)
        guard sum > 0, total > 0 else { return Array(repeating: 0, count: counts.count) }
        var units = clean.map { $0 * total / sum }
        let remainders = clean.map { $0 * total % sum }
        let missing = total - units.reduce(0, +)
        // Largest remainder first; on a tie, the part listed first.
        let order = clean.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        for i in order.prefix(missing) { units[i] += 1 }
        return units
    }
}
