import Foundation
import Mustache

/// Escapes Markdown's inline punctuation in values written with `{{name}}`, so a network or
/// association name cannot break a table or start emphasis. `{{{name}}}` writes the raw value.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|": out.append("\\"); out.append(c)
            default: out.append(c)
            }
        }
        return out
    }
}

/// The Mustache template of the monthly summary: the shipped French or English one, or a file.
public struct SummaryTemplate: Sendable {
    /// Where the text came from, for error messages.
    public let source: String
    public let text: String
    let template: MustacheTemplate

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()

    /// Parses a template. Errors are `UserError`s naming the source and the line.
    public init(text: String, source: String) throws {
        _ = Self.registration
        self.source = source
        self.text = text
        // The pragma on a line of its own (removed at rendering) makes `{{name}}` escape for
        // Markdown instead of HTML; line numbers in errors are shifted back by one.
        do {
            template = try MustacheTemplate(string: "{{% CONTENT_TYPE: MARKDOWN }}\n" + text)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber - 1
            let column = error.context.columnNumber, why = Self.explain(error.error)
            let quoted = error.context.line.trimmingCharacters(in: .whitespaces)
            throw UserError(.badSetting,
                fr: "modèle \(source), ligne \(line), colonne \(column) : \(why.fr)\n    \(quoted)"
                    + "\nCorrigez le modèle (sa syntaxe est décrite dans reports/README.md) ou retirez --template.",
                en: "template \(source), line \(line), column \(column): \(why.en)\n    \(quoted)"
                    + "\nFix the template (its syntax is described in reports/README.md) or leave out --template.")
        } catch {
            throw UserError(.badSetting, fr: "modèle \(source) : \(error)", en: "template \(source): \(error)")
        }
        try checkVariables()
    }

    /// The shipped template of a language (also in reports/templates/).
    public static func builtIn(_ language: Language) throws -> SummaryTemplate {
        let (text, name) = language == .en
            ? (DefaultTemplates.english, DefaultTemplates.englishFileName)
            : (DefaultTemplates.french, DefaultTemplates.frenchFileName)
        // The shipped templates are tested; a failure here is a bug, not a user error.
        do {
            return try SummaryTemplate(text: text, source: "(built-in) " + name)
        } catch {
            throw InternalError("the built-in template \(name) does not parse: \(error)")
        }
    }

    /// Reads a template file (UTF-8).
    public static func load(_ url: URL) throws -> SummaryTemplate {
        let data: Data
        do {
            data = try SystemFile.readAll(url.path, name: "the template \(url.path)")
        } catch let error as FileSystemError {
            throw error.userError
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserError(.badSetting, fr: "le modèle \(url.path) n'est pas du texte UTF-8 ; enregistrez-le en UTF-8",
                            en: "the template \(url.path) is not UTF-8 text; save it as UTF-8")
        }
        return try SummaryTemplate(text: text, source: url.path)
    }

    func render(_ context: [String: Any]) -> String {
        template.render(context)
    }

    static func explain(_ error: Error) -> Localized {
        guard let e = error as? MustacheTemplate.Error else { return .verbatim("\(error)") }
        switch e {
        case .sectionCloseNameIncorrect:
            return Localized("une balise fermante {{/…}} ne correspond pas à la section qu'elle ferme",
                             "a closing tag {{/…}} does not match the section it closes")
        case .unfinishedName:
            return Localized("une balise n'est pas terminée (un nom suivi de }} est attendu)",
                             "a tag is not finished (a name followed by }} is expected)")
        case .expectedSectionEnd:
            return Localized("une section {{#…}} ou {{^…}} n'est jamais fermée par {{/…}}",
                             "a section {{#…}} or {{^…}} is never closed with {{/…}}")
        case .invalidSetDelimiter:
            return Localized("un changement de délimiteurs {{=… …=}} est mal écrit",
                             "a delimiter change {{=… …=}} is badly written")
        case .transformAppliedToInheritanceSection:
            return Localized("une transformation ne peut pas s'appliquer à une section héritée",
                             "a transform cannot apply to an inherited section")
        case .illegalTokenInsideInheritSection:
            return Localized("balise inattendue dans un partiel hérité", "unexpected tag inside an inherited partial")
        case .textInsideInheritSection:
            return Localized("texte inattendu dans un partiel hérité", "unexpected text inside an inherited partial")
        case .invalidConfigVariableSyntax:
            return Localized("un réglage {{% … }} est mal écrit", "a {{% … }} setting is badly written")
        case .unrecognisedConfigVariable:
            return Localized("réglage {{% … }} inconnu", "unknown {{% … }} setting")
        }
    }

    /// Catches misspelt variables (which Mustache would silently render as nothing): every name
    /// in a `{{…}}` tag must be one the summary provides. Skipped when the template changes its
    /// delimiters.
    func checkVariables() throws {
        guard !text.contains("{{=") else { return }
        var lineNumber = 1
        var index = text.startIndex
        while let open = text.range(of: "{{", range: index..<text.endIndex) {
            lineNumber += text[index..<open.lowerBound].filter(\.isNewline).count
            guard let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) else { return }
            var tag = Substring(text[open.upperBound..<close.lowerBound])
            index = close.upperBound
            if index < text.endIndex && text[index] == "}" { index = text.index(after: index) }
            let inner = tag.filter(\.isNewline).count
            defer { lineNumber += inner }
            guard let first = tag.first, first != "!", first != "%", first != ">", first != "<", first != "$" else { continue }
            if "#^/&{".contains(first) { tag = tag.dropFirst() }
            let name = tag.trimmingCharacters(in: .whitespaces)
            if name == "." || name.isEmpty { continue }
            for part in name.split(separator: ".") where !SummaryContext.variableNames.contains(String(part)) {
                throw UserError(.badSetting,
                    fr: "modèle \(source), ligne \(lineNumber) : variable inconnue « \(name) » ; "
                        + "les variables sont listées dans reports/README.md",
                    en: "template \(source), line \(lineNumber): unknown variable \"\(name)\"; "
                        + "the variables are listed in reports/README.md")
            }
        }
    }
}
