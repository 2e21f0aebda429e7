import Foundation

/// What differs between the kinds of workbook: their title, and whether the summary sets a
/// whole period (funder, annual) or one month (monthly) against the one before.
extension WorkbookContent {
    /// The funder and the annual workbooks report a period, its months and its total, against
    /// the previous period of the same length; the monthly workbook one month against the month before.
    var coversPeriod: Bool { kind != .monthly }

    /// The calendar year of an annual workbook (January to December of one year); nil otherwise.
    var year: Int? {
        guard kind == .annual, from.year == to.year, from.month == 1, to.month == 12 else { return nil }
        return from.year
    }

    /// « Rapport aux financeurs », « Rapport mensuel », « Rapport d'activité annuel ».
    func title(_ text: WorkbookText) -> String {
        switch kind {
        case .funder: return text.funderTitle
        case .monthly: return text.monthlyTitle
        case .annual: return text.annualTitle
        }
    }
}
