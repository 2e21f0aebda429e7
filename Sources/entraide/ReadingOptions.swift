import ArgumentParser
import EntraideKit
import Foundation

/// How the files are read, for `import` and `inspect` alike: the header mapping, the table of
/// files whose names don't say, the order of day and month in dates (docs/FORMAT.md).
struct ReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("TOML file renaming source headers to canonical columns (see docs/FORMAT.md).",
                               valueName: "file"))
    var mapping: String?

    @Option(help: ArgumentHelp("Table of the files when their names don't say: volunteers, requests or assignments.",
                               valueName: "name"))
    var table: String?

    @Option(help: ArgumentHelp("Order of the day and the month in dates such as 03/10/2026: dmy (day first, "
                               + "the French order) or mdy (month first, the US order); by default each column's "
                               + "order is decided from its values (see docs/FORMAT.md).", valueName: "dmy|mdy"))
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

    /// Sets the table, the date order and the mapping (read from its file) of `options`.
    func apply(to options: inout ImportOptions) throws {
        options.table = table.flatMap(TableKind.init(name:))
        options.dateOrder = dateOrder.flatMap(DateOrder.init(option:))
        if let mapping { options.mapping = try HeaderMapping.load(path: mapping) }
    }
}
