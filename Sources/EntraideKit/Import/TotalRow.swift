import Foundation

/// Total and sub-total rows at the foot of a table (docs/FORMAT.md, "Total rows"): a row whose
/// first non-empty cell reads `Total`, `Sous-total` or `Totaux` (any case, accents ignored,
/// with or without a trailing colon) is skipped, its other cells (counts, sums) not read as data.
enum TotalRow {
    /// The words, normalised (`Sous-total :` → `sous_total`).
    /// `Total général` too: what pivot tables write at their foot.
    static let words: Set<String> = ["total", "sous_total", "totaux", "sous_totaux", "soustotal", "total_general"]

    /// True when `rec` is a total row. Cheap on data rows: only a first cell of 5 to 16 bytes
    /// starting with `tot` or `sou` (any case) is decoded and normalised.
    @inline(__always)
    static func matches<R: ImportRecord>(_ rec: R) -> Bool {
        var i = 0
        while i < rec.count && rec.isEmpty(i) { i += 1 }
        guard i < rec.count else { return false }
        let candidate = rec.withBytes(i) { b -> Bool in
            guard b.count >= 5 && b.count <= 16 else { return false }
            let c = b[0] | 0x20
            let c3 = b[2] | 0x20
            return (c == UInt8(ascii: "t") || c == UInt8(ascii: "s")) && b[1] | 0x20 == UInt8(ascii: "o")
                && (c3 == UInt8(ascii: "t") || c3 == UInt8(ascii: "u"))
        }
        return candidate && words.contains(TextKey.normalize(rec.string(i)))
    }
}
