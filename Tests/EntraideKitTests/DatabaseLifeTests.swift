import Foundation
import GRDB
import Testing
@testable import EntraideKit
import SharedTestSupport

/// The database's life (issue 14): which paths are a database, who created it and may remove
/// it, imports racing on one path, a dry run that writes nothing, a database that is busy or
/// read-only, and a read-only command after an interrupted import.
@Suite struct DatabaseLifeTests {
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Every file of a folder with its size, modification time, permissions and SHA-256: what a
    /// command that writes nothing must leave as it was.
    func picture(of dir: TempDir) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted().map { name in
            let path = dir.path(name)
            var info = stat()
            stat(path, &info)
            let data = FileManager.default.contents(atPath: path) ?? Data()
            return "\(name) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) "
                + "\(String(info.st_mode, radix: 8)) \(data.hashValue)"
        }
    }

    // MARK: - Special names

    @Test(arguments: ["", ":memory:", "file:entraide.sqlite", "file::memory:", "FILE:x.sqlite?mode=memory"])
    func aPathSQLiteWouldTreatSpeciallyIsRefused(path: String) throws {
        let dir = try TempDir()
        let volunteers = try dir.write("benevoles.csv", Exports.volunteers)
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)

        let error = #expect(throws: UserError.self) {
            try Importer.run(files: [volunteers], databasePath: path, settings: Settings(), options: ImportOptions())
        }
        #expect(error?.kind == .badArgument)
        #expect(throws: UserError.self) { try Store(readOnlyPath: path) }

        let imported = try EntraideCommand.run(["import", "--db", path, "benevoles.csv"], in: dir.url)
        #expect(imported.status == 1)
        #expect(imported.err.hasPrefix("entraide: error: --db"), "\(imported.err)")
        #expect(imported.out.isEmpty)
        let read = try EntraideCommand.run(["indicators", "--db", path, "--month", "2026-10"], in: dir.url)
        #expect(read.status == 1)
        #expect(read.err.hasPrefix("entraide: error: --db"), "\(read.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == before)
    }

    @Test func aFolderIsNoDatabase() throws {
        let dir = try TempDir()
        let volunteers = try dir.write("benevoles.csv", Exports.volunteers)
        try FileManager.default.createDirectory(atPath: dir.path("base.sqlite"), withIntermediateDirectories: false)
        let error = #expect(throws: UserError.self) {
            try Importer.run(files: [volunteers], databasePath: dir.path("base.sqlite"), settings: Settings(),
                             options: ImportOptions())
        }
        #expect(error?.message.contains("is a folder") == true, "\(error?.message ?? "")")
    }

    // MARK: - Dry run

    @Test func aDryRunWritesNothing() throws {
        let dir = try TempDir()
        let db = dir.path("entraide.sqlite")
        let volunteers = try dir.write("benevoles.csv", Exports.volunteers)
        let requests = try dir.write("demandes.csv", Exports.requests)
        var dry = ImportOptions()
        dry.dryRun = true

        // A new database: nothing appears, not even for a moment's key.
        var before = try picture(of: dir)
        let first = try Importer.run(files: [volunteers, requests], databasePath: db, settings: Settings(), options: dry)
        #expect(first.errorCount == 0 && !first.committed)
        #expect(first.files.map(\.rowsImported) == [3, 4])
        #expect(try picture(of: dir) == before)

        // A database without pseudonyms and without its key: no key is made for it.
        var real = ImportOptions()
        real.now = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(try Importer.run(files: [volunteers], databasePath: db, settings: Settings(), options: real).committed)
        try FileManager.default.removeItem(atPath: Pseudonymizer.keyPath(forDatabase: db))
        before = try picture(of: dir)
        let second = try Importer.run(files: [requests], databasePath: db, settings: Settings(), options: dry)
        #expect(second.errorCount == 0 && second.files.map(\.rowsImported) == [4])
        #expect(try picture(of: dir) == before)

        // The command line says so too.
        let command = try EntraideCommand.run(["import", "--db", "entraide.sqlite", "--dry-run", "demandes.csv"], in: dir.url)
        #expect(command.status == 0, "\(command.err)")
        #expect(try picture(of: dir) == before)
    }

    @Test func aDryRunDoesNotMigrateAnOlderDatabase() throws {
        let dir = try TempDir()
        let db = dir.path("entraide.sqlite")
        let volunteers = try dir.write("benevoles.csv", Exports.volunteers)
        let requests = try dir.write("demandes.csv", Exports.requests)
        do {
            let queue = try DatabaseQueue(path: db)
            try Schema.migrator.migrate(queue, upTo: "v3-assignment-sources")
            try queue.close()
        }
        _ = try Pseudonymizer.forDatabase(db)
        let before = try picture(of: dir)
        var dry = ImportOptions()
        dry.dryRun = true
        let summary = try Importer.run(files: [volunteers, requests], databasePath: db, settings: Settings(), options: dry)
        #expect(summary.errorCount == 0 && summary.files.map(\.rowsImported) == [3, 4])
        #expect(try picture(of: dir) == before)
    }

    // MARK: - Racing imports

    /// Starts the built executable without waiting for it; its standard error goes to the file
    /// `errors` when given.
    static func start(_ arguments: [String], in dir: URL, errors: URL? = nil) throws -> Process {
        guard let executable = EntraideCommand.executable else { throw EntraideCommand.NoExecutable() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = dir
        process.environment = EntraideCommand.environment
        process.standardOutput = FileHandle.nullDevice
        if let errors {
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    @Test func racingImportsOnANewDatabaseKeepWhatOneCommitted() throws {
        // One good import and three failing ones, started together on a path where no
        // database is yet, again and again: the good one's rows and key are always there after.
        for round in 0..<8 {
            let dir = try TempDir()
            try dir.write("benevoles.csv", Exports.volunteers)
            try dir.write("demandes.csv", Exports.requests)
            try dir.write("demandes-fausses.csv", "N° demande;Date d'appel;Type de service\nX1;32/10/2026;Courses\n")
            let bad = ["import", "--db", "base.sqlite", "demandes-fausses.csv"]
            let good = ["import", "--db", "base.sqlite", "benevoles.csv", "demandes.csv"]
            let processes = try [Self.start(bad, in: dir.url), Self.start(good, in: dir.url),
                                 Self.start(bad, in: dir.url), Self.start(bad, in: dir.url)]
            for process in processes { process.waitUntilExit() }
            let statuses = processes.map(\.terminationStatus)
            #expect(statuses == [1, 0, 1, 1], "round \(round)")
            let db = dir.path("base.sqlite")
            #expect(exists(db) && exists(Pseudonymizer.keyPath(forDatabase: db)), "round \(round)")
            guard exists(db) else { return }
            let count = try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM requests") }
            #expect(count == 4, "round \(round)")
            if statuses != [1, 0, 1, 1] || count != 4 { return }
        }
    }

    @Test func aFailingImportRemovesOnlyTheDatabaseItCreated() throws {
        // A database that appears between the failing import's start and its lock (another
        // import created it and committed first) is not this run's to remove.
        let dir = try TempDir()
        let db = dir.path("entraide.sqlite")
        let bad = try dir.write("demandes-fausses.csv", "N° demande;Date d'appel;Type de service\nX1;32/10/2026;Courses\n")
        let volunteers = try dir.write("benevoles.csv", Exports.volunteers)
        #expect(try Importer.run(files: [volunteers], databasePath: db, settings: Settings(), options: ImportOptions()).committed)
        let failed = try Importer.run(files: [bad], databasePath: db, settings: Settings(), options: ImportOptions())
        #expect(!failed.committed)
        #expect(exists(db) && exists(Pseudonymizer.keyPath(forDatabase: db)))

        // Held by another import (its lock), a new database waits, then says so.
        let lock = try DatabaseLock(path: db, timeout: 1)
        defer { lock.unlock() }
        let error = #expect(throws: UserError.self) {
            try Importer.run(files: [volunteers], databasePath: db, settings: Settings(), options: ImportOptions(),
                             busyTimeout: 0.2)
        }
        #expect(error?.kind == .busy)
        #expect(error?.message.contains("another entraide command is using this database") == true)
    }

    // MARK: - Busy and read-only

    /// A folder with `entraide.sqlite` holding `Exports.volunteers` and `Exports.requests`, and
    /// those files (`benevoles.csv`, `demandes.csv`).
    func importedDatabase() throws -> (TempDir, String) {
        let dir = try TempDir()
        let db = dir.path("entraide.sqlite")
        let volunteers = try dir.write("benevoles.csv", Exports.volunteers)
        let requests = try dir.write("demandes.csv", Exports.requests)
        #expect(try Importer.run(files: [volunteers, requests], databasePath: db, settings: Settings(),
                                 options: ImportOptions()).committed)
        return (dir, db)
    }

    @Test func aBusyDatabaseIsAUserErrorThatSaysToTryAgain() throws {
        let (dir, db) = try importedDatabase()

        // Another program holds the database's exclusive lock (as an import does while it commits).
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: db, configuration: unsafe)
        try holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        defer { try? holder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") } }

        let started = Date()
        let commands = [["import", "--db", "entraide.sqlite", "benevoles.csv"],
                        ["indicators", "--db", "entraide.sqlite", "--month", "2026-10"],
                        ["query", "--db", "entraide.sqlite", "SELECT count(*) FROM requests"]]
        let processes = try commands.enumerated().map { i, arguments in
            try Self.start(arguments, in: dir.url, errors: dir.url.appendingPathComponent("err\(i).txt"))
        }
        for (i, process) in processes.enumerated() {
            process.waitUntilExit()
            let err = try String(contentsOfFile: dir.path("err\(i).txt"), encoding: .utf8)
            #expect(process.terminationStatus == 1, "\(commands[i][0]): \(err)")
            #expect(err.contains("another entraide command is using this database; try again when it has finished"),
                    "\(commands[i][0]): \(err)")
        }
        // Each waited for the busy timeout first.
        #expect(Date().timeIntervalSince(started) >= Store.busyTimeout - 0.5)
    }

    /// Runs the executable as the unprivileged user `nobody` (root ignores permissions), or as
    /// this user when it is not root.
    func runUnprivileged(_ arguments: [String], in dir: URL) throws -> EntraideCommand.Result {
        guard getuid() == 0 else { return try EntraideCommand.run(arguments, in: dir) }
        guard let executable = EntraideCommand.executable else { throw EntraideCommand.NoExecutable() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments
        process.currentDirectoryURL = dir
        process.environment = EntraideCommand.environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return EntraideCommand.Result(status: process.terminationStatus, out: "", err: String(decoding: e, as: UTF8.self))
    }

    @Test func aReadOnlyDatabaseOrFolderIsAUserErrorThatSaysWhatToDo() throws {
        let (dir, db) = try importedDatabase()
        let key = Pseudonymizer.keyPath(forDatabase: db)
        chmod(key, 0o644)  // readable by the unprivileged user: only the database's permissions are in question

        // The file is read-only (the folder is writable).
        chmod(dir.url.path, 0o777)
        chmod(db, 0o444)
        let file = try runUnprivileged(["import", "--db", "entraide.sqlite", "benevoles.csv"], in: dir.url)
        #expect(file.status == 1, "\(file.err)")
        #expect(file.err.contains("entraide.sqlite: the database file is read-only"), "\(file.err)")
        #expect(file.err.contains("chmod u+w"), "\(file.err)")

        // The folder is read-only (the file is writable): SQLite cannot write its journal.
        chmod(db, 0o666)
        chmod(dir.url.path, 0o555)
        defer { chmod(dir.url.path, 0o755) }
        let folder = try runUnprivileged(["import", "--db", "entraide.sqlite", "benevoles.csv"], in: dir.url)
        #expect(folder.status == 1, "\(folder.err)")
        #expect(folder.err.contains("is read-only"), "\(folder.err)")
        #expect(folder.err.contains("chmod u+w"), "\(folder.err)")
        // Reading needs no write.
        let read = try runUnprivileged(["indicators", "--db", "entraide.sqlite", "--month", "2026-10"], in: dir.url)
        #expect(read.status == 0, "\(read.err)")
    }

    @Test func aDatabaseSwitchedToWALModeInAReadOnlyFolderIsExplained() throws {
        let (dir, db) = try importedDatabase()
        chmod(Pseudonymizer.keyPath(forDatabase: db), 0o644)
        // Another program (the sqlite3 shell) switched the database to WAL mode: even a reader then
        // writes DB-shm beside it.
        try DatabaseQueue(path: db).writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
        #expect(DatabaseFile.isWriteAheadLog(db))
        chmod(dir.url.path, 0o555)
        chmod(db, 0o444)
        defer { chmod(dir.url.path, 0o755) }
        let read = try runUnprivileged(["indicators", "--db", "entraide.sqlite", "--month", "2026-10"], in: dir.url)
        #expect(read.status == 1, "\(read.err)")
        #expect(read.err.contains("entraide.sqlite: another program switched this database to SQLite's WAL journal mode"),
                "\(read.err)")
        #expect(read.err.contains("sqlite3 entraide.sqlite 'PRAGMA journal_mode = DELETE'"), "\(read.err)")
        // Where the folder is writable, it reads as usual.
        chmod(dir.url.path, 0o777)
        let writable = try runUnprivileged(["indicators", "--db", "entraide.sqlite", "--month", "2026-10"], in: dir.url)
        #expect(writable.status == 0, "\(writable.err)")
    }

    // MARK: - Interrupted import

    /// Starts a large import into `db` and kills it (SIGKILL) once SQLite has begun writing the
    /// database file itself (its cache full, it spills pages, after it wrote the magic number
    /// that makes the rollback journal valid): the database is left with the journal of an
    /// interrupted import, which SQLite must apply before anyone reads.
    func killImportMidWrite(export: [String], db: String, in dir: URL) throws {
        let journal = dir.appendingPathComponent(db + "-journal").path
        let magic: [UInt8] = [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7]
        let process = try Self.start(["import", "--db", db] + export, in: dir)
        let deadline = Date().addingTimeInterval(300)
        while process.isRunning && Date() < deadline {
            if let handle = FileHandle(forReadingAtPath: journal) {
                let head = handle.readData(ofLength: 8)
                try? handle.close()
                if Array(head) == magic { break }
            }
            usleep(1000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the import ended before it could be killed")
    }

    /// A sample large enough that the import spills its cache to the file before it commits.
    static let largeSample = ["--months", "12", "--requests-per-month", "20000", "--end", "2026-10"]

    @Test func readCommandsAfterAKilledImportRecoverTheDatabase() throws {
        let dir = try TempDir()
        let small = try EntraideCommand.run(["sample", "--out", "small", "--months", "2", "--requests-per-month", "50",
                                             "--end", "2026-10"], in: dir.url)
        #expect(small.status == 0, "\(small.err)")
        let big = try EntraideCommand.run(["sample", "--out", "big", "--seed", "2"] + Self.largeSample, in: dir.url)
        #expect(big.status == 0, "\(big.err)")
        let files = ["benevoles.csv", "demandes.csv", "interventions.csv"]
        let first = try EntraideCommand.run(["import", "--db", "entraide.sqlite"] + files.map { "small/\($0)" }, in: dir.url)
        #expect(first.status == 0, "\(first.err)")
        let count = "SELECT count(*) AS n FROM requests"
        let before = try EntraideCommand.run(["query", "--db", "entraide.sqlite", "--format", "csv", count], in: dir.url)

        try killImportMidWrite(export: files.map { "big/\($0)" }, db: "entraide.sqlite", in: dir.url)
        #expect(exists(dir.path("entraide.sqlite-journal")))

        // Read-only commands, without any import: the first rolls the interrupted import back.
        let indicators = try EntraideCommand.run(["indicators", "--db", "entraide.sqlite", "--month", "2026-10"], in: dir.url)
        #expect(indicators.status == 0, "\(indicators.err)")
        #expect(!exists(dir.path("entraide.sqlite-journal")))
        let after = try EntraideCommand.run(["query", "--db", "entraide.sqlite", "--format", "csv", count], in: dir.url)
        #expect(after.status == 0 && after.out == before.out && before.status == 0, "\(after.out) \(after.err)")
        let report = try EntraideCommand.run(["report", "monthly", "--db", "entraide.sqlite", "--month", "2026-10",
                                              "--out", "rapports"], in: dir.url)
        #expect(report.status == 0, "\(report.err)")
        let check = try DatabaseQueue(path: dir.path("entraide.sqlite")).read {
            try String.fetchOne($0, sql: "PRAGMA integrity_check")
        }
        #expect(check == "ok")
    }

    @Test func aKilledImportInAReadOnlyFolderIsExplained() throws {
        let dir = try TempDir()
        let big = try EntraideCommand.run(["sample", "--out", "big"] + Self.largeSample, in: dir.url)
        #expect(big.status == 0, "\(big.err)")
        let files = ["benevoles.csv", "demandes.csv", "interventions.csv"]
        let first = try EntraideCommand.run(["import", "--db", "entraide.sqlite", "big/benevoles.csv"], in: dir.url)
        #expect(first.status == 0, "\(first.err)")
        try killImportMidWrite(export: files.map { "big/\($0)" }, db: "entraide.sqlite", in: dir.url)
        chmod(dir.url.path, 0o555)
        chmod(dir.path("entraide.sqlite"), 0o444)
        defer { chmod(dir.url.path, 0o755) }
        let read = try runUnprivileged(["indicators", "--db", "entraide.sqlite", "--month", "2026-10"], in: dir.url)
        #expect(read.status == 1, "\(read.err)")
        #expect(read.err.contains("an import was interrupted"), "\(read.err)")
        #expect(read.err.contains("entraide.sqlite-journal"), "\(read.err)")
        #expect(exists(dir.path("entraide.sqlite-journal")))
    }

    @Test func aFullDiskDuringAnImportIsAUserErrorAndTheDatabaseStaysAsBefore() throws {
        let dir = try TempDir()
        let big = try EntraideCommand.run(["sample", "--out", "big"] + Self.largeSample, in: dir.url)
        #expect(big.status == 0, "\(big.err)")
        let first = try EntraideCommand.run(["import", "--db", "entraide.sqlite", "big/benevoles.csv"], in: dir.url)
        #expect(first.status == 0, "\(first.err)")
        let count = "SELECT count(*) AS n FROM volunteers"
        let before = try EntraideCommand.run(["query", "--db", "entraide.sqlite", "--format", "csv", count], in: dir.url)
        var info = stat()
        stat(dir.path("entraide.sqlite"), &info)

        // The files may not grow past 2 MB more than the database (as on a nearly full disk).
        guard let executable = EntraideCommand.executable else { throw EntraideCommand.NoExecutable() }
        let blocks = (Int(info.st_size) + 2_000_000) / 512
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -f \(blocks); trap '' XFSZ; exec \"$0\" \"$@\"", executable.path,
                             "import", "--db", "entraide.sqlite", "big/benevoles.csv", "big/demandes.csv",
                             "big/interventions.csv"]
        process.currentDirectoryURL = dir.url
        process.environment = EntraideCommand.environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(message)")
        #expect(message.hasPrefix("entraide: error: entraide.sqlite: ") && message.contains("run it again"), "\(message)")
        // The import put the database back itself: no journal left, the rows as before.
        #expect(!exists(dir.path("entraide.sqlite-journal")))
        let after = try EntraideCommand.run(["query", "--db", "entraide.sqlite", "--format", "csv", count], in: dir.url)
        #expect(after.status == 0 && after.out == before.out, "\(after.out) \(after.err)")
    }
}
