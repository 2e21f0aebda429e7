import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` with `name` as this thread's numeric locale (`uselocale`; decimal point and
/// grouping, what number formatting reads), and returns nil when the
/// locale is not installed. Thread-local, so tests running in parallel never see it, unlike
/// `setlocale`, which changes the whole process.
public func withThreadLocale<T>(_ name: String, _ body: () throws -> T) rethrows -> T? {
    guard let locale = newlocale(Int32(1 << LC_NUMERIC), name, nil) else { return nil }
    let previous = uselocale(locale)
    defer {
        uselocale(previous)
        freelocale(locale)
    }
    return try body()
}
