import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit

/// The monthly note as one HTML file and its PDF: what the file holds, then the file opened
/// and printed in a real headless Chromium (installed by scripts/setup; without it these tests
/// fail saying so). Few browser starts: each costs about a second.
@Suite("HTML and PDF note", .serialized)
struct HTMLNoteTests {
    /// The cases every check runs on: French and English, the network and one association.
    static let cases: [(Language, String?)] = [(.fr, nil), (.en, nil), (.fr, "Centre social")]

    /// Writes the fixture's monthly report into `dir` and returns the paths written.
    static func write(_ f: SummaryFixture, _ language: Language, _ association: String?, in dir: TempDir) throws -> [String] {
        try MonthlyReport.write(store: f.fixture.store, settings: SummaryFixture.settings, month: SummaryFixture.month,
                                association: association, outDirectory: dir.path("rapports"),
                                options: WorkbookOptions(language: language), now: SummaryFixture.now)
    }

    /// The text of every cell of the Markdown's tables, as a reader sees it.
    static func tableCells(_ markdown: String) -> [String] {
        let blocks = MarkdownBlocks.parse(markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        var cells: [String] = []
        for case .table(_, let header, let rows) in blocks {
            for cell in header + rows.joined() {
                let text = MarkdownInline.unescape(cell.replacingOccurrences(of: "**", with: ""))
                if !text.isEmpty { cells.append(text) }
            }
        }
        return cells
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` and `&nbsp;` back to their characters.
    static func unescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&nbsp;", with: "\u{00A0}").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func everyReportWritesOneSelfContainedHTMLBesideItsMarkdown() throws {
        let f = try SummaryFixture()
        for (language, association) in Self.cases {
            let dir = try TempDir()
            let paths = try Self.write(f, language, association, in: dir)
            let md = try #require(paths.first { $0.hasSuffix(".md") })
            let htmlPath = try #require(paths.first { $0.hasSuffix(".html") })
            #expect(String(htmlPath.dropLast(5)) == String(md.dropLast(3)), "same base name: \(htmlPath)")
            #expect(htmlPath.hasSuffix(association == nil ? "-2026-10.html" : "-2026-10-centre-social.html"))
            #expect((htmlPath as NSString).lastPathComponent.hasPrefix(language == .en ? "report-" : "rapport-"))
            let html = try String(contentsOfFile: htmlPath, encoding: .utf8)
            let markdown = try String(contentsOfFile: md, encoding: .utf8)
            // Nothing loaded from elsewhere, no script.
            for forbidden in ["<link", "<script", "<iframe", "<img", "src=", "@import", "href=\"http", "javascript:"] {
                #expect(!html.contains(forbidden), "\(forbidden) in \(htmlPath)")
            }
            var rest = Substring(html)
            while let r = rest.range(of: "url(") {
                let after = rest[r.upperBound...]
                #expect(after.hasPrefix("#") || after.hasPrefix("data:"), "url(\(after.prefix(30)) in \(htmlPath)")
                rest = after
            }
            // Every chart inline, labelled with the Markdown's alt text.
            let svgs = paths.filter { $0.hasSuffix(".svg") }
            #expect(svgs.count == 3)
            #expect(html.components(separatedBy: "<svg ").count - 1 == svgs.count)
            for image in markdown.split(separator: "\n").compactMap({ MarkdownInline.onlyImages(String($0))?.first }) {
                #expect(html.contains("aria-label=\"\(HTMLText.escape(image.alt))\""), "\(image.alt)")
                #expect(!html.contains(image.source), "the chart \(image.source) is inline, not linked")
            }
            // The same figures as the Markdown, every cell of every table.
            let cells = Self.tableCells(markdown)
            #expect(cells.count > 40)
            for cell in cells { #expect(html.contains(">\(HTMLText.escape(cell))<"), "\(cell)") }
            // Printed: A4, the running header and the page numbers in the note's language.
            #expect(html.contains("size: A4"))
            #expect(html.contains(language == .en ? "\" of \" counter(pages)" : "\" sur \" counter(pages)"))
            #expect(html.contains("@top-left { content: \"Réseau d'entraide du Bas-Quartier — "
                                  + (association.map { $0 + " — " } ?? "")
                                  + (language == .en ? "October 2026" : "octobre 2026") + "\""))
            #expect(html.contains("<html lang=\"\(language == .en ? "en" : "fr")\">"))
        }
    }

    @Test func findsTheBrowserTheEnvironmentNames() throws {
        let dir = try TempDir()
        let bin = dir.url.appendingPathComponent("bin").path
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let chrome = try dir.write("bin/google-chrome", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: chrome)
        #expect(try ChromiumPrinter.find(environment: ["PATH": "/nonexistent:" + bin])?.executable == chrome)
        let chromium = try dir.write("bin/chromium", "#!/bin/sh\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: chromium)
        #expect(try ChromiumPrinter.find(environment: ["PATH": bin])?.executable == chromium)
        #expect(try ChromiumPrinter.find(environment: ["PATH": "/nonexistent"]) == nil)
        let named = try ChromiumPrinter.find(environment: ["PATH": bin, "ENTRAIDE_CHROMIUM": chrome,
                                                           "ENTRAIDE_CHROMIUM_TIMEOUT": "5"])
        #expect(named?.executable == chrome && named?.timeLimit == 5)
        // A variable that names no executable file is said, not passed over.
        let plain = try dir.write("not-executable", "x")
        for bad in [plain, dir.url.path, dir.path("absent")] {
            #expect { try ChromiumPrinter.find(environment: ["PATH": bin, "ENTRAIDE_CHROMIUM": bad]) } throws: {
                ($0 as? UserError)?.message.hasPrefix("ENTRAIDE_CHROMIUM=\(bad): not an executable file") == true
            }
        }
        #expect(throws: UserError.self) { try ChromiumPrinter.find(environment: ["ENTRAIDE_CHROMIUM_TIMEOUT": "soon"]) }
    }

    /// The note opened in Chromium: its figures and charts there, and, laid out with the print
    /// rules on the A4 text width (182 mm), nothing wider than that.
    @Test func theNoteInABrowserHasItsFiguresAndChartsAndFitsTheA4Width() throws {
        let f = try SummaryFixture()
        for (language, association) in [Self.cases[0], Self.cases[2]] {
            let dir = try TempDir()
            let paths = try Self.write(f, language, association, in: dir)
            let htmlPath = try #require(paths.first { $0.hasSuffix(".html") })
            let markdown = try String(contentsOfFile: try #require(paths.first { $0.hasSuffix(".md") }), encoding: .utf8)
            var copy = try String(contentsOfFile: htmlPath, encoding: .utf8)
            // A copy: the print rules apply on screen, the page gets the A4 text width, and a
            // script writes what it measures into the page.
            copy = copy.replacingOccurrences(of: "@media print {", with: "@media all {")
            copy = copy.replacingOccurrences(of: "</body>", with: "<script>\(Self.measure)</script>\n</body>")
            let page = dir.url.appendingPathComponent("measure.html")
            try copy.write(to: page, atomically: true, encoding: .utf8)
            let dom = Self.unescape(try Browser.dumpDOM(page))

            for cell in Self.tableCells(markdown) { #expect(dom.contains(">\(cell)<"), "\(cell) in the page") }
            let start = try #require(dom.range(of: "<pre id=\"entraide-measure\">"), "the measuring script ran")
            let json = try #require(dom[start.upperBound...].components(separatedBy: "</pre>").first)
            let measured = try JSONDecoder().decode(Measured.self, from: Data(json.utf8))
            #expect(abs(measured.width - 182 * 96 / 25.4) < 2, "the text width is A4's: \(measured.width) px")
            #expect(measured.wide.isEmpty, "wider than the A4 text width: \(measured.wide)")
            #expect(measured.charts.count == 3)
            for chart in measured.charts {
                #expect(chart.width > 150 && chart.width <= measured.width + 0.5 && chart.height > 60, "\(chart)")
                #expect(chart.shapes > 20, "the chart \(chart.label) is drawn: \(chart.shapes) shapes")
                #expect(!chart.label.isEmpty)
            }
        }
    }

    struct Measured: Decodable {
        struct Chart: Decodable { var width: Double; var height: Double; var shapes: Int; var label: String }
        var width: Double
        var wide: [String]
        var charts: [Chart]
    }

    /// Sets the page to the A4 text width, then lists every element whose box or content goes
    /// past it, and the size and number of shapes of each chart, as JSON in `#entraide-measure`.
    static let measure = """
        (function () {
          var main = document.querySelector('main') || document.body;
          document.body.style.margin = '0';
          main.style.width = '182mm'; main.style.maxWidth = '182mm'; main.style.margin = '0'; main.style.padding = '0';
          var box = main.getBoundingClientRect(), wide = [];
          main.querySelectorAll('*').forEach(function (e) {
            var r = e.getBoundingClientRect();
            var over = r.right > box.right + 0.5 || r.left < box.left - 0.5;
            if (!over && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && !(e instanceof SVGElement)) over = true;
            if (over) wide.push(e.tagName + ' ' + (e.textContent || '').slice(0, 40) + ' ' + Math.round(r.left) + '-' + Math.round(r.right));
          });
          var charts = Array.prototype.map.call(main.querySelectorAll('svg'), function (s) {
            var r = s.getBoundingClientRect();
            return { width: r.width, height: r.height, label: s.getAttribute('aria-label') || '',
                     shapes: s.querySelectorAll('rect, path, line, polyline, polygon, circle, text').length };
          });
          var pre = document.createElement('pre');
          pre.id = 'entraide-measure';
          pre.textContent = JSON.stringify({ width: box.width, wide: wide, charts: charts });
          document.body.appendChild(pre);
        })();
        """

    @Test func theNotePrintsOnAtMostTwoA4Pages() throws {
        let f = try SummaryFixture()
        for (language, association) in Self.cases {
            let dir = try TempDir()
            let paths = try Self.write(f, language, association, in: dir)
            _ = try Browser.printer()
            let pdf = try MonthlyReport.printPDF(written: paths, database: f.fixture.store.path)
            #expect(pdf == String(try #require(paths.first { $0.hasSuffix(".html") }).dropLast(5)) + ".pdf")
            let info = try Browser.pdfInfo(pdf)
            #expect(info.pages >= 1 && info.pages <= 2, "\(pdf): \(info.pages) pages")
            #expect(info.size.contains("(A4)"), "\(info.size)")
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path("rapports"))
            #expect(!left.contains { $0.hasSuffix(".partial") }, "\(left)")
        }
    }

    /// `report monthly --pdf` on the sample database, as a user runs it: the PDF beside the
    /// other files, printed on two pages at most, for the network (English) and an association.
    @Test func pdfThroughTheCommand() throws {
        _ = try Browser.printer()
        let sample = try GoldenOutputTests.Sample.sample()
        let runs = [["--lang", "en"], ["--association", GoldenOutputTests.Sample.association]]
        for extra in runs {
            let printed = try sample.run(["report", "monthly", "--month", "2026-10", "--out", "rapports", "--pdf"] + extra)
                .split(separator: "\n").map { $0.replacingOccurrences(of: "$DIR", with: sample.dir.url.path) }
            let pdf = try #require(printed.last)
            #expect(pdf.hasSuffix(extra[0] == "--lang" ? "/report-2026-10.pdf" : "/rapport-2026-10-centre-social-les-tilleuls.pdf"))
            #expect(printed.contains(String(pdf.dropLast(4)) + ".html"))
            #expect(try Browser.pdfInfo(pdf).pages <= 2)
        }
    }

    @Test func withoutABrowserTheMessageSaysWhatToDoAndTheOtherFilesAreWritten() throws {
        let small = try GoldenOutputTests.Sample.small()
        let empty = try TempDir()
        for (messages, expected) in [(EntraideCommand.english, ["no browser to print the PDF", "sudo apt-get install chromium",
                                                                "rapports/rapport-2026-10.html", "\"Save as PDF\""]),
                                     (EntraideCommand.french, ["aucun navigateur pour imprimer le PDF",
                                                               "sudo apt-get install chromium", "« Enregistrer au format PDF »"])] {
            var environment = messages
            environment["PATH"] = empty.url.path
            let result = try EntraideCommand.run(["report", "monthly", "--month", "2026-10", "--out", "rapports", "--pdf"],
                                                 in: small.dir.url, environment: environment)
            #expect(result.status == 1)
            for text in expected { #expect(result.err.contains(text), "\(text) in: \(result.err)") }
            let written = try FileManager.default.contentsOfDirectory(atPath: small.dir.path("rapports"))
            for name in ["rapport-2026-10.md", "rapport-2026-10.html", "entraide-mensuel-2026-10.xlsx"] {
                #expect(written.contains(name), "\(name) in \(written)")
            }
            #expect(!written.contains { $0.hasSuffix(".pdf") || $0.hasSuffix(".partial") }, "\(written)")
        }
    }

    /// A browser that writes whatever it is given to `--print-to-pdf`: the PDF goes to a
    /// temporary name and is put in place, never over the database.
    @Test func thePDFIsPutInPlaceButNeverOverTheDatabase() throws {
        let small = try GoldenOutputTests.Sample.small()
        let fake = try small.dir.write("writing-browser", """
            #!/bin/sh
            for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4 fake\\n' > "${a#--print-to-pdf=}";; esac; done

            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        let report = ["report", "monthly", "--month", "2026-10", "--out", "rapports", "--pdf"]
        let written = try EntraideCommand.run(report, in: small.dir.url, environment: ["ENTRAIDE_CHROMIUM": fake])
        #expect(written.status == 0, "\(written.err)")
        #expect(written.out.hasSuffix("/rapports/rapport-2026-10.pdf\n"), "\(written.out)")
        #expect(try String(contentsOfFile: small.dir.path("rapports/rapport-2026-10.pdf"), encoding: .utf8) == "%PDF-1.4 fake\n")

        // The database itself where the PDF would go.
        let fm = FileManager.default
        try fm.createDirectory(atPath: small.dir.path("other"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: small.dir.path("entraide.sqlite"), toPath: small.dir.path("other/rapport-2026-10.pdf"))
        try fm.copyItem(atPath: small.dir.path("entraide.sqlite.key"), toPath: small.dir.path("other/rapport-2026-10.pdf.key"))
        let before = try Data(contentsOf: small.dir.url.appendingPathComponent("other/rapport-2026-10.pdf"))
        let refused = try EntraideCommand.run(["report", "monthly", "--db", "other/rapport-2026-10.pdf", "--month", "2026-10",
                                               "--out", "other", "--pdf"],
                                              in: small.dir.url, environment: ["ENTRAIDE_CHROMIUM": fake])
        #expect(refused.status == 1)
        #expect(refused.err.contains("is the database itself"), "\(refused.err)")
        #expect(try Data(contentsOf: small.dir.url.appendingPathComponent("other/rapport-2026-10.pdf")) == before)
    }

    @Test func aBrowserPastItsTimeLimitIsStoppedWithAClearMessage() throws {
        let small = try GoldenOutputTests.Sample.small()
        let fake = try small.dir.write("slow-browser", "#!/bin/sh\nsleep 30 &\nwait\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        let result = try EntraideCommand.run(["report", "monthly", "--month", "2026-10", "--out", "rapports", "--pdf"],
                                             in: small.dir.url,
                                             environment: ["ENTRAIDE_CHROMIUM": fake, "ENTRAIDE_CHROMIUM_TIMEOUT": "1"])
        #expect(result.status == 1)
        #expect(result.err.contains("\(fake) could not print"), "\(result.err)")
        #expect(result.err.contains("within 1 s; it was stopped"), "\(result.err)")
        let written = try FileManager.default.contentsOfDirectory(atPath: small.dir.path("rapports"))
        #expect(written.contains("rapport-2026-10.html"))
        #expect(!written.contains { $0.hasSuffix(".pdf") || $0.hasSuffix(".partial") }, "\(written)")

        // A browser that fails, or that ends well without writing a PDF, is said with what it wrote.
        let quiet = try small.dir.write("no-pdf-browser", "#!/bin/sh\necho 'cannot open display' >&2\nexit 0\n")
        let failing = try small.dir.write("failing-browser", "#!/bin/sh\necho 'crashed badly' >&2\nexit 3\n")
        for script in [quiet, failing] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        }
        for (script, expected) in [(quiet, "\(quiet) wrote no PDF for "), (failing, "\(failing) could not print ")] {
            let result = try EntraideCommand.run(["report", "monthly", "--month", "2026-10", "--out", "rapports", "--pdf"],
                                                 in: small.dir.url, environment: ["ENTRAIDE_CHROMIUM": script])
            #expect(result.status == 1)
            #expect(result.err.contains(expected), "\(result.err)")
            #expect(result.err.contains(script == quiet ? ":\n    cannot open display" : "(exit status 3):\n    crashed badly"),
                    "\(result.err)")
            let left = try FileManager.default.contentsOfDirectory(atPath: small.dir.path("rapports"))
            #expect(!left.contains { $0.hasSuffix(".pdf") || $0.hasSuffix(".partial") }, "\(left)")
        }

        let bad = try EntraideCommand.run(["report", "monthly", "--month", "2026-10", "--out", "rapports", "--pdf"],
                                          in: small.dir.url, environment: ["ENTRAIDE_CHROMIUM": small.dir.path("absent")])
        #expect(bad.status == 1)
        #expect(bad.err.contains("ENTRAIDE_CHROMIUM=\(small.dir.path("absent")): not an executable file"), "\(bad.err)")
    }
}
