import Foundation
import GRDB

// The day/month order of a file's date columns (docs/FORMAT.md, "Day and month order"). A file
// is read day first; the values of each date column are evidence (`DateColumns`). When a value
// can only be month first, reading stops and the whole import starts again from nothing
// (`DateOrderRestart`, caught by `Importer.run`) with that column month first: clean French files
// never pay for anything, neither a second reading nor a savepoint (whose statement journal cost
// every file after the first a copy of the pages the earlier ones wrote). A column that
// contradicts itself, or that mixes date cells with text dates the cells' order makes impossible,
// refuses the file.
extension ImportRun {
    /// Reads a file or sheet through `importRecords`, deciding the order of its date columns.
    func importDecidingDateOrder<S: RecordSource>(_ reader: S, location: String, table: TableKind,
                                                  summary: inout FileImportSummary) throws {
        let start = summary
        let issuesBefore = issueMark, warningsBefore = warnings
        fileDates = options.datePresets[location]?.nextReading() ?? DateColumns(order: options.dateOrder)
        try importRecords(reader, location: location, table: table, summary: &summary)
        let read = fileDates
        if !read.stop { read.checkCellsAndText() }
        if let refusal = read.refusal {
            // Refused whole, like a file without a header: the import fails even with --skip-invalid
            // (and rolls back); the errors of the rows read before are not the file's problem.
            summary = start
            rewindIssues(to: issuesBefore)
            warnings = warningsBefore
            recordUnreadable([ImportIssue(file: location, line: refusal.line, column: read.header(refusal.column),
                                          message: refusal.message)])
            return  // no note says how its dates were read: they were not
        } else if read.stop {
            throw DateOrderRestart(location: location, reading: read.nextReading())
        }
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
}

/// A file to be read again with a column month first: the import starts again from nothing, with
/// `reading` (the orders decided so far) for `location`. (Unchecked: it only goes up the import's
/// own thread, from the file that stopped to `Importer.run`.)
struct DateOrderRestart: Error, @unchecked Sendable {
    let location: String
    let reading: DateColumns
}
