import Crypto
import Foundation
import GRDB

/// The state of one import transaction: prepared statements, errors, warnings and the ids
/// seen so far. One file at a time goes through `importFile`.
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
    var warnings = ImportWarnings()

    private var knownVolunteers: Set<String> = []
    private var volunteersLoaded = false
    private var requestsExisted = false

    /// Writes, in the order of `Write`.
    private var statements: [RawStatement] = []
    /// In the order the writes of one row run (a batch grouped by statement keeps it).
    private enum Write: Int {
        case upsertVolunteer, upsertRequest, dropStaleMerged, dropStaleInline, keepFileOnly, writeInline,
             inlineSource, keepInline, fileSource, merge

        // The sequences a row records (built once, not per row).
        static let dropStale: [Write] = [.dropStaleMerged]
        static let dropStaleWithFileRows: [Write] = [.dropStaleMerged, .dropStaleInline, .keepFileOnly]
        static let inline: [Write] = [.writeInline]
        static let inlineWithFileRows: [Write] = [.writeInline, .inlineSource, .merge]
    }

    /// Whether the assignments file named this request (no look-up while it named none).
    @inline(__always) private func hasFileRows(_ request: String) -> Bool {
        !requestsWithFileRows.isEmpty && requestsWithFileRows.contains(request)
    }
    /// Forms of the hot statements that write `WriteBatch.MultiRow.rows` rows per execution,
    /// used for the batches of a requests file (whose rows have distinct ids).
    private var multiRow: [Int: WriteBatch.MultiRow] = [:]
    /// Requests the assignments file names (few): only their rows need the merge of two sources;
    /// any other request row needs one write for its assignment.
    private var requestsWithFileRows: Set<String> = []
    /// Writes of the rows read so far, not yet run.
    private var batch = WriteBatch()
    /// Set while a requests file is read on the helper thread.
    private var pipeline: BatchQueue?
    private let receivedAtOfRequest: RawStatement
    private let insertImport: RawStatement

    init(importer: Importer, db: Database, options: ImportOptions, rejects: RejectsWriter?) throws {
        self.importer = importer
        self.db = db
        self.options = options
        self.rejects = rejects
        let upsertVolunteer = try RawStatement(db, """
            INSERT INTO volunteers (volunteer_id, joined_on, joined_month, left_on, left_month, association, domains)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (volunteer_id) DO UPDATE SET
                joined_on = excluded.joined_on, joined_month = excluded.joined_month,
                left_on = excluded.left_on, left_month = excluded.left_month,
                association = excluded.association, domains = excluded.domains
            """)
        let upsertRequestSQL = MultiRowSQL(
            insert: """
                INSERT INTO requests (request_id, received_at, received_month, domain, resident_key, status,
                                      status_derived, association, channel)
                """,
            row: "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", parameters: 9,
            conflict: """
                ON CONFLICT (request_id) DO UPDATE SET
                    received_at = excluded.received_at, received_month = excluded.received_month,
                    domain = excluded.domain, resident_key = excluded.resident_key, status = excluded.status,
                    status_derived = excluded.status_derived, association = excluded.association,
                    channel = excluded.channel
                """)
        let upsertRequest = try RawStatement(db, upsertRequestSQL.sql(rows: 1))
        // Assignments. A pair only a request row names: its `assignments` row is the row's values,
        // replaced in full by a newer export. A pair the assignments file names too: each source's
        // latest values are kept in `assignment_sources` and `assignments` is their merge, a value
        // of the file winning; re-merging after every write keeps imports idempotent whatever the
        // order of the files.
        let writeInlineSQL = MultiRowSQL(
            insert: """
                INSERT INTO assignments (request_id, volunteer_id, matched_at, matched_month, contacted_at,
                                         done_at, done_month, hours, source)
                """,
            row: "(?1, ?2, ?3, substr(?3, 1, 7), ?4, ?5, substr(?5, 1, 7), ?6, 'inline')", parameters: 6,
            conflict: """
                ON CONFLICT (request_id, volunteer_id) DO UPDATE SET
                    matched_at = excluded.matched_at, matched_month = excluded.matched_month,
                    contacted_at = excluded.contacted_at, done_at = excluded.done_at,
                    done_month = excluded.done_month, hours = excluded.hours
                WHERE assignments.source = 'inline'
                """)
        let writeInline = try RawStatement(db, writeInlineSQL.sql(rows: 1))
        let inlineSource = try RawStatement(db, """
            INSERT INTO assignment_sources (request_id, volunteer_id, source, matched_at, contacted_at, done_at, hours)
            SELECT ?1, ?2, 'inline', ?3, ?4, ?5, ?6
            WHERE EXISTS (SELECT 1 FROM assignment_sources
                          WHERE request_id = ?1 AND volunteer_id = ?2 AND source = 'file')
            ON CONFLICT (request_id, volunteer_id, source) DO UPDATE SET
                matched_at = excluded.matched_at, contacted_at = excluded.contacted_at,
                done_at = excluded.done_at, hours = excluded.hours
            """)
        // Before the first file row of a pair, what the request row gave becomes its inline source.
        let keepInline = try RawStatement(db, """
            INSERT OR IGNORE INTO assignment_sources
                SELECT request_id, volunteer_id, 'inline', matched_at, contacted_at, done_at, hours
                FROM assignments WHERE request_id = ?1 AND volunteer_id = ?2 AND source = 'inline'
            """)
        let fileSource = try RawStatement(db, """
            INSERT INTO assignment_sources (request_id, volunteer_id, source, matched_at, contacted_at, done_at, hours)
            VALUES (?1, ?2, 'file', ?3, ?4, ?5, ?6)
            ON CONFLICT (request_id, volunteer_id, source) DO UPDATE SET
                matched_at = excluded.matched_at, contacted_at = excluded.contacted_at,
                done_at = excluded.done_at, hours = excluded.hours
            """)
        let merge = try RawStatement(db, """
            INSERT INTO assignments (request_id, volunteer_id, matched_at, matched_month, contacted_at,
                                     done_at, done_month, hours, source)
            SELECT f.request_id, f.volunteer_id,
                   coalesce(f.matched_at, i.matched_at), substr(coalesce(f.matched_at, i.matched_at), 1, 7),
                   coalesce(f.contacted_at, i.contacted_at),
                   coalesce(f.done_at, i.done_at), substr(coalesce(f.done_at, i.done_at), 1, 7),
                   coalesce(f.hours, i.hours), 'file'
            FROM assignment_sources f
            LEFT JOIN assignment_sources i
                   ON i.request_id = f.request_id AND i.volunteer_id = f.volunteer_id AND i.source = 'inline'
            WHERE f.request_id = ?1 AND f.volunteer_id = ?2 AND f.source = 'file'
            ON CONFLICT (request_id, volunteer_id) DO UPDATE SET
                matched_at = excluded.matched_at, matched_month = excluded.matched_month,
                contacted_at = excluded.contacted_at, done_at = excluded.done_at, done_month = excluded.done_month,
                hours = excluded.hours, source = 'file'
            """)
        // A request row replaces its inline assignment, empty cells included: an inline volunteer
        // that the newer row no longer names is dropped — the whole assignment when only the row
        // gave it, else what the assignments file said is all that remains.
        let dropStaleMerged = try RawStatement(db, """
            DELETE FROM assignments WHERE request_id = ?1 AND volunteer_id IS NOT ?2 AND source = 'inline'
            """)
        let dropStaleInline = try RawStatement(db, """
            DELETE FROM assignment_sources WHERE request_id = ?1 AND source = 'inline' AND volunteer_id IS NOT ?2
            """)
        let keepFileOnly = try RawStatement(db, """
            UPDATE assignments SET (matched_at, matched_month, contacted_at, done_at, done_month, hours) =
                (SELECT f.matched_at, substr(f.matched_at, 1, 7), f.contacted_at, f.done_at, substr(f.done_at, 1, 7),
                        f.hours
                 FROM assignment_sources f
                 WHERE f.request_id = assignments.request_id AND f.volunteer_id = assignments.volunteer_id
                   AND f.source = 'file')
            WHERE request_id = ?1 AND volunteer_id IS NOT ?2 AND source = 'file'
            """)
        statements = [upsertVolunteer, upsertRequest, dropStaleMerged, dropStaleInline, keepFileOnly, writeInline,
                      inlineSource, keepInline, fileSource, merge]
        let rows = WriteBatch.MultiRow.rows
        multiRow = [
            Write.upsertRequest.rawValue: WriteBatch.MultiRow(
                statement: try RawStatement(db, upsertRequestSQL.sql(rows: rows)),
                parameters: upsertRequestSQL.parameters),
            Write.writeInline.rawValue: WriteBatch.MultiRow(
                statement: try RawStatement(db, writeInlineSQL.sql(rows: rows)), parameters: writeInlineSQL.parameters),
        ]
        requestsWithFileRows = Set(try String.fetchAll(db, sql: """
            SELECT DISTINCT request_id FROM assignment_sources WHERE source = 'file'
            """))
        receivedAtOfRequest = try RawStatement(db, "SELECT received_at FROM requests WHERE request_id = ?1")
        insertImport = try RawStatement(db, """
            INSERT INTO imports (imported_at, file_name, sheet, table_name, sha256, rows_read, rows_imported,
                                 rows_rejected, warnings)
            VALUES (?1, ?2, ?9, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        requestsExisted = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM requests)") ?? false
    }

    // MARK: Issues

    private func record(_ issue: ImportIssue) {
        errorCount += 1
        if errors.count < options.maxListedErrors { errors.append(issue) }
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
            try importRecords(source, location: unit.location, table: table, summary: &summary)
            sha256 = try workbookHash(unit.path)
        } else {
            let reader = try CSVReader(path: unit.path)
            summary = FileImportSummary(file: unit.path, table: table, encoding: reader.encoding,
                                        delimiter: reader.delimiter == 0x09 ? "tab" : String(UnicodeScalar(reader.delimiter)))
            try importRecords(reader, location: unit.path, table: table, summary: &summary)
            warnings.repairedFields += reader.repairedFields
            summary.warnings += reader.repairedFields
            sha256 = try reader.sha256Hex()
        }
        insertImport.bind(1, importedAt)
        insertImport.bind(2, (unit.path as NSString).lastPathComponent)
        insertImport.bind(3, table.rawValue)
        insertImport.bind(4, sha256)
        insertImport.bind(5, summary.rowsRead)
        insertImport.bind(6, summary.rowsImported)
        insertImport.bind(7, summary.rowsRejected)
        insertImport.bind(8, summary.warnings)
        insertImport.bind(9, unit.sheet)
        try insertImport.execute()
        return summary
    }

    /// SHA-256 of a workbook file (once per file, however many of its sheets are imported).
    private func workbookHash(_ path: String) throws -> String {
        if let known = workbookHashes[path] { return known }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw UserError("\(path): cannot open the file (does it exist, is it readable?)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { hasher.update(data: data) }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        workbookHashes[path] = hex
        return hex
    }
    private var workbookHashes: [String: String] = [:]

    /// Reads every record of a CSV file or a sheet through the row handlers of its table.
    private func importRecords<S: RecordSource>(_ reader: S, location fileName: String, table: TableKind,
                                                summary: inout FileImportSummary) throws {
        let warningsBefore = warnings.total
        var columns: ColumnMap?
        var fileFailed = false
        // About one row per 120 bytes in real exports.
        var seen = FirstLines(capacity: table == .assignments ? 64 : reader.fileSize / 120)
        var seenPairs = FirstLines(capacity: table == .assignments ? reader.fileSize / 120 : 64)
        let showProgress = options.progress != nil && reader.fileSize > 8 << 20
        var nextProgress = 0
        var fileSummary = summary
        defer { summary = fileSummary }

        if table != .volunteers && !volunteersLoaded {
            knownVolunteers = Set(try String.fetchAll(db, sql: "SELECT volunteer_id FROM volunteers"))
            volunteerCache = ByteCache()
            volunteersLoaded = true
        }

        let readAll = { [self] in try reader.forEachRecord { rec in
            guard let map = columns else {
                if rec.isBlank { return true }
                switch ColumnMap.make(record: rec, table: table, mapping: options.mapping) {
                case .success(let m):
                    columns = m
                    fileSummary.ignoredHeaders = m.ignored
                    fileSummary.personalHeaders = m.personal
                case .failure(let missing):
                    for issue in missing.issues(file: fileName, line: rec.line) { record(issue) }
                    fileFailed = true
                    return false
                }
                return true
            }
            if rec.isBlank { return true }
            fileSummary.rowsRead += 1
            var row = RowContext(file: fileName, line: rec.line, map: map)
            let misaligned = map.extraFields(rec)
            if misaligned > 0 {
                // More values than headers: a separator inside an unquoted value (often a name
                // written `Dupont, Jeanne`) shifts every cell after it. Nothing in the row can be
                // trusted, and no cell is quoted back (it may be a name or a phone number).
                row.issues.append(ImportIssue(file: fileName, line: rec.line, column: "",
                    message: "this row has \(rec.count) values but the header has \(map.headers.count) columns; "
                        + "a value probably contains the separator without quotes around it"))
            } else {
                switch table {
                case .volunteers: try volunteerRow(rec, &row, seen: &seen)
                case .requests: try requestRow(rec, &row, seen: &seen)
                case .assignments: try assignmentRow(rec, &row, seen: &seenPairs)
                }
            }
            if row.issues.isEmpty {
                fileSummary.rowsImported += 1
            } else {
                fileSummary.rowsRejected += 1
                if let rejects {
                    for issue in row.issues {
                        rejects.write([issue.file, String(issue.line), issue.column, issue.message,
                                       misaligned > 0 ? "" : map.nonPersonalContent(rec)])
                    }
                }
                if !options.skipInvalid || rejects == nil { row.issues.forEach(record) }
            }
            if showProgress && reader.bytesRead >= nextProgress {
                nextProgress = reader.bytesRead + reader.fileSize / 50
                options.progress?("\(fileName): \(100 * reader.bytesRead / max(reader.fileSize, 1)) % "
                    + "(\(fileSummary.rowsRead) rows)")
            }
            return try rowDone()
        } }
        if table == .requests {
            try pipelined(readAll)
        } else {
            try readAll()
        }
        if columns == nil && !fileFailed {
            record(ImportIssue(file: fileName, line: 1, column: "",
                               message: reader is CSVReader ? "the file is empty (no header line)"
                                   : "the sheet is empty (no header row)"))
        }
        if table == .volunteers { volunteersLoaded = false }
        if table == .requests { requestsExisted = true }
        fileSummary.warnings = warnings.total - warningsBefore
    }

    /// After each row: run its writes now, or hand a full batch to the database thread.
    /// False when the database thread stopped (reading stops too).
    private func rowDone() throws -> Bool {
        guard let queue = pipeline else {
            try batch.execute(on: statements)
            batch.removeAll()
            return true
        }
        guard batch.opCount >= 2048 else { return true }
        guard queue.push(batch) else { return false }
        batch = queue.fresh()
        return true
    }

    /// Reads on a helper thread while this thread runs the writes.
    private func pipelined(_ read: @escaping () throws -> Void) throws {
        let queue = BatchQueue()
        pipeline = queue
        defer { pipeline = nil }
        /// The reading closure and its outcome, handed to the helper thread (which alone uses them).
        final class Producer: @unchecked Sendable {
            let read: () throws -> Void
            var error: Error?
            init(_ read: @escaping () throws -> Void) { self.read = read }
        }
        let producer = Producer(read)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            do {
                try producer.read()
                if batch.opCount > 0 && queue.push(batch) { batch = queue.fresh() }
            } catch {
                producer.error = error
            }
            queue.close()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        var consumerError: Error?
        var busy: Duration = .zero
        let clock = ContinuousClock()
        let started = clock.now
        while let b = queue.pop() {
            if consumerError == nil {
                let t0 = clock.now
                defer { busy += clock.now - t0 }
                // The rows of a requests file have distinct ids (a repeated id is rejected), so
                // their writes can run grouped by statement, several rows per execution.
                do { try b.execute(on: statements, groupingRowsWith: multiRow) } catch {
                    consumerError = error
                    queue.cancel()
                }
            }
            queue.recycle(b)
        }
        finished.wait()
        Timing.log("requests file: database thread busy \(busy) of \(clock.now - started); "
               + "reading thread waited \(queue.pushWait) for room")
        if let error = consumerError ?? producer.error { throw error }
    }

    /// After all files: the derived status of requests whose assignments may have changed
    /// outside their own row (an assignments file, or assignments stored by earlier imports).
    func finish() throws {
        let update = try RawStatement(db, """
            UPDATE requests SET status = CASE
                WHEN EXISTS (SELECT 1 FROM assignments a WHERE a.request_id = ?1 AND a.done_at IS NOT NULL) THEN 'done'
                WHEN EXISTS (SELECT 1 FROM assignments a WHERE a.request_id = ?1) THEN 'matched'
                ELSE 'open' END
            WHERE request_id = ?1 AND status_derived = 1
            """)
        for id in statusRecheck {
            update.bind(1, id)
            try update.execute()
        }
    }

    /// Requests whose derived status (SPEC §2.2) `finish` must compute again from all their assignments.
    private var statusRecheck: Set<String> = []

    // MARK: Rows

    /// The domain codes of a volunteer's list of labels (`courses | écoute`), in order without
    /// repeats, and the labels that are no known domain (stored as `autre`).
    private func parseVolunteerDomains(_ raw: String) -> (codes: [String], unknown: [String]) {
        var codes: [String] = [], unknown: [String] = []
        for part in raw.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" || $0 == "/" }) {
            let label = part.trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { continue }
            let code = importer.labels.domain(label)
            if code == nil { unknown.append(label) }
            if !codes.contains(code ?? "autre") { codes.append(code ?? "autre") }
        }
        return (codes, unknown)
    }

    /// Volunteers' lists of domains repeat: each distinct cell is parsed once.
    private var volunteerDomains: [String: (codes: [String], unknown: [String])] = [:]

    private func volunteerRow<R: ImportRecord>(_ rec: R, _ row: inout RowContext, seen: inout FirstLines) throws {
        let id = row.requiredText(rec, .volunteerID)
        let joined = row.time(rec, .joinedOn, required: true, clock: importer.clock)
        let left = row.time(rec, .leftOn, required: false, clock: importer.clock)
        if let id, let first = seen.line(of: id) {
            row.issue(.volunteerID, "volunteer \"\(id)\" appears twice in this file (first on line \(first))")
        }
        guard row.issues.isEmpty, let id, let joined else { return }
        seen.record(id, line: Int32(row.line))
        if let left, left.dateString < joined.dateString {
            warnings.inconsistent(row.warning(.leftOn, "departure \(left.dateString) is before the arrival "
                + "\(joined.dateString); the volunteer is left out of the registered count"))
        }
        let raw = row.text(rec, .domains)
        let (domains, unknown) = volunteerDomains[raw] ?? {
            let parsed = parseVolunteerDomains(raw)
            volunteerDomains[raw] = parsed
            return parsed
        }()
        for label in unknown { warnings.unknownDomains[label, default: 0] += 1 }
        let labels = importer.labels
        let association = cached(&associationCache, rec, row, .association) { labels.association($0) }
        batch.text(id)
        batch.text(joined.dateString)
        batch.text(joined.month.description)
        batch.text(left?.dateString)
        batch.text(left?.month.description)
        batch.text(association)
        batch.text(domains.isEmpty ? nil : domains.joined(separator: "|"))
        batch.end(Write.upsertVolunteer.rawValue)
        knownVolunteers.insert(id)
    }

    /// A label-like field through a byte cache: `compute` runs once per distinct spelling.
    /// Nil when the column is absent or the field empty.
    @inline(__always)
    private func cached<V, R: ImportRecord>(_ cache: inout ByteCache<V>, _ rec: R, _ row: RowContext,
                           _ column: Column, _ compute: (String) -> V) -> V? {
        guard let i = row.map.index[column] else { return nil }
        return rec.withBytes(i) { b -> V? in
            if b.isEmpty { return nil }
            if let hit = cache.get(b) { return hit }
            let value = compute(rec.string(i))
            cache.set(b, value)
            return value
        }
    }

    private var domainCache = ByteCache<(label: String, code: String?)>()
    private var statusCache = ByteCache<(label: String, status: RequestStatus?)>()
    private var channelCache = ByteCache<(label: String, channel: String?)>()
    private var associationCache = ByteCache<String>()
    private var volunteerCache = ByteCache<(id: String, known: Bool)>()
    /// Normalised phone number → pseudonym (the same resident calls again and again).
    /// (Up to a million numbers, about 60 MB; a network has far fewer residents.)
    private var phoneCache = BoundedByteCache<String>(limit: 1 << 20)

    private func requestRow<R: ImportRecord>(_ rec: R, _ row: inout RowContext, seen: inout FirstLines) throws {
        let clock = importer.clock
        let labels = importer.labels
        let id = row.requiredText(rec, .requestID)
        let received = row.time(rec, .receivedAt, required: true, clock: clock)
        let domain = cached(&domainCache, rec, row, .domain) { ($0, labels.domain($0)) }
        if domain == nil { row.issue(.domain, "required value missing") }
        let known = knownVolunteers
        let volunteer = cached(&volunteerCache, rec, row, .volunteerID) { ($0, known.contains($0)) }
        let matched = row.time(rec, .matchedAt, required: false, clock: clock)
        let contacted = row.time(rec, .contactedAt, required: false, clock: clock)
        let done = row.time(rec, .doneAt, required: false, clock: clock)
        let hours = row.hours(rec, .hours)
        if let id, let first = seen.line(of: id) {
            row.issue(.requestID, "request \"\(id)\" appears twice in this file (first on line \(first))")
        }
        if let volunteer, !volunteer.known {
            row.issue(.volunteerID, "unknown volunteer \"\(volunteer.id)\" (not in the volunteers file nor in the database)")
        }
        guard row.issues.isEmpty, let id, let received, let domain else { return }
        seen.record(id, line: Int32(row.line))

        if domain.code == nil { warnings.unknownDomains[domain.label, default: 0] += 1 }
        let given = cached(&statusCache, rec, row, .status) { ($0, labels.status($0)) }
        if let given, given.status == nil { warnings.unknownStatuses[given.label, default: 0] += 1 }
        let status = given?.status
        let channel = cached(&channelCache, rec, row, .channel) { ($0, labels.channel($0)?.rawValue) }
        if let channel, channel.channel == nil { warnings.unknownChannels[channel.label, default: 0] += 1 }
        let association = cached(&associationCache, rec, row, .association) { labels.association($0) }

        batch.text(id)
        batch.timestamp(received, withMonth: true)
        batch.text(domain.code ?? "autre")
        batch.text(residentKey(rec, row))
        // A missing status is derived from the assignments: done when one has done_at, matched
        // when there is one, else open. The row's own assignment decides it here; `finish`
        // looks again when other assignments may exist.
        let derived: RequestStatus = volunteer == nil ? .open : (done != nil ? .done : .matched)
        if status == nil && derived != .done && requestsExisted { statusRecheck.insert(id) }
        batch.text((status ?? derived).rawValue)
        batch.int(status == nil ? 1 : 0)
        batch.text(association)
        batch.text(channel.map { $0.channel ?? "other" } ?? "phone")
        batch.end(Write.upsertRequest.rawValue)

        if requestsExisted {
            let writes = hasFileRows(id) ? Write.dropStaleWithFileRows : Write.dropStale
            for write in writes {
                batch.text(id)
                batch.text(volunteer?.id)
                batch.end(write.rawValue)
            }
        }
        guard let volunteer else {
            if matched != nil || contacted != nil || done != nil || hours != nil {
                warnings.detailsWithoutVolunteer += 1
            }
            return
        }
        checkOrder(received: received, matched: matched, contacted: contacted, done: done, row: row)
        writeInlineAssignment(request: id, volunteer: volunteer.id, matched: matched,
                        contacted: contacted, done: done, hours: hours)
    }

    private func assignmentRow<R: ImportRecord>(_ rec: R, _ row: inout RowContext, seen: inout FirstLines) throws {
        let clock = importer.clock
        let request = row.requiredText(rec, .requestID)
        let volunteer = row.requiredText(rec, .volunteerID)
        let matched = row.time(rec, .matchedAt, required: false, clock: clock)
        let contacted = row.time(rec, .contactedAt, required: false, clock: clock)
        let done = row.time(rec, .doneAt, required: false, clock: clock)
        let hours = row.hours(rec, .hours)
        var received: Timestamp?
        if let request {
            receivedAtOfRequest.bind(1, request)
            if let text = try receivedAtOfRequest.firstText() {
                received = Timestamp(iso8601: text)
            } else {
                row.issue(.requestID, "unknown request \"\(request)\" (not in the requests file nor in the database)")
            }
        }
        if let volunteer, !knownVolunteers.contains(volunteer) {
            row.issue(.volunteerID, "unknown volunteer \"\(volunteer)\" (not in the volunteers file nor in the database)")
        }
        if let request, let volunteer {
            let key = request + "\u{1F}" + volunteer
            if let first = seen.line(of: key) {
                row.issue(.volunteerID, "request \"\(request)\" and volunteer \"\(volunteer)\" appear twice in this "
                    + "file (first on line \(first))")
            } else if row.issues.isEmpty {
                seen.record(key, line: Int32(row.line))
            }
        }
        guard row.issues.isEmpty, let request, let volunteer, let received else { return }
        statusRecheck.insert(request)
        checkOrder(received: received, matched: matched, contacted: contacted, done: done, row: row)
        writeFileAssignment(request: request, volunteer: volunteer, matched: matched,
                           contacted: contacted, done: done, hours: hours)
    }

    /// Replaces what a request row says of its assignment (and re-merges when the assignments
    /// file names the pair too).
    private func writeInlineAssignment(request: String, volunteer: String, matched: Timestamp?,
                                       contacted: Timestamp?, done: Timestamp?, hours: Double?) {
        let writes = hasFileRows(request) ? Write.inlineWithFileRows : Write.inline
        for write in writes {
            batch.text(request)
            batch.text(volunteer)
            if write != .merge {
                batch.timestamp(matched)
                batch.timestamp(contacted)
                batch.timestamp(done)
                batch.double(hours)
            }
            batch.end(write.rawValue)
        }
    }

    /// Replaces what the assignments file says of an assignment, then re-merges it.
    private func writeFileAssignment(request: String, volunteer: String, matched: Timestamp?,
                                     contacted: Timestamp?, done: Timestamp?, hours: Double?) {
        for write in [Write.keepInline, .fileSource, .merge] {
            batch.text(request)
            batch.text(volunteer)
            if write == .fileSource {
                batch.timestamp(matched)
                batch.timestamp(contacted)
                batch.timestamp(done)
                batch.double(hours)
            }
            batch.end(write.rawValue)
        }
        requestsWithFileRows.insert(request)
    }

    /// Events before the call are imported but warned about (the indicators leave them out).
    private func checkOrder(received: Timestamp, matched: Timestamp?, contacted: Timestamp?, done: Timestamp?,
                            row: RowContext) {
        for (column, event) in [(Column.matchedAt, matched), (.contactedAt, contacted), (.doneAt, done)] {
            if let event, event < received {
                warnings.inconsistent(row.warning(column, "\(event.iso8601) is before the call (\(received.iso8601))"))
                return
            }
        }
    }

    /// The resident's identity: the export's id, else a pseudonym of the phone, else of the name.
    private func residentKey<R: ImportRecord>(_ rec: R, _ row: RowContext) -> String? {
        let given = row.text(rec, .residentID)
        if !given.isEmpty { return given }
        if let i = row.map.index[.residentPhone] {
            let pseudonymizer = importer.pseudonymizer
            let key: String? = rec.withBytes(i) { b in
                ValueParsers.withNormalizedPhone(b) { digits in
                    phoneCache.value(digits) { pseudonymizer.phone(digits: $0) }
                } ?? nil
            }
            if let key { return key }
        }
        var name = row.text(rec, .residentName)
        let first = row.text(rec, .residentFirstName)
        if !first.isEmpty { name = name.isEmpty ? first : name + " " + first }
        if let normalized = ValueParsers.normalizedName(name) {
            return importer.pseudonymizer.name(normalized)
        }
        return nil
    }
}

