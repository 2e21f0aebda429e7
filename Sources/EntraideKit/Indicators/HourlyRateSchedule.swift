import Foundation

/// Which configured hourly rate values an assignment's hours (docs/INDICATORS.md, "Valuation"):
/// the rate in force on the local day of its `done_at` for its request's domain.
///
/// The rule, for a domain and a day: the domain's own rate with the latest `from` on or before
/// the day, if any; else the general rate with the latest `from` on or before the day; else
/// (before the first general `from`) the first general rate. A domain rate in force thus wins
/// over any general rate, and before its first `from` the domain is valued like the others.
///
/// The rule is evaluated once per domain and change of rate, not per assignment: each domain
/// gets the sorted days on which its rate may change and the rate from each of them, and an
/// assignment's rate is a binary search in a list of a few entries.
struct HourlyRateSchedule: Sendable {
    /// The rates, as `Settings.valuationRates` lists them; `rate(domain:day:)` returns an index in it.
    let rates: [HourlyRate]
    /// Per domain index of the facts (and one last entry for assignments without a known
    /// request, valued at the general rates): the days the rate may change, increasing.
    private var changes: [[Int32]] = []
    /// The rate index in force from `changes[d][k]` on.
    private var inForce: [[Int]] = []
    /// The rate index in force before `changes[d][0]`.
    private var before: [Int] = []

    /// Nil when no rate is configured (then nothing is valued: `hours.valuation_eur` is null).
    /// - Parameter domains: the domain codes of the facts, by index (`IndicatorFacts.domains`).
    init?(settings: Settings, domains: [String]) {
        rates = settings.valuationRates
        let general = rates.indices.filter { rates[$0].domain == nil }
        guard !general.isEmpty else { return nil }  // the settings require a general rate
        for code in domains + [nil] as [String?] {
            let own = code.map { c in rates.indices.filter { rates[$0].domain == c } } ?? []
            let days = Set((general + own).compactMap { rates[$0].from }).sorted()
            changes.append(days)
            inForce.append(days.map { Self.rule(rates, general: general, own: own, day: $0) })
            before.append(Self.rule(rates, general: general, own: own, day: Int32.min))
        }
    }

    /// The rule itself (see the type's comment), for one day.
    private static func rule(_ rates: [HourlyRate], general: [Int], own: [Int], day: Int32) -> Int {
        func latest(_ candidates: [Int]) -> Int? {
            candidates.filter { (rates[$0].from ?? Int32.min) <= day }
                .max { (rates[$0].from ?? Int32.min) < (rates[$1].from ?? Int32.min) }
        }
        if let r = latest(own) { return r }
        if let r = latest(general) { return r }
        return general.min { (rates[$0].from ?? Int32.min) < (rates[$1].from ?? Int32.min) }!
    }

    /// The rate index in force on every day from `first` through `last` for the facts' domain
    /// index `domain`, nil when the rate changes in between: most months have one rate per
    /// domain, and their assignments need no search.
    func constantRate(domain: UInt16, from first: Int32, through last: Int32) -> Int? {
        let r = rate(domain: domain, day: first)
        let d = slot(domain)
        for (k, day) in changes[d].enumerated() where day > first && day <= last && inForce[d][k] != r { return nil }
        return r
    }

    /// The entry of `changes` for a domain index (the last one for `noDomain`).
    @inline(__always) private func slot(_ domain: UInt16) -> Int {
        domain == IndicatorFacts.noDomain || Int(domain) >= changes.count - 1 ? changes.count - 1 : Int(domain)
    }

    /// Indexes in `rates` of the rates in force on some day from `first` through `last` (day
    /// numbers) for some domain, increasing: those that value hours done in that span.
    func inForce(from first: Int32, through last: Int32) -> [Int] {
        var used = Set<Int>()
        for d in changes.indices {
            used.insert(rate(domain: d == changes.count - 1 ? IndicatorFacts.noDomain : UInt16(d), day: first))
            for (k, day) in changes[d].enumerated() where day > first && day <= last { used.insert(inForce[d][k]) }
        }
        return used.sorted()
    }

    /// Index in `rates` of the rate in force on local day `day` for the facts' domain index
    /// `domain` (`IndicatorFacts.noDomain`: the general rates). A missing day (`noDay`) is
    /// before every change: the first rate.
    @inline(__always) func rate(domain: UInt16, day: Int32) -> Int {
        let d = slot(domain)
        let days = changes[d]
        // The last change on or before `day`.
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? before[d] : inForce[d][lo - 1]
    }
}
