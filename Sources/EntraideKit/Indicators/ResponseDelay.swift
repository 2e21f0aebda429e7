import Foundation

/// The response delays, in one place (docs/INDICATORS.md, "Delay statistics"):
///
/// - **the delay of a request**: for a request that has assignments, the real time from its
///   `received_at` to the earliest `matched_at` over all its assignments (`delays.match`), or to
///   the earliest `contacted_at` (`delays.contact`); a request none of whose assignments has the
///   event has no delay. Each timestamp is read with its own UTC offset, so a delay across a
///   clock change is an hour shorter or longer than the wall clocks say.
/// - **the statistics of a period**: over the requests received in the period that have the
///   delay, a negative delay (the event recorded before the call) is left out and counted in
///   `excluded`; `median_hours` and `p90_hours` interpolate like Excel's `PERCENTILE.INC`;
///   `unanswered` counts the requests received in the period that are neither cancelled nor
///   done and have no such event; `within_target_share` is the share of delays of at most the
///   target (setting `response_target_hours`, default 48; a delay of exactly the target is on
///   time) among the counted delays plus the unanswered requests past the target at the as-of
///   instant (docs/INDICATORS.md, "Data coverage and the as-of instant").
///
/// The SQL view `request_delays` (docs/QUERIES.md) gives the same per-request delays; the named
/// query `delays_by_domain` compares them with the target through `response_target_hours()`.
enum ResponseDelay {
    // MARK: The earliest event of each request

    /// Keeps in `earliest` the earlier of itself and `time` (either may be `noTime`).
    @inline(__always) static func keepEarliest(_ earliest: inout Int64, _ time: Int64) {
        if time != IndicatorFacts.noTime && (earliest == IndicatorFacts.noTime || time < earliest) { earliest = time }
    }

    /// Merge join of the assignments' groups (one per request id, with their earliest events) with
    /// the requests (both in request id order): sets each request's delays and returns the index
    /// of the request of each group (-1 for assignments of an unknown request).
    static func join(_ requests: inout [IndicatorFacts.Request], ids: ByteStrings,
                     assignments a: AssignmentRows) -> [Int32] {
        let noTime = IndicatorFacts.noTime
        var requestOfGroup = [Int32](repeating: -1, count: a.groupIDs.count)
        var i = 0
        for g in 0..<a.groupIDs.count {
            while i < ids.count && ids.compare(i, with: a.groupIDs, g) < 0 { i += 1 }
            if i < ids.count && ids.compare(i, with: a.groupIDs, g) == 0 {
                requestOfGroup[g] = Int32(i)
                if a.groupFirstMatched[g] != noTime { requests[i].matchDelay = a.groupFirstMatched[g] - requests[i].received }
                if a.groupFirstContacted[g] != noTime { requests[i].contactDelay = a.groupFirstContacted[g] - requests[i].received }
            }
        }
        return requestOfGroup
    }

    // MARK: Statistics of a period

    /// Finishes a delay block from the delays of the requests of a period, in seconds, against
    /// a target of `targetHours`.
    ///
    /// `within_target_share` counts the requests never answered as misses once they are past the
    /// target: its denominator is the counted delays plus the unanswered requests received
    /// strictly more than the target before the as-of instant (`DelaySample.unansweredPastTarget`).
    static func statistics(_ sample: DelaySample, targetHours: Int, workingTargetHours: Int = 16) -> DelayStatistics {
        var statistics = realTime(sample, targetHours: targetHours)
        statistics.working = working(sample, targetHours: workingTargetHours)
        return statistics
    }

    /// The working-time block: the same statistics over the working seconds of the counted
    /// delays, against the working target, with the unanswered requests past it as misses.
    static func working(_ sample: DelaySample, targetHours: Int) -> WorkingDelayStatistics {
        let s = summary(sample.working, pastTarget: sample.workingPastTarget, targetHours: targetHours)
        return WorkingDelayStatistics(count: s.count, medianHours: s.median, p90Hours: s.p90, meanHours: s.mean,
                                      unansweredPastTarget: sample.workingPastTarget, targetHours: targetHours,
                                      withinTargetShare: s.share)
    }

    private static func realTime(_ sample: DelaySample, targetHours: Int) -> DelayStatistics {
        let s = summary(sample.counted, pastTarget: sample.unansweredPastTarget, targetHours: targetHours)
        return DelayStatistics(count: s.count, medianHours: s.median, p90Hours: s.p90, meanHours: s.mean,
                               excluded: sample.excluded, unanswered: sample.unanswered,
                               unansweredPastTarget: sample.unansweredPastTarget, targetHours: targetHours,
                               withinTargetShare: s.share)
    }

    /// The statistics of delays in seconds, in hours: median and P90 (`PERCENTILE.INC`), mean
    /// (nil without delays), and the share of at most `targetHours` among the delays plus the
    /// `pastTarget` requests never answered (nil when there are none).
    private static func summary(_ seconds: [Int], pastTarget: Int, targetHours: Int)
        -> (count: Int, median: Double?, p90: Double?, mean: Double?, share: Double?)
    {
        var counted = seconds
        let target = targetHours * 3600
        let withinTarget = counted.reduce(0) { $0 + ($1 <= target ? 1 : 0) }
        let judged = counted.count + pastTarget
        let share = judged > 0 ? Double(withinTarget) / Double(judged) : nil
        guard !counted.isEmpty else { return (0, nil, nil, nil, share) }
        let mean = Double(counted.reduce(0, +)) / 3600 / Double(counted.count)
        let quantiles = Statistics.percentilesInc(of: &counted, [0.5, 0.9]) { Double($0) / 3600 }
        return (counted.count, quantiles[0], quantiles[1], mean, share)
    }
}

/// The delays of a set of requests: the non-negative ones (in no particular order), how many
/// were negative, and the requests without the event that are neither cancelled nor done.
struct DelaySample {
    var counted: [Int]
    var excluded: Int
    var unanswered: Int
    /// Unanswered requests received strictly more than the target before the as-of instant.
    var unansweredPastTarget: Int
    /// Working seconds of the counted delays (same requests, any order).
    var working: [Int]
    /// Unanswered requests past the working-time target at the as-of instant.
    var workingPastTarget: Int

    init(seconds: [Int], unanswered: Int = 0, unansweredPastTarget: Int = 0, working: [Int] = [],
         workingPastTarget: Int = 0) {
        counted = seconds.filter { $0 >= 0 }
        excluded = seconds.count - counted.count
        self.unanswered = unanswered
        self.unansweredPastTarget = unansweredPastTarget
        self.working = working
        self.workingPastTarget = workingPastTarget
    }

    /// The samples of several months as one.
    init(merging parts: [DelaySample]) {
        counted = parts.flatMap(\.counted)
        excluded = parts.reduce(0) { $0 + $1.excluded }
        unanswered = parts.reduce(0) { $0 + $1.unanswered }
        unansweredPastTarget = parts.reduce(0) { $0 + $1.unansweredPastTarget }
        working = parts.flatMap(\.working)
        workingPastTarget = parts.reduce(0) { $0 + $1.workingPastTarget }
    }
}
