import Foundation
import GRDB

/// Computes the indicators of docs/INDICATORS.md. The definitions live in `IndicatorDefinitions`; this
/// type reads the data once (`IndicatorFacts`), runs them over a period and assembles the report.
/// One engine reads the database at most once, however many periods it computes.
public struct IndicatorEngine {
    public let settings: Settings
    private let source: FactsSource

    public init(store: Store, settings: Settings) {
        self.settings = settings
        self.source = FactsSource(store: store)
    }

    public init(facts: IndicatorFacts, settings: Settings) {
        self.settings = settings
        self.source = FactsSource(facts: facts)
    }

    /// The decoded data, read on first use.
    public func facts() throws -> IndicatorFacts { try source.get() }

    /// Indicators for each month from `from` through `to` and for the whole period.
    /// A period without data gives zeros and nulls. `association` (matched case- and
    /// accent-insensitively against the stored names) restricts the figures to one partner.
    public func compute(from: Month, to: Month, association: String? = nil) throws -> IndicatorReport {
        guard from <= to else {
            throw UserError(.badArgument,
                fr: "la période commence (\(from)) après sa fin (\(to)) ; donnez --from avant --to",
                en: "the period starts (\(from)) after it ends (\(to)); give --from before --to")
        }
        try Month.checkLength(from: from, to: to)
        let facts = try facts()
        let name = try association.map { try Self.resolveAssociation($0, settings: settings, stored: facts.associationNames) }
        // A configured association without data yet matches no row: zeros.
        let code = name.map { facts.associationIndex($0) ?? -2 }
        let definitions = IndicatorDefinitions(facts: facts, first: IndicatorFacts.number(from),
                                               last: IndicatorFacts.number(to), association: code, settings: settings)
        let (months, total, domainCodes) = Timing.measure("indicators: \(from)…\(to) computed in") { definitions.assemble() }
        return IndicatorReport(
            timezone: settings.timezone, from: from, to: to, association: name, domainCodes: domainCodes,
            months: zip(Month.range(from, to), months).map { MonthIndicators(month: $0, indicators: $1) },
            total: total, coverage: facts.coverage)
    }

    /// The stored spelling of an association name given on the command line
    /// (case, accents and punctuation ignored). An unknown name is a user error listing the known ones.
    static func resolveAssociation(_ name: String, settings: Settings, stored: [String]) throws -> String {
        let key = TextKey.normalize(name)
        if let match = stored.first(where: { $0.utf8.elementsEqual(name.utf8) })
            ?? stored.first(where: { TextKey.normalize($0) == key }) {
            return match
        }
        if let configured = settings.associations.first(where: { TextKey.normalize($0) == key }) {
            return configured  // configured but without data yet: zeros
        }
        let known = Array(Set(stored + settings.associations)).sorted()
        let list = known.map { "\"\($0)\"" }.joined(separator: ", ")
        let listFR = known.map { "« \($0) »" }.joined(separator: ", ")
        throw UserError(.notFound,
            fr: "aucune association nommée « \(name) » dans les données ni dans les réglages"
                + (known.isEmpty ? "" : " ; associations connues : " + listFR),
            en: "no association named \"\(name)\" in the data or the settings" + (known.isEmpty ? "" : "; known: " + list))
    }
}

/// Holds the facts an engine has read, so that several periods share one read.
private final class FactsSource: @unchecked Sendable {
    private let store: Store?
    private var facts: IndicatorFacts?
    private let lock = NSLock()

    init(store: Store) { self.store = store }
    init(facts: IndicatorFacts) { self.store = nil; self.facts = facts }

    func get() throws -> IndicatorFacts {
        lock.lock()
        defer { lock.unlock() }
        if let facts { return facts }
        let loaded = try IndicatorFacts.load(store: store!)
        facts = loaded
        return loaded
    }
}

extension IndicatorDefinitions {
    /// Every family over the months of the period and over the whole period.
    func assemble() -> (months: [PeriodIndicators], total: PeriodIndicators, domainCodes: [String]) {
        var months = [PeriodIndicators](repeating: PeriodIndicators(), count: monthCount)
        var total = PeriodIndicators()

        for (i, m) in monthNumbers.enumerated() {
            months[i].volunteers = volunteers(start: Self.firstDay(m), end: Self.firstDay(m + 1))
        }
        total.volunteers = volunteers(start: Self.firstDay(first), end: Self.firstDay(last + 1))

        // Requests: configured domains first (zeros included), then codes no longer configured
        // found in the period, in order of first appearance.
        let counts = Timing.measure("  requests") { requests() }
        var domainCodes = settings.domainCodes
        let configured = Set(domainCodes)
        var columns = domainCodes.map { facts.domains.firstIndex(of: $0) }
        let others = facts.domains.indices.filter { !configured.contains(facts.domains[$0]) }
            .compactMap { d in counts.firstIndex { $0.byDomain[d] > 0 }.map { (month: $0, code: facts.domains[d], d: d) } }
            .sorted { ($0.month, $0.code) < ($1.month, $1.code) }
        domainCodes += others.map(\.code)
        columns += others.map { Optional($0.d) }
        for code in domainCodes { total.requests.byDomain[code] = 0 }
        for (i, c) in counts.enumerated() {
            var r = RequestIndicators()
            r.received = c.received
            for (k, status) in RequestStatus.allCases.enumerated() { r.byStatus[status] = c.byStatus[k] }
            for (code, column) in zip(domainCodes, columns) { r.byDomain[code] = column.map { c.byDomain[$0] } ?? 0 }
            months[i].requests = r
            total.requests.received += r.received
            for (status, n) in r.byStatus { total.requests.byStatus[status, default: 0] += n }
            for (code, n) in r.byDomain { total.requests.byDomain[code, default: 0] += n }
        }

        let people = Timing.measure("  residents") { residents() }
        for i in months.indices { months[i].residents = people.months[i] }
        total.residents = people.total

        let coverage = facts.coverage
        for (i, m) in monthNumbers.enumerated() { months[i].data = coverage.data(IndicatorFacts.month(m)) }
        total.data = coverage.data(from: IndicatorFacts.month(first), to: IndicatorFacts.month(last))

        let samples = Timing.measure("  delays collected") { delaySamples() }
        Timing.measure("  delay statistics") {
            // Match and contact delays on the two cores.
            let target = settings.responseTargetHours, workingTarget = settings.calendar.targetHours
            @Sendable func statistics(_ perMonth: [DelaySample]) -> (months: [DelayStatistics], total: DelayStatistics) {
                (perMonth.map { ResponseDelay.statistics($0, targetHours: target, workingTargetHours: workingTarget) },
                 ResponseDelay.statistics(DelaySample(merging: perMonth), targetHours: target,
                                          workingTargetHours: workingTarget))
            }
            let (match, contact) = concurrently({ statistics(samples.match) }, { statistics(samples.contact) })
            for i in months.indices {
                months[i].delays.match = match.months[i]
                months[i].delays.contact = contact.months[i]
            }
            total.delays.match = match.total
            total.delays.contact = contact.total
        }

        let perVolunteer = Timing.measure("  load") { assignmentsPerVolunteer() }
        for i in months.indices {
            (months[i].volunteers.active, months[i].load) = Self.load(
                assignmentsPerVolunteer: perVolunteer.months[i], monthlyThreshold: settings.overloadThreshold, months: 1)
        }
        (total.volunteers.active, total.load) = Self.load(
            assignmentsPerVolunteer: perVolunteer.total, monthlyThreshold: settings.overloadThreshold,
            months: monthCount)

        let hours = Timing.measure("  hours and valuation") { hoursByMonth() }
        for i in months.indices { months[i].hours = hours[i] }
        total.hours = Self.hoursTotal(hours, valued: settings.valuesHours)
        return (months, total, domainCodes)
    }
}
