import Foundation
import GRDBSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The database as a file: which paths may name one, what its permissions allow, and the
/// journal an interrupted import leaves beside it. The store is in SQLite's default rollback
/// journal mode (DELETE): while an import writes, `<db>-journal` holds the pages as they were
/// before it, and SQLite deletes it when the import commits or rolls back.
enum DatabaseFile {
    /// Refuses a path SQLite would not take as a file of its own: the empty path (a temporary
    /// database), `:memory:`, a `file:` URI, and a folder.
    static func checkPath(_ path: String) throws {
        let why: Localized?
        if path.isEmpty {
            why = Localized(
                fr: "un chemin vide ferait utiliser à SQLite une base temporaire qui disparaît à la fin de la commande",
                en: "an empty path would make SQLite use a temporary database that disappears when the command ends")
        } else if path == ":memory:" {
            why = Localized(
                fr: "ce nom désigne la base en mémoire de SQLite, qui disparaît à la fin de la commande "
                    + "(pour un fichier de ce nom, écrivez ./:memory:)",
                en: "this names SQLite's in-memory database, which disappears when the command ends "
                    + "(for a file of this name, write ./:memory:)")
        } else if path.lowercased().hasPrefix("file:") {
            why = Localized(
                fr: "SQLite le lirait comme une URI, qui peut désigner une base temporaire ou en mémoire "
                    + "(pour un fichier de ce nom, écrivez ./\(path))",
                en: "SQLite would read this as a URI, which may name a temporary or in-memory database "
                    + "(for a file of this name, write ./\(path))")
        } else {
            why = nil
        }
        if let why {
            throw UserError(.badArgument,
                fr: "--db « \(path) » : \(why.fr) ; donnez le chemin du fichier de la base, par exemple --db entraide.sqlite",
                en: "--db \"\(path)\": \(why.en); give the database file's path, e.g. --db entraide.sqlite")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            let example = (path as NSString).appendingPathComponent("entraide.sqlite")
            throw UserError(.badArgument,
                fr: "--db \(path) est un dossier, pas le fichier d'une base ; donnez le chemin du fichier, "
                    + "par exemple --db \(example)",
                en: "--db \(path) is a folder, not a database file; give the file's path, e.g. --db \(example)")
        }
    }

    /// The folder of the database file.
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// The path as a shell word, for the commands a message suggests.
    static func shellWord(_ path: String) -> String {
        let plain = path.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2F || byte == 0x2E || byte == 0x2D || byte == 0x5F
        }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// An import needs to write the file and, for its journal, the folder: says what to do when
    /// either is read-only (nil when both are writable).
    static func readOnlyError(_ path: String) -> UserError? {
        let folder = folder(of: path)
        if access(path, F_OK) == 0 && access(path, W_OK) != 0 {
            return UserError(.fileAccess,
                fr: "\(path) : le fichier de la base est en lecture seule, et une importation y écrit : "
                    + "rendez-le modifiable (chmod u+w \(shellWord(path))), ou copiez-le dans un dossier où vous "
                    + "pouvez écrire et donnez la copie avec --db",
                en: "\(path): the database file is read-only, and an import writes to it: "
                    + "make it writable (chmod u+w \(shellWord(path))), or copy it to a folder you can write to "
                    + "and give the copy with --db")
        }
        if access(folder, W_OK) != 0 {
            return UserError(.fileAccess,
                fr: "\(path) : le dossier \(folder) est en lecture seule, et SQLite écrit un journal à côté de la "
                    + "base pendant qu'il y écrit : rendez le dossier modifiable (chmod u+w \(shellWord(folder))), "
                    + "ou copiez la base dans un dossier où vous pouvez écrire et donnez la copie avec --db",
                en: "\(path): the folder \(folder) is read-only, and SQLite writes a journal "
                    + "beside the database while it writes to it: make the folder writable "
                    + "(chmod u+w \(shellWord(folder))), or copy the database to a folder you can write to and give the "
                    + "copy with --db")
        }
        return nil
    }

    /// True when the file's header says SQLite's write-ahead-log journal mode (bytes 18 and 19 are
    /// 2): another program switched it (`PRAGMA journal_mode = WAL`); entraide never does.
    static func isWriteAheadLog(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20 else { return false }
        return header.starts(with: Array("SQLite format 3\u{0}".utf8)) && header[18] == 2 && header[19] == 2
    }

    /// A database in write-ahead-log mode that a command cannot read where it is: even a reader
    /// writes `DB-shm` beside such a database, and the folder (or that file) is read-only.
    /// Nil when the database is in entraide's own journal mode, or its folder is writable.
    static func writeAheadLogError(_ path: String) -> UserError? {
        guard isWriteAheadLog(path) else { return nil }
        let shm = path + "-shm", folder = folder(of: path)
        let shmWritable = access(shm, F_OK) == 0 ? access(shm, W_OK) == 0 : access(folder, W_OK) == 0
        guard !shmWritable else { return nil }
        let command = "sqlite3 \(shellWord(path)) 'PRAGMA journal_mode = DELETE'"
        return UserError(.fileAccess,
            fr: "\(path) : un autre programme a mis cette base dans le mode « WAL » de SQLite (entraide ne le fait "
                + "jamais) ; dans ce mode, même une lecture écrit le fichier \(shm) à côté de la base, et ce n'est pas "
                + "possible ici (dossier ou fichier en lecture seule). Remettez la base dans le mode d'entraide en "
                + "lançant, là où vous pouvez écrire (en tant que son propriétaire) : \(command) ; ou rendez le "
                + "dossier modifiable (chmod u+w \(shellWord(folder)))",
            en: "\(path): another program switched this database to SQLite's WAL journal mode (entraide never "
                + "does); in that mode even a read writes \(shm) beside the database, which is not possible here "
                + "(the folder or that file is read-only). Put the database back in entraide's mode by running, "
                + "where you can write (as its owner): \(command); or make the folder writable "
                + "(chmod u+w \(shellWord(folder)))")
    }

    /// The error for a database file `open(2)` could not open for writing.
    static func cannotOpen(_ path: String, errno failure: Int32) -> UserError {
        switch failure {
        case ENOENT, ENOTDIR:
            return UserError(.notFound, fr: "\(path) : le dossier \(folder(of: path)) n'existe pas",
                             en: "\(path): the folder \(folder(of: path)) does not exist")
        case EISDIR:
            return UserError(.badArgument,
                             fr: "--db \(path) est un dossier, pas le fichier d'une base ; donnez le chemin du fichier",
                             en: "--db \(path) is a folder, not a database file; give the file's path")
        case EACCES, EPERM, EROFS:
            return readOnlyError(path) ?? UserError(.fileAccess,
                fr: "\(path) : permission refusée ; vérifiez les droits du fichier de la base et de son dossier",
                en: "\(path): permission denied; check the permissions of the database file and of its folder")
        default:
            let reason = String(cString: strerror(failure))
            return UserError(.fileAccess, fr: "\(path) : impossible d'ouvrir la base : \(reason)",
                             en: "\(path): cannot open the database: \(reason)")
        }
    }

    /// A read-only command's first step. An import that was interrupted (killed, a full disk, a
    /// power cut) leaves its journal, which a read-only connection cannot apply: SQLite answers
    /// "attempt to write a readonly database" to every read. Opening the database read-write
    /// once makes SQLite put it back as it was before that import (under SQLite's own lock, so
    /// never while an import still runs: its journal is then no interrupted import's); the
    /// command then reads as usual. When the file or its folder is read-only, says so and how
    /// to recover. One `stat` when there is no journal.
    static func recoverInterruptedImport(_ path: String, busyTimeout: TimeInterval) throws {
        let journal = path + "-journal"
        var info = stat()
        guard stat(journal, &info) == 0, info.st_size > 0 else { return }
        var connection: OpaquePointer?
        var rc = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        defer { sqlite3_close_v2(connection) }
        guard let connection else {
            throw UserError(.fileAccess, fr: "\(path) : impossible d'ouvrir la base (mémoire insuffisante)",
                            en: "\(path): cannot open the database (out of memory)")
        }
        if rc == SQLITE_OK {
            sqlite3_extended_result_codes(connection, 1)
            sqlite3_busy_timeout(connection, Int32(min(busyTimeout, 3600) * 1000))
            // The first read takes a shared lock, and SQLite rolls a hot journal back before it.
            rc = sqlite3_exec(connection, "SELECT count(*) FROM sqlite_schema", nil, nil, nil)
        }
        guard rc != SQLITE_OK else { return }
        if rc & 0xff == SQLITE_READONLY || rc & 0xff == SQLITE_CANTOPEN || rc & 0xff == SQLITE_PERM {
            throw interruptedImport(path)
        }
        let reason = String(cString: sqlite3_errmsg(connection))
        throw DatabaseFailure.userError(code: rc, message: reason, path: path)
            ?? UserError(.badDatabase, fr: "\(path) : impossible d'ouvrir la base : \(reason)",
                         en: "\(path): cannot open the database: \(reason)")
    }

    /// An interrupted import's journal that this command cannot apply.
    static func interruptedImport(_ path: String) -> UserError {
        let journal = path + "-journal", folder = folder(of: path)
        return UserError(.fileAccess,
            fr: "\(path) : une importation a été interrompue (arrêtée, ou le disque s'est rempli) et a laissé son "
                + "journal \(journal), dont SQLite a besoin pour remettre la base comme elle était avant cette "
                + "importation ; cette commande ne fait que lire, et ne peut pas l'appliquer car la base ou son "
                + "dossier est en lecture seule. Rendez-les modifiables (chmod u+w \(shellWord(path)) "
                + "\(shellWord(folder))) et relancez la commande, ce qui remet la base en état (ou relancez "
                + "l'importation). Ne supprimez pas \(journal) : la base resterait à moitié écrite.",
            en: "\(path): an import was interrupted (killed, or the disk filled up) and left "
                + "its journal \(journal), which SQLite needs to put the database back as it was before that import; "
                + "this command only reads, and cannot apply it because the database or its folder is read-only. "
                + "Make them writable (chmod u+w \(shellWord(path)) \(shellWord(folder))) and run the command again, "
                + "which puts the database back (or run the import again). Do not delete \(journal): the database "
                + "would stay half-written.")
    }
}
