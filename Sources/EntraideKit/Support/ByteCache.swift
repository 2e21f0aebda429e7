import Foundation

/// A small hash map from a field's raw bytes to a value, for labels that repeat on every row
/// (domains, statuses, associations, volunteer ids): a look-up hashes the bytes in place, so
/// no String is built and no SipHash runs for values already seen.
struct ByteCache<Value> {
    private var keys: [[UInt8]?]
    private var hashes: [UInt64]
    private var values: [Value?]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: nil, count: size)
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325  // FNV-1a
        for c in b { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        return h
    }

    @inline(__always)
    static func equal(_ key: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        key.count == b.count && key.withUnsafeBufferPointer { k in
            k.isEmpty || memcmp(k.baseAddress!, b.baseAddress!, b.count) == 0
        }
    }

    /// The value stored for these bytes, nil when absent.
    func get(_ b: UnsafeBufferPointer<UInt8>) -> Value? {
        let h = ByteCache.hash(b)
        var i = Int(truncatingIfNeeded: h) & mask
        while let key = keys[i] {
            if hashes[i] == h && ByteCache.equal(key, b) { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    mutating func set(_ b: UnsafeBufferPointer<UInt8>, _ value: Value) {
        if (count + 1) * 2 > keys.count { grow() }
        let h = ByteCache.hash(b)
        var i = Int(truncatingIfNeeded: h) & mask
        while let key = keys[i] {
            if hashes[i] == h && ByteCache.equal(key, b) { values[i] = value; return }
            i = (i + 1) & mask
        }
        keys[i] = Array(b)
        hashes[i] = h
        values[i] = value
        count += 1
    }

    private mutating func grow() {
        let old = (keys, hashes, values)
        let size = keys.count * 2
        keys = Array(repeating: nil, count: size)
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
        count = 0
        for j in 0..<old.0.count {
            guard let key = old.0[j], let value = old.2[j] else { continue }
            key.withUnsafeBufferPointer { set($0, value) }
        }
    }
}

/// A bounded cache from bytes to a value for values that keep coming back but are too many
/// to keep all (phone numbers of a million requests): direct-mapped, a new entry replaces
/// whatever had its slot. Fixed memory, no rehashing, no clearing.
struct RecentByteCache<Value> {
    private var keys: [[UInt8]]
    private var hashes: [UInt64]
    private var values: [Value?]
    private let mask: Int

    init(slots: Int = 1 << 16) {
        var size = 1
        while size < slots { size <<= 1 }
        keys = Array(repeating: [], count: size)
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    /// The cached value for these bytes, else `compute(bytes)` (cached unless nil).
    @inline(__always)
    mutating func value(_ b: UnsafeBufferPointer<UInt8>, _ compute: (UnsafeBufferPointer<UInt8>) -> Value?) -> Value? {
        let h = ByteCache<Value>.hash(b)
        let i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        if hashes[i] == h, let v = values[i], ByteCache<Value>.equal(keys[i], b) { return v }
        guard let v = compute(b) else { return nil }
        keys[i] = Array(b)
        hashes[i] = h
        values[i] = v
        return v
    }
}
