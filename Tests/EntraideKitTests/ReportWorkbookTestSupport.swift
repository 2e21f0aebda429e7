import Foundation
import SharedTestSupport

/// The reports' tests read their workbooks with the shared reader, and these helpers.
typealias WorkbookPackage = OOXMLPackage

extension OOXMLPackage {
    // MARK: Workbook structure

    /// Sheet names in workbook order.
    func sheetNames() throws -> [String] {
        try xml("xl/workbook.xml").all("sheet").compactMap { $0.attributes["name"] }
    }

    /// Part path of a sheet by name (`xl/worksheets/sheet2.xml`).
    func sheetPath(_ name: String) throws -> String {
        let workbook = try xml("xl/workbook.xml")
        guard let sheet = workbook.all("sheet").first(where: { $0.attributes["name"] == name }),
              let rid = sheet.attributes["r:id"] else { throw PackageError("no sheet \(name)") }
        let rels = try xml("xl/_rels/workbook.xml.rels")
        guard let target = rels.all("Relationship").first(where: { $0.attributes["Id"] == rid })?.attributes["Target"]
        else { throw PackageError("no relationship \(rid)") }
        return "xl/" + target
    }

    /// Targets of a part's relationships of a type ending with `kind` (`drawing`, `table`, `chart`),
    /// resolved to part paths.
    func related(_ part: String, kind: String) throws -> [String] {
        let folder = (part as NSString).deletingLastPathComponent
        let file = (part as NSString).lastPathComponent
        let relsPath = folder + "/_rels/" + file + ".rels"
        guard has(relsPath) else { return [] }
        return try xml(relsPath).all("Relationship")
            .filter { ($0.attributes["Type"] ?? "").hasSuffix("/" + kind) }
            .compactMap { $0.attributes["Target"] }
            .map { Self.resolve(folder: folder, target: $0) }
    }

    static func resolve(folder: String, target: String) -> String {
        var parts = folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    /// Chart parts placed on a sheet.
    func charts(onSheet name: String) throws -> [XNode] {
        let sheet = try sheetPath(name)
        return try related(sheet, kind: "drawing").flatMap { try related($0, kind: "chart") }.map { try xml($0) }
    }

    /// Table parts of a sheet.
    func tables(onSheet name: String) throws -> [XNode] {
        try related(try sheetPath(name), kind: "table").map { try xml($0) }
    }

    func sheet(_ name: String) throws -> SheetView {
        SheetView(root: try xml(try sheetPath(name)), strings: try sharedStrings(), styles: try StyleTable(xml("xl/styles.xml")))
    }

}

/// Number formats of the cell styles (`cellXfs`).
struct StyleTable {
    let formatIDs: [Int]
    let codes: [Int: String]

    static let builtIn: [Int: String] = [0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
                                         14: "m/d/yyyy"]

    init(_ styles: XNode) {
        var codes = Self.builtIn
        for f in styles.all("numFmt") {
            if let id = f.attributes["numFmtId"].flatMap(Int.init), let code = f.attributes["formatCode"] { codes[id] = code }
        }
        self.codes = codes
        formatIDs = styles.first("cellXfs")?.children.filter { $0.name == "xf" }
            .map { Int($0.attributes["numFmtId"] ?? "0") ?? 0 } ?? []
    }

    func code(style: String?) -> String {
        let index = Int(style ?? "0") ?? 0
        guard index < formatIDs.count else { return "General" }
        return codes[formatIDs[index]] ?? "?"
    }
}

/// A worksheet's cells with shared strings resolved.
struct SheetView {
    let root: XNode
    let strings: [String]
    let styles: StyleTable
    var cells: [String: XNode] = [:]

    init(root: XNode, strings: [String], styles: StyleTable) {
        self.root = root
        self.strings = strings
        self.styles = styles
        for c in root.all("c") { if let r = c.attributes["r"] { cells[r] = c } }
    }

    /// `B5` for zero-based row 4, column 1.
    static func ref(_ row: Int, _ col: Int) -> String {
        var n = col + 1, letters = ""
        while n > 0 { letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters; n = (n - 1) / 26 }
        return letters + String(row + 1)
    }

    /// Text of a string cell (nil if not a string).
    func string(_ ref: String) -> String? {
        guard let c = cells[ref] else { return nil }
        if c.attributes["t"] == "s", let v = c.first("v").flatMap({ Int($0.text) }), v < strings.count { return strings[v] }
        if c.attributes["t"] == "inlineStr" { return c.allText }
        return nil
    }

    /// Value of a number cell (nil if empty or text).
    func number(_ ref: String) -> Double? {
        guard let c = cells[ref], c.attributes["t"] == nil || c.attributes["t"] == "n" else { return nil }
        return c.first("v").flatMap { Double($0.text) }
    }

    func formatCode(_ ref: String) -> String { styles.code(style: cells[ref]?.attributes["s"]) }

    /// Zero-based row of the first cell of column A holding `text`.
    func row(ofText text: String, col: Int = 0) -> Int? {
        for row in 0..<2000 where string(Self.ref(row, col)) == text { return row }
        return nil
    }

    /// The frozen pane, if any: (rows above, columns left).
    var frozen: (rows: Int, cols: Int)? {
        guard let pane = root.first("pane"), pane.attributes["state"] == "frozen" else { return nil }
        return (Int(pane.attributes["ySplit"] ?? "0") ?? 0, Int(pane.attributes["xSplit"] ?? "0") ?? 0)
    }
}
