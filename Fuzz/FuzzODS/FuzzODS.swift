// libFuzzer target: the ODS reader (scripts/fuzz FuzzODS SECONDS; seeds from the fixtures).
// An input is a whole workbook (it starts with `PK`), or the XML of its content.xml, zipped here.
import Foundation
import FuzzSupport

private let file = fuzzFile("ods")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzWorkbook(Data(bytes: data, count: size), at: file) { content in
        [("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", content)]
    }
}

@_cdecl("FuzzODS_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzz)
}
