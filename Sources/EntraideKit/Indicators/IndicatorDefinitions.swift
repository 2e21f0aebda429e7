import Foundation

/// What each indicator means, in one place (docs/INDICATORS.md).
///
/// A period is one or more whole calendar months in the network's time zone. Timestamps are
/// stored in local time with their offset, so an event's local month is the first seven
/// characters of its timestamp (the importer also stores it as `received_month`,
/// `matched_month`, `done_month`); "an event falls in P" is "its month is between the first and
/// the last month of P".
/// Dates (`joined_on`, `left_on`) are local dates. Delays are real elapsed time: every
/// timestamp is read with its own UTC offset, so a delay across a daylight-saving change is
/// one hour shorter or longer than the wall clocks say.
///
/// With an association, requests are those it handled, assignments those of its requests
/// (whoever the volunteer comes through), and volunteers (registered, new, left) those coming
/// through it.
///
/// The rows come from `IndicatorFacts` (each table read once, decoded); each function below
/// computes one family for the months of a period and for the whole period.
struct IndicatorDefinitions {
    let facts: IndicatorFacts
    /// First and last month of the period, as month numbers.
    let first: Int32
    let last: Int32
    /// Index in `facts.associations` to restrict to; nil for the whole network.
    let association: Int32?
    let settings: Settings

    var monthCount: Int { Int(last - first) + 1 }
    var monthNumbers: ClosedRange<Int32> { first...last }

    /// Index of month `m` in the period, nil outside it.
    @inline(__always) func index(_ m: Int32) -> Int? {
        m >= first && m <= last ? Int(m - first) : nil
    }

    @inline(__always) func includes(_ r: IndicatorFacts.Request) -> Bool {
        association == nil || r.association == association!
    }

    /// An assignment belongs to the association when its request does.
    @inline(__always) func includes(_ a: IndicatorFacts.Assignment) -> Bool {
        guard let association else { return true }
        return a.request >= 0 && facts.requests[Int(a.request)].association == association
    }

    // MARK: Volunteers

    /// For a period starting on day `start` and ending before day `end`:
    /// - `volunteers.registered`: joined before the end and not left before the start.
    ///   A volunteer whose `left_on` is before `joined_on` is inconsistent (warned at import) and not counted;
    /// - `volunteers.new`: `joined_on` in the period;
    /// - `volunteers.left`: `left_on` in the period.
    func volunteers(start: Int32, end: Int32) -> VolunteerIndicators {
        var v = VolunteerIndicators()
        for volunteer in facts.volunteers where association == nil || volunteer.association == association! {
            let joined = volunteer.joined
            if joined < end, volunteer.left.map({ $0 >= start && $0 >= joined }) ?? true { v.registered += 1 }
            if joined >= start && joined < end { v.new += 1 }
            if let left = volunteer.left, left >= start && left < end { v.left += 1 }
        }
        return v
    }

    /// First day of month number `m`, as a day number.
    static func firstDay(_ m: Int32) -> Int32 {
        Int32(daysFromCivil(Int(m) / 12, Int(m) % 12 + 1, 1))
    }

    // MARK: Requests

    /// Requests whose `received_at` is in the month:
    /// - `requests.received`: how many;
    /// - `requests.<status>`: of those, how many have each status;
    /// - `requests.by_domain.<code>`: of those, how many per domain code
    ///   (counted per index of `facts.domains`; `domainCounts` names them).
    func requests() -> [(received: Int, byStatus: [Int], byDomain: [Int])] {
        monthNumbers.map { m in
            var received = 0
            var byStatus = [Int](repeating: 0, count: RequestStatus.allCases.count)
            var byDomain = [Int](repeating: 0, count: facts.domains.count)
            for i in facts.requestsByMonth.rows(m) {
                let r = facts.requests[Int(i)]
                guard includes(r) else { continue }
                received += 1
                byStatus[Int(r.status)] += 1
                byDomain[Int(r.domain)] += 1
            }
            return (received, byStatus, byDomain)
        }
    }

    // MARK: Residents

    /// - `residents.reached`: distinct resident ids among the requests received in the month,
    ///   and among those received in the whole period (distinct counts do not add up over
    ///   months); a request without a resident identity is not counted;
    /// - `residents.helped`: the same among the requests whose status is `done`;
    /// - `residents.new`: residents whose first request ever (in all the data, or all the
    ///   association's requests) is received in the month.
    func residents() -> (months: [ResidentIndicators], total: ResidentIndicators) {
        var months = [ResidentIndicators](repeating: ResidentIndicators(), count: monthCount)
        var total = ResidentIndicators()
        let done = UInt8(RequestStatus.allCases.firstIndex(of: .done)!)
        // Per resident, the last month counted (reached, helped) and whether counted in the period.
        var reachedInMonth = [Int32](repeating: IndicatorFacts.noMonth, count: facts.residentCount)
        var helpedInMonth = [Int32](repeating: IndicatorFacts.noMonth, count: facts.residentCount)
        var inPeriod = [UInt8](repeating: 0, count: facts.residentCount)  // bit 0: reached, bit 1: helped
        for m in monthNumbers {
            let k = Int(m - first)
            for i in facts.requestsByMonth.rows(m) {
                let r = facts.requests[Int(i)]
                guard r.resident >= 0, includes(r) else { continue }
                let id = Int(r.resident)
                if reachedInMonth[id] != m {
                    reachedInMonth[id] = m
                    months[k].reached += 1
                }
                if inPeriod[id] & 1 == 0 {
                    inPeriod[id] |= 1
                    total.reached += 1
                }
                guard r.status == done else { continue }
                if helpedInMonth[id] != m {
                    helpedInMonth[id] = m
                    months[k].helped += 1
                }
                if inPeriod[id] & 2 == 0 {
                    inPeriod[id] |= 2
                    total.helped += 1
                }
            }
        }
        var firstMonth = [Int32](repeating: Int32.max, count: facts.residentCount)
        for r in facts.requests where r.resident >= 0 && includes(r) {
            firstMonth[Int(r.resident)] = min(firstMonth[Int(r.resident)], r.month)
        }
        for m in firstMonth {
            guard let i = index(m) else { continue }
            months[i].new += 1
            total.new += 1
        }
        return (months, total)
    }

    // MARK: Delays

    /// `delays.match` and `delays.contact`: the delays of the requests received in each month
    /// (`ResponseDelay` defines them and their statistics), with the unanswered requests: those
    /// neither cancelled nor done without the event, and among them the ones received strictly
    /// more than the target before the as-of instant.
    /// Each counted delay is also measured in working hours (`WorkingTime`): the working-time
    /// block covers the same requests, and an unanswered request is past the working target when
    /// the working hours from its call to the as-of instant exceed it.
    func delaySamples() -> (match: [DelaySample], contact: [DelaySample]) {
        var match: [DelaySample] = [], contact: [DelaySample] = []
        let cancelled = UInt8(RequestStatus.allCases.firstIndex(of: .cancelled)!)
        let done = UInt8(RequestStatus.allCases.firstIndex(of: .done)!)
        let noTime = IndicatorFacts.noTime
        let target = Int64(settings.responseTargetHours) * 3600
        let workingTarget = Int64(settings.calendar.targetHours) * 3600
        let asOf = facts.asOf
        // Received before this instant: past the target at the as-of instant.
        let pastTargetBefore = asOf.map { $0 - target } ?? Int64.min
        // The span the working-time indexes cover: the period's calls to their latest event.
        var earliest = Int64.max, latest = asOf ?? Int64.min
        for m in monthNumbers {
            for i in facts.requestsByMonth.rows(m) {
                let r = facts.requests[Int(i)]
                guard includes(r) else { continue }
                earliest = min(earliest, r.received)
                latest = max(latest, r.received)
                if r.matchDelay != noTime { latest = max(latest, r.received + r.matchDelay) }
                if r.contactDelay != noTime { latest = max(latest, r.received + r.contactDelay) }
            }
        }
        let working = earliest == Int64.max ? nil
            : WorkingTime(settings: settings, associations: facts.associations, from: earliest, to: latest)
        /// One delay block's requests of a month, as they are collected.
        struct Tally {
            var seconds: [Int] = [], working: [Int] = []
            var unanswered = 0, pastTarget = 0, workingPastTarget = 0
            var sample: DelaySample {
                DelaySample(seconds: seconds, unanswered: unanswered, unansweredPastTarget: pastTarget,
                            working: working, workingPastTarget: workingPastTarget)
            }
        }
        for m in monthNumbers {
            var matchTally = Tally(), contactTally = Tally()
            for i in facts.requestsByMonth.rows(m) {
                let r = facts.requests[Int(i)]
                guard includes(r), let working else { continue }
                let open = r.status != cancelled && r.status != done
                let past = r.received < pastTargetBefore
                // Working hours from the call to the as-of instant, computed only when needed.
                var sinceCall: Int64? = nil
                func workingPast() -> Bool {
                    guard let asOf else { return false }
                    if sinceCall == nil { sinceCall = working.seconds(from: r.received, to: asOf, association: r.association) }
                    return sinceCall! > workingTarget
                }
                // The request's delay to the event (`noTime`: none), counted in `tally`.
                func count(_ delay: Int64, in tally: inout Tally) {
                    if delay != noTime {
                        tally.seconds.append(Int(delay))
                        if delay >= 0 {
                            tally.working.append(Int(working.seconds(from: r.received, to: r.received + delay,
                                                                     association: r.association)))
                        }
                    } else if open {
                        tally.unanswered += 1
                        if past { tally.pastTarget += 1 }
                        if workingPast() { tally.workingPastTarget += 1 }
                    }
                }
                count(r.matchDelay, in: &matchTally)
                count(r.contactDelay, in: &contactTally)
            }
            match.append(matchTally.sample)
            contact.append(contactTally.sample)
        }
        return (match, contact)
    }

    // MARK: Load

    /// `load.assignments`, `volunteers.active` and the load per volunteer: the assignments whose
    /// `matched_at` is in the month (or the period), counted per volunteer.
    func assignmentsPerVolunteer() -> (months: [[Int]], total: [Int]) {
        var months = [[Int]](repeating: [], count: monthCount)
        var inMonth = [Int](repeating: 0, count: facts.volunteerCount)
        var inPeriod = [Int](repeating: 0, count: facts.volunteerCount)
        var activeInPeriod: [Int32] = []
        for m in monthNumbers {
            var active: [Int32] = []
            for j in facts.assignmentsByMatchedMonth.rows(m) {
                let a = facts.assignments[Int(j)]
                guard includes(a) else { continue }
                let v = Int(a.volunteer)
                if inMonth[v] == 0 { active.append(a.volunteer) }
                if inPeriod[v] == 0 { activeInPeriod.append(a.volunteer) }
                inMonth[v] += 1
                inPeriod[v] += 1
            }
            months[Int(m - first)] = active.map { inMonth[Int($0)] }
            for v in active { inMonth[Int(v)] = 0 }
        }
        return (months, activeInPeriod.map { inPeriod[Int($0)] })
    }

    /// Finishes the load block from the number of assignments of each active volunteer in a period.
    /// - `volunteers.active`: volunteers with at least one assignment matched in the period.
    /// - `load.per_active_volunteer`: mean, median (`PERCENTILE.INC` at 0.5) and max of those numbers.
    /// - `load.over_threshold`: active volunteers with more than `threshold` assignments, where
    ///   the threshold is the monthly setting × the number of months in the period.
    static func load(assignmentsPerVolunteer counts: [Int], monthlyThreshold: Int, months: Int)
        -> (active: Int, load: LoadIndicators)
    {
        var load = LoadIndicators()
        load.threshold = monthlyThreshold * months
        load.assignments = counts.reduce(0, +)
        load.overThreshold = counts.filter { $0 > load.threshold }.count
        if !counts.isEmpty {
            let sorted = counts.sorted().map(Double.init)
            load.perActiveVolunteerMean = Double(load.assignments) / Double(counts.count)
            load.perActiveVolunteerMedian = Statistics.percentileInc(sorted: sorted, 0.5)
            load.perActiveVolunteerMax = counts.max()
        }
        return (counts.count, load)
    }

    // MARK: Hours

    /// `hours.total`: sum of `hours` of the assignments whose `done_at` is in the month
    /// (an assignment without hours adds nothing, and is counted in `assignmentsWithoutHours`);
    /// `hours.valuation_eur`: each of those assignments' hours × the rate in force on the local
    /// day of its `done_at` for its request's domain (`HourlyRateSchedule`), summed; null without
    /// a configured rate. Over the period, the sums of the months.
    func hoursByMonth() -> [HoursIndicators] {
        let rates = settings.valuationRates
        let schedule = HourlyRateSchedule(settings: settings, domains: facts.domains)
        var months = [HoursIndicators](repeating: HoursIndicators(), count: monthCount)
        // Hours per month and rate, flattened: month k, rate r at k × rates.count + r.
        var hoursByRate = [Double](repeating: 0, count: monthCount * rates.count)
        // The rate of each domain (the last slot: no known request) and month when it does not
        // change within the month, else −1 (then a binary search on the assignment's day).
        let slots = facts.domains.count + 1
        var constant = [Int32](repeating: -1, count: slots * monthCount)
        if let schedule {
            for d in 0..<slots {
                let domain = d == slots - 1 ? IndicatorFacts.noDomain : UInt16(d)
                for (k, m) in monthNumbers.enumerated() {
                    let r = schedule.constantRate(domain: domain, from: Self.firstDay(m), through: Self.firstDay(m + 1) - 1)
                    constant[d * monthCount + k] = r.map(Int32.init) ?? -1
                }
            }
        }
        for a in facts.assignments {
            guard let i = index(a.doneMonth), includes(a) else { continue }
            months[i].assignmentsDone += 1
            guard a.hasHours else {
                months[i].assignmentsWithoutHours += 1
                continue
            }
            months[i].total += a.hours
            guard let schedule else { continue }
            let d = a.domain == IndicatorFacts.noDomain ? slots - 1 : min(Int(a.domain), slots - 1)
            var r = Int(constant[d * monthCount + i])
            if r < 0 { r = schedule.rate(domain: a.domain, day: a.doneDay) }
            hoursByRate[i * rates.count + r] += a.hours
        }
        guard schedule != nil else { return months }
        for i in months.indices {
            months[i].byRate = rates.indices.compactMap { r in
                let h = hoursByRate[i * rates.count + r]
                return h > 0 ? RatedHours(index: r, rate: rates[r], hours: h, valuationEUR: h * rates[r].eur) : nil
            }
            months[i].valuationEUR = months[i].byRate.reduce(0) { $0 + $1.valuationEUR }
        }
        return months
    }

    /// The period's hours from its months': sums, and the hours per rate merged.
    static func hoursTotal(_ months: [HoursIndicators], valued: Bool) -> HoursIndicators {
        var total = HoursIndicators()
        var byRate: [Int: RatedHours] = [:]
        for m in months {
            total.total += m.total
            total.assignmentsDone += m.assignmentsDone
            total.assignmentsWithoutHours += m.assignmentsWithoutHours
            for r in m.byRate {
                byRate[r.index, default: RatedHours(index: r.index, rate: r.rate, hours: 0, valuationEUR: 0)].hours += r.hours
                byRate[r.index]!.valuationEUR += r.valuationEUR
            }
        }
        total.byRate = byRate.values.sorted { $0.index < $1.index }
        if valued { total.valuationEUR = months.reduce(0) { $0 + ($1.valuationEUR ?? 0) } }
        return total
    }
}

/// Descriptive statistics shared by the indicators and the reports.
public enum Statistics {
    /// The `p`-quantile of sorted values, interpolating linearly between closest ranks
    /// (Excel's `PERCENTILE.INC`, numpy's default): rank h = (n − 1) p, value
    /// x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]). Nil for no values.
    public static func percentileInc(sorted values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let h = Double(values.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, values.count - 1)
        let fraction = h - Double(lo)
        if fraction == 0 || lo == hi { return values[lo] }
        return values[lo] + fraction * (values[hi] - values[lo])
    }

    /// `percentileInc` at each of `ps` (increasing) without sorting: each needed rank is found by
    /// selection (quickselect), which reorders `values`. Linear time, where a sort of the million
    /// delays of a two-year period took a tenth of a second.
    /// Values are interpolated after `transform` (seconds to hours), as on a sheet of hours.
    static func percentilesInc(of values: inout [Int], _ ps: [Double],
                               transform: (Int) -> Double = { Double($0) }) -> [Double?] {
        precondition(zip(ps, ps.dropFirst()).allSatisfy { $0 <= $1 }, "percentiles must be given in increasing order")
        let n = values.count
        guard n > 0 else { return ps.map { _ in nil } }
        var settled = 0  // values[..<settled] hold the smallest values, in order up to a selected rank
        return values.withUnsafeMutableBufferPointer { a in
            // Value at rank k (0-based) of the sorted order.
            func rank(_ k: Int) -> Int {
                if k >= settled {
                    select(a, k, from: settled)
                    settled = k
                }
                return a[k]
            }
            // Next rank: the smallest value after rank k, once k is selected.
            func next(_ k: Int) -> Int {
                var m = a[k + 1]
                for i in (k + 2)..<n where a[i] < m { m = a[i] }
                return m
            }
            return ps.map { p in
                let h = Double(n - 1) * p
                let lo = Int(h.rounded(.down))
                let fraction = h - Double(lo)
                let x = transform(rank(lo))
                if fraction == 0 || lo + 1 >= n { return x }
                return x + fraction * (transform(next(lo)) - x)
            }
        }
    }

    /// Hoare's selection: reorders `a[from...]` so that `a[k]` is the value a sort would put
    /// there, with no greater value before it and no smaller value after it.
    private static func select(_ a: UnsafeMutableBufferPointer<Int>, _ k: Int, from: Int) {
        var lo = from, hi = a.count - 1
        while lo < hi {
            let x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi]
            let pivot = max(min(x, y), min(max(x, y), z))  // median of three
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }
}
