import Foundation
import TOMLKit

/// Renames of source headers given with `--mapping FILE`: a TOML file whose top-level keys
/// apply to every table and whose `[volunteers]`, `[requests]`, `[assignments]` tables apply
/// to one, each mapping a header as written in the export to a column (docs/FORMAT.md, "Mapping"):
///
///     "Date de l'appel téléphonique" = "received_at"
///     "Numéro de membre" = "N° bénévole"     # a header the tool accepts, as written in French
///     "Commentaire" = "ignore"               # read nowhere, said once as ignored
///     [requests]
///     "Qui" = "volunteer_id"
///
/// A target is a canonical column name, any header the tool accepts for a column (the column
/// then depends on the table: `Nom` is `name` for volunteers, `resident_name` for requests),
/// or `ignore` (`ignorer`).
public struct HeaderMapping: Sendable {
    /// Where a mapped header goes.
    enum Target: Sendable, Equatable {
        /// A canonical column, whatever the table.
        case column(Column)
        /// A header the tool accepts (normalised), resolved per table through `Column.aliases`.
        case header(String)
        /// Read nowhere: the column is listed as ignored.
        case ignore

        /// The column this target names in `table`; nil for `ignore` or when the table has no such header.
        func column(in table: TableKind) -> Column? {
            switch self {
            case .column(let c): return c
            case .header(let key): return HeaderDetection.byHeader[table]![key]
            case .ignore: return nil
            }
        }
    }

    var global: [String: Target] = [:]
    var perTable: [TableKind: [String: Target]] = [:]

    public init() {}

    /// The words that map a header to nothing.
    static let ignoreWords: Set<String> = ["ignore", "ignorer", "ignored", "ignoree"]

    public static func load(path: String) throws -> HeaderMapping {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw UserError(.fileAccess, fr: "\(path) : impossible de lire le fichier de correspondance des en-têtes",
                            en: "\(path): cannot read the mapping file")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw UserError(.badSetting, .verbatim("\(path):\(error.source.begin.line): \(error.description)"))
        }
        var mapping = HeaderMapping()
        func target(_ value: TOMLValueConvertible, key: String, tables: [TableKind]) throws -> Target {
            let written = value.string ?? ""
            let name = TextKey.normalize(written)
            if HeaderMapping.ignoreWords.contains(name) { return .ignore }
            if let c = Column.named(name) { return .column(c) }
            if !name.isEmpty, tables.contains(where: { Target.header(name).column(in: $0) != nil }) {
                return .header(name)
            }
            let names = Column.allCases.map(\.name).joined(separator: ", ")
            throw UserError(.badSetting,
                fr: "\(path) : `\(key)` : « \(written) » n'est ni un nom de colonne (\(names)), ni un en-tête reconnu "
                    + "(par exemple « N° bénévole », « Date d'appel »), ni `ignore` ; corrigez la partie à droite du `=`",
                en: "\(path): `\(key)`: \"\(written)\" is neither a canonical column name (\(names)), nor a header the "
                    + "tool accepts (e.g. \"N° bénévole\", \"Date d'appel\"), nor `ignore`; change the text right of the `=`")
        }
        /// A personal-data header (SPEC §2.3) may name personal columns only: never one that is stored.
        func guarded(_ header: String, _ normalized: String, _ t: Target, key: String, tables: [TableKind]) throws -> Target {
            guard HeaderMapping.personalHeaders.contains(normalized),
                  let stored = tables.compactMap({ t.column(in: $0) }).first(where: { !$0.isPersonal }) else { return t }
            let personal = Column.allCases.filter(\.isPersonal).map(\.name).joined(separator: ", ")
            throw UserError(.badSetting,
                fr: "\(path) : `\(key)` : « \(header) » est une donnée personnelle (un nom, un numéro de téléphone ou "
                    + "une adresse e-mail) et ne peut pas aller dans \(stored.name), qui est enregistrée ; faites-la "
                    + "correspondre à l'une de \(personal), à `ignore`, ou supprimez la ligne",
                en: "\(path): `\(key)`: \"\(header)\" is personal data (a name, phone number "
                    + "or e-mail address) and cannot be mapped to \(stored.name), which is stored; map it to one of "
                    + personal + ", to `ignore`, or remove the line")
        }
        /// Two lines for one header (`"Quand"` and `"quand "` are the same header once normalised)
        /// that say different things: which one is meant cannot be known.
        var written: [String: (key: String, target: Target)] = [:]
        func check(_ scope: String, _ normalized: String, _ key: String, _ t: Target) throws {
            let id = scope + "\u{0}" + normalized
            if let earlier = written[id], !HeaderMapping.agree(earlier.target, t) {
                throw UserError(.badSetting,
                    fr: "\(path) : `\(earlier.key)` et `\(key)` désignent le même en-tête (majuscules, accents et "
                        + "ponctuation ne comptent pas) mais ne disent pas la même chose ; gardez une seule de ces lignes",
                    en: "\(path): `\(earlier.key)` and `\(key)` name the same header (case, accents and punctuation "
                        + "do not count) but say different things; keep only one of these lines")
            }
            written[id] = (key, t)
        }
        for key in table.keys.sorted() {
            let value = table[key]!
            if let sub = value.table {
                guard let kind = TableKind(name: key) else {
                    throw UserError(.badSetting,
                        fr: "\(path) : [\(key)] : table inconnue (écrivez volunteers, requests ou assignments)",
                        en: "\(path): [\(key)]: unknown table (use volunteers, requests or assignments)")
                }
                for header in sub.keys.sorted() {
                    let normalized = TextKey.normalize(header)
                    let where_ = "\(key).\(header)"
                    let t = try guarded(header, normalized, target(sub[header]!, key: where_, tables: [kind]),
                                        key: where_, tables: [kind])
                    try check(kind.rawValue, normalized, where_, t)
                    mapping.perTable[kind, default: [:]][normalized] = t
                }
            } else {
                let normalized = TextKey.normalize(key)
                let t = try guarded(key, normalized, target(value, key: key, tables: TableKind.allCases), key: key,
                                    tables: TableKind.allCases)
                try check("", normalized, key, t)
                mapping.global[normalized] = t
            }
        }
        return mapping
    }

    /// True when two targets send a header to the same place in every table where both say one
    /// (`"received_at"` and `"Date d'appel"`), or both ignore it.
    static func agree(_ a: Target, _ b: Target) -> Bool {
        if a == b { return true }
        if a == .ignore || b == .ignore { return false }
        return TableKind.allCases.allSatisfy { table in
            guard let ca = a.column(in: table), let cb = b.column(in: table) else { return true }
            return ca == cb
        }
    }

    /// Every accepted spelling of a personal-data column, in any table, normalised.
    static let personalHeaders: Set<String> = Set(Column.aliases.values.flatMap { table in
        table.filter { $0.key.isPersonal }.values.flatMap { $0 }
    })

    /// Where the mapping sends a header (normalised) of a `table` file; nil when it says nothing of it.
    func target(forNormalizedHeader header: String, table: TableKind) -> Target? {
        perTable[table]?[header] ?? global[header]
    }

    /// The column the mapping sends a header (normalised) to; nil when it says nothing of it or ignores it.
    func column(forNormalizedHeader header: String, table: TableKind) -> Column? {
        target(forNormalizedHeader: header, table: table)?.column(in: table)
    }
}
