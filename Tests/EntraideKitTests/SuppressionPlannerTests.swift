import Foundation
import Testing
@testable import EntraideKit

/// The complementary suppression planner on hand-made lines (docs/SECURITY.md, "Small counts").
@Suite("Suppression planner")
struct SuppressionPlannerTests {
    typealias Marker = SuppressionPlanner.Marker

    static func plan(_ n: Int, _ values: [Int], caps: [Int?]? = nil, _ relations: [SuppressionRelation]) -> [Marker?] {
        let p = SuppressionPlanner(threshold: n, values: values, caps: caps ?? values.map { _ in nil }, relations: relations).plan()
        #expect(p.unprotected.isEmpty)
        return p.markers
    }

    @Test func zeroIsSuppressedLikeAnyCountBelowTheThreshold() {
        // A shown zero would narrow "< N" to 1 … N − 1 (to exactly 1 with N = 2): zeros are hidden too.
        let markers = Self.plan(3, [0, 1, 2, 7], [])
        #expect(markers == [.primary, .primary, .primary, nil])
    }

    @Test func aThresholdOfTwoIsRefused() throws {
        // Months < 2, < 2 under a total of at least 2: both are 1, whatever is hidden.
        #expect(throws: UserError.self) { try SuppressionPlan.checkThreshold(2) }
        for n in [nil, 0, 1, 3, 9] { try SuppressionPlan.checkThreshold(n) }
        let p = SuppressionPlanner(threshold: 2, values: [1, 1, 2], caps: [nil, nil, nil],
                                   relations: [.sum(parts: [0, 1], total: 2)]).plan()
        #expect(p.unprotected.contains(0) && p.unprotected.contains(1))
    }

    @Test func oneSmallMonthHidesTheSmallestOtherMonth() {
        // New residents: 10, 12, 2, total 24. The 2 alone would be 24 − 10 − 12.
        let markers = Self.plan(3, [10, 12, 2, 24], [.sum(parts: [0, 1, 2], total: 3)])
        #expect(markers == [.complementary, nil, .primary, nil])
    }

    @Test func twoSmallMonthsWithAShownTotalHideTheTotal() {
        // 2 + 2 = 4 with both below 3: each is 2. No other month: the total goes.
        let markers = Self.plan(3, [2, 2, 4], [.sum(parts: [0, 1], total: 2)])
        #expect(markers == [.primary, .primary, .complementary])
    }

    @Test func distinctBoundsPinningACountAreBroken() {
        // Distinct residents: months 5, 4, < 3, total 11 ⇒ the hidden one is at least 2, so 2.
        let markers = Self.plan(3, [5, 4, 2, 11], [.distinct(parts: [0, 1, 2], total: 3)])
        #expect(markers == [nil, .complementary, .primary, nil])
        // Months 5, 4, < 3, total 9: the hidden one may be 0, 1 or 2: nothing else is hidden.
        #expect(Self.plan(3, [5, 4, 2, 9], [.distinct(parts: [0, 1, 2], total: 3)]) == [nil, nil, .primary, nil])
    }

    @Test func requestCountsBoundAHiddenCount() {
        // Months 5, 5, x, total 11 with one request in the third month: 1 ≤ x ≤ 1.
        let relations: [SuppressionRelation] = [.distinct(parts: [0, 1, 2], total: 3)]
        let markers = Self.plan(3, [5, 5, 1, 11], caps: [nil, nil, 1, nil], relations)
        #expect(markers[2] == .primary)
        #expect(markers.contains(.complementary))
        // Without the cap, 2 was possible: no complement needed.
        #expect(Self.plan(3, [5, 5, 1, 11], relations) == [nil, nil, .primary, nil])
    }

    @Test func aCountItsRequestsAlreadyPinNeedsNoComplement() {
        // No request that month: 0 residents for anyone who reads the request column.
        let markers = Self.plan(3, [0, 10, 10], caps: [0, nil, nil], [.sum(parts: [0, 1], total: 2)])
        #expect(markers == [.primary, nil, nil])
    }

    @Test func inequalitiesAcrossFiguresAreUsed() {
        // Reached months 10, < 3 with a total of 12 pin the second to 2; helped months < 3, < 3
        // with a total of 4 pin both to 2; and helped ≤ reached in each scope.
        let relations: [SuppressionRelation] = [
            .distinct(parts: [0, 1], total: 2), .distinct(parts: [3, 4], total: 5),
            .atLeast(larger: 0, smaller: 3), .atLeast(larger: 1, smaller: 4), .atLeast(larger: 2, smaller: 5),
        ]
        let markers = Self.plan(3, [10, 2, 12, 2, 2, 4], relations)
        #expect(markers[1] == .primary && markers[3] == .primary && markers[4] == .primary)
        // One complement per line at least.
        #expect(markers.filter { $0 == .complementary }.count >= 2)
    }

    @Test func thePlanIsDeterministicAndKeepsVisibleCellsOutsideTheLines() {
        let values = [9, 14, 3, 8, 34, 11, 30]
        let relations: [SuppressionRelation] = [.sum(parts: [0, 1, 2, 3], total: 4), .atLeast(larger: 6, smaller: 5)]
        let a = Self.plan(9, values, relations), b = Self.plan(9, values, relations)
        #expect(a == b)
        #expect(a[6] == nil && a[5] == nil)
        #expect(a[2] == .primary && a[3] == .primary)
    }

    @Test func aRelationTheFiguresBreakIsIgnored() {
        // 2 + 2 ≠ 5: not a relation of these figures, so it cannot pin anything.
        let markers = Self.plan(3, [2, 2, 5], [.sum(parts: [0, 1], total: 2)])
        #expect(markers == [.primary, .primary, nil])
    }
}
