import EntraideKit
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command line's one way to write to its standard output and standard error. A write to
/// standard output that fails is an error (exit 1, "cannot write to standard output: No space
/// left on device"); a reader that went away (`| head`) ends the command quietly
/// (`OutputClosed`, exit 0). Nothing here can trap, whatever the descriptors are.
enum Console {
    /// The language of every message (docs/FORMAT.md, "Messages"): French under a French locale.
    static let language = Language.ofMessages(ProcessInfo.processInfo.environment)

    /// `text` in the user's language.
    static func say(_ text: Localized) -> String { text.text(language) }

    /// The prefix of an error line: `entraide: error: ` or `entraide : erreur : `.
    static var errorPrefix: String { say(Localized("entraide : erreur : ", "entraide: error: ")) }

    /// The prefix of a bug's line (exit 2): `entraide: internal error: `.
    static var internalErrorPrefix: String { say(Localized("entraide : erreur interne : ", "entraide: internal error: ")) }

    /// Writes `text` to standard output.
    static func out(_ text: String) throws { try StandardOutput.write(text) }

    /// Writes a line to standard output.
    static func line(_ text: String = "") throws { try StandardOutput.write(text + "\n") }

    /// Writes to standard error; a failure is ignored (there is nowhere left to report it).
    static func error(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// Before anything else: a closed pipe becomes EPIPE (not a fatal SIGPIPE), and a closed
    /// standard descriptor is filled with /dev/null, so that no file opened later (an output,
    /// the database) takes its number. Standard output is filled read-only: writes to it still
    /// fail, and say so.
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let filled = open("/dev/null", fd == STDERR_FILENO ? O_WRONLY : O_RDONLY)
            if filled >= 0 && filled != fd {
                _ = dup2(filled, fd)
                _ = close(filled)
            }
        }
    }
}
