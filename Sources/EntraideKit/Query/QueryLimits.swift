import Foundation
import GRDBSQLite
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The limits of `entraide query` (docs/QUERIES.md, "Limits"): time, memory, temporary
/// storage and the size of one value, so that no query can run away with the machine.
public enum QueryLimits {
    /// Accepted values of `--timeout`, in seconds: more than 0, at most an hour.
    public static let timeoutRange: ClosedRange<Double> = 0...3600
    /// Default `--timeout`.
    public static let defaultTimeout: Double = 10
    /// The memory SQLite may allocate in the query command's process: 1 GiB.
    public static let memoryBytes: Int64 = 1 << 30
    /// The temporary files a query may fill (sorts and temporary tables that outgrow memory): 1 GiB.
    public static let temporaryBytes = 1 << 30
    /// The largest text or blob a query may build (`SQLITE_LIMIT_LENGTH`): 100 MB.
    public static let valueBytes: Int32 = 100_000_000
    /// How long after its deadline a query that SQLite cannot interrupt (one long sort, one
    /// huge value) is given before the command stops anyway.
    public static let stopGraceNanos: UInt64 = 750_000_000

    /// Checks a `--timeout` value: a finite number of seconds in `timeoutRange`, 0 excluded.
    public static func checkTimeout(_ seconds: Double) throws {
        guard seconds.isFinite, seconds > timeoutRange.lowerBound, seconds <= timeoutRange.upperBound else {
            let most = Int(timeoutRange.upperBound)
            throw UserError(.badArgument,
                fr: "--timeout \(format(seconds)) : donnez un nombre de secondes supérieur à 0 et d'au plus \(most) "
                    + "(une heure), par exemple --timeout 60",
                en: "--timeout \(format(seconds)): give a number of seconds more than 0 and at most "
                    + "\(most) (an hour), e.g. --timeout 60")
        }
    }

    /// Caps the memory of SQLite in this process (`sqlite3_hard_heap_limit64`): a query that
    /// needs more fails with SQLITE_NOMEM, reported as a user error. Process-wide, so only the
    /// `query` command sets it, for its own process.
    public static func limitProcessMemory(_ bytes: Int64 = memoryBytes) {
        _ = sqlite3_hard_heap_limit64(bytes)
    }

    /// The bytes on disk of this process's open files that have no name left: the temporary
    /// files of SQLite's sorts and temporary tables, which it unlinks as soon as it opens them
    /// (and those of libxlsxwriter). Read from `/proc/self/fd`; 0 where there is none.
    static func unlinkedFileBytes() -> Int {
        guard let dir = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(dir) }
        let own = dirfd(dir)
        var total = 0
        while let entry = readdir(dir) {
            let fd = withUnsafeBytes(of: entry.pointee.d_name) { raw -> Int32? in
                var n: Int32 = 0
                var any = false
                for byte in raw {
                    if byte == 0 { break }
                    guard byte >= 48 && byte <= 57, n < 100_000_000 else { return nil }
                    n = n * 10 + Int32(byte - 48)
                    any = true
                }
                return any ? n : nil
            }
            guard let fd, fd != own else { continue }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 0 else { continue }
            total += Int(info.st_blocks) * 512
        }
        return total
    }

    /// `2`, `0.5`.
    static func format(_ seconds: Double) -> String {
        seconds.isFinite && seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
    }

    /// The message of a query stopped for its temporary files.
    static let temporaryMessage = Localized(
        fr: "la requête a besoin de plus de \(temporaryBytes >> 30) Gio de fichiers temporaires (pour ses tris et ses "
            + "tables temporaires) et a été arrêtée ; restreignez-la (un WHERE, moins de colonnes, un LIMIT)",
        en: "the query needs more than \(temporaryBytes >> 30) GiB of temporary files (for its sorts "
            + "and temporary tables) and was stopped; narrow it (a WHERE, fewer columns, a LIMIT)")

    /// The message of a query stopped at its time limit.
    static func timeoutMessage(_ seconds: Double) -> Localized {
        Localized(
            fr: "la requête a été arrêtée au bout de sa limite de \(format(seconds)) s ; restreignez-la "
                + "(un WHERE sur un mois, un LIMIT) ou accordez-lui plus de temps avec --timeout SECONDES",
            en: "the query was stopped after its time limit of \(format(seconds)) s; narrow it "
                + "(a WHERE on a month, a LIMIT) or allow more time with --timeout SECONDS")
    }
}

/// A thread that watches a running query. At the deadline it interrupts the statement
/// (`sqlite3_interrupt`, which SQLite honours even where its progress handler is not called,
/// such as between the steps of a sort of large values); every 100 ms it measures the query's
/// temporary files and interrupts it past `QueryLimits.temporaryBytes`. If the query is still
/// running `QueryLimits.stopGraceNanos` after an interrupt, inside work SQLite cannot
/// interrupt, it calls `onOverrun` with the reason (the command line ends the process there).
/// Time spent writing the output (a slow pager) is not the query's: the deadline moves by it,
/// and nothing happens meanwhile.
final class QueryWatchdog: @unchecked Sendable {
    private let connection: ReadOnlyConnection
    private let state: GuardState
    private let onOverrun: (@Sendable (_ temporaryFull: Bool) -> Void)?
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(connection: ReadOnlyConnection, onOverrun: (@Sendable (_ temporaryFull: Bool) -> Void)?) {
        self.connection = connection
        self.state = connection.state
        self.onOverrun = onOverrun
        let thread = Thread { [self] in watch() }
        thread.name = "entraide query watchdog"
        thread.start()
    }

    /// Stops the thread and waits for it: after this the connection may be closed.
    func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        finished.wait()
    }

    private func watch() {
        defer { finished.signal() }
        var interruptedAt: UInt64 = 0
        var tick = 0
        while !stopped.load(ordering: .relaxed) {
            tick += 1
            let now = monotonicNanos()
            let deadline = state.deadline.load(ordering: .relaxed)
            let writing = state.writingSince.load(ordering: .relaxed) != 0
            if interruptedAt != 0 {
                if !writing && now - interruptedAt > QueryLimits.stopGraceNanos, let onOverrun {
                    onOverrun(state.temporaryFull.load(ordering: .relaxed))
                    return
                }
            } else if !writing && deadline != 0 && now > deadline {
                state.timedOut.store(true, ordering: .relaxed)
                connection.interrupt()
                interruptedAt = now
            } else if tick % 5 == 0 && QueryLimits.unlinkedFileBytes() > QueryLimits.temporaryBytes {
                state.temporaryFull.store(true, ordering: .relaxed)
                connection.interrupt()
                interruptedAt = now
            }
            usleep(20_000)
        }
    }
}
