import Foundation
import TOMLKit

extension Settings {
    /// The settings file used for a database: `--config` when given, else `entraide.toml`
    /// beside the database when it exists, else the defaults.
    public static func load(configPath: String?, databasePath: String) throws -> Settings {
        if let configPath {
            guard FileManager.default.fileExists(atPath: configPath) else {
                throw UserError(.notFound, fr: "\(configPath) : fichier de réglages introuvable",
                                en: "\(configPath): settings file not found")
            }
            return try load(path: configPath)
        }
        let beside = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
            .appendingPathComponent("entraide.toml").path
        if FileManager.default.fileExists(atPath: beside) { return try load(path: beside) }
        return Settings()
    }

    public static func load(path: String) throws -> Settings {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UserError(.fileAccess, fr: "\(path) : impossible de lire le fichier de réglages",
                            en: "\(path): cannot read the settings file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserError(.badSetting,
                fr: "\(path) : le fichier de réglages n'est pas du texte UTF-8 ; enregistrez-le en UTF-8",
                en: "\(path): the settings file is not UTF-8 text; save it as UTF-8")
        }
        return try parse(toml: text, file: path)
    }

    /// Parses a settings file. Unknown keys and bad values are errors naming the key.
    public static func parse(toml text: String, file: String = "entraide.toml") throws -> Settings {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // TOMLKit's own description of the mistake is in English.
            throw UserError(.badSetting,
                fr: "\(file):\(error.source.begin.line): erreur de syntaxe TOML : \(error.description)",
                en: "\(file):\(error.source.begin.line): \(error.description)")
        } catch {
            throw UserError(.badSetting, fr: "\(file) : ce n'est pas un fichier TOML valide : \(error)",
                            en: "\(file): not a valid TOML file: \(error)")
        }
        var s = Settings()
        func bad(_ key: String, _ what: Localized) -> UserError {
            UserError(.badSetting, fr: "\(file) : réglage `\(key)` : \(what.fr)",
                      en: "\(file): setting `\(key)`: \(what.en)")
        }
        func refuse(_ key: String, fr: String, en: String) -> UserError { bad(key, Localized(fr, en)) }
        /// A numeric setting's value, checked against its range (`NumericSetting`).
        func whole(_ setting: NumericSetting, _ value: TOMLValueConvertible) throws -> Int {
            guard let v = value.int, let checked = setting.checked(v) else {
                throw bad(setting.key, setting.expectation.appending(Self.got(value)))
            }
            return checked
        }
        func number(_ setting: NumericSetting, _ value: TOMLValueConvertible) throws -> Double {
            guard let v = value.double ?? value.int.map(Double.init), let checked = setting.checked(v) else {
                throw bad(setting.key, setting.expectation
                    .appending(Localized(" (par exemple 15.5)", " (e.g. 15.5)")).appending(Self.got(value)))
            }
            return checked
        }
        for key in table.keys {
            let value = table[key]!
            switch key {
            case "network_name":
                guard let v = value.string, !v.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw refuse(key, fr: "attendu : un texte non vide", en: "expected a non-empty text")
                }
                s.networkName = v
            case "author":
                guard let v = value.string else { throw refuse(key, fr: "attendu : un texte", en: "expected a text") }
                s.author = v
            case "timezone":
                guard let v = value.string, TimeZone(identifier: v) != nil else {
                    throw refuse(key, fr: "attendu : un nom de fuseau horaire comme \"Europe/Paris\"",
                              en: "expected a time zone name such as \"Europe/Paris\"")
                }
                s.timezone = v
            case NumericSetting.hourlyRateEUR.key:
                s.hourlyRateEUR = try number(.hourlyRateEUR, value)
            case "hourly_rates":
                s.hourlyRates = try parseHourlyRates(value, bad: bad)
            case NumericSetting.overloadThreshold.key:
                s.overloadThreshold = try whole(.overloadThreshold, value)
            case NumericSetting.waitAlertDays.key:
                s.waitAlertDays = try whole(.waitAlertDays, value)
            case NumericSetting.staleAfterDays.key:
                s.staleAfterDays = try whole(.staleAfterDays, value)
            case NumericSetting.responseTargetHours.key:
                s.responseTargetHours = try whole(.responseTargetHours, value)
            case NumericSetting.suppressBelow.key:
                s.suppressBelow = try whole(.suppressBelow, value)
                // docs/SECURITY.md, "Small counts": with 2 the totals give residents away.
                if s.suppressBelow == 2 {
                    throw refuse(key, fr: "2 n'est pas accepté : «\u{00A0}< 2\u{00A0}» ne laisse que 0 ou 1 et les totaux "
                                     + "permettraient de retrouver des habitants ; donnez au moins 3, ou 0 pour aucun masquage",
                                 en: "2 is not accepted: \"< 2\" leaves only 0 or 1 and the totals would give residents "
                                     + "away; give 3 or more, or 0 for no suppression")
                }
            case "associations":
                guard let arr = value.array, let names = stringArray(arr) else {
                    throw refuse(key, fr: "attendu : une liste de noms, par exemple [\"Centre social\", \"AFEV\"]",
                              en: "expected a list of names, e.g. [\"Centre social\", \"AFEV\"]")
                }
                // Names are matched ignoring case and accents, and name the files: two that differ
                // only by those would be one association (docs/INDICATORS.md, "Restricting to one association").
                var seen: [String: String] = [:]
                for name in names {
                    let key = TextKey.normalize(name)
                    if let other = seen[key] {
                        throw refuse("associations",
                                     fr: "« \(other) » et « \(name) » ne diffèrent que par la casse, les accents ou la ponctuation : c'est la même association pour l'outil ; gardez un seul nom",
                                     en: "“\(other)” and “\(name)” differ only by case, accents or punctuation: the tool takes them for one association; keep one name")
                    }
                    seen[key] = name
                }
                s.associations = names
            case "domains":
                s.domains = try parseDomains(value, bad: bad)
            case "calendar":
                s.calendar = try parseCalendar(value, bad: bad)
            case "statuses":
                guard let t = value.table else {
                    throw refuse(key, fr: "attendu : une table comme [statuses]", en: "expected a table such as [statuses]")
                }
                for status in t.keys {
                    guard let st = RequestStatus(rawValue: status) else {
                        let known = RequestStatus.allCases.map(\.rawValue).joined(separator: ", ")
                        throw refuse("statuses.\(status)", fr: "statut inconnu ; utilisez l'un de ceux-ci : \(known)",
                                  en: "unknown status; use one of \(known)")
                    }
                    guard let arr = t[status]?.array, let labels = stringArray(arr) else {
                        throw refuse("statuses.\(status)", fr: "attendu : une liste de libellés", en: "expected a list of labels")
                    }
                    s.statusSynonyms[st] = labels
                }
            default:
                let known = "network_name, author, timezone, hourly_rate_eur, hourly_rates, overload_threshold, wait_alert_days, stale_after_days, "
                    + "response_target_hours, suppress_below, associations, domains, statuses, calendar"
                throw refuse(key, fr: "réglage inconnu (réglages connus : \(known))", en: "unknown setting (known: \(known))")
            }
        }
        try checkCalendarAssociations(&s, bad: bad)
        try checkHourlyRates(&s, bad: bad)
        // Not given: 60 days, or twice the alert delay when that is longer.
        if !table.contains(key: NumericSetting.staleAfterDays.key) { s.staleAfterDays = max(60, 2 * s.waitAlertDays) }
        guard s.staleAfterDays > s.waitAlertDays else {
            throw refuse(NumericSetting.staleAfterDays.key,
                         fr: "attendu : plus de jours que wait_alert_days (\(s.waitAlertDays)) ; une demande en attente depuis "
                             + "plus de stale_after_days jours est signalée « à vérifier », par exemple stale_after_days = 60",
                         en: "expected more days than wait_alert_days (\(s.waitAlertDays)); a request waiting longer than "
                             + "stale_after_days days is flagged \"to check\", e.g. stale_after_days = 60")
        }
        return s
    }

    /// ` (got 9223372036854775807)` for a number, nothing for another type.
    private static func got(_ value: TOMLValueConvertible) -> Localized {
        if let i = value.int { return Localized(" (valeur lue : \(i))", " (got \(i))") }
        if let d = value.double { return Localized(" (valeur lue : \(d))", " (got \(d))") }
        return Localized.verbatim("")
    }

    private static func stringArray(_ arr: TOMLArray) -> [String]? {
        var out: [String] = []
        for item in arr {
            guard let s = item.string else { return nil }
            out.append(s)
        }
        return out
    }

    /// `[[domains]]` entries: `code`, `label`, optional `label_en` and `synonyms`.
    private static func parseDomains(_ value: TOMLValueConvertible,
                                     bad: (String, Localized) -> UserError) throws -> [DomainSetting] {
        guard let arr = value.array else {
            throw bad("domains", Localized("attendu : des entrées [[domains]] avec code, label et synonyms",
                                           "expected [[domains]] entries with code, label and synonyms"))
        }
        var result: [DomainSetting] = []
        for (i, item) in arr.enumerated() {
            let key = "domains[\(i + 1)]"
            guard let t = item.table else {
                throw bad(key, Localized("attendu : une table avec code et label", "expected a table with code and label"))
            }
            for k in t.keys where !["code", "label", "label_en", "synonyms"].contains(k) {
                throw bad("\(key).\(k)", Localized("clé inconnue (clés connues : code, label, label_en, synonyms)",
                                                   "unknown key (known: code, label, label_en, synonyms)"))
            }
            guard let code = t["code"]?.string, !code.isEmpty,
                  TextKey.normalize(code) == code else {
                throw bad("\(key).code", Localized(
                    "attendu : un code fait de lettres minuscules, de chiffres et de _ (par exemple \"courses\")",
                    "expected a code of lower-case letters, digits and _ (e.g. \"courses\")"))
            }
            guard let label = t["label"]?.string, !label.isEmpty else {
                throw bad("\(key).label", Localized("attendu : le libellé français affiché dans les rapports",
                                                   "expected the French label shown in reports"))
            }
            var synonyms: [String] = []
            if let syn = t["synonyms"] {
                guard let a = syn.array, let list = stringArray(a) else {
                    throw bad("\(key).synonyms", Localized("attendu : une liste de libellés", "expected a list of labels"))
                }
                synonyms = list
            }
            if result.contains(where: { $0.code == code }) {
                throw bad("\(key).code", Localized("`\(code)` figure deux fois", "`\(code)` is listed twice"))
            }
            let en = t["label_en"]?.string ?? defaultDomains.first { $0.code == code }?.labelEN ?? label
            result.append(DomainSetting(code: code, label: label, labelEN: en, synonyms: synonyms))
        }
        if !result.contains(where: { $0.code == "autre" }) {
            result.append(defaultDomains.last!)
        }
        return result
    }
}
