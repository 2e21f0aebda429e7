import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how files would be imported, without writing anything.",
            discussion: """
                For each CSV file or workbook sheet: its table, its header row, the rows skipped above it, \
                what each column becomes (a column of the database, personal data never stored, or ignored) \
                with its first values as read (dates with the day/month order chosen), and a mapping file for \
                the columns it does not recognise. Then a dry run of the import says what it would import and \
                which errors it would report. Personal data is never shown. Exits 1 when a file cannot be \
                read at all. See docs/guide-import.md.
                """)

        @OptionGroup var options: DatabaseOptions

        @Argument(help: ArgumentHelp("CSV files or XLSX/ODS workbooks to inspect.", valueName: "file"))
        var files: [String]

        @OptionGroup var reading: ReadingOptions

        func run() throws {
            var importOptions = ImportOptions()
            importOptions.language = Console.language
            try reading.apply(to: &importOptions)
            let inspection = try Inspection.run(files: files, options: importOptions, settings: try options.settings(),
                                                databasePath: options.databasePath)
            try Console.out(inspection.text(Console.language))
            if inspection.hasUnreadableFile { throw ExitCode(1) }
        }
    }
}
