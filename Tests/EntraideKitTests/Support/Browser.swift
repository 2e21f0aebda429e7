import Foundation
import Testing
@testable import EntraideKit

/// The headless Chromium of the browser tests (`scripts/setup` installs it): the DOM of a page
/// after it loaded, and the number of pages of a PDF (`pdfinfo`). A missing browser or
/// `pdfinfo` fails the test, saying to run `scripts/setup`; no test skips itself.
enum Browser {
    struct Missing: Error, CustomStringConvertible {
        var what: String
        var description: String {
            "\(what) is not installed: run scripts/setup (as root it installs chromium and poppler-utils)"
        }
    }

    /// The browser `report monthly --pdf` would use, from the tests' own environment.
    static func printer() throws -> ChromiumPrinter {
        guard let printer = try ChromiumPrinter.find(environment: ProcessInfo.processInfo.environment) else {
            throw Missing(what: "Chromium (chromium or google-chrome on PATH, or ENTRAIDE_CHROMIUM)")
        }
        return printer
    }

    /// The page's DOM as the browser serialises it once the page has loaded (and run its script).
    static func dumpDOM(_ page: URL) throws -> String {
        let printer = try printer()
        let outcome = try printer.run(["--window-size=1280,2000", "--dump-dom", page.absoluteURL.absoluteString])
        try printer.check(outcome, doing: Localized("lire \(page.path)", "read \(page.path)"))
        return outcome.standardOutput
    }

    /// What `pdfinfo` says of a PDF: its number of pages and the size of its pages
    /// (`Page size: 595.276 x 841.89 pts (A4)`).
    static func pdfInfo(_ pdf: String) throws -> (pages: Int, size: String) {
        guard let pdfinfo = ["/usr/bin/pdfinfo", "/usr/local/bin/pdfinfo"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else { throw Missing(what: "pdfinfo (poppler-utils)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdfinfo)
        process.arguments = [pdf]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.split(separator: "\n")
        let pages = lines.first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
        guard process.terminationStatus == 0, let pages else {
            throw PDFUnreadable(path: pdf, said: text)
        }
        return (pages, lines.first { $0.hasPrefix("Page size:") }.map(String.init) ?? "")
    }

    struct PDFUnreadable: Error, CustomStringConvertible {
        var path: String
        var said: String
        var description: String { "pdfinfo cannot read \(path): \(said)" }
    }
}
