import Foundation
import GRDB
@testable import EntraideKit

/// A temporary folder removed when the value goes away.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("entraide-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes text (UTF-8) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: url.appendingPathComponent(name))
        return path(name)
    }
}

/// A database in a temp folder with an importer around it.
struct ImportFixture {
    let dir: TempDir
    let store: Store
    let settings: Settings
    var dbPath: String { store.path }

    init(settings: Settings = Settings()) throws {
        dir = try TempDir()
        store = try Store(path: dir.path("entraide.sqlite"))
        self.settings = settings
    }

    @discardableResult
    func run(_ files: [String], _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportSummary {
        var options = ImportOptions()
        options.now = Date(timeIntervalSince1970: 1_790_000_000)
        configure(&options)
        let p = try Pseudonymizer.forDatabase(dbPath)
        return try Importer(store: store, settings: settings, pseudonymizer: p).run(files: files, options: options)
    }

    /// Every row of a table, as text, sorted: a stable picture for comparisons.
    func dump(_ table: String) throws -> [String] {
        try store.dbQueue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { row in
                row.columnNames.map { "\($0)=\(row[$0].map { "\($0)" } ?? "NULL")" }.joined(separator: "|")
            }.sorted()
        }
    }

    func value<T: DatabaseValueConvertible>(_ sql: String, as: T.Type = String.self) throws -> T? {
        try store.dbQueue.read { try T.fetchOne($0, sql: sql) }
    }
}
