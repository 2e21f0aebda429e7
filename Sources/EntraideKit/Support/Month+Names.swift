import Foundation

/// Month names, the one table of them in French and in English.
extension Month {
    static let namesFR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                          "octobre", "novembre", "décembre"]
    static let namesEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                          "October", "November", "December"]
    static let shortNamesFR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                               "nov.", "déc."]
    static let shortNamesEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The name of month number `number` (1…12): `octobre` / `October`.
    static func name(ofMonth number: Int, _ language: Language) -> String {
        (language == .en ? namesEN : namesFR)[number - 1]
    }

    /// `octobre 2026` / `October 2026`.
    public func name(_ language: Language) -> String {
        Self.name(ofMonth: month, language) + " " + String(year)
    }

    /// `octobre` / `October`, without the year.
    public func nameOnly(_ language: Language) -> String { Self.name(ofMonth: month, language) }

    /// `oct.` / `Oct`, for chart axes.
    public func shortName(_ language: Language) -> String {
        (language == .en ? Self.shortNamesEN : Self.shortNamesFR)[month - 1]
    }
}
