import Foundation

/// Runs `second` on a new thread while `first` runs on this one, and returns both results
/// (the first error thrown, if any, after both have finished). The tool's way of using the
/// machine's second core for two independent read-only jobs.
func concurrently<A, B>(_ first: () throws -> A, _ second: @escaping @Sendable () throws -> B) throws -> (A, B) {
    let box = ResultBox<B, Error>()
    let thread = Thread { box.set(Result { try second() }) }
    thread.stackSize = 4 << 20
    thread.start()
    let firstResult = Result { try first() }
    let secondResult = box.wait()
    return (try firstResult.get(), try secondResult.get())
}

/// The same for work that cannot fail.
func concurrently<A, B>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
    let box = ResultBox<B, Never>()
    let thread = Thread { box.set(.success(second())) }
    thread.stackSize = 4 << 20
    thread.start()
    let a = first()
    switch box.wait() {
    case .success(let b): return (a, b)
    }
}

/// Hands a result from a worker thread back to the caller.
private final class ResultBox<T, Failure: Error>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<T, Failure>?

    func set(_ r: Result<T, Failure>) {
        condition.lock()
        result = r
        condition.signal()
        condition.unlock()
    }

    func wait() -> Result<T, Failure> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
