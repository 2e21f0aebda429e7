import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program in its own process group, its standard output and error captured in files,
/// for at most a time limit: past it, the whole group (a browser and its helpers) is stopped,
/// first with SIGTERM, then with SIGKILL (docs/ARCHITECTURE.md, "Reports/Document").
struct TimedProcess {
    struct Outcome {
        /// The exit status, or nil when a signal ended the program.
        var status: Int32?
        var signal: Int32?
        /// The time limit was reached and the program stopped.
        var timedOut: Bool
        /// What it wrote on its standard output.
        var standardOutput: String
        /// What it wrote on its standard error.
        var output: String
    }

    var executable: String
    var arguments: [String]
    var environment: [String: String]
    /// Seconds.
    var timeLimit: Double

    /// Whether the child `pid` has ended, without reaping it (`WNOWAIT`).
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        while true {
            let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if r == 0 { return info._sifields._sigchld.si_pid == pid }
            if errno != EINTR { return true }  // no such child: nothing left to wait for
        }
    }

    /// Runs the program; its standard output and error go to `stdout.txt` and `stderr.txt` in `folder`.
    func run(in folder: String) throws -> Outcome {
        let outputFile = (folder as NSString).appendingPathComponent("stdout.txt")
        let errorFile = (folder as NSString).appendingPathComponent("stderr.txt")
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Its own process group (pgid = its pid), so that a kill reaches every helper it starts.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw UserError(.fileAccess, fr: "impossible de lancer \(executable) : \(String(cString: strerror(spawned)))",
                            en: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeLimit)
        while !Self.hasExited(pid) {
            if Date() >= deadline {
                timedOut = true
                kill(-pid, SIGTERM)
                let grace = Date().addingTimeInterval(2)
                while !Self.hasExited(pid) && Date() < grace { usleep(20_000) }
                break
            }
            usleep(20_000)
        }
        // The program is a zombie now (or still running past the limit): its process group
        // cannot be another's yet, so this reaches only the helpers it left behind.
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let read = { (path: String) in (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        let signal = status & 0x7f
        return Outcome(status: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
                       timedOut: timedOut, standardOutput: read(outputFile), output: read(errorFile))
    }
}
