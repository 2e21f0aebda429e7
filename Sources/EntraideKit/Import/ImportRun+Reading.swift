import Foundation
import GRDB

// The reading of one file: its records, one by one, through the row handler of its table; a
// requests file is read on a helper thread while this thread runs the writes.
extension ImportRun {
    /// Reads every record of a CSV file or a sheet through the row handlers of its table.
    func importRecords<S: RecordSource>(_ reader: S, location fileName: String, table: TableKind,
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
            row.keepsRowsWithoutBadValues = options.skipInvalid
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
                if !row.leftOut.isEmpty { try recordLeftOut(row, rec, summary: &fileSummary) }
            } else {
                row.issues += row.leftOut  // the row is rejected: its unreadable optional values too
                fileSummary.rowsRejected += 1
                if let rejects {
                    for issue in row.issues {
                        try rejects.write([issue.file, String(issue.line), issue.column, issue.text.text(options.language),
                                       misaligned > 0 ? "" : map.nonPersonalContent(rec)])
                    }
                }
                if !options.skipInvalid || rejects == nil { row.issues.forEach(record) }
            }
            if showProgress && reader.bytesRead >= nextProgress {
                nextProgress = reader.bytesRead + reader.fileSize / 50
                options.progress?("\(fileName): \(100 * reader.bytesRead / max(reader.fileSize, 1)) % "
                    + "(\(fileSummary.rowsRead) \(options.language == .en ? "rows" : "lignes"))")
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
}
