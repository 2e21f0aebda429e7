import Foundation

/// Matches the labels coordinators type (domains, statuses, channels, associations) to codes,
/// case- and accent-insensitively, with the configured synonyms. Results are cached per raw
/// label, so a million rows cost a dictionary look-up each.
public final class LabelResolver {
    private var domainByKey: [String: String] = [:]
    private var statusByKey: [String: RequestStatus] = [:]
    private var associationByKey: [String: String] = [:]
    private var domainCache: [String: String?] = [:]
    private var statusCache: [String: RequestStatus?] = [:]
    private var associationCache: [String: String] = [:]

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
        if let hit = domainCache[label] { return hit }
        let code = domainByKey[TextKey.normalize(label)]
        domainCache[label] = code
        return code
    }

    public func status(_ label: String) -> RequestStatus? {
        if let hit = statusCache[label] { return hit }
        let s = statusByKey[TextKey.normalize(label)]
        statusCache[label] = s
        return s
    }

    /// The configured spelling of an association, else the label as given (spaces folded).
    public func association(_ label: String) -> String {
        if let hit = associationCache[label] { return hit }
        let key = TextKey.normalize(label)
        let name = associationByKey[key]
            ?? label.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        associationCache[label] = name
        return name
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
