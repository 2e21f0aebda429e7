import Foundation
import GRDB

// The writes: the statements a row records (`Write`) and the functions that record them, the
// import log, and the derived statuses once every file is read.
extension ImportRun {
    /// The statements a row's writes run, named. Their order is the order in which the writes of
    /// one row run (a batch grouped by statement keeps it); the raw value indexes `statements`
    /// and `multiRow`.
    enum Write: Int, CaseIterable {
        case upsertVolunteer, upsertRequest, dropStaleMerged, dropStaleInline, keepFileOnly, writeInline,
             inlineSource, keepInline, fileSource, merge

        // The sequences a row records (built once, not per row).
        static let dropStale: [Write] = [.dropStaleMerged]
        static let dropStaleWithFileRows: [Write] = [.dropStaleMerged, .dropStaleInline, .keepFileOnly]
        static let inline: [Write] = [.writeInline]
        static let inlineWithFileRows: [Write] = [.writeInline, .inlineSource, .merge]
        static let fileRow: [Write] = [.keepInline, .fileSource, .merge]

        /// The form of the statement that writes any number of rows per execution, for the
        /// hot writes of a requests file; nil for the others.
        var multiRowSQL: MultiRowSQL? {
            switch self {
            case .upsertRequest: Write.upsertRequests
            case .writeInline: Write.writeInlines
            default: nil
            }
        }

        /// The statement, for one row.
        var sql: String {
            switch self {
            case .upsertVolunteer: """
                INSERT INTO volunteers (volunteer_id, joined_on, joined_month, left_on, left_month, association, domains)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (volunteer_id) DO UPDATE SET
                    joined_on = excluded.joined_on, joined_month = excluded.joined_month,
                    left_on = excluded.left_on, left_month = excluded.left_month,
                    association = excluded.association, domains = excluded.domains
                """
            case .upsertRequest: Write.upsertRequests.sql(rows: 1)
            // A request row replaces its inline assignment, empty cells included: an inline volunteer
            // that the newer row no longer names is dropped — the whole assignment when only the row
            // gave it, else what the assignments file said is all that remains.
            case .dropStaleMerged: """
                DELETE FROM assignments WHERE request_id = ?1 AND volunteer_id IS NOT ?2 AND source = 'inline'
                """
            case .dropStaleInline: """
                DELETE FROM assignment_sources WHERE request_id = ?1 AND source = 'inline' AND volunteer_id IS NOT ?2
                """
            case .keepFileOnly: """
                UPDATE assignments SET (matched_at, matched_month, contacted_at, done_at, done_month, hours) =
                    (SELECT f.matched_at, substr(f.matched_at, 1, 7), f.contacted_at, f.done_at, substr(f.done_at, 1, 7),
                            f.hours
                     FROM assignment_sources f
                     WHERE f.request_id = assignments.request_id AND f.volunteer_id = assignments.volunteer_id
                       AND f.source = 'file')
                WHERE request_id = ?1 AND volunteer_id IS NOT ?2 AND source = 'file'
                """
            // Assignments. A pair only a request row names: its `assignments` row is the row's values,
            // replaced in full by a newer export. A pair the assignments file names too: each source's
            // latest values are kept in `assignment_sources` and `assignments` is their merge, a value
            // of the file winning; re-merging after every write keeps imports idempotent whatever the
            // order of the files.
            case .writeInline: Write.writeInlines.sql(rows: 1)
            case .inlineSource: """
                INSERT INTO assignment_sources (request_id, volunteer_id, source, matched_at, contacted_at, done_at, hours)
                SELECT ?1, ?2, 'inline', ?3, ?4, ?5, ?6
                WHERE EXISTS (SELECT 1 FROM assignment_sources
                              WHERE request_id = ?1 AND volunteer_id = ?2 AND source = 'file')
                ON CONFLICT (request_id, volunteer_id, source) DO UPDATE SET
                    matched_at = excluded.matched_at, contacted_at = excluded.contacted_at,
                    done_at = excluded.done_at, hours = excluded.hours
                """
            // Before the first file row of a pair, what the request row gave becomes its inline source.
            case .keepInline: """
                INSERT OR IGNORE INTO assignment_sources
                    SELECT request_id, volunteer_id, 'inline', matched_at, contacted_at, done_at, hours
                    FROM assignments WHERE request_id = ?1 AND volunteer_id = ?2 AND source = 'inline'
                """
            case .fileSource: """
                INSERT INTO assignment_sources (request_id, volunteer_id, source, matched_at, contacted_at, done_at, hours)
                VALUES (?1, ?2, 'file', ?3, ?4, ?5, ?6)
                ON CONFLICT (request_id, volunteer_id, source) DO UPDATE SET
                    matched_at = excluded.matched_at, contacted_at = excluded.contacted_at,
                    done_at = excluded.done_at, hours = excluded.hours
                """
            case .merge: """
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
                """
            }
        }

        private static let upsertRequests = MultiRowSQL(
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

        private static let writeInlines = MultiRowSQL(
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
    }

    /// Whether the assignments file named this request (no look-up while it named none).
    @inline(__always) func hasFileRows(_ request: String) -> Bool {
        !requestsWithFileRows.isEmpty && requestsWithFileRows.contains(request)
    }

    /// Replaces what a request row says of its assignment (and re-merges when the assignments
    /// file names the pair too).
    func writeInlineAssignment(request: String, volunteer: String, matched: Timestamp?,
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
            batch.end(write)
        }
    }

    /// Replaces what the assignments file says of an assignment, then re-merges it.
    func writeFileAssignment(request: String, volunteer: String, matched: Timestamp?,
                             contacted: Timestamp?, done: Timestamp?, hours: Double?) {
        for write in Write.fileRow {
            batch.text(request)
            batch.text(volunteer)
            if write == .fileSource {
                batch.timestamp(matched)
                batch.timestamp(contacted)
                batch.timestamp(done)
                batch.double(hours)
            }
            batch.end(write)
        }
        requestsWithFileRows.insert(request)
    }


    // MARK: Once per file, once per import

    /// The call time of a stored request, which an assignment row's times must follow.
    static let receivedAtOfRequestSQL = "SELECT received_at FROM requests WHERE request_id = ?1"

    static let insertImportSQL = """
        INSERT INTO imports (imported_at, file_name, sheet, table_name, sha256, rows_read, rows_imported,
                             rows_rejected, warnings)
        VALUES (?1, ?2, ?9, ?3, ?4, ?5, ?6, ?7, ?8)
        """

    /// The file's row of the import log (`imports`).
    func logImport(_ unit: ImportUnit, importedAt: String, sha256: String, summary: FileImportSummary) throws {
        insertImport.bind(1, importedAt)
        insertImport.bind(2, (unit.path as NSString).lastPathComponent)
        insertImport.bind(3, unit.table.rawValue)
        insertImport.bind(4, sha256)
        insertImport.bind(5, summary.rowsRead)
        insertImport.bind(6, summary.rowsImported)
        insertImport.bind(7, summary.rowsRejected)
        insertImport.bind(8, summary.warnings)
        insertImport.bind(9, unit.sheet)
        try insertImport.execute()
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
}
