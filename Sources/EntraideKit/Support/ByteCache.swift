import Foundation

/// A small hash map from a field's raw bytes to a value, for labels that repeat on every row
/// (domains, statuses, associations, volunteer ids): a look-up hashes the bytes in place, so
/// no String is built and no SipHash runs for values already seen.
struct ByteCache<Value> {
    private var index: ByteKeyIndex
    private var values: [Value] = []

    init(capacity: Int = 64) {
        index = ByteKeyIndex(capacity: capacity)
    }

    var count: Int { index.count }

    /// The value stored for these bytes, nil when absent.
    @inline(__always)
    func get(_ b: UnsafeBufferPointer<UInt8>) -> Value? {
        index.find(b).map { values[Int($0)] }
    }

    mutating func set(_ b: UnsafeBufferPointer<UInt8>, _ value: Value) {
        let (n, isNew) = index.number(b)
        if isNew { values.append(value) } else { values[Int(n)] = value }
    }
}

/// A bounded cache from bytes to a value for values that keep coming back but are too many
/// to keep all (phone numbers of a million requests): direct-mapped, a new entry replaces
/// whatever had its slot. Fixed memory, no rehashing, no clearing. Keys of up to 24 bytes
/// are kept inline in the slot (longer ones are not cached).
struct RecentByteCache<Value> {
    private struct Key: Equatable {
        var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0
        var length: Int = -1

        @inline(__always)
        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= 24 else { return nil }
            var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &words) { raw in
                if let base = bytes.baseAddress { raw.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
            }
            (a, b, c) = words
            length = bytes.count
        }

        init() {}
    }

    private var keys: [Key]
    private var values: [Value?]
    private let mask: Int

    init(slots: Int = 1 << 16) {
        var size = 1
        while size < slots { size <<= 1 }
        keys = Array(repeating: Key(), count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    /// The cached value for these bytes, else `compute(bytes)` (cached unless nil).
    @inline(__always)
    mutating func value(_ b: UnsafeBufferPointer<UInt8>, _ compute: (UnsafeBufferPointer<UInt8>) -> Value?) -> Value? {
        guard let key = Key(b) else { return compute(b) }
        let h = ByteKeyIndex.hash(b)
        let i = Int(truncatingIfNeeded: h) & mask
        if keys[i] == key, let v = values[i] { return v }
        guard let v = compute(b) else { return nil }
        keys[i] = key
        values[i] = v
        return v
    }
}
