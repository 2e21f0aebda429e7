import Foundation
import XlsxWriter
import ZIPFoundation

extension XlsxError {
    /// A workbook that could not be written (`kind == .fileNotWritable`) as the user's error,
    /// with the system's reason when it is known ("File too large").
    func userError(path: String) -> UserError {
        if let code = systemCode { return FileSystemError(.write, path, code: code).userError }
        return UserError(.fileAccess,
            fr: "impossible d'écrire \(path) : \(libraryMessage) ; vérifiez que le dossier est modifiable, "
                + "que le disque n'est pas plein et que le fichier n'est pas ouvert ailleurs",
            en: "cannot write \(path): \(libraryMessage); check that the folder is writable, "
                + "the disk not full and the file not open elsewhere")
    }
}

/// A check of a workbook libxlsxwriter reports as written, before it replaces anything:
/// libxlsxwriter does not check the writes of its temporary files, so a full disk (or a full
/// temporary folder) can give a well-formed zip whose sheets are cut short. Every XML part is
/// inflated (its CRC checked) and must end with its root element's end tag.
enum WorkbookCheck {
    static func verify(_ temporaryPath: String, shownAs path: String) throws {
        let temporary = FileManager.default.temporaryDirectory.path
        let incomplete = UserError(.fileAccess,
            fr: "impossible d'écrire \(path) : le classeur est sorti incomplet ; le disque ou le dossier temporaire "
                + "(\(temporary)) est sans doute plein : libérez de la place et relancez la commande",
            en: "cannot write \(path): the workbook came out incomplete; the disk or the "
                + "temporary folder (\(temporary)) is probably full: free some space "
                + "and run the command again")
        guard let archive = try? Archive(url: URL(fileURLWithPath: temporaryPath), accessMode: .read) else { throw incomplete }
        for entry in archive where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
            var head: [UInt8] = []
            var tail: [UInt8] = []
            do {
                _ = try archive.extract(entry, bufferSize: 1 << 16) { chunk in
                    if head.count < 512 { head.append(contentsOf: chunk.prefix(512 - head.count)) }
                    tail.append(contentsOf: chunk.suffix(256))
                    if tail.count > 256 { tail.removeFirst(tail.count - 256) }
                }
            } catch {
                throw incomplete
            }
            guard closesRoot(head: head, tail: tail) else { throw incomplete }
        }
    }

    /// Whether the part ends with `</root>` (or is one empty root element `<root …/>`).
    static func closesRoot(head: [UInt8], tail: [UInt8]) -> Bool {
        // The root element: the first tag that is no declaration (`<?…`) nor comment (`<!…`).
        var i = 0
        while i < head.count {
            if head[i] == UInt8(ascii: "<"), i + 1 < head.count, head[i + 1] != UInt8(ascii: "?"), head[i + 1] != UInt8(ascii: "!") { break }
            i += 1
        }
        var j = i + 1
        while j < head.count, ![UInt8(ascii: " "), UInt8(ascii: ">"), UInt8(ascii: "/"), 0x0A, 0x0D, 0x09].contains(head[j]) { j += 1 }
        guard i < head.count, j > i + 1 else { return false }
        let name = head[(i + 1)..<j]
        var end = tail.count
        while end > 0, [0x20, 0x0A, 0x0D, 0x09].contains(tail[end - 1]) { end -= 1 }
        let closing = [UInt8(ascii: "<"), UInt8(ascii: "/")] + name + [UInt8(ascii: ">")]
        if end >= closing.count, Array(tail[(end - closing.count)..<end]) == closing { return true }
        // `<root …/>` alone: the head holds the whole part and ends with `/>`.
        return head.count < 512 && end >= 2 && tail[end - 2] == UInt8(ascii: "/") && tail[end - 1] == UInt8(ascii: ">")
    }
}
