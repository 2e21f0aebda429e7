import Foundation

/// The header of a file closest to a column it lacks, for the missing-column message
/// (docs/FORMAT.md, "Messages"): `N°` for `request_id`, `Date de l'appel` for `received_at`,
/// `Type de demande` for `domain`. Headers are compared after normalisation by the words they
/// share (small French words such as `de`, `l`, `du` left out), each word weighted by how rare
/// it is among the table's accepted headers (`demande` is in many, `type` in one), or else by
/// their spelling (a typo or two: `Domiane`).
enum NearestHeader {
    /// Words that say nothing of a column.
    static let stopWords: Set<String> = ["de", "du", "des", "d", "l", "la", "le", "les", "a", "au", "en", "et", "the", "of"]
    /// Below this similarity (0…1) no header is suggested.
    static let threshold = 0.5
    /// The weight of a word of no accepted header (`téléphonique` in `Date de l'appel téléphonique`):
    /// it makes a header less close, less than a word that belongs to another column.
    static let unknownWeight = 0.25

    static func words(_ key: String) -> Set<String> {
        Set(key.split(separator: "_").map(String.init).filter { !stopWords.contains($0) })
    }

    /// Per table, each word of its accepted headers → 1 / the number of accepted headers holding it.
    static let weights: [TableKind: [String: Double]] = Column.aliases.mapValues { aliases in
        var count: [String: Int] = [:]
        for names in aliases.values { for n in names { for w in words(n) { count[w, default: 0] += 1 } } }
        return count.mapValues { 1 / Double($0) }
    }

    /// Similarity of two normalised headers, 0…1: the weight of the words they share over the
    /// weight of all their words (a word of no accepted header weighs `unknownWeight`); a header within a
    /// typo or two of an accepted one (one edit per four letters) counts 0.6.
    static func similarity(_ a: String, _ b: String, table: TableKind) -> Double {
        if a == b { return 1 }
        let wa = words(a), wb = words(b)
        var byWords = 0.0
        if !wa.isEmpty && !wb.isEmpty {
            let weight = weights[table]!
            func total(_ s: Set<String>) -> Double { s.reduce(0) { $0 + (weight[$1] ?? unknownWeight) } }
            byWords = total(wa.intersection(wb)) / total(wa.union(wb))
        }
        let x = Array(a.utf8), y = Array(b.utf8)
        let byEdits = min(x.count, y.count) >= 5 && editDistance(x, y) <= max(1, (max(x.count, y.count) + 3) / 4) ? 0.6 : 0
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
                let score = aliases.map { similarity(key, $0, table: table) }.max() ?? 0
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
