import Foundation

/// Runs `second` on a new thread while `first` runs on this one, and returns both results
/// (the first error thrown, if any, after both have finished). The tool's way of using the
/// machine's second core for two independent jobs; with work that cannot fail it cannot fail.
func concurrently<A, B, Failure: Error>(_ first: () throws(Failure) -> A,
                                        _ second: @escaping @Sendable () throws(Failure) -> B) throws(Failure) -> (A, B) {
    let box = ResultBox<B, Failure>()
    let thread = Thread { box.set(Result { () throws(Failure) -> B in try second() }) }
    thread.stackSize = 4 << 20
    thread.start()
    let firstResult = Result { () throws(Failure) -> A in try first() }
    let secondResult = box.wait()
    return (try firstResult.get(), try secondResult.get())
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
