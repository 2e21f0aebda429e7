import Foundation

/// A `queries/NAME.sql` file: SQL with a leading comment block that gives its title,
/// description and parameters.
///
/// ```sql
/// -- title: Requests waiting longer than N days
/// -- description: Requests still waiting for a volunteer or a first contact.
/// --   More description lines may follow, indented.
/// -- params:
/// --   days: minimum wait in days
/// --   as_of: reference day YYYY-MM-DD (default: today)
/// SELECT … WHERE … :days …
/// ```
public struct NamedQuery: Sendable, Equatable {
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var description: String
        /// Value used when `--param` does not give one; nil makes the parameter required.
        public var defaultValue: String?
    }

    public var name: String
    public var title: String
    public var description: String
    public var parameters: [Parameter]
    /// The whole file (comment block included, so SQLite's error offsets match its lines).
    public var sql: String
    public var path: String

    /// Parses a named query file's text.
    public init(name: String, path: String, text: String) throws {
        self.name = name
        self.path = path
        self.sql = text
        var title = ""
        var description = ""
        var parameters: [Parameter] = []
        var section = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                if section.isEmpty { continue }  // blank lines before the block
                break
            }
            guard line.hasPrefix("--") else { break }
            let body = String(line.dropFirst(2))
            let content = body.trimmingCharacters(in: .whitespaces)
            let indented = body.hasPrefix("  ") || body.hasPrefix("\t")
            if !indented, let (key, value) = NamedQuery.keyValue(content),
               ["title", "description", "params", "parameters"].contains(key.lowercased()) {
                section = key.lowercased()
                switch section {
                case "title": title = value
                case "description": description = value
                default:
                    if !value.isEmpty && value.lowercased() != "none" {
                        throw UserError(.badSetting,
                            fr: "\(path) : écrivez chaque paramètre sur sa propre ligne de commentaire sous `-- params:`, "
                                + "sous la forme `--   nom: description`",
                            en: "\(path): write each parameter on its own comment line under `-- params:` "
                                + "as `--   name: description`")
                    }
                }
                continue
            }
            switch section {
            case "title":
                if !content.isEmpty { title += " " + content }
            case "description":
                if !content.isEmpty { description += (description.isEmpty ? "" : " ") + content }
            case "params", "parameters":
                var item = content
                if item.hasPrefix("- ") || item.hasPrefix("* ") { item = String(item.dropFirst(2)) }
                guard let (pname, pdesc) = NamedQuery.keyValue(item),
                      pname.first.map({ $0.isLetter || $0 == "_" }) == true,
                      pname.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    if content.isEmpty { continue }
                    throw UserError(.badSetting,
                        fr: "\(path) : impossible de lire la ligne de paramètre `\(content)` ; "
                            + "écrivez-la sous la forme `--   nom: description`",
                        en: "\(path): cannot read the parameter line `\(content)`; "
                            + "write it as `--   name: description`")
                }
                var desc = pdesc
                var defaultValue: String?
                if let range = desc.range(of: "(default:", options: [.caseInsensitive, .backwards]),
                   desc.hasSuffix(")") {
                    defaultValue = String(desc[range.upperBound..<desc.index(before: desc.endIndex)])
                        .trimmingCharacters(in: .whitespaces)
                    desc = desc[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                }
                parameters.append(Parameter(name: pname, description: desc, defaultValue: defaultValue))
            default:
                continue  // comment lines before any key
            }
        }
        guard !title.isEmpty else {
            throw UserError(.badSetting,
                fr: "\(path) : une requête nommée commence par un bloc de commentaires donnant au moins `-- title: …`",
                en: "\(path): a named query starts with a comment block giving at least `-- title: …`")
        }
        self.title = title
        self.description = description
        self.parameters = parameters
    }

    private static func keyValue(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        return (key, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// Whether `text` can be the name of a named query (letters, digits, `_`, `-`).
    public static func isValidName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 100
            && text.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic
                                                                 || ("0"..."9").contains($0)))
                                                || $0 == "_" || $0 == "-" }
    }
}

/// The folders named queries are looked up in, first match wins.
public struct QueryLibrary: Sendable {
    public var folders: [String]

    public init(folders: [String]) { self.folders = folders }

    /// `queries/` beside the database, then `$ENTRAIDE_QUERIES`, then the project's shipped
    /// `queries/` found by walking up from the executable to a folder holding `Package.swift`
    /// and `queries/`.
    public static func standard(databasePath: String,
                                environment: [String: String] = ProcessInfo.processInfo.environment,
                                executablePath: String? = QueryLibrary.currentExecutablePath()) -> QueryLibrary {
        var folders: [String] = []
        let dbFolder = URL(fileURLWithPath: databasePath).standardizedFileURL.deletingLastPathComponent()
        folders.append(dbFolder.appendingPathComponent("queries").path)
        if let env = environment["ENTRAIDE_QUERIES"], !env.isEmpty {
            folders.append(URL(fileURLWithPath: env).standardizedFileURL.path)
        }
        if let exe = executablePath, let shipped = shippedFolder(executablePath: exe) {
            folders.append(shipped)
        }
        var seen = Set<String>()
        return QueryLibrary(folders: folders.filter { seen.insert($0).inserted })
    }

    public static func currentExecutablePath() -> String? {
        #if os(Linux)
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }

    /// Walks up from the executable's resolved path to the project folder.
    static func shippedFolder(executablePath: String) -> String? {
        let fm = FileManager.default
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<12 {
            let queries = dir.appendingPathComponent("queries")
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: queries.path, isDirectory: &isDir), isDir.boolValue {
                return queries.path
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return nil
    }

    /// Whether the shipped queries built into the binary (`ShippedQueries`) answer after the
    /// folders: true for the command line, so that an installed binary finds them anywhere.
    public var includesBuiltIn = true

    /// The named query `name`, or nil when no folder has `name.sql` and none is built in.
    public func find(_ name: String) throws -> NamedQuery? {
        guard NamedQuery.isValidName(name) else { return nil }
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent(name + ".sql")
            if FileManager.default.fileExists(atPath: path) {
                return try load(name: name, path: path)
            }
        }
        guard includesBuiltIn, let shipped = ShippedQueries.files.first(where: { $0.name == name }) else { return nil }
        return try NamedQuery(name: name, path: Self.builtInPath(name), text: shipped.text + "\n")
    }

    /// How a built-in query is named in messages: `queries/NAME.sql (built in)`.
    static func builtInPath(_ name: String) -> String { "queries/\(name).sql (built in)" }

    /// Every named query, sorted by name; a query beside the database hides a shipped one of the same name.
    public func all() throws -> [NamedQuery] {
        var byName: [String: NamedQuery] = [:]
        for folder in folders {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for file in files.sorted() where file.hasSuffix(".sql") {
                let name = String(file.dropLast(4))
                guard NamedQuery.isValidName(name), byName[name] == nil else { continue }
                byName[name] = try load(name: name, path: (folder as NSString).appendingPathComponent(file))
            }
        }
        if includesBuiltIn {
            for shipped in ShippedQueries.files where byName[shipped.name] == nil {
                byName[shipped.name] = try NamedQuery(name: shipped.name, path: Self.builtInPath(shipped.name),
                                                      text: shipped.text + "\n")
            }
        }
        return byName.keys.sorted().map { byName[$0]! }
    }

    private func load(name: String, path: String) throws -> NamedQuery {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UserError(.fileAccess, fr: "\(path) : impossible de lire ce fichier", en: "\(path): cannot read this file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UserError(.badSetting, fr: "\(path) : ce n'est pas du texte UTF-8 ; enregistrez-le en UTF-8",
                            en: "\(path): not UTF-8 text; save it as UTF-8")
        }
        return try NamedQuery(name: name, path: path, text: text)
    }
}
