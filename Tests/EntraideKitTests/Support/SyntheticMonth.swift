import Foundation
@testable import EntraideKit

/// A monthly note's data built by hand, without a database: the month and the month before
/// set field by field, every other month of the trend empty, the coverage and the reference
/// time given. For the lead sentence's traps and the rounding of the printed figures.
struct SyntheticMonth {
    var month = Month(year: 2026, month: 10)
    var current = PeriodIndicators()
    var previous = PeriodIndicators()
    var settings = Settings()
    var waiting: [WaitingRequest] = []
    /// Two years of data up to mid-November by default: both months complete, `residents.new` unflagged.
    var coverage = DataCoverage(firstMonth: Month(year: 2024, month: 11), lastMonth: Month(year: 2026, month: 11),
                                asOf: Timestamp(iso8601: "2026-11-15T18:00:00+01:00"))
    var association: String?

    init() {
        current.data = .complete
        previous.data = .complete
        for code in settings.domainCodes {
            current.requests.byDomain[code] = 0
            previous.requests.byDomain[code] = 0
        }
    }

    var data: MonthlyReportData {
        let clock = settings.makeClock()
        var trend = (0..<10).map { i in MonthIndicators(month: month.adding(i - 11), indicators: PeriodIndicators()) }
        trend.append(MonthIndicators(month: month.adding(-1), indicators: previous))
        trend.append(MonthIndicators(month: month, indicators: current))
        return MonthlyReportData(month: month, association: association, settings: settings, trend: trend,
                                 waiting: waiting, coverage: coverage, reference: clock.start(of: month.adding(1)),
                                 domainCodes: settings.domainCodes)
    }

    func render(_ language: Language = .fr) throws -> String {
        try MonthlySummary.render(data: data, language: language).markdown
    }
}
