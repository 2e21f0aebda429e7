import Foundation

/// A problem with one place of an input file, printed `FILE:LINE: column: message`.
public struct ImportIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// Line of the file where the row starts (or the spreadsheet row), 0 for the whole file.
    public var line: Int
    public var column: String
    /// What is wrong and what to change, in both languages.
    public var text: Localized

    /// The message in English (tests); `text.text(language)` for the user's.
    public var message: String { text.en }

    public init(file: String, line: Int, column: String, message: Localized) {
        self.file = file
        self.line = line
        self.column = column
        self.text = message
    }


    public var location: String { line > 0 ? "\(file):\(line)" : file }
    /// `FILE:LINE: column: message`, in English.
    public var description: String { description(.en) }

    /// `FILE:LINE: column: message` in `language`.
    public func description(_ language: Language) -> String {
        let message = text.text(language)
        return column.isEmpty ? "\(location): \(message)" : "\(location): \(column): \(message)"
    }
}

/// What one file brought.
public struct FileImportSummary: Sendable {
    public var file: String
    public var table: TableKind
    public var encoding: TextEncoding
    public var delimiter: String
    /// The sheet, for a workbook (then `file` is `FILE[SHEET]`); nil for a CSV file.
    public var sheet: String?
    public var rowsRead = 0
    public var rowsImported = 0
    public var rowsRejected = 0
    /// Rows imported without some of their optional values, which could not be read
    /// (`--skip-invalid`; among `rowsImported`), and how many values were left out.
    public var rowsWithValuesLeftOut = 0
    public var valuesLeftOut = 0
    public var ignoredHeaders: [String] = []
    public var personalHeaders: [String] = []
    /// Warnings raised by this file's rows.
    public var warnings = 0
    /// The line (spreadsheet row) of the header; for a two-row header, its lower row.
    public var headerLine: Int?
    /// The upper row of a two-row header (a group label row whose text fills the empty cells below).
    public var groupHeaderLine: Int?
    /// Non-empty rows above the header, skipped (a title, the network's name).
    public var skippedLines: [Int] = []
    /// Total and sub-total rows, skipped.
    public var totalLines: [Int] = []
    /// True when the sheet's (or file's) name is no table and its header row told the table.
    public var recognisedByHeader = false
    /// Columns (0-based) without a header in which some row had a value: not read, said in a note.
    public var unnamedColumnsWithValues: [Int] = []
    /// Date columns read month first because some of their values can only be (docs/FORMAT.md,
    /// "Day and month order"); empty when every column is day first or `--date-order` decided.
    public var monthFirstColumns: [DateOrderNote] = []
    /// Companion time columns whose time completes a date column (docs/FORMAT.md, "Date and time in two columns").
    public var timeColumns: [TimeColumnNote] = []
    /// Time columns without their date column: ignored.
    public var unusedTimeColumns: [String] = []
}

/// A date column read month first, with the value that decided it.
public struct DateOrderNote: Sendable, Equatable {
    /// The column's header in the file.
    public var column: String
    /// The line (or spreadsheet row) of the first value that can only be month first, and that value (masked).
    public var line: Int
    public var example: String
    /// When none of the column's own dates says the order: the column whose value decided, whose
    /// order it follows (`line` and `example` are then that column's).
    public var following: String?

    public init(column: String, line: Int, example: String, following: String? = nil) {
        self.column = column
        self.line = line
        self.example = example
        self.following = following
    }
}

/// A companion time column and the date column whose time it gives.
public struct TimeColumnNote: Sendable, Equatable {
    public var time: String
    public var date: String

    public init(time: String, date: String) {
        self.time = time
        self.date = date
    }
}

/// Warnings, grouped so a summary stays short on a million rows.
public struct ImportWarnings: Sendable {
    /// Unknown domain label → number of rows (counted under `autre`).
    public var unknownDomains: [String: Int] = [:]
    /// Unknown status label → number of rows (status derived instead).
    public var unknownStatuses: [String: Int] = [:]
    /// Unknown channel label → number of rows (stored as `other`).
    public var unknownChannels: [String: Int] = [:]
    /// Dates out of order (an event before the call, a departure before the arrival…).
    public var inconsistentDates = 0
    public var inconsistentExamples: [ImportIssue] = []
    /// Events dated after the import (imported, but never the as-of instant).
    public var futureDates = 0
    public var futureExamples: [ImportIssue] = []
    /// Assignment details given without a volunteer (ignored).
    public var detailsWithoutVolunteer = 0
    /// Where the first few are (`FILE:LINE`), as lines of the summary.
    public var detailsWithoutVolunteerPlaces: [String] = []
    /// Fields that were not valid UTF-8 in a UTF-8 file, read as Windows-1252.
    public var repairedFields = 0

    public var total: Int {
        unknownDomains.values.reduce(0, +) + unknownStatuses.values.reduce(0, +)
            + unknownChannels.values.reduce(0, +) + inconsistentDates + futureDates + detailsWithoutVolunteer + repairedFields
    }

    mutating func inconsistent(_ issue: ImportIssue) {
        inconsistentDates += 1
        if inconsistentExamples.count < 5 { inconsistentExamples.append(issue) }
    }

    mutating func future(_ issue: ImportIssue) {
        futureDates += 1
        if futureExamples.count < 5 { futureExamples.append(issue) }
    }
}

/// The outcome of `entraide import`.
public struct ImportSummary: Sendable {
    public var files: [FileImportSummary] = []
    /// The first errors (up to the listing cap), in file order.
    public var errors: [ImportIssue] = []
    /// All errors, listed or not.
    public var errorCount = 0
    public var warnings = ImportWarnings()
    public var dryRun = false
    public var skipInvalid = false
    /// True when the import was written to the database.
    public var committed = false
    public var rejectsPath: String?
    /// Sheets of the workbooks whose names are no table, as `FILE[SHEET]`: not imported.
    public var ignoredSheets: [String] = []
    public var rejectedCount: Int { files.reduce(0) { $0 + $1.rowsRejected } }
    /// Files or sheets from which nothing could be read (no header row): the import fails even
    /// with `--skip-invalid`.
    public var unreadableCount = 0

    /// True when the import did not do what was asked: errors without `--skip-invalid`, or a
    /// file or sheet that could not be read at all (exit status 1).
    public var failed: Bool { errorCount > 0 && (!skipInvalid || unreadableCount > 0) }

    /// True when `--skip-invalid` would import something: no file is unreadable and some row is valid.
    public var skipInvalidWouldImport: Bool {
        unreadableCount == 0 && files.contains { $0.rowsImported > 0 }
    }
    /// Optional values left out of imported rows because they could not be read (`--skip-invalid`).
    public var valuesLeftOut: Int { files.reduce(0) { $0 + $1.valuesLeftOut } }

    /// Rows stored per table.
    public func imported(_ table: TableKind) -> Int {
        files.filter { $0.table == table }.reduce(0) { $0 + $1.rowsImported }
    }
}
