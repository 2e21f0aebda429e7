import Foundation

/// The workbook structure of an .xlsx read back: sheets by name, the parts related to a sheet
/// (drawings, charts, tables), cell styles, and a sheet's cells with shared strings resolved.
extension OOXMLPackage {
    // MARK: Workbook structure

    /// Sheet names in workbook order.
    public func sheetNames() throws -> [String] {
        try xml("xl/workbook.xml").all("sheet").compactMap { $0.attributes["name"] }
    }

    /// Part path of a sheet by name (`xl/worksheets/sheet2.xml`).
    public func sheetPath(_ name: String) throws -> String {
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
    public func related(_ part: String, kind: String) throws -> [String] {
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
    public func charts(onSheet name: String) throws -> [XNode] {
        let sheet = try sheetPath(name)
        return try related(sheet, kind: "drawing").flatMap { try related($0, kind: "chart") }.map { try xml($0) }
    }

    /// Table parts of a sheet.
    public func tables(onSheet name: String) throws -> [XNode] {
        try related(try sheetPath(name), kind: "table").map { try xml($0) }
    }

    public func sheet(_ name: String) throws -> SheetView {
        SheetView(root: try xml(try sheetPath(name)), strings: try sharedStrings(), styles: try styleTable())
    }

    public func styleTable() throws -> StyleTable { StyleTable(try xml("xl/styles.xml")) }
}

/// The cell styles (`cellXfs`) of a workbook: their number formats, and a short description of
/// the rest (font, fill, border, alignment) for the workbook dumps.
public struct StyleTable {
    public let formatIDs: [Int]
    public let codes: [Int: String]
    /// One description per cell style, "" for the default look.
    public let looks: [String]

    static let builtIn: [Int: String] = [0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
                                         14: "m/d/yyyy"]

    public init(_ styles: XNode) {
        var codes = Self.builtIn
        for f in styles.all("numFmt") {
            if let id = f.attributes["numFmtId"].flatMap(Int.init), let code = f.attributes["formatCode"] { codes[id] = code }
        }
        self.codes = codes
        let xfs = Self.children(styles, "cellXfs", "xf")
        formatIDs = xfs.map { Int($0.attributes["numFmtId"] ?? "0") ?? 0 }
        let fonts = Self.children(styles, "fonts", "font").map(Self.font)
        let fills = Self.children(styles, "fills", "fill").map(Self.fill)
        let borders = Self.children(styles, "borders", "border").map(Self.border)
        looks = xfs.map { xf in
            func pick(_ list: [String], _ key: String) -> String {
                let i = Int(xf.attributes[key] ?? "0") ?? 0
                return i > 0 && i < list.count ? list[i] : ""
            }
            return ([pick(fonts, "fontId"), pick(fills, "fillId"), pick(borders, "borderId")]
                + [xf.first("alignment").map(Self.alignment) ?? ""]).filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    public func code(style: String?) -> String {
        let index = Int(style ?? "0") ?? 0
        guard index < formatIDs.count else { return "General" }
        return codes[formatIDs[index]] ?? "?"
    }

    public func look(style: String?) -> String {
        let index = Int(style ?? "0") ?? 0
        return index < looks.count ? looks[index] : "?"
    }

    private static func children(_ root: XNode, _ list: String, _ item: String) -> [XNode] {
        root.first(list)?.children.filter { $0.name == item } ?? []
    }

    private static func color(_ node: XNode?) -> String? {
        guard let node else { return nil }
        if let rgb = node.attributes["rgb"] { return "#" + rgb.suffix(6) }
        if let theme = node.attributes["theme"] { return "theme" + theme }
        if let indexed = node.attributes["indexed"] { return "indexed" + indexed }
        return nil
    }

    private static func font(_ f: XNode) -> String {
        var parts: [String] = []
        for flag in ["b", "i", "u", "strike"] where f.first(flag) != nil { parts.append(flag == "b" ? "bold" : flag) }
        if let size = f.first("sz")?.attributes["val"] { parts.append(size + "pt") }
        if let c = color(f.first("color")) { parts.append(c) }
        return "font(" + parts.joined(separator: " ") + ")"
    }

    private static func fill(_ f: XNode) -> String {
        guard let pattern = f.first("patternFill"), let type = pattern.attributes["patternType"], type != "none",
              type != "gray125" else { return "" }
        return "fill(" + (type == "solid" ? "" : type + " ") + (color(pattern.first("fgColor")) ?? "") + ")"
    }

    private static func border(_ b: XNode) -> String {
        let sides = ["left", "right", "top", "bottom"].compactMap { side -> String? in
            guard let style = b.first(side)?.attributes["style"] else { return nil }
            return side + "=" + style + (color(b.first(side)?.first("color")).map { " " + $0 } ?? "")
        }
        return sides.isEmpty ? "" : "border(" + sides.joined(separator: ", ") + ")"
    }

    private static func alignment(_ a: XNode) -> String {
        let parts = a.attributes.sorted { $0.key < $1.key }.map { $0.value == "1" ? $0.key : "\($0.key)=\($0.value)" }
        return parts.isEmpty ? "" : "align(" + parts.joined(separator: " ") + ")"
    }
}

/// A worksheet's cells with shared strings resolved.
public struct SheetView {
    public let root: XNode
    public let strings: [String]
    public let styles: StyleTable
    public var cells: [String: XNode] = [:]

    public init(root: XNode, strings: [String], styles: StyleTable) {
        self.root = root
        self.strings = strings
        self.styles = styles
        for c in root.all("c") { if let r = c.attributes["r"] { cells[r] = c } }
    }

    /// `B5` for zero-based row 4, column 1.
    public static func ref(_ row: Int, _ col: Int) -> String {
        column(col) + String(row + 1)
    }

    /// `B` for zero-based column 1.
    public static func column(_ col: Int) -> String {
        var n = col + 1, letters = ""
        while n > 0 { letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters; n = (n - 1) / 26 }
        return letters
    }

    /// Text of a string cell (nil if not a string).
    public func string(_ ref: String) -> String? {
        guard let c = cells[ref] else { return nil }
        if c.attributes["t"] == "s", let v = c.first("v").flatMap({ Int($0.text) }), v < strings.count { return strings[v] }
        if c.attributes["t"] == "inlineStr" { return c.allText }
        return nil
    }

    /// Value of a number cell (nil if empty or text).
    public func number(_ ref: String) -> Double? {
        guard let c = cells[ref], c.attributes["t"] == nil || c.attributes["t"] == "n" else { return nil }
        return c.first("v").flatMap { Double($0.text) }
    }

    public func formatCode(_ ref: String) -> String { styles.code(style: cells[ref]?.attributes["s"]) }

    /// A date cell's day (Excel's 1900 date system, a serial number of days), nil for any other cell.
    public func date(_ ref: String) -> (year: Int, month: Int, day: Int)? {
        guard let serial = number(ref), serial >= 61, serial == serial.rounded(.down) else { return nil }
        let code = formatCode(ref).lowercased()
        guard code.contains("yy") || code.contains("mmm") || code.contains("dd") else { return nil }
        // Serial 25569 is 1970-01-01; days from the civil date (H. Hinnant's algorithm).
        let z = Int(serial) - 25569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// A month cell (a date cell on the first of the month) as `2026-10`, nil for any other cell.
    public func month(_ ref: String) -> String? {
        guard let d = date(ref), d.day == 1 else { return nil }
        return String(format: "%04d-%02d", d.year, d.month)
    }

    /// Zero-based row of the first cell of column A holding `text`.
    public func row(ofText text: String, col: Int = 0) -> Int? {
        for row in 0..<2000 where string(Self.ref(row, col)) == text { return row }
        return nil
    }

    /// The first row after `after` whose cell in column `col` is the text `text`.
    public func row(ofText text: String, col: Int = 0, after: Int) -> Int? {
        for row in (after + 1)..<2000 where string(Self.ref(row, col)) == text { return row }
        return nil
    }

    /// The frozen pane, if any: (rows above, columns left).
    public var frozen: (rows: Int, cols: Int)? {
        guard let pane = root.first("pane"), pane.attributes["state"] == "frozen" else { return nil }
        return (Int(pane.attributes["ySplit"] ?? "0") ?? 0, Int(pane.attributes["xSplit"] ?? "0") ?? 0)
    }
}
