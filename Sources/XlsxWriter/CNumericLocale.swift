#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// libxlsxwriter formats doubles with `snprintf`, which follows the thread's
/// `LC_NUMERIC` (a French locale would write `1,5`, making the file invalid).
/// Every call into the library runs with a per-thread "C" numeric locale
/// (`uselocale`), and the caller's locale is restored afterwards. The process
/// locale (`setlocale`) is never changed.
final class CNumericLocale {
    private let locale: locale_t

    init?() {
        guard let locale = newlocale(Int32(1 << LC_NUMERIC), "C", nil) else { return nil }
        self.locale = locale
    }

    func run<T>(_ body: () throws -> T) rethrows -> T {
        let previous = uselocale(locale)
        defer {
            if let previous { uselocale(previous) }
        }
        return try body()
    }

    deinit { freelocale(locale) }
}
