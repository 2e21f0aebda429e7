import Crypto
import Foundation

/// `entraide inspect FILE…` (docs/FORMAT.md, "Inspecting a file"): how each file or sheet would
/// be read, without writing anything. Two readings by the import's own code:
/// - the layout of each file or sheet (`HeaderReading`): its table, its header row, the rows
///   skipped above it, what each column becomes, and the first values of each column as the
///   import reads them;
/// - a dry run of the whole import (`Importer` on a database that is thrown away, or on the
///   user's database read but never written), which decides the order of day and month of each
///   date column over all its values, and counts the rows that would be imported or refused.
///
/// Personal data never shows: the personal columns' values are not quoted, nor the values of
/// the columns the import ignores (they may hold free text about people); any other value has
/// phone- and e-mail-like text masked.
public struct Inspection: Sendable {
    public var readings: [HeaderReading]
    /// The dry run of the files that can be read (nil when none can).
    public var trial: ImportSummary?
    /// The database the dry run read, nil when it ran on an empty one.
    public var database: String?
    /// How the values are read (labels, time zone).
    let settings: Settings

    /// True when a file or sheet cannot be read at all (no table, no header, a required column
    /// missing, dates that contradict each other): the import would fail on it.
    public var hasUnreadableFile: Bool {
        readings.contains { $0.problem != nil && !$0.isIgnored } || (trial?.unreadableCount ?? 0) > 0
    }

    /// Inspects `files` as `entraide import` with `options` (table, mapping, date order) would read
    /// them. `databasePath`: a database whose volunteers and requests the files may name (read,
    /// never written); nil or absent, an empty one.
    public static func run(files: [String], options: ImportOptions, settings: Settings,
                           databasePath: String?) throws -> Inspection {
        let readings = try HeaderReading.inspect(files: files, table: options.table, mapping: options.mapping)
        // The units of the files the import can plan; a file it refuses is already explained by its reading.
        var units: [ImportUnit] = [], ignoredSheets: [String] = []
        for path in files {
            guard let plan = try? Importer.plan(files: [path], table: options.table, mapping: options.mapping) else {
                continue
            }
            units += plan.units
            ignoredSheets += plan.ignoredSheets
        }
        var inspection = Inspection(readings: readings, trial: nil, database: nil, settings: settings)
        inspection.trialOptionsDateOrder = options.dateOrder
        guard !units.isEmpty else { return inspection }
        let existing = databasePath.map { FileManager.default.fileExists(atPath: $0) } ?? false
        let store = try Store(dryRunFor: existing ? databasePath! : "", exists: existing)
        inspection.database = existing ? databasePath : nil
        // The pseudonyms of a dry run are never written: any key will do.
        let importer = Importer(store: store, settings: settings,
                                pseudonymizer: Pseudonymizer(key: SymmetricKey(size: .bits256)))
        var trialOptions = options
        trialOptions.dryRun = true
        trialOptions.skipInvalid = false
        trialOptions.progress = nil
        inspection.trial = try importer.run(ImportPlan(units: units, ignoredSheets: ignoredSheets), options: trialOptions)
        return inspection
    }

    /// The trial's summary of one file or sheet.
    func trialFile(_ reading: HeaderReading) -> FileImportSummary? {
        trial?.files.first { $0.file == reading.location }
    }

    /// The order the trial read a date column in (its header as written), nil when not a date column.
    func dateOrder(of header: String, in reading: HeaderReading) -> DateOrder {
        if let given = trialOptionsDateOrder { return given }
        let monthFirst = trialFile(reading)?.monthFirstColumns.contains { $0.column == header } ?? false
        return monthFirst ? .monthFirst : .dayFirst
    }

    /// `--date-order`, when given.
    var trialOptionsDateOrder: DateOrder?
}
