import Foundation

/// Statement executions recorded while rows are read, run later against the database. It
/// lets the importer parse on one thread while SQLite writes on another: a batch owns copies
/// of the bytes it binds, so the CSV buffer can move on.
final class WriteBatch: @unchecked Sendable {
    enum Value {
        case null
        case text(offset: Int, count: Int)
        case double(Double)
        case int(Int)
    }

    struct Op {
        /// The raw value of the write's `ImportRun.Write`.
        var statement: Int
        var first: Int
        var count: Int
    }

    private(set) var bytes: [UInt8] = []
    private(set) var values: [Value] = []
    private(set) var ops: [Op] = []
    private var opStart = 0

    var opCount: Int { ops.count }

    init() {
        bytes.reserveCapacity(1 << 20)
        values.reserveCapacity(1 << 15)
        ops.reserveCapacity(4096)
    }

    func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        ops.removeAll(keepingCapacity: true)
        opStart = 0
    }

    /// Text; empty text is NULL.
    func text(_ b: UnsafeBufferPointer<UInt8>) {
        guard !b.isEmpty else { values.append(.null); return }
        values.append(.text(offset: bytes.count, count: b.count))
        bytes.append(contentsOf: b)
    }

    func text(_ s: String?) {
        guard var s else { values.append(.null); return }
        s.withUTF8 { text($0) }
    }

    func double(_ d: Double?) { values.append(d.map(Value.double) ?? .null) }
    func int(_ i: Int) { values.append(.int(i)) }

    /// A timestamp's stored form, and its month when `withMonth`.
    func timestamp(_ ts: Timestamp?, withMonth: Bool = false) {
        guard let ts else {
            values.append(.null)
            if withMonth { values.append(.null) }
            return
        }
        ts.withISO8601 { iso in
            text(iso)
            if withMonth { text(UnsafeBufferPointer(rebasing: iso[0..<7])) }
        }
    }

    /// Closes the values given since the last `end` as one execution of `write`.
    func end(_ write: ImportRun.Write) {
        ops.append(Op(statement: write.rawValue, first: opStart, count: values.count - opStart))
        opStart = values.count
    }

    /// A statement that writes `rows` rows per execution, each with `parameters` values.
    struct MultiRow {
        static let rows = 64
        let statement: RawStatement
        let parameters: Int
    }

    /// Runs every recorded execution, grouped by statement (in the order of their numbers,
    /// each group in recorded order), `MultiRow.rows` executions at a time where `multiRow`
    /// has a form of the statement for that (`multiRow` is indexed like `statements`): one
    /// execution per row costs SQLite a third more. Only for writes of rows that do not depend
    /// on each other (distinct ids), whose own writes are recorded in increasing statement order.
    func execute(on statements: [RawStatement], groupingRowsWith multiRow: [MultiRow?]) throws {
        var byStatement = [[Int]](repeating: [], count: statements.count)
        for (i, op) in ops.enumerated() { byStatement[op.statement].append(i) }
        try bytes.withUnsafeBufferPointer { base in
            for (statement, group) in byStatement.enumerated() where !group.isEmpty {
                var k = 0
                if let m = multiRow[statement] {
                    while group.count - k >= MultiRow.rows {
                        for r in 0..<MultiRow.rows {
                            let op = ops[group[k + r]]
                            precondition(op.count == m.parameters, "a multi-row write needs the same values for every row")
                            bind(op, to: m.statement, from: Int32(r * m.parameters), base)
                        }
                        try m.statement.execute()
                        k += MultiRow.rows
                    }
                }
                for i in group[k...] {
                    bind(ops[i], to: statements[statement], from: 0, base)
                    try statements[statement].execute()
                }
            }
        }
    }

    @inline(__always)
    private func bind(_ op: Op, to st: RawStatement, from first: Int32, _ base: UnsafeBufferPointer<UInt8>) {
        for j in 0..<op.count {
            let index = first + Int32(j + 1)
            switch values[op.first + j] {
            case .null: st.bindNull(index)
            case .text(let offset, let count):
                st.bindStatic(index, UnsafeBufferPointer(rebasing: base[offset..<(offset + count)]))
            case .double(let d): st.bind(index, d)
            case .int(let i): st.bind(index, i)
            }
        }
    }

    /// Runs every recorded execution, in order.
    func execute(on statements: [RawStatement]) throws {
        try bytes.withUnsafeBufferPointer { base in
            for op in ops {
                bind(op, to: statements[op.statement], from: 0, base)
                try statements[op.statement].execute()
            }
        }
    }
}

/// An upsert written for any number of rows: `row` numbers its parameters ?1…?N for one row,
/// and `sql(rows:)` renumbers them for each following row.
struct MultiRowSQL {
    let insert: String
    let row: String
    let parameters: Int
    let conflict: String

    func sql(rows: Int) -> String {
        let values = (0..<rows).map { r in
            r == 0 ? row : Self.renumber(row, by: r * parameters)
        }
        return insert + "\nVALUES " + values.joined(separator: ",\n       ") + "\n" + conflict
    }

    /// `?n` becomes `?(n + offset)` (also inside a string literal: the row templates have none).
    static func renumber(_ text: String, by offset: Int) -> String {
        var out = "", digits = "", inParameter = false
        func flush() {
            if inParameter, let n = Int(digits) { out += String(n + offset) }
            digits = ""
            inParameter = false
        }
        for c in text {
            if inParameter && c.isASCII && c.isNumber { digits.append(c); continue }
            flush()
            out.append(c)
            if c == "?" { inParameter = true }
        }
        flush()
        return out
    }
}

/// A bounded hand-off of batches from the parsing thread to the database thread.
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [WriteBatch] = []
    private var spare: [WriteBatch] = []
    private var closed = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 4) { self.capacity = capacity }

    /// How long `push` waited for room (the reading thread's idle time), for `ENTRAIDE_TIMING`.
    private(set) var pushWait: Duration = .zero

    /// Blocks while full; false when the consumer gave up (stop producing).
    func push(_ batch: WriteBatch) -> Bool {
        condition.lock(); defer { condition.unlock() }
        if items.count >= capacity && !cancelled {
            let clock = ContinuousClock(), start = clock.now
            while items.count >= capacity && !cancelled { condition.wait() }
            pushWait += clock.now - start
        }
        if cancelled { return false }
        items.append(batch)
        condition.broadcast()
        return true
    }

    /// Blocks while empty; nil once closed and drained.
    func pop() -> WriteBatch? {
        condition.lock(); defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        let b = items.removeFirst()
        condition.broadcast()
        return b
    }

    func close() {
        condition.lock(); closed = true; condition.broadcast(); condition.unlock()
    }

    func cancel() {
        condition.lock(); cancelled = true; items.removeAll(); condition.broadcast(); condition.unlock()
    }

    /// A used batch goes back for reuse (its buffers keep their capacity).
    func recycle(_ batch: WriteBatch) {
        batch.removeAll()
        condition.lock(); if spare.count < capacity { spare.append(batch) }; condition.unlock()
    }

    func fresh() -> WriteBatch {
        condition.lock(); defer { condition.unlock() }
        return spare.popLast() ?? WriteBatch()
    }
}
