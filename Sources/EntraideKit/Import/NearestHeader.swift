import Foundation

/// The header of a file closest to a column it lacks, for the missing-column message
/// (docs/FORMAT.md, "Messages"): `N°` for `request_id`, `Date de l'appel` for `received_at`,
/// `Type de demande` for `domain`. Headers are compared after normalisation, by their words
/// (small French words such as `de`, `l`, `du` left out) and by edit distance.
enum NearestHeader {
    /// Words that say nothing of a column.
    static let stopWords: Set<String> = ["de", "du", "des", "d", "l", "la", "le", "les", "a", "au", "en", "et", "the", "of"]
    /// Below this similarity (0…1) no header is suggested.
    static let threshold = 0.5

    static func words(_ key: String) -> Set<String> {
        Set(key.split(separator: "_").map(String.init).filter { !stopWords.contains($0) })
    }

    /// Similarity of two normalised headers, 0…1: the better of the words they share
    /// (shared over the larger count, so `N°` is half of `N° demande`) and one minus the edit
    /// distance over the longer's length.
    static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let wa = words(a), wb = words(b)
        var byWords = 0.0
        if !wa.isEmpty && !wb.isEmpty {
            byWords = Double(wa.intersection(wb).count) / Double(max(wa.count, wb.count))
        }
        let x = Array(a.utf8), y = Array(b.utf8)
        let distance = editDistance(x, y)
        let byEdits = 1 - Double(distance) / Double(max(x.count, y.count, 1))
        return max(byWords, byEdits)
    }

    /// Levenshtein distance (headers are short: a few dozen bytes).
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// For each missing column, the closest of `headers` (those that name no column of the
    /// table and are no personal data), each header suggested for one column at most, the
    /// closest pairs first.
    static func suggestions(missing: [Column], headers: [String], table: TableKind,
                            mapping: HeaderMapping) -> [Column: String] {
        let free = headers.filter { h in
            guard !h.isEmpty else { return false }
            let key = TextKey.normalize(h)
            return !key.isEmpty && HeaderDetection.column(forNormalized: key, table: table, mapping: mapping) == nil
                && !HeaderMapping.personalHeaders.contains(key)
        }
        var pairs: [(column: Column, header: String, order: Int, score: Double)] = []
        for column in missing {
            let aliases = Column.aliases[table]![column] ?? []
            for (order, header) in free.enumerated() {
                let key = TextKey.normalize(header)
                let score = aliases.map { similarity(key, $0) }.max() ?? 0
                if score >= threshold { pairs.append((column, header, order, score)) }
            }
        }
        pairs.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.column != b.column { return a.column.rawValue < b.column.rawValue }
            return a.order < b.order
        }
        var chosen: [Column: String] = [:], used = Set<String>()
        for p in pairs where chosen[p.column] == nil && !used.contains(p.header) {
            chosen[p.column] = p.header
            used.insert(p.header)
        }
        return chosen
    }
}
