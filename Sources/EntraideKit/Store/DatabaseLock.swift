import Foundation

/// An import's hold on its database file, for the whole run: the file opened — created
/// exclusively (`O_EXCL`) when absent — and locked with `flock(2)`, so that the imports of one
/// database run one after the other, and a run knows whether the file is its own to remove:
/// created by it, still empty when it got the lock (nobody wrote to it in between), and still the
/// file at that path (a failed run that created it may have removed it while this one waited).
///
/// `flock` locks are independent of SQLite's own (`fcntl`) locks. But closing any descriptor of
/// the file drops every `fcntl` lock the process holds on it: `unlock()` comes after SQLite's
/// connection is closed (or idle, holding none).
final class DatabaseLock {
    let path: String
    /// This run created the file, and nothing had written to it when the lock was taken.
    let created: Bool
    private var descriptor: Int32

    /// Opens (or creates) and locks `path`, waiting up to `timeout` seconds for another
    /// import to finish. Throws a `UserError`: busy, read-only, a folder, no such folder.
    init(path: String, timeout: TimeInterval) throws {
        self.path = path
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            var createdNow = true
            var fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 && errno == EEXIST {
                createdNow = false
                fd = open(path, O_RDWR | O_CLOEXEC)
                if fd < 0 && errno == ENOENT && Date() < deadline { continue }  // removed in between
            }
            guard fd >= 0 else { throw DatabaseFile.cannotOpen(path, errno: errno) }
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let failure = errno
                guard failure == EWOULDBLOCK || failure == EINTR else {
                    close(fd)
                    let reason = String(cString: strerror(failure))
                    throw UserError(.fileAccess, fr: "\(path) : impossible de verrouiller la base : \(reason)",
                                    en: "\(path): cannot lock the database: \(reason)")
                }
                guard Date() < deadline else {
                    close(fd)
                    throw DatabaseFailure.busy(path)
                }
                usleep(10_000)
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0 && stat(path, &named) == 0
                && held.st_dev == named.st_dev && held.st_ino == named.st_ino {
                descriptor = fd
                created = createdNow && held.st_size == 0
                return
            }
            // The file this run waited for is gone or replaced: start again with what is there now.
            close(fd)
            guard Date() < deadline else { throw DatabaseFailure.busy(path) }
        }
    }

    deinit { unlock() }

    /// True while the lock is held on the file still at `path`.
    private var holdsTheFileAtPath: Bool {
        var held = stat(), named = stat()
        return descriptor >= 0 && fstat(descriptor, &held) == 0 && stat(path, &named) == 0
            && held.st_dev == named.st_dev && held.st_ino == named.st_ino
    }

    /// Removes the database file and what SQLite keeps beside it, when this run created it and
    /// it is still the file this run holds. Call it before `unlock()`, with SQLite's connection
    /// closed.
    func removeCreatedFile() {
        guard created, holdsTheFileAtPath else { return }
        for suffix in ["-journal", "-wal", "-shm"] { unlink(path + suffix) }
        unlink(path)
    }

    /// Releases the lock (another import waiting for it then finds the file, or its absence).
    func unlock() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }
}
