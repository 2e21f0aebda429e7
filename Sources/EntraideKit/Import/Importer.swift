import Foundation
import GRDB

/// Options of one `entraide import` run.
public struct ImportOptions {
    /// Validate everything, write nothing.
    public var dryRun = false
    /// Import the valid rows and write the rejected ones to a rejects CSV.
    public var skipInvalid = false
    /// Table of every file, when file names do not say it.
    public var table: TableKind?
    public var mapping = HeaderMapping()
    /// Where the rejects CSV goes (`--skip-invalid`); default: beside the database.
    public var rejectsPath: String?
    /// How many errors are listed one by one (the rest are counted).
    public var maxListedErrors = 50
    /// Called now and then with a progress line for large files.
    public var progress: ((String) -> Void)?
    /// The import log's time (tests fix it); default now.
    public var now: Date?

    public init() {}
}

/// Imports CSV exports into the database (SPEC §2.4): one transaction for all the files,
/// every error listed with its place, nothing written when any row is in error (unless
/// `skipInvalid`), rows upserted by id so cumulative exports can be imported again.
public final class Importer {
    let store: Store
    let settings: Settings
    let pseudonymizer: Pseudonymizer
    let labels: LabelResolver
    let clock: LocalClock

    public init(store: Store, settings: Settings, pseudonymizer: Pseudonymizer) {
        self.store = store
        self.settings = settings
        self.pseudonymizer = pseudonymizer
        self.labels = LabelResolver(settings: settings)
        self.clock = settings.makeClock()
    }

    /// Which table each file holds, in import order. Throws when a file's table is unknown.
    public static func plan(files: [String], table: TableKind?) throws -> [(path: String, table: TableKind)] {
        var planned: [(path: String, table: TableKind)] = []
        for path in files {
            guard FileManager.default.fileExists(atPath: path) else {
                throw UserError("\(path): file not found")
            }
            let ext = (path as NSString).pathExtension.lowercased()
            if ["xlsx", "xlsm", "ods", "xls"].contains(ext) {
                throw UserError("\(path): spreadsheet workbooks are not supported yet; "
                    + "save each sheet as CSV (UTF-8, `;` separated) and import the CSV files")
            }
            if let kind = table ?? TableKind.recognise(fileName: path) {
                planned.append((path, kind))
            } else {
                throw UserError("\(path): cannot tell which table this file holds from its name; "
                    + "name it after the table (benevoles, demandes, interventions) or pass --table "
                    + "volunteers|requests|assignments")
            }
        }
        // Stable sort: volunteers, then requests, then assignments.
        return planned.enumerated().sorted { a, b in
            a.element.table != b.element.table ? a.element.table < b.element.table : a.offset < b.offset
        }.map(\.element)
    }

    public func run(files: [String], options: ImportOptions) throws -> ImportSummary {
        let plan = try Importer.plan(files: files, table: options.table)
        var summary = ImportSummary()
        summary.dryRun = options.dryRun
        summary.skipInvalid = options.skipInvalid
        var rejects: RejectsWriter?
        if options.skipInvalid && !options.dryRun {
            let path = options.rejectsPath ?? RejectsWriter.defaultPath(besideDatabase: store.path, now: options.now ?? Date())
            rejects = try RejectsWriter(path: path)
            summary.rejectsPath = path
        }
        let importedAt = clock.timestamp(utc: Int((options.now ?? Date()).timeIntervalSince1970)).iso8601

        try store.dbQueue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let run = try ImportRun(importer: self, db: db, options: options, rejects: rejects)
                for (path, table) in plan {
                    var fileSummary = try run.importFile(path: path, table: table, importedAt: importedAt)
                    fileSummary.file = path
                    summary.files.append(fileSummary)
                }
                try run.finish()
                summary.errors = run.errors
                summary.errorCount = run.errorCount
                summary.warnings = run.warnings
                let failed = run.errorCount > 0 && !options.skipInvalid
                if failed || options.dryRun { return .rollback }
                summary.committed = true
                return .commit
            }
        }
        if let rejects {
            try rejects.close()
            if summary.rejectedCount == 0 || !summary.committed {
                try? FileManager.default.removeItem(atPath: rejects.path)
                summary.rejectsPath = nil
            }
        }
        return summary
    }
}
