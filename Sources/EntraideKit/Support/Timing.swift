import Foundation

/// With `ENTRAIDE_TIMING=1`, where a command spends its time goes to stderr (docs/PERFORMANCE.md).
/// Each line starts with the seconds since the first line.
enum Timing {
    static let enabled = ProcessInfo.processInfo.environment["ENTRAIDE_TIMING"] == "1"
    private static let start = ContinuousClock.now

    /// Runs `body` and, when enabled, prints how long it took.
    @inline(__always)
    static func measure<T>(_ label: @autoclosure () -> String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = ContinuousClock.now
        let result = try body()
        log("\(label()) \(ContinuousClock.now - start)")
        return result
    }

    static func log(_ line: @autoclosure () -> String) {
        guard enabled else { return }
        let t = (ContinuousClock.now - start).components
        let elapsed = String(format: "%7.3f", Double(t.seconds) + Double(t.attoseconds) / 1e18)
        try? FileHandle.standardError.write(contentsOf: Data("timing: [\(elapsed)] \(line())\n".utf8))  // never traps
    }
}
