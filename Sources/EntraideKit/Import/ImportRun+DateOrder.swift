import Foundation
import GRDB

// The day/month order of a file's date columns (docs/FORMAT.md, "Day and month order"). A file
// is read once, day first, inside a savepoint; the values of each date column are evidence
// (`DateColumns`). When a value can only be month first, the file's writes, errors, warnings,
// rejects and counts are rolled back and the file is read again with that column month first
// (clean French files never pay for a second reading). A column that contradicts itself, or
// that mixes date cells with text dates the cells' order makes impossible, refuses the file.
extension ImportRun {
    /// Reads a file or sheet through `importRecords`, deciding the order of its date columns;
    /// `source` gives a reader from the file's start, each time it is called.
    func importDecidingDateOrder<S: RecordSource>(location: String, table: TableKind, summary: inout FileImportSummary,
                                                  source: () throws -> S) throws {
        let start = summary
        let state = FileStart(self)
        try db.execute(sql: "SAVEPOINT entraide_file")
        var open = true
        defer { if open { try? db.execute(sql: "ROLLBACK TO entraide_file; RELEASE entraide_file") } }
        fileDates = DateColumns(order: options.dateOrder)
        while true {
            summary = start
            try importRecords(try source(), location: location, table: table, summary: &summary)
            let dates = fileDates
            if !dates.stop { dates.checkCellsAndText() }
            guard dates.stop else { break }
            try db.execute(sql: "ROLLBACK TO entraide_file")
            try state.restore(self)
            if let refusal = dates.refusal {
                summary = start
                // Refused whole, like a file without a header: the import fails even with --skip-invalid.
                recordUnreadable([ImportIssue(file: location, line: refusal.line, column: dates.header(refusal.column),
                                              message: refusal.message)])
                break
            }
            fileDates = dates.nextReading()
        }
        try db.execute(sql: "RELEASE entraide_file")
        open = false
        rejects?.release()
        let dates = fileDates
        summary.monthFirstColumns = dates.guessedMonthFirst.compactMap { c in
            switch c.reason {
            case .monthFirst(let example):
                return DateOrderNote(column: dates.header(c.column), line: example.line,
                                     example: PersonalData.mask(example.value))
            case .following(let other, let example):
                return DateOrderNote(column: dates.header(c.column), line: example.line,
                                     example: PersonalData.mask(example.value), following: dates.header(other))
            case .undecided, .dayFirst:
                return nil
            }
        }
        summary.timeColumns = dates.timeColumns
        summary.unusedTimeColumns = dates.unusedTimeColumns
    }

    /// What a file changes in the run besides the database, kept to read it again from its start.
    private struct FileStart {
        let issues: (listed: Int, count: Int, unreadable: Int)
        let warnings: ImportWarnings
        let knownVolunteers: Set<String>
        let rejectedVolunteers: [String: String]
        let rejectedRequests: [String: String]
        let volunteersLoaded: Bool
        let requestsExisted: Bool
        let statusRecheck: Set<String>
        let requestsWithFileRows: Set<String>
        let rejects: Int?

        init(_ run: ImportRun) {
            issues = run.issueMark
            warnings = run.warnings
            knownVolunteers = run.knownVolunteers
            rejectedVolunteers = run.rejectedVolunteers
            rejectedRequests = run.rejectedRequests
            volunteersLoaded = run.volunteersLoaded
            requestsExisted = run.requestsExisted
            statusRecheck = run.statusRecheck
            requestsWithFileRows = run.requestsWithFileRows
            rejects = run.rejects?.mark()
        }

        func restore(_ run: ImportRun) throws {
            run.rewindIssues(to: issues)
            run.warnings = warnings
            run.knownVolunteers = knownVolunteers
            run.rejectedVolunteers = rejectedVolunteers
            run.rejectedRequests = rejectedRequests
            run.volunteersLoaded = volunteersLoaded
            if !volunteersLoaded { run.volunteerCache = ByteCache() }
            run.requestsExisted = requestsExisted
            run.statusRecheck = statusRecheck
            run.requestsWithFileRows = requestsWithFileRows
            run.batch.removeAll()
            if let rejects { try run.rejects?.rewind(to: rejects) }
        }
    }
}
