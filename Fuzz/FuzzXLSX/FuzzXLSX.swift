// libFuzzer target: the XLSX reader (scripts/fuzz FuzzXLSX SECONDS; seeds from the fixtures).
// An input is a whole workbook (it starts with `PK`), or the parts of one separated by lines
// `--PART--`: the sheet's XML, then the shared strings and the styles, which are zipped here
// (unzipped, so that the fuzzer works on the XML rather than on checksums).
import Foundation
import FuzzSupport

private let file = fuzzFile("xlsx")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzWorkbook(Data(bytes: data, count: size), at: file) { bytes in
        let parts = fuzzParts(bytes)
        let workbook = """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            <sheet name="demandes" sheetId="1" r:id="rId1"/></sheets></workbook>
            """
        let rels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
            Target="worksheets/sheet1.xml"/></Relationships>
            """
        var entries = [("xl/workbook.xml", Data(workbook.utf8)), ("xl/_rels/workbook.xml.rels", Data(rels.utf8)),
                       ("xl/worksheets/sheet1.xml", parts[0])]
        if parts.count > 1 { entries.append(("xl/sharedStrings.xml", parts[1])) }
        if parts.count > 2 { entries.append(("xl/styles.xml", parts[2])) }
        return entries
    }
}

@_cdecl("FuzzXLSX_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzz)
}
