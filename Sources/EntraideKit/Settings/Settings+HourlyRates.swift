import Foundation
import TOMLKit

extension Settings {
    /// The rates every valuation reads (docs/INDICATORS.md, "Valuation"): the dated rates of
    /// `hourly_rates`, or `hourly_rate_eur` as one general rate in force on every day, or none.
    public var valuationRates: [HourlyRate] {
        if !hourlyRates.isEmpty { return hourlyRates }
        return hourlyRateEUR.map { [HourlyRate(eur: $0)] } ?? []
    }

    /// True when some rate is configured: `hours.valuation_eur` is then a number, else null.
    public var valuesHours: Bool { !valuationRates.isEmpty }

    /// The rates in force on some day of the months `from` through `to`, for some configured
    /// domain (in the settings' order): what a document covering those months states as "the
    /// rate in force". Empty without a configured rate.
    public func ratesInForce(from: Month, to: Month) -> [HourlyRate] {
        guard let schedule = HourlyRateSchedule(settings: self, domains: domainCodes) else { return [] }
        let next = to.adding(1)
        let first = Int32(daysFromCivil(from.year, from.month, 1))
        let last = Int32(daysFromCivil(next.year, next.month, 1) - 1)
        return schedule.inForce(from: first, through: last).map { schedule.rates[$0] }
    }

    /// The rates in force over the months, for a sentence: « 12,02 € de l'heure à partir du
    /// 01/01/2026 (SMIC horaire brut) ; 15,00 € de l'heure à partir du 01/04/2026 pour Courses et
    /// commissions »; « 15,00 € de l'heure » for `hourly_rate_eur = 15`; nil without a rate.
    /// French typography in French (a narrow no-break space before `;`).
    public func ratesInForceText(from: Month, to: Month, _ language: Language) -> String? {
        let rates = ratesInForce(from: from, to: to)
        guard !rates.isEmpty else { return nil }
        return rates.map { $0.description(language, settings: self) }.joined(separator: language == .en ? "; " : "\u{202F}; ")
    }

    /// The example every `hourly_rates` message ends with.
    static let hourlyRatesExample = Localized(
        "par exemple hourly_rates = [{from = \"2025-01-01\", eur = 11.88, source = \"SMIC horaire brut\"}, "
            + "{from = \"2026-01-01\", eur = 12.02, domain = \"courses\"}]",
        "e.g. hourly_rates = [{from = \"2025-01-01\", eur = 11.88, source = \"SMIC horaire brut\"}, "
            + "{from = \"2026-01-01\", eur = 12.02, domain = \"courses\"}]")

    /// A message followed by `hourlyRatesExample`.
    static func withExample(_ message: Localized) -> Localized {
        Localized(message.fr + " ; " + hourlyRatesExample.fr, message.en + "; " + hourlyRatesExample.en)
    }

    /// `hourly_rates`: a list of tables with `from` (a date `YYYY-MM-DD` from 1900 to 2200, as
    /// text or as a TOML date), `eur` (0 to 1000), and optional `source` and `domain` texts. Each
    /// error names the entry's key (`hourly_rates[2].eur`) and ends with an example. The domains
    /// are checked against the configured ones once the whole file is read (`checkHourlyRates`).
    static func parseHourlyRates(_ value: TOMLValueConvertible,
                                 bad: (String, Localized) -> UserError) throws -> [HourlyRate] {
        func refuse(_ key: String, _ fr: String, _ en: String) -> UserError {
            bad(key, withExample(Localized(fr, en)))
        }
        guard let list = value.array, !list.isEmpty else {
            throw refuse("hourly_rates", "attendu : une liste non vide de taux datés", "expected a non-empty list of dated rates")
        }
        var rates: [HourlyRate] = []
        for (i, item) in list.enumerated() {
            let key = "hourly_rates[\(i + 1)]"
            guard let t = item.table else {
                throw refuse(key, "attendu : une table {from = …, eur = …}", "expected a table {from = …, eur = …}")
            }
            for k in t.keys where !["from", "eur", "source", "domain"].contains(k) {
                throw refuse("\(key).\(k)", "clé inconnue (clés connues : from, eur, source, domain)",
                             "unknown key (known: from, eur, source, domain)")
            }
            guard let from = t["from"] else {
                throw refuse("\(key).from", "manquant : la date d'entrée en vigueur du taux", "missing: the day the rate comes into force")
            }
            let day: Int?
            if let date = from.date {
                day = isValidCivilDate(date.year, date.month, date.day) && (1900...2200).contains(date.year)
                    ? daysFromCivil(date.year, date.month, date.day) : nil
            } else {
                day = from.string.flatMap { dayNumber($0.trimmingCharacters(in: .whitespaces)) }
            }
            guard let day else {
                throw refuse("\(key).from", "attendu : une date AAAA-MM-JJ de 1900 à 2200", "expected a date YYYY-MM-DD from 1900 to 2200")
            }
            let setting = NumericSetting.hourlyRateEUR
            guard let eurValue = t["eur"] else {
                throw refuse("\(key).eur", "manquant : le taux en euros de l'heure", "missing: the rate in euros an hour")
            }
            guard let eur = (eurValue.double ?? eurValue.int.map(Double.init)).flatMap(setting.checked) else {
                throw refuse("\(key).eur", "attendu : \(setting.what.fr) \(setting.rangeLocalized.fr)",
                             "expected \(setting.what.en) \(setting.rangeLocalized.en)")
            }
            var source: String?
            if let s = t["source"] {
                guard let text = s.string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                    throw refuse("\(key).source", "attendu : un texte non vide qui dit d'où vient le taux",
                                 "expected a non-empty text saying where the rate comes from")
                }
                source = text
            }
            var domain: String?
            if let d = t["domain"] {
                guard let text = d.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                    throw refuse("\(key).domain", "attendu : le code ou le libellé d'un domaine configuré",
                                 "expected the code or label of a configured domain")
                }
                domain = text
            }
            let rate = HourlyRate(from: Int32(day), eur: eur, source: source, domain: domain)
            if let j = rates.firstIndex(where: { $0.from == rate.from && $0.domain == rate.domain }) {
                throw refuse(key, "même date et même domaine que hourly_rates[\(j + 1)] : un seul taux peut entrer en vigueur ce jour-là",
                             "same day and domain as hourly_rates[\(j + 1)]: only one rate can come into force that day")
            }
            rates.append(rate)
        }
        return rates
    }

    /// Once the whole file is read: `hourly_rate_eur` and `hourly_rates` are not both given,
    /// every rate's domain is a configured one (its code, label or English label, case and
    /// accents ignored; stored as the code), two rates do not start the same day for the same
    /// domain, and at least one rate is general (for the domains without a rate of their own).
    static func checkHourlyRates(_ s: inout Settings, bad: (String, Localized) -> UserError) throws {
        guard !s.hourlyRates.isEmpty else { return }
        if s.hourlyRateEUR != nil {
            throw bad("hourly_rates", withExample(Localized(
                "hourly_rate_eur et hourly_rates sont donnés tous les deux : gardez l'un des deux (hourly_rates pour des taux datés)",
                "hourly_rate_eur and hourly_rates are both given: keep one of them (hourly_rates for dated rates)")))
        }
        for i in s.hourlyRates.indices {
            guard let text = s.hourlyRates[i].domain else { continue }
            let key = TextKey.normalize(text)
            guard let d = s.domains.first(where: {
                TextKey.normalize($0.code) == key || TextKey.normalize($0.label) == key || TextKey.normalize($0.labelEN) == key
            }) else {
                let codes = s.domains.map(\.code).joined(separator: ", ")
                throw bad("hourly_rates[\(i + 1)].domain", withExample(Localized(
                    "domaine inconnu « \(text) » (domaines configurés : \(codes))",
                    "unknown domain \"\(text)\" (configured domains: \(codes))")))
            }
            s.hourlyRates[i].domain = d.code
            if let j = s.hourlyRates[..<i].firstIndex(where: { $0.from == s.hourlyRates[i].from && $0.domain == d.code }) {
                throw bad("hourly_rates[\(i + 1)]", withExample(Localized(
                    "même date et même domaine que hourly_rates[\(j + 1)] : un seul taux peut entrer en vigueur ce jour-là",
                    "same day and domain as hourly_rates[\(j + 1)]: only one rate can come into force that day")))
            }
        }
        if !s.hourlyRates.contains(where: { $0.domain == nil }) {
            throw bad("hourly_rates", withExample(Localized(
                "chaque taux est propre à un domaine : donnez aussi au moins un taux sans domain, appliqué aux autres domaines",
                "every rate is for one domain: give at least one rate without domain too, used for the other domains")))
        }
    }
}
