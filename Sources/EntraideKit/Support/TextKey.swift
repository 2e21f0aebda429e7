import Foundation

/// Normalisation used to match headers, table names, domain and status labels:
/// lower case, accents removed, every run of characters other than letters and digits
/// turned into `_`, leading and trailing `_` dropped (`Date d'appel` → `date_d_appel`).
public enum TextKey {
    public static func normalize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingUnderscore = false
        for scalar in foldedScalars(text) {
            let v = scalar.value
            let isAlnum = (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A)
                || (v > 0x7F && scalar.properties.isAlphabetic)
                || (v > 0x7F && scalar.properties.numericType != nil)
            if isAlnum {
                if pendingUnderscore && !out.isEmpty { out.append("_") }
                pendingUnderscore = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingUnderscore = true
            }
        }
        return out
    }

    /// A file-name part from a name: `normalize` with `-` between words, at most 60
    /// characters (`Centre social Les Tilleuls` → `centre-social-les-tilleuls`); empty when the
    /// name has no letter or digit.
    public static func slug(_ text: String) -> String {
        String(normalize(text).replacingOccurrences(of: "_", with: "-").prefix(60))
    }

    /// `base` with the association's slug appended (`rapport-2026-10-centre-social`), or `base`
    /// itself without an association or when its name has no letter or digit: how every report
    /// restricted to one association names its files.
    public static func suffixed(_ base: String, association: String?) -> String {
        guard let association else { return base }
        let slug = slug(association)
        return slug.isEmpty ? base : base + "-" + slug
    }

    /// Lower case, accents removed; other characters kept.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in foldedScalars(text) { out.append(s) }
        return String(out)
    }

    private static func foldedScalars(_ text: String) -> [Unicode.Scalar] {
        // Fast path: plain ASCII needs only lower-casing.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.unicodeScalars.map { s in
                (s.value >= 0x41 && s.value <= 0x5A) ? Unicode.Scalar(s.value + 0x20)! : s
            }
        }
        var result: [Unicode.Scalar] = []
        // Canonical decomposition, then drop combining marks.
        for s in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            if s.properties.generalCategory == .nonspacingMark { continue }
            switch s {
            case "œ": result.append("o"); result.append("e")
            case "æ": result.append("a"); result.append("e")
            case "ß": result.append("s"); result.append("s")
            case "\u{2019}", "\u{2018}": result.append("'")
            default: result.append(s)
            }
        }
        return result
    }
}
