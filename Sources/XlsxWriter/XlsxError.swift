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
    /// The system's error number (errno) behind a failure to write the file, when known:
    /// libxlsxwriter's own message does not say "No space left on device".
    public var systemCode: Int32?

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
    func isLibraryError(_ error: lxw_error) -> Bool { code == Int(error.rawValue) }

    /// Broad classes of errors, for callers that react differently to them.
    public enum Kind: Hashable, Sendable {
        /// Bad characters, empty, or starts/ends with an apostrophe.
        case invalidSheetName
        case sheetNameTooLong
        case duplicateSheetName
        /// A row or column outside the sheet.
        case cellOutOfRange
        /// A string or parameter longer than Excel allows.
        case textTooLong
        /// The output file or a temporary file could not be created or written.
        case fileNotWritable
        /// The workbook was already closed.
        case closed
        /// Any other refusal (invalid parameter, overlap, NaN…).
        case invalidRequest
    }

    public var kind: Kind {
        guard let code else {
            return libraryMessage.hasSuffix("already closed") ? .closed
                : request.hasPrefix("add worksheet") ? .invalidSheetName : .invalidRequest
        }
        switch code {
        case Int(LXW_ERROR_INVALID_SHEETNAME_CHARACTER.rawValue),
             Int(LXW_ERROR_SHEETNAME_START_END_APOSTROPHE.rawValue): return .invalidSheetName
        case Int(LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED.rawValue): return .sheetNameTooLong
        case Int(LXW_ERROR_SHEETNAME_ALREADY_USED.rawValue): return .duplicateSheetName
        case Int(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE.rawValue): return .cellOutOfRange
        case Int(LXW_ERROR_32_STRING_LENGTH_EXCEEDED.rawValue), Int(LXW_ERROR_128_STRING_LENGTH_EXCEEDED.rawValue),
             Int(LXW_ERROR_255_STRING_LENGTH_EXCEEDED.rawValue), Int(LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED.rawValue):
            return .textTooLong
        case Int(LXW_ERROR_CREATING_XLSX_FILE.rawValue), Int(LXW_ERROR_CREATING_TMPFILE.rawValue),
             Int(LXW_ERROR_READING_TMPFILE.rawValue), Int(LXW_ERROR_ZIP_FILE_OPERATION.rawValue),
             Int(LXW_ERROR_ZIP_FILE_ADD.rawValue), Int(LXW_ERROR_ZIP_CLOSE.rawValue):
            return .fileNotWritable
        default: return .invalidRequest
        }
    }
}
