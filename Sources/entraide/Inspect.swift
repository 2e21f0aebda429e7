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

        @Option(help: ArgumentHelp("TOML file renaming source headers to canonical columns (see docs/FORMAT.md).",
                                   valueName: "file"))
        var mapping: String?

        @Option(help: ArgumentHelp("Table of the files when their names don't say: volunteers, requests or assignments.",
                                   valueName: "name"))
        var table: String?

        @Option(help: ArgumentHelp("Order of the day and the month in dates such as 03/10/2026: dmy or mdy "
                                   + "(default: decided per column from its values).", valueName: "dmy|mdy"))
        var dateOrder: String?

        func validate() throws {
            if let dateOrder, DateOrder(option: dateOrder) == nil {
                throw ValidationError(Console.say(Localized(
                    fr: "--date-order : « \(dateOrder) » n'est pas un ordre ; écrivez dmy (jour/mois/année) ou mdy (mois/jour/année)",
                    en: "--date-order: \"\(dateOrder)\" is no order; use dmy (day/month/year) or mdy (month/day/year)")))
            }
            if let table, TableKind(name: table) == nil {
                throw ValidationError(Console.say(Localized(
                    fr: "--table : table inconnue « \(table) » ; utilisez volunteers (bénévoles), requests (demandes) "
                        + "ou assignments (mises en relation)",
                    en: "--table: unknown table \"\(table)\"; use volunteers, requests or assignments")))
            }
        }

        func run() throws {
            var importOptions = ImportOptions()
            importOptions.language = Console.language
            importOptions.table = table.flatMap(TableKind.init(name:))
            importOptions.dateOrder = dateOrder.flatMap(DateOrder.init(option:))
            if let mapping { importOptions.mapping = try HeaderMapping.load(path: mapping) }
            let inspection = try Inspection.run(files: files, options: importOptions, settings: try options.settings(),
                                                databasePath: options.databasePath)
            try Console.out(inspection.text(Console.language))
            if inspection.hasUnreadableFile { throw ExitCode(1) }
        }
    }
}
