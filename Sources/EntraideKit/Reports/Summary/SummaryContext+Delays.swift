import Foundation

extension SummaryContext {
    /// The statistics of the delays table, real time (docs/INDICATORS.md, "Delay statistics").
    static let delayStats = ["median_hours", "p90_hours", "within_target_share", "count", "unanswered"]
    /// The same in working time (docs/INDICATORS.md, "Working time"); the unanswered requests
    /// are the same requests in either time.
    static let workingStats = ["median_hours", "p90_hours", "within_target_share", "count"]

    /// One figure of a delay row: `–` when the month is not shown.
    func delayFigure(_ key: String, _ p: PeriodIndicators, shown: Bool) -> String {
        guard shown else { return "–" }
        let indicator = catalogue[key]
        return f.value(indicator.value(p), indicator.kind)
    }

    /// The delays table: each statistic of each block, in real time and in working time side
    /// by side, this month and the month before (docs/INDICATORS.md, "Working time"). Each
    /// row has `label`, `current`, `current_working`, `previous`, `previous_working`.
    func delayRows() -> [[String: Any]] {
        let shownCurrent = cur.data != .none
        // The share's row names both targets: real time, then working time.
        let realTarget = f.integer(data.settings.responseTargetHours)
        let workingTarget = f.integer(data.settings.calendar.targetHours)
        return IndicatorCatalogue.delayBlocks.flatMap { block -> [[String: Any]] in
            // The block's name on a row of its own (`group`), then its statistics under it.
            let head: [String: Any] = ["label": block.note.text(language), "group": true, "current": "",
                                       "current_working": "", "previous": "", "previous_working": ""]
            return [head] + Self.delayStats.map { stat -> [String: Any] in
                let key = "delays.\(block.key).\(stat)"
                let workingKey = stat == "unanswered" ? key : "delays.\(block.key).working.\(stat)"
                return ["label": Self.delayLabel(stat, realTarget: realTarget, workingTarget: workingTarget, language), "group": false,
                        "current": delayFigure(key, cur, shown: shownCurrent),
                        "current_working": delayFigure(workingKey, cur, shown: shownCurrent),
                        "previous": delayFigure(key, prev, shown: comparable),
                        "previous_working": delayFigure(workingKey, prev, shown: comparable)]
            }
        }
    }

    /// The label of a delay statistic's row (`delayStats`), in the monthly and the annual notes.
    static func delayLabel(_ stat: String, realTarget: String, workingTarget: String, _ language: Language) -> String {
        let en = language == .en
        switch stat {
        case "median_hours": return en ? "median" : "médiane"
        case "p90_hours": return "P90"
        case "within_target_share":
            return en ? "within \(realTarget) h / \(workingTarget) working h" : "en \(realTarget) h / \(workingTarget) h d'ouverture"
        case "count": return en ? "requests measured" : "demandes mesurées"
        default: return en ? "requests unanswered" : "demandes sans réponse"
        }
    }

    /// `delays.match.working` and `delays.contact.working`: the working-time figures of a block.
    func workingNumbers(_ s: WorkingDelayStatistics, shown: Bool) -> [String: Any] {
        guard shown else { return ["count": "–", "median": "–", "p90": "–", "within_target": "–", "target_hours": "–"] }
        return ["count": f.integer(s.count), "median": s.medianHours.map(f.hours) ?? "–",
                "p90": s.p90Hours.map(f.hours) ?? "–", "within_target": s.withinTargetShare.map(f.percent) ?? "–",
                "target_hours": f.integer(s.targetHours)]
    }
}
