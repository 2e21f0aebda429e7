import Foundation
import GRDB

/// The SQLite database of one network.
public final class Store {
    public let path: String
    public let dbQueue: DatabaseQueue

    /// Opens (creating and migrating when needed) the database at `path` for reading and writing.
    public init(path: String) throws {
        self.path = path
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: dir) else {
            throw UserError(.notFound, "\(path): the folder \(dir) does not exist")
        }
        var config = Configuration()
        config.foreignKeysEnabled = false  // references are checked row by row by the importer
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768")
        }
        do {
            dbQueue = try DatabaseQueue(path: path, configuration: config)
            try Schema.keylessMigrator.migrate(dbQueue)
            // The re-keying migration too when it needs no key (a scan, only until it is applied).
            let applied = try dbQueue.read(Schema.migrator.appliedIdentifiers)
            if !applied.contains(Schema.hashedResidentIDs), try !dbQueue.read(Schema.hasRawResidentIDs) {
                try Schema.migrator.migrate(dbQueue)
            }
        } catch let error as DatabaseError {
            throw UserError(.badDatabase, "\(path): cannot open the database: \(error.message ?? "\(error)")")
        }
    }

    /// Applies the migrations that need the database's pseudonymisation key (the import does,
    /// before it reads a row): resident ids stored as given are replaced by their keyed hash.
    public func migrate(with pseudonymizer: Pseudonymizer) throws {
        do {
            try Schema.migrator(pseudonymizer: pseudonymizer).migrate(dbQueue)
        } catch let error as DatabaseError {
            throw UserError(.badDatabase, "\(path): cannot upgrade the database: \(error.message ?? "\(error)")")
        }
    }

    /// Opens an existing database read-only (queries, indicators, reports).
    public init(readOnlyPath path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw UserError(.notFound, "\(path): no database here; run `entraide import FILE…` first (or pass --db PATH)")
        }
        let config = Store.readOnlyConfiguration
        do {
            dbQueue = try DatabaseQueue(path: path, configuration: config)
            let applied = try dbQueue.read { try Schema.migrator.appliedIdentifiers($0) }
            let known = Set(Schema.migrator.migrations)
            guard !applied.isEmpty else {
                throw UserError(.badDatabase, "\(path): not an entraide database (no schema); run `entraide import` to create one")
            }
            guard applied.isSubset(of: known) else {
                throw UserError(.badDatabase, "\(path): this database was written by a newer entraide; update the tool")
            }
            var missing = known.subtracting(Schema.notNeededForReading).subtracting(applied)
            if missing.contains(Schema.hashedResidentIDs), try !dbQueue.read(Schema.hasRawResidentIDs) {
                missing.remove(Schema.hashedResidentIDs)  // nothing to re-key: readable as it is
            }
            if missing == [Schema.hashedResidentIDs] {
                // Re-keying needs the key and a write: the import's job, not a reader's.
                throw UserError(.badDatabase, "\(path): this database, written by an earlier entraide, holds resident "
                    + "ids as the export gave them (they may be names or phone numbers); run `entraide import` "
                    + "with your latest export to replace them by pseudonyms (no count changes), then run this again")
            }
            guard missing.isEmpty else {
                throw UserError(.badDatabase, "\(path): this database needs an upgrade; run any `entraide import` to migrate it")
            }
        } catch let error as DatabaseError {
            throw UserError(.badDatabase, "\(path): cannot open the database: \(error.message ?? "\(error)")")
        }
    }

    /// Settings of every read-only connection: a page cache large enough that the indicators'
    /// scans do not read the same pages again and again (each miss is a system call).
    public static var readOnlyConfiguration: Configuration {
        var config = Configuration()
        config.readonly = true
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
