import Foundation
import GRDB

/// The state of one import transaction: prepared statements, errors, warnings and the ids
/// seen so far. One file at a time goes through `importFile`.
final class ImportRun {
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

    private let upsertVolunteer: SQLiteStatement
    private let upsertRequest: SQLiteStatement
    private let deleteStaleInline: SQLiteStatement
    private let upsertInline: SQLiteStatement
    private let upsertFromFile: SQLiteStatement
    private let receivedAtOfRequest: SQLiteStatement
    private let insertImport: SQLiteStatement

    init(importer: Importer, db: Database, options: ImportOptions, rejects: RejectsWriter?) throws {
        self.importer = importer
        self.db = db
        self.options = options
        self.rejects = rejects
        upsertVolunteer = try SQLiteStatement(db, """
            INSERT INTO volunteers (volunteer_id, joined_on, joined_month, left_on, left_month, association, domains)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (volunteer_id) DO UPDATE SET
                joined_on = excluded.joined_on, joined_month = excluded.joined_month,
                left_on = excluded.left_on, left_month = excluded.left_month,
                association = excluded.association, domains = excluded.domains
            """)
        upsertRequest = try SQLiteStatement(db, """
            INSERT INTO requests (request_id, received_at, received_month, domain, resident_key, status,
                                  status_derived, association, channel)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (request_id) DO UPDATE SET
                received_at = excluded.received_at, received_month = excluded.received_month,
                domain = excluded.domain, resident_key = excluded.resident_key, status = excluded.status,
                status_derived = excluded.status_derived, association = excluded.association,
                channel = excluded.channel
            """)
        // A request row replaces its stored inline assignment, empty cells included: an inline
        // volunteer that the newer row no longer names is dropped.
        deleteStaleInline = try SQLiteStatement(db, """
            DELETE FROM assignments WHERE request_id = ?1 AND source = 'inline' AND volunteer_id IS NOT ?2
            """)
        // Inline values never override what an assignments file gave.
        upsertInline = try SQLiteStatement(db, """
            INSERT INTO assignments (request_id, volunteer_id, matched_at, matched_month, contacted_at,
                                     done_at, done_month, hours, source)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'inline')
            ON CONFLICT (request_id, volunteer_id) DO UPDATE SET
                matched_at    = CASE WHEN source = 'file' THEN coalesce(matched_at, excluded.matched_at) ELSE excluded.matched_at END,
                matched_month = CASE WHEN source = 'file' THEN coalesce(matched_month, excluded.matched_month) ELSE excluded.matched_month END,
                contacted_at  = CASE WHEN source = 'file' THEN coalesce(contacted_at, excluded.contacted_at) ELSE excluded.contacted_at END,
                done_at       = CASE WHEN source = 'file' THEN coalesce(done_at, excluded.done_at) ELSE excluded.done_at END,
                done_month    = CASE WHEN source = 'file' THEN coalesce(done_month, excluded.done_month) ELSE excluded.done_month END,
                hours         = CASE WHEN source = 'file' THEN coalesce(hours, excluded.hours) ELSE excluded.hours END
            """)
        // A value given in the assignments file wins over the inline one; an empty cell there keeps
        // what the request row gave (both describe the same assignment), so imports stay idempotent.
        upsertFromFile = try SQLiteStatement(db, """
            INSERT INTO assignments (request_id, volunteer_id, matched_at, matched_month, contacted_at,
                                     done_at, done_month, hours, source)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'file')
            ON CONFLICT (request_id, volunteer_id) DO UPDATE SET
                matched_at    = coalesce(excluded.matched_at, matched_at),
                matched_month = coalesce(excluded.matched_month, matched_month),
                contacted_at  = coalesce(excluded.contacted_at, contacted_at),
                done_at       = coalesce(excluded.done_at, done_at),
                done_month    = coalesce(excluded.done_month, done_month),
                hours         = coalesce(excluded.hours, hours),
                source        = 'file'
            """)
        receivedAtOfRequest = try SQLiteStatement(db, "SELECT received_at FROM requests WHERE request_id = ?1")
        insertImport = try SQLiteStatement(db, """
            INSERT INTO imports (imported_at, file_name, sheet, table_name, sha256, rows_read, rows_imported,
                                 rows_rejected, warnings)
            VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        requestsExisted = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM requests)") ?? false
        for index in Schema.secondaryIndexes
        where try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(index.table))") == true {
            try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)")
            droppedIndexes.append(index)
        }
    }

    /// Secondary indexes dropped for the bulk load (their tables were empty), rebuilt by `finish`.
    private var droppedIndexes: [Schema.SecondaryIndex] = []

    // MARK: Issues

    private func record(_ issue: ImportIssue) {
        errorCount += 1
        if errors.count < options.maxListedErrors { errors.append(issue) }
    }

    // MARK: Files

    func importFile(path: String, table: TableKind, importedAt: String) throws -> FileImportSummary {
        let reader = try CSVReader(path: path)
        let fileName = path
        var summary = FileImportSummary(file: path, table: table, encoding: reader.encoding,
                                        delimiter: reader.delimiter == 0x09 ? "tab" : String(UnicodeScalar(reader.delimiter)))
        let warningsBefore = warnings.total
        var columns: ColumnMap?
        var fileFailed = false
        var seen: [String: Int32] = [:]
        seen.reserveCapacity(reader.fileSize / 120)  // about one row per 120 bytes in real exports
        var seenPairs: [String: Int32] = [:]
        let showProgress = options.progress != nil && reader.fileSize > 8 << 20
        var nextProgress = 0

        if table != .volunteers && !volunteersLoaded {
            knownVolunteers = Set(try String.fetchAll(db, sql: "SELECT volunteer_id FROM volunteers"))
            volunteersLoaded = true
        }

        try reader.forEachRecord { rec in
            guard let map = columns else {
                if rec.isBlank { return true }
                switch ColumnMap.make(record: rec, table: table, mapping: options.mapping) {
                case .success(let m):
                    columns = m
                    summary.ignoredHeaders = m.ignored
                    summary.personalHeaders = m.personal
                case .failure(let missing):
                    for issue in missing.issues(file: fileName, line: rec.line) { record(issue) }
                    fileFailed = true
                    return false
                }
                return true
            }
            if rec.isBlank { return true }
            summary.rowsRead += 1
            var row = RowContext(file: fileName, line: rec.line, map: map)
            switch table {
            case .volunteers: try volunteerRow(rec, &row, seen: &seen)
            case .requests: try requestRow(rec, &row, seen: &seen)
            case .assignments: try assignmentRow(rec, &row, seen: &seenPairs)
            }
            if row.issues.isEmpty {
                summary.rowsImported += 1
            } else {
                summary.rowsRejected += 1
                if let rejects {
                    for issue in row.issues {
                        rejects.write([issue.file, String(issue.line), issue.column, issue.message,
                                       map.nonPersonalContent(rec)])
                    }
                }
                if !options.skipInvalid || rejects == nil { row.issues.forEach(record) }
            }
            if showProgress && reader.bytesRead >= nextProgress {
                nextProgress = reader.bytesRead + reader.fileSize / 50
                options.progress?("\(fileName): \(100 * reader.bytesRead / max(reader.fileSize, 1)) % "
                    + "(\(summary.rowsRead) rows)")
            }
            return true
        }
        if columns == nil && !fileFailed {
            record(ImportIssue(file: fileName, line: 1, column: "", message: "the file is empty (no header line)"))
        }
        if table == .volunteers { volunteersLoaded = false }
        if table == .requests { requestsExisted = true }
        warnings.repairedFields += reader.repairedFields

        insertImport.bind(1, importedAt)
        insertImport.bind(2, (path as NSString).lastPathComponent)
        insertImport.bind(3, table.rawValue)
        insertImport.bind(4, try reader.sha256Hex())
        insertImport.bind(5, summary.rowsRead)
        insertImport.bind(6, summary.rowsImported)
        insertImport.bind(7, summary.rowsRejected)
        insertImport.bind(8, warnings.total - warningsBefore)
        try insertImport.execute()
        return summary
    }

    /// After all files: the derived status of requests whose assignments may have changed
    /// outside their own row (an assignments file, or assignments stored by earlier imports).
    func finish() throws {
        for index in droppedIndexes { try db.execute(sql: index.createSQL) }
        let update = try SQLiteStatement(db, """
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

    private func volunteerRow(_ rec: CSVReader.Record, _ row: inout RowContext, seen: inout [String: Int32]) throws {
        let id = row.requiredText(rec, .volunteerID)
        let joined = row.time(rec, .joinedOn, required: true, clock: importer.clock)
        let left = row.time(rec, .leftOn, required: false, clock: importer.clock)
        if let id, let first = seen[id] {
            row.issue(.volunteerID, "volunteer \"\(id)\" appears twice in this file (first on line \(first))")
        }
        guard row.issues.isEmpty, let id, let joined else { return }
        seen[id] = Int32(row.line)
        if let left, left.dateString < joined.dateString {
            warnings.inconsistent(row.warning(.leftOn, "departure \(left.dateString) is before the arrival "
                + "\(joined.dateString); the volunteer is left out of the registered count"))
        }
        var domains: [String] = []
        let raw = row.text(rec, .domains)
        for part in raw.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" || $0 == "/" }) {
            let label = part.trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { continue }
            let code = importer.labels.domain(label) ?? "autre"
            if importer.labels.domain(label) == nil { warnings.unknownDomains[label, default: 0] += 1 }
            if !domains.contains(code) { domains.append(code) }
        }
        let association = row.text(rec, .association)
        upsertVolunteer.bind(1, id)
        upsertVolunteer.bind(2, joined.dateString)
        upsertVolunteer.bind(3, joined.month.description)
        upsertVolunteer.bind(4, left?.dateString)
        upsertVolunteer.bind(5, left?.month.description)
        upsertVolunteer.bind(6, association.isEmpty ? nil : importer.labels.association(association))
        upsertVolunteer.bind(7, domains.isEmpty ? nil : domains.joined(separator: "|"))
        try upsertVolunteer.execute()
        knownVolunteers.insert(id)
    }

    private func requestRow(_ rec: CSVReader.Record, _ row: inout RowContext, seen: inout [String: Int32]) throws {
        let clock = importer.clock
        let id = row.requiredText(rec, .requestID)
        let received = row.time(rec, .receivedAt, required: true, clock: clock)
        let domainLabel = row.requiredText(rec, .domain)
        let volunteer = row.text(rec, .volunteerID)
        let matched = row.time(rec, .matchedAt, required: false, clock: clock)
        let contacted = row.time(rec, .contactedAt, required: false, clock: clock)
        let done = row.time(rec, .doneAt, required: false, clock: clock)
        let hours = row.hours(rec, .hours)
        if let id, let first = seen[id] {
            row.issue(.requestID, "request \"\(id)\" appears twice in this file (first on line \(first))")
        }
        if !volunteer.isEmpty && !knownVolunteers.contains(volunteer) {
            row.issue(.volunteerID, "unknown volunteer \"\(volunteer)\" (not in the volunteers file nor in the database)")
        }
        guard row.issues.isEmpty, let id, let received, let domainLabel else { return }
        seen[id] = Int32(row.line)

        var domain = importer.labels.domain(domainLabel)
        if domain == nil {
            warnings.unknownDomains[domainLabel, default: 0] += 1
            domain = "autre"
        }
        var status: RequestStatus?
        let statusLabel = row.text(rec, .status)
        if !statusLabel.isEmpty {
            status = importer.labels.status(statusLabel)
            if status == nil { warnings.unknownStatuses[statusLabel, default: 0] += 1 }
        }
        var channel = "phone"
        let channelLabel = row.text(rec, .channel)
        if !channelLabel.isEmpty {
            if let c = importer.labels.channel(channelLabel) { channel = c.rawValue } else {
                warnings.unknownChannels[channelLabel, default: 0] += 1
                channel = "other"
            }
        }
        let association = row.text(rec, .association)

        upsertRequest.bind(1, id)
        upsertRequest.bind(2, received, monthIndex: 3)
        upsertRequest.bind(4, domain)
        upsertRequest.bind(5, residentKey(rec, row))
        // A missing status is derived from the assignments: done when one has done_at, matched
        // when there is one, else open. The row's own assignment decides it here; `finish`
        // looks again when other assignments may exist.
        let derived: RequestStatus = volunteer.isEmpty ? .open : (done != nil ? .done : .matched)
        if status == nil && derived != .done && requestsExisted { statusRecheck.insert(id) }
        upsertRequest.bind(6, (status ?? derived).rawValue)
        upsertRequest.bind(7, status == nil ? 1 : 0)
        upsertRequest.bind(8, association.isEmpty ? nil : importer.labels.association(association))
        upsertRequest.bind(9, channel)
        try upsertRequest.execute()

        if requestsExisted {
            deleteStaleInline.bind(1, id)
            deleteStaleInline.bind(2, volunteer.isEmpty ? nil : volunteer)
            try deleteStaleInline.execute()
        }
        if volunteer.isEmpty {
            if matched != nil || contacted != nil || done != nil || hours != nil {
                warnings.detailsWithoutVolunteer += 1
            }
            return
        }
        checkOrder(received: received, matched: matched, contacted: contacted, done: done, row: row)
        try bindAssignment(upsertInline, request: id, volunteer: volunteer, matched: matched,
                           contacted: contacted, done: done, hours: hours)
    }

    private func assignmentRow(_ rec: CSVReader.Record, _ row: inout RowContext, seen: inout [String: Int32]) throws {
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
            if let first = seen[key] {
                row.issue(.volunteerID, "request \"\(request)\" and volunteer \"\(volunteer)\" appear twice in this "
                    + "file (first on line \(first))")
            } else if row.issues.isEmpty {
                seen[key] = Int32(row.line)
            }
        }
        guard row.issues.isEmpty, let request, let volunteer, let received else { return }
        statusRecheck.insert(request)
        checkOrder(received: received, matched: matched, contacted: contacted, done: done, row: row)
        try bindAssignment(upsertFromFile, request: request, volunteer: volunteer, matched: matched,
                           contacted: contacted, done: done, hours: hours)
    }

    private func bindAssignment(_ st: SQLiteStatement, request: String, volunteer: String, matched: Timestamp?,
                                contacted: Timestamp?, done: Timestamp?, hours: Double?) throws {
        st.bind(1, request)
        st.bind(2, volunteer)
        st.bind(3, matched, monthIndex: 4)
        st.bind(5, contacted)
        st.bind(6, done, monthIndex: 7)
        st.bind(8, hours)
        try st.execute()
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
    private func residentKey(_ rec: CSVReader.Record, _ row: RowContext) -> String? {
        let given = row.text(rec, .residentID)
        if !given.isEmpty { return given }
        if let i = row.map.index[.residentPhone],
           let phone = rec.withBytes(i, { ValueParsers.normalizedPhone($0) }) {
            return importer.pseudonymizer.phone(phone)
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

