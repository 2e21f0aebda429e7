@testable import EntraideKit
import Foundation
import SharedTestSupport
import Testing

/// `entraide report annual` as a user runs it, and its HTML in a real Chromium (docs/INDICATORS.md,
/// "The annual report").
@Suite("Annual report: command and pages")
struct AnnualReportCommandTests {
    @Test func theCommandWritesEveryFileAndRefusesBadArgumentsInFrench() throws {
        let sample = try GoldenOutputTests.Sample.small()
        let printed = try sample.run(["report", "annual", "--year", "2026", "--out", "annuel"])
            .split(separator: "\n").map { URL(fileURLWithPath: String($0)).lastPathComponent }
        #expect(printed.first == "entraide-annuel-2026.xlsx", "\(printed)")
        for name in ["rapport-annuel-2026.md", "rapport-annuel-2026.html", "ecritures-benevolat-2026.csv",
                     "rapport-annuel-2026-demandes.svg"] {
            #expect(printed.contains(name), "\(name) in \(printed)")
        }
        let cases: [([String], String)] = [
            (["--year", "1850"], "--year 1850 : donnez une année de 1900 à 2200"),
            (["--year", "2026", "--notes", "absent.md"], "absent.md"),
            (["--year", "2026", "--suppress-below", "2"], "--suppress-below 2"),
            (["--year", "deux-mille"], "--year"),
        ]
        for (extra, message) in cases {
            let result = try EntraideCommand.run(["report", "annual", "--out", "refus"] + extra, in: sample.dir.url,
                                                 environment: EntraideCommand.french)
            #expect(result.status == 1, "\(extra): \(result.err)")
            #expect(result.err.contains(message), "\(extra): \(result.err)")
            #expect(!result.err.contains("Fatal error") && !result.err.contains("Stack"))
            #expect(!FileManager.default.fileExists(atPath: sample.dir.path("refus")), "\(extra) wrote nothing")
        }
        // Notes that would lose text: FILE:LINE, nothing written.
        try sample.dir.write("notes.md", "## Faits marquants\nUn été animé.\n## Budget\nÀ l'équilibre.\n")
        let bad = try EntraideCommand.run(["report", "annual", "--year", "2026", "--out", "refus", "--notes", "notes.md"],
                                          in: sample.dir.url, environment: EntraideCommand.french)
        #expect(bad.status == 1 && bad.err.contains("notes.md:3 : ce titre n'est pas une section du rapport"),
                "\(bad.err)")
        #expect(!FileManager.default.fileExists(atPath: sample.dir.path("refus")))
    }

    /// The network's and an association's report, in French and English, printed by Chromium:
    /// A4 pages, nothing wider than the A4 text width, every table cell and the three charts
    /// in the page.
    @Test func theReportInABrowserFitsA4AndPrints() throws {
        let sample = try GoldenOutputTests.Sample.sample()
        _ = try Browser.printer()
        for extra in [[], ["--lang", "en"], ["--association", GoldenOutputTests.Sample.association]] {
            let printed = try sample.run(["report", "annual", "--year", "2026", "--out", "annuel", "--pdf"] + extra)
                .split(separator: "\n").map { $0.replacingOccurrences(of: "$DIR", with: sample.dir.url.path) }
            let pdf = try #require(printed.first { $0.hasSuffix(".pdf") })
            let info = try Browser.pdfInfo(pdf)
            #expect(info.size.contains("(A4)") && info.pages >= 3 && info.pages <= 8, "\(pdf): \(info.pages) pages")
            let htmlPath = try #require(printed.first { $0.hasSuffix(".html") })
            let markdown = try String(contentsOfFile: try #require(printed.first { $0.hasSuffix(".md") }), encoding: .utf8)
            var copy = try String(contentsOfFile: htmlPath, encoding: .utf8)
            copy = copy.replacingOccurrences(of: "@media print {", with: "@media all {")
            copy = copy.replacingOccurrences(of: "</body>", with: "<script>\(HTMLNoteTests.measure)</script>\n</body>")
            let page = sample.dir.url.appendingPathComponent("measure.html")
            try copy.write(to: page, atomically: true, encoding: .utf8)
            let dom = HTMLNoteTests.unescape(try Browser.dumpDOM(page))
            for cell in HTMLNoteTests.tableCells(markdown) { #expect(dom.contains(">\(cell)<"), "\(cell) in the page") }
            let start = try #require(dom.range(of: "<pre id=\"entraide-measure\">"), "the measuring script ran")
            let json = try #require(dom[start.upperBound...].components(separatedBy: "</pre>").first)
            let measured = try JSONDecoder().decode(HTMLNoteTests.Measured.self, from: Data(json.utf8))
            #expect(measured.wide.isEmpty, "wider than the A4 text width: \(measured.wide)")
            #expect(measured.charts.count == 3)
            for chart in measured.charts { #expect(chart.shapes > 10 && !chart.label.isEmpty, "\(chart)") }
        }
    }
}
