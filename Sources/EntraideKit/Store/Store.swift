import Foundation
import GRDB

/// The SQLite database of one network.
public final class Store {
    public let path: String
    public let dbQueue: DatabaseQueue

    /// How long a command waits for another that holds the database (an import writing, a
    /// report reading while an import commits) before it says so (`DatabaseFailure.busyMessage`).
    public static let busyTimeout: TimeInterval = 5

    /// Opens (creating and migrating when needed) the database at `path` for reading and writing.
    public init(path: String, busyTimeout: TimeInterval = Store.busyTimeout) throws {
        try DatabaseFile.checkPath(path)
        self.path = path
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: dir) else {
            throw UserError(.notFound, fr: "\(path) : le dossier \(dir) n'existe pas",
                            en: "\(path): the folder \(dir) does not exist")
        }
        do {
            dbQueue = try DatabaseQueue(path: path, configuration: Store.writeConfiguration(busyTimeout: busyTimeout))
            try Schema.keylessMigrator.migrate(dbQueue)
            // The re-keying migration too when it needs no key (a scan, only until it is applied).
            let applied = try dbQueue.read(Schema.migrator.appliedIdentifiers)
            if !applied.contains(Schema.hashedResidentIDs), try !dbQueue.read(Schema.hasRawResidentIDs) {
                try Schema.migrator.migrate(dbQueue)
            }
        } catch {
            throw Store.openError(error, path: path)
        }
    }

    /// Applies the migrations that need the database's pseudonymisation key (the import does,
    /// before it reads a row): resident ids stored as given are replaced by their keyed hash.
    public func migrate(with pseudonymizer: Pseudonymizer) throws {
        do {
            try Schema.migrator(pseudonymizer: pseudonymizer).migrate(dbQueue)
        } catch {
            if let user = DatabaseFailure.userError(for: error, path: path) { throw user }
            if let error = error as? DatabaseError {
                let reason = error.message ?? "\(error)"
                throw UserError(.badDatabase, fr: "\(path) : impossible de mettre la base à niveau : \(reason)",
                                en: "\(path): cannot upgrade the database: \(reason)")
            }
            throw error
        }
    }

    /// The database a dry run imports into, so that it writes nothing at all: when `path` holds
    /// no database yet, a temporary one (SQLite's private database of the empty path, in memory
    /// and spilled to the temporary folder when large, gone when closed); else `path` itself with
    /// the journal in memory and no spilling of the cache, so that the import's rolled-back
    /// transaction never reaches the file (nor a journal beside it). An older database is copied
    /// into a temporary one and migrated there: the dry run does not migrate the file.
    init(dryRunFor path: String, exists: Bool, busyTimeout: TimeInterval = Store.busyTimeout) throws {
        self.path = path
        let config = Store.writeConfiguration(busyTimeout: busyTimeout)
        do {
            guard exists else {
                dbQueue = try DatabaseQueue(path: "", configuration: config)
                try Schema.migrator.migrate(dbQueue)
                return
            }
            var inMemoryJournal = config
            inMemoryJournal.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = MEMORY; PRAGMA cache_spill = OFF")
            }
            let file = try DatabaseQueue(path: path, configuration: inMemoryJournal)
            if try file.read({ try Schema.migrator.hasCompletedMigrations($0) }) {
                dbQueue = file
                return
            }
            dbQueue = try DatabaseQueue(path: "", configuration: config)
            try file.backup(to: dbQueue)
            try file.close()
            // Not the re-keying migration: it needs the key, and a dry run leaves ids as they are.
            try Schema.keylessMigrator.migrate(dbQueue)
        } catch {
            throw Store.openError(error, path: path)
        }
    }

    /// Settings of the import's connection.
    static func writeConfiguration(busyTimeout: TimeInterval) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = false  // references are checked row by row by the importer
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768")
        }
        return config
    }

    /// A failure to open or migrate the database as a user error: busy, read-only, damaged…,
    /// else "cannot open".
    static func openError(_ error: any Error, path: String) -> any Error {
        if let user = DatabaseFailure.userError(for: error, path: path) { return user }
        if let error = error as? DatabaseError {
            let reason = error.message ?? "\(error)"
            return UserError(.badDatabase, fr: "\(path) : impossible d'ouvrir la base : \(reason)",
                             en: "\(path): cannot open the database: \(reason)")
        }
        return error
    }

    /// Opens an existing database read-only (queries, indicators, reports).
    /// A database an import left with its journal (killed, a full disk) is first put back as it
    /// was before that import (`DatabaseFile.recoverInterruptedImport`).
    public init(readOnlyPath path: String, busyTimeout: TimeInterval = Store.busyTimeout) throws {
        try DatabaseFile.checkPath(path)
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw UserError(.notFound,
                fr: "\(path) : pas de base ici ; lancez d'abord `entraide import FICHIER…` (ou donnez --db CHEMIN)",
                en: "\(path): no database here; run `entraide import FILE…` first (or pass --db PATH)")
        }
        try DatabaseFile.recoverInterruptedImport(path, busyTimeout: busyTimeout)
        var config = Store.readOnlyConfiguration
        config.busyMode = .timeout(busyTimeout)
        do {
            dbQueue = try DatabaseQueue(path: path, configuration: config)
            let applied = try dbQueue.read { try Schema.migrator.appliedIdentifiers($0) }
            let known = Set(Schema.migrator.migrations)
            guard !applied.isEmpty else {
                throw UserError(.badDatabase,
                    fr: "\(path) : ce n'est pas une base entraide (pas de schéma) ; lancez `entraide import` pour en créer une",
                    en: "\(path): not an entraide database (no schema); run `entraide import` to create one")
            }
            guard applied.isSubset(of: known) else {
                throw UserError(.badDatabase,
                    fr: "\(path) : cette base a été écrite par une version plus récente d'entraide ; mettez l'outil à jour",
                    en: "\(path): this database was written by a newer entraide; update the tool")
            }
            var missing = known.subtracting(Schema.notNeededForReading).subtracting(applied)
            if missing.contains(Schema.hashedResidentIDs), try !dbQueue.read(Schema.hasRawResidentIDs) {
                missing.remove(Schema.hashedResidentIDs)  // nothing to re-key: readable as it is
            }
            if missing == [Schema.hashedResidentIDs] {
                // Re-keying needs the key and a write: the import's job, not a reader's.
                throw UserError(.badDatabase,
                    fr: "\(path) : cette base, écrite par une version antérieure d'entraide, garde les identifiants "
                        + "des habitants tels que l'export les donnait (ce peuvent être des noms ou des numéros de "
                        + "téléphone) ; lancez `entraide import` avec votre dernier export pour les remplacer par des "
                        + "pseudonymes (aucun chiffre ne change), puis relancez cette commande",
                    en: "\(path): this database, written by an earlier entraide, holds resident "
                        + "ids as the export gave them (they may be names or phone numbers); run `entraide import` "
                        + "with your latest export to replace them by pseudonyms (no count changes), then run this again")
            }
            guard missing.isEmpty else {
                throw UserError(.badDatabase,
                    fr: "\(path) : cette base doit être mise à niveau ; lancez une commande `entraide import` pour la migrer",
                    en: "\(path): this database needs an upgrade; run any `entraide import` to migrate it")
            }
        } catch let error as DatabaseError {
            throw Store.openError(error, path: path)
        }
    }

    /// Settings of every read-only connection: a page cache large enough that the indicators'
    /// scans do not read the same pages again and again (each miss is a system call).
    public static var readOnlyConfiguration: Configuration {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(Store.busyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -16384")  // 16 MiB
        }
        return config
    }

    /// True when some requests carry a resident pseudonym made with the database's key.
    public func hasPseudonyms() throws -> Bool {
        try dbQueue.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM requests WHERE \(Pseudonym.sqlCondition(column: "resident_key")))
                """) ?? false
        }
    }

    /// The default database path: `$ENTRAIDE_DB`, else `entraide.sqlite` in the current folder.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["ENTRAIDE_DB"], !p.isEmpty { return p }
        return "entraide.sqlite"
    }
}
