import Foundation

/// The annual note's board sections (`BoardNotes`) and its methods (docs/INDICATORS.md, "The annual report").
extension AnnualNote {
    /// « Faits marquants », « Difficultés », « Perspectives »: the board's text from `--notes`,
    /// or a blank marked as one, that a reader cannot take for a finished section.
    func boardSections() -> String {
        var out = ""
        for section in BoardNotes.Section.allCases {
            out += "## " + section.title.text(language) + "\n\n"
            if let text = data.notes.text(section) {
                out += text + "\n\n"
            } else {
                out += en
                    ? "> **To be written by the board.** Nothing was given for this section (`report annual --notes FILE`, a Markdown file with the headings “Highlights”, “Difficulties”, “Outlook”).\n\n"
                    : "> **À rédiger par le bureau.** Rien n'a été fourni pour cette section (`report annual --notes FICHIER`, un fichier Markdown avec les titres « Faits marquants », « Difficultés », « Perspectives »).\n\n"
            }
        }
        // One blank line before the next section, as between the others.
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    /// The indicator keys the note's tables print.
    var shownKeys: [String] {
        var keys = headlineKeys + data.report.domainCodes.map { "requests.by_domain.\($0)" }
        for block in ["match", "contact"] {
            keys += SummaryContext.delayStats.map { "delays.\(block).\($0)" }
            keys += SummaryContext.workingStats.map { "delays.\(block).working.\($0)" }
        }
        keys += ["load.per_active_volunteer.mean", "load.per_active_volunteer.median", "load.per_active_volunteer.max",
                 "load.threshold", "load.over_threshold"]
        return keys
    }

    func methodsSection() -> String {
        var out = "## " + (en ? "Method" : "Méthode") + "\n\n"
        let zone = data.settings.timezone
        out += en
            ? "The figures are computed by the entraide tool from the coordinators' exports, by calendar month in the \(zone) time zone, for the calendar year \(year) (January to December) and the year before. No personal data (name, telephone) is kept or published.\n\n"
            : "Les chiffres sont calculés par l'outil entraide à partir des exports des coordinateurs, par mois civil dans le fuseau \(zone), pour l'année civile \(year) (janvier à décembre) et l'année précédente. Aucune donnée personnelle (nom, téléphone) n'est conservée ni publiée.\n\n"
        let coverage = text.coverageLine(data.coverage)
        out += en
            ? "**Coverage.** Data: \(coverage). A year is compared with the one before only when the data covers both completely (the first month of data counts only when its first request falls in its first week); otherwise each month is set beside the same month of the year before where the data covers it. A month outside the data has no figures, not zeros.\n\n"
            : "**Couverture.** Données : \(coverage). Une année n'est comparée à la précédente que si les données les couvrent toutes deux entièrement (le premier mois de données ne compte que si sa première demande tombe dans sa première semaine) ; sinon chaque mois est mis en regard du même mois de l'année précédente quand les données le couvrent. Un mois hors des données n'a pas de chiffres, ce ne sont pas des zéros.\n\n"
        out += "### " + (en ? "What each number means" : "Définitions des chiffres") + "\n\n"
        let keys = shownKeys
        for d in catalogue.definitions where keys.contains(where: { d.defines($0) }) {
            out += "- **\(d.title.text(language)).** \(d.text.text(language))\n"
        }
        out += en ? "- Details for developers: the project's docs/INDICATORS.md.\n" : "- Détails pour les développeurs : docs/INDICATORS.md du projet.\n"
        return out
    }
}
