import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation

/// A fresh temporary directory for one test.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("xlsxwriter-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Reads the parts of a written .xlsx file.
struct XlsxPackage {
    let archive: Archive

    init(url: URL) throws {
        archive = try Archive(url: url, accessMode: .read)
    }

    var partNames: [String] { archive.map(\.path).sorted() }

    func has(_ path: String) -> Bool { archive[path] != nil }

    func data(_ path: String) throws -> Data {
        guard let entry = archive[path] else {
            throw PackageError.missingPart(path, available: partNames)
        }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }

    func xml(_ path: String) throws -> XMLNode {
        try XMLNode.parse(try data(path))
    }

    enum PackageError: Error, CustomStringConvertible {
        case missingPart(String, available: [String])
        case badXML(String)
        var description: String {
            switch self {
            case .missingPart(let path, let available): return "no part \(path) in \(available)"
            case .badXML(let message): return "invalid XML: \(message)"
            }
        }
    }
}

/// A minimal XML tree (element names keep their namespace prefix, e.g. `c:title`).
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All descendants (and self) named `name`, in document order.
    func all(_ name: String) -> [XMLNode] {
        (self.name == name ? [self] : []) + children.flatMap { $0.all(name) }
    }

    func first(_ name: String) -> XMLNode? { all(name).first }

    /// Concatenated text of this element and its descendants.
    var allText: String { text + children.map(\.allText).joined() }

    static func parse(_ data: Data) throws -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XlsxPackage.PackageError.badXML(parser.parserError.map { "\($0)" } ?? "empty document")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// Cell values of a worksheet part: reference → (type, raw value, style index).
struct SheetCells {
    struct Cell { let type: String?; let value: String?; let style: String?; let formula: String? }
    let cells: [String: Cell]

    init(sheet: XMLNode) {
        var cells: [String: Cell] = [:]
        for c in sheet.all("c") {
            guard let ref = c.attributes["r"] else { continue }
            cells[ref] = Cell(type: c.attributes["t"], value: c.first("v")?.text, style: c.attributes["s"],
                              formula: c.first("f")?.text)
        }
        self.cells = cells
    }

    subscript(_ ref: String) -> Cell? { cells[ref] }
}

/// The shared strings table, in index order.
func sharedStrings(_ package: XlsxPackage) throws -> [String] {
    try package.xml("xl/sharedStrings.xml").all("si").map(\.allText)
}

/// Runs `body` with `name` as this thread's numeric locale (`uselocale`; decimal point and
/// grouping, what number formatting reads), and returns nil when the
/// locale is not installed. Thread-local, so tests running in parallel never see it, unlike
/// `setlocale`, which changes the whole process.
func withThreadLocale<T>(_ name: String, _ body: () throws -> T) rethrows -> T? {
    guard let locale = newlocale(Int32(1 << LC_NUMERIC), name, nil) else { return nil }
    let previous = uselocale(locale)
    defer {
        uselocale(previous)
        freelocale(locale)
    }
    return try body()
}
