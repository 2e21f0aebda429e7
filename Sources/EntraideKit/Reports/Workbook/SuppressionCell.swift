import Foundation

/// The identity of a resident count in a workbook: which figure, over which scope. Two cells of
/// the workbook showing the same number (the summary's current period and the whole-period row
/// of the series) share one identity, so they are always shown or hidden together
/// (docs/SECURITY.md, "Small counts").
struct SuppressionCell: Hashable, Sendable {
    /// Where a count is taken.
    enum Scope: Hashable, Sendable {
        /// One month of the series (or the month of a monthly workbook).
        case month(Month)
        /// The whole reported period (the funder workbook's total row and summary).
        case period
        /// The period compared with, as a whole (funder workbook).
        case previousPeriod
        /// One partner association over the reported period (nil: requests naming none).
        case association(String?)
    }

    /// The catalogue key: `residents.reached`, `residents.helped` or `residents.new`.
    var key: String
    var scope: Scope

    /// The count `key` (`residents.reached` or `residents.helped`) of one association's row.
    static func association(_ key: String, _ figures: AssociationFigures) -> SuppressionCell {
        SuppressionCell(key: key, scope: .association(figures.association))
    }
}
