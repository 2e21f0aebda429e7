import Foundation

extension HourlyRate {
    /// The rate for reading: `12,02 €` / `€12.02` (always two decimals: it is a price).
    public func eurText(_ language: Language) -> String {
        Self.euros(eur, language)
    }

    /// Euros with two decimals: `1 234,50 €` / `€1,234.50`.
    static func euros(_ value: Double, _ language: Language) -> String {
        let f = ReportFormatter(language: language)
        return language == .en ? "€" + f.decimal(value, 2) : f.decimal(value, 2) + ReportFormatter.nbsp + "€"
    }

    /// One rate in a sentence: « 12,02 € de l'heure à partir du 01/01/2026 pour Courses et
    /// commissions (SMIC horaire brut) » / "€12.02 an hour from 2026-01-01 for Errands and
    /// shopping (SMIC horaire brut)". The source is quoted as configured, in its own language.
    public func description(_ language: Language, settings: Settings) -> String {
        let en = language == .en
        var text = eurText(language) + (en ? " an hour" : " de l'heure")
        // `01/01/2026` in French; in English the unambiguous `2026-01-01` (01/04 reads 4 January there).
        if let from = fromText, let d = fromDate {
            text += en ? " from " + String(format: "%04d-%02d-%02d", d.year, d.month, d.day) : " à partir du \(from)"
        }
        if let domain { text += (en ? " for " : " pour ") + settings.domainLabel(domain, language) }
        if let source { text += " (\(source))" }
        return text
    }
}
