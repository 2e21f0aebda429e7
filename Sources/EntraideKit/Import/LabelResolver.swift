import Foundation

/// Matches the labels coordinators type (domains, statuses, channels, associations) to codes,
/// case- and accent-insensitively, with the configured synonyms. Immutable; the importer caches
/// its answers per spelling, keyed by the field's bytes.
public struct LabelResolver: Sendable {
    private var domainByKey: [String: String] = [:]
    private var statusByKey: [String: RequestStatus] = [:]
    private var associationByKey: [String: String] = [:]

    public init(settings: Settings) {
        for d in settings.domains {
            for label in [d.code, d.label, d.labelEN] + d.synonyms {
                let key = TextKey.normalize(label)
                if domainByKey[key] == nil { domainByKey[key] = d.code }
            }
        }
        for (status, labels) in Settings.builtInStatusLabels {
            for label in labels { statusByKey[TextKey.normalize(label)] = status }
        }
        for (status, labels) in settings.statusSynonyms {
            for label in labels { statusByKey[TextKey.normalize(label)] = status }
        }
        for name in settings.associations {
            associationByKey[TextKey.normalize(name)] = name
        }
    }

    /// The domain code of a label, nil when unknown.
    public func domain(_ label: String) -> String? {
        domainByKey[TextKey.normalize(label)]
    }

    public func status(_ label: String) -> RequestStatus? {
        statusByKey[TextKey.normalize(label)]
    }

    /// The configured spelling of an association, else the label as given (spaces folded).
    public func association(_ label: String) -> String {
        associationByKey[TextKey.normalize(label)]
            ?? label.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
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
