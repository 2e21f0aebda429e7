import Foundation

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
@inline(__always)
func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
}

/// The civil date of a day number (inverse of `daysFromCivil`).
@inline(__always)
func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
}

func isValidCivilDate(_ y: Int, _ m: Int, _ d: Int) -> Bool {
    guard (1...12).contains(m), d >= 1 else { return false }
    let dim = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    return d <= (m == 2 && leap ? 29 : dim[m - 1])
}

/// An instant with the UTC offset of the network's time zone at that instant.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var utc: Int
    /// Offset of local time from UTC, in seconds, at that instant.
    public var offset: Int

    public init(utc: Int, offset: Int) {
        self.utc = utc
        self.offset = offset
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.utc < b.utc }

    /// Local wall-clock seconds since the epoch.
    public var localSeconds: Int { utc + offset }

    /// The local month, `YYYY-MM`.
    public var month: Month {
        let c = civilFromDays(Timestamp.floorDiv(localSeconds, 86400))
        return Month(year: c.year, month: c.month)
    }

    /// The local date, `YYYY-MM-DD`.
    public var dateString: String {
        withISO8601 { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<10]), as: UTF8.self) }
    }

    /// ISO 8601 local time with its offset: `2026-10-03T14:05:00+02:00`.
    public var iso8601: String {
        withISO8601 { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the 25 bytes of `iso8601`, without allocating (the importer's hot path).
    @inline(__always)
    public func withISO8601<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 25) { b in
            let local = localSeconds
            let days = Timestamp.floorDiv(local, 86400)
            let secs = local - days * 86400
            let c = civilFromDays(days)
            Timestamp.put4(b, 0, c.year); b[4] = 45
            Timestamp.put2(b, 5, c.month); b[7] = 45
            Timestamp.put2(b, 8, c.day); b[10] = 84  // T
            Timestamp.put2(b, 11, secs / 3600); b[13] = 58
            Timestamp.put2(b, 14, (secs / 60) % 60); b[16] = 58
            Timestamp.put2(b, 17, secs % 60)
            let off = abs(offset)
            b[19] = offset < 0 ? 45 : 43
            Timestamp.put2(b, 20, off / 3600); b[22] = 58
            Timestamp.put2(b, 23, (off / 60) % 60)
            return try body(UnsafeBufferPointer(b))
        }
    }

    /// Parses the stored form (`YYYY-MM-DDTHH:MM:SS±HH:MM`).
    public init?(iso8601 text: String) {
        var text = text
        guard let t = text.withUTF8({ Timestamp(iso8601: $0) }) else { return nil }
        self = t
    }

    /// Parses the stored form from its bytes (the indicators read millions of them).
    @inline(__always)
    public init?(iso8601 u: UnsafeBufferPointer<UInt8>) {
        guard u.count == 25, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[22] == 58,
              u[19] == 43 || u[19] == 45 else { return nil }
        var bad = false
        @inline(__always) func num(_ i: Int, _ n: Int) -> Int {
            var v = 0
            for k in i..<(i + n) {
                let c = u[k] &- 48
                if c > 9 { bad = true }
                v = v * 10 + Int(c)
            }
            return v
        }
        let y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2)
        let oh = num(20, 2), om = num(23, 2)
        guard !bad else { return nil }
        let off = (u[19] == 45 ? -1 : 1) * (oh * 3600 + om * 60)
        let local = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s
        self.init(utc: local - off, offset: off)
    }

    @inline(__always) static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
    @inline(__always) static func put2(_ b: UnsafeMutableBufferPointer<UInt8>, _ i: Int, _ v: Int) {
        b[i] = UInt8(48 + (v / 10) % 10); b[i + 1] = UInt8(48 + v % 10)
    }
    @inline(__always) static func put4(_ b: UnsafeMutableBufferPointer<UInt8>, _ i: Int, _ v: Int) {
        b[i] = UInt8(48 + (v / 1000) % 10); b[i + 1] = UInt8(48 + (v / 100) % 10)
        b[i + 2] = UInt8(48 + (v / 10) % 10); b[i + 3] = UInt8(48 + v % 10)
    }
}

/// Converts between wall-clock times of the network's time zone and instants.
/// Offsets are cached per hour, so converting a million timestamps asks Foundation
/// only a few thousand times.
public final class LocalClock {
    public let timeZone: TimeZone
    private var byUTCQuarter: [Int: Int] = [:]
    /// Direct-mapped cache of resolved local hours (hour number, its start), cheaper than a
    /// dictionary for the four timestamps of every imported row.
    private var byLocalHour = [(hour: Int, start: Timestamp)](repeating: (Int.min, Timestamp(utc: 0, offset: 0)),
                                                               count: 8192)

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    public convenience init?(identifier: String) {
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: tz)
    }

    /// Offset in force at a UTC instant.
    public func offset(atUTC utc: Int) -> Int {
        let quarter = Timestamp.floorDiv(utc, 900)
        if let cached = byUTCQuarter[quarter] { return cached }
        let off = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
        // Changes happen on a quarter hour in every zone (whole hours in most, :30 in a few).
        byUTCQuarter[quarter] = off
        return off
    }

    /// The instant of an instant given in UTC.
    public func timestamp(utc: Int) -> Timestamp {
        Timestamp(utc: utc, offset: offset(atUTC: utc))
    }

    /// The instant of a wall-clock time (seconds since the epoch as if local time were UTC).
    /// A time that falls in the spring gap is moved forward by the gap; an ambiguous autumn
    /// time is taken as the first (summer-time) occurrence.
    public func timestamp(local: Int) -> Timestamp {
        let hour = Timestamp.floorDiv(local, 3600)
        let slot = hour & 8191
        let cached = byLocalHour[slot]
        if cached.hour == hour {
            return Timestamp(utc: cached.start.utc + (local - hour * 3600), offset: cached.start.offset)
        }
        let start = resolve(local: hour * 3600)
        let result = resolve(local: local)
        // Cache whole hours that resolve uniformly: the same offset at both ends of the hour
        // (not the hour of a change, wherever in the hour it falls).
        let end = resolve(local: hour * 3600 + 3599)
        if result.offset == start.offset && end.offset == start.offset
            && result.utc - start.utc == local - hour * 3600 {
            byLocalHour[slot] = (hour, start)
        }
        return result
    }

    private func resolve(local: Int) -> Timestamp {
        // Try the offsets in force a day before and a day after: one of them fits.
        let before = offset(atUTC: local - 86400)
        let after = offset(atUTC: local + 86400)
        let first = max(before, after), second = min(before, after)
        for off in [first, second] where offset(atUTC: local - off) == off {
            return Timestamp(utc: local - off, offset: off)
        }
        // In the gap: keep the wall clock's distance from the change (02:30 → 03:30).
        let utc = local - second
        return Timestamp(utc: utc, offset: offset(atUTC: utc))
    }

    /// The instant at local midnight starting a month.
    public func start(of month: Month) -> Timestamp {
        timestamp(local: daysFromCivil(month.year, month.month, 1) * 86400)
    }
}
