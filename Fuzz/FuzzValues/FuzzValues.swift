// libFuzzer target: the value parsers (timestamps, times of day, durations, phones, names, Unicode spaces) and the cell
// conversions of the workbook readers (scripts/fuzz FuzzValues SECONDS).
import Foundation
@testable import EntraideKit
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = ValueParsers.timestamp(bytes)
    _ = ValueParsers.hours(bytes)
    _ = ValueParsers.timeOfDay(bytes)
    _ = FormText.with(bytes) { $0.count }
    if size > 0 {
        var s = 0, e = size
        UnicodeSpace.trim(bytes, &s, &e)
    }
    _ = ValueParsers.normalizedPhone(bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = ValueParsers.normalizedName(text)
    _ = CellText.format(code: text)
    _ = CellText.number(text)
    _ = ODSSheetParser.duration(iso: text)
    _ = ODSSheetParser.typedValue(["office:value-type": "time", "office:time-value": text])
    _ = ODSSheetParser.typedValue(["office:value-type": "float", "office:value": text])
    _ = XLSXBook.unescape(text)
    _ = XLSXBook.resolve(text)
    _ = XLSXSheetParser.column(text)
    // The first eight bytes as a number (any bit pattern: NaN, infinities, subnormals).
    if size >= 8 {
        let value = UnsafeRawPointer(data).loadUnaligned(as: Double.self)
        _ = CellText.number(value)
        _ = CellText.number(value, zeroPadded: Int(data[0] % 12))
        _ = CellText.date(serial: value, date1904: data[1] & 1 == 1)
        _ = CellText.duration(days: value)
        _ = ParsedTime.spreadsheetSerial(value)
    }
    if let number = Double(text) {
        _ = CellText.date(serial: number, date1904: false)
        _ = CellText.duration(days: number)
        _ = ParsedTime.spreadsheetSerial(number)
    }
    return 0
}

@_cdecl("FuzzValues_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, fuzz)
}
