import CXlsxWriter
import Foundation

/// An XLSX file being written. Owns libxlsxwriter's workbook and everything
/// created from it (worksheets, formats, charts); nothing is written to disk
/// before `close()`. Dropping a workbook without closing it discards it.
///
/// Not thread-safe: use a workbook from one task at a time.
public final class Workbook {
    /// Where the file is written by `close()`.
    public let path: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private let numericLocale: CNumericLocale
    private var tmpdirCopy: UnsafeMutablePointer<CChar>?
    private var formatCache: [FormatSpec: Format] = [:]
    private(set) var sheetNames: [String] = []
    /// Explicit table names, lowercased (unique in a workbook).
    var tableNames: Set<String> = []

    /// Opens a workbook that `close()` will write to `path`.
    /// - Parameter tmpdir: directory for libxlsxwriter's temporary files
    ///   (default: the system's temporary directory).
    public init(path: String, tmpdir: String? = nil) throws {
        self.path = path
        let request = "create workbook \"\(path)\""
        guard let locale = CNumericLocale() else {
            throw XlsxError.wrapper("the \"C\" numeric locale is not available", request: request)
        }
        numericLocale = locale
        // The folder by hand: Foundation's `deletingLastPathComponent` traps on a one-character path.
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        var isDirectory: ObjCBool = false
        if !directory.isEmpty,
           !(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw XlsxError(code: Int(LXW_ERROR_CREATING_XLSX_FILE.rawValue),
                            libraryMessage: "the directory \"\(directory)\" does not exist", request: request,
                            hint: "create it first or choose another output path")
        }
        if let tmpdir {
            if !(FileManager.default.fileExists(atPath: tmpdir, isDirectory: &isDirectory) && isDirectory.boolValue) {
                throw XlsxError(code: Int(LXW_ERROR_CREATING_TMPFILE.rawValue),
                                libraryMessage: "the temporary directory \"\(tmpdir)\" does not exist", request: request)
            }
            tmpdirCopy = strdup(cText(tmpdir))
        }
        var options = lxw_workbook_options()
        options.constant_memory = 0
        options.tmpdir = tmpdirCopy
        options.use_zip64 = 0
        let created: UnsafeMutablePointer<lxw_workbook>? = locale.run {
            cText(path).withCString { workbook_new_opt($0, &options) }
        }
        guard let created else {
            throw XlsxError.library(LXW_ERROR_MEMORY_MALLOC_FAILED, request: request)
        }
        handle = created
    }

    deinit {
        if let handle { numericLocale.run { lxw_workbook_free(handle) } }
        free(tmpdirCopy)
    }

    /// Whether `close()` has been called.
    public var isClosed: Bool { handle == nil }

    // MARK: Calling the library

    /// Runs `body` with the open workbook pointer under the "C" numeric locale.
    func withHandle<T>(_ request: @autoclosure () -> String,
                       _ body: (UnsafeMutablePointer<lxw_workbook>) throws -> T) throws -> T {
        guard let handle else {
            throw XlsxError.wrapper("the workbook is already closed", request: request())
        }
        return try numericLocale.run { try body(handle) }
    }

    /// Runs a library call returning `lxw_error` and throws if it failed.
    func check(_ request: @autoclosure () -> String, hint: String? = nil,
               _ body: (UnsafeMutablePointer<lxw_workbook>) -> lxw_error) throws {
        let error = try withHandle(request(), body)
        if error != LXW_NO_ERROR { throw XlsxError.library(error, request: request(), hint: hint) }
    }

    // MARK: Worksheets

    /// Adds a worksheet. Names are 1–31 characters, unique (ignoring case),
    /// without `[ ] : * ? / \` and not starting or ending with an apostrophe.
    public func addWorksheet(_ name: String) throws -> Worksheet {
        let request = "add worksheet \"\(name)\""
        if name.contains("\0") {
            throw XlsxError.wrapper("a sheet name cannot contain a NUL character", request: request)
        }
        if name.isEmpty {
            throw XlsxError.wrapper("a sheet name cannot be empty", request: request)
        }
        // Excel counts UTF-16 units; libxlsxwriter counts characters. Check both.
        if name.utf16.count > 31 {
            throw XlsxError.library(LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED, request: request,
                                    hint: "\(name.utf16.count) characters")
        }
        try check(request) { wb in name.withCString { workbook_validate_sheet_name(wb, $0) } }
        let sheet: UnsafeMutablePointer<lxw_worksheet>? = try withHandle(request) { wb in
            name.withCString { workbook_add_worksheet(wb, $0) }
        }
        guard let sheet else {
            throw XlsxError.wrapper("libxlsxwriter refused the worksheet", request: request)
        }
        sheetNames.append(name)
        return Worksheet(workbook: self, pointer: sheet, name: name)
    }

    // MARK: Formats

    /// The workbook's format for `spec` (created once per distinct spec).
    public func format(_ spec: FormatSpec) throws -> Format {
        if let cached = formatCache[spec] { return cached }
        let request = "add format"
        if let numberFormat = spec.numberFormat, numberFormat.utf8.count >= 128 {
            throw XlsxError.wrapper("a number format is limited to 127 bytes", request: request,
                                    hint: "format \"\(numberFormat)\"")
        }
        if let fontName = spec.fontName, fontName.utf8.count >= 128 {
            throw XlsxError.wrapper("a font name is limited to 127 bytes", request: request)
        }
        let pointer: UnsafeMutablePointer<lxw_format>? = try withHandle(request) { wb in
            guard let f = workbook_add_format(wb) else { return nil }
            spec.apply(to: f)
            return f
        }
        guard let pointer else { throw XlsxError.library(LXW_ERROR_MEMORY_MALLOC_FAILED, request: request) }
        let format = Format(pointer: pointer, owner: ObjectIdentifier(self))
        formatCache[spec] = format
        return format
    }

    func cFormat(_ format: Format?, request: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        guard format.owner == ObjectIdentifier(self) else {
            throw XlsxError.wrapper("the format belongs to another workbook", request: request())
        }
        return format.pointer
    }

    // MARK: Charts

    /// Creates a chart; place it with `Worksheet.insertChart`.
    public func addChart(_ type: ChartType) throws -> Chart {
        let request = "add \(type) chart"
        let pointer: UnsafeMutablePointer<lxw_chart>? = try withHandle(request) { wb in
            workbook_add_chart(wb, UInt8(type.lxwType.rawValue))
        }
        guard let pointer else { throw XlsxError.wrapper("libxlsxwriter refused the chart", request: request) }
        return Chart(workbook: self, pointer: pointer, type: type)
    }

    // MARK: Document properties

    /// Sets the document properties (`docProps/core.xml` and `docProps/app.xml`).
    /// Give `created` for reproducible files: without it the creation time is the
    /// time of `close()`, and two runs differ.
    public func setProperties(title: String? = nil, subject: String? = nil, author: String? = nil,
                              company: String? = nil, keywords: String? = nil, comments: String? = nil,
                              created: Date? = nil) throws {
        let request = "set document properties"
        var strings: [UnsafeMutablePointer<CChar>?] = []
        defer { strings.forEach { free($0) } }
        func dup(_ s: String?) -> UnsafeMutablePointer<CChar>? {
            guard let s else { return nil }
            let p = strdup(cText(s))
            strings.append(p)
            return p
        }
        var properties = lxw_doc_properties()
        properties.title = dup(title)
        properties.subject = dup(subject)
        properties.author = dup(author)
        properties.company = dup(company)
        properties.keywords = dup(keywords)
        properties.comments = dup(comments)
        if let created {
            // 0 means "now" to libxlsxwriter; the epoch itself is nudged by a second.
            let seconds = Int(created.timeIntervalSince1970.rounded(.down))
            properties.created = time_t(seconds == 0 ? 1 : seconds)
        }
        try check(request) { wb in workbook_set_properties(wb, &properties) }
    }

    // MARK: Closing

    /// Writes the file and releases the library's memory. The workbook and all
    /// its worksheets, formats and charts are unusable afterwards, even if this throws.
    public func close() throws {
        let request = "write workbook \"\(path)\""
        guard let handle else {
            throw XlsxError.wrapper("the workbook is already closed", request: request)
        }
        self.handle = nil
        formatCache.removeAll()
        errno = 0
        let error = numericLocale.run { workbook_close(handle) }
        let systemCode = errno
        if error != LXW_NO_ERROR {
            var hint: String? = nil
            if error == LXW_ERROR_CREATING_XLSX_FILE {
                hint = "check that the directory exists and is writable"
            } else if error == LXW_ERROR_CREATING_TMPFILE {
                hint = "check that the temporary directory is writable"
            }
            var failure = XlsxError.library(error, request: request, hint: hint)
            if systemCode != 0 { failure.systemCode = systemCode }
            throw failure
        }
        // libxlsxwriter does not check every write of its temporary files: a full disk there
        // gives a complete zip of truncated sheets, and only errno tells. Never report such a
        // file as written, nor one without the zip's end record.
        if [ENOSPC, EFBIG, EDQUOT, EIO].contains(systemCode) {
            var failure = XlsxError(code: Int(LXW_ERROR_ZIP_FILE_ADD.rawValue),
                                    libraryMessage: "a temporary or output file could not be written in full",
                                    request: request, hint: "is the disk full?")
            failure.systemCode = systemCode
            throw failure
        }
        if !Workbook.endsLikeZip(path) {
            var failure = XlsxError(code: Int(LXW_ERROR_ZIP_CLOSE.rawValue), libraryMessage: "the file written is incomplete",
                                    request: request, hint: "is the disk full?")
            if systemCode != 0 { failure.systemCode = systemCode }
            throw failure
        }
    }

    /// Whether the file ends with a zip's end-of-central-directory record (libxlsxwriter
    /// writes no archive comment, so it is the last 22 bytes); true for a device.
    static func endsLikeZip(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { closeDescriptor(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return false }
        if (status.st_mode & S_IFMT) != S_IFREG { return true }  // a device (/dev/null): nothing to read back
        guard lseek(fd, -22, SEEK_END) >= 0 else { return false }
        var record = [UInt8](repeating: 0, count: 4)
        let n = record.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4) }
        return n == 4 && record == [0x50, 0x4B, 0x05, 0x06]
    }
}

/// `close(2)`, out of reach of `Workbook.close()`'s name.
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

/// Text handed to C: a Swift string may contain NUL, which would silently cut
/// it short; NULs are removed.
func cText(_ s: String) -> String {
    s.contains("\0") ? s.replacingOccurrences(of: "\0", with: "") : s
}
