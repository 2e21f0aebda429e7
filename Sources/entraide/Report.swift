import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    /// `entraide report monthly|funder`: the XLSX workbooks (and, for the month, the Markdown summary).
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the monthly report or the funder workbook.",
            subcommands: [Monthly.self, Funder.self])

        enum Language: String, ExpressibleByArgument, CaseIterable {
            case fr, en
        }

        /// Options of every report: output folder, language, reproducible creation time.
        struct Output: ParsableArguments {
            @Option(help: ArgumentHelp("Folder to write the report into (created if needed).", valueName: "dir"))
            var out: String

            @Option(help: "Language of the report: fr or en.")
            var lang: Language = .fr

            @Option(help: ArgumentHelp("Creation time written in the files, for byte-identical reruns "
                                       + "(default: $SOURCE_DATE_EPOCH, else now).",
                                       valueName: "YYYY-MM-DDTHH:MM:SSZ"))
            var created: String?

            func workbookOptions(suppressBelow: Int? = nil) throws -> WorkbookOptions {
                let date = try created.map(WorkbookOptions.parseCreated) ?? WorkbookOptions.sourceDateEpoch()
                return WorkbookOptions(english: lang == .en, suppressBelow: suppressBelow, created: date)
            }
        }

        static func parseMonth(_ text: String, _ option: String) throws -> Month {
            guard let m = Month(text) else {
                throw UserError(.badArgument, "\(option) \(text): not a month; write it YYYY-MM, e.g. 2026-10")
            }
            return m
        }
    }
}
