import Crypto
import Foundation
import GRDB

/// The state of one import transaction: prepared statements, errors, warnings and the ids
/// seen so far. One file at a time goes through `importFile`, which reads its records
/// (`ImportRun+Reading.swift`) through the row handler of its table (`ImportRun+Rows.swift`),
/// which record the row's writes (`ImportRun+Writes.swift`).
///
/// Threading: a requests file is read on a helper thread that owns all of this state except
/// `statements`, while the calling (database) thread runs the recorded writes; the two share
/// only `BatchQueue`. Other files are read and written on the calling thread.
final class ImportRun: @unchecked Sendable {
    let importer: Importer
    let db: Database
    let options: ImportOptions
    let rejects: RejectsWriter?

    private(set) var errors: [ImportIssue] = []
    private(set) var errorCount = 0
    /// Files or sheets left unread (no header row, no table): the import
    /// fails even with `--skip-invalid` (docs/FORMAT.md, "Import rules").
    private(set) var unreadableCount = 0
    var warnings = ImportWarnings()
    /// The day/month order of the date columns of the file being read, with their evidence
    /// (`ImportRun+DateOrder.swift`); every `ColumnMap` of that reading refers to it.
    var fileDates = DateColumns(order: nil)

    /// The ids of the volunteers and requests files (or sheets) read so far in this import, with
    /// their lines: an id in two of them (two month sheets numbered from 1 each) is an error, never
    /// one row silently replacing the other.
    var earlierFiles: [TableKind: [(location: String, lines: FirstLines)]] = [:]

    /// Where else in this import the id was seen: `FILE:LINE` of its row in an earlier file of `table`.
    func earlierRow(of id: String, table: TableKind) -> String? {
        for file in earlierFiles[table] ?? [] {
            if let line = file.lines.line(of: id) { return "\(file.location):\(line)" }
        }
        return nil
    }

    /// The issue of an id that an earlier file of the import has too.
    static func idInTwoFiles(_ id: String, table: TableKind, at place: String) -> Localized {
        let (fr, en) = table == .volunteers ? ("le bénévole", "volunteer") : ("la demande", "request")
        return Localized(
            fr: "\(fr) \(PersonalData.quotedFrench(id)) figure aussi dans \(place) : dans une même importation, "
                + "chaque numéro ne doit apparaître qu'une fois (des feuilles de mois numérotées chacune à partir de 1 ?) ; "
                + "donnez à chaque ligne son propre numéro, par exemple en le préfixant du mois (10-1, 10-2…) ; si ce sont "
                + "deux exports successifs du même tableau, importez-les l'un après l'autre, le plus ancien d'abord",
            en: "\(en) \(PersonalData.quoted(id)) is also in \(place): within one import each id may appear only "
                + "once (month sheets each numbered from 1?); give every row its own id, e.g. prefixed with the "
                + "month (10-1, 10-2…); if they are two successive exports of the same table, import them one after "
                + "the other, the older first")
    }

    var knownVolunteers: Set<String> = []
    /// Volunteers whose own row was rejected → where that row is (`FILE:LINE`): an assignment
    /// naming one of them points there instead of saying "unknown volunteer".
    var rejectedVolunteers: [String: String] = [:]
    /// Requests whose own row was rejected → `FILE:LINE`, likewise for the assignments naming them.
    var rejectedRequests: [String: String] = [:]
    var volunteersLoaded = false
    var requestsExisted = false

    // MARK: Writes

    /// Every `Write`, prepared, indexed by its raw value.
    let statements: [RawStatement]
    /// The forms of the hot writes that write `WriteBatch.MultiRow.rows` rows per execution,
    /// indexed like `statements` (nil for the others), used for the batches of a requests file
    /// (whose rows have distinct ids).
    let multiRow: [WriteBatch.MultiRow?]
    /// Requests the assignments file names (few): only their rows need the merge of two sources;
    /// any other request row needs one write for its assignment.
    var requestsWithFileRows: Set<String> = []
    /// Writes of the rows read so far, not yet run.
    var batch = WriteBatch()
    /// Set while a requests file is read on the helper thread.
    var pipeline: BatchQueue?
    let receivedAtOfRequest: RawStatement
    let insertImport: RawStatement
    /// Requests whose derived status (docs/FORMAT.md, "Status") `finish` must compute again from all their assignments.
    var statusRecheck: Set<String> = []

    // MARK: Caches of the row handlers

    /// Volunteers' lists of domains repeat: each distinct cell is parsed once.
    var volunteerDomains: [String: (codes: [String], unknown: [String])] = [:]
    var domainCache = ByteCache<(label: String, code: String?)>()
    var statusCache = ByteCache<(label: String, status: RequestStatus?)>()
    var channelCache = ByteCache<(label: String, channel: String?)>()
    /// An association's configured spelling, and whether the text holds what looks like a phone
    /// number or an e-mail address (never stored).
    var associationCache = ByteCache<(name: String, personal: Bool)>()
    var volunteerCache = ByteCache<(id: String, known: Bool)>()
    /// Normalised phone number → pseudonym (the same resident calls again and again).
    /// (Up to a million numbers, about 60 MB; a network has far fewer residents.)
    var phoneCache = BoundedByteCache<String>(limit: 1 << 20)
    /// Resident id as the export gives it → pseudonym, likewise.
    var givenIDCache = BoundedByteCache<String>(limit: 1 << 20)
    private var workbookHashes: [String: String] = [:]

    /// When this import runs (UTC seconds): an event dated later is in the future (`checkFuture`).
    let importUTC: Int

    init(importer: Importer, db: Database, options: ImportOptions, rejects: RejectsWriter?) throws {
        importUTC = Int((options.now ?? Date()).timeIntervalSince1970)
        self.importer = importer
        self.db = db
        self.options = options
        self.rejects = rejects
        statements = try Write.allCases.map { try RawStatement(db, $0.sql) }
        multiRow = try Write.allCases.map { write in
            try write.multiRowSQL.map { sql in
                WriteBatch.MultiRow(statement: try RawStatement(db, sql.sql(rows: WriteBatch.MultiRow.rows)),
                                    parameters: sql.parameters)
            }
        }
        requestsWithFileRows = Set(try String.fetchAll(db, sql: """
            SELECT DISTINCT request_id FROM assignment_sources WHERE source = 'file'
            """))
        receivedAtOfRequest = try RawStatement(db, Self.receivedAtOfRequestSQL)
        insertImport = try RawStatement(db, Self.insertImportSQL)
        requestsExisted = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM requests)") ?? false
    }

    // MARK: Issues

    func record(_ issue: ImportIssue) {
        errorCount += 1
        if errors.count < options.maxListedErrors { errors.append(issue) }
    }

    /// Records the errors that leave a whole file or sheet unread (one file, however many issues).
    func recordUnreadable(_ issues: [ImportIssue]) {
        unreadableCount += 1
        issues.forEach(record)
    }

    /// Where the errors stand, to forget those of a file refused for its dates (`rewindIssues`).
    var issueMark: (listed: Int, count: Int, unreadable: Int) { (errors.count, errorCount, unreadableCount) }

    /// Forgets the errors recorded since `mark`.
    func rewindIssues(to mark: (listed: Int, count: Int, unreadable: Int)) {
        errors.removeSubrange(min(mark.listed, errors.count)...)
        errorCount = mark.count
        unreadableCount = mark.unreadable
    }

    // MARK: Files

    func importFile(_ unit: ImportUnit, importedAt: String) throws -> FileImportSummary {
        let table = unit.table
        var summary: FileImportSummary
        let sha256: String
        if let sheet = unit.sheet, let workbook = unit.workbook {
            let source = try workbook.source(sheet: sheet)
            summary = FileImportSummary(file: unit.location, table: table, encoding: .utf8, delimiter: "")
            summary.sheet = sheet
            summary.recognisedByHeader = unit.recognisedByHeader
            try importDecidingDateOrder(source, location: unit.location, table: table, summary: &summary)
            sha256 = try workbookHash(unit.path)
        } else {
            let reader = try CSVReader(path: unit.path)
            summary = FileImportSummary(file: unit.path, table: table, encoding: reader.encoding,
                                        delimiter: reader.delimiter == 0x09 ? "tab" : String(UnicodeScalar(reader.delimiter)))
            summary.recognisedByHeader = unit.recognisedByHeader
            try importDecidingDateOrder(reader, location: unit.path, table: table, summary: &summary)
            warnings.repairedFields += reader.repairedFields
            summary.warnings += reader.repairedFields
            sha256 = try reader.sha256Hex()
        }
        try logImport(unit, importedAt: importedAt, sha256: sha256, summary: summary)
        return summary
    }

    /// SHA-256 of a workbook file (once per file, however many of its sheets are imported).
    private func workbookHash(_ path: String) throws -> String {
        if let known = workbookHashes[path] { return known }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw UserError(.fileAccess,
                fr: "\(path) : impossible d'ouvrir le fichier (existe-t-il, peut-il être lu ?)",
                en: "\(path): cannot open the file (does it exist, is it readable?)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { hasher.update(data: data) }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        workbookHashes[path] = hex
        return hex
    }
}
