import Foundation

/// The public holidays a calendar closes on (docs/INDICATORS.md, "Working time").
///
/// - `fr`: the 11 French public holidays — 1 January, Easter Monday, 1 May, 8 May, Ascension
///   Thursday, Whit Monday, 14 July, 15 August, 1 November, 11 November and 25 December (none
///   is moved when it falls on a weekend);
/// - `fr-alsace-moselle`: those and Good Friday and 26 December;
/// - `none`.
///
/// ```swift
/// PublicHolidays.fr.days(in: 2026).contains(daysFromCivil(2026, 4, 6))   // Easter Monday: true
/// ```
public enum PublicHolidays: String, Sendable, CaseIterable {
    case fr
    case frAlsaceMoselle = "fr-alsace-moselle"
    case none

    /// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
    public static func easter(_ year: Int) -> (month: Int, day: Int) {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return (month, day)
    }

    /// The holidays of `year`, as day numbers (days since 1970-01-01).
    public func days(in year: Int) -> Set<Int> {
        guard self != .none else { return [] }
        let e = Self.easter(year)
        let easter = daysFromCivil(year, e.month, e.day)
        var days: Set<Int> = [
            daysFromCivil(year, 1, 1), easter + 1, daysFromCivil(year, 5, 1), daysFromCivil(year, 5, 8),
            easter + 39, easter + 50, daysFromCivil(year, 7, 14), daysFromCivil(year, 8, 15),
            daysFromCivil(year, 11, 1), daysFromCivil(year, 11, 11), daysFromCivil(year, 12, 25),
        ]
        if self == .frAlsaceMoselle {
            days.insert(easter - 2)
            days.insert(daysFromCivil(year, 12, 26))
        }
        return days
    }
}
