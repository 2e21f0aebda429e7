import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The one output-path policy (docs/SECURITY.md): every file a command writes is checked by
// `OutputPolicy` (never the database, its key, its journals, an input of the command or a
// folder), written by `OutputFile` to a temporary name in the same folder, flushed to disk
// and renamed into place; a failure removes the temporary file and leaves any previous file
// as it was. The system calls are behind `SystemFile`, which turns errno into `FileSystemError`.

/// A system call on a file that failed: which one, on which path, and errno.
public struct FileSystemError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Operation: String, Sendable {
        case create, write, read, sync, close, rename, makeFolder, inspect
        /// The verb of the message: "cannot write rapports/x.xlsx: …", « impossible d'écrire … ».
        var verb: Localized {
            switch self {
            case .create: Localized("impossible de créer", "cannot create")
            case .write, .sync, .close: Localized("impossible d'écrire", "cannot write")
            case .read, .inspect: Localized("impossible de lire", "cannot read")
            case .rename: Localized("impossible de mettre en place", "cannot put in place")
            case .makeFolder: Localized("impossible de créer le dossier", "cannot create the folder")
            }
        }
    }

    public let operation: Operation
    /// The path as the user named it.
    public let path: String
    /// The errno value.
    public let code: Int32

    public init(_ operation: Operation, _ path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// The system's text for the error (`strerror`): "No space left on device".
    public var reason: String { String(cString: strerror(code)) }

    /// The same in French for the errors a user meets (the system's text otherwise).
    public var frenchReason: String {
        switch code {
        case ENOENT: "fichier ou dossier introuvable"
        case EACCES, EPERM: "permission refusée"
        case ENOSPC: "plus de place sur le disque"
        case EDQUOT: "quota de disque dépassé"
        case EFBIG: "fichier trop grand"
        case EROFS: "disque en lecture seule"
        case ENOTDIR: "une partie du chemin n'est pas un dossier"
        case EISDIR: "c'est un dossier"
        case ENAMETOOLONG: "nom trop long"
        case EEXIST: "existe déjà"
        default: reason
        }
    }

    /// What the user can do about it.
    public var advice: Localized {
        switch code {
        case ENOSPC, EDQUOT, EFBIG:
            Localized("le disque est plein ou le fichier dépasse la taille permise : libérez de la place ou écrivez "
                      + "ailleurs, et relancez la commande",
                      "the disk is full or the file is larger than allowed: free some space or write elsewhere, "
                      + "and run the command again")
        case EACCES, EPERM: Localized("vérifiez les droits du dossier, ou choisissez un autre endroit",
                                      "check the permissions of the folder, or choose another place")
        case EROFS: Localized("ce disque est en lecture seule : choisissez un autre endroit",
                              "this disk is read-only: choose another place")
        case ENOENT where operation == .read || operation == .inspect:
            Localized("ce fichier n'existe pas : vérifiez son chemin et son nom",
                      "this file does not exist: check its path and its name")
        case ENOENT: Localized("un dossier de ce chemin n'existe pas : créez-le d'abord ou choisissez un autre endroit",
                               "a folder of this path does not exist: create it first or choose another place")
        case ENOTDIR: Localized("une partie de ce chemin est un fichier, pas un dossier : choisissez un autre endroit",
                                "a part of this path is a file, not a folder: choose another place")
        case EISDIR: Localized("c'est un dossier : donnez un nom de fichier", "this is a folder: give a file name")
        case ENAMETOOLONG: Localized("choisissez un nom plus court", "choose a shorter name")
        case EEXIST: Localized("un fichier de ce nom est dans le chemin : déplacez-le ou choisissez un autre endroit",
                               "a file of this name is in the way: move it or choose another place")
        default: Localized("vérifiez le disque et le chemin, et relancez la commande",
                           "check the disk and the path, and run the command again")
        }
    }

    /// The message in both languages (the system's reason, `strerror`, as the system gives it).
    public var text: Localized {
        Localized(fr: "\(operation.verb.fr) \(path) : \(frenchReason) ; \(advice.fr)",
                  en: "\(operation.verb.en) \(path): \(reason); \(advice.en)")
    }

    public var description: String { text.en }

    /// The error as the command line shows it (exit 1).
    public var userError: UserError { UserError(.fileAccess, text) }
}

/// The system calls on files, retried on EINTR, every failure a `FileSystemError` naming
/// `name` (the path as the user wrote it) rather than the path actually used.
enum SystemFile {
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644, name: String? = nil,
                     operation: FileSystemError.Operation = .create) throws -> Int32 {
        while true {
            let fd = Glibc_open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw FileSystemError(operation, name ?? path, code: errno) }
        }
    }

    /// Writes all of `bytes`.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, name: String) throws {
        guard var base = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Glibc_write(fd, base, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(.write, name, code: errno)
            }
            base += n
            left -= n
        }
    }

    static func sync(_ fd: Int32, name: String) throws {
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            // A folder or a special file that cannot be synced is no failure of the write.
            if errno == EINVAL || errno == EROFS { return }
            throw FileSystemError(.sync, name, code: errno)
        }
    }

    static func close(_ fd: Int32, name: String) throws {
        if Glibc_close(fd) != 0 && errno != EINTR { throw FileSystemError(.close, name, code: errno) }
    }

    static func rename(_ from: String, _ to: String, name: String) throws {
        if Glibc_rename(from, to) != 0 { throw FileSystemError(.rename, name, code: errno) }
    }

    /// The whole content of a (small) file, such as a template. With `limit`, reading stops
    /// once more than `limit` bytes are read (a pipe or `/dev/zero` given by mistake): the caller
    /// sees more than `limit` bytes and refuses the file.
    static func readAll(_ path: String, name: String, limit: Int? = nil) throws -> Data {
        let fd = try open(path, O_RDONLY, name: name, operation: .read)
        defer { _ = Glibc_close(fd) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(.read, name, code: errno)
            }
            if n == 0 { return data }
            data.append(contentsOf: chunk[0..<n])
            if let limit, data.count > limit { return data }
        }
    }

    /// Removes a file; a failure is ignored (clean-up after another error).
    static func remove(_ path: String) { _ = unlink(path) }

    /// `stat` of the file `path` leads to (following symbolic links), or nil when there is none.
    static func status(_ path: String) -> stat? {
        var s = stat()
        return stat(path, &s) == 0 ? s : nil
    }

    /// The absolute path with every symbolic link, `.` and `..` resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Flushes a folder's entries (a rename into it) to disk; best effort.
    static func syncFolder(_ path: String) {
        guard let fd = try? open(path, O_RDONLY | O_DIRECTORY, operation: .inspect) else { return }
        try? sync(fd, name: path)
        _ = Glibc_close(fd)
    }

    /// Creates a folder and its missing parents (`mkdir -p`).
    static func makeFolders(_ path: String, name: String) throws {
        if let s = status(path) {
            if (s.st_mode & S_IFMT) == S_IFDIR { return }
            throw FileSystemError(.makeFolder, name, code: ENOTDIR)
        }
        let parent = parent(path)
        if !parent.isEmpty && parent != path { try makeFolders(parent, name: name) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
            throw FileSystemError(.makeFolder, name, code: errno)
        }
    }
}

// The C functions under names that the methods above do not shadow.
private func Glibc_open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
private func Glibc_close(_ fd: Int32) -> Int32 { close(fd) }
private func Glibc_rename(_ a: String, _ b: String) -> Int32 { rename(a, b) }

/// Where a command must never write: the database, its key and journals, the files it reads.
public struct OutputPolicy: Sendable {
    struct Guarded: Sendable {
        var path: String
        /// "is the database itself", "is an input of this command (demandes.csv)".
        var what: Localized
        var consequence: Localized
    }

    var guarded: [Guarded] = []

    /// A policy that guards nothing but folders (an output is never a folder).
    public init() {}

    /// Guards the database (with its key, `-journal`, `-wal` and `-shm`) and the given inputs.
    public init(database: String?, inputs: [String] = []) {
        if let database { protectDatabase(database) }
        protectInputs(inputs)
    }

    public mutating func protectDatabase(_ path: String) {
        guard !path.isEmpty else { return }
        guarded.append(Guarded(path: path, what: Localized("est la base elle-même", "is the database itself"),
                               consequence: Self.destroyed))
        guarded.append(Guarded(path: Pseudonymizer.keyPath(forDatabase: path),
                               what: Localized("est la clé de pseudonymisation de la base",
                                               "is the database's pseudonymisation key"),
                               consequence: Localized("y écrire la perdrait, et avec elle le pseudonyme de chaque habitant",
                                                      "writing there would lose it, and with it every resident's pseudonym")))
        for suffix in ["-journal", "-wal", "-shm"] {
            let kind = suffix.dropFirst()
            guarded.append(Guarded(path: path + suffix,
                                   what: Localized("est le fichier \(kind) de la base", "is the database's \(kind) file"),
                                   consequence: Localized("SQLite le lirait comme une partie de la base",
                                                          "SQLite would read it as part of the database")))
        }
    }

    public mutating func protectInputs(_ paths: [String]) {
        for path in paths where !path.isEmpty {
            guarded.append(Guarded(path: path,
                                   what: Localized("est un fichier lu par cette commande (\(path))",
                                                   "is an input of this command (\(path))"),
                                   consequence: Self.destroyed))
        }
    }

    private static let destroyed = Localized("y écrire le détruirait", "writing there would destroy it")

    /// Where to write `path`: the file its symbolic links lead to, or, for a new file, the
    /// name in its resolved folder. Throws a `UserError` when `path` must not be written.
    /// - Parameter option: the option that named it (`--output`), for the messages.
    func resolve(_ path: String, option: String?) throws -> (target: String, folder: String) {
        let label = option.map { "\($0) \(path)" } ?? path
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw UserError(.badArgument, fr: "\(label) : donnez un nom de fichier", en: "\(label): give a file name")
        }
        guard let target = Self.canonical(path) else {
            // The folder is missing or is a file.
            let folder = SystemFile.parent(path)
            var code = ENOENT
            if let s = SystemFile.status(folder.isEmpty ? "." : folder), (s.st_mode & S_IFMT) != S_IFDIR { code = ENOTDIR }
            let reason = String(cString: strerror(code))
            throw UserError(.fileAccess,
                fr: "impossible de créer \(label) : \(reason) ; le dossier \(folder) doit exister : créez-le d'abord "
                    + "ou choisissez un autre endroit",
                en: "cannot create \(label): \(reason); "
                    + "the folder \(folder) must exist: create it first or choose another place")
        }
        let folder = SystemFile.parent(target)
        if let s = SystemFile.status(folder), (s.st_mode & S_IFMT) != S_IFDIR {
            let reason = String(cString: strerror(ENOTDIR))
            throw UserError(.fileAccess,
                fr: "impossible de créer \(label) : \(reason) ; \(SystemFile.parent(path)) est un fichier, "
                    + "pas un dossier : choisissez un autre endroit",
                en: "cannot create \(label): \(reason); "
                    + "\(SystemFile.parent(path)) is a file, not a folder: choose another place")
        }
        let existing = SystemFile.status(target)
        if let existing, (existing.st_mode & S_IFMT) == S_IFDIR {
            let example = (path as NSString).appendingPathComponent("resultat.csv")
            throw UserError(.badArgument,
                fr: "\(label) est un dossier ; donnez un nom de fichier, par exemple \(example)",
                en: "\(label) is a folder; give a file name, for example \(example)")
        }
        for g in guarded {
            var same = Self.canonical(g.path) == target
            if !same, let existing, let other = SystemFile.status(g.path) {
                same = existing.st_dev == other.st_dev && existing.st_ino == other.st_ino
            }
            if same {
                throw UserError(.badArgument,
                    fr: "\(label) \(g.what.fr) ; \(g.consequence.fr) : choisissez un autre fichier",
                    en: "\(label) \(g.what.en); \(g.consequence.en): choose another file")
            }
        }
        return (target, folder)
    }

    /// The absolute, link-free path of `path`, or of its folder joined with its name when the
    /// file does not exist yet; nil when the folder does not exist.
    static func canonical(_ path: String) -> String? {
        if let real = SystemFile.realPath(path) { return real }
        let name = (path as NSString).lastPathComponent
        let folder = SystemFile.parent(path)
        guard name != "." && name != "..", let real = SystemFile.realPath(folder.isEmpty ? "." : folder) else { return nil }
        return (real as NSString).appendingPathComponent(name)
    }
}

/// A file written whole or not at all: bytes go to a new temporary file beside the target
/// (created with O_EXCL), and `commit()` flushes it to disk and renames it over the target.
/// Dropped or `discard()`ed before `commit()`, the temporary file is removed and the target
/// is untouched.
///
/// A target that exists and is no regular file (`/dev/null`, `/dev/stdout`, a named pipe) is
/// written in place: there is nothing to keep whole, and renaming over it would replace the
/// device or pipe itself by a file.
public final class OutputFile {
    /// The path as the user named it (the messages use it).
    public let path: String
    /// The file written in the end (symbolic links followed).
    let target: String
    let folder: String
    /// Where the bytes go until `commit()`.
    public let temporaryPath: String
    /// The temporary file's descriptor; -1 once handed over or done.
    public private(set) var descriptor: Int32
    /// Written straight to the target, a device or a pipe (then `temporaryPath` is the target).
    public let writesInPlace: Bool
    private var finished = false

    /// Checks `path` against `policy` and creates the temporary file.
    /// - Parameters:
    ///   - option: the option that named the path (`--output`), for the messages.
    ///   - mode: 0644, or 0600 for a file that may hold what others should not read.
    public init(_ path: String, option: String? = nil, policy: OutputPolicy = OutputPolicy(),
                mode: mode_t = 0o644) throws {
        self.path = path
        (target, folder) = try policy.resolve(path, option: option)
        let label = option.map { "\($0) \(path)" } ?? path
        if let existing = SystemFile.status(target), (existing.st_mode & S_IFMT) != S_IFREG {
            do {
                descriptor = try SystemFile.open(target, O_WRONLY, name: label)
            } catch let error as FileSystemError {
                throw error.userError
            }
            temporaryPath = target
            writesInPlace = true
            return
        }
        writesInPlace = false
        let name = (target as NSString).lastPathComponent
        var attempt = 0
        while true {
            let candidate = (folder as NSString).appendingPathComponent(
                ".\(name).\(String(UInt32.random(in: 0...UInt32.max), radix: 16)).partial")
            do {
                descriptor = try SystemFile.open(candidate, O_WRONLY | O_CREAT | O_EXCL, mode: mode, name: label)
                temporaryPath = candidate
                break
            } catch let error as FileSystemError where error.code == EEXIST && attempt < 20 {
                attempt += 1
            } catch let error as FileSystemError {
                throw error.userError
            }
        }
    }

    deinit { discard() }

    /// Appends bytes; a failure (a full disk) is a `UserError` naming the file.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(descriptor >= 0, "OutputFile.write after it was handed over or finished")
        do { try SystemFile.write(descriptor, bytes, name: path) } catch let error as FileSystemError {
            throw error.userError
        }
    }

    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Closes the descriptor and returns the temporary path, for a library that writes the
    /// file by its name (libxlsxwriter); `commit()` then flushes and renames what it wrote.
    /// A workbook is a zip written with seeks: not to a pipe.
    public func handOver() throws -> String {
        if writesInPlace, let s = SystemFile.status(target), (s.st_mode & S_IFMT) == S_IFIFO || (s.st_mode & S_IFMT) == S_IFSOCK {
            throw UserError(.badArgument,
                fr: "\(path) est un tube ; un classeur ne peut pas y être écrit : donnez un fichier",
                en: "\(path) is a pipe; a workbook cannot be written to one: give a file")
        }
        if descriptor >= 0 { _ = Glibc_close(descriptor); descriptor = -1 }
        return temporaryPath
    }

    /// Flushes the bytes to disk (without renaming yet), so that a full disk shows now.
    public func flushToDisk() throws {
        if writesInPlace { return }
        do {
            if descriptor < 0 { descriptor = try SystemFile.open(temporaryPath, O_RDONLY, name: path, operation: .write) }
            try SystemFile.sync(descriptor, name: path)
        } catch let error as FileSystemError {
            throw error.userError
        }
    }

    /// Flushes the file to disk and renames it over the target; on failure the temporary file
    /// is removed and the target is as it was.
    public func commit() throws {
        guard !finished else { return }
        if writesInPlace {
            finished = true
            let fd = descriptor
            descriptor = -1
            if fd >= 0 {
                do { try SystemFile.close(fd, name: path) } catch let error as FileSystemError { throw error.userError }
            }
            return
        }
        do {
            try flushToDisk()
            let fd = descriptor
            descriptor = -1
            try SystemFile.close(fd, name: path)
            try SystemFile.rename(temporaryPath, target, name: path)
            finished = true
            SystemFile.syncFolder(folder)
        } catch let error as FileSystemError {
            discard()
            throw error.userError
        } catch {
            discard()
            throw error
        }
    }

    /// Removes the temporary file; the target stays as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { _ = Glibc_close(descriptor); descriptor = -1 }
        if !writesInPlace { SystemFile.remove(temporaryPath) }
    }

    /// Writes `text` to `path` whole or not at all.
    public static func write(_ text: String, to path: String, option: String? = nil,
                             policy: OutputPolicy = OutputPolicy(), mode: mode_t = 0o644) throws {
        let file = try OutputFile(path, option: option, policy: policy, mode: mode)
        try file.write(text)
        try file.commit()
    }
}

/// A folder a command writes its files into (`report --out`, `sample --out`, `demo --out`).
public enum OutputFolder {
    /// Creates `path` and its missing parents; refuses a file. Errors say what failed and why.
    /// - Parameter option: the option that named it (`--out`), for the messages.
    public static func create(_ path: String, option: String? = "--out") throws {
        let label = option.map { "\($0) \(path)" } ?? path
        if let s = SystemFile.status(path), (s.st_mode & S_IFMT) != S_IFDIR {
            throw UserError(.badArgument, fr: "\(label) est un fichier ; donnez un dossier",
                            en: "\(label) is a file; give a folder")
        }
        do { try SystemFile.makeFolders(path, name: path) } catch let error as FileSystemError {
            throw error.userError
        }
    }
}

/// Writing to standard output: a reader that went away (`| head`) is `OutputClosed`, any other
/// failure (`> /dev/full`, a closed descriptor) a `UserError` saying so.
public enum StandardOutput {
    public static func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    public static func write(_ bytes: UnsafeRawBufferPointer) throws {
        do { try SystemFile.write(STDOUT_FILENO, bytes, name: "standard output") } catch let error as FileSystemError {
            throw failure(error.code)
        }
    }

    /// The error for a failed write to standard output with this errno.
    public static func failure(_ code: Int32) -> Error {
        code == EPIPE ? OutputClosed()
            : UserError(.fileAccess, fr: "impossible d'écrire sur la sortie standard : \(String(cString: strerror(code)))",
                        en: "cannot write to standard output: \(String(cString: strerror(code)))")
    }
}

extension SystemFile {
    /// The folder part of a path as written (`a/b` → `a`, `b` → ``, `/b` → `/`), computed by hand:
    /// Foundation's `NSString.deletingLastPathComponent` traps on one-character paths (`r`, `r/`).
    static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
