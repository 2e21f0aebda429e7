import Foundation

/// The rejects CSV of `--skip-invalid`: one line per rejected row with its place and reason,
/// and the row's non-personal cells so it can be found and fixed. UTF-8 with BOM, `;`
/// separated, so Excel in French opens it as columns. Written through `OutputFile` (owner-only,
/// to a temporary name): never onto the database, its key or an input, and put in place only
/// when the import commits.
final class RejectsWriter {
    let path: String
    private let file: OutputFile
    private var buffer: [UInt8] = []
    /// Bytes already written to the file (before `buffer`).
    private var flushed = 0
    /// Set while a file may be read again (`mark`): its lines may have to be taken back.
    private var holding = false

    static func defaultPath(besideDatabase db: String, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let dir = URL(fileURLWithPath: db).deletingLastPathComponent()
        return dir.appendingPathComponent("rejets-\(formatter.string(from: now)).csv").path
    }

    /// - Parameter option: the option that named the path (`--rejects`), nil for the default path.
    init(path: String, option: String?, policy: OutputPolicy) throws {
        self.path = path
        file = try OutputFile(path, option: option, policy: policy, mode: 0o600)
        buffer.reserveCapacity(1 << 16 + 4096)
        buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
        try write(["fichier", "ligne", "colonne", "motif", "contenu"])
    }

    func write(_ fields: [String]) throws {
        let line = fields.map(RejectsWriter.quote).joined(separator: ";") + "\r\n"
        buffer.append(contentsOf: line.utf8)
        // Written in place (a pipe), lines that may be taken back stay in memory.
        if buffer.count > 1 << 16 && !(holding && file.writesInPlace) { try flush() }
    }

    private func flush() throws {
        try file.write(buffer)
        flushed += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Where the file stands, before a file of the import that may be read again
    /// (`ImportRun+DateOrder.swift`); `release()` when it will not.
    func mark() -> Int {
        holding = true
        return flushed + buffer.count
    }

    func release() { holding = false }

    /// Takes back the lines written since `mark`.
    func rewind(to mark: Int) throws {
        if mark >= flushed {
            buffer.removeSubrange(min(mark - flushed, buffer.count)...)
            return
        }
        buffer.removeAll(keepingCapacity: true)
        guard ftruncate(file.descriptor, off_t(mark)) == 0, lseek(file.descriptor, off_t(mark), SEEK_SET) >= 0 else {
            throw UserError(.fileAccess, fr: "\(path) : impossible de reprendre l'écriture du fichier des lignes rejetées",
                            en: "\(path): cannot rewrite the rejects file")
        }
        flushed = mark
    }

    /// Writes what is buffered and flushes it to disk, so that a full disk fails the import
    /// before it commits.
    func flushToDisk() throws {
        try flush()
        try file.flushToDisk()
    }

    /// Puts the file in place (after the import committed).
    func commit() throws {
        try flush()
        try file.commit()
    }

    /// Removes the temporary file: no rejects file, any older one untouched.
    func discard() { file.discard() }

    static func quote(_ value: String) -> String {
        // A cell starting like a formula would run as one in a spreadsheet: make it text.
        var s = value
        if let first = s.first, "=+-@".contains(first), Double(s) == nil { s = "'" + s }
        guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
