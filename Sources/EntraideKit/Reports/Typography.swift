import Foundation

/// The one typography helper of the documents (docs/INDICATORS.md, "The monthly note and the workbooks"): French
/// text gets a narrow no-break space (U+202F) before `;` `:` `!` `?` `%` and inside « », so a
/// sign never starts a line and `+125%` reads `+125 %`; a zero never carries a sign (`−0`,
/// `-0 pt` read `0`, `0 pt`). English text only loses its signed zeros. The workbooks, the
/// Markdown note and the HTML note all pass their French text through `french(_:)`.
public enum Typography {
    /// U+202F, the narrow no-break space of French typography.
    public static let narrowNBSP = "\u{202F}"

    /// `text` in the language's typography: `french(_:)` for French, `unsignedZeros(_:)` for English.
    public static func apply(_ text: String, _ language: Language) -> String {
        language == .en ? unsignedZeros(text) : french(text)
    }

    /// French spacing. Any space (ordinary, no-break or narrow) before `;` `:` `!` `?` becomes a
    /// narrow no-break space, and one is added before a `%` that follows a figure and inside « »
    /// when missing. A `:`
    /// glued to what precedes it (`09:00`, `https:`) is left alone: only a spaced colon is
    /// punctuation. Signed zeros lose their sign.
    /// - Parameter space: the space put there, the narrow no-break space unless said (the
    ///   workbooks ask for the no-break space U+00A0, see `WorkbookText.typeset`).
    public static func french(_ text: String, space: String = narrowNBSP) -> String {
        guard text.contains(where: { Self.triggers.contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        // The spaces met since the last other character, put back as they were unless the
        // character after them calls for the narrow no-break space.
        var pending = ""
        var previous: Character? = nil
        for c in text {
            if c == " " || c == "\u{00A0}" || c == "\u{202F}" {
                pending.append(c)
                continue
            }
            switch c {
            case ";", ":", "!", "?":
                // `a ; b` → narrow space; `a;b` (a time, an address, a formula) stays as it is.
                if !pending.isEmpty { out += space }
            case "%":
                // After a figure (`+125%`), or where a space was; `(%)` stays as it is.
                if !pending.isEmpty || (previous?.isNumber ?? false) { out += space }
            case "»":
                if !pending.isEmpty || previous != nil { out += space }
            default:
                if previous == "«" { out += space } else { out += pending }
            }
            pending = ""
            out.append(c)
            previous = c
        }
        out += pending
        return unsignedZeros(out)
    }

    static let triggers: Set<Character> = [";", ":", "!", "?", "%", "«", "»", "−", "-"]

    /// `−0`, `-0`, `−0,0`, `+0 pt` → `0`, `0,0`, `0 pt`: a zero has no sign. A minus inside a
    /// word or a number (`Bas-Quartier`, `2026-10`, `−0,5`) is left alone.
    public static func unsignedZeros(_ text: String) -> String {
        guard text.contains("0"), text.contains(where: { $0 == "−" || $0 == "-" || $0 == "+" }) else { return text }
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "−" || c == "-" || c == "+", i + 1 < chars.count, chars[i + 1] == "0",
               i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) {
                // The number after the sign: `0`, then optionally `,0…` or `.0…`.
                var j = i + 2
                if j + 1 < chars.count, chars[j] == "," || chars[j] == ".", chars[j + 1] == "0" {
                    j += 1
                    while j < chars.count, chars[j] == "0" { j += 1 }
                }
                let next = j < chars.count ? chars[j] : " "
                let decimals = (next == "," || next == ".") && j + 1 < chars.count && chars[j + 1].isNumber
                if !next.isNumber && !decimals {
                    i += 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Every string inside `value` (a string, or dictionaries and lists of them, as a Mustache
    /// context holds) in French typography.
    public static func frenchValues(_ value: Any, space: String = narrowNBSP) -> Any {
        switch value {
        case let s as String: return french(s, space: space)
        case let d as [String: Any]: return d.mapValues { frenchValues($0, space: space) }
        case let a as [[String: Any]]: return a.map { $0.mapValues { frenchValues($0, space: space) } }
        case let a as [Any]: return a.map { frenchValues($0, space: space) }
        default: return value
        }
    }

    /// A rendered Markdown document in French typography, line by line, leaving alone what is
    /// Markdown syntax rather than text: a table's delimiter row (`| :--- | ---: |`) and a
    /// line that is only an image's link target.
    public static func frenchMarkdown(_ markdown: String) -> String {
        var fenced = false
        return markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let s = String(line)
            let t = s.trimmingCharacters(in: .whitespaces)
            // Code is quoted as written: a fenced block, and `code spans` within a line.
            if t.hasPrefix("```") || t.hasPrefix("~~~") { fenced.toggle(); return s }
            if fenced { return s }
            if t.hasPrefix("|"), t.allSatisfy({ "|:- ".contains($0) }) { return s }
            if t.hasPrefix("!["), let open = t.range(of: "](") {
                return frenchOutsideCode(String(t[..<open.lowerBound])) + String(t[open.lowerBound...])
            }
            return frenchOutsideCode(s)
        }.joined(separator: "\n")
    }

    /// `french` on the parts of a line outside its `code spans` (an unclosed backtick is text).
    static func frenchOutsideCode(_ line: String) -> String {
        let parts = line.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return french(line) }
        var out = ""
        for (i, part) in parts.enumerated() {
            // Odd parts are inside a span, unless the last backtick is left open.
            let inside = i % 2 == 1 && !(i == parts.count - 1 && parts.count % 2 == 0)
            if i > 0 { out += "`" }
            out += inside ? part : french(part)
        }
        return out
    }
}
