import Foundation
import Testing

/// Runs the built `entraide` executable as a user would, in a fixed environment (French
/// locale with the messages in English, UTC process time zone, no inherited variables such as
/// `ENTRAIDE_DB` or `SOURCE_DATE_EPOCH`).
enum EntraideCommand {
    struct Result { var status: Int32; var out: String; var err: String }

    /// French for everything but the messages (`LC_MESSAGES` comes before `LANG`), which tests
    /// read in English; `french` and `english` (`LC_ALL`) choose the messages' language.
    static let environment = ["PATH": "/usr/bin:/bin", "LANG": "fr_FR.UTF-8", "LC_MESSAGES": "C.UTF-8", "TZ": "UTC"]

    /// Messages in French, as under a French desktop (`LC_ALL=fr_FR.UTF-8`).
    static let french = ["LC_ALL": "fr_FR.UTF-8"]

    /// Messages in English (`LC_ALL=C.UTF-8`), whatever `LANG` says.
    static let english = ["LC_ALL": "C.UTF-8"]

    /// The executable built beside the test bundle (`swift build --build-tests` builds both).
    static let executable: URL? = {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("entraide")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static func run(_ arguments: [String], in dir: URL) throws -> Result {
        guard let executable else {
            throw NoExecutable()
        }
        return try run(executable, arguments, in: dir)
    }

    /// Runs the executable with `extra` added to (or replacing variables of) `environment`:
    /// `run(["import", "x.csv"], in: dir, environment: EntraideCommand.french)`.
    static func run(_ arguments: [String], in dir: URL, environment extra: [String: String]) throws -> Result {
        guard let executable else {
            throw NoExecutable()
        }
        return try run(executable, arguments, in: dir, environment: environment.merging(extra) { _, new in new })
    }

    /// Runs the executable through `/bin/sh -c`, with `setup` run first (`ulimit -f 64`,
    /// `trap '' XFSZ`) and `redirect` applied to it (`>/dev/full`, `>&-`): faults a test cannot
    /// cause otherwise without root. `ulimit -f` counts 512-byte blocks.
    static func run(_ arguments: [String], in dir: URL, setup: String = "", redirect: String = "") throws -> Result {
        guard let executable else {
            throw NoExecutable()
        }
        return try run(URL(fileURLWithPath: "/bin/sh"),
                       ["-c", "\(setup)\nexec \"$0\" \"$@\" \(redirect)", executable.path] + arguments, in: dir)
    }

    private static func run(_ executable: URL, _ arguments: [String], in dir: URL,
                            environment: [String: String] = environment) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = dir
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is read on another thread so that neither pipe can fill up and block.
        let errors = Collected(), done = DispatchSemaphore(value: 0), errorHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errors.data = errorHandle.readDataToEndOfFile()
            done.signal()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        let e = errors.data
        return Result(status: process.terminationStatus, out: String(decoding: o, as: UTF8.self),
                      err: String(decoding: e, as: UTF8.self))
    }

    private final class Collected: @unchecked Sendable { var data = Data() }

    struct NoExecutable: Error, CustomStringConvertible {
        var description: String { "no entraide executable beside the tests: build it first (swift build --build-tests)" }
    }
}
