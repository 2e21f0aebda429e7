import Foundation

/// The words a synthetic export is made of: fake French names, the partner associations,
/// and the many ways coordinators type domains, statuses, channels and comments.
/// Every name here is invented by combination; none stands for a real person.
enum SampleVocabulary {
    static let femaleFirstNames: [String] = [
        "Jeanne", "Marie", "Monique", "Simone", "Josette", "Yvette", "Colette", "Odette", "Paulette",
        "Germaine", "Suzanne", "Denise", "Françoise", "Hélène", "Geneviève", "Thérèse", "Annie",
        "Christiane", "Martine", "Nicole", "Danielle", "Brigitte", "Sylvie", "Isabelle", "Nathalie",
        "Fatima", "Aïcha", "Malika", "Nadia", "Sophie", "Camille", "Léa", "Chloé", "Inès", "Manon",
        "Gaëlle", "Élodie", "Marie-Claude",
    ]

    static let maleFirstNames: [String] = [
        "Jean", "Pierre", "Michel", "André", "Jacques", "Bernard", "Robert", "René", "Marcel",
        "Roger", "Gérard", "Claude", "Alain", "Daniel", "Serge", "Jean-Pierre", "Jean-Claude",
        "Mohamed", "Ahmed", "Karim", "Rachid", "Thomas", "Lucas", "Hugo", "Théo", "Antoine",
        "Julien", "Nicolas", "Mathieu", "Yanis", "Amadou", "Mamadou", "François", "Hervé",
    ]

    static let lastNames: [String] = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
        "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
        "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
        "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier",
        "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen",
        "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël",
        "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour", "Blanchard", "Brun",
        "Benali", "Haddad", "Diallo", "Traoré", "Da Silva", "Ferreira", "Le Gall", "D'Almeida",
        "Kowalski", "Nowak", "Cohen", "Lévy", "Barbier", "Arnaud", "Caron", "Giraud",
    ]

    /// The four partner associations (docs/FORMAT.md) and how often each brings a volunteer.
    static let associations: [String] = [
        "Centre social Les Tilleuls", "AFEV", "Léo Lagrange", "Secours populaire",
    ]
    static let associationWeights: [Double] = [0.38, 0.22, 0.2, 0.2]

    /// Domain codes in the order of `domainMix`.
    static let domainCodes = ["courses", "ecoute", "coup_de_main", "orientation", "autre"]
    /// Share of requests per domain (courses 45 %, écoute 22 %, coup de main 20 %,
    /// orientation 9 %, other 4 %).
    static let domainMix: [Double] = [0.45, 0.22, 0.20, 0.09, 0.04]

    /// Labels typed for each domain, with their weights. "Aide administrative" and
    /// "Accompagnement" are unknown to the default settings: the importer warns and
    /// counts them under `autre`.
    static let domainLabels: [[(String, Double)]] = [
        [("Courses", 0.42), ("courses à domicile", 0.2), ("Aller à la poste", 0.12), ("Sortir le chien", 0.1),
         ("COURSES", 0.06), ("Courses à domicile", 0.06), ("Pharmacie", 0.04)],
        [("Écoute", 0.4), ("Échanges téléphoniques", 0.3), ("écoute", 0.12), ("Ecoute", 0.08),
         ("Appel de convivialité", 0.1)],
        [("Coup de main", 0.3), ("Jardinage", 0.3), ("Bricolage", 0.28), ("coup de main", 0.07), ("jardinage", 0.05)],
        [("Orientation", 0.55), ("Mise en lien", 0.35), ("orientation", 0.1)],
        [("Autre", 0.45), ("Divers", 0.3), ("Aide administrative", 0.17), ("Accompagnement", 0.08)],
    ]

    /// What a volunteer offers, as typed in "Services proposés".
    static let serviceLabels: [String] = [
        "Courses", "Écoute", "Coup de main", "Jardinage", "Bricolage", "Orientation",
        "Échanges téléphoniques", "Aller à la poste", "Sortir le chien",
    ]

    /// Status labels with their weights, by canonical status.
    static let doneLabels: [(String, Double)] = [
        ("Réalisée", 0.58), ("Terminée", 0.2), ("réalisée", 0.1), ("terminée", 0.04), ("Faite", 0.04),
        ("REALISEE", 0.04),
    ]
    static let matchedLabels: [(String, Double)] = [("En cours", 0.6), ("Mise en relation", 0.3), ("en cours", 0.1)]
    static let openLabels: [(String, Double)] = [("En attente", 0.7), ("en attente", 0.15), ("Nouvelle", 0.15)]
    static let cancelledLabels: [(String, Double)] = [("Annulée", 0.75), ("annulée", 0.15), ("ANNULÉE", 0.1)]
    static let unmetLabels: [(String, Double)] = [("Non pourvue", 0.5), ("Sans suite", 0.35), ("sans suite", 0.15)]

    /// Channel: mostly left empty (phone is the default).
    static let channels: [(String, Double)] = [("", 0.8), ("Téléphone", 0.12), ("Sur place", 0.05), ("Courriel", 0.03)]

    /// Free-text comments (never personal data). Some hold `;`, quotes or a line break:
    /// they are quoted, and the importer ignores the column.
    static let comments: [String] = [
        "Rappeler après 14h",
        "Habitante très isolée ; à rappeler la semaine prochaine",
        "Demande \"urgente\" selon l'habitant",
        "Prévoir un sac isotherme\nCode de la porte à demander",
        "RAS",
        "Bénévole a signalé un logement difficile d'accès ; voir avec la coordinatrice",
        "Première demande, orientée par le CCAS",
        "A demandé si c'était \"gratuit\" : oui",
        "Deux passages prévus\nle mardi et le vendredi",
        "Liste de courses dictée par téléphone",
        "Pas de réponse au premier appel",
        "Chien un peu craintif, prévoir du temps",
    ]

    /// Résumés of reasons, written in the `Commentaire` of cancelled and unmet requests.
    static let closingComments: [String] = [
        "Annulée par l'habitant",
        "Famille passée entre-temps",
        "Aucun bénévole disponible ce jour-là",
        "Hors du périmètre du réseau ; orientée vers un professionnel",
    ]
}
