import Foundation

/// The rejects CSV of `--skip-invalid`: one line per rejected row with its place and reason,
/// and the row's non-personal cells so it can be found and fixed. UTF-8 with BOM, `;`
/// separated, so Excel in French opens it as columns.
final class RejectsWriter {
    let path: String
    private let handle: FileHandle
    private var buffer = Data()

    static func defaultPath(besideDatabase db: String, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let dir = URL(fileURLWithPath: db).deletingLastPathComponent()
        return dir.appendingPathComponent("rejets-\(formatter.string(from: now)).csv").path
    }

    init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path) else {
            throw UserError(.fileAccess, "\(path): cannot create the rejects file")
        }
        handle = h
        buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
        write(["fichier", "ligne", "colonne", "motif", "contenu"])
    }

    func write(_ fields: [String]) {
        let line = fields.map(RejectsWriter.quote).joined(separator: ";") + "\r\n"
        buffer.append(contentsOf: line.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    private func flush() {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
    }

    static func quote(_ value: String) -> String {
        // A cell starting like a formula would run as one in a spreadsheet: make it text.
        var s = value
        if let first = s.first, "=+-@".contains(first), Double(s) == nil { s = "'" + s }
        guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
