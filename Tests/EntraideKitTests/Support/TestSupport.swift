import Foundation
import GRDB
import SharedTestSupport
@testable import EntraideKit

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
        // 2027-01-15: after every date of the test exports, so none is dated in the future.
        options.now = Date(timeIntervalSince1970: 1_800_000_000)
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

/// Where the tests find their files.
enum TestPaths {
    /// `Tests/EntraideKitTests` in the source tree (golden files are written there).
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The package's root folder.
    static let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

    /// A file or folder of the bundled copy of `Fixtures/`, e.g. `fixture("summary/requests.csv")`.
    static func fixture(_ path: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(path)
    }
}

/// Equal within `tolerance` times the expected value's size (at least 1); both nil counts as equal.
/// Statistics computed in another order, or read back from a workbook (libxlsxwriter writes 16
/// significant digits), differ in the last bits.
func close(_ a: Double?, _ b: Double?, tolerance: Double = 1e-9) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance * max(1, abs(b))
}
