import Foundation

/// The scopes of the summary sheet's two columns, as resident-count identities
/// (docs/SECURITY.md, "Small counts").
extension WorkbookContent {
    /// The funder and annual workbooks' current column is the whole period (its series' total row); the
    /// monthly workbook's is its month (the last row of its trend).
    var currentScope: SuppressionCell.Scope { coversPeriod ? .period : .month(from) }

    /// The column compared with: the previous period as a whole, or the month before.
    var previousScope: SuppressionCell.Scope { coversPeriod ? .previousPeriod : .month(previousFrom) }
}
