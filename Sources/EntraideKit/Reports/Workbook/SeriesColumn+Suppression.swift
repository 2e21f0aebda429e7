import Foundation

extension SeriesColumn {
    /// The identity of this column's count over `scope`, for a resident count (the only kind
    /// suppressed); nil otherwise.
    func cell(_ scope: SuppressionCell.Scope) -> SuppressionCell? {
        kind == .residents ? SuppressionCell(key: indicator.key, scope: scope) : nil
    }
}
