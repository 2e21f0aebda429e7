import Foundation

/// The block structure of the Markdown subset `MarkdownHTML` converts: lines grouped into
/// headings, paragraphs, lists, blockquotes, tables, rules, code and figures (a paragraph made
/// only of images). Inline text is kept as written, for `MarkdownInline`.
enum MarkdownBlocks {
    enum Block: Equatable {
        case heading(level: Int, text: String)
        case paragraph(String)
        /// `start`: the number of a numbered list's first item (nil for bullets).
        case list(start: Int?, items: [String])
        case quote([Block])
        /// Alignment of each column (`left`, `center`, `right`, or nil when the row says none).
        case table(alignments: [String?], header: [String], rows: [[String]])
        case rule
        case code(String)
        case figure([MarkdownInline.Image])
    }

    static func parse(_ lines: [String]) -> [Block] {
        var blocks: [Block] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { i += 1; continue }
            if let heading = heading(trimmed) {
                blocks.append(heading); i += 1
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let fence = String(trimmed.prefix(3))
                var body: [String] = []
                i += 1
                while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).hasPrefix(fence) {
                    body.append(lines[i]); i += 1
                }
                i += 1
                blocks.append(.code(body.joined(separator: "\n")))
            } else if isRule(trimmed) {
                blocks.append(.rule); i += 1
            } else if trimmed.hasPrefix(">") {
                var inner: [String] = []
                while i < lines.count {
                    let t = lines[i].trimmingCharacters(in: .whitespaces)
                    guard t.hasPrefix(">") else { break }
                    var rest = t.dropFirst()
                    if rest.hasPrefix(" ") { rest = rest.dropFirst() }
                    inner.append(String(rest)); i += 1
                }
                blocks.append(.quote(parse(inner)))
            } else if let first = listMarker(line) {
                let ordered = first.ordered
                var items: [String] = []
                while i < lines.count {
                    if let item = listMarker(lines[i]), item.ordered == ordered {
                        items.append(item.text); i += 1
                    } else if !items.isEmpty, lines[i].hasPrefix("  "), !lines[i].trimmingCharacters(in: .whitespaces).isEmpty {
                        items[items.count - 1] += "\n" + lines[i].trimmingCharacters(in: .whitespaces); i += 1
                    } else if lines[i].trimmingCharacters(in: .whitespaces).isEmpty, i + 1 < lines.count,
                              listMarker(lines[i + 1])?.ordered == ordered {
                        i += 1
                    } else {
                        break
                    }
                }
                blocks.append(.list(start: ordered ? first.number : nil, items: items))
            } else if trimmed.hasPrefix("|"), i + 1 < lines.count, let alignments = delimiterRow(lines[i + 1]) {
                let header = cells(trimmed)
                i += 2
                var rows: [[String]] = []
                while i < lines.count {
                    let t = lines[i].trimmingCharacters(in: .whitespaces)
                    guard t.hasPrefix("|") else { break }
                    var row = cells(t)
                    while row.count < header.count { row.append("") }
                    rows.append(row); i += 1
                }
                blocks.append(.table(alignments: alignments, header: header, rows: rows))
            } else {
                var text: [String] = []
                while i < lines.count {
                    let t = lines[i].trimmingCharacters(in: .whitespaces)
                    if t.isEmpty || heading(t) != nil || t.hasPrefix(">") || t.hasPrefix("```") || isRule(t)
                        || (!text.isEmpty && listMarker(lines[i]) != nil)
                        || (t.hasPrefix("|") && i + 1 < lines.count && delimiterRow(lines[i + 1]) != nil) { break }
                    text.append(lines[i].hasSuffix("  ") ? t + "  " : t); i += 1
                }
                let joined = text.joined(separator: "\n")
                if let images = MarkdownInline.onlyImages(joined) {
                    blocks.append(.figure(images))
                } else {
                    blocks.append(.paragraph(joined))
                }
            }
        }
        return blocks
    }

    /// `## Title` → a heading of level 2 (`#` to `######`, followed by a space or nothing).
    static func heading(_ trimmed: String) -> Block? {
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = trimmed.dropFirst(hashes)
        guard rest.isEmpty || rest.hasPrefix(" ") else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        // A closing sequence of `#` is no part of the title.
        while text.hasSuffix("#") && !text.hasSuffix("\\#") { text.removeLast() }
        return .heading(level: hashes, text: text.trimmingCharacters(in: .whitespaces))
    }

    static func isRule(_ trimmed: String) -> Bool {
        let compact = trimmed.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    /// `- text`, `* text`, `+ text` (bullets) or `1. text`, `1) text` (numbered).
    static func listMarker(_ line: String) -> (ordered: Bool, number: Int, text: String)? {
        let t = line.drop { $0 == " " }
        guard line.count - t.count < 4 else { return nil }
        if let first = t.first, "-*+".contains(first), t.dropFirst().hasPrefix(" ") {
            return (false, 0, t.dropFirst(2).trimmingCharacters(in: .whitespaces))
        }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let rest = t.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().hasPrefix(" ") else { return nil }
        return (true, Int(digits) ?? 1, rest.dropFirst(2).trimmingCharacters(in: .whitespaces))
    }

    /// `| :--- | ---: | :-: |` → the alignments, or nil when the line is no delimiter row.
    static func delimiterRow(_ line: String) -> [String?]? {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("|") || t.hasPrefix(":") || t.hasPrefix("-") else { return nil }
        let parts = cells(t)
        guard !parts.isEmpty else { return nil }
        var alignments: [String?] = []
        for part in parts {
            let p = part.trimmingCharacters(in: .whitespaces)
            let dashes = p.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            switch (p.hasPrefix(":"), p.hasSuffix(":")) {
            case (true, true): alignments.append("center")
            case (false, true): alignments.append("right")
            case (true, false): alignments.append("left")
            case (false, false): alignments.append(nil)
            }
        }
        return alignments
    }

    /// The cells of a table row, split at every `|` that no backslash escapes; the outer pipes
    /// are no cells. Escapes stay in the text for `MarkdownInline`.
    static func cells(_ row: String) -> [String] {
        var t = Substring(row.trimmingCharacters(in: .whitespaces))
        if t.hasPrefix("|") { t = t.dropFirst() }
        var cells: [String] = [], current = "", escaped = false
        for c in t {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" { current.append(c); escaped = true; continue }
            if c == "|" { cells.append(current); current = ""; continue }
            current.append(c)
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty || escaped { cells.append(current) }
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
