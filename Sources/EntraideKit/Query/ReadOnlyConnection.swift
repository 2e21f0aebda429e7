import Foundation
import GRDBSQLite
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic clock in nanoseconds.
@inline(__always)
func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// State shared with SQLite's C callbacks (authorizer, progress handler) and the query's
/// watchdog thread (`QueryWatchdog`): the deadline and the reason a query was stopped are atomics.
final class GuardState: @unchecked Sendable {
    /// Why the authorizer refused the statement being prepared, if it did.
    var denial: Localized?
    /// Monotonic deadline in nanoseconds; 0 disables the limit.
    let deadline = Atomic<UInt64>(0)
    /// Set when the progress handler or the watchdog interrupted the query for its time limit.
    let timedOut = Atomic<Bool>(false)
    /// Set when the watchdog interrupted the query for its temporary files' size.
    let temporaryFull = Atomic<Bool>(false)
    /// When the output started being written (0 when it is not): that time is not the query's.
    let writingSince = Atomic<UInt64>(0)
    /// What `response_target_hours()` returns: the setting of the same name.
    var responseTargetHours = Settings().responseTargetHours
}

/// `response_target_hours()`: the delays' target of the settings (docs/QUERIES.md), so that a
/// query compares delays with the same target as the indicators.
private let responseTargetFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    context, _, _ in
    guard let data = sqlite3_user_data(context) else { return }
    let state = Unmanaged<GuardState>.fromOpaque(data).takeUnretainedValue()
    sqlite3_result_int64(context, Int64(state.responseTargetHours))
}

/// Pragmas that only read. Those in `readOnlyWithArgument` may take an argument
/// (a table or index name); the others are refused when given a value (that would set them).
private let readOnlyWithArgument: Set<String> = [
    "table_info", "table_xinfo", "index_info", "index_xinfo", "index_list", "foreign_key_list",
    "foreign_key_check", "integrity_check", "quick_check", "table_list",
]
private let readOnlyWithoutArgument: Set<String> = [
    "application_id", "collation_list", "compile_options", "database_list", "data_version",
    "encoding", "freelist_count", "function_list", "module_list", "page_count", "page_size",
    "pragma_list", "schema_version", "user_version", "auto_vacuum", "foreign_keys",
    "journal_mode", "query_only", "max_page_count",
]

/// SQL functions refused even when they exist: they touch files or load code.
let refusedFunctions: Set<String> = [
    "load_extension", "readfile", "writefile", "edit", "fts3_tokenizer", "lsmode", "fsdir",
    "zipfile", "sqlar_compress", "sqlar_uncompress",
]

private func isSchemaTable(_ name: String) -> Bool {
    ["sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"].contains(name.lowercased())
}

/// The authorizer: allows reads, read-only pragmas and harmless functions; denies the rest,
/// recording why in the `GuardState`.
private let authorizer: @convention(c) (
    UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
    UnsafePointer<CChar>?, UnsafePointer<CChar>?
) -> Int32 = { context, action, arg1, arg2, _, _ in
    guard let context else { return SQLITE_DENY }
    let state = Unmanaged<GuardState>.fromOpaque(context).takeUnretainedValue()
    let a1 = arg1.map { String(cString: $0) } ?? ""
    let a2 = arg2.map { String(cString: $0) }
    func deny(_ fr: String, _ en: String) -> Int32 {
        if state.denial == nil { state.denial = Localized(fr, en) }
        return SQLITE_DENY
    }
    switch action {
    case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
        return SQLITE_OK
    case SQLITE_FUNCTION:
        // arg2 is the function name (arg1 is unused).
        let name = (a2 ?? a1).lowercased()
        if refusedFunctions.contains(name) {
            return deny("la fonction \(name)() touche à des fichiers ou charge du code",
                        "the function \(name)() touches files or loads code")
        }
        return SQLITE_OK
    case SQLITE_PRAGMA:
        let name = a1.lowercased()
        if readOnlyWithArgument.contains(name) { return SQLITE_OK }
        if readOnlyWithoutArgument.contains(name) {
            if a2 == nil { return SQLITE_OK }
            return deny("PRAGMA \(name) avec une valeur changerait un réglage",
                        "PRAGMA \(name) with a value would change a setting")
        }
        let allowed = "table_info, table_list, index_list, foreign_key_list, user_version"
        return deny("PRAGMA \(name) n'est pas un pragma de lecture seule (permis : \(allowed) et les autres pragmas "
                        + "qui ne font que lire)",
                    "PRAGMA \(name) is not a read-only pragma (allowed: \(allowed) and other pragmas that only read)")
    case SQLITE_UPDATE where isSchemaTable(a1):
        // SQLite itself asks this while preparing a read of an eponymous virtual table
        // (`pragma_table_info(…)`). A user's UPDATE of the schema is still refused: the
        // statement is not read-only (checked after preparing), the connection is read-only
        // and `query_only` is on.
        return SQLITE_OK
    case SQLITE_INSERT where isSchemaTable(a1), SQLITE_DELETE where isSchemaTable(a1):
        return deny("elle changerait le schéma", "it would change the schema")
    case SQLITE_INSERT:
        return deny("elle ajouterait des lignes à \(a1)", "it would insert rows into \(a1)")
    case SQLITE_UPDATE:
        return deny("elle modifierait \(a1)", "it would update \(a1)")
    case SQLITE_DELETE:
        return deny("elle supprimerait des lignes de \(a1)", "it would delete rows from \(a1)")
    case SQLITE_ATTACH:
        return deny("ATTACH ouvrirait un autre fichier de base", "ATTACH would open another database file")
    case SQLITE_DETACH:
        return deny("DETACH change les bases de la connexion", "DETACH changes the connection's databases")
    case SQLITE_CREATE_INDEX, SQLITE_CREATE_TABLE, SQLITE_CREATE_TEMP_INDEX, SQLITE_CREATE_TEMP_TABLE,
         SQLITE_CREATE_TEMP_TRIGGER, SQLITE_CREATE_TEMP_VIEW, SQLITE_CREATE_TRIGGER, SQLITE_CREATE_VIEW,
         SQLITE_CREATE_VTABLE:
        return deny("CREATE changerait le schéma", "CREATE would change the schema")
    case SQLITE_DROP_INDEX, SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_TEMP_TABLE,
         SQLITE_DROP_TEMP_TRIGGER, SQLITE_DROP_TEMP_VIEW, SQLITE_DROP_TRIGGER, SQLITE_DROP_VIEW,
         SQLITE_DROP_VTABLE:
        return deny("DROP changerait le schéma", "DROP would change the schema")
    case SQLITE_ALTER_TABLE:
        return deny("ALTER TABLE changerait le schéma", "ALTER TABLE would change the schema")
    case SQLITE_REINDEX:
        return deny("REINDEX réécrit des index", "REINDEX rewrites indexes")
    case SQLITE_ANALYZE:
        return deny("ANALYZE écrit des statistiques", "ANALYZE writes statistics")
    case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
        return deny("les transactions ne servent à rien à une requête en lecture seule",
                    "transactions are of no use to a read-only query")
    default:
        return deny("ce n'est pas une lecture (action SQLite \(action))", "it is not a read (SQLite action \(action))")
    }
}

/// Interrupts the running statement once the deadline has passed.
private let progressHandler: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
    guard let context else { return 0 }
    let state = Unmanaged<GuardState>.fromOpaque(context).takeUnretainedValue()
    let deadline = state.deadline.load(ordering: .relaxed)
    if deadline != 0 && monotonicNanos() > deadline {
        state.timedOut.store(true, ordering: .relaxed)
        return 1
    }
    return 0
}

/// A raw SQLite connection opened read-only, with `query_only`, the authorizer, no ATTACH
/// and the progress handler installed. Used by `entraide query` to step results with the
/// C API (fast, streaming).
final class ReadOnlyConnection {
    private let handle: OpaquePointer
    let state = GuardState()
    let path: String
    /// `working_hours()`: kept as long as the connection that calls it.
    private let workingHours: WorkingHoursFunction

    init(path: String, responseTargetHours: Int = Settings().responseTargetHours, settings: Settings = Settings()) throws {
        self.path = path
        workingHours = WorkingHoursFunction(settings: settings)
        state.responseTargetHours = responseTargetHours
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw UserError(.badDatabase, fr: "\(path) : impossible d'ouvrir la base en lecture seule : \(message)",
                            en: "\(path): cannot open the database read-only: \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(Store.busyTimeout * 1000))
        // Belt and braces under the authorizer: no attached databases, no writes.
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        // No value (text or blob, e.g. a string doubled by a recursive query) above QueryLimits.valueBytes.
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, QueryLimits.valueBytes)
        // Sorts and temporary tables spill to temporary files (`temp_store` FILE, SQLite's default:
        // sorted in small runs, so they stay interruptible); the watchdog caps their size
        // (QueryLimits.temporaryBytes).
        guard sqlite3_exec(db, "PRAGMA query_only = 1; PRAGMA temp_store = FILE", nil, nil, nil) == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(db))
            sqlite3_close_v2(db)
            throw UserError(.badDatabase, fr: "\(path) : impossible d'ouvrir la base en lecture seule : \(message)",
                            en: "\(path): cannot open the database read-only: \(message)")
        }
        let context = Unmanaged.passUnretained(state).toOpaque()
        sqlite3_set_authorizer(db, authorizer, context)
        sqlite3_progress_handler(db, 4096, progressHandler, context)
        let rcf = sqlite3_create_function_v2(db, "response_target_hours", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                             context, responseTargetFunction, nil, nil, nil)
        guard rcf == SQLITE_OK else {
            let error = SQLiteError(.execute, code: rcf, connection: db, sql: "response_target_hours()")
            sqlite3_close_v2(db)
            throw error
        }
        let rcw = workingHours.register(on: db)
        guard rcw == SQLITE_OK else {
            let error = SQLiteError(.execute, code: rcw, connection: db, sql: "working_hours()")
            sqlite3_close_v2(db)
            throw error
        }
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Prepares the first statement of `utf8` (see `RawStatement.prepareFirst`).
    func prepareFirst(of utf8: [UInt8]) throws(SQLiteError) -> (statement: RawStatement?, tail: Int) {
        try RawStatement.prepareFirst(of: utf8, on: handle)
    }

    /// Stops the running statement from another thread (`sqlite3_interrupt` is thread-safe).
    func interrupt() { sqlite3_interrupt(handle) }

    /// The byte offset in the SQL of the last error, -1 when SQLite does not tell.
    var errorOffset: Int { Int(sqlite3_error_offset(handle)) }
}
