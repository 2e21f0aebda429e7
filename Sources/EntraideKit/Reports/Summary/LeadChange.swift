import Foundation

/// The rule that picks the change the monthly note's lead sentence names (docs/INDICATORS.md,
/// "The monthly note and the workbooks"): among the headline table's figures whose two months are complete, the
/// largest relative change, computed from the values as the table prints them (rounded), among
/// those at least `minimumBase` in both months. A tie goes to the figure listed first in the
/// table. A change that the table prints as 0 % is no change.
///
/// So a −100 % of a tiny count (« Autre » 4 → 0) never wins, a change the table does not show
/// cannot be named, and the sentence quotes the table's own numbers.
struct LeadChange: Equatable {
    /// One row of the headline table that may be named.
    struct Candidate: Equatable {
        /// The indicator's key (`hours.total`).
        var key: String
        /// What the sentence calls it (`les heures de bénévolat`).
        var phrase: String
        /// The values as printed, rounded the way the table rounds them.
        var current: Double
        var previous: Double
        /// The cells as the table prints them (`190,0 h`, `151,3 h`, `+38,7 h (+26 %)`).
        var currentText: String
        var previousText: String
        var changeText: String

        /// The relative change of the printed values, in whole percent as printed (nil when the
        /// previous value is 0).
        var printedPercent: Double? {
            previous == 0 ? nil : ((current - previous) / abs(previous) * 100).rounded(.toNearestOrAwayFromZero)
        }
    }

    /// The smallest value, in both months, of a figure whose change may be named.
    static let minimumBase = 10.0

    /// What happened to the candidates.
    enum Outcome: Equatable {
        /// The change to name.
        case chosen(Candidate)
        /// Some figures were large enough, and none changed (0 % as printed).
        case stable
        /// No figure was at least `minimumBase` in both months.
        case tooSmall
    }

    /// Applies the rule to the candidates, in table order.
    static func choose(_ candidates: [Candidate]) -> Outcome {
        let eligible = candidates.filter {
            $0.current >= minimumBase && $0.previous >= minimumBase && $0.printedPercent != nil
        }
        guard !eligible.isEmpty else { return .tooSmall }
        var best: Candidate?
        for c in eligible {
            guard let pct = c.printedPercent, pct != 0 else { continue }
            // Strictly larger: a tie keeps the figure listed first.
            if best == nil || abs(pct) > abs(best!.printedPercent!) { best = c }
        }
        return best.map { .chosen($0) } ?? .stable
    }
}
