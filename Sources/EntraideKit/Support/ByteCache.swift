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

/// A cache from bytes to a value for values that keep coming back but could be too many to
/// keep all (phone numbers): an exact map that starts again empty past `limit` entries, so
/// memory stays bounded whatever the file.
struct BoundedByteCache<Value> {
    private var cache: ByteCache<Value>
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        cache = ByteCache(capacity: 1 << 12)
    }

    /// The cached value for these bytes, else `compute(bytes)` (cached unless nil).
    @inline(__always)
    mutating func value(_ b: UnsafeBufferPointer<UInt8>, _ compute: (UnsafeBufferPointer<UInt8>) -> Value?) -> Value? {
        if let v = cache.get(b) { return v }
        guard let v = compute(b) else { return nil }
        if cache.count >= limit { cache = ByteCache(capacity: 1 << 12) }
        cache.set(b, v)
        return v
    }
}
