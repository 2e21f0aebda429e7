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
        for key in table.keys {
            let value = table[key]!
            if let sub = value.table {
                guard let kind = TableKind(name: key) else {
                    throw UserError(.badSetting, "\(path): [\(key)]: unknown table (use volunteers, requests or assignments)")
                }
                for header in sub.keys {
                    mapping.perTable[kind, default: [:]][TextKey.normalize(header)] =
                        try column(sub[header]!, key: "\(key).\(header)")
                }
            } else {
                mapping.global[TextKey.normalize(key)] = try column(value, key: key)
            }
        }
        return mapping
    }

    func column(forNormalizedHeader header: String, table: TableKind) -> Column? {
        perTable[table]?[header] ?? global[header]
    }
}
