import Foundation

/// Numbers distinct byte strings 0, 1, 2… in order of first sight (residents, volunteers,
/// domains of a million rows). Keys live end to end in one buffer and the open-addressing
/// table holds plain integers, so a look-up touches two arrays and allocates nothing.
struct ByteKeyIndex {
    /// 16 bytes: the table of a million keys takes 32 MB.
    private struct Slot {
        var hash: UInt32 = 0    // high half of the key's hash, to skip most comparisons
        var length: Int32 = -1  // -1: empty slot
        var start: Int32 = 0    // the key is keys[start ..< start + length]
        var number: Int32 = 0
    }

    private var slots: [Slot]
    private var keys: [UInt8] = []
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }  // at most three quarters full
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    /// A fast 64-bit hash of the bytes, eight at a time.
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
        guard let base = b.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= b.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < b.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < b.count {
                tail |= UInt64(b[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        return h ^ (h >> 29)
    }

    /// The number of these bytes, given to them now if they are new; `isNew` says which.
    @inline(__always)
    mutating func number(_ b: UnsafeBufferPointer<UInt8>) -> (number: Int32, isNew: Bool) {
        let h = ByteKeyIndex.hash(b)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.length < 0 { break }
            if slot.hash == UInt32(truncatingIfNeeded: h >> 32) && Int(slot.length) == b.count
                && equal(Int(slot.start), b) {
                return (slot.number, false)
            }
            i = (i + 1) & mask
        }
        let n = Int32(count)
        slots[i] = Slot(hash: UInt32(truncatingIfNeeded: h >> 32), length: Int32(b.count), start: Int32(keys.count),
                        number: n)
        keys.append(contentsOf: b)
        count += 1
        if count * 4 > slots.count * 3 { grow() }
        return (n, true)
    }

    /// The number of these bytes, nil when they were never given one.
    @inline(__always)
    func find(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = ByteKeyIndex.hash(b)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot.length < 0 { return nil }
            if slot.hash == UInt32(truncatingIfNeeded: h >> 32) && Int(slot.length) == b.count
                && equal(Int(slot.start), b) {
                return slot.number
            }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    private func equal(_ start: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        keys.withUnsafeBufferPointer { k in ByteKeyIndex.bytesEqual(k.baseAddress.map { $0 + start }, b.baseAddress, b.count) }
    }

    /// Compares eight bytes at a time, inline: keys are short, and a call to `memcmp` per
    /// look-up showed in profiles.
    @inline(__always)
    static func bytesEqual(_ p: UnsafePointer<UInt8>?, _ q: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
        guard n > 0 else { return true }
        guard let p, let q else { return false }
        let a = UnsafeRawPointer(p), b = UnsafeRawPointer(q)
        var i = 0
        while i + 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < n {
            if p[i] != q[i] { return false }
            i += 1
        }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.length >= 0 {
            // The slot keeps only half the hash: hash the key again to place it.
            let h = keys.withUnsafeBufferPointer {
                ByteKeyIndex.hash(UnsafeBufferPointer(rebasing: $0[Int(slot.start)..<(Int(slot.start) + Int(slot.length))]))
            }
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i].length >= 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
