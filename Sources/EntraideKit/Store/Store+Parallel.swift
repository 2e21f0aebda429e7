import Foundation
import GRDB

extension Store {
    /// Runs two read-only jobs at once: the first on this store's connection, the second on a
    /// second read-only connection to the same file, on another thread, so both cores work.
    /// Falls back to one connection after the other when a second cannot be opened.
    /// (Each job reads its own snapshot: an import committing in between could make them
    /// differ, which only matters while an import runs.)
    func readInParallel<A, B>(_ first: @escaping (Database) throws -> A,
                              _ second: @escaping @Sendable (Database) throws -> B) throws -> (A, B) {
        guard FileManager.default.fileExists(atPath: path),
              let other = try? DatabaseQueue(path: path, configuration: Store.readOnlyConfiguration) else {
            return (try dbQueue.read(first), try dbQueue.read(second))
        }
        return try concurrently({ try dbQueue.read(first) }, { try other.read(second) })
    }
}
