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

        // The header phase (docs/FORMAT.md, "Header row"): the first non-empty rows are copied
        // until the header is chosen among them; the rows below it are then read like the others.
        var candidates: [BufferedRow] = []
        var blankBefore = false
        var headerPhaseOver = false

        /// One data row through its table's handler. False when reading must stop.
        func dataRow<R: ImportRecord>(_ rec: R, _ map: ColumnMap) throws -> Bool {
            if rec.isBlank { return true }
            if TotalRow.matches(rec) {
                fileSummary.totalLines.append(rec.line)
                return true
            }
            fileSummary.rowsRead += 1
            map.checkUnnamed(rec)
            var row = RowContext(file: fileName, line: rec.line, map: map)
            row.keepsRowsWithoutBadValues = options.skipInvalid
            let misaligned = map.extraFields(rec)
            if misaligned > 0 {
                // More values than headers: a separator inside an unquoted value (often a name
                // written `Dupont, Jeanne`) shifts every cell after it. Nothing in the row can be
                // trusted, and no cell is quoted back (it may be a name or a phone number).
                row.issues.append(ImportIssue(file: fileName, line: rec.line, column: "", message: Localized(
                    fr: "cette ligne a \(rec.count) valeurs mais l'en-tête a \(map.headers.count) colonnes ; une valeur "
                        + "contient sans doute le séparateur sans guillemets autour : mettez-la entre guillemets ou "
                        + "retirez le séparateur",
                    en: "this row has \(rec.count) values but the header has \(map.headers.count) columns; "
                        + "a value probably contains the separator without quotes around it")))
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
            return try rowDone() && !fileDates.stop
        }

        /// Chooses the header among the candidate rows, then reads the candidates below it.
        /// False when reading must stop (no header: the file's error is recorded).
        func endHeaderPhase() throws -> Bool {
            headerPhaseOver = true
            guard !candidates.isEmpty else { return true }
            switch headerMap(candidates, table: table, location: fileName, summary: &fileSummary) {
            case .failure(let missing):
                recordUnreadable(missing.issues(file: fileName))
                fileFailed = true
                return false
            case .success(let (map, _)) where !map.duplicates.isEmpty:
                recordUnreadable(map.duplicateIssues(file: fileName, line: fileSummary.headerLine ?? 1))
                fileFailed = true
                return false
            case .success(let (map, index)):
                columns = map
                attachDates(map)
                for row in candidates[(index + 1)...] {
                    guard try dataRow(BufferedRecord(row: row), map) else { return false }
                }
                candidates = []
                return true
            }
        }

        let readAll = {
            try reader.forEachRecord { rec in
                if let map = columns { return try dataRow(rec, map) }
                if rec.isBlank { blankBefore = true; return true }
                candidates.append(BufferedRow(rec, afterBlank: blankBefore))
                blankBefore = false
                if candidates.count < HeaderDetection.maxCandidateRows { return true }
                return try endHeaderPhase()
            }
            if !headerPhaseOver { _ = try endHeaderPhase() }
        }
        if table == .requests {
            try pipelined(readAll)
        } else {
            try readAll()
        }
        if columns == nil && !fileFailed {
            recordUnreadable([ImportIssue(file: fileName, line: 1, column: "", message: reader is CSVReader
                ? Localized(fr: "le fichier est vide (pas de ligne d'en-tête) : exportez-le de nouveau, avec ses données",
                            en: "the file is empty (no header line): export it again, with its data")
                : Localized(fr: "la feuille est vide (pas de ligne d'en-tête) : remplissez-la, ou renommez-la si elle "
                                + "ne contient pas de données à importer",
                            en: "the sheet is empty (no header row): fill it in, or rename it if it holds no data "
                                + "to import"))])
        }
        if table != .assignments { earlierFiles[table, default: []].append((fileName, seen)) }
        if let map = columns { fileSummary.unnamedColumnsWithValues = map.unnamedWithValues.sorted() }
        if table == .volunteers { volunteersLoaded = false }
        if table == .requests { requestsExisted = true }
        fileSummary.warnings = warnings.total - warningsBefore
    }

    /// The columns of a file from its first non-empty rows (docs/FORMAT.md, "Header row"), and the
    /// index of the header's row among them; the rows above it are named in `summary`.
    func headerMap(_ rows: [BufferedRow], table: TableKind, location: String,
                   summary: inout FileImportSummary) -> Result<(ColumnMap, Int), ColumnMap.MissingColumns> {
        let mapping = options.mapping
        guard let found = HeaderDetection.find(rows, table: table, mapping: mapping) else {
            let attempt = HeaderDetection.bestAttempt(rows, table: table, mapping: mapping) ?? rows[0]
            let named = HeaderDetection.columns(attempt.text, table: table, mapping: mapping)
            let missing = Column.required[table]!.filter { !named.contains($0) }
            return .failure(ColumnMap.MissingColumns(table: table, columns: missing.isEmpty ? Column.required[table]! : missing,
                                                     headers: attempt.text, line: attempt.line, mapping: mapping))
        }
        let header = rows[found.rowIndex]
        switch ColumnMap.make(headers: found.headers, line: header.line, table: table, mapping: mapping) {
        case .failure(let missing): return .failure(missing)
        case .success(let map):
            summary.headerLine = header.line
            summary.groupHeaderLine = found.usesGroupRow ? rows[found.rowIndex - 1].line : nil
            summary.skippedLines = rows[..<found.rowIndex].map(\.line).filter { $0 != summary.groupHeaderLine }
            summary.ignoredHeaders = map.ignored
            summary.personalHeaders = map.personal
            return .success((map, found.rowIndex))
        }
    }

    /// The file's date columns (their day/month order and evidence) for the rows of `map`.
    private func attachDates(_ map: ColumnMap) {
        map.dates = fileDates
        fileDates.attach(map)
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
