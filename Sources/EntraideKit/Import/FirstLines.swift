import Foundation

/// The line where each id of a file was first seen, to report a duplicate with it. Keyed by
/// the id's bytes in one buffer: a million ids cost no String hashing and no per-id allocation.
struct FirstLines {
    private var index: ByteKeyIndex
    private var lines: [Int32] = []

    init(capacity: Int = 64) {
        index = ByteKeyIndex(capacity: capacity)
    }

    /// The line of the id's first row, nil when it was not seen yet.
    func line(of id: String) -> Int32? {
        var id = id
        return id.withUTF8 { index.find($0) }.map { lines[Int($0)] }
    }

    /// Records the id's line unless it was seen before.
    mutating func record(_ id: String, line: Int32) {
        var id = id
        let (_, isNew) = id.withUTF8 { index.number($0) }
        if isNew { lines.append(line) }
    }
}
