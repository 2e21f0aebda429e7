import Foundation

/// The language of every text the tool writes for a reader (`--lang fr|en`); French by default.
public enum Language: String, Sendable, CaseIterable {
    case fr, en
}

/// A text in both languages: a label or a sentence of the indicator catalogue or a report.
public struct Localized: Sendable, Equatable {
    public var fr: String
    public var en: String

    public init(_ fr: String, _ en: String) {
        self.fr = fr
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .en ? en : fr }
}
