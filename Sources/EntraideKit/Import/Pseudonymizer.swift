import Crypto
import Foundation

/// Derives the pseudonymous resident identity of docs/FORMAT.md: HMAC-SHA256, under a secret key
/// kept beside the database, of the normalised phone number (else the normalised name).
/// The key is created on first use with owner-only permissions and never printed.
public final class Pseudonymizer {
    private let keyed: HMAC<SHA256>

    public init(key: SymmetricKey) {
        self.keyed = HMAC<SHA256>(key: key)
    }

    /// The key file used for a database: `<database>.key`.
    public static func keyPath(forDatabase path: String) -> String { path + ".key" }

    /// Loads the key beside the database, creating it (0600) when missing.
    public static func forDatabase(_ databasePath: String, create: Bool = true) throws -> Pseudonymizer {
        let path = keyPath(forDatabase: databasePath)
        let fm = FileManager.default
        if let data = fm.contents(atPath: path) {
            guard data.count == 32 else {
                throw UserError(.badDatabase, "\(path): the pseudonymisation key file is damaged (expected 32 bytes); "
                    + "restore it from a backup — without it, residents cannot be matched across imports")
            }
            if let perms = (try? fm.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber,
               perms.intValue & 0o077 != 0 {
                chmod(path, 0o600)
            }
            return Pseudonymizer(key: SymmetricKey(data: data))
        }
        guard create else { throw UserError(.notFound, "\(path): pseudonymisation key not found") }
        let key = SymmetricKey(size: .bits256)
        let data = key.withUnsafeBytes { Data($0) }
        // Create with owner-only permissions from the start (no window where others can read it).
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw UserError(.fileAccess, "\(path): cannot create the pseudonymisation key: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, 32) }
        guard written == 32 else { throw UserError(.fileAccess, "\(path): cannot write the pseudonymisation key") }
        return Pseudonymizer(key: key)
    }

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

    /// The kind of value goes first in the message, so a phone and a name never share a pseudonym.
    private static let phonePrefix = Array("tel:".utf8)
    private static let namePrefix = Array("nom:".utf8)

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
