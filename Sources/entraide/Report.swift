import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    /// `entraide report monthly|funder|annual`: the XLSX workbooks, and for the month and the
    /// year the note (Markdown, HTML, PDF).
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the monthly report, the funder workbook or the annual report.",
            subcommands: [Monthly.self, Funder.self, Annual.self])

        /// Range-checks `--suppress-below N` (funder workbook, annual report).
        static func checkSuppressBelow(_ n: Int?) throws {
            guard let n, NumericSetting.suppressBelow.checked(n) == nil else { return }
            let range = NumericSetting.suppressBelow.rangeLocalized
            throw UserError(.badArgument,
                fr: "--suppress-below \(n) : donnez un nombre \(range.fr) (0 ou 1 : aucun masquage)",
                en: "--suppress-below \(n): give a count \(range.en) (0 or 1: no suppression)")
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
                return WorkbookOptions(language: lang, suppressBelow: suppressBelow, created: date)
            }
        }
    }
}
