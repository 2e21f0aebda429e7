import Foundation

/// The monthly note as one HTML file (`rapport-2026-10.html`, beside the `.md`): the rendered
/// Markdown converted by `MarkdownHTML`, its charts inline, in an `HTMLDocument`
/// (docs/ARCHITECTURE.md, "Reports/Document").
public enum MonthlyNoteHTML {
    /// `rapport-2026-10.md` → `rapport-2026-10.html`.
    public static func fileName(_ summary: MonthlySummary.Output) -> String {
        var base = summary.markdownFileName
        if base.hasSuffix(".md") { base.removeLast(3) }
        return base + ".html"
    }

    /// The page of a rendered note.
    public static func render(_ summary: MonthlySummary.Output, data: MonthlyReportData,
                              language: Language) -> String {
        page(summary, header: [data.settings.networkName] + (data.association.map { [$0] } ?? [])
                + [ReportFormatter(language: language).monthName(data.month)],
             language: language)
    }

    /// The page of any rendered note (the monthly note, the annual report): its Markdown
    /// converted, its charts inline, `header`'s parts as the running header of every printed
    /// page (each cut at 80 characters: it is one line of the margin), `extraStyle` after the
    /// shared style sheet.
    static func page(_ summary: MonthlySummary.Output, header parts: [String], language: Language,
                     extraStyle: String = "") -> String {
        let images = Dictionary(summary.charts.map { ($0.fileName, $0.svg) }, uniquingKeysWith: { first, _ in first })
        let body = MarkdownHTML(images: images).convert(summary.markdown)
        let header = parts.filter { !$0.isEmpty }.map { $0.count > 80 ? String($0.prefix(79)) + "…" : $0 }
            .joined(separator: " — ")
        var document = HTMLDocument(language: language, title: title(summary.markdown) ?? header,
                                    runningHeader: header, body: body)
        document.extraStyle = extraStyle
        return document.render()
    }

    /// The text of the note's first heading (its title), Markdown escapes and emphasis removed.
    static func title(_ markdown: String) -> String? {
        for line in markdown.split(separator: "\n") {
            guard case .heading(_, let text)? = MarkdownBlocks.heading(line.trimmingCharacters(in: .whitespaces))
            else { continue }
            let plain = MarkdownInline.unescape(text.replacingOccurrences(of: "**", with: ""))
            return plain.isEmpty ? nil : plain
        }
        return nil
    }

    /// Writes the page to a temporary file in `dir`; its `commit()` puts it in place.
    static func stage(_ html: String, named name: String, in dir: String, policy: OutputPolicy) throws -> OutputFile {
        let folder = URL(fileURLWithPath: dir, isDirectory: true)
        let file = try OutputFile(folder.appendingPathComponent(name).path, policy: policy)
        try file.write(html)
        try file.flushToDisk()
        return file
    }
}
