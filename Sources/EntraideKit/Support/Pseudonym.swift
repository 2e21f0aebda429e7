/// The form of a resident pseudonym (docs/FORMAT.md, "Personal data and the resident id"):
/// `h` and 16 lowercase hex digits, the first 64 bits of the keyed hash. `Pseudonymizer`
/// writes it, the indicators read it back as a number (`ResidentIndex`), and
/// `Store.hasPseudonyms` recognises a database that holds some.
enum Pseudonym {
    static let prefix = UInt8(ascii: "h")
    static let hexDigitCount = 16
    /// Bytes of a pseudonym: the prefix and the digits.
    static let length = 1 + hexDigitCount

    /// The pseudonym of a 64-bit value.
    static func text(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: length) { out in
            out[0] = prefix
            for k in 0..<hexDigitCount {
                let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * k)) & 0xF
                out[1 + k] = nibble < 10 ? nibble + 48 : nibble + 87
            }
            return length
        }
    }

    /// The value of a pseudonym; nil for any other text (such as an export's own resident id).
    @inline(__always) static func value(_ b: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard b.count == length, b[0] == prefix else { return nil }
        var v: UInt64 = 0
        for k in 1..<length {
            let c = b[k]
            let d: UInt8
            if c &- 48 <= 9 { d = c &- 48 } else if c &- 97 <= 5 { d = c &- 87 } else { return nil }
            v = v << 4 | UInt64(d)
        }
        return v
    }

    /// An SQL condition true exactly when `column` holds a pseudonym: the prefix and 16
    /// lowercase hex digits, nothing else.
    static func sqlCondition(column: String) -> String {
        "length(\(column)) = \(length) AND \(column) GLOB '\(Character(Unicode.Scalar(prefix)))"
            + String(repeating: "[0-9a-f]", count: hexDigitCount) + "'"
    }
}
