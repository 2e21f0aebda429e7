import Foundation

/// JSON string literals: the one escaper of the indicators' JSON and of `query --format json`.
/// `"`, `\` and the control characters are escaped (`\n`, `\r`, `\t`, else `\u00XX`); every
/// other byte, UTF-8 included, is copied as it is.
enum JSONString {
    /// Calls `emit` with the runs of `bytes` and their escapes, in order, quotes included.
    @inline(__always)
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        let quote: StaticString = "\""
        quote.withUTF8Buffer(emit)
        var start = 0
        for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
            if start < i { emit(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            escapeByte(b, emit)
            start = i + 1
        }
        if start < bytes.count { emit(UnsafeBufferPointer(rebasing: bytes[start...])) }
        quote.withUTF8Buffer(emit)
    }

    private static func escapeByte(_ b: UInt8, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        let fixed: StaticString
        switch b {
        case 0x22: fixed = #"\""#
        case 0x5C: fixed = #"\\"#
        case 0x0A: fixed = #"\n"#
        case 0x0D: fixed = #"\r"#
        case 0x09: fixed = #"\t"#
        default:
            let hex = Array("0123456789abcdef".utf8)
            (Array(#"\u00"#.utf8) + [hex[Int(b >> 4)], hex[Int(b & 15)]]).withUnsafeBufferPointer(emit)
            return
        }
        fixed.withUTF8Buffer(emit)
    }

    /// The literal of `text` as bytes, quotes included.
    static func literalBytes(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var text = text
        text.withUTF8 { escape($0) { out.append(contentsOf: $0) } }
        return out
    }

    /// The literal of `text`, quotes included: `"Centre \"social\""`.
    static func literal(_ text: String) -> String {
        String(decoding: literalBytes(text), as: UTF8.self)
    }
}
