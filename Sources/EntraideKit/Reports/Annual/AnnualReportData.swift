import Foundation

/// One partner association's year in the network's annual report: its figures against the
/// whole network's (docs/INDICATORS.md, "The annual report").
public struct PartnerYear: Sendable {
    /// The stored name; nil for the requests that name no association.
    public var association: String?
    /// Its requests, residents, assignments and hours over the year (`AssociationBreakdown`).
    public var figures: AssociationFigures
    /// Its indicators over the year (as `--association` computes them); nil for the requests
    /// without an association, which are no partner's.
    public var indicators: PeriodIndicators?
}

/// Everything the annual report shows (docs/INDICATORS.md, "The annual report"), from one read of
/// the data: the calendar year against the previous year, month by month, per partner
/// association, and the hours' valuation. The note (`AnnualNote`) and the workbook both read it.
public struct AnnualReportData: Sendable {
    public var year: Int
    public var settings: Settings
    /// The stored association name the report is restricted to (`--association`), nil for the network.
    public var association: String?
    /// January to December of `year`, against January to December of the year before.
    public var period: PeriodReportData
    /// The year's figures per association (only the one with `--association`).
    public var associations: [AssociationFigures]
    /// The network report's partners, each against the network; empty with `--association`.
    public var partners: [PartnerYear]
    /// The whole network's year, for an association's report to set its figures against; nil
    /// for the network's own report.
    public var network: PeriodIndicators?
    /// The valuation method of the year (unit, rates, what is left out, full-time equivalent).
    public var method: ValuationMethod
    /// The board's sections (`--notes`), blanks when not given.
    public var notes: BoardNotes

    public var report: IndicatorReport { period.report }
    public var current: PeriodIndicators { period.report.total }
    public var previous: PeriodIndicators { period.previous.total }
    public var coverage: DataCoverage { period.report.coverage }
    public var first: Month { Month(year: year, month: 1) }
    public var last: Month { Month(year: year, month: 12) }

    /// How much of the year the data covers: `complete` when every month is (the as-of month
    /// is never complete: a year is complete once the data goes past its December).
    public var yearData: DataStatus { coverage.data(from: first, to: last) }

    /// The previous year may be compared with this one as a whole: the data covers this year
    /// completely, and the previous year completely from its start (`DataCoverage.isComparable`,
    /// docs/INDICATORS.md, "Data coverage and the as-of instant"). A year still running is
    /// compared month by month only (`monthComparable`).
    public var comparable: Bool {
        yearData == .complete && coverage.isComparable(from: first.adding(-12), to: last.adding(-12))
    }

    /// Month `m` of the year may be set beside the same month of the previous year: `m` has
    /// data and that month is a base for a comparison.
    public func monthComparable(_ m: Month) -> Bool {
        coverage.data(m) != .none && coverage.isComparable(from: m.adding(-12), to: m.adding(-12))
    }

    /// Loads the year: one engine, so the year, the previous year, the network and each
    /// partner's figures come from one read of the database.
    public static func load(store: Store, settings: Settings, year: Int, association: String? = nil,
                            notes: BoardNotes = BoardNotes(), engine: IndicatorEngine? = nil) throws -> AnnualReportData {
        try checkYear(year)
        let first = Month(year: year, month: 1), last = Month(year: year, month: 12)
        let engine = engine ?? IndicatorEngine(store: store, settings: settings)
        let period = try PeriodReportData.load(store: store, settings: settings, from: first, to: last,
                                               association: association, engine: engine)
        let stored = period.report.association
        let facts = try engine.facts()
        let associations = AssociationBreakdown.compute(facts: facts, from: first, to: last, only: stored)
        var partners: [PartnerYear] = []
        var network: PeriodIndicators?
        if stored == nil {
            for figures in associations {
                let indicators = try figures.association.map {
                    try engine.compute(from: first, to: last, association: $0).total
                }
                partners.append(PartnerYear(association: figures.association, figures: figures, indicators: indicators))
            }
        } else {
            network = try engine.compute(from: first, to: last).total
        }
        return AnnualReportData(year: year, settings: settings, association: stored, period: period,
                                associations: associations, partners: partners, network: network,
                                method: ValuationMethod(report: period.report, settings: settings), notes: notes)
    }

    /// Refuses a year outside `Month.supportedYears` (the years an export's dates may have).
    public static func checkYear(_ year: Int) throws {
        guard Month.supportedYears.contains(year) else {
            let first = Month.supportedYears.lowerBound, last = Month.supportedYears.upperBound
            throw UserError(.badArgument, fr: "--year \(year) : donnez une année de \(first) à \(last), par exemple 2026",
                            en: "--year \(year): give a year from \(first) to \(last), e.g. 2026")
        }
    }
}
