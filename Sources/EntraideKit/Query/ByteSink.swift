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
    private var buffer: [UInt8]
    private let fd: Int32
    private let closeOnFinish: Bool
    private let flushThreshold: Int
    /// Nanoseconds spent blocked in write(2).
    public private(set) var nanosWriting: UInt64 = 0
    /// Called after each flush with the nanoseconds it took.
    var onFlush: ((UInt64) -> Void)?

    /// Writes to an open descriptor (for example `STDOUT_FILENO`).
    public init(fileDescriptor: Int32, closeOnFinish: Bool = false, capacity: Int = 1 << 20) {
        fd = fileDescriptor
        self.closeOnFinish = closeOnFinish
        flushThreshold = capacity
        buffer = []
        buffer.reserveCapacity(capacity + 64 * 1024)
    }

    /// Creates (or truncates) a file and writes to it.
    public convenience init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw UserError("\(path): cannot write this file: \(String(cString: strerror(errno)))")
        }
        self.init(fileDescriptor: fd, closeOnFinish: true)
    }

    @inline(__always)
    public func append(_ byte: UInt8) {
        buffer.append(byte)
    }

    @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    @inline(__always)
    public func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    /// Flushes when the buffer is full; call once per row.
    @inline(__always)
    public func flushIfFull() throws {
        if buffer.count >= flushThreshold { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let start = monotonicNanos()
        try buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { throw OutputClosed() }
                    throw UserError("cannot write the output: \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        let spent = monotonicNanos() - start
        nanosWriting += spent
        onFlush?(spent)
    }

    /// Flushes and, for a sink that opened its file, closes it.
    public func finish() throws {
        try flush()
        if closeOnFinish {
            if close(fd) != 0 {
                throw UserError("cannot finish writing the output: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Closes the file without flushing (after an error).
    func abandon() {
        buffer.removeAll()
        if closeOnFinish { close(fd) }
    }
}

/// The reader of the output went away (for example `| head`): stop quietly.
public struct OutputClosed: Error {}
