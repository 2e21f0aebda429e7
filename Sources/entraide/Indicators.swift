import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    struct Indicators: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the indicators for a month or a period.",
            discussion: """
                Months are whole calendar months in the network's time zone. A period without data \
                gives zeros and empty statistics. `--format json` is the documented JSON form \
                (numbers unrounded); `table` rounds them for reading.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, csv
        }

        @OptionGroup var options: DatabaseOptions

        @Option(help: ArgumentHelp("One month, e.g. 2026-10.", valueName: "YYYY-MM"))
        var month: Month?

        @Option(help: ArgumentHelp("First month of the period, e.g. 2026-01.", valueName: "YYYY-MM"))
        var from: Month?

        @Option(help: ArgumentHelp("Last month of the period (included), e.g. 2026-10.", valueName: "YYYY-MM"))
        var to: Month?

        @Option(help: "Output format: table, json or csv.")
        var format: Format = .table

        @Option(help: ArgumentHelp("Only the requests handled by this partner association (and their assignments) "
                                   + "and the volunteers coming through it.", valueName: "name"))
        var association: String?

        @Option(help: "Language of the table's labels: fr or en.")
        var lang: Language = .fr

        func run() throws {
            let (first, last) = try period()
            let settings = try options.settings()
            let store = try Store(readOnlyPath: options.databasePath)
            let report = try IndicatorEngine(store: store, settings: settings)
                .compute(from: first, to: last, association: association)
            let text: String
            switch format {
            case .json: text = report.json(settings: settings)
            case .csv: text = report.csv(settings: settings)
            case .table: text = report.table(settings: settings, language: lang)
            }
            try Console.out(text)
        }

        func period() throws -> (Month, Month) {
            switch (month, from, to) {
            case (let m?, nil, nil):
                try Month.checkArgument(m, option: "--month")
                return (m, m)
            case (nil, let a?, let b?):
                try Month.checkPeriod(from: a, to: b)
                return (a, b)
            case (nil, nil, nil):
                throw UserError(.badArgument,
                    fr: "donnez un mois (--month AAAA-MM) ou une période (--from AAAA-MM --to AAAA-MM)",
                    en: "give a month (--month YYYY-MM) or a period (--from YYYY-MM --to YYYY-MM)")
            case (_?, _, _):
                throw UserError(.badArgument, fr: "donnez soit --month, soit --from/--to, pas les deux",
                                en: "give either --month or --from/--to, not both")
            default:
                throw UserError(.badArgument,
                    fr: "une période demande à la fois --from et --to (ou utilisez --month pour un seul mois)",
                    en: "a period needs both --from and --to (or use --month for one month)")
            }
        }
    }
}
