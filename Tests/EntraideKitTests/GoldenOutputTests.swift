import Crypto
import Foundation
import SharedTestSupport
import Testing

/// What the tool writes for a fixed synthetic sample, compared with the golden files of
/// `Fixtures/golden/sample/` (see the README there): any change of output shows as a diff to
/// review, and `scripts/record-golden` records them again when the change is intended.
///
/// Everything goes through the built `entraide` executable, as a user runs it, in a fixed
/// environment: `entraide sample` with a fixed seed and end month, imported with fixed
/// settings and a fixed pseudonymisation key, reports created at a fixed time.
@Suite("Golden outputs of the sample")
struct GoldenOutputTests {
    /// The sample export imported into `entraide.sqlite` in a temporary folder.
    final class Sample {
        static let association = "Centre social Les Tilleuls"
        static let created = "2026-11-02T09:30:00Z"
        static let settings = """
            network_name = "Réseau d'entraide du Bas-Quartier"
            author = "Centre social Les Tilleuls"
            hourly_rate_eur = 15
            associations = ["Centre social Les Tilleuls", "AFEV", "Léo Lagrange", "Secours populaire"]

            """

        let dir: TempDir
        /// Each command run and what it printed, the folder written `$DIR`.
        private(set) var transcript = ""

        /// An empty folder with the settings and the key; `sample()` and `small()` import into it.
        init() throws {
            dir = try TempDir("entraide-golden")
            try dir.write("entraide.toml", Self.settings)
            // A fixed key: the same residents get the same pseudonyms on every run.
            try dir.write("entraide.sqlite.key", bytes: Array(0..<32))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir.path("entraide.sqlite.key"))
        }

        /// `entraide sample` (six months to 2026-10, seed 7), imported.
        static func sample() throws -> Sample {
            let sample = try Sample()
            try sample.run(["sample", "--out", "export", "--seed", "7", "--months", "6", "--requests-per-month", "60",
                            "--end", "2026-10"])
            for name in ["benevoles.csv", "demandes.csv", "interventions.csv"] {
                let data = try Data(contentsOf: sample.dir.url.appendingPathComponent("export/\(name)"))
                let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                sample.transcript += "export/\(name): \(data.count) bytes, SHA-256 \(digest)\n"
            }
            try sample.run(["import", "export/benevoles.csv", "export/demandes.csv", "export/interventions.csv"])
            return sample
        }

        /// The small export of `Fixtures/reports` (few residents: suppressed counts), imported.
        static func small() throws -> Sample {
            let sample = try Sample()
            for name in ["volunteers.csv", "requests.csv"] {
                try FileManager.default.copyItem(at: TestPaths.fixture("reports/\(name)"),
                                                 to: sample.dir.url.appendingPathComponent(name))
            }
            try sample.run(["import", "volunteers.csv", "requests.csv"])
            return sample
        }

        /// Runs `entraide arguments` in the folder, adds it to the transcript and returns what it
        /// printed; a non-zero exit status fails.
        @discardableResult
        func run(_ arguments: [String]) throws -> String {
            let result = try EntraideCommand.run(arguments, in: dir.url)
            let out = result.out.replacingOccurrences(of: dir.url.path, with: "$DIR")
            let err = result.err.replacingOccurrences(of: dir.url.path, with: "$DIR")
            transcript += "$ entraide " + arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ") + "\n"
                + out + (err.isEmpty ? "" : "(standard error)\n" + err)
            try #require(result.status == 0, "entraide \(arguments.joined(separator: " ")) failed: \(result.err)")
            return out
        }

        /// The golden name of a file the tool wrote: workbooks are compared as their text dump.
        func checkWritten(_ printedPath: String, folder: String = "sample",
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
            let path = printedPath.replacingOccurrences(of: "$DIR", with: dir.url.path)
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : dir.url.appendingPathComponent(path)
            let name = folder + "/" + url.lastPathComponent
            if url.pathExtension == "xlsx" {
                try Golden.check(name + ".txt", try OOXMLPackage(url: url).dump(), sourceLocation: sourceLocation)
            } else {
                try Golden.check(name, try String(contentsOf: url, encoding: .utf8), sourceLocation: sourceLocation)
            }
        }
    }

    @Test func goldenSampleAndImport() throws {
        let sample = try Sample.sample()
        try Golden.check("sample/commandes.txt", sample.transcript)
    }

    @Test func goldenIndicators() throws {
        let sample = try Sample.sample()
        let period = ["--from", "2026-05", "--to", "2026-10"]
        for (suffix, association) in [("", nil), ("-centre-social", Sample.association)] {
            let only = association.map { ["--association", $0] } ?? []
            for (format, ext) in [("json", "json"), ("csv", "csv"), ("table", "txt")] {
                let out = try sample.run(["indicators"] + period + ["--format", format] + only)
                try Golden.check("sample/indicateurs\(suffix).\(ext)", out)
            }
        }
    }

    @Test func goldenReports() throws {
        let sample = try Sample.sample()
        let output = ["--out", "rapports", "--created", Sample.created]
        let runs: [[String]] = [
            ["report", "monthly", "--month", "2026-10"] + output,
            ["report", "monthly", "--month", "2026-10", "--association", Sample.association] + output,
            ["report", "funder", "--from", "2026-08", "--to", "2026-10"] + output,
            ["report", "funder", "--from", "2026-08", "--to", "2026-10", "--lang", "en"] + output,
            ["report", "funder", "--from", "2026-08", "--to", "2026-10", "--association", Sample.association] + output,
            ["report", "annual", "--year", "2026"] + output,
            ["report", "annual", "--year", "2026", "--lang", "en"] + output,
            ["report", "annual", "--year", "2026", "--association", Sample.association] + output,
        ]
        for arguments in runs {
            let printed = try sample.run(arguments).split(separator: "\n").map(String.init)
            #expect(!printed.isEmpty, "\(arguments) printed the files it wrote")
            for path in printed { try sample.checkWritten(path) }
        }
    }

    /// The funder workbook where resident counts fall below the threshold (`< 3`), and the
    /// monthly one with a request waiting.
    @Test func goldenReportsOfASmallExport() throws {
        let small = try Sample.small()
        let output = ["--out", "rapports", "--created", Sample.created]
        for arguments in [["report", "funder", "--from", "2026-09", "--to", "2026-10"] + output,
                          ["report", "monthly", "--month", "2026-10"] + output] {
            for path in try small.run(arguments).split(separator: "\n") where path.hasSuffix(".xlsx") {
                try small.checkWritten(String(path), folder: "small")
            }
        }
    }
}
