import Foundation

/// The spaces of UTF-8 text that count as spaces everywhere (docs/FORMAT.md, "Spaces"): the
/// ASCII space and tab, and the Unicode spaces spreadsheets and word processors put in values —
/// the non-breaking space U+00A0 (French typography before `:`, after `N°`), the narrow one
/// U+202F, the figure space U+2007, the thin space U+2009 and the other spaces U+2000–U+200A,
/// the zero-width space U+200B and word joiner U+2060, U+205F, U+3000, U+1680, and the byte-order
/// mark U+FEFF (zero-width no-break space) left inside a cell. A lone byte 0xA0 (the
/// non-breaking space of a Windows-1252 file) counts too where it cannot be part of a UTF-8
/// character: at the start of a field, or after an ASCII byte.
///
/// Byte-level and allocation-free: the CSV reader and the spreadsheet rows trim every field
/// with it, so the common case (an ASCII byte that is no space) costs three comparisons.
enum UnicodeSpace {
    /// The length in bytes of the space that starts at `b[i]` (`i < end`), 0 when there is none.
    @inline(__always)
    static func length(at i: Int, in b: UnsafeBufferPointer<UInt8>, end: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x09 { return 1 }
        if c < 0xA0 { return 0 }
        return wideLength(at: i, in: b, end: end)
    }

    /// The length in bytes of the space that ends at `b[end - 1]` (`end > start`), 0 when there
    /// is none; `start` is where the text begins (a lone 0xA0 right after it counts).
    @inline(__always)
    static func length(before end: Int, in b: UnsafeBufferPointer<UInt8>, start: Int) -> Int {
        let c = b[end - 1]
        if c == 0x20 || c == 0x09 { return 1 }
        if c < 0x80 { return 0 }
        return wideLength(before: end, in: b, start: start)
    }

    /// `length(at:)` for a byte from 0xA0 up.
    static func wideLength(at i: Int, in b: UnsafeBufferPointer<UInt8>, end: Int) -> Int {
        let c = b[i]
        if c == 0xA0 { return 1 }  // Windows-1252 NBSP (never the first byte of a UTF-8 character)
        guard i + 1 < end else { return 0 }
        let c1 = b[i + 1]
        if c == 0xC2 { return c1 == 0xA0 ? 2 : 0 }
        guard i + 2 < end else { return 0 }
        let c2 = b[i + 2]
        switch c {
        case 0xE2:
            if c1 == 0x80 && (c2 <= 0x8B || c2 == 0xAF) && c2 >= 0x80 { return 3 }  // U+2000–200B, U+202F
            if c1 == 0x81 && (c2 == 0x9F || c2 == 0xA0) { return 3 }  // U+205F, U+2060
            return 0
        case 0xE3: return c1 == 0x80 && c2 == 0x80 ? 3 : 0  // U+3000
        case 0xE1: return c1 == 0x9A && c2 == 0x80 ? 3 : 0  // U+1680
        case 0xEF: return c1 == 0xBB && c2 == 0xBF ? 3 : 0  // U+FEFF
        default: return 0
        }
    }

    /// `length(before:)` for a byte from 0x80 up.
    static func wideLength(before end: Int, in b: UnsafeBufferPointer<UInt8>, start: Int) -> Int {
        if b[end - 1] == 0xA0 {
            if end - 2 >= start && b[end - 2] == 0xC2 { return 2 }
            if end - 1 == start || b[end - 2] < 0x80 { return 1 }  // Windows-1252 NBSP after ASCII
        }
        if end - 3 >= start && b[end - 3] >= 0xE1 && wideLength(at: end - 3, in: b, end: end) == 3 { return 3 }
        return 0
    }

    /// The bounds of `b[s..<e]` without its leading and trailing spaces.
    @inline(__always)
    static func trim(_ b: UnsafeBufferPointer<UInt8>, _ s: inout Int, _ e: inout Int) {
        while s < e {
            let k = length(at: s, in: b, end: e)
            if k == 0 { break }
            s += k
        }
        while e > s {
            let k = length(before: e, in: b, start: s)
            if k == 0 { break }
            e -= k
        }
    }
}
