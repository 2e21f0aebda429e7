import ArgumentParser
import EntraideKit

/// `--month 2026-10`: a month written YYYY-MM (`Month`'s one parser).
extension Month: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    public static var defaultCompletionKind: CompletionKind { .default }
}

/// `--lang fr|en`.
extension Language: ExpressibleByArgument {}
