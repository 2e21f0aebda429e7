import Foundation

/// Matches the labels coordinators type (domains, statuses, channels, associations) to codes,
/// case- and accent-insensitively, with the configured synonyms. Domains and statuses are also
/// matched with the French feminine and plural endings ignored (`clôturé`, `Clôturée`,
/// `clôturées`; `Jardins`): a label is first looked up as it is (case, accents and punctuation
/// ignored), then with its endings folded (`foldedEndings`), where a folded form shared by the
/// labels of two different codes matches neither (so folding never makes two configured labels
/// collide, and never changes what a label matched before). Immutable; the importer caches its
/// answers per spelling, keyed by the field's bytes.
public struct LabelResolver: Sendable {
    private var domainByKey: [String: String] = [:]
    private var domainByFoldedKey: FoldedTable<String> = FoldedTable()
    private var statusByKey: [String: RequestStatus] = [:]
    private var statusByFoldedKey: FoldedTable<RequestStatus> = FoldedTable()
    private var associationByKey: [String: String] = [:]

    public init(settings: Settings) {
        for d in settings.domains {
            for label in [d.code, d.label, d.labelEN] + d.synonyms {
                let key = TextKey.normalize(label)
                if domainByKey[key] == nil { domainByKey[key] = d.code }
                domainByFoldedKey.add(LabelResolver.foldedEndings(key), d.code)
            }
        }
        for (status, labels) in Settings.builtInStatusLabels {
            for label in labels { statusByKey[TextKey.normalize(label)] = status }
        }
        for (status, labels) in settings.statusSynonyms {
            for label in labels { statusByKey[TextKey.normalize(label)] = status }
        }
        // Folded forms from the final table, so a configured synonym that overrides a built-in
        // label is not contradicted by it.
        for (key, status) in statusByKey { statusByFoldedKey.add(LabelResolver.foldedEndings(key), status) }
        for name in settings.associations {
            associationByKey[TextKey.normalize(name)] = name
        }
    }

    /// The domain code of a label, nil when unknown.
    public func domain(_ label: String) -> String? {
        let key = TextKey.normalize(label)
        return domainByKey[key] ?? domainByFoldedKey[LabelResolver.foldedEndings(key)]
    }

    public func status(_ label: String) -> RequestStatus? {
        let key = TextKey.normalize(label)
        return statusByKey[key] ?? statusByFoldedKey[LabelResolver.foldedEndings(key)]
    }

    /// A `TextKey` with the French feminine and plural endings of each word dropped: the final
    /// `e`s and `s`s of every word longer than two letters, down to two letters (`cloturees`,
    /// `cloturee`, `cloture` → `clotur`; `mises_en_relation` → `mi_en_relation`). Words of one
    /// or two letters (`a`, `en`, `ok`) are kept.
    static func foldedEndings(_ key: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(key.utf8.count)
        var word: [UInt8] = []
        func flush() {
            while word.count > 2, let last = word.last, last == UInt8(ascii: "e") || last == UInt8(ascii: "s") {
                word.removeLast()
            }
            out.append(contentsOf: word)
            word.removeAll(keepingCapacity: true)
        }
        for c in key.utf8 {
            if c == UInt8(ascii: "_") { flush(); out.append(c) } else { word.append(c) }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    /// Folded label → value, where a folded form given two different values holds neither.
    struct FoldedTable<Value: Hashable & Sendable>: Sendable {
        private var values: [String: Value] = [:]
        private var ambiguous: Set<String> = []

        mutating func add(_ key: String, _ value: Value) {
            guard !key.isEmpty, !ambiguous.contains(key) else { return }
            if let known = values[key], known != value {
                values[key] = nil
                ambiguous.insert(key)
            } else {
                values[key] = value
            }
        }

        subscript(key: String) -> Value? { values[key] }
    }

    /// The configured spelling of an association, else the label as given (spaces folded).
    public func association(_ label: String) -> String {
        associationByKey[TextKey.normalize(label)]
            ?? label.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")  // Unicode spaces too
    }

    public enum Channel: String { case phone, inPerson = "in_person", email, other }

    /// `phone` (`téléphone`, `tel`, `appel`), `in_person` (`sur place`, `en personne`, `accueil`,
    /// `physique`), `email` (`courriel`, `mail`), `other` (`autre`); nil when unknown.
    public func channel(_ label: String) -> Channel? {
        switch TextKey.normalize(label) {
        case "phone", "telephone", "tel", "appel", "appel_telephonique", "telephonique": return .phone
        case "in_person", "sur_place", "en_personne", "accueil", "physique", "visite", "permanence": return .inPerson
        case "email", "e_mail", "courriel", "mail", "message": return .email
        case "other", "autre", "autres", "sms", "courrier": return .other
        default: return nil
        }
    }
}
