import Foundation
import GRDB

/// Computes the indicators of SPEC §3 from the database. The definitions live in
/// `IndicatorDefinitions`; this type runs them over a period and assembles the report.
public struct IndicatorEngine {
    public let store: Store
    public let settings: Settings

    public init(store: Store, settings: Settings) {
        self.store = store
        self.settings = settings
    }

    /// Indicators for each month from `from` through `to` and for the whole period.
    /// A period without data gives zeros and nulls. `association` (matched case- and
    /// accent-insensitively against the stored names) restricts the figures to one partner.
    public func compute(from: Month, to: Month, association: String? = nil) throws -> IndicatorReport {
        guard from <= to else {
            throw UserError("the period starts (\(from)) after it ends (\(to)); give --from before --to")
        }
        do {
            let assoc = try association.map { name in
                try store.dbQueue.read { try Self.resolveAssociation(name, settings: settings, db: $0) }
            }
            let period = Period(from: from, to: to, association: assoc, settings: settings)
            // Two independent halves of the work, on two connections when the file allows it.
            let (a, b) = try store.readInParallel(
                { db in try period.requestsVolunteersLoadHours(db) },
                { db in try period.residentsAndDelays(db) })
            var months = a.months
            var total = a.total
            for i in months.indices {
                months[i].residents.new = b.months[i].residents.new
                months[i].delays = b.months[i].delays
            }
            total.residents = b.total.residents
            total.delays = b.total.delays
            return IndicatorReport(
                timezone: settings.timezone, from: from, to: to, association: assoc, domainCodes: a.domainCodes,
                months: zip(period.months, months).map { MonthIndicators(month: $0, indicators: $1) },
                total: total)
        } catch let error as DatabaseError {
            throw InternalError("computing the indicators failed: \(error.message ?? "\(error)")")
        }
    }

    /// `YYYY-MM-01`, the first local day of a month.
    static func firstDay(_ month: Month) -> String { month.description + "-01" }

    /// The stored spelling of an association name given on the command line
    /// (case, accents and punctuation ignored). An unknown name is a user error listing the known ones.
    static func resolveAssociation(_ name: String, settings: Settings, db: Database) throws -> String {
        let stored = try String.fetchAll(db, sql: """
            SELECT association FROM (SELECT DISTINCT association FROM requests
                                     UNION SELECT DISTINCT association FROM volunteers)
            WHERE association IS NOT NULL ORDER BY association
            """)
        let key = TextKey.normalize(name)
        if let match = stored.first(where: { $0 == name }) ?? stored.first(where: { TextKey.normalize($0) == key }) {
            return match
        }
        if let configured = settings.associations.first(where: { TextKey.normalize($0) == key }) {
            return configured  // configured but without data yet: zeros
        }
        let known = Array(Set(stored + settings.associations)).sorted()
        throw UserError("no association named \"\(name)\" in the data or the settings"
            + (known.isEmpty ? "" : "; known: " + known.map { "\"\($0)\"" }.joined(separator: ", ")))
    }
}

/// The result of one half of the work.
struct Partial: Sendable {
    var months: [PeriodIndicators]
    var total: PeriodIndicators
    var domainCodes: [String] = []
}

/// One indicator period: its months, the association filter and the settings, with the two
/// halves of the computation. Each reads the rows `IndicatorDefinitions` describes.
struct Period: Sendable {
    let from: Month
    let to: Month
    let association: String?
    let settings: Settings
    let months: [Month]

    init(from: Month, to: Month, association: String?, settings: Settings) {
        self.from = from
        self.to = to
        self.association = association
        self.settings = settings
        self.months = Month.range(from, to)
    }

    var arguments: StatementArguments {
        ["from": from.description, "to": to.description, "association": association]
    }

    func index(_ month: String) -> Int? {
        guard let m = Month(month), m >= from, m <= to else { return nil }
        return from.distance(to: m)
    }

    func index(monthNumber n: Int) -> Int? {
        let i = n - (from.year * 12 + from.month)
        return i >= 0 && i < months.count ? i : nil
    }

    /// Volunteers (registered, new, left), requests, residents helped per month, load, hours.
    func requestsVolunteersLoadHours(_ db: Database) throws -> Partial {
        var perMonth = Array(repeating: PeriodIndicators(), count: months.count)
        var total = PeriodIndicators()

        // Volunteers, period by period (the table is small).
        func volunteers(_ start: Month, _ endExclusive: Month) throws -> VolunteerIndicators {
            let args: StatementArguments = ["start": IndicatorEngine.firstDay(start),
                                            "end": IndicatorEngine.firstDay(endExclusive), "association": association]
            let row = try Row.fetchOne(db, sql: IndicatorDefinitions.volunteers, arguments: args)!
            var v = VolunteerIndicators()
            (v.registered, v.new, v.left) = (row[0], row[1], row[2])
            return v
        }
        for (i, month) in months.enumerated() { perMonth[i].volunteers = try volunteers(month, month.adding(1)) }
        total.volunteers = try volunteers(from, to.adding(1))

        // Requests by status and domain, residents helped per month.
        var domainCodes = settings.domainCodes
        var args = arguments
        for (k, code) in domainCodes.enumerated() { args += ["domain\(k)": code] }
        for i in perMonth.indices { for code in domainCodes { perMonth[i].requests.byDomain[code] = 0 } }
        for code in domainCodes { total.requests.byDomain[code] = 0 }
        let statuses = RequestStatus.allCases
        var unconfigured = 0
        for row in try Row.fetchAll(db, sql: IndicatorDefinitions.requestsByMonth(domainCount: domainCodes.count),
                                    arguments: args) {
            guard let i = index(row[0] as String) else { continue }
            var r = RequestIndicators()
            r.received = row[1]
            for (k, status) in statuses.enumerated() { r.byStatus[status] = row[2 + k] }
            for (k, code) in domainCodes.enumerated() { r.byDomain[code] = row[2 + statuses.count + k] }
            unconfigured += row[2 + statuses.count + domainCodes.count] as Int
            perMonth[i].requests = r
            perMonth[i].residents.helped = row[3 + statuses.count + domainCodes.count]
        }
        if unconfigured > 0 {  // codes no longer configured are still shown, after the configured ones
            let sql = IndicatorDefinitions.unconfiguredDomains(domainCount: domainCodes.count)
            for row in try Row.fetchAll(db, sql: sql, arguments: args) {
                guard let i = index(row[0] as String) else { continue }
                let code: String = row[1]
                if !domainCodes.contains(code) {
                    domainCodes.append(code)
                    for j in perMonth.indices { perMonth[j].requests.byDomain[code] = 0 }
                }
                perMonth[i].requests.byDomain[code] = row[2]
            }
        }
        for p in perMonth {
            total.requests.received += p.requests.received
            for (status, n) in p.requests.byStatus { total.requests.byStatus[status, default: 0] += n }
            for (code, n) in p.requests.byDomain { total.requests.byDomain[code, default: 0] += n }
        }

        // Load and active volunteers.
        var countsByMonth = Array(repeating: [Int](), count: months.count)
        var countsOverPeriod: [String: Int] = [:]
        let loadRows = try Row.fetchCursor(db, sql: IndicatorDefinitions.assignmentsPerVolunteer, arguments: arguments)
        while let row = try loadRows.next() {
            guard let i = index(row[0] as String) else { continue }
            let n: Int = row[2]
            countsByMonth[i].append(n)
            countsOverPeriod[row[1] as String, default: 0] += n
        }
        for i in months.indices {
            (perMonth[i].volunteers.active, perMonth[i].load) = IndicatorDefinitions.load(
                assignmentsPerVolunteer: countsByMonth[i], monthlyThreshold: settings.overloadThreshold, months: 1)
        }
        (total.volunteers.active, total.load) = IndicatorDefinitions.load(
            assignmentsPerVolunteer: Array(countsOverPeriod.values),
            monthlyThreshold: settings.overloadThreshold, months: months.count)

        // Hours and valuation.
        for row in try Row.fetchAll(db, sql: IndicatorDefinitions.hoursByMonth, arguments: arguments) {
            guard let i = index(row[0] as String) else { continue }
            perMonth[i].hours.total = row[1]
            total.hours.total += perMonth[i].hours.total
        }
        for i in months.indices {
            perMonth[i].hours.valuationEUR = IndicatorDefinitions.valuation(
                hours: perMonth[i].hours.total, hourlyRate: settings.hourlyRateEUR)
        }
        total.hours.valuationEUR = IndicatorDefinitions.valuation(
            hours: total.hours.total, hourlyRate: settings.hourlyRateEUR)

        return Partial(months: perMonth, total: total, domainCodes: domainCodes)
    }

    /// New residents per month, residents helped over the whole period, delays.
    func residentsAndDelays(_ db: Database) throws -> Partial {
        var perMonth = Array(repeating: PeriodIndicators(), count: months.count)
        var total = PeriodIndicators()

        for row in try Row.fetchAll(db, sql: IndicatorDefinitions.residentsByFirstMonth, arguments: arguments) {
            total.residents.helped += row[2] as Int
            guard let i = index(row[0] as String) else { continue }
            perMonth[i].residents.new = row[1]
            total.residents.new += perMonth[i].residents.new
        }

        var matchSeconds = Array(repeating: [Int](), count: months.count)
        var contactSeconds = Array(repeating: [Int](), count: months.count)
        let rows = try Row.fetchCursor(db, sql: IndicatorDefinitions.requestDelays, arguments: arguments)
        while let row = try rows.next() {
            guard let i = index(monthNumber: row[0]) else { continue }
            if let s = row[1] as Int? { matchSeconds[i].append(s) }
            if let s = row[2] as Int? { contactSeconds[i].append(s) }
        }
        for i in months.indices {
            perMonth[i].delays.match = IndicatorDefinitions.delayStatistics(seconds: matchSeconds[i])
            perMonth[i].delays.contact = IndicatorDefinitions.delayStatistics(seconds: contactSeconds[i])
        }
        total.delays.match = IndicatorDefinitions.delayStatistics(seconds: matchSeconds.flatMap { $0 })
        total.delays.contact = IndicatorDefinitions.delayStatistics(seconds: contactSeconds.flatMap { $0 })
        return Partial(months: perMonth, total: total)
    }
}
