import Crypto
import Foundation

/// The database an import writes and its pseudonymisation key (docs/FORMAT.md, "Personal data
/// and the resident id"), held for the run. A real run locks the database file for its whole
/// length (`DatabaseLock`: created exclusively when absent, `flock`ed), so that it knows what it
/// created itself: a run that commits nothing removes the database and key it created — and
/// nothing another run created or wrote. A dry run locks nothing and writes nothing
/// (`Store.init(dryRunFor:)`, a key of its own when there is none). A database that lost its key
/// is not given a new one.
final class ImportDestination {
    let databasePath: String
    let keyPath: String
    /// Nil for a dry run.
    private let lock: DatabaseLock?
    let databaseExisted: Bool
    let keyExisted: Bool
    /// The key file this run created (device, inode), removed with a database it created.
    private var createdKey: (dev_t, ino_t)?
    private var store: Store?

    /// Takes the database at `databasePath` for this run: checks the path, and for a real run
    /// that the file and its folder can be written, then locks it, waiting up to `busyTimeout`
    /// seconds for another import.
    init(databasePath: String, dryRun: Bool, busyTimeout: TimeInterval) throws {
        try DatabaseFile.checkPath(databasePath)
        self.databasePath = databasePath
        keyPath = Pseudonymizer.keyPath(forDatabase: databasePath)
        if dryRun {
            lock = nil
            databaseExisted = FileManager.default.fileExists(atPath: databasePath)
        } else {
            let folder = DatabaseFile.folder(of: databasePath)
            guard FileManager.default.fileExists(atPath: folder) else {
                throw UserError(.notFound, fr: "\(databasePath) : le dossier \(folder) n'existe pas",
                                en: "\(databasePath): the folder \(folder) does not exist")
            }
            if let readOnly = DatabaseFile.readOnlyError(databasePath) { throw readOnly }
            let lock = try DatabaseLock(path: databasePath, timeout: busyTimeout)
            self.lock = lock
            databaseExisted = !lock.created
        }
        keyExisted = FileManager.default.fileExists(atPath: keyPath)
    }

    /// The store of the run (see `init`).
    func openStore(busyTimeout: TimeInterval) throws -> Store {
        let opened = lock == nil
            ? try Store(dryRunFor: databasePath, exists: databaseExisted, busyTimeout: busyTimeout)
            : try Store(path: databasePath, busyTimeout: busyTimeout)
        store = opened
        return opened
    }

    /// The key beside the database, created when missing — unless the database already holds
    /// pseudonyms: with a new key, the same residents would get new ids and be counted twice.
    /// A dry run uses the key when there is one, else a key of its own that it does not keep.
    func pseudonymizer(for store: Store) throws -> Pseudonymizer {
        if databaseExisted && !keyExisted, try store.hasPseudonyms() {
            throw UserError(.badDatabase,
                fr: "\(keyPath) : la clé de pseudonymisation de cette base manque. Remettez-la depuis l'endroit d'où "
                    + "la base a été copiée : avec une nouvelle clé, les mêmes habitants recevraient de nouveaux "
                    + "identifiants et seraient comptés deux fois.",
                en: "\(keyPath): the pseudonymisation key of this database is missing. Restore it "
                    + "from where the database was copied from: with a new key, the same residents would get "
                    + "new ids and be counted twice.")
        }
        if lock == nil {
            return keyExisted ? try Pseudonymizer.forDatabase(databasePath, create: false)
                : Pseudonymizer(key: SymmetricKey(size: .bits256))
        }
        let pseudonymizer = try Pseudonymizer.forDatabase(databasePath)
        var info = stat()
        if !keyExisted && stat(keyPath, &info) == 0 { createdKey = (info.st_dev, info.st_ino) }
        return pseudonymizer
    }

    /// Ends the run: closes the store, removes the database and key this run created when it
    /// committed nothing (rows in error, a failure), and releases the lock. A write that failed
    /// (a full disk, an I/O error) can leave the journal behind: the database is put back as it
    /// was before the run at once, still under the lock.
    func finish(committed: Bool, busyTimeout: TimeInterval) {
        try? store?.dbQueue.close()
        store = nil
        guard let lock else { return }
        if !committed && !lock.created {
            try? DatabaseFile.recoverInterruptedImport(databasePath, busyTimeout: min(busyTimeout, 1))
        }
        if !committed && lock.created {
            var info = stat()
            if let (device, inode) = createdKey, stat(keyPath, &info) == 0, info.st_dev == device, info.st_ino == inode {
                unlink(keyPath)
            }
            lock.removeCreatedFile()
        }
        lock.unlock()
    }
}
