/// Personal data in values quoted back to the user (docs/FORMAT.md, "Personal data and the
/// resident id"): coordinators type phone numbers and e-mail addresses into any column, and an
/// error message, a note or the rejects file must not repeat them.
public enum PersonalData {
    /// `text` with anything that looks like a phone number or an e-mail address masked:
    /// a run of 8 or more digits, alone or in groups joined by one space, dot, dash or no-break
    /// space, optionally after `+` (so `+33 6 12 34 56 78` and `0033612345678` too), keeps its
    /// first 2 and last 2 digits and its separators (`06 •• •• •• 78`); an e-mail address keeps
    /// the first character and the top-level domain (`j•••@•••.fr`). Digits glued to letters
    /// (`R12345678`) are an id, not a phone, and dates written `2026-10-03` or `03.10.2026` stay.
    public static func mask(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { b in
            var digits = 0, at = false
            for c in b {
                if isDigit(c) { digits += 1 } else if c == UInt8(ascii: "@") { at = true }
            }
            guard digits >= 8 || at else { return text }  // nothing to mask: the common case
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 32)
            var i = 0
            while i < b.count {
                let boundary = i == 0 || !isWordByte(b[i - 1])
                if boundary, let end = emailEnd(b, from: i) {
                    appendMaskedEmail(b[i..<end], to: &out)
                    i = end
                } else if boundary, let end = dateEnd(b, from: i) {
                    out.append(contentsOf: b[i..<end])
                    i = end
                } else if boundary, let end = phoneEnd(b, from: i) {
                    appendMaskedPhone(b[i..<end], to: &out)
                    i = end
                } else {
                    out.append(b[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The value between quotes, masked: how a message quotes a cell.
    static func quoted(_ value: String) -> String { "\"" + mask(value) + "\"" }

    /// The value between French quotation marks, masked: how a French message quotes a cell
    /// (`« 06 •• •• •• 78 »`).
    static func quotedFrench(_ value: String) -> String { "« " + mask(value) + " »" }

    /// The value quoted as a message in `language` quotes it, masked.
    static func quoted(_ value: String, _ language: Language) -> String {
        language == .en ? quoted(value) : quotedFrench(value)
    }

    private static let bullet = Array("•".utf8)

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
    @inline(__always) private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 97 < 26 }
    /// Part of a word: an ASCII letter or digit, `_`, or a byte of a non-ASCII character.
    @inline(__always) private static func isWordByte(_ c: UInt8) -> Bool {
        isDigit(c) || isLetter(c) || c == UInt8(ascii: "_") || c >= 0x80
    }

    /// Length of the separator at `i` (space, dot, dash, U+00A0 or U+202F no-break space), 0 if none.
    private static func separatorLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        guard i < b.count else { return 0 }
        switch b[i] {
        case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"): return 1
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: return 2
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0xAF: return 3
        default: return 0
        }
    }

    /// End of a phone-like run starting at `i`, nil when there is none (fewer than 8 digits,
    /// or glued to a letter).
    private static func phoneEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        if b[i] == UInt8(ascii: "+") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { return nil }
        var digits = 0
        while true {
            while i < b.count, isDigit(b[i]) { digits += 1; i += 1 }
            let sep = separatorLength(b, i)
            guard sep > 0, i + sep < b.count, isDigit(b[i + sep]) else { break }
            i += sep
        }
        guard digits >= 8 else { return nil }
        if i < b.count, isLetter(b[i]) || b[i] >= 0x80 && separatorLength(b, i) == 0 { return nil }
        return i
    }

    /// End of a date `dddd-dd-dd` or `dd.dd.dddd` (dash, dot or slash) starting at `i`: not a phone.
    private static func dateEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var groups: [Int] = [], i = start, sep: UInt8 = 0
        while groups.count < 3 {
            var n = 0
            while i < b.count, isDigit(b[i]) { n += 1; i += 1 }
            guard n > 0 else { return nil }
            groups.append(n)
            if groups.count == 3 { break }
            guard i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "/"),
                  sep == 0 || b[i] == sep else { return nil }
            sep = b[i]
            i += 1
        }
        if i < b.count, isDigit(b[i]) { return nil }
        return groups == [4, 2, 2] || groups == [2, 2, 4] ? i : nil
    }

    private static func appendMaskedPhone(_ run: Slice<UnsafeBufferPointer<UInt8>>, to out: inout [UInt8]) {
        let total = run.reduce(0) { $0 + (isDigit($1) ? 1 : 0) }
        var k = 0
        for c in run {
            if isDigit(c) {
                if k < 2 || k >= total - 2 { out.append(c) } else { out.append(contentsOf: bullet) }
                k += 1
            } else {
                out.append(c)
            }
        }
    }

    @inline(__always) private static func isLocalByte(_ c: UInt8) -> Bool {
        isWordByte(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "%") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: "-")
    }

    @inline(__always) private static func isDomainByte(_ c: UInt8) -> Bool {
        isDigit(c) || isLetter(c) || c >= 0x80 || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
    }

    /// End of an e-mail address starting at `i` (a local part, `@`, a domain), nil when there is none.
    private static func emailEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        while i < b.count, isLocalByte(b[i]) { i += 1 }
        guard i > start, i < b.count, b[i] == UInt8(ascii: "@") else { return nil }
        i += 1
        let domain = i
        while i < b.count, isDomainByte(b[i]) { i += 1 }
        while i > domain, b[i - 1] == UInt8(ascii: ".") { i -= 1 }  // the full stop of a sentence
        return i > domain ? i : nil
    }

    private static func appendMaskedEmail(_ address: Slice<UnsafeBufferPointer<UInt8>>, to out: inout [UInt8]) {
        let at = address.firstIndex(of: UInt8(ascii: "@"))!
        let first = address[address.startIndex]
        if first < 0x80 { out.append(first) } else { out.append(contentsOf: bullet) }
        out.append(contentsOf: bullet + bullet + bullet)
        out.append(UInt8(ascii: "@"))
        out.append(contentsOf: bullet + bullet + bullet)
        let domain = address[(at + 1)...]
        if let dot = domain.lastIndex(of: UInt8(ascii: ".")), dot + 1 < address.endIndex {
            out.append(contentsOf: address[dot...])
        }
    }
}
