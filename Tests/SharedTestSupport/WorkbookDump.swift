import Foundation

/// A workbook as reviewable text, for golden files: document properties, then each sheet with
/// its layout (panes, widths, merges, print setup), every non-empty cell as
/// `A1<TAB>value<TAB>number format<TAB>look`, its tables and its charts (series references,
/// titles, axes). Text values are quoted, so `"12"` and `12` differ; tabs and line breaks in
/// them are written `\t` and `\n`.
extension OOXMLPackage {
    public func dump() throws -> String {
        var out: [String] = []
        out.append("# Document properties")
        for node in try xml("docProps/core.xml").children {
            out.append("\(node.name)\t\(Self.escaped(node.allText))")
        }
        if has("docProps/app.xml") {
            for node in try xml("docProps/app.xml").children where ["Company", "Manager"].contains(node.name) {
                out.append("\(node.name)\t\(Self.escaped(node.allText))")
            }
        }
        let workbook = try xml("xl/workbook.xml")
        out.append("")
        out.append("# Workbook")
        let names = try sheetNames()
        let active = Int(workbook.first("workbookView")?.attributes["activeTab"] ?? "0") ?? 0
        for (i, sheet) in workbook.all("sheet").enumerated() {
            let state = sheet.attributes["state"].map { " (\($0))" } ?? ""
            out.append("sheet \(i + 1)\t\(sheet.attributes["name"] ?? "?")\(state)\(i == active ? " (active)" : "")")
        }
        for name in workbook.all("definedName") {
            let scope = name.attributes["localSheetId"].flatMap(Int.init).map { " [\(names[$0])]" } ?? ""
            out.append("defined name\t\(name.attributes["name"] ?? "?")\(scope)\t\(name.text)")
        }
        let strings = try sharedStrings(), styles = try styleTable()
        for name in names {
            out.append("")
            out.append(try dumpSheet(name, strings: strings, styles: styles))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// One sheet of `dump()`.
    func dumpSheet(_ name: String, strings: [String], styles: StyleTable) throws -> String {
        let path = try sheetPath(name)
        let sheet = SheetView(root: try xml(path), strings: strings, styles: styles)
        let root = sheet.root
        var out = ["## Sheet \(name)"]
        if let view = root.first("sheetView") {
            let shown = view.attributes.filter { $0.key != "workbookViewId" && $0.key != "tabSelected" }
            if !shown.isEmpty { out.append("view\t\(Self.attributes(shown))") }
        }
        if let frozen = sheet.frozen { out.append("frozen\t\(frozen.rows) rows, \(frozen.cols) columns") }
        for col in root.all("col") {
            let first = Int(col.attributes["min"] ?? "1") ?? 1, last = Int(col.attributes["max"] ?? "1") ?? 1
            let span = SheetView.column(first - 1) + (last > first ? ":" + SheetView.column(last - 1) : "")
            let rest = col.attributes.filter { !["min", "max", "customWidth"].contains($0.key) }
            out.append("column \(span)\t\(Self.attributes(rest))")
        }
        for row in root.all("row") {
            let rest = row.attributes.filter { !["r", "spans", "customHeight"].contains($0.key) }
            if !rest.isEmpty { out.append("row \(row.attributes["r"] ?? "?")\t\(Self.attributes(rest))") }
        }
        for merge in root.all("mergeCell") { out.append("merged\t\(merge.attributes["ref"] ?? "?")") }
        for part in ["pageSetUpPr", "printOptions", "pageSetup"] {
            if let node = root.first(part), !node.attributes.isEmpty {
                out.append("\(part)\t\(Self.attributes(node.attributes.filter { $0.key != "r:id" }))")
            }
        }
        for part in ["oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"] {
            if let node = root.first(part) { out.append("\(part)\t\(Self.escaped(node.text))") }
        }
        for format in root.all("conditionalFormatting") {
            for rule in format.all("cfRule") {
                out.append("conditional \(format.attributes["sqref"] ?? "?")\t\(Self.attributes(rule.attributes))"
                    + rule.all("formula").map { "\t=" + $0.text }.joined())
            }
        }
        for validation in root.all("dataValidation") {
            out.append("validation \(validation.attributes["sqref"] ?? "?")\t\(Self.attributes(validation.attributes))")
        }
        for c in root.all("c") {
            guard let ref = c.attributes["r"], let value = Self.value(of: c, strings: strings) else { continue }
            let style = c.attributes["s"]
            let look = styles.look(style: style)
            out.append("\(ref)\t\(value)\t\(styles.code(style: style))" + (look.isEmpty ? "" : "\t\(look)"))
        }
        for table in try related(path, kind: "table").map({ try xml($0) }) {
            let a = table.attributes
            out.append("table \(a["displayName"] ?? a["name"] ?? "?")\t\(a["ref"] ?? "?")"
                + (table.first("autoFilter").map { "\tfilter \($0.attributes["ref"] ?? "")" } ?? "")
                + (table.first("tableStyleInfo").map { "\t\(Self.attributes($0.attributes))" } ?? ""))
            out.append("  columns\t" + table.all("tableColumn").map { $0.attributes["name"] ?? "?" }.joined(separator: " | "))
        }
        for drawing in try related(path, kind: "drawing") {
            out += try dumpCharts(drawing: drawing)
        }
        return out.joined(separator: "\n")
    }

    /// The charts of a drawing part, each with where it is anchored.
    private func dumpCharts(drawing: String) throws -> [String] {
        let folder = (drawing as NSString).deletingLastPathComponent
        let relsPath = folder + "/_rels/" + (drawing as NSString).lastPathComponent + ".rels"
        var targets: [String: String] = [:]
        if has(relsPath) {
            for rel in try xml(relsPath).all("Relationship") {
                if let id = rel.attributes["Id"], let target = rel.attributes["Target"] {
                    targets[id] = Self.resolve(folder: folder, target: target)
                }
            }
        }
        var out: [String] = []
        for anchor in try xml(drawing).children {
            guard let id = anchor.first("c:chart")?.attributes["r:id"], let part = targets[id] else { continue }
            func cell(_ corner: String) -> String {
                guard let node = anchor.first(corner),
                      let col = node.first("xdr:col").flatMap({ Int($0.text) }),
                      let row = node.first("xdr:row").flatMap({ Int($0.text) }) else { return "?" }
                return SheetView.ref(row, col)
            }
            let extent = anchor.first("xdr:ext").map { " size \($0.attributes["cx"] ?? "?")×\($0.attributes["cy"] ?? "?") EMU" } ?? ""
            out.append("chart \((part as NSString).lastPathComponent)\tfrom \(cell("xdr:from"))"
                + (anchor.first("xdr:to") != nil ? " to \(cell("xdr:to"))" : "") + extent)
            out += Self.describe(chart: try xml(part)).map { "  " + $0 }
        }
        return out
    }

    private static func describe(chart space: XNode) -> [String] {
        guard let chart = space.first("c:chart") else { return ["(no chart element)"] }
        var out: [String] = []
        if let title = chart.children.first(where: { $0.name == "c:title" }) { out.append("title\t" + text(title)) }
        if let plot = chart.first("c:plotArea") {
            for group in plot.children where group.name.hasSuffix("Chart") {
                let settings = group.children.filter { ["c:barDir", "c:grouping", "c:varyColors", "c:overlap",
                                                        "c:gapWidth"].contains($0.name) }
                    .map { "\($0.name.dropFirst(2))=\($0.attributes["val"] ?? "")" }
                out.append("\(group.name.dropFirst(2))\t" + settings.joined(separator: " "))
                for (i, series) in group.children.filter({ $0.name == "c:ser" }).enumerated() {
                    out.append("  series \(i + 1)\t" + describe(series: series))
                }
            }
            for axis in plot.children where axis.name.hasSuffix("Ax") {
                out.append("\(axis.name.dropFirst(2))\t" + describe(axis: axis))
            }
        }
        if let legend = chart.first("c:legend") {
            out.append("legend\t" + (legend.first("c:legendPos")?.attributes["val"] ?? "?"))
        }
        return out
    }

    private static func describe(series: XNode) -> String {
        var parts: [String] = []
        if let tx = series.first("c:tx") { parts.append("name " + text(tx)) }
        for (label, element) in [("categories", "c:cat"), ("values", "c:val"), ("x", "c:xVal"), ("y", "c:yVal")] {
            if let ref = series.first(element) {
                parts.append("\(label) " + (ref.first("c:f")?.text ?? "literal " + ref.all("c:v").map(\.text).joined(separator: ",")))
            }
        }
        if let shape = series.children.first(where: { $0.name == "c:spPr" }) {
            parts.append("look " + describe(shape: shape))
        }
        if let marker = series.first("c:marker")?.first("c:symbol")?.attributes["val"] { parts.append("marker " + marker) }
        if series.first("c:dLbls") != nil { parts.append("data labels") }
        return parts.joined(separator: "; ")
    }

    private static func describe(shape: XNode) -> String {
        var parts: [String] = []
        if let fill = shape.children.first(where: { $0.name == "a:solidFill" }) { parts.append("fill " + colour(fill)) }
        if let line = shape.first("a:ln") {
            var l = "line"
            if let w = line.attributes["w"] { l += " w=\(w)" }
            if let fill = line.first("a:solidFill") { l += " " + colour(fill) }
            if line.first("a:noFill") != nil { l += " none" }
            if let dash = line.first("a:prstDash")?.attributes["val"] { l += " dash=\(dash)" }
            parts.append(l)
        }
        return parts.joined(separator: ", ")
    }

    private static func colour(_ fill: XNode) -> String {
        if let rgb = fill.first("a:srgbClr")?.attributes["val"] { return "#" + rgb }
        if let scheme = fill.first("a:schemeClr")?.attributes["val"] { return scheme }
        return "?"
    }

    private static func describe(axis: XNode) -> String {
        var parts: [String] = []
        if let title = axis.first("c:title") { parts.append("title " + text(title)) }
        if axis.first("c:delete")?.attributes["val"] == "1" { parts.append("hidden") }
        if let format = axis.first("c:numFmt")?.attributes["formatCode"] { parts.append("format " + format) }
        for bound in ["c:min", "c:max"] {
            if let v = axis.first("c:scaling")?.first(bound)?.attributes["val"] { parts.append("\(bound.dropFirst(2)) \(v)") }
        }
        if let unit = axis.first("c:majorUnit")?.attributes["val"] { parts.append("major unit \(unit)") }
        if axis.first("c:majorGridlines") != nil { parts.append("gridlines") }
        if let rot = axis.first("c:txPr")?.first("a:bodyPr")?.attributes["rot"] { parts.append("rotation \(rot)") }
        if let pos = axis.first("c:tickLblPos")?.attributes["val"] { parts.append("labels \(pos)") }
        return parts.joined(separator: "; ")
    }

    /// A title or series name: its cell reference and/or its text.
    private static func text(_ node: XNode) -> String {
        let ref = node.first("c:f")?.text
        let words = (node.first("c:rich") ?? node.first("c:strCache") ?? node.first("c:v")).map { $0.allText } ?? ""
        return [ref, words.isEmpty ? nil : "\"\(escaped(words))\""].compactMap { $0 }.joined(separator: " ")
    }

    /// A cell's value as shown in the dump (nil for an empty cell): text quoted, numbers as
    /// written, formulas as `=FORMULA → cached value`.
    static func value(of c: XNode, strings: [String]) -> String? {
        let v = c.first("v")?.text
        var value: String?
        switch c.attributes["t"] {
        case "s": value = v.flatMap(Int.init).map { $0 < strings.count ? "\"\(escaped(strings[$0]))\"" : "?string \($0)" }
        case "inlineStr": value = c.first("is").map { "\"\(escaped($0.allText))\"" }
        case "str": value = v.map { "\"\(escaped($0))\"" }
        case "b": value = v == "1" ? "TRUE" : v == "0" ? "FALSE" : v
        case "e": value = v.map { "error \($0)" }
        default: value = v
        }
        if let formula = c.first("f") {
            return "=" + formula.text + (value.map { " → " + $0 } ?? "")
        }
        return value
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func attributes(_ attributes: [String: String]) -> String {
        attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
