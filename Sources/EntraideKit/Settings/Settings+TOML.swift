import Foundation
import TOMLKit

extension Settings {
    /// The settings file used for a database: `--config` when given, else `entraide.toml`
    /// beside the database when it exists, else the defaults.
    public static func load(configPath: String?, databasePath: String) throws -> Settings {
        if let configPath {
            guard FileManager.default.fileExists(atPath: configPath) else {
                throw UserError(.notFound, "\(configPath): settings file not found")
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
            throw UserError(.fileAccess, "\(path): cannot read the settings file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserError(.badSetting, "\(path): the settings file is not UTF-8 text")
        }
        return try parse(toml: text, file: path)
    }

    /// Parses a settings file. Unknown keys and bad values are errors naming the key.
    public static func parse(toml text: String, file: String = "entraide.toml") throws -> Settings {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw UserError(.badSetting, "\(file):\(error.source.begin.line): \(error.description)")
        } catch {
            throw UserError(.badSetting, "\(file): not a valid TOML file: \(error)")
        }
        var s = Settings()
        func bad(_ key: String, _ what: String) -> UserError {
            UserError(.badSetting, "\(file): setting `\(key)`: \(what)")
        }
        /// A numeric setting's value, checked against its range (`NumericSetting`).
        func whole(_ setting: NumericSetting, _ value: TOMLValueConvertible) throws -> Int {
            guard let v = value.int, let checked = setting.checked(v) else {
                throw bad(setting.key, setting.expectation + Self.got(value))
            }
            return checked
        }
        func number(_ setting: NumericSetting, _ value: TOMLValueConvertible) throws -> Double {
            guard let v = value.double ?? value.int.map(Double.init), let checked = setting.checked(v) else {
                throw bad(setting.key, setting.expectation + " (e.g. 15.5)" + Self.got(value))
            }
            return checked
        }
        for key in table.keys {
            let value = table[key]!
            switch key {
            case "network_name":
                guard let v = value.string, !v.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw bad(key, "expected a non-empty text")
                }
                s.networkName = v
            case "author":
                guard let v = value.string else { throw bad(key, "expected a text") }
                s.author = v
            case "timezone":
                guard let v = value.string, TimeZone(identifier: v) != nil else {
                    throw bad(key, "expected a time zone name such as \"Europe/Paris\"")
                }
                s.timezone = v
            case NumericSetting.hourlyRateEUR.key:
                s.hourlyRateEUR = try number(.hourlyRateEUR, value)
            case NumericSetting.overloadThreshold.key:
                s.overloadThreshold = try whole(.overloadThreshold, value)
            case NumericSetting.waitAlertDays.key:
                s.waitAlertDays = try whole(.waitAlertDays, value)
            case NumericSetting.responseTargetHours.key:
                s.responseTargetHours = try whole(.responseTargetHours, value)
            case NumericSetting.suppressBelow.key:
                s.suppressBelow = try whole(.suppressBelow, value)
            case "associations":
                guard let arr = value.array, let names = stringArray(arr) else {
                    throw bad(key, "expected a list of names, e.g. [\"Centre social\", \"AFEV\"]")
                }
                s.associations = names
            case "domains":
                s.domains = try parseDomains(value, bad: bad)
            case "statuses":
                guard let t = value.table else { throw bad(key, "expected a table such as [statuses]") }
                for status in t.keys {
                    guard let st = RequestStatus(rawValue: status) else {
                        throw bad("statuses.\(status)", "unknown status; use one of "
                            + RequestStatus.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    guard let arr = t[status]?.array, let labels = stringArray(arr) else {
                        throw bad("statuses.\(status)", "expected a list of labels")
                    }
                    s.statusSynonyms[st] = labels
                }
            default:
                throw bad(key, "unknown setting (known: network_name, author, timezone, hourly_rate_eur, "
                    + "overload_threshold, wait_alert_days, response_target_hours, suppress_below, associations, domains, statuses)")
            }
        }
        return s
    }

    /// ` (got 9223372036854775807)` for a number, nothing for another type.
    private static func got(_ value: TOMLValueConvertible) -> String {
        if let i = value.int { return " (got \(i))" }
        if let d = value.double { return " (got \(d))" }
        return ""
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
                                     bad: (String, String) -> UserError) throws -> [DomainSetting] {
        guard let arr = value.array else {
            throw bad("domains", "expected [[domains]] entries with code, label and synonyms")
        }
        var result: [DomainSetting] = []
        for (i, item) in arr.enumerated() {
            let key = "domains[\(i + 1)]"
            guard let t = item.table else { throw bad(key, "expected a table with code and label") }
            for k in t.keys where !["code", "label", "label_en", "synonyms"].contains(k) {
                throw bad("\(key).\(k)", "unknown key (known: code, label, label_en, synonyms)")
            }
            guard let code = t["code"]?.string, !code.isEmpty,
                  TextKey.normalize(code) == code else {
                throw bad("\(key).code", "expected a code of lower-case letters, digits and _ (e.g. \"courses\")")
            }
            guard let label = t["label"]?.string, !label.isEmpty else {
                throw bad("\(key).label", "expected the French label shown in reports")
            }
            var synonyms: [String] = []
            if let syn = t["synonyms"] {
                guard let a = syn.array, let list = stringArray(a) else {
                    throw bad("\(key).synonyms", "expected a list of labels")
                }
                synonyms = list
            }
            if result.contains(where: { $0.code == code }) { throw bad("\(key).code", "`\(code)` is listed twice") }
            let en = t["label_en"]?.string ?? defaultDomains.first { $0.code == code }?.labelEN ?? label
            result.append(DomainSetting(code: code, label: label, labelEN: en, synonyms: synonyms))
        }
        if !result.contains(where: { $0.code == "autre" }) {
            result.append(defaultDomains.last!)
        }
        return result
    }
}
