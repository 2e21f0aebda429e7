import Foundation

/// A relation between resident counts that any reader of a workbook knows from the definitions
/// (docs/INDICATORS.md) and can use to work out a hidden count (docs/SECURITY.md, "Small counts").
/// Cells are indices into the planner's values.
enum SuppressionRelation: Equatable, Sendable {
    /// `total` = Σ `parts`: new residents over the months of the period.
    case sum(parts: [Int], total: Int)
    /// max(`parts`) ≤ `total` ≤ Σ `parts`: distinct residents over months, or over associations.
    case distinct(parts: [Int], total: Int)
    /// `larger` ≥ `smaller`: residents reached ≥ helped, reached ≥ new, over one scope.
    case atLeast(larger: Int, smaller: Int)

    /// Every cell the relation involves.
    var cells: [Int] {
        switch self {
        case .sum(let parts, let total), .distinct(let parts, let total): return parts + [total]
        case .atLeast(let larger, let smaller): return [larger, smaller]
        }
    }

    /// The line's total, for a sum or a distinct count.
    var total: Int? {
        switch self {
        case .sum(_, let total), .distinct(_, let total): return total
        case .atLeast: return nil
        }
    }

    /// The line's parts, for a sum or a distinct count.
    var parts: [Int] {
        switch self {
        case .sum(let parts, _), .distinct(let parts, _): return parts
        case .atLeast: return []
        }
    }

    /// Whether the relation holds for the values `value` gives.
    func holds(_ value: (Int) -> Int) -> Bool {
        switch self {
        case .sum(let parts, let total):
            return parts.reduce(0) { $0 + value($1) } == value(total)
        case .distinct(let parts, let total):
            let t = value(total)
            return parts.allSatisfy { value($0) <= t } && parts.reduce(0) { $0 + value($1) } >= t
        case .atLeast(let larger, let smaller):
            return value(larger) >= value(smaller)
        }
    }

    /// The single-cell changes that would make a broken relation hold again, each the
    /// smallest move of one cell: (cell, new value).
    func repairs(_ value: (Int) -> Int) -> [(cell: Int, value: Int)] {
        switch self {
        case .sum(let parts, let total):
            let sum = parts.reduce(0) { $0 + value($1) }
            let excess = sum - value(total)
            return [(total, sum)] + parts.map { ($0, value($0) - excess) }
        case .distinct(let parts, let total):
            let t = value(total)
            if let over = parts.first(where: { value($0) > t }) {
                return [(total, parts.map(value).max() ?? t), (over, t)]
            }
            let sum = parts.reduce(0) { $0 + value($1) }
            return [(total, sum)] + parts.map { ($0, value($0) + t - sum) }
        case .atLeast(let larger, let smaller):
            return [(larger, value(smaller)), (smaller, value(larger))]
        }
    }
}
