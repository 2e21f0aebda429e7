import Foundation

/// Inline Markdown to HTML for `MarkdownHTML`: emphasis, code, links, images, backslash
/// escapes and hard line breaks; every other character escaped. Numbers each chart it inlines,
/// so that the ids inside the SVGs stay unique in the page.
struct MarkdownInline {
    /// An image as written: `![alt](source)`.
    struct Image: Equatable, Sendable {
        var alt: String
        var source: String
    }

    var images: [String: String]
    private var charts = 0

    init(images: [String: String]) { self.images = images }

    /// The HTML of one block's text.
    mutating func render(_ text: String) -> String {
        let chars = Array(text)
        return render(chars, 0, chars.count)
    }

    /// A chart as a figure: the SVG inline, labelled with `alt`; an image that is not one of the
    /// charts becomes its alt text, since the page loads nothing from elsewhere.
    mutating func figure(alt: String, source: String) -> String {
        guard let svg = images[source] else {
            return "<figure class=\"missing\"><figcaption>[\(HTMLText.escape(alt.isEmpty ? source : alt))]"
                + "</figcaption></figure>"
        }
        charts += 1
        return "<figure class=\"chart\">" + InlineSVG.prepare(svg, label: alt, prefix: "chart\(charts)-") + "</figure>"
    }

    private mutating func render(_ c: [Character], _ start: Int, _ end: Int) -> String {
        var out = ""
        var i = start
        while i < end {
            let ch = c[i]
            if ch == "\\", i + 1 < end, Self.isPunctuation(c[i + 1]) {
                out += HTMLText.escape(String(c[i + 1])); i += 2; continue
            }
            if ch == "\n" {
                if out.hasSuffix("  ") {
                    while out.hasSuffix(" ") { out.removeLast() }
                    out += "<br>\n"
                } else {
                    out += "\n"
                }
                i += 1; continue
            }
            if ch == "`", let close = Self.find(c, "`", from: i + 1, end: end, code: false) {
                out += "<code>" + HTMLText.escape(String(c[(i + 1)..<close])) + "</code>"; i = close + 1; continue
            }
            if ch == "!", i + 1 < end, c[i + 1] == "[", let (image, next) = Self.image(c, at: i, end: end) {
                out += figure(alt: image.alt, source: image.source)
                    .replacingOccurrences(of: "<figure", with: "<span")
                    .replacingOccurrences(of: "</figure>", with: "</span>")
                    .replacingOccurrences(of: "figcaption>", with: "span>")
                i = next; continue
            }
            if ch == "[", let (text, target, next) = Self.link(c, at: i, end: end) {
                let inner = render(Array(text), 0, text.count)
                if Self.isSafeLink(target) {
                    out += "<a href=\"\(HTMLText.escape(target))\">\(inner)</a>"
                } else {
                    out += inner
                }
                i = next; continue
            }
            if (ch == "*" || ch == "_"), i + 1 < end, c[i + 1] == ch, i + 2 < end, !c[i + 2].isWhitespace,
               let close = Self.find(c, String([ch, ch]), from: i + 2, end: end) {
                out += "<strong>" + render(c, i + 2, close) + "</strong>"; i = close + 2; continue
            }
            if (ch == "*" || ch == "_"), Self.opens(c, i, end), let close = Self.closing(c, ch, from: i + 1, end: end) {
                out += "<em>" + render(c, i + 1, close) + "</em>"; i = close + 1; continue
            }
            out += HTMLText.escape(String(ch)); i += 1
        }
        return out
    }

    /// The images of a paragraph made of nothing else, or nil.
    static func onlyImages(_ text: String) -> [Image]? {
        let c = Array(text)
        var i = 0
        var found: [Image] = []
        while i < c.count {
            if c[i].isWhitespace { i += 1; continue }
            guard c[i] == "!", let (image, next) = image(c, at: i, end: c.count) else { return nil }
            found.append(image)
            i = next
        }
        return found.isEmpty ? nil : found
    }

    /// `![alt](source "title")` at `i`: the image and the index after it.
    static func image(_ c: [Character], at i: Int, end: Int) -> (Image, Int)? {
        guard i + 1 < end, c[i] == "!", let (alt, source, next) = link(c, at: i + 1, end: end) else { return nil }
        return (Image(alt: unescape(alt), source: source), next)
    }

    /// `[text](target)` at `i`: the text (escapes kept), the target and the index after it.
    static func link(_ c: [Character], at i: Int, end: Int) -> (String, String, Int)? {
        guard c[i] == "[", let close = find(c, "]", from: i + 1, end: end), close + 1 < end, c[close + 1] == "(",
              let paren = closingParenthesis(c, from: close + 2, end: end) else { return nil }
        var target = String(c[(close + 2)..<paren]).trimmingCharacters(in: .whitespaces)
        if let space = target.firstIndex(of: " ") { target = String(target[..<space]) }
        if target.hasPrefix("<") && target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
        return (String(c[(i + 1)..<close]), unescape(target), paren + 1)
    }

    /// The `)` that closes a link's target, nested pairs of parentheses included.
    static func closingParenthesis(_ c: [Character], from: Int, end: Int) -> Int? {
        var depth = 0, j = from
        while j < end {
            if c[j] == "\\" { j += 2; continue }
            if c[j] == "(" { depth += 1 }
            if c[j] == ")" {
                if depth == 0 { return j }
                depth -= 1
            }
            j += 1
        }
        return nil
    }

    /// Only links that open a page or a mail: never `javascript:` or a file.
    static func isSafeLink(_ target: String) -> Bool {
        let lower = target.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
    }

    /// Text with its backslash escapes resolved (alt text, link targets).
    static func unescape(_ text: String) -> String {
        var out = "", escaped = false
        for ch in text {
            if !escaped, ch == "\\" { escaped = true; continue }
            if escaped, !isPunctuation(ch) { out.append("\\") }
            out.append(ch); escaped = false
        }
        if escaped { out.append("\\") }
        return out
    }

    static func isPunctuation(_ ch: Character) -> Bool {
        ch.isASCII && (ch.isPunctuation || ch.isSymbol)
    }

    /// Where `delimiter` next occurs in `c[from..<end]`, skipping escaped characters and, when
    /// `code`, code spans.
    static func find(_ c: [Character], _ delimiter: String, from: Int, end: Int, code: Bool = true) -> Int? {
        let d = Array(delimiter)
        var j = from
        while j + d.count <= end {
            if c[j] == "\\", j + 1 < end { j += 2; continue }
            if code, c[j] == "`", d != ["`"], let close = find(c, "`", from: j + 1, end: end, code: false) {
                j = close + 1; continue
            }
            if Array(c[j..<(j + d.count)]) == d { return j }
            j += 1
        }
        return nil
    }

    /// A single `*` or `_` that can open emphasis: followed by a non-space, and for `_` not
    /// inside a word (`snake_case` stays as it is).
    static func opens(_ c: [Character], _ i: Int, _ end: Int) -> Bool {
        guard i + 1 < end, !c[i + 1].isWhitespace else { return false }
        if c[i] == "_", i > 0, c[i - 1].isLetter || c[i - 1].isNumber { return false }
        return true
    }

    /// The matching closing `*` or `_`: after a non-space, and for `_` not followed by a letter.
    static func closing(_ c: [Character], _ ch: Character, from: Int, end: Int) -> Int? {
        var j = from
        while let k = find(c, String(ch), from: j, end: end) {
            let afterOK = ch == "*" || k + 1 >= end || !(c[k + 1].isLetter || c[k + 1].isNumber)
            if k > from, !c[k - 1].isWhitespace, afterOK { return k }
            j = k + 1
        }
        return nil
    }
}
