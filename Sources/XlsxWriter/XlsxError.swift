import CXlsxWriter

/// An error from libxlsxwriter or from the wrapper's own validation.
///
/// `libraryMessage` is libxlsxwriter's text for the error (`lxw_strerror`) when the
/// library reported it; `request` says what was asked (for example
/// `add worksheet "a/b"`), so the message is useful without a stack trace.
public struct XlsxError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The `lxw_error` value, or `nil` for errors found by the wrapper itself.
    public let code: Int?
    /// libxlsxwriter's message (or the wrapper's explanation).
    public let libraryMessage: String
    /// What was being done.
    public let request: String
    /// Optional hint on how to fix it.
    public let hint: String?

    public init(code: Int?, libraryMessage: String, request: String, hint: String? = nil) {
        self.code = code
        self.libraryMessage = libraryMessage
        self.request = request
        self.hint = hint
    }

    public var description: String {
        var text = "XLSX: cannot \(request): \(libraryMessage)"
        if let hint { text += " (\(hint))" }
        return text
    }

    /// Builds the error for a libxlsxwriter error code.
    static func library(_ error: lxw_error, request: String, hint: String? = nil) -> XlsxError {
        let message: String
        if let cString = lxw_strerror(error) {
            message = String(cString: cString)
        } else {
            message = "libxlsxwriter error \(error.rawValue)"
        }
        return XlsxError(code: Int(error.rawValue), libraryMessage: message, request: request, hint: hint)
    }

    /// An error detected by the wrapper before calling the library.
    static func wrapper(_ message: String, request: String, hint: String? = nil) -> XlsxError {
        XlsxError(code: nil, libraryMessage: message, request: request, hint: hint)
    }

    /// Whether this is the library's error `code`.
    public func isLibraryError(_ error: lxw_error) -> Bool { code == Int(error.rawValue) }
}
