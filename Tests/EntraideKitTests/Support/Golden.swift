import Foundation
import Testing

/// Golden files: outputs compared with a copy kept in `Fixtures/golden/` in the source tree.
/// `scripts/record-golden` (or `ENTRAIDE_RECORD_GOLDEN=1 swift test --filter golden`) records
/// them again; review the diff with `git diff Tests/EntraideKitTests/Fixtures/golden`.
enum Golden {
    static let dir = TestPaths.testsFolder.appendingPathComponent("Fixtures/golden", isDirectory: true)
    static var recording: Bool { ProcessInfo.processInfo.environment["ENTRAIDE_RECORD_GOLDEN"] == "1" }
    /// Where a differing output is written, to diff it with its golden file.
    static let actualDir = FileManager.default.temporaryDirectory.appendingPathComponent("entraide-golden-actual")

    /// Compares `text` with the golden file `name` (a path below `Fixtures/golden`, e.g.
    /// `indicators/sample.json`), or records it when recording.
    static func check(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = dir.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden file \(name) in \(dir.path): record it with scripts/record-golden",
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != text else { return }
        let actual = actualDir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: actual.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: actual)
        let e = expected.components(separatedBy: "\n"), a = text.components(separatedBy: "\n")
        let first = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }
        Issue.record("""
            \(name) differs from its golden file (re-record with scripts/record-golden if intended); \
            first difference at line \((first?.offset ?? min(e.count, a.count)) + 1) of \(e.count) / \(a.count):
            expected: \(first?.element.0 ?? "(end)")
            actual:   \(first?.element.1 ?? "(end)")
            diff -u \(url.path) \(actual.path)
            """, sourceLocation: sourceLocation)
    }
}
