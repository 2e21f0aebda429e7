import Foundation

/// Which resident counts of one workbook are hidden, and how (docs/SECURITY.md, "Small counts").
/// Built from everything the workbook may show: every resident count of the series, of the
/// whole period, of the two summary columns and of each association, with the relations a
/// reader knows between them (docs/INDICATORS.md):
/// - over the months of a funder workbook, new residents add up to the period's; residents
///   reached and helped, distinct counts, lie between the largest month and the months' sum;
/// - over the associations, residents reached and helped lie between the largest association
///   and their sum;
/// - over any one scope, residents reached ≥ helped and reached ≥ new;
/// - residents reached and new are at most the requests received, helped at most the requests
///   done (the request counts are shown).
/// A cell the plan treats as shown but the workbook leaves out only makes the plan more careful.
struct SuppressionPlan: Sendable {
    static let reached = "residents.reached", helped = "residents.helped", new = "residents.new"
    static let keys = [reached, helped, new]

    let threshold: Int
    let cells: [SuppressionCell]
    let plan: SuppressionPlanner.Plan
    private let index: [SuppressionCell: Int]

    /// The plan of `content`, nil when its resident counts are not suppressed.
    init?(content c: WorkbookContent) {
        guard let n = c.suppressBelow, n > 1 else { return nil }
        var builder = Builder(catalogue: c.catalogue)
        for m in c.series { builder.add(.month(m.month), m.indicators) }
        if let total = c.seriesTotal { builder.add(.period, total) }
        builder.add(c.currentScope, c.current)
        builder.add(c.previousScope, c.previous)
        for a in c.associations {
            let scope = SuppressionCell.Scope.association(a.association)
            builder.cell(SuppressionCell(key: Self.reached, scope: scope), a.residentsReached, cap: a.requests)
            builder.cell(SuppressionCell(key: Self.helped, scope: scope), a.residentsHelped, cap: a.requests)
        }

        var relations: [SuppressionRelation] = []
        if c.seriesTotal != nil {
            for key in Self.keys {
                let parts = c.series.compactMap { builder.index[SuppressionCell(key: key, scope: .month($0.month))] }
                guard let total = builder.index[SuppressionCell(key: key, scope: .period)], !parts.isEmpty else { continue }
                relations.append(key == Self.new ? .sum(parts: parts, total: total) : .distinct(parts: parts, total: total))
            }
        }
        if !c.associations.isEmpty {
            for key in [Self.reached, Self.helped] {
                let parts = c.associations.compactMap { builder.index[SuppressionCell(key: key, scope: .association($0.association))] }
                guard let total = builder.index[SuppressionCell(key: key, scope: c.currentScope)] else { continue }
                relations.append(.distinct(parts: parts, total: total))
            }
        }
        var scopes: [SuppressionCell.Scope] = []
        for cell in builder.cells where !scopes.contains(cell.scope) { scopes.append(cell.scope) }
        for scope in scopes {
            guard let reached = builder.index[SuppressionCell(key: Self.reached, scope: scope)] else { continue }
            for key in [Self.helped, Self.new] {
                if let other = builder.index[SuppressionCell(key: key, scope: scope)] {
                    relations.append(.atLeast(larger: reached, smaller: other))
                }
            }
        }
        threshold = n
        cells = builder.cells
        index = builder.index
        plan = SuppressionPlanner(threshold: n, values: builder.values, caps: builder.caps, relations: relations).plan()
    }

    /// Refuses a threshold of 2 (docs/SECURITY.md, "Small counts"): `< 2` leaves only 0 or 1
    /// and a hidden total at least 2, so two hidden months of 1 under a hidden total of 2 are
    /// pinned whatever else is hidden. 0 and 1 mean no suppression; 3 and more are accepted.
    static func checkThreshold(_ n: Int?) throws {
        guard n == 2 else { return }
        throw UserError(.badArgument,
            fr: "--suppress-below 2 (ou suppress_below = 2) : avec 2, «\u{00A0}< 2\u{00A0}» ne laisse que 0 ou 1 et les "
                + "totaux permettraient de retrouver des habitants\u{00A0}; donnez au moins 3, ou 0 pour aucun masquage",
            en: "--suppress-below 2 (or suppress_below = 2): with 2, \"< 2\" leaves only 0 or 1 and the totals "
                + "would give residents away; give 3 or more, or 0 for no suppression")
    }

    /// How `cell` is shown: nil when its number is shown.
    func marker(_ cell: SuppressionCell) -> SuppressionPlanner.Marker? {
        guard let i = index[cell] else { return nil }
        return plan.markers[i]
    }

    /// Collects the cells, once each (the first value seen for an identity wins: the summary's
    /// current column and the whole-period row are the same figures).
    private struct Builder {
        let catalogue: IndicatorCatalogue
        var cells: [SuppressionCell] = []
        var values: [Int] = []
        var caps: [Int?] = []
        var index: [SuppressionCell: Int] = [:]

        mutating func cell(_ cell: SuppressionCell, _ value: Int, cap: Int?) {
            guard index[cell] == nil else { return }
            index[cell] = cells.count
            cells.append(cell)
            values.append(value)
            caps.append(cap)
        }

        func int(_ key: String, _ p: PeriodIndicators) -> Int? {
            catalogue[key].value(p).number.flatMap { Int(exactly: $0) }
        }

        mutating func add(_ scope: SuppressionCell.Scope, _ p: PeriodIndicators) {
            let received = int("requests.received", p), done = int("requests.\(RequestStatus.done.rawValue)", p)
            for key in SuppressionPlan.keys {
                guard let value = int(key, p) else { continue }
                cell(SuppressionCell(key: key, scope: scope), value, cap: key == SuppressionPlan.helped ? done : received)
            }
        }
    }
}
