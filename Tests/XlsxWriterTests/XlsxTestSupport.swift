import Foundation
import SharedTestSupport
import Testing

/// The wrapper's tests read their files with the shared reader.
typealias XlsxPackage = OOXMLPackage
typealias XMLNode = XNode

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
