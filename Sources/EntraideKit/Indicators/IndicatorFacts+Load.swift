import Foundation
import GRDB

extension IndicatorFacts {
    /// Reads the three tables: the requests on this thread while another connection reads the
    /// volunteers and the assignments, then joins assignments to requests by walking both in
    /// `request_id` order (both tables are stored in that order).
    public static func load(store: Store) throws -> IndicatorFacts {
        do {
            // A scan reads each page once: a small page cache does as well as a big one.
            // Each connection reads its own snapshot: when an import committed between the two
            // (their last import differs), read again so that both tables come from one state.
            var attempt = 0
            while true {
                attempt += 1
                var (requests, assignments) = try store.readInParallel(
                    { db in try Timing.measure("indicators: requests read in") {
                        try withSmallCache(db) { (try lastImport(db), try RequestRows.read(db, latest: try latestImportTime(db))) } } },
                    { db in try Timing.measure("indicators: volunteers and assignments read in") {
                        try withSmallCache(db) { (try lastImport(db), try AssignmentRows.read(db, latest: try latestImportTime(db))) } } })
                if requests.0 == assignments.0 || attempt == 5 {
                    return Timing.measure("indicators: facts joined and indexed in") { assemble(&requests.1, &assignments.1) }
                }
            }
        } catch let error as DatabaseError {
            throw InternalError("reading the data for the indicators failed: \(error.message ?? "\(error)")")
        }
    }

    private static func lastImport(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM imports") ?? 0
    }

    /// When the latest import ran (UTC seconds): an event dated after it is dated in the future
    /// (the import warned about it) and is not the as-of instant. Nil without a logged import
    /// (a database written by another program): no event is left out.
    private static func latestImportTime(_ db: Database) throws -> Int64? {
        let texts = try String.fetchAll(db, sql: "SELECT imported_at FROM imports")
        return texts.compactMap { Timestamp(iso8601: $0).map { Int64($0.utc) } }.max()
    }

    private static func withSmallCache<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let size = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -1024")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(size)") }
        return try body()
    }

    /// Moves the rows into the facts (no copy of the big arrays) and joins them.
    private static func assemble(_ r: inout RequestRows, _ a: inout AssignmentRows) -> IndicatorFacts {
        var facts = IndicatorFacts()
        swap(&facts.requests, &r.requests)
        facts.domains = r.domains
        facts.residentCount = r.residentCount
        facts.volunteerCount = a.volunteerCount

        // Association names of both tables in one list.
        // Keyed by the names' bytes, like SQLite compares them: two spellings Swift finds equal
        // (a precomposed "É" and "E" + accent) stay two names, as in the database.
        facts.associations = r.associations
        var code: [[UInt8]: Int32] = [:]
        for (i, name) in r.associations.enumerated() where code[Array(name.utf8)] == nil {
            code[Array(name.utf8)] = Int32(i)  // (two byte strings decode alike only if not UTF-8)
        }
        let remap: [Int32] = a.volunteerAssociations.map { name in
            if let c = code[Array(name.utf8)] { return c }
            let c = Int32(facts.associations.count)
            facts.associations.append(name)
            code[Array(name.utf8)] = c
            return c
        }
        facts.volunteers = a.volunteers.map { v in
            var v = v
            if v.association >= 0 { v.association = remap[Int(v.association)] }
            return v
        }

        let requestOfGroup = ResponseDelay.join(&facts.requests, ids: r.ids, assignments: a)
        // The as-of instant: the latest event of either table (none dated after the latest import).
        let latest = [r.latestEvent, a.latestEvent].compactMap { $0 }.max()
        facts.coverage = DataCoverage(firstMonth: r.firstMonth.map(IndicatorFacts.month), lastMonth: latest?.month,
                                      asOf: latest, firstReceived: r.firstReceived)
        swap(&facts.assignments, &a.assignments)
        for k in facts.assignments.indices {
            let request = requestOfGroup[Int(facts.assignments[k].request)]
            facts.assignments[k].request = request
            if request >= 0 { facts.assignments[k].domain = facts.requests[Int(request)].domain }
        }

        let requests = facts.requests, assignments = facts.assignments
        facts.requestsByMonth = MonthIndex(count: requests.count) { requests[$0].month }
        facts.assignmentsByMatchedMonth = MonthIndex(count: assignments.count) { assignments[$0].matchedMonth }
        return facts
    }
}

// MARK: Reading rows

/// Byte strings stored end to end (request ids, in table order), compared like SQLite's BINARY collation.
struct ByteStrings: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int32] = []

    var count: Int { ends.count }

    mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: b)
        ends.append(Int32(bytes.count))
    }

    func withElement<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let lo = i == 0 ? 0 : Int(ends[i - 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[lo..<Int(ends[i])])) }
    }

    func equalsLast(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !ends.isEmpty else { return false }
        return withElement(ends.count - 1) {
            $0.count == b.count && ByteKeyIndex.bytesEqual($0.baseAddress, b.baseAddress, b.count)
        }
    }

    func compare(_ i: Int, with other: ByteStrings, _ j: Int) -> Int {
        withElement(i) { a in other.withElement(j) { b in ByteStrings.compare(a, b) } }
    }

    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }
}

/// A statement stepped row by row on the raw connection, with column readers that hand out
/// the bytes SQLite holds (valid until the next step).
struct RowScanner {
    let statement: RawStatement

    @inline(__always) func text(_ i: Int32) -> UnsafeBufferPointer<UInt8>? { statement.text(i) }

    @inline(__always) func double(_ i: Int32) -> Double? { statement.double(i) }

    static func scan(_ db: Database, _ sql: String, _ row: (RowScanner) throws -> Void) throws {
        let scanner = RowScanner(statement: try RawStatement(db, sql))
        try scanner.statement.forEachRow { try row(scanner) }
    }

    /// `YYYY-MM` as a month number (`Month.number`); `noMonth` for NULL.
    @inline(__always) static func month(_ b: UnsafeBufferPointer<UInt8>?) -> Int32? {
        guard let b else { return IndicatorFacts.noMonth }
        return Month.number(b)
    }

    /// `YYYY-MM-DD` as a day number.
    static func day(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        var v = [Int](repeating: 0, count: 3)
        for (k, range) in [0..<4, 5..<7, 8..<10].enumerated() {
            for j in range {
                let c = b[j] &- 48
                guard c <= 9 else { return nil }
                v[k] = v[k] * 10 + Int(c)
            }
        }
        guard (1...12).contains(v[1]), (1...31).contains(v[2]) else { return nil }
        return Int32(daysFromCivil(v[0], v[1], v[2]))
    }

    static func string(_ b: UnsafeBufferPointer<UInt8>?) -> String {
        b.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The error for a stored value the importer would never have written (a database edited by hand).
    static func badValue(_ table: String, _ id: UnsafeBufferPointer<UInt8>?, _ column: String,
                         _ value: UnsafeBufferPointer<UInt8>?) -> UserError {
        let id = string(id), value = string(value)
        return UserError(.badDatabase,
            fr: "la base contient dans \(table) la ligne « \(id) » avec \(column) « \(value) », ce que l'importation "
                + "n'écrit jamais ; corrigez la ligne ou importez de nouveau les données",
            en: "the database holds \(table) \"\(id)\" with \(column) \"\(value)\", "
                + "which the importer never writes; fix the row or import the data again")
    }
}

/// Dense indexes for labels read as bytes (domains, associations, residents, volunteers).
struct LabelTable {
    private var index: ByteKeyIndex
    private(set) var labels: [String] = []
    private let keepLabels: Bool

    init(keepLabels: Bool = true, capacity: Int = 64) {
        self.keepLabels = keepLabels
        index = ByteKeyIndex(capacity: capacity)
    }

    var count: Int { index.count }

    @inline(__always) mutating func index(_ b: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (n, isNew) = index.number(b)
        if isNew && keepLabels { labels.append(String(decoding: b, as: UTF8.self)) }
        return n
    }
}

/// Residents numbered in order of first sight. The importer's pseudonyms (`Pseudonym`) are
/// read as 64-bit numbers into a table of integers, which a million look-ups
/// cross faster than a table of byte strings; any other id (an export's own resident id) goes
/// through `ByteKeyIndex`.
struct ResidentIndex {
    /// Key and number side by side: a look-up touches one cache line.
    private struct Slot {
        var key: UInt64 = 0
        var number: Int32 = -1  // -1: empty slot
    }

    private var slots: [Slot]
    private var mask: Int
    private var others = ByteKeyIndex(capacity: 64)
    private var numberOfOther: [Int32] = []
    private var pseudonyms = 0
    private(set) var count = 0

    init() {
        slots = Array(repeating: Slot(), count: 1 << 16)
        mask = (1 << 16) - 1
    }

    @inline(__always) mutating func number(_ b: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let key = Pseudonym.value(b) else {
            let (n, isNew) = others.number(b)
            if isNew {
                numberOfOther.append(Int32(count))
                count += 1
            }
            return numberOfOther[Int(n)]
        }
        var i = Self.slot(key) & mask
        while slots[i].number >= 0 {
            if slots[i].key == key { return slots[i].number }
            i = (i + 1) & mask
        }
        let n = Int32(count)
        slots[i] = Slot(key: key, number: n)
        count += 1
        pseudonyms += 1
        if pseudonyms * 2 > slots.count { grow() }
        return n
    }

    @inline(__always) private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key ^ (key >> 31)) &* 0x9E37_79B9_7F4A_7C15 >> 20)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.number >= 0 {
            var i = Self.slot(slot.key) & mask
            while slots[i].number >= 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}

/// The requests table, decoded.
struct RequestRows: Sendable {
    var ids = ByteStrings()
    var requests: [IndicatorFacts.Request] = []
    var domains: [String] = []
    /// Month number of the earliest `received_at`, and that instant.
    var firstMonth: Int32?
    var firstReceived: Timestamp?
    /// The latest `received_at` not after `latest` (the as-of instant's candidate).
    var latestEvent: Timestamp?
    var associations: [String] = []
    var residentCount = 0

    /// - Parameter latest: when the latest import ran (UTC seconds); a later `received_at` is
    ///   dated in the future and is not the as-of instant.
    static func read(_ db: Database, latest: Int64?) throws -> RequestRows {
        var rows = RequestRows()
        let cap = latest ?? Int64.max
        var statuses = ByteKeyIndex(capacity: 8)  // numbered in the order of RequestStatus.allCases
        for s in RequestStatus.allCases {
            var raw = s.rawValue
            _ = raw.withUTF8 { statuses.number($0) }
        }
        let statusCount = Int32(RequestStatus.allCases.count)
        var domains = LabelTable()
        var associations = LabelTable()
        var residents = ResidentIndex()
        // `received_at` is local time with its offset: its first seven characters are the local
        // month (what `received_month` holds), so that column need not be read.
        try RowScanner.scan(db, """
            SELECT request_id, NULL, received_at, status, domain, resident_key, association
            FROM requests ORDER BY request_id
            """) { row in
            let id = row.text(0)
            guard let id, let at = row.text(2), let received = Timestamp(iso8601: at),
                  let month = RowScanner.month(UnsafeBufferPointer(rebasing: at[0..<7])) else {
                throw RowScanner.badValue("request", id, "received_at", row.text(2))
            }
            guard let s = row.text(3), case let status = statuses.number(s).number, status < statusCount else {
                throw RowScanner.badValue("request", id, "status", row.text(3))
            }
            guard let domain = row.text(4) else { throw RowScanner.badValue("request", id, "domain", nil) }
            rows.ids.append(id)
            rows.requests.append(IndicatorFacts.Request(
                month: month, status: UInt8(status), domain: UInt16(truncatingIfNeeded: domains.index(domain)),
                association: row.text(6).map { associations.index($0) } ?? -1,
                resident: row.text(5).map { residents.number($0) } ?? -1,
                matchDelay: IndicatorFacts.noTime, contactDelay: IndicatorFacts.noTime, received: Int64(received.utc)))
            if received < rows.firstReceived ?? Timestamp(utc: Int.max, offset: 0) {
                rows.firstReceived = received
                rows.firstMonth = month
            }
            if Int64(received.utc) <= cap, received > rows.latestEvent ?? Timestamp(utc: Int.min, offset: 0) {
                rows.latestEvent = received
            }
        }
        guard domains.count <= Int(UInt16.max) else { throw UserError(.badDatabase, fr: "la base contient plus de 65535 codes de domaine",
                                                                        en: "the database holds more than 65535 domain codes") }
        rows.domains = domains.labels
        rows.associations = associations.labels
        rows.residentCount = residents.count
        return rows
    }
}

/// The volunteers and assignments tables, decoded; assignments grouped by request id.
struct AssignmentRows: Sendable {
    var volunteers: [IndicatorFacts.Volunteer] = []
    var volunteerAssociations: [String] = []
    /// One entry per request id having assignments, in `request_id` order.
    var groupIDs = ByteStrings()
    var groupFirstMatched: [Int64] = []
    var groupFirstContacted: [Int64] = []
    /// `request` holds the group index until the join replaces it with the request's.
    var assignments: [IndicatorFacts.Assignment] = []
    var volunteerCount = 0
    /// The latest `matched_at`, `contacted_at` or `done_at` not after `latest`.
    var latestEvent: Timestamp?

    /// - Parameter latest: when the latest import ran (UTC seconds); a later event is dated in
    ///   the future and is not the as-of instant.
    static func read(_ db: Database, latest: Int64?) throws -> AssignmentRows {
        var rows = AssignmentRows()
        let cap = latest ?? Int64.max
        var latestEvent = Timestamp(utc: Int.min, offset: 0)
        /// Keeps `t` as the latest event unless it is dated after the latest import.
        @inline(__always) func note(_ t: Timestamp) {
            if Int64(t.utc) <= cap, t > latestEvent { latestEvent = t }
        }
        var associations = LabelTable()
        try RowScanner.scan(db, "SELECT volunteer_id, joined_on, left_on, association FROM volunteers") { row in
            guard let j = row.text(1), let joined = RowScanner.day(j) else {
                throw RowScanner.badValue("volunteer", row.text(0), "joined_on", row.text(1))
            }
            var left: Int32?
            if let l = row.text(2) {
                guard let d = RowScanner.day(l) else { throw RowScanner.badValue("volunteer", row.text(0), "left_on", l) }
                left = d
            }
            rows.volunteers.append(IndicatorFacts.Volunteer(
                joined: joined, left: left, association: row.text(3).map { associations.index($0) } ?? -1))
        }
        rows.volunteerAssociations = associations.labels

        var volunteers = LabelTable(keepLabels: false, capacity: 1 << 12)
        func seconds(_ b: UnsafeBufferPointer<UInt8>?, _ id: UnsafeBufferPointer<UInt8>?, _ column: String) throws -> Int64 {
            guard let b else { return IndicatorFacts.noTime }
            guard let t = Timestamp(iso8601: b) else { throw RowScanner.badValue("assignment of request", id, column, b) }
            note(t)
            return Int64(t.utc)
        }
        // As for requests, the local month of `matched_at` is its first seven characters.
        try RowScanner.scan(db, """
            SELECT request_id, volunteer_id, matched_at, done_at, contacted_at, done_month, hours
            FROM assignments ORDER BY request_id, volunteer_id
            """) { row in
            guard let id = row.text(0), let v = row.text(1) else { return }  // NOT NULL in the schema
            if !rows.groupIDs.equalsLast(id) {
                rows.groupIDs.append(id)
                rows.groupFirstMatched.append(IndicatorFacts.noTime)
                rows.groupFirstContacted.append(IndicatorFacts.noTime)
            }
            let g = rows.groupIDs.count - 1
            let matchedAt = row.text(2)
            ResponseDelay.keepEarliest(&rows.groupFirstMatched[g], try seconds(matchedAt, id, "matched_at"))
            ResponseDelay.keepEarliest(&rows.groupFirstContacted[g], try seconds(row.text(4), id, "contacted_at"))
            var matchedMonth = IndicatorFacts.noMonth
            if let at = matchedAt {  // parsed above: 25 bytes
                guard let m = RowScanner.month(UnsafeBufferPointer(rebasing: at[0..<7])) else {
                    throw RowScanner.badValue("assignment of request", id, "matched_at", at)
                }
                matchedMonth = m
            }
            let doneAt = row.text(3)
            if let doneAt, let t = Timestamp(iso8601: doneAt) { note(t) }
            guard let doneMonth = RowScanner.month(row.text(5)) else {
                throw RowScanner.badValue("assignment of request", id, "done_month", row.text(5))
            }
            // The local day of `done_at` is its first ten characters, as its month is its first seven.
            var doneDay = IndicatorFacts.noDay
            if let at = doneAt {
                guard at.count >= 10, let d = RowScanner.day(UnsafeBufferPointer(rebasing: at[0..<10])) else {
                    throw RowScanner.badValue("assignment of request", id, "done_at", at)
                }
                doneDay = d
            }
            let hours = row.double(6) ?? 0
            rows.assignments.append(IndicatorFacts.Assignment(
                request: Int32(g), volunteer: volunteers.index(v), matchedMonth: matchedMonth, doneMonth: doneMonth,
                hours: hours, doneDay: doneDay, hasHours: hours > 0))
        }
        rows.volunteerCount = volunteers.count
        if latestEvent.utc != Int.min { rows.latestEvent = latestEvent }
        return rows
    }
}
