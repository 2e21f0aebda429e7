import Foundation
import TOMLKit

extension Settings {
    /// The `[calendar]` table (docs/INDICATORS.md, "Working time"): `opening_hours`, `holidays`,
    /// `closures`, `target_hours`, and `[calendar.associations."NAME"]` tables with their own
    /// `opening_hours`, `holidays` and `closures`. Every error names the key and shows an example.
    static func parseCalendar(_ value: TOMLValueConvertible,
                              bad: (String, Localized) -> UserError) throws -> CalendarSettings {
        guard let table = value.table else {
            throw bad("calendar", Localized("attendu : une table [calendar], par exemple\n[calendar]\nopening_hours = \"lun-ven 09:00-17:00\"",
                                            "expected a [calendar] table, e.g.\n[calendar]\nopening_hours = \"mon-fri 09:00-17:00\""))
        }
        var settings = CalendarSettings()
        for key in table.keys where !["opening_hours", "holidays", "closures", "target_hours", "associations"].contains(key) {
            throw bad("calendar.\(key)", Localized(
                "clé inconnue (clés connues : opening_hours, holidays, closures, target_hours, associations)",
                "unknown key (known: opening_hours, holidays, closures, target_hours, associations)"))
        }
        settings.network = try calendar(table, key: "calendar", base: WorkingCalendar(), bad: bad)
        if let target = table["target_hours"] {
            let setting = NumericSetting.calendarTargetHours
            guard let v = target.int, let checked = setting.checked(v) else {
                throw bad(setting.key, setting.expectation.appending(Localized(" (par exemple 16)", " (e.g. 16)")))
            }
            settings.targetHours = checked
        }
        if let associations = table["associations"] {
            guard let t = associations.table else {
                throw bad("calendar.associations", Localized(
                    "attendu : des tables [calendar.associations.\"Nom\"], par exemple\n[calendar.associations.\"Secours Catholique\"]\nopening_hours = \"mar,jeu 14:00-18:00\"",
                    "expected [calendar.associations.\"Name\"] tables, e.g.\n[calendar.associations.\"Secours Catholique\"]\nopening_hours = \"tue,thu 14:00-18:00\""))
            }
            for name in t.keys {
                let key = "calendar.associations.\"\(name)\""
                guard let own = t[name]?.table else {
                    throw bad(key, Localized("attendu : une table avec opening_hours, holidays ou closures",
                                             "expected a table with opening_hours, holidays or closures"))
                }
                for k in own.keys where !["opening_hours", "holidays", "closures"].contains(k) {
                    let known = k == "target_hours"
                        ? Localized("l'objectif est celui du réseau pour toutes les associations : donnez target_hours sous [calendar]",
                                    "the target is the network's for every association: give target_hours under [calendar]")
                        : Localized("clé inconnue (clés connues : opening_hours, holidays, closures)",
                                    "unknown key (known: opening_hours, holidays, closures)")
                    throw bad("\(key).\(k)", known)
                }
                settings.associations[name] = try calendar(own, key: key, base: settings.network, bad: bad)
            }
        }
        return settings
    }

    /// Checks that every association given a calendar is a configured partner (names compared
    /// ignoring case and accents): a misspelt name would silently fall back to the network's.
    static func checkCalendarAssociations(_ s: inout Settings, bad: (String, Localized) -> UserError) throws {
        var renamed: [String: WorkingCalendar] = [:]
        for (name, calendar) in s.calendar.associations {
            let key = TextKey.normalize(name)
            guard let configured = s.associations.first(where: { TextKey.normalize($0) == key }) else {
                let list = s.associations.map { "\"\($0)\"" }.joined(separator: ", ")
                throw bad("calendar.associations.\"\(name)\"", s.associations.isEmpty
                    ? Localized("association inconnue : déclarez-la d'abord dans associations = [\"\(name)\"]",
                                "unknown association: declare it first in associations = [\"\(name)\"]")
                    : Localized("association inconnue (associations déclarées : \(list)) ; écrivez l'un de ces noms",
                                "unknown association (declared: \(list)); write one of these names"))
            }
            renamed[configured] = calendar
        }
        s.calendar.associations = renamed
    }

    /// One calendar's keys, each taken from `base` when not given.
    private static func calendar(_ table: TOMLTable, key: String, base: WorkingCalendar,
                                 bad: (String, Localized) -> UserError) throws -> WorkingCalendar {
        var calendar = base
        if let hours = table["opening_hours"] {
            guard let text = hours.string else {
                throw bad("\(key).opening_hours", OpeningHoursError.empty.message)
            }
            do {
                calendar.openingHours = try OpeningHours.parse(text)
            } catch {
                throw bad("\(key).opening_hours", error.message)
            }
        }
        if let holidays = table["holidays"] {
            guard let text = holidays.string, let rule = PublicHolidays(rawValue: text) else {
                throw bad("\(key).holidays", Localized(
                    "attendu : \"fr\" (les 11 jours fériés), \"fr-alsace-moselle\" (et le Vendredi saint, le 26 décembre) ou \"none\"",
                    "expected \"fr\" (the 11 French public holidays), \"fr-alsace-moselle\" (and Good Friday, 26 December) or \"none\""))
            }
            calendar.holidays = rule
        }
        if let closures = table["closures"] {
            let example = Localized(" ; par exemple [\"2026-08-03/2026-08-21\", \"2026-12-24\"]",
                                    "; e.g. [\"2026-08-03/2026-08-21\", \"2026-12-24\"]")
            guard let list = closures.array else {
                throw bad("\(key).closures", Localized("attendu : une liste de jours et de périodes", "expected a list of days and ranges")
                    .appending(example))
            }
            calendar.closures = []
            for (i, item) in list.enumerated() {
                let itemKey = "\(key).closures[\(i + 1)]"
                guard let text = item.string else {
                    throw bad(itemKey, Localized("attendu : un jour AAAA-MM-JJ ou une période AAAA-MM-JJ/AAAA-MM-JJ",
                                                 "expected a day YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD").appending(example))
                }
                let parts = text.split(separator: "/", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                let days = parts.map(Self.dayNumber)
                guard (1...2).contains(parts.count), days.allSatisfy({ $0 != nil }) else {
                    throw bad(itemKey, Localized("« \(text) » n'est ni un jour AAAA-MM-JJ ni une période AAAA-MM-JJ/AAAA-MM-JJ",
                                                 "\"\(text)\" is neither a day YYYY-MM-DD nor a range YYYY-MM-DD/YYYY-MM-DD")
                        .appending(example))
                }
                let first = days[0]!, last = days[days.count - 1]!
                guard last >= first else {
                    throw bad(itemKey, Localized("« \(text) » finit avant de commencer", "\"\(text)\" ends before it starts")
                        .appending(example))
                }
                calendar.closures.append(first...last)
            }
        }
        return calendar
    }

    /// `YYYY-MM-DD` (a real date from 1900 to 2200) as a day number.
    static func dayNumber(_ text: String) -> Int? {
        let p = text.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1900...2200).contains(y),
              isValidCivilDate(y, m, d) else { return nil }
        return daysFromCivil(y, m, d)
    }
}
