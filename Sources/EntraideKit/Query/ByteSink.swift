import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A large output buffer written to a file descriptor in big chunks with write(2).
/// It records the time spent writing so that a slow reader (a pager) does not count
/// against the query's time limit.
public final class ByteSink {
    private let storage: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private let fd: Int32
    private let closeOnFinish: Bool
    private var closed = false
    /// Nanoseconds spent blocked in write(2).
    public private(set) var nanosWriting: UInt64 = 0
    /// Called after each flush with the nanoseconds it took.
    var onFlush: ((UInt64) -> Void)?
    /// Called before each flush that writes (the query's watchdog pauses meanwhile).
    var onFlushStart: (() -> Void)?

    /// What the messages call the output: nil for standard output, else the file's path.
    private let name: String?

    /// Writes to an open descriptor (for example `STDOUT_FILENO`).
    /// - Parameter name: the file's path for the messages; nil for standard output.
    public init(fileDescriptor: Int32, closeOnFinish: Bool = false, capacity: Int = 1 << 20, name: String? = nil) {
        fd = fileDescriptor
        self.closeOnFinish = closeOnFinish
        self.capacity = max(capacity, 4096)
        self.name = name
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deallocate()
        if closeOnFinish && !closed { close(fd) }
    }

    /// A sink for an output written another way (a workbook): nothing may be appended.
    static func unused() -> ByteSink { ByteSink(fileDescriptor: -1, capacity: 4096, name: "(unused)") }

    @inline(__always)
    public func append(_ byte: UInt8) {
        if count == capacity { try? flushOrDefer() }
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return }
        if count + n <= capacity {
            (storage + count).update(from: base, count: n)
            count += n
        } else {
            appendSlow(base, n)
        }
    }

    private func appendSlow(_ base: UnsafePointer<UInt8>, _ n: Int) {
        var offset = 0
        while offset < n {
            if count == capacity { try? flushOrDefer() }
            let chunk = min(n - offset, capacity - count)
            (storage + count).update(from: base + offset, count: chunk)
            count += chunk
            offset += chunk
        }
    }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// An error from a flush forced by a full buffer in the middle of a row, reported at the
    /// next `flushIfFull`/`flush`.
    private var pendingError: Error?

    private func flushOrDefer() throws {
        do { try flush() } catch {
            pendingError = pendingError ?? error
            count = 0  // drop the bytes: the output is failing anyway
        }
    }

    /// Flushes when the buffer is nearly full; call once per row.
    @inline(__always)
    public func flushIfFull() throws {
        if let pendingError { throw pendingError }
        if count >= capacity - 65536 { try flush() }
    }

    public func flush() throws {
        if let pendingError { throw pendingError }
        guard count > 0 else { return }
        onFlushStart?()
        let start = monotonicNanos()
        var offset = 0
        while offset < count {
            let n = write(fd, storage + offset, count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                count = 0
                guard let name else { throw StandardOutput.failure(code) }
                throw FileSystemError(.write, name, code: code).userError
            }
            offset += n
        }
        count = 0
        let spent = monotonicNanos() - start
        nanosWriting += spent
        onFlush?(spent)
    }

    /// Flushes and, for a sink that opened its file, closes it.
    public func finish() throws {
        try flush()
        if closeOnFinish && !closed {
            closed = true
            if close(fd) != 0 {
                throw FileSystemError(.close, name ?? "standard output", code: errno).userError
            }
        }
    }

    /// Closes the file without flushing (after an error).
    func abandon() {
        count = 0
        if closeOnFinish && !closed {
            closed = true
            close(fd)
        }
    }
}

/// The reader of the output went away (for example `| head`): stop quietly.
public struct OutputClosed: Error {}
