import Foundation

/// An error a user can act on: bad input, a bad setting, a bad argument.
/// The command line prints `text` in the user's language (docs/FORMAT.md, "Messages") and exits
/// with status 1. Every message says what to change, in both languages:
///
///     throw UserError(.notFound, fr: "\(path) : fichier introuvable", en: "\(path): file not found")
public struct UserError: Error, CustomStringConvertible, Equatable {
    /// What the user has to fix, for callers and tests that act on it rather than on the wording.
    public enum Kind: Sendable, Equatable {
        /// An export or workbook that cannot be read as one (damaged, misquoted, of no known table).
        case badInput
        /// A settings file, header mapping, report template or named query file that says
        /// something wrong.
        case badSetting
        /// A command-line option or its value (or an environment variable standing for one).
        case badArgument
        /// SQL that `entraide query` refuses or that SQLite cannot run.
        case badQuery
        /// A database this run cannot use as it is: not an entraide database, of another
        /// version, without its pseudonymisation key, or holding values the importer never writes.
        case badDatabase
        /// A file, folder, database, sheet, named query or association that is not there.
        case notFound
        /// A file or folder that cannot be created, read or written (permissions, a full disk).
        case fileAccess
        /// A database another command is using (an import writing) for longer than the tool waits:
        /// try again when it has finished.
        case busy
    }

    public var kind: Kind
    /// The message in both languages.
    public var text: Localized

    /// The message in English (tests, logs); `message(_:)` for the user's language.
    public var message: String { text.en }

    public func message(_ language: Language) -> String { text.text(language) }

    public init(_ kind: Kind, _ text: Localized) {
        self.kind = kind
        self.text = text
    }

    public init(_ kind: Kind, fr: String, en: String) {
        self.init(kind, Localized(fr, en))
    }

    public var description: String { message }
}

/// A failure that is not the user's fault (a bug, a disk full, a library failure).
/// The command line prints it and exits with status 2.
public struct InternalError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
