import Foundation

/// How the builder shows a resident count under suppression (docs/SECURITY.md, "Small counts").
extension WorkbookBuilder {
    /// The marker a value of `kind` is shown with, nil when its number is shown: `< N` for a
    /// resident count below the threshold (zero included), the complementary marker for a cell
    /// the plan hides so that a small count cannot be worked out. A resident count written
    /// without its identity still gets primary suppression.
    func suppressionMarker(_ kind: IndicatorKind, _ value: Double?, cell: SuppressionCell?) -> SuppressionPlanner.Marker? {
        guard kind == .residents, let n = suppressionThreshold, let value else { return nil }
        if value < Double(n) { return .primary }
        if let cell, suppressionPlan?.marker(cell) == .complementary { return .complementary }
        return nil
    }

    /// The text shown for a hidden count.
    func suppressionText(_ marker: SuppressionPlanner.Marker, threshold n: Int) -> String {
        marker == .primary ? text.suppressed(n) : text.withheld
    }
}
