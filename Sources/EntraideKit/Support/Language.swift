import Foundation

/// The language of every text the tool writes for a reader (`--lang fr|en`); French by default.
public enum Language: String, Sendable, CaseIterable {
    case fr, en

    /// The language of the messages the tool says to its user (errors, warnings, the import
    /// summary, progress, the demo; docs/FORMAT.md, "Messages"): French when the locale is French
    /// (`LC_ALL`, else `LC_MESSAGES`, else `LANG`, the first one set and non-empty, starting with
    /// `fr`), English otherwise (`C`, `POSIX`, `en_GB.UTF-8`, nothing set).
    ///
    ///     Language.ofMessages(["LANG": "fr_FR.UTF-8"])                     // .fr
    ///     Language.ofMessages(["LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"]) // .en
    public static func ofMessages(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("fr") ? .fr : .en
            }
        }
        return .en
    }
}

/// A text in both languages: a label or a sentence of the indicator catalogue or a report.
public struct Localized: Sendable, Equatable {
    public var fr: String
    public var en: String

    public init(_ fr: String, _ en: String) {
        self.fr = fr
        self.en = en
    }

    public init(fr: String, en: String) {
        self.init(fr, en)
    }

    public func text(_ language: Language) -> String { language == .en ? en : fr }

    /// The same text in both languages: a value quoted as is, a path, a message of SQLite.
    public static func verbatim(_ text: String) -> Localized { Localized(text, text) }

    /// Both texts with `other`'s appended (`separator` between them).
    public func appending(_ other: Localized, separator: String = "") -> Localized {
        Localized(fr + separator + other.fr, en + separator + other.en)
    }
}
