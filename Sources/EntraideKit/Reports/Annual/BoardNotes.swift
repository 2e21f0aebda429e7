import Foundation

/// The annual report's sections the board writes (docs/INDICATORS.md, "The annual report"):
/// « Faits marquants », « Difficultés », « Perspectives », read from the Markdown file given to
/// `report annual --notes FILE`. Without a file, or for a section the file does not have, the
/// report shows a clearly marked blank.
///
/// The file is Markdown with those headings, at any level (`#` to `######`), matched ignoring
/// case, accents and punctuation; the English `Highlights`, `Difficulties` (or `Challenges`) and
/// `Outlook` (or `Prospects`) are accepted too. Under a heading, everything down to the next
/// heading of the same or a higher level belongs to that section, its own sub-headings
/// included (they are renumbered to sit under the report's section heading); a heading named
/// like a section is that section at whatever level. Nothing is dropped in silence: text before
/// the first section, a heading at a section's level that is none of the three, a section given
/// twice, a file that is not a regular file, not UTF-8 text or larger than `maxBytes` is refused
/// with `FILE:LINE` and what to change. So is a line holding a phone number or an e-mail address
/// (`PersonalData`): the report is handed out.
///
/// ```markdown
/// ## Faits marquants
/// - Ouverture d'une permanence le samedi matin.
/// ## Difficultés
/// Peu de bénévoles pour le bricolage.
/// ## Perspectives
/// Un partenariat avec la médiathèque.
/// ```
public struct BoardNotes: Sendable, Equatable {
    /// The three sections, in the report's order.
    public enum Section: String, CaseIterable, Sendable {
        case highlights, difficulties, outlook

        public var title: Localized {
            switch self {
            case .highlights: return Localized("Faits marquants", "Highlights")
            case .difficulties: return Localized("Difficultés", "Difficulties")
            case .outlook: return Localized("Perspectives", "Outlook")
            }
        }

        /// The headings that name the section, normalised (`TextKey.normalize`).
        var names: [String] {
            switch self {
            case .highlights: return ["faits_marquants", "highlights"]
            case .difficulties: return ["difficultes", "difficulties", "challenges"]
            case .outlook: return ["perspectives", "outlook", "prospects"]
            }
        }

        static func named(_ heading: String) -> Section? {
            let key = TextKey.normalize(heading)
            return allCases.first { $0.names.contains(key) }
        }
    }

    /// The largest notes file read: a board's text is a few pages, not megabytes.
    public static let maxBytes = 1 << 20

    /// Markdown of each section given, without its heading; a section absent is a blank.
    public private(set) var sections: [Section: String] = [:]

    /// No notes: every section is a marked blank.
    public init() {}

    /// Reads `path` (see the type's documentation for what is accepted).
    public init(path: String) throws {
        // A named pipe would block the read, a device never end it: only a regular file.
        if let info = SystemFile.status(path), (info.st_mode & S_IFMT) != S_IFREG {
            throw UserError(.badArgument,
                fr: "--notes \(path) : ce n'est pas un fichier ordinaire ; donnez le chemin d'un fichier Markdown (.md)",
                en: "--notes \(path): not a regular file; give the path of a Markdown (.md) file")
        }
        let data: Data
        do {
            data = try SystemFile.readAll(path, name: "--notes \(path)", limit: Self.maxBytes)
        } catch let error as FileSystemError {
            throw error.userError
        }
        guard data.count <= Self.maxBytes else {
            throw UserError(.badArgument,
                fr: "--notes \(path) : le fichier fait plus de 1 Mo ; les sections du bureau tiennent en quelques pages de texte",
                en: "--notes \(path): the file is larger than 1 MB; the board's sections are a few pages of text")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserError(.badArgument, fr: "--notes \(path) : ce n'est pas du texte UTF-8 ; enregistrez-le en UTF-8",
                            en: "--notes \(path): not UTF-8 text; save it as UTF-8")
        }
        try self.init(markdown: text, source: path)
    }

    /// Parses the notes' Markdown; `source` names the file in messages.
    public init(markdown: String, source: String) throws {
        var text = markdown
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let accepted = Section.allCases.map { $0.title.fr }.joined(separator: "\u{00A0}», «\u{00A0}")
        let acceptedEN = Section.allCases.map { $0.title.en }.joined(separator: "”, “")

        var current: (section: Section, level: Int, line: Int)?
        var body: [String] = []
        var fence = false
        func close() {
            guard let c = current else { return }
            while body.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeLast() }
            while body.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeFirst() }
            sections[c.section] = body.joined(separator: "\n")
            body = []
        }
        for (i, line) in lines.enumerated() {
            let number = i + 1
            // The report is handed out: no phone number or e-mail address may reach it
            // (docs/SECURITY.md); the line is not quoted back.
            if PersonalData.mask(line) != line {
                throw UserError(.badArgument,
                    fr: "\(source):\(number) : cette ligne contient ce qui ressemble à un numéro de téléphone ou à une adresse e-mail ; retirez-les : le rapport est diffusé, aucune coordonnée ne doit y figurer",
                    en: "\(source):\(number): this line holds what looks like a phone number or an e-mail address; remove it: the report is handed out and must hold no contact details")
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence.toggle() }
            let heading = fence ? nil : Self.heading(trimmed)
            // A heading named like a section is that section at any level: one deeper than the
            // section before would otherwise move the board's text under the wrong heading.
            if let (level, title) = heading, let section = Section.named(title) {
                if sections[section] != nil || current?.section == section {
                    throw UserError(.badArgument,
                        fr: "\(source):\(number) : « \(section.title.fr) » est déjà une section plus haut ; réunissez les deux textes sous un seul titre",
                        en: "\(source):\(number): “\(section.title.en)” is already a section above; put both texts under one heading")
                }
                close()
                current = (section, level, number)
                continue
            }
            guard let c = current else {
                guard trimmed.isEmpty else {
                    throw UserError(.badArgument,
                        fr: "\(source):\(number) : ce texte est avant toute section ; placez-le sous l'un des titres « \(accepted) » (par exemple « ## Faits marquants »)",
                        en: "\(source):\(number): this text comes before any section; put it under one of the headings “\(acceptedEN)” (e.g. “## Highlights”)")
                }
                continue
            }
            if let (level, _) = heading {
                // The heading is not quoted back: the board's text may name someone.
                guard level > c.level else {
                    let deeper = String(repeating: "#", count: c.level + 1)
                    throw UserError(.badArgument,
                        fr: "\(source):\(number) : ce titre n'est pas une section du rapport ; les sections sont « \(accepted) » ; pour un sous-titre de « \(c.section.title.fr) », commencez la ligne par « \(deeper) »",
                        en: "\(source):\(number): this heading is not a section of the report; the sections are “\(acceptedEN)”; for a sub-heading of “\(c.section.title.en)”, start the line with “\(deeper)”")
                }
                // The report's sections are `##`: a sub-heading becomes `###` and deeper.
                body.append(Self.shifted(line: trimmed, by: 3 - (c.level + 1), level: level))
                continue
            }
            body.append(line)
        }
        close()
    }

    /// The Markdown of `section`, nil when the notes do not give it (or give it empty).
    public func text(_ section: Section) -> String? {
        guard let text = sections[section], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }

    /// `## Titre` → (2, "Titre"); nil for a line that is not an ATX heading.
    static func heading(_ trimmed: String) -> (Int, String)? {
        guard case .heading(let level, let text)? = MarkdownBlocks.heading(trimmed) else { return nil }
        return (level, text.trimmingCharacters(in: .whitespaces))
    }

    /// The heading `trimmed` (of `level`) moved by `delta` levels, kept between 3 and 6.
    static func shifted(line trimmed: String, by delta: Int, level: Int) -> String {
        let new = min(max(level + delta, 3), 6)
        let text = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
        return String(repeating: "#", count: new) + " " + text
    }
}
