import Foundation

/// An error a user can act on: bad input, a bad setting, a bad argument.
/// The command line prints `message` and exits with status 1.
public struct UserError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A failure that is not the user's fault (a bug, a disk full, a library failure).
/// The command line prints it and exits with status 2.
public struct InternalError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
