import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the parts of an Office Open XML file (.xlsx) that a test wrote: the wrapper's tests and
/// the reports' tests both open their workbooks with it (target `SharedTestSupport`).
public struct OOXMLPackage {
    public let archive: Archive

    public init(url: URL) throws {
        archive = try Archive(url: url, accessMode: .read)
    }

    public init(data: Data) throws {
        archive = try Archive(data: data, accessMode: .read)
    }

    public init(path: String) throws {
        try self.init(url: URL(fileURLWithPath: path))
    }

    public var partNames: [String] { archive.map(\.path).sorted() }

    public func has(_ path: String) -> Bool { archive[path] != nil }

    public func data(_ path: String) throws -> Data {
        guard let entry = archive[path] else { throw PackageError("no part \(path) in \(partNames)") }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    public func text(_ path: String) throws -> String { String(decoding: try data(path), as: UTF8.self) }

    public func xml(_ path: String) throws -> XNode { try XNode.parse(try data(path)) }

    /// The shared strings table, in index order (empty when the workbook has none).
    public func sharedStrings() throws -> [String] {
        guard has("xl/sharedStrings.xml") else { return [] }
        return try xml("xl/sharedStrings.xml").all("si").map(\.allText)
    }

    public struct PackageError: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }
}

/// A minimal XML tree (element names keep their namespace prefix, e.g. `c:title`).
public final class XNode {
    public let name: String
    public let attributes: [String: String]
    public internal(set) var children: [XNode] = []
    public internal(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All descendants (and self) named `name`, in document order.
    public func all(_ name: String) -> [XNode] {
        (self.name == name ? [self] : []) + children.flatMap { $0.all(name) }
    }

    public func first(_ name: String) -> XNode? { all(name).first }

    /// Concatenated text of this element and its descendants.
    public var allText: String { text + children.map(\.allText).joined() }

    public static func parse(_ data: Data) throws -> XNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw OOXMLPackage.PackageError("invalid XML: \(parser.parserError.map { "\($0)" } ?? "empty document")")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XNode?
        var stack: [XNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XNode(name: elementName, attributes: attributeDict)
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
