import Foundation

/// Converts the Markdown the note's templates write into HTML (docs/ARCHITECTURE.md,
/// "Reports/Document"): headings, paragraphs, `**bold**`, `_em_` and `*em*`, `` `code` ``,
/// bullet and numbered lists, blockquotes, pipe tables with their alignment row, rules, fenced
/// code, links (http, https and mailto only) and images. An image whose file is one of
/// `images` (a chart of the note) is replaced by that SVG, inline, labelled with its alt text;
/// any other image becomes its alt text in brackets, since the document loads nothing.
///
/// Everything that is not markup is escaped: a name with `<`, `&` or quotes stays text. A
/// backslash before punctuation (the templates' escaping of values, `\*`, `\|`) writes it as is.
public struct MarkdownHTML: Sendable {
    /// SVG text of the charts, by the file name the Markdown links to.
    public var images: [String: String]

    public init(images: [String: String] = [:]) { self.images = images }

    /// The HTML of `markdown` (a fragment: the page around it is `HTMLDocument`'s).
    public func convert(_ markdown: String) -> String {
        var inliner = MarkdownInline(images: images)
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        let blocks = MarkdownBlocks.parse(lines)
        return render(blocks, &inliner)
    }

    private func render(_ blocks: [MarkdownBlocks.Block], _ inliner: inout MarkdownInline) -> String {
        var out = ""
        var index = 0
        while index < blocks.count {
            // Consecutive charts share a row on a wide page (`.figures`).
            if case .figure = blocks[index] {
                var group: [String] = []
                while index < blocks.count, case .figure(let images) = blocks[index] {
                    group.append(contentsOf: images.map { inliner.figure(alt: $0.alt, source: $0.source) })
                    index += 1
                }
                out += group.count > 1
                    ? "<div class=\"figures\">\n" + group.joined(separator: "\n") + "\n</div>\n"
                    : group[0] + "\n"
                continue
            }
            out += render(blocks[index], &inliner)
            index += 1
        }
        return out
    }

    private func render(_ block: MarkdownBlocks.Block, _ inliner: inout MarkdownInline) -> String {
        switch block {
        case .heading(let level, let text):
            return "<h\(level)>\(inliner.render(text))</h\(level)>\n"
        case .paragraph(let text):
            return "<p>\(inliner.render(text))</p>\n"
        case .rule:
            return "<hr>\n"
        case .code(let text):
            return "<pre><code>\(HTMLText.escape(text))</code></pre>\n"
        case .quote(let inner):
            return "<blockquote>\n" + render(inner, &inliner) + "</blockquote>\n"
        case .list(let start, let items):
            let tag = start == nil ? "ul" : "ol"
            let first = start.map { $0 == 1 ? "" : " start=\"\($0)\"" } ?? ""
            return "<\(tag)\(first)>\n" + items.map { "<li>\(inliner.render($0))</li>\n" }.joined() + "</\(tag)>\n"
        case .table(let alignments, let header, let rows):
            func cells(_ row: [String], _ tag: String) -> String {
                row.enumerated().map { i, cell in
                    let align = i < alignments.count ? alignments[i] : nil
                    let attribute = align.map { " class=\"\($0)\"" } ?? ""
                    return "<\(tag)\(attribute)>\(inliner.render(cell))</\(tag)>"
                }.joined()
            }
            var out = "<table>\n<thead><tr>\(cells(header, "th"))</tr></thead>\n<tbody>\n"
            for row in rows { out += "<tr>\(cells(row, "td"))</tr>\n" }
            return out + "</tbody>\n</table>\n"
        case .figure(let images):
            return images.map { inliner.figure(alt: $0.alt, source: $0.source) }.joined(separator: "\n") + "\n"
        }
    }
}
