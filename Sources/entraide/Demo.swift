import ArgumentParser
import EntraideKit
import Foundation

extension Entraide {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sample data → import → report for the last full month, in a new folder.",
            discussion: """
                Writes a synthetic export (12 months ending with the last full month), imports it into \
                a new database and writes the monthly report of the last month, all in a new folder \
                named entraide-demo-YYYYMMDD-HHMMSS in the current directory (or --out). Nothing \
                outside that folder is touched. The names and phone numbers in the export are invented.
                """)

        @Option(help: ArgumentHelp("Folder to create (default: ./entraide-demo-YYYYMMDD-HHMMSS).", valueName: "dir"))
        var out: String?

        @Option(help: "Language of the report: fr or en.")
        var lang: Language = .fr

        @Option(help: "Seed of the synthetic export.")
        var seed: UInt64 = 1

        func run() throws {
            let now = Date()
            let dir = try makeFolder(now: now)
            try Console.line(Console.say(Localized(fr: "Dossier de démonstration : \(dir.path)", en: "Demo folder: \(dir.path)")))

            // 1. The synthetic export.
            let exportDir = dir.appendingPathComponent("export", isDirectory: true)
            let sample = try SampleGenerator.write(to: exportDir, options: SampleOptions(seed: seed))
            try Console.line(Console.say(Localized(
                fr: "  1/3 export fictif écrit : \(sample.requests) demandes (de \(sample.firstMonth) à \(sample.lastMonth))",
                en: "  1/3 wrote a synthetic export of \(sample.requests) requests (\(sample.firstMonth) to \(sample.lastMonth))")))

            // 2. Import it into a new database.
            let dbPath = dir.appendingPathComponent("entraide.sqlite").path
            let settings = Settings()
            let store = try Store(path: dbPath)
            let files = [sample.volunteersFile, sample.requestsFile, sample.assignmentsFile].map(\.path)
            let summary = try Importer(store: store, settings: settings,
                                       pseudonymizer: try Pseudonymizer.forDatabase(dbPath))
                .run(files: files, options: ImportOptions())
            guard summary.committed else {
                throw InternalError("the demo export did not import: \(summary.errors.first.map { "\($0)" } ?? "unknown error")")
            }
            try Console.line(Console.say(Localized(fr: "  2/3 importé dans \(dbPath)", en: "  2/3 imported it into \(dbPath)")))

            // 3. The monthly report of the sample's last month.
            let month = sample.lastMonth
            let reportDir = dir.appendingPathComponent(lang == .en ? "reports" : "rapports", isDirectory: true)
            let written = try MonthlyReport.write(
                store: store, settings: settings, month: month, outDirectory: reportDir.path,
                options: WorkbookOptions(language: lang), now: now).map { URL(fileURLWithPath: $0) }
            try Console.line(Console.say(Localized(fr: "  3/3 rapport de \(month) écrit", en: "  3/3 wrote the report for \(month)")))

            try Console.line("")
            try Console.line(Console.say(Localized(fr: "À ouvrir :", en: "Open:")))
            for ext in ["html", "md", "xlsx", "svg"] {
                for url in written where url.pathExtension == ext { try Console.line("  \(url.path)") }
            }
            try Console.line("")
            try Console.line(Console.say(Localized(fr: "Pour continuer :", en: "Next steps:")))
            try Console.line("  entraide indicators --db \(shellQuoted(dbPath)) --month \(month)")
            try Console.line("  entraide report funder --db \(shellQuoted(dbPath)) --from \(sample.firstMonth) --to \(month) "
                + "--out \(shellQuoted(reportDir.path))")
            try Console.line("  entraide queries")
            try Console.line(Console.say(Localized(
                fr: "  entraide import --db VOTRE.sqlite votre-export/*.csv   (vos propres données)",
                en: "  entraide import --db YOUR.sqlite your-export/*.csv   (your own data)")))
        }

        func makeFolder(now: Date) throws -> URL {
            let fm = FileManager.default
            if let out {
                let url = URL(fileURLWithPath: out, isDirectory: true)
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: url.path, isDirectory: &isDir) {
                    guard isDir.boolValue else {
                        throw UserError(.badArgument, fr: "\(out) est un fichier ; donnez à --out un nouveau dossier",
                                        en: "\(out) is a file; give --out a new folder")
                    }
                    let contents = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
                    guard contents.isEmpty else {
                        throw UserError(.badArgument,
                                        fr: "\(out) n'est pas vide ; donnez à --out un dossier nouveau ou vide",
                                        en: "\(out) is not empty; give --out a new or empty folder")
                    }
                }
                try OutputFolder.create(out)
                return url
            }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            let base = "entraide-demo-" + formatter.string(from: now)
            let cwd = URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)
            for attempt in 1...100 {
                let url = cwd.appendingPathComponent(attempt == 1 ? base : "\(base)-\(attempt)", isDirectory: true)
                if fm.fileExists(atPath: url.path) { continue }
                try OutputFolder.create(url.path, option: nil)
                return url
            }
            throw UserError(.fileAccess, fr: "trop de dossiers de démonstration nommés \(base)… ; donnez --out",
                            en: "too many demo folders named \(base)…; give --out")
        }

        func shellQuoted(_ path: String) -> String {
            path.allSatisfy { $0.isLetter || $0.isNumber || "/._-".contains($0) } ? path
                : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
    }
}
