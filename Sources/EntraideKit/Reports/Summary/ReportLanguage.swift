import Foundation

/// The language a report is written in (`--lang fr|en`); French by default.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case fr, en

    public var isEnglish: Bool { self == .en }
}
