import Foundation
import GRDBSQLite

/// Runs one read-only SQL statement (ad-hoc or named) and streams its rows to a writer.
///
/// The database is opened read-only with `query_only`, an authorizer that denies every write,
/// `ATTACH`/`DETACH`, non-read-only pragmas and functions that touch files or load code, and a
/// progress handler that stops the query past its time limit. Exactly one statement is accepted.
public struct QueryRunner {
    public var databasePath: String
    /// Seconds of query time before the query is stopped (time spent writing output excluded),
    /// in `QueryLimits.timeoutRange`.
    public var timeout: Double = QueryLimits.defaultTimeout
    /// What the SQL function `response_target_hours()` returns (the setting of that name).
    public var responseTargetHours: Int
    /// The settings whose time zone and calendars `working_hours()` uses.
    public var settings = Settings()

    /// Called on the watchdog's thread when the query is still running well past its deadline,
    /// inside work SQLite cannot interrupt; the command line ends the process there. Nil: the
    /// query is interrupted and ends when SQLite next checks.
    public var onOverrun: (@Sendable (UserError) -> Void)?

    public init(databasePath: String, timeout: Double = QueryLimits.defaultTimeout,
                responseTargetHours: Int = Settings().responseTargetHours,
                onOverrun: (@Sendable (UserError) -> Void)? = nil) {
        self.databasePath = databasePath
        self.timeout = timeout
        self.responseTargetHours = responseTargetHours
        self.onOverrun = onOverrun
    }

    /// Where a SQL statement comes from, for error messages.
    public enum Source: Sendable {
        case adHoc
        case named(NamedQuery)
    }

    /// Checks the database (exists, entraide schema, up to date) before the raw connection opens it.
    public func checkDatabase() throws {
        _ = try Store(readOnlyPath: databasePath)
    }

    /// Prepares `sql`, binds `parameters` (`name` → value, without the `:`), steps it and
    /// hands every row to `writer`. Returns the number of rows. `sink`, when given, is the
    /// writer's byte sink: time spent flushing it is not counted against the time limit.
    @discardableResult
    public func run(sql: String, source: Source = .adHoc, parameters: [String: String],
                    writer: inout some QueryResultWriter, sink: ByteSink? = nil) throws -> Int {
        try QueryLimits.checkTimeout(timeout)
        let connection = try ReadOnlyConnection(path: databasePath, responseTargetHours: responseTargetHours,
                                                settings: settings)
        defer { withExtendedLifetime(connection) {} }
        let statement = try prepareSingle(sql: sql, source: source, connection: connection)

        try bind(statement: statement, source: source, given: parameters)

        let columnCount = statement.columnCount
        guard columnCount > 0 else {
            throw UserError(.badQuery,
                fr: "entraide query ne fait que lire et a refusé cette instruction : elle ne renvoie aucune ligne "
                    + "(seules les instructions du genre SELECT sont exécutées)",
                en: "entraide query is read-only and refused this statement: it returns no rows "
                    + "(only SELECT-like statements are run)")
        }
        let columns = (0..<columnCount).map { i -> String in
            statement.columnName(Int32(i)) ?? "column\(i + 1)"
        }

        let state = connection.state
        state.deadline.store(monotonicNanos() + UInt64(timeout * 1e9), ordering: .relaxed)
        sink?.onFlushStart = { [state] in state.writingSince.store(monotonicNanos(), ordering: .relaxed) }
        sink?.onFlush = { [state] spent in
            state.deadline.wrappingAdd(spent, ordering: .relaxed)
            state.writingSince.store(0, ordering: .relaxed)
        }
        let timeoutError = UserError(.badQuery, QueryLimits.timeoutMessage(timeout))
        let temporaryError = UserError(.badQuery, QueryLimits.temporaryMessage)
        var stop: (@Sendable (Bool) -> Void)?
        if let onOverrun { stop = { temporaryFull in onOverrun(temporaryFull ? temporaryError : timeoutError) } }
        let watchdog = QueryWatchdog(connection: connection, onOverrun: stop)
        defer { watchdog.stop() }

        try writer.begin(columns: columns)
        let row = QueryRow(statement: statement, count: columnCount)
        var rowCount = 0
        while true {
            let more: Bool
            do {
                more = try statement.step()
            } catch {
                if state.temporaryFull.load(ordering: .relaxed) {
                    throw temporaryError
                } else if state.timedOut.load(ordering: .relaxed) || error.isInterrupt {
                    throw timeoutError
                } else if let limit = Self.limitMessage(error) {
                    throw UserError(.badQuery, limit)
                } else if let denial = state.denial {
                    throw Self.refused(denial)
                } else {
                    throw UserError(.badQuery, fr: "erreur SQL : \(error.message)", en: "SQL error: \(error.message)")
                }
            }
            guard more else { break }
            try writer.write(row: row)
            rowCount += 1
        }
        // The query is over: finishing the output (closing a large workbook) is not its time.
        watchdog.stop()
        try writer.finish(rowCount: rowCount)
        return rowCount
    }

    /// The message of a query stopped by a limit of `QueryLimits` other than time.
    static func limitMessage(_ error: SQLiteError) -> Localized? {
        switch error.code & 0xFF {
        case SQLITE_NOMEM:
            return Localized(
                fr: "la requête a besoin de plus de \(QueryLimits.memoryBytes >> 30) Gio de mémoire et a été arrêtée ; "
                    + "restreignez-la (un WHERE, moins de colonnes, un LIMIT)",
                en: "the query needs more than \(QueryLimits.memoryBytes >> 30) GiB of memory and was stopped; "
                    + "narrow it (a WHERE, fewer columns, a LIMIT)")
        case SQLITE_TOOBIG:
            return Localized(
                fr: "la requête construit une valeur de plus de \(QueryLimits.valueBytes / 1_000_000) Mo et a été "
                    + "arrêtée ; aucune valeur de cette base n'est aussi grande, vérifiez donc la requête (une requête "
                    + "récursive qui allonge sans fin un texte ?)",
                en: "the query builds a value larger than \(QueryLimits.valueBytes / 1_000_000) MB and was stopped; "
                    + "no value of this database is that large, so check the query (a recursive query that keeps growing a text?)")
        case SQLITE_FULL:
            return Localized(
                fr: "le disque du dossier temporaire est plein : les fichiers temporaires de la requête n'y tiennent "
                    + "pas ; restreignez la requête, ou libérez de la place (ou donnez un autre dossier avec SQLITE_TMPDIR)",
                en: "the disk of the temporary folder is full: the query's temporary files do not fit; "
                    + "narrow the query, or free space there (or set SQLITE_TMPDIR to another folder)")
        default:
            return nil
        }
    }

    /// A statement the read-only guard refused, and why.
    static func refused(_ why: Localized) -> UserError {
        UserError(.badQuery, fr: "entraide query ne fait que lire et a refusé cette instruction : \(why.fr)",
                  en: "entraide query is read-only and refused this statement: \(why.en)")
    }

    // MARK: - Preparing

    private func prepareSingle(sql: String, source: Source, connection: ReadOnlyConnection) throws -> RawStatement {
        let utf8 = Array(sql.utf8)
        let first: (statement: RawStatement?, tail: Int)
        do {
            first = try connection.prepareFirst(of: utf8)
        } catch {
            throw prepareError(error, sql: sql, source: source, connection: connection)
        }
        guard let statement = first.statement else {
            throw UserError(.badQuery,
                fr: "aucune instruction SQL à exécuter (le texte est vide ou ne contient que des commentaires)",
                en: "no SQL statement to run (the text is empty or only comments)")
        }
        // Exactly one statement: whatever follows must be blank or comments.
        if first.tail < utf8.count {
            connection.state.denial = nil
            let hasSecond: Bool
            do {
                hasSecond = try connection.prepareFirst(of: Array(utf8[first.tail...])).statement != nil
            } catch {
                hasSecond = true
            }
            connection.state.denial = nil
            if hasSecond {
                let (line, column) = Self.lineColumn(utf8: utf8, offset: first.tail)
                throw UserError(.badQuery,
                    fr: "entraide query ne fait que lire et a refusé ce SQL : elle accepte exactement une instruction, "
                        + "et une autre suit la première (après la ligne \(line), colonne \(column)) ; "
                        + "exécutez-les une par une",
                    en: "entraide query is read-only and refused this SQL: it accepts exactly one statement, "
                        + "and another one follows the first (after line \(line), column \(column)); "
                        + "run them one at a time")
            }
        }
        if !statement.isReadOnly {
            let word = Self.firstWord(sql)
            throw Self.refused(Localized(fr: "\(word) écrirait (dans la base ou dans un autre fichier)",
                                         en: "\(word) would write (to the database or to another file)"))
        }
        return statement
    }

    private func prepareError(_ error: SQLiteError, sql: String, source: Source,
                              connection: ReadOnlyConnection) -> UserError {
        if let denial = connection.state.denial {
            return Self.refused(denial)
        }
        let message = error.message
        // Functions of the sqlite3 shell that touch files do not exist here; say why they are refused.
        if message.hasPrefix("no such function: ") {
            let name = String(message.dropFirst("no such function: ".count)).lowercased()
            if refusedFunctions.contains(name) {
                return Self.refused(Localized(fr: "la fonction \(name)() touche à des fichiers ou charge du code",
                                              en: "the function \(name)() touches files or loads code"))
            }
        }
        if message.hasSuffix("may not be modified") {
            return Self.refused(Localized.verbatim(message))
        }
        let offset = connection.errorOffset
        var location = Localized.verbatim("")
        if offset >= 0 {
            let utf8 = Array(sql.utf8)
            let (line, column) = Self.lineColumn(utf8: utf8, offset: offset)
            let lines = sql.split(separator: "\n", omittingEmptySubsequences: false)
            let text = line - 1 < lines.count ? String(lines[line - 1]) : ""
            let caretPad = String(repeating: " ", count: max(0, column - 1))
            switch source {
            case .adHoc:
                location = Localized(fr: " (ligne \(line), colonne \(column))\n  \(text)\n  \(caretPad)^",
                                     en: " (line \(line), column \(column))\n  \(text)\n  \(caretPad)^")
            case .named(let query):
                location = .verbatim(" (\(query.path):\(line):\(column))\n  \(text)\n  \(caretPad)^")
            }
        } else if case .named(let query) = source {
            location = Localized(fr: " (dans \(query.path))", en: " (in \(query.path))")
        }
        // SQLite's own message is in English.
        return UserError(.badQuery, fr: "erreur SQL : \(message)\(location.fr)", en: "SQL error: \(message)\(location.en)")
    }

    static func lineColumn(utf8: [UInt8], offset: Int) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, utf8.count) where utf8[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: utf8[lineStart..<min(offset, utf8.count)], as: UTF8.self).count + 1
        return (line, column)
    }

    static func firstWord(_ sql: String) -> String {
        var rest = Substring(sql)
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            if rest.hasPrefix("--") {
                rest = rest.drop(while: { $0 != "\n" })
            } else if rest.hasPrefix("/*") {
                if let end = rest.range(of: "*/") { rest = rest[end.upperBound...] } else { return "this statement" }
            } else {
                break
            }
        }
        let word = rest.prefix(while: { $0.isLetter })
        return word.isEmpty ? "this statement" : word.uppercased()
    }

    // MARK: - Parameters

    private func bind(statement: RawStatement, source: Source, given: [String: String]) throws {
        let count = statement.parameterCount
        var inStatement: [String: [Int32]] = [:]  // name without prefix → every index (`:a`, `@a`, `$a`)
        var order: [String] = []
        for index in 1...max(1, count) where count > 0 {
            guard let prefixed = statement.parameterName(Int32(index)) else {
                throw UserError(.badQuery,
                    fr: "utilisez dans le SQL des paramètres nommés comme :month, pas `?`, "
                        + "et donnez-les avec --param month=2026-10",
                    en: "use named parameters such as :month in the SQL, not `?`, "
                        + "and give them with --param month=2026-10")
            }
            let name = String(prefixed.dropFirst())
            if inStatement[name] == nil { order.append(name) }
            inStatement[name, default: []].append(Int32(index))
        }

        var values: [String: String] = [:]
        let expectedText: Localized
        /// "unknown parameter x", « paramètres inconnus x, y ».
        func named(_ names: [String], fr: (singular: String, plural: String), en: (singular: String, plural: String)) -> Localized {
            let list = names.joined(separator: ", ")
            return names.count > 1 ? Localized(fr: "\(fr.plural) \(list)", en: "\(en.plural) \(list)")
                : Localized(fr: "\(fr.singular) \(list)", en: "\(en.singular) \(list)")
        }
        let unknownWords = (fr: (singular: "paramètre inconnu", plural: "paramètres inconnus"),
                            en: (singular: "unknown parameter", plural: "unknown parameters"))
        let missingWords = (fr: (singular: "paramètre manquant", plural: "paramètres manquants"),
                            en: (singular: "missing parameter", plural: "missing parameters"))
        switch source {
        case .adHoc:
            func options(_ value: String) -> String { order.map { "--param \($0)=\(value)" }.joined(separator: " ") }
            expectedText = order.isEmpty ? Localized(fr: "ce SQL ne prend aucun paramètre", en: "this SQL takes no parameters")
                : Localized(fr: "ce SQL attend \(options("VALEUR"))", en: "this SQL expects \(options("VALUE"))")
            let unknown = given.keys.filter { inStatement[$0] == nil }.sorted()
            if !unknown.isEmpty {
                let what = named(unknown, fr: unknownWords.fr, en: unknownWords.en)
                throw UserError(.badArgument, fr: "\(what.fr) ; \(expectedText.fr)", en: "\(what.en); \(expectedText.en)")
            }
            let missing = order.filter { given[$0] == nil }
            if !missing.isEmpty {
                let what = named(missing, fr: missingWords.fr, en: missingWords.en)
                throw UserError(.badArgument, fr: "\(what.fr) ; \(expectedText.fr)", en: "\(what.en); \(expectedText.en)")
            }
            values = given
        case .named(let query):
            let declared = Dictionary(query.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            func lines(_ value: String, _ defaultWord: String) -> String {
                query.parameters.map { p in
                    "  --param \(p.name)=\(value)  \(p.description)" + (p.defaultValue.map { " (\(defaultWord)\($0))" } ?? "")
                }.joined(separator: "\n")
            }
            expectedText = query.parameters.isEmpty
                ? Localized(fr: "elle ne prend aucun paramètre", en: "it takes no parameters")
                : Localized(fr: "elle attend :\n" + lines("VALEUR", "par défaut : "), en: "it expects:\n" + lines("VALUE", "default: "))
            let undeclared = order.filter { declared[$0] == nil }
            if !undeclared.isEmpty {
                let names = ":" + undeclared.joined(separator: ", :")
                throw UserError(.badSetting,
                    fr: "\(query.path) : le SQL utilise \(names) mais le bloc `-- params:` ne "
                        + (undeclared.count > 1 ? "les déclare pas" : "le déclare pas"),
                    en: "\(query.path): the SQL uses \(names) but the "
                        + "`-- params:` block does not declare \(undeclared.count > 1 ? "them" : "it")")
            }
            let unknown = given.keys.filter { declared[$0] == nil }.sorted()
            if !unknown.isEmpty {
                let what = named(unknown, fr: unknownWords.fr, en: unknownWords.en)
                throw UserError(.badArgument,
                    fr: "\(what.fr) pour la requête \(query.name) ; \(expectedText.fr)",
                    en: "\(what.en) for the query \(query.name); \(expectedText.en)")
            }
            let missing = query.parameters.filter { given[$0.name] == nil && $0.defaultValue == nil }.map(\.name)
            if !missing.isEmpty {
                let what = named(missing, fr: missingWords.fr, en: missingWords.en)
                throw UserError(.badArgument,
                    fr: "\(what.fr) pour la requête \(query.name) ; \(expectedText.fr)",
                    en: "\(what.en) for the query \(query.name); \(expectedText.en)")
            }
            for p in query.parameters { values[p.name] = given[p.name] ?? p.defaultValue }
        }

        for (name, indexes) in inStatement {
            guard let value = values[name] else { continue }
            for index in indexes {
                switch ParameterValue(value) {
                case .integer(let n): try statement.bindChecked(index, integer: n)
                case .real(let d): try statement.bindChecked(index, real: d)
                case .text(let s): try statement.bindChecked(index, text: s)
                }
            }
        }
    }
}

/// How a `--param` value is bound: an integer or a decimal number in canonical form
/// (`42`, `-3`, `2.5`) is bound as a number, anything else (`2026-10`, `0042`) as text.
enum ParameterValue: Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)

    init(_ raw: String) {
        let u = Array(raw.utf8)
        let digits = u.first == UInt8(ascii: "-") ? Array(u.dropFirst()) : u
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        if !digits.isEmpty, digits.count <= 18, digits.allSatisfy(isDigit),
           digits.count == 1 || digits[0] != UInt8(ascii: "0"), let n = Int64(raw) {
            self = .integer(n)
            return
        }
        if let dot = digits.firstIndex(of: UInt8(ascii: ".")), dot > 0, dot < digits.count - 1,
           digits[..<dot].allSatisfy(isDigit), digits[(dot + 1)...].allSatisfy(isDigit),
           dot == 1 || digits[0] != UInt8(ascii: "0"), let d = Double(raw) {
            self = .real(d)
            return
        }
        self = .text(raw)
    }
}
