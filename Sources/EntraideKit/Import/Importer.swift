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
    /// Files this run reads besides the imported ones (the mapping, the settings): the
    /// rejects file is never written onto them.
    public var otherInputs: [String] = []
    /// How many errors are listed one by one (the rest are counted).
    public var maxListedErrors = 50
    /// Called now and then with a progress line for large files.
    public var progress: ((String) -> Void)?
    /// The import log's time (tests fix it); default now.
    public var now: Date?
    /// The language of the messages written to the rejects file (the user's, docs/FORMAT.md, "Messages").
    public var language: Language = .en

    public init() {}
}

/// One thing to import: a CSV file, or one sheet of a workbook.
public struct ImportUnit: Sendable {
    public var path: String
    /// The sheet, for a workbook.
    public var sheet: String?
    public var table: TableKind
    let workbook: SpreadsheetFile?

    /// `FILE` or `FILE[SHEET]`: how errors name it.
    public var location: String { sheet.map { "\(path)[\($0)]" } ?? path }
}

/// What `entraide import` will read, in order.
public struct ImportPlan: Sendable {
    public var units: [ImportUnit]
    /// Sheets whose names are no table, as `FILE[SHEET]`: reported and not imported.
    public var ignoredSheets: [String]
}

/// Imports CSV exports and workbooks into the database (docs/FORMAT.md, import rules): one transaction for all the files,
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

    /// Which table each file or sheet holds, in import order. Throws when a file's table is unknown.
    /// A workbook (XLSX, ODS) brings one unit per sheet named after a table; its other sheets are
    /// listed in `ignoredSheets`. `table` names the table of every CSV file and of single-sheet workbooks.
    public static func plan(files: [String], table: TableKind?) throws -> ImportPlan {
        var planned: [ImportUnit] = []
        var ignored: [String] = []
        for path in files {
            guard FileManager.default.fileExists(atPath: path) else {
                throw UserError(.notFound, "\(path): file not found")
            }
            if SpreadsheetFile.isWorkbook(path: path) {
                let workbook = try SpreadsheetFile.open(path: path)
                if let table {
                    guard workbook.sheetNames.count == 1 else {
                        throw UserError(.badArgument, "\(path): --table applies to a single-sheet workbook, and this one has "
                            + "\(workbook.sheetNames.count) sheets; name each sheet after its table (benevoles, "
                            + "demandes, interventions) and leave --table out")
                    }
                    planned.append(ImportUnit(path: path, sheet: workbook.sheetNames[0], table: table,
                                              workbook: workbook))
                    continue
                }
                var found = false
                for sheet in workbook.sheetNames {
                    if let kind = TableKind.recognise(sheetName: sheet) {
                        planned.append(ImportUnit(path: path, sheet: sheet, table: kind, workbook: workbook))
                        found = true
                    } else {
                        ignored.append("\(path)[\(sheet)]")
                    }
                }
                if !found {
                    throw UserError(.badInput, "\(path): no sheet of this workbook is named after a table (sheets: "
                        + workbook.sheetNames.map { "\"\($0)\"" }.joined(separator: ", ")
                        + "); name them benevoles, demandes, interventions (or volunteers, requests, assignments), "
                        + "or pass --table for a single-sheet workbook")
                }
                continue
            }
            if let kind = table ?? TableKind.recognise(fileName: path) {
                planned.append(ImportUnit(path: path, sheet: nil, table: kind, workbook: nil))
            } else {
                throw UserError(.badInput, "\(path): cannot tell which table this file holds from its name; "
                    + "name it after the table (benevoles, demandes, interventions) or pass --table "
                    + "volunteers|requests|assignments")
            }
        }
        // Stable sort: volunteers, then requests, then assignments.
        let units = planned.enumerated().sorted { a, b in
            a.element.table != b.element.table ? a.element.table < b.element.table : a.offset < b.offset
        }.map(\.element)
        return ImportPlan(units: units, ignoredSheets: ignored)
    }

    /// `entraide import`: plans the files (a file whose table is unknown fails before anything
    /// is created), takes the database at `databasePath` for the run (`ImportDestination`: locked,
    /// created when new, waiting up to `busyTimeout` seconds for another import) with its
    /// pseudonymisation key, and imports. A database and key this run created are removed
    /// again when it commits nothing (rows in error) or fails: nothing half-written stays
    /// behind. A dry run writes nothing at all. SQLite's failures that are the database's state
    /// (busy, read-only, a full disk) are `UserError`s.
    public static func run(files: [String], databasePath: String, settings: Settings,
                           options: ImportOptions, busyTimeout: TimeInterval = Store.busyTimeout) throws -> ImportSummary {
        try DatabaseFile.checkPath(databasePath)
        let plan = try Importer.plan(files: files, table: options.table)
        var committed = false
        do {
            let destination = try ImportDestination(databasePath: databasePath, dryRun: options.dryRun,
                                                    busyTimeout: busyTimeout)
            defer { destination.finish(committed: committed, busyTimeout: busyTimeout) }
            let store = try destination.openStore(busyTimeout: busyTimeout)
            let pseudonymizer = try destination.pseudonymizer(for: store)
            let summary = try Importer(store: store, settings: settings, pseudonymizer: pseudonymizer)
                .run(plan, options: options)
            committed = summary.committed
            return summary
        } catch {
            throw DatabaseFailure.userError(for: error, path: databasePath) ?? error
        }
    }

    /// Plans `files` and imports them into this importer's store (which stays, whatever the
    /// outcome: the clean-up of a new database is `run(files:databasePath:settings:options:)`'s).
    public func run(files: [String], options: ImportOptions) throws -> ImportSummary {
        try run(Importer.plan(files: files, table: options.table), options: options)
    }

    /// Imports what `plan` lists (see `plan(files:table:)`).
    public func run(_ plan: ImportPlan, options: ImportOptions) throws -> ImportSummary {
        // Resident ids an earlier version stored as given are re-keyed first (a dry run writes nothing).
        if !options.dryRun { try store.migrate(with: pseudonymizer) }
        var summary = ImportSummary()
        summary.ignoredSheets = plan.ignoredSheets
        summary.dryRun = options.dryRun
        summary.skipInvalid = options.skipInvalid
        var rejects: RejectsWriter?
        if options.skipInvalid && !options.dryRun {
            let path = options.rejectsPath ?? RejectsWriter.defaultPath(besideDatabase: store.path, now: options.now ?? Date())
            let policy = OutputPolicy(database: store.path, inputs: plan.units.map(\.path) + options.otherInputs)
            rejects = try RejectsWriter(path: path, option: options.rejectsPath == nil ? nil : "--rejects", policy: policy)
            summary.rejectsPath = path
        }
        // Until the import commits, the rejects are a temporary file: any failure removes it.
        defer { rejects?.discard() }
        let importedAt = clock.timestamp(utc: Int((options.now ?? Date()).timeIntervalSince1970)).iso8601

        try store.dbQueue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let run = try ImportRun(importer: self, db: db, options: options, rejects: rejects)
                for unit in plan.units {
                    summary.files.append(try Timing.measure("import: \(unit.table) file done in") {
                        try run.importFile(unit, importedAt: importedAt)
                    })
                }
                try Timing.measure("import: derived statuses done in") { try run.finish() }
                Timing.log("import: committing")
                summary.errors = run.errors
                summary.errorCount = run.errorCount
                summary.warnings = run.warnings
                let failed = run.errorCount > 0 && !options.skipInvalid
                if failed || options.dryRun { return .rollback }
                // On the disk before the import commits: a full disk fails the import instead.
                if summary.rejectedCount > 0 || summary.valuesLeftOut > 0 { try rejects?.flushToDisk() }
                summary.committed = true
                return .commit
            }
        }
        Timing.log("import: committed")
        if let rejects {
            if (summary.rejectedCount > 0 || summary.valuesLeftOut > 0) && summary.committed {
                try rejects.commit()
            } else {
                summary.rejectsPath = nil
            }
        }
        return summary
    }
}
