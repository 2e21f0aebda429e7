import Foundation

/// A chart's SVG file made fit to sit inside an HTML page (docs/ARCHITECTURE.md,
/// "Reports/Document"): without its XML declaration, its ids prefixed so that several charts
/// never share one (every `id`, `url(#…)`, `href="#…"` and `aria-labelledby` follows), and its
/// root labelled with the Markdown's alt text (`role="img"`, `aria-label`).
enum InlineSVG {
    static func prepare(_ svg: String, label: String, prefix: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        var text = String(svg[start.lowerBound...])
        while text.hasSuffix("\n") { text.removeLast() }
        for id in ids(in: text) {
            let new = prefix + id
            text = text.replacingOccurrences(of: "id=\"\(id)\"", with: "id=\"\(new)\"")
                .replacingOccurrences(of: "url(#\(id))", with: "url(#\(new))")
                .replacingOccurrences(of: "href=\"#\(id)\"", with: "href=\"#\(new)\"")
        }
        guard let close = text.firstIndex(of: ">") else { return "" }
        var root = String(text[..<close])
        let rest = text[close...]
        // The alt text is the label; the chart's own title stays inside as its tooltip.
        root = removing("aria-labelledby", from: root)
        root = removing("aria-label", from: root)
        root = removing("role", from: root)
        if root.hasSuffix("/") { root.removeLast() }
        root += " role=\"img\" aria-label=\"\(HTMLText.escape(label))\""
        return root + rest
    }

    /// The values of every `id="…"` attribute, longest first (so that `a-b` is renamed before `a`).
    static func ids(in text: String) -> [String] {
        var found = Set<String>()
        var rest = Substring(text)
        while let r = rest.range(of: " id=\"") {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            found.insert(String(after[..<end]))
            rest = after[end...]
        }
        return found.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// The tag's text without the attribute `name="…"`.
    static func removing(_ name: String, from tag: String) -> String {
        guard let r = tag.range(of: " \(name)=\"") else { return tag }
        guard let end = tag[r.upperBound...].firstIndex(of: "\"") else { return tag }
        return String(tag[..<r.lowerBound]) + String(tag[tag.index(after: end)...])
    }
}
