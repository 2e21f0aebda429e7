import Foundation
import TOMLKit

/// Renames of source headers given with `--mapping FILE`: a TOML file whose top-level keys
/// apply to every table and whose `[volunteers]`, `[requests]`, `[assignments]` tables apply
/// to one, each mapping a header as written in the export to a canonical column:
///
///     "Date de l'appel téléphonique" = "received_at"
///     [requests]
///     "Qui" = "volunteer_id"
public struct HeaderMapping: Sendable {
    var global: [String: Column] = [:]
    var perTable: [TableKind: [String: Column]] = [:]

    public init() {}

    public static func load(path: String) throws -> HeaderMapping {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw UserError(.fileAccess, "\(path): cannot read the mapping file")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw UserError(.badSetting, "\(path):\(error.source.begin.line): \(error.description)")
        }
        var mapping = HeaderMapping()
        func column(_ value: TOMLValueConvertible, key: String) throws -> Column {
            guard let name = value.string, let c = Column.named(TextKey.normalize(name)) else {
                throw UserError(.badSetting, "\(path): `\(key)`: expected a canonical column name, one of "
                    + Column.allCases.map(\.name).joined(separator: ", "))
            }
            return c
        }
        /// A personal-data header (SPEC §2.3) may name personal columns only: never one that is stored.
        func guarded(_ header: String, _ normalized: String, _ c: Column, key: String) throws -> Column {
            if !c.isPersonal, HeaderMapping.personalHeaders.contains(normalized) {
                throw UserError(.badSetting, "\(path): `\(key)`: \"\(header)\" is personal data (a name, phone number "
                    + "or e-mail address) and cannot be mapped to \(c.name), which is stored; map it to one of "
                    + Column.allCases.filter(\.isPersonal).map(\.name).joined(separator: ", ")
                    + " or remove the line")
            }
            return c
        }
        for key in table.keys {
            let value = table[key]!
            if let sub = value.table {
                guard let kind = TableKind(name: key) else {
                    throw UserError(.badSetting, "\(path): [\(key)]: unknown table (use volunteers, requests or assignments)")
                }
                for header in sub.keys {
                    let normalized = TextKey.normalize(header)
                    mapping.perTable[kind, default: [:]][normalized] = try guarded(
                        header, normalized, column(sub[header]!, key: "\(key).\(header)"), key: "\(key).\(header)")
                }
            } else {
                let normalized = TextKey.normalize(key)
                mapping.global[normalized] = try guarded(key, normalized, column(value, key: key), key: key)
            }
        }
        return mapping
    }

    /// Every accepted spelling of a personal-data column, in any table, normalised.
    static let personalHeaders: Set<String> = Set(Column.aliases.values.flatMap { table in
        table.filter { $0.key.isPersonal }.values.flatMap { $0 }
    })

    func column(forNormalizedHeader header: String, table: TableKind) -> Column? {
        perTable[table]?[header] ?? global[header]
    }
}
