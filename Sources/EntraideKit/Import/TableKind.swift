import Foundation

/// The three tables of an export (docs/FORMAT.md).
public enum TableKind: String, CaseIterable, Sendable, Comparable {
    case volunteers, requests, assignments

    /// Import order: volunteers before the requests that name them, requests before assignments.
    public static func < (a: TableKind, b: TableKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Names a file or sheet may carry (normalised with `TextKey.normalize`).
    static let names: [TableKind: [String]] = [
        // `Tous les membres`: the name of Paheko's member export (docs/FORMAT.md, "Paheko").
        .volunteers: ["volunteers", "volunteer", "benevoles", "benevole", "tous_les_membres"],
        .requests: ["requests", "request", "demandes", "demande"],
        .assignments: ["assignments", "assignment", "mises_en_relation", "mise_en_relation", "interventions",
                       "intervention"],
    ]

    /// Parses a `--table` value (English or French name).
    public init?(name: String) {
        let key = TextKey.normalize(name)
        guard let kind = TableKind.names.first(where: { $0.value.contains(key) })?.key else { return nil }
        self = kind
    }

    /// Recognises a table from a sheet name (no extension to drop: `Demandes.2026` keeps its dot).
    public static func recognise(sheetName: String) -> TableKind? {
        recognise(fileName: sheetName + ".sheet")
    }

    /// Recognises a table from a file or sheet name: one of its `_`-separated words (or word
    /// runs) starts with a table's name (`demandes_2026_10`, `export_benevoles`, `Demandes2026`).
    /// Nil when no table or more than one matches.
    public static func recognise(fileName: String) -> TableKind? {
        let base = (fileName as NSString).deletingPathExtension
        let key = TextKey.normalize((base as NSString).lastPathComponent)
        let padded = "_" + key + "_"
        let matches = TableKind.allCases.filter { kind in
            names[kind]!.contains { padded.contains("_" + $0) }
        }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// Canonical columns and the headers that name them (docs/FORMAT.md), after normalisation.
public enum Column: Int, CaseIterable, Sendable {
    // volunteers
    case volunteerID, joinedOn, leftOn, association, domains
    case name, firstName, phone, email
    // requests
    case requestID, receivedAt, domain, residentID
    case residentName, residentFirstName, residentPhone, residentEmail
    case status, channel, matchedAt, contactedAt, doneAt, hours

    /// The canonical column name (docs/FORMAT.md), as in the database.
    public var name: String { Column.names[rawValue] }

    private static let names = [
        "volunteer_id", "joined_on", "left_on", "association", "domains",
        "name", "first_name", "phone", "email",
        "request_id", "received_at", "domain", "resident_id",
        "resident_name", "resident_first_name", "resident_phone", "resident_email",
        "status", "channel", "matched_at", "contacted_at", "done_at", "hours",
    ]

    /// The column with a canonical name, nil when there is none.
    public static func named(_ name: String) -> Column? {
        names.firstIndex(of: name).flatMap(Column.init(rawValue:))
    }

    /// Personal data: read only to derive a pseudonym (requests) or not at all, never stored.
    public var isPersonal: Bool {
        switch self {
        case .name, .firstName, .phone, .email, .residentName, .residentFirstName, .residentPhone, .residentEmail:
            return true
        default: return false
        }
    }

    static let assignmentAliases: [Column: [String]] = [
        .requestID: ["request_id", "n_demande", "no_demande", "numero_demande", "numero_de_demande", "numero", "id_demande", "demande"],
        .volunteerID: ["volunteer_id", "identifiant_benevole", "benevole", "n_benevole", "no_benevole",
                       "numero_benevole", "id_benevole"],
        .matchedAt: ["matched_at", "mis_en_relation_le", "mise_en_relation_le", "date_de_mise_en_relation",
                     "date_mise_en_relation"],
        .contactedAt: ["contacted_at", "contacte_le", "date_de_contact"],
        .doneAt: ["done_at", "realise_le", "realisee_le", "date_de_realisation"],
        .hours: ["hours", "heures", "duree", "temps_passe"],
    ]

    /// Accepted headers per table, normalised.
    static let aliases: [TableKind: [Column: [String]]] = [
        .volunteers: [
            .volunteerID: ["volunteer_id", "identifiant_benevole", "n_benevole", "no_benevole", "numero_benevole",
                           "id_benevole", "identifiant",
                           // Paheko's member export.
                           "numero_de_membre", "numero_membre", "n_membre", "no_membre", "n_de_membre"],
            .joinedOn: ["joined_on", "date_d_inscription", "inscrit_le", "inscrite_le", "date_inscription"],
            .leftOn: ["left_on", "date_de_depart", "parti_le", "partie_le", "date_depart"],
            .association: ["association", "structure"],
            .domains: ["domains", "domaines", "services_proposes"],
            // `Nom & prénom`, `Adresse E-Mail`: Paheko's member export.
            .name: ["name", "nom", "nom_prenom", "nom_et_prenom", "nom_complet"],
            .firstName: ["first_name", "prenom"],
            .phone: ["phone", "telephone", "tel", "portable"],
            .email: ["email", "courriel", "mail", "e_mail", "adresse_mail", "adresse_e_mail", "adresse_email"],
        ],
        .requests: assignmentAliases.filter { $0.key != .requestID }.merging([
            .requestID: ["request_id", "n_demande", "no_demande", "numero_demande", "numero_de_demande", "numero", "id_demande"],
            .receivedAt: ["received_at", "date_d_appel", "date_de_la_demande", "recue_le", "date_appel",
                          "date_demande"],
            .domain: ["domain", "domaine", "type_de_service", "service"],
            .residentID: ["resident_id", "identifiant_habitant", "id_habitant"],
            .residentName: ["resident_name", "nom_de_l_habitant", "nom_habitant", "nom"],
            .residentFirstName: ["resident_first_name", "prenom_de_l_habitant", "prenom_habitant", "prenom"],
            .residentPhone: ["resident_phone", "telephone_de_l_habitant", "telephone_habitant", "telephone", "tel"],
            .residentEmail: ["resident_email", "courriel", "email", "mail", "courriel_de_l_habitant"],
            .status: ["status", "statut", "etat"],
            .association: ["association", "structure"],
            .channel: ["channel", "canal"],
        ]) { a, _ in a },
        .assignments: assignmentAliases,
    ]

    static let required: [TableKind: [Column]] = [
        .volunteers: [.volunteerID, .joinedOn],
        .requests: [.requestID, .receivedAt, .domain],
        .assignments: [.requestID, .volunteerID],
    ]

    /// Headers accepted for the column, as a coordinator writes them (docs/FORMAT.md): what messages
    /// list, never the normalised keys of `aliases`.
    public var acceptedHeaders: [String] {
        switch self {
        case .volunteerID: return ["N° bénévole", "Identifiant bénévole", "Numéro de membre", "Bénévole"]
        case .joinedOn: return ["Date d'inscription", "Inscrit le"]
        case .leftOn: return ["Date de départ", "Parti le"]
        case .association: return ["Association", "Structure"]
        case .domains: return ["Domaines", "Services proposés"]
        case .requestID: return ["N° demande", "Numéro", "Numéro de demande"]
        case .receivedAt: return ["Date d'appel", "Date de la demande", "Reçue le"]
        case .domain: return ["Domaine", "Type de service", "Service"]
        case .residentID: return ["Identifiant habitant"]
        case .status: return ["Statut", "État"]
        case .channel: return ["Canal"]
        case .matchedAt: return ["Mis en relation le", "Date de mise en relation"]
        case .contactedAt: return ["Contacté le", "Date de contact"]
        case .doneAt: return ["Réalisé le", "Date de réalisation"]
        case .hours: return ["Heures", "Durée", "Temps passé"]
        default: return [frenchHeader]
        }
    }

    /// The French header shown in messages (what coordinators see in their files).
    public var frenchHeader: String {
        switch self {
        case .volunteerID: return "N° bénévole"
        case .joinedOn: return "Date d'inscription"
        case .leftOn: return "Date de départ"
        case .association: return "Association"
        case .domains: return "Domaines"
        case .requestID: return "N° demande"
        case .receivedAt: return "Date d'appel"
        case .domain: return "Domaine"
        case .residentID: return "Identifiant habitant"
        case .status: return "Statut"
        case .channel: return "Canal"
        case .matchedAt: return "Mis en relation le"
        case .contactedAt: return "Contacté le"
        case .doneAt: return "Réalisé le"
        case .hours: return "Heures"
        default: return name
        }
    }
}
