import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import CSV exports or XLSX/ODS workbooks (volunteers, requests, assignments) into the database.",
            discussion: """
                The table of each file (or workbook sheet) is recognised from its name (benevoles, demandes, \
                interventions, or volunteers, requests, assignments), else from its header row (one sheet per \
                month), or given with --table; the header row may lie below titles. Try `entraide inspect` first \
                to see how the files will be read. All files go in one \
                transaction: if any row is in error, nothing is written and every error is listed \
                as FILE:LINE: column: message (FILE[SHEET]:ROW in a workbook). Importing a newer (cumulative) export updates the rows \
                by id; importing the same files again changes nothing.
                """)

        @OptionGroup var options: DatabaseOptions

        @Argument(help: ArgumentHelp("CSV files or XLSX/ODS workbooks to import.", valueName: "file"))
        var files: [String]

        @Flag(help: "Check the files and report what would be imported, without writing anything.")
        var dryRun = false

        @Flag(help: "Import the valid rows and write the rejected ones, with their reason, to a rejects CSV.")
        var skipInvalid = false

        @OptionGroup var reading: ReadingOptions

        @Option(help: ArgumentHelp("Where --skip-invalid writes the rejected rows (default: beside the database).",
                                   valueName: "file"))
        var rejects: String?

        func validate() throws {
            if dryRun && skipInvalid {
                throw ValidationError(Console.say(Localized(
                    fr: "--dry-run et --skip-invalid ne peuvent pas être utilisés ensemble ; choisissez l'un des deux",
                    en: "--dry-run and --skip-invalid cannot be used together")))
            }
        }

        func run() throws {
            let settings = try options.settings()
            var importOptions = ImportOptions()
            importOptions.dryRun = dryRun
            importOptions.skipInvalid = skipInvalid
            importOptions.language = Console.language
            importOptions.rejectsPath = rejects
            importOptions.otherInputs = [options.settingsPath] + (reading.mapping.map { [$0] } ?? [])
            try reading.apply(to: &importOptions)
            if isatty(STDERR_FILENO) != 0 {
                importOptions.progress = { line in
                    Console.error("\r\u{1B}[K\(line)")
                }
            }
            let dbPath = options.databasePath
            let summary = try Importer.run(files: files, databasePath: dbPath, settings: settings,
                                           options: importOptions)
            if importOptions.progress != nil { Console.error("\r\u{1B}[K") }
            try Console.out(ImportSummaryText.render(summary, database: dbPath, language: Console.language))
            if !summary.errors.isEmpty {
                Console.error(ImportSummaryText.renderErrors(summary, language: Console.language))
            }
            if summary.failed { throw ExitCode(1) }
        }
    }
}
