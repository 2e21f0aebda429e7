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
    /// Per file or sheet (`FILE` or `FILE[SHEET]`), the day/month orders an earlier attempt of this
    /// import decided: set by `run` when a file must be read again month first.
    var datePresets: [String: DateColumns] = [:]
    /// The language of the messages written to the rejects file (the user's, docs/FORMAT.md, "Messages").
    public var language: Language = .en
    /// `--date-order`: the day/month order of every numeric date; nil to decide per column
    /// from the values (docs/FORMAT.md, "Day and month order").
    public var dateOrder: DateOrder?

    public init() {}
}

/// One thing to import: a CSV file, or one sheet of a workbook.
public struct ImportUnit: Sendable {
    public var path: String
    /// The sheet, for a workbook.
    public var sheet: String?
    public var table: TableKind
    let workbook: SpreadsheetFile?
    /// True when the name is no table and the header row told it (docs/FORMAT.md, "Sheets").
    public var recognisedByHeader = false

    init(path: String, sheet: String?, table: TableKind, workbook: SpreadsheetFile?) {
        self.path = path
        self.sheet = sheet
        self.table = table
        self.workbook = workbook
    }

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

    /// An input must be a file that exists: a missing path or a folder is said as such.
    static func checkInputFile(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw UserError(.notFound, fr: "\(path) : fichier introuvable", en: "\(path): file not found")
        }
        if isFolder.boolValue {
            let example = (path as NSString).appendingPathComponent("*.csv")
            throw UserError(.badArgument,
                fr: "\(path) est un dossier, pas un fichier : donnez les fichiers qu'il contient (par exemple \(example))",
                en: "\(path) is a folder, not a file: give the files inside it (e.g. \(example))")
        }
    }

    /// Which table each file or sheet holds, in import order (docs/FORMAT.md, "Sheets"). A file
    /// or sheet is recognised by its name, else by its header row (`HeaderDetection.recognise`:
    /// one sheet per month, `Tous les membres`); `table` names the table of every CSV file and of
    /// single-sheet workbooks. A sheet that is visibly no data (empty, notes in one column) is
    /// listed in `ignoredSheets`; a file or sheet with a table that none of this names is an
    /// error (nothing may be dropped in silence), all of them listed in one `UserError`.
    public static func plan(files: [String], table: TableKind?,
                            mapping: HeaderMapping = HeaderMapping()) throws -> ImportPlan {
        var planned: [ImportUnit] = []
        var ignored: [String] = []
        var problems: [Localized] = []
        for path in files {
            try Importer.checkInputFile(path)
            if SpreadsheetFile.isWorkbook(path: path) {
                let workbook = try SpreadsheetFile.open(path: path)
                if let table {
                    guard workbook.sheetNames.count == 1 else {
                        throw UserError(.badArgument,
                            fr: "\(path) : --table ne s'applique qu'à un classeur d'une seule feuille, et celui-ci en a "
                                + "\(workbook.sheetNames.count) ; nommez chaque feuille d'après sa table (Bénévoles, "
                                + "Demandes, Interventions) et retirez --table",
                            en: "\(path): --table applies to a single-sheet workbook, and this one has "
                                + "\(workbook.sheetNames.count) sheets; name each sheet after its table (benevoles, "
                                + "demandes, interventions) and leave --table out")
                    }
                    planned.append(ImportUnit(path: path, sheet: workbook.sheetNames[0], table: table,
                                              workbook: workbook))
                    continue
                }
                let before = planned.count
                for sheet in workbook.sheetNames {
                    let location = "\(path)[\(sheet)]"
                    if let kind = TableKind.recognise(sheetName: sheet) {
                        planned.append(ImportUnit(path: path, sheet: sheet, table: kind, workbook: workbook))
                        continue
                    }
                    let rows = try HeaderDetection.firstRows(try workbook.source(sheet: sheet))
                    if let kind = HeaderDetection.recognise(rows, mapping: mapping) {
                        var unit = ImportUnit(path: path, sheet: sheet, table: kind, workbook: workbook)
                        unit.recognisedByHeader = true
                        planned.append(unit)
                    } else if HeaderDetection.isVisiblyNotData(rows) {
                        ignored.append(location)
                    } else {
                        problems.append(unrecognised(location, rows, mapping: mapping, sheet: true))
                    }
                }
                if planned.count == before && problems.isEmpty {
                    throw UserError(.badInput,
                        fr: "\(path) : aucune feuille de ce classeur ne contient de tableau à importer (feuilles : "
                            + workbook.sheetNames.map { "« \($0) »" }.joined(separator: ", ")
                            + ") ; mettez les données sous une ligne d'en-tête (N° demande, Date d'appel, Domaine…), "
                            + "ou donnez --table pour un classeur d'une seule feuille",
                        en: "\(path): no sheet of this workbook holds a table to import (sheets: "
                            + workbook.sheetNames.map { "\"\($0)\"" }.joined(separator: ", ")
                            + "); put the data under a header row (N° demande, Date d'appel, Domaine…), "
                            + "or pass --table for a single-sheet workbook")
                }
                continue
            }
            if let kind = table ?? TableKind.recognise(fileName: path) {
                planned.append(ImportUnit(path: path, sheet: nil, table: kind, workbook: nil))
                continue
            }
            let rows = try HeaderDetection.firstRows(try CSVReader(path: path))
            if let kind = HeaderDetection.recognise(rows, mapping: mapping) {
                var unit = ImportUnit(path: path, sheet: nil, table: kind, workbook: nil)
                unit.recognisedByHeader = true
                planned.append(unit)
            } else {
                problems.append(unrecognised(path, rows, mapping: mapping, sheet: false))
            }
        }
        if !problems.isEmpty {
            throw UserError(.badInput, Localized(fr: problems.map(\.fr).joined(separator: "\n"),
                                                 en: problems.map(\.en).joined(separator: "\n")))
        }
        // Stable sort: volunteers, then requests, then assignments.
        let units = planned.enumerated().sorted { a, b in
            a.element.table != b.element.table ? a.element.table < b.element.table : a.offset < b.offset
        }.map(\.element)
        return ImportPlan(units: units, ignoredSheets: ignored)
    }

    /// Why a file or sheet with content is of no known table, and what to change: the table its
    /// header comes nearest to, with that table's missing-column message.
    static func unrecognised(_ location: String, _ rows: [BufferedRow], mapping: HeaderMapping,
                             sheet: Bool) -> Localized {
        let fits = HeaderDetection.fittingTables(rows, mapping: mapping)
        let names = Localized(fr: sheet ? "de la feuille" : "du fichier", en: sheet ? "sheet" : "file")
        if fits.count > 1 {
            let tables = fits.map(\.rawValue).joined(separator: ", ")
            let tablesFr = fits.map(ImportSummaryText.frenchTable).joined(separator: ", ")
            return Localized(
                fr: "\(location) : l'en-tête \(names.fr) convient à plusieurs tables (\(tablesFr)) ; "
                    + (sheet ? "renommez la feuille d'après sa table (Bénévoles, Demandes, Interventions)"
                             : "renommez le fichier d'après sa table (benevoles, demandes, interventions) ou donnez --table"),
                en: "\(location): the \(names.en)'s header fits several tables (\(tables)); "
                    + (sheet ? "rename the sheet after its table (Bénévoles, Demandes, Interventions)"
                             : "rename the file after its table (benevoles, demandes, interventions) or pass --table"))
        }
        var text = Localized(
            fr: "\(location) : aucune des \(HeaderDetection.maxCandidateRows) premières lignes \(names.fr) n'est un "
                + "en-tête avec les colonnes obligatoires d'une table (bénévoles : N° bénévole, Date d'inscription ; "
                + "demandes : N° demande, Date d'appel, Domaine ; interventions : N° demande, N° bénévole), et rien "
                + "ne peut en être lu. "
                + (sheet ? "Corrigez sa ligne d'en-tête, nommez la feuille d'après sa table (Bénévoles, Demandes, "
                           + "Interventions) pour savoir quelle colonne manque ou, si elle ne contient rien à importer "
                           + "(un bilan, des notes), retirez-la du classeur que vous importez."
                         : "Corrigez sa ligne d'en-tête, ou nommez le fichier d'après sa table (benevoles, demandes, "
                           + "interventions) ou donnez --table pour savoir quelle colonne manque."),
            en: "\(location): none of the first \(HeaderDetection.maxCandidateRows) rows of this \(names.en) is a "
                + "header with the required columns of a table (volunteers: N° bénévole, Date d'inscription; "
                + "requests: N° demande, Date d'appel, Domaine; assignments: N° demande, N° bénévole), so nothing "
                + "can be read from it. "
                + (sheet ? "Correct its header row, name the sheet after its table (Bénévoles, Demandes, Interventions) "
                           + "to learn which column is missing, or, if it holds nothing to import (a summary, notes), "
                           + "remove it from the workbook you import."
                         : "Correct its header row, or name the file after its table (benevoles, demandes, "
                           + "interventions) or pass --table to learn which column is missing."))
        // The table the header comes nearest to (the most columns named, then the most required
        // columns with a near header), with its missing columns and their nearest headers.
        let nearest = TableKind.allCases.compactMap { kind -> (ColumnMap.MissingColumns, Int, Int)? in
            guard let row = HeaderDetection.bestAttempt(rows, table: kind, mapping: mapping) else { return nil }
            let named = HeaderDetection.columns(row.text, table: kind, mapping: mapping)
            let missing = ColumnMap.MissingColumns(table: kind, columns: Column.required[kind]!.filter { !named.contains($0) },
                                                   headers: row.text, line: row.line, mapping: mapping)
            return (missing, named.count, missing.nearest.count)
        }.max { $0.1 != $1.1 ? $0.1 < $1.1 : $0.2 < $1.2 }
        if let (missing, named, near) = nearest, named + near > 0 {
            for issue in missing.issues(file: location) {
                text = text.appending(Localized(fr: "\n  " + issue.description(.fr), en: "\n  " + issue.description(.en)))
            }
        }
        return text
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
        let plan = try Importer.plan(files: files, table: options.table, mapping: options.mapping)
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
        try run(Importer.plan(files: files, table: options.table, mapping: options.mapping), options: options)
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

        // A file to read again with a column month first (`DateOrderRestart`) starts the whole
        // import again, with the orders decided so far: each attempt decides at least one more
        // column of one more file, so a few attempts at most.
        var attempt = options
        let rejectsStart = rejects?.mark()
        defer { rejects?.release() }
        for attempts in 1... {
            do {
                summary.files = []
                try importOnce(plan, options: attempt, rejects: rejects, importedAt: importedAt, into: &summary)
                break
            } catch let restart as DateOrderRestart {
                guard attempts < 4 * DateColumns.dateColumns.count * max(plan.units.count, 1) else {
                    throw InternalError("the day/month order of \(restart.location) was never settled")
                }
                Timing.log("import: \(restart.location) is read again with a column month first")
                attempt.datePresets[restart.location] = restart.reading
                if let rejectsStart { try rejects?.rewind(to: rejectsStart) }
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

    /// One attempt of the import, in one transaction: committed, or rolled back when a row is in
    /// error, for a dry run, or when a file must be read again (the error goes through).
    private func importOnce(_ plan: ImportPlan, options: ImportOptions, rejects: RejectsWriter?, importedAt: String,
                            into summary: inout ImportSummary) throws {
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
                summary.unreadableCount = run.unreadableCount
                summary.warnings = run.warnings
                let failed = run.errorCount > 0 && (!options.skipInvalid || run.unreadableCount > 0)
                if failed || options.dryRun { return .rollback }
                // On the disk before the import commits: a full disk fails the import instead.
                if summary.rejectedCount > 0 || summary.valuesLeftOut > 0 { try rejects?.flushToDisk() }
                summary.committed = true
                return .commit
            }
        }
    }
}
