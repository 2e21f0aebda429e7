import Crypto
import Foundation

/// Derives the pseudonymous resident identity of docs/FORMAT.md: HMAC-SHA256, under a secret key
/// kept beside the database, of the export's resident id, else the normalised phone number,
/// else the normalised name.
/// The key is created on first use with owner-only permissions and never printed.
/// Immutable (the keyed state is copied for each message), hence shareable: the re-keying
/// migration calls it from an SQL function.
public final class Pseudonymizer: @unchecked Sendable {
    private let keyed: HMAC<SHA256>

    public init(key: SymmetricKey) {
        self.keyed = HMAC<SHA256>(key: key)
    }

    /// The key file used for a database: `<database>.key`.
    public static func keyPath(forDatabase path: String) -> String { path + ".key" }

    /// Loads the key beside the database, creating it (0600) when missing. A key that other
    /// users can read or write is refused (with the `chmod` to run), never silently used.
    public static func forDatabase(_ databasePath: String, create: Bool = true) throws -> Pseudonymizer {
        let path = keyPath(forDatabase: databasePath)
        if let data = try readExistingKey(path) {
            guard data.count == 32 else {
                throw UserError(.badDatabase,
                    fr: "\(path) : le fichier de la clé de pseudonymisation est abîmé (32 octets attendus) ; "
                        + "restaurez-le depuis une sauvegarde — sans lui, les habitants ne peuvent pas être reconnus "
                        + "d'une importation à l'autre",
                    en: "\(path): the pseudonymisation key file is damaged (expected 32 bytes); "
                        + "restore it from a backup — without it, residents cannot be matched across imports")
            }
            return Pseudonymizer(key: SymmetricKey(data: data))
        }
        guard create else {
            throw UserError(.notFound, fr: "\(path) : clé de pseudonymisation introuvable",
                            en: "\(path): pseudonymisation key not found")
        }
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        // Create with owner-only permissions from the start (no window where others can read it).
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw UserError(.fileAccess, fr: "\(path) : impossible de créer la clé de pseudonymisation : \(reason)",
                            en: "\(path): cannot create the pseudonymisation key: \(reason)")
        }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, 32) }
        guard written == 32 else {
            throw UserError(.fileAccess, fr: "\(path) : impossible d'écrire la clé de pseudonymisation",
                            en: "\(path): cannot write the pseudonymisation key")
        }
        return Pseudonymizer(key: key)
    }

    /// The key file could not be read (the system's reason).
    private static func unreadable(_ path: String) -> UserError {
        let reason = systemError()
        return UserError(.fileAccess, fr: "\(path) : impossible de lire la clé de pseudonymisation : \(reason)",
                         en: "\(path): cannot read the pseudonymisation key: \(reason)")
    }

    /// The bytes of the key file at `path`, nil when there is none. Refuses a key others may
    /// read or replace (group or other permission bits), and one this user cannot read.
    private static func readExistingKey(_ path: String) throws -> Data? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            let reason = systemError()
            throw UserError(.fileAccess, fr: "\(path) : impossible d'atteindre la clé de pseudonymisation : \(reason)",
                            en: "\(path): cannot reach the pseudonymisation key: \(reason)")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = systemError()
            throw UserError(.fileAccess,
                fr: "\(path) : impossible de lire la clé de pseudonymisation (\(reason)) ; lancez entraide sous "
                    + "l'utilisateur qui la possède, ou donnez le fichier à cet utilisateur (il doit rester lisible "
                    + "par son seul propriétaire : `chmod 600 \(path)`)",
                en: "\(path): cannot read the pseudonymisation key (\(reason)); run entraide as "
                    + "the user who owns it, or give this user the file (it must stay readable by its owner only: "
                    + "`chmod 600 \(path)`)")
        }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else {
            throw Self.unreadable(path)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw UserError(.fileAccess,
                fr: "\(path) : la clé de pseudonymisation n'est pas un fichier ; déplacez ce qui s'y trouve "
                    + "et restaurez la clé depuis une sauvegarde",
                en: "\(path): the pseudonymisation key is not a file; move what is there away "
                    + "and restore the key from a backup")
        }
        let mode = Int(info.st_mode) & 0o777
        guard mode & 0o077 == 0 else {
            let octal = String(mode, radix: 8)
            throw UserError(.fileAccess,
                fr: "\(path) : la clé de pseudonymisation peut être lue ou modifiée par d'autres utilisateurs "
                    + "(mode \(octal)) ; rendez-la privée avec `chmod 600 \(path)` et relancez la commande",
                en: "\(path): the pseudonymisation key can be read or changed by other users "
                    + "(mode \(octal)); make it private with `chmod 600 \(path)` and run the command again")
        }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64)
        while data.count <= 64 {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 {
                throw Self.unreadable(path)
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return data
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }

    /// Pseudonym of a resident id given by the export (docs/FORMAT.md, "Personal data and the
    /// resident id"): hashed as written, under its own prefix, so it never equals the pseudonym
    /// of a phone number or a name.
    public func residentID(_ given: String) -> String {
        var text = given
        return text.withUTF8 { residentID(bytes: $0) }
    }

    /// Pseudonym of a given resident id as its UTF-8 bytes.
    public func residentID(bytes: UnsafeBufferPointer<UInt8>) -> String { pseudonym(Pseudonymizer.idPrefix, bytes) }

    /// Pseudonym of a normalised phone number.
    public func phone(_ normalized: String) -> String {
        var digits = normalized
        return digits.withUTF8 { phone(digits: $0) }
    }

    /// Pseudonym of a normalised phone number given as its digits' bytes.
    public func phone(digits: UnsafeBufferPointer<UInt8>) -> String { pseudonym(Pseudonymizer.phonePrefix, digits) }

    /// Pseudonym of a normalised name.
    public func name(_ normalized: String) -> String {
        var text = normalized
        return text.withUTF8 { pseudonym(Pseudonymizer.namePrefix, $0) }
    }

    /// The kind of value goes first in the message, so a phone, a name and a given id never share a pseudonym.
    private static let phonePrefix = Array("tel:".utf8)
    private static let namePrefix = Array("nom:".utf8)
    private static let idPrefix = Array("id:".utf8)

    /// Not cached here: the importer keeps the recent ones. The keyed HMAC state is computed
    /// once (`keyed`) and copied for each message.
    private func pseudonym(_ prefix: [UInt8], _ value: UnsafeBufferPointer<UInt8>) -> String {
        var hmac = keyed
        prefix.withUnsafeBytes { hmac.update(data: $0) }
        hmac.update(data: UnsafeRawBufferPointer(value))
        let mac = hmac.finalize()
        var first64: UInt64 = 0  // the first 64 bits of the hash, its first byte highest
        for byte in mac.prefix(8) { first64 = first64 << 8 | UInt64(byte) }
        return Pseudonym.text(first64)
    }
}
