import Foundation
import XlsxWriter

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `entraide query` does, callable from tests: resolve a named query or SQL, check the
/// parameters, run read-only, write the chosen format to stdout or a file.
public struct QueryCommand {
    public var databasePath: String
    public var target: String
    /// `NAME=VALUE` strings as given to `--param`.
    public var parameters: [String]
    public var format: QueryFormat
    public var outputPath: String?
    public var timeout: Double
    public var library: QueryLibrary
    /// The settings' `response_target_hours`, returned by the SQL function of that name.
    public var responseTargetHours: Int
    /// The settings whose calendars `working_hours()` uses.
    public var settings = Settings()
    /// Called when the query is still running well past its time limit, inside work SQLite
    /// cannot interrupt (see `QueryRunner.onOverrun`), after the partial output file is removed.
    /// The command line prints the error and ends the process.
    public var onOverrun: (@Sendable (UserError) -> Void)?
    /// Files the command reads besides the database (the settings): `--output` never goes there.
    public var inputs: [String] = []

    public init(databasePath: String, target: String, parameters: [String] = [], format: QueryFormat = .table,
                outputPath: String? = nil, timeout: Double = QueryLimits.defaultTimeout, library: QueryLibrary? = nil,
                responseTargetHours: Int = Settings().responseTargetHours,
                onOverrun: (@Sendable (UserError) -> Void)? = nil) {
        self.onOverrun = onOverrun
        self.responseTargetHours = responseTargetHours
        self.databasePath = databasePath
        self.target = target
        self.parameters = parameters
        self.format = format
        self.outputPath = outputPath
        self.timeout = timeout
        self.library = library ?? QueryLibrary.standard(databasePath: databasePath)
    }

    /// Parses `NAME=VALUE` pairs; a name may be written `:name`.
    public static func parseParameters(_ items: [String]) throws -> [String: String] {
        var out: [String: String] = [:]
        for item in items {
            guard let eq = item.firstIndex(of: "=") else {
                throw UserError(.badArgument,
                    fr: "--param \(item) : écrivez-le sous la forme NOM=VALEUR (par exemple --param month=2026-10)",
                    en: "--param \(item): write it as NAME=VALUE (for example --param month=2026-10)")
            }
            var name = String(item[..<eq]).trimmingCharacters(in: .whitespaces)
            if let first = name.first, ":@$".contains(first) { name.removeFirst() }
            guard !name.isEmpty else {
                throw UserError(.badArgument, fr: "--param \(item) : le nom avant `=` est vide",
                                en: "--param \(item): the name before `=` is empty")
            }
            guard out[name] == nil else {
                throw UserError(.badArgument, fr: "--param \(name) est donné deux fois", en: "--param \(name) is given twice")
            }
            out[name] = String(item[item.index(after: eq)...])
        }
        return out
    }

    /// The named query the target names, or nil when it is SQL.
    public func resolve() throws -> NamedQuery? {
        let trimmed = target.trimmingCharacters(in: .whitespacesAndNewlines)
        return try library.find(trimmed)
    }

    /// Runs the query; returns the row count.
    @discardableResult
    public func run() throws -> Int {
        let given = try Self.parseParameters(parameters)
        try QueryLimits.checkTimeout(timeout)
        var runner = QueryRunner(databasePath: databasePath, timeout: timeout, responseTargetHours: responseTargetHours)
        runner.settings = settings
        let named = try resolve()
        let trimmed = target.trimmingCharacters(in: .whitespacesAndNewlines)
        if named == nil && NamedQuery.isValidName(trimmed) && !trimmed.contains(" ")
            && !QueryCommand.looksLikeSQLKeyword(trimmed) {
            let looked = library.folders.map { "  \($0)" }.joined(separator: "\n")
            throw UserError(.notFound,
                fr: "pas de requête nommée `\(trimmed)` (\(trimmed).sql cherché dans :\n\(looked)\n) ; "
                    + "`entraide queries` les liste, ou écrivez du SQL comme \"SELECT * FROM requests LIMIT 10\"",
                en: "no named query `\(trimmed)` (looked for \(trimmed).sql in:\n\(looked)\n); "
                    + "`entraide queries` lists them, or write SQL such as \"SELECT * FROM requests LIMIT 10\"")
        }
        try runner.checkDatabase()
        if format == .xlsx && outputPath == nil {
            throw UserError(.badArgument, fr: "--format xlsx écrit un fichier classeur : ajoutez --output FICHIER.xlsx",
                            en: "--format xlsx writes a workbook file: add --output FILE.xlsx")
        }

        let sink: ByteSink
        var output: OutputFile?
        if let outputPath {
            // Never the database, its key or journals, the settings or the named query's file;
            // written to a temporary file put in place only once complete.
            let policy = OutputPolicy(database: databasePath, inputs: inputs + (named.map { [$0.path] } ?? []))
            let file = try OutputFile(outputPath, option: "--output", policy: policy)
            sink = format == .xlsx ? ByteSink.unused() : ByteSink(fileDescriptor: file.descriptor, name: outputPath)
            output = file
        } else {
            sink = ByteSink(fileDescriptor: STDOUT_FILENO)
        }
        if let onOverrun {
            // The process ends right after: remove the temporary output file first.
            let temporary = output.flatMap { $0.writesInPlace ? nil : $0.temporaryPath }
            runner.onOverrun = { error in
                if let temporary { unlink(temporary) }
                onOverrun(error)
            }
        }
        do {
            var writer: any QueryResultWriter = format == .xlsx
                ? try XlsxResultWriter(path: output!.handOver())
                : try format.makeWriter(sink: sink)
            let source: QueryRunner.Source = named.map { .named($0) } ?? .adHoc
            let count = try runner.run(sql: named?.sql ?? target, source: source, parameters: given,
                                       writer: &writer, sink: sink)
            if format == .xlsx, let output, !output.writesInPlace {
                try Timing.measure("query: workbook checked in") {
                    try WorkbookCheck.verify(output.temporaryPath, shownAs: output.path)
                }
            }
            try output?.commit()
            return count
        } catch let error as XlsxError where error.kind == .fileNotWritable {
            sink.abandon()
            output?.discard()
            throw error.userError(path: outputPath ?? "")
        } catch {
            sink.abandon()
            output?.discard()
            throw error
        }
    }

    /// True for a single word that is an SQL statement keyword (`VACUUM`, `ANALYZE`…), so it
    /// runs as SQL (and is refused with the right reason) instead of being looked up as a name.
    static func looksLikeSQLKeyword(_ word: String) -> Bool {
        ["select", "values", "with", "pragma", "vacuum", "analyze", "reindex", "begin", "commit", "end",
         "rollback", "explain", "insert", "update", "delete", "replace", "create", "drop", "alter",
         "attach", "detach", "savepoint", "release"].contains(word.lowercased())
    }
}

/// What `entraide queries` does.
public enum QueryListing {
    public enum Format: String, CaseIterable, Sendable { case table, json }

    /// The listing; the table's own words in `language` (the queries' titles and descriptions are
    /// written in their files).
    public static func render(_ queries: [NamedQuery], format: Format, language: Language = .en) -> String {
        switch format {
        case .json:
            var out = "["
            for (i, q) in queries.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += "  {\"name\": \(json(q.name)), \"title\": \(json(q.title)), "
                out += "\"description\": \(json(q.description)), \"params\": ["
                out += q.parameters.map { p in
                    "{\"name\": \(json(p.name)), \"description\": \(json(p.description))"
                        + (p.defaultValue.map { ", \"default\": \(json($0))" } ?? "") + "}"
                }.joined(separator: ", ")
                out += "]}"
            }
            out += queries.isEmpty ? "]\n" : "\n]\n"
            return out
        case .table:
            if queries.isEmpty {
                return Localized(
                    fr: "Aucune requête nommée trouvée. Placez des fichiers NOM.sql dans un dossier queries/ à côté de la base.\n",
                    en: "No named queries found. Put NAME.sql files in a queries/ folder beside the database.\n")
                    .text(language)
            }
            var out = ""
            for q in queries {
                out += "\(q.name) — \(q.title)\n"
                if !q.description.isEmpty { out += "    \(q.description)\n" }
                for p in q.parameters {
                    out += "    --param \(p.name)=…  \(p.description)"
                    if let d = p.defaultValue { out += language == .en ? " (default: \(d))" : " (par défaut : \(d))" }
                    out += "\n"
                }
                out += "\n"
            }
            return out
        }
    }

    private static func json(_ s: String) -> String {
        JSONString.literal(s)
    }
}
