import Foundation
import GRDB
import GRDBSQLite

/// Failures of SQLite that are no bug but the state of the database or of its disk: busy (another
/// command writes), read-only, a full disk, a damaged file. They are `UserError`s (exit 1) that
/// say what to do; the command line turns the ones that reach it without a path into the same
/// errors (`userError(for:path:)` with no path).
public enum DatabaseFailure {
    /// What a command says when another holds the database longer than `Store.busyTimeout`.
    public static let busyMessage = Localized(
        fr: "une autre commande entraide utilise cette base ; relancez quand elle aura fini",
        en: "another entraide command is using this database; try again when it has finished")

    static func busy(_ path: String?) -> UserError {
        UserError(.busy, fr: (path.map { "\($0) : " } ?? "") + busyMessage.fr,
                  en: (path.map { "\($0): " } ?? "") + busyMessage.en)
    }

    /// The user error for `error` when it is such a failure of SQLite (a GRDB `DatabaseError`
    /// or a `SQLiteError`) on the database at `path`; nil for any other error.
    public static func userError(for error: any Error, path: String?) -> UserError? {
        if let error = error as? DatabaseError {
            return userError(code: error.extendedResultCode.rawValue, message: error.message ?? "", path: path)
        }
        if let error = error as? SQLiteError {
            return userError(code: error.code, message: error.message, path: path)
        }
        return nil
    }

    /// `SQLITE_READONLY_ROLLBACK`: a read-only connection met an interrupted import's journal.
    static let readOnlyRollback: Int32 = SQLITE_READONLY | (3 << 8)

    static func userError(code: Int32, message: String, path: String?) -> UserError? {
        let prefix = path.map { "\($0): " } ?? ""
        let frPrefix = path.map { "\($0) : " } ?? ""
        switch code & 0xff {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return busy(path)
        case SQLITE_READONLY:
            if code == readOnlyRollback {
                if let path { return DatabaseFile.interruptedImport(path) }
                return UserError(.fileAccess,
                    fr: "une importation a été interrompue et a laissé son journal à côté de la base ; relancez la "
                        + "commande là où la base et son dossier sont modifiables, ce qui remet la base en état",
                    en: "an import was interrupted and left its journal beside the database; "
                        + "run the command again where the database and its folder are writable, which puts the database back")
            }
            if let path, let error = DatabaseFile.writeAheadLogError(path) ?? DatabaseFile.readOnlyError(path) {
                return error
            }
            return UserError(.fileAccess,
                fr: "\(frPrefix)la base ou son dossier est en lecture seule (\(message)) : rendez-les modifiables "
                    + "(chmod u+w), ou copiez la base dans un dossier où vous pouvez écrire et donnez la copie avec --db",
                en: "\(prefix)the database or its folder is read-only (\(message)): make them "
                    + "writable (chmod u+w), or copy the database to a folder you can write to and give the copy with --db")
        case SQLITE_FULL:
            return UserError(.fileAccess,
                fr: "\(frPrefix)le disque est plein (\(message)) ; la base est restée comme avant cette commande : "
                    + "libérez de la place et relancez-la",
                en: "\(prefix)the disk is full (\(message)); the database is as it was before "
                    + "this command: free some space and run it again")
        case SQLITE_IOERR:
            return UserError(.fileAccess,
                fr: "\(frPrefix)la lecture ou l'écriture de la base a échoué (\(message)) ; la base est restée comme "
                    + "avant cette commande : vérifiez le disque (sa place libre, ses erreurs) et relancez-la",
                en: "\(prefix)reading or writing the database failed (\(message)); the database "
                    + "is as it was before this command: check the disk (its free space, its errors) and run it again")
        case SQLITE_CANTOPEN:
            if let path, let error = DatabaseFile.writeAheadLogError(path) { return error }
            return UserError(.fileAccess,
                fr: "\(frPrefix)impossible d'ouvrir la base (\(message)) ; vérifiez que le fichier et son dossier "
                    + "existent et peuvent être lus et modifiés",
                en: "\(prefix)cannot open the database (\(message)); check that the file and its "
                    + "folder exist and can be read and written")
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return UserError(.badDatabase,
                fr: "\(frPrefix)le fichier est abîmé ou n'est pas une base de données (\(message)) ; restaurez-le "
                    + "depuis une sauvegarde, ou importez de nouveau les exports dans une nouvelle base",
                en: "\(prefix)the file is damaged or is not a database (\(message)); restore it "
                    + "from a backup, or import the exports again into a new database")
        default:
            return nil
        }
    }
}
