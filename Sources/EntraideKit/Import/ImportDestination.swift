import Foundation

/// The database an import writes and its pseudonymisation key (docs/FORMAT.md, "Personal data
/// and the resident id"), with what existed of them before the import: a run that creates them
/// and then commits nothing removes them again, and a database that lost its key is not given
/// a new one.
struct ImportDestination {
    let databasePath: String
    let keyPath: String
    let databaseExisted: Bool
    let keyExisted: Bool

    /// Notes what exists now, before the store opens (and creates) the database.
    init(databasePath: String) {
        self.databasePath = databasePath
        keyPath = Pseudonymizer.keyPath(forDatabase: databasePath)
        databaseExisted = FileManager.default.fileExists(atPath: databasePath)
        keyExisted = FileManager.default.fileExists(atPath: keyPath)
    }

    /// The key beside the database, created when missing — unless the database already holds
    /// pseudonyms: with a new key, the same residents would get new ids and be counted twice.
    func pseudonymizer(for store: Store) throws -> Pseudonymizer {
        if databaseExisted && !keyExisted, try store.hasPseudonyms() {
            throw UserError(.badDatabase, "\(keyPath): the pseudonymisation key of this database is missing. Restore it "
                + "from where the database was copied from: with a new key, the same residents would get "
                + "new ids and be counted twice.")
        }
        return try Pseudonymizer.forDatabase(databasePath)
    }

    /// A database (and key) this failed or dry run created is removed again: nothing half-written.
    func removeIfNew() {
        guard !databaseExisted else { return }
        for path in [databasePath, databasePath + "-journal", databasePath + "-wal", databasePath + "-shm"] {
            try? FileManager.default.removeItem(atPath: path)
        }
        if !keyExisted { try? FileManager.default.removeItem(atPath: keyPath) }
    }
}
