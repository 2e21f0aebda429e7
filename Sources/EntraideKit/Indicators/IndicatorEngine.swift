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
        let months = Month.range(from, to)
        let index = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($0.element.description, $0.offset) })
        var perMonth = Array(repeating: PeriodIndicators(), count: months.count)
        var total = PeriodIndicators()

        do {
            return try store.dbQueue.read { db in
                let assoc = try association.map { try Self.resolveAssociation($0, settings: settings, db: db) }
                let range: StatementArguments = ["from": from.description, "to": to.description, "association": assoc]

                // Volunteers: registered, new, left (per period; the table is small).
                func volunteerCounts(_ start: Month, _ endExclusive: Month) throws -> (Int, Int, Int) {
                    let args: StatementArguments = ["start": Self.firstDay(start), "end": Self.firstDay(endExclusive),
                                                    "association": assoc]
                    let row = try Row.fetchOne(db, sql: IndicatorDefinitions.volunteers, arguments: args)!
                    return (row[0], row[1], row[2])
                }
                for (i, month) in months.enumerated() {
                    let (registered, new, left) = try volunteerCounts(month, month.adding(1))
                    perMonth[i].volunteers.registered = registered
                    perMonth[i].volunteers.new = new
                    perMonth[i].volunteers.left = left
                }
                let (registered, new, left) = try volunteerCounts(from, to.adding(1))
                total.volunteers.registered = registered
                total.volunteers.new = new
                total.volunteers.left = left

                // Requests by status and domain.
                var domainCodes = settings.domainCodes
                for i in perMonth.indices { for code in domainCodes { perMonth[i].requests.byDomain[code] = 0 } }
                for code in domainCodes { total.requests.byDomain[code] = 0 }
                let requestRows = try Row.fetchCursor(db, sql: IndicatorDefinitions.requestsByMonthStatusDomain,
                                                      arguments: range)
                while let row = try requestRows.next() {
                    guard let i = index[row[0] as String], let status = RequestStatus(rawValue: row[1]) else { continue }
                    let domain: String = row[2]
                    let n: Int = row[3]
                    if !domainCodes.contains(domain) {  // a code no longer configured: still shown
                        domainCodes.append(domain)
                        for j in perMonth.indices { perMonth[j].requests.byDomain[domain] = 0 }
                        total.requests.byDomain[domain] = 0
                    }
                    for target in [i, -1] {
                        func add(_ p: inout PeriodIndicators) {
                            p.requests.received += n
                            p.requests.byStatus[status, default: 0] += n
                            p.requests.byDomain[domain, default: 0] += n
                        }
                        if target >= 0 { add(&perMonth[target]) } else { add(&total) }
                    }
                }

                // Residents helped (month by month and over the whole period) and new.
                for row in try Row.fetchAll(db, sql: IndicatorDefinitions.residentsHelped, arguments: range) {
                    let n: Int = row[1]
                    if let month: String = row[0] {
                        if let i = index[month] { perMonth[i].residents.helped = n }
                    } else {
                        total.residents.helped = n
                    }
                }
                for row in try Row.fetchAll(db, sql: IndicatorDefinitions.residentsNew, arguments: range) {
                    guard let i = index[row[0] as String] else { continue }
                    let n: Int = row[1]
                    perMonth[i].residents.new = n
                    total.residents.new += n
                }

                // Delays.
                var matchSeconds = Array(repeating: [Int](), count: months.count)
                var contactSeconds = Array(repeating: [Int](), count: months.count)
                let delayRows = try Row.fetchCursor(db, sql: IndicatorDefinitions.requestDelays, arguments: range)
                while let row = try delayRows.next() {
                    guard let i = index[row[0] as String] else { continue }
                    if let s: Int = row[1] { matchSeconds[i].append(s) }
                    if let s: Int = row[2] { contactSeconds[i].append(s) }
                }
                for i in months.indices {
                    perMonth[i].delays.match = IndicatorDefinitions.delayStatistics(seconds: matchSeconds[i])
                    perMonth[i].delays.contact = IndicatorDefinitions.delayStatistics(seconds: contactSeconds[i])
                }
                total.delays.match = IndicatorDefinitions.delayStatistics(seconds: matchSeconds.flatMap { $0 })
                total.delays.contact = IndicatorDefinitions.delayStatistics(seconds: contactSeconds.flatMap { $0 })

                // Load and active volunteers.
                var countsByMonth = Array(repeating: [Int](), count: months.count)
                var countsOverPeriod: [String: Int] = [:]
                let loadRows = try Row.fetchCursor(db, sql: IndicatorDefinitions.assignmentsPerVolunteer, arguments: range)
                while let row = try loadRows.next() {
                    guard let i = index[row[0] as String] else { continue }
                    let n: Int = row[2]
                    countsByMonth[i].append(n)
                    countsOverPeriod[row[1] as String, default: 0] += n
                }
                for i in months.indices {
                    let (active, load) = IndicatorDefinitions.load(
                        assignmentsPerVolunteer: countsByMonth[i], monthlyThreshold: settings.overloadThreshold, months: 1)
                    perMonth[i].volunteers.active = active
                    perMonth[i].load = load
                }
                let (active, load) = IndicatorDefinitions.load(
                    assignmentsPerVolunteer: Array(countsOverPeriod.values),
                    monthlyThreshold: settings.overloadThreshold, months: months.count)
                total.volunteers.active = active
                total.load = load

                // Hours and valuation.
                for row in try Row.fetchAll(db, sql: IndicatorDefinitions.hoursByMonth, arguments: range) {
                    guard let i = index[row[0] as String] else { continue }
                    let h: Double = row[1]
                    perMonth[i].hours.total = h
                    total.hours.total += h
                }
                for i in months.indices {
                    perMonth[i].hours.valuationEUR = IndicatorDefinitions.valuation(
                        hours: perMonth[i].hours.total, hourlyRate: settings.hourlyRateEUR)
                }
                total.hours.valuationEUR = IndicatorDefinitions.valuation(
                    hours: total.hours.total, hourlyRate: settings.hourlyRateEUR)

                return IndicatorReport(
                    timezone: settings.timezone, from: from, to: to, association: assoc, domainCodes: domainCodes,
                    months: zip(months, perMonth).map { MonthIndicators(month: $0, indicators: $1) },
                    total: total)
            }
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
