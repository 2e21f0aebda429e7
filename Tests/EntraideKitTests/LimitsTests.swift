import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit

#if canImport(Glibc)
import Glibc
#endif

/// Issue 14: every number from a setting, an argument or the environment is range-checked, and
/// `query` keeps to its time, memory and value limits. Each test builds its hostile input.
@Suite struct LimitsTests {

    // MARK: - Running the executable with an environment, a wall clock and its peak memory

    struct Run { var status: Int32; var out: String; var err: String; var seconds: Double; var maxRSSBytes: Int }

    /// Runs the built `entraide` with `posix_spawn` and `wait4`, to read the child's own peak
    /// resident memory (`ru_maxrss`) as well as its status and output.
    static func run(_ arguments: [String], in dir: URL, environment extra: [String: String] = [:]) throws -> Run {
        guard let executable = EntraideCommand.executable else { throw EntraideCommand.NoExecutable() }
        let outPath = dir.appendingPathComponent("stdout-\(UUID().uuidString)").path
        let errPath = dir.appendingPathComponent("stderr-\(UUID().uuidString)").path
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let env = EntraideCommand.environment.merging(extra) { _, new in new }.map { "\($0.key)=\($0.value)" }
        // `cd` then `exec`: the child keeps its process, so wait4 reports entraide's own peak memory.
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", dir.path, executable.path] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = env.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        let rc = posix_spawn(&pid, "/bin/sh", &actions, nil, &cArgs, &cEnv)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(start)
        let exited = (status & 0x7F) == 0
        let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        func read(_ path: String) -> String {
            String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
        return Run(status: code, out: read(outPath), err: read(errPath), seconds: seconds,
                   maxRSSBytes: Int(usage.ru_maxrss) * 1024)
    }

    /// A folder with a small imported database (`entraide.sqlite`).
    static func importedFolder() throws -> TempDir {
        let dir = try TempDir("entraide-limits")
        try dir.write("benevoles.csv", Exports.volunteers)
        try dir.write("demandes.csv", Exports.requests)
        try dir.write("interventions.csv", Exports.assignments)
        let r = try run(["import", "benevoles.csv", "demandes.csv", "interventions.csv"], in: dir.url)
        #expect(r.status == 0, "\(r.err)")
        return dir
    }

    static func noCrash(_ r: Run, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, "\(what): status \(r.status): \(r.err.prefix(300))", sourceLocation: sourceLocation)
        #expect(!r.err.contains("Fatal error") && !r.err.contains("crashed") && !r.err.contains("internal error"),
                "\(what): \(r.err.prefix(300))", sourceLocation: sourceLocation)
    }

    // MARK: - Settings

    @Test("Every numeric setting has a range; a value outside it names the key and the range")
    func settingsRanges() throws {
        for setting in NumericSetting.allCases {
            let low = setting.range.lowerBound, high = setting.range.upperBound
            let outside: [String] = setting.isWhole
                ? [String(Int(low) - 1), String(Int(high) + 1), String(Int.max), String(Int.min)]
                : ["-0.01", String(high + 0.5), "1e17", "1e308", "9223372036854775807"]
            for value in outside {
                let toml = "\(setting.key) = \(value)"
                do {
                    _ = try Settings.parse(toml: toml)
                    Issue.record("\(toml) should be refused")
                } catch let error as UserError {
                    #expect(error.kind == .badSetting)
                    #expect(error.message.contains("setting `\(setting.key)`") && error.message.contains(setting.rangeText),
                            "\(toml): \(error.message)")
                }
            }
            // stale_after_days must also be more than wait_alert_days: at its lowest, with the lowest alert delay.
            let context = setting == .staleAfterDays ? "wait_alert_days = 1\n" : ""
            for value in setting.isWhole ? [String(Int(low)), String(Int(high))] : [String(low), String(high)] {
                #expect(throws: Never.self, "\(setting.key) = \(value)") {
                    try Settings.parse(toml: context + "\(setting.key) = \(value)")
                }
            }
        }
        #expect(Settings.responseTargetRange == 1...720)
    }

    @Test("Absurd settings are errors naming the key, never a crash of the commands")
    func absurdSettingsThroughTheCommands() throws {
        let dir = try Self.importedFolder()
        for toml in ["wait_alert_days = 9223372036854775807", "overload_threshold = 9223372036854775807",
                     "hourly_rate_eur = 1e17", "hourly_rate_eur = 1e308"] {
            try dir.write("entraide.toml", toml + "\n")
            let key = String(toml.prefix { $0 != " " })
            for arguments in [["indicators", "--month", "2026-10"],
                              ["report", "monthly", "--month", "2026-10", "--out", "r"]] {
                let r = try Self.run(arguments, in: dir.url)
                Self.noCrash(r, "\(toml): \(arguments)")
                #expect(r.err.contains("setting `\(key)`"), "\(r.err.prefix(300))")
            }
        }
    }

    @Test("Figures too large for an Int are formatted, never a crash (the note's numbers)")
    func hugeFiguresFormat() {
        let fr = ReportFormatter(language: .fr), en = ReportFormatter(language: .en)
        #expect(en.decimal(1e17, 1) == "100,000,000,000,000,000")
        #expect(en.euros(-1e20) == "€-100,000,000,000,000,000,000")
        #expect(fr.decimal(1e308, 0).count > 300)
        #expect(en.decimal(1234.56, 1) == "1,234.6")
    }

    // MARK: - Arguments and the environment

    @Test("Months, periods, --suppress-below and --timeout out of range are clear errors")
    func argumentRanges() throws {
        let dir = try Self.importedFolder()
        let cases: [([String], String)] = [
            (["report", "funder", "--from", "2026-01", "--to", "9999-12", "--out", "r"], "--to 9999-12"),
            (["indicators", "--from", "2000-01", "--to", "2100-12"], "at most 240 months"),
            (["report", "funder", "--from", "1990-01", "--to", "2026-12", "--out", "r"], "at most 240 months"),
            (["report", "monthly", "--month", "9999-12", "--out", "r"], "--month 9999-12"),
            (["indicators", "--month", "2201-01"], "--month 2201-01"),
            (["report", "funder", "--from", "2026-01", "--to", "2026-10", "--suppress-below", "1000000", "--out", "r"],
             "--suppress-below 1000000: give a count from 0 to 100"),
            (["query", "SELECT 1", "--timeout", "1e30"], "--timeout"),
            (["query", "SELECT 1", "--timeout", "3601"], "at most 3600"),
            (["query", "SELECT 1", "--timeout", "nan"], "--timeout"),
            (["sample", "--out", "s", "--end", "9999-12"], "--end 9999-12"),
            (["sample", "--out", "s", "--months", "12", "--end", "1903-12"], "from 1904-01 to 2199-12"),
        ]
        for (arguments, expected) in cases {
            let r = try Self.run(arguments, in: dir.url)
            Self.noCrash(r, "\(arguments)")
            #expect(r.err.contains(expected), "\(arguments): \(r.err.prefix(300))")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("s")), "the refused sample wrote nothing")
        // The longest period is accepted.
        let longest = try Self.run(["indicators", "--from", "2007-01", "--to", "2026-12", "--format", "csv"], in: dir.url)
        #expect(longest.status == 0, "\(longest.err)")
    }

    @Test("SOURCE_DATE_EPOCH and --created outside 1980…9999 are refused, never a crash in strftime")
    func creationTimeRange() throws {
        for text in ["99999999999999999", "253402300800", "315532799", "-5"] {
            #expect(throws: UserError.self, "\(text)") {
                try WorkbookOptions.sourceDateEpoch(environment: ["SOURCE_DATE_EPOCH": text])
            }
        }
        for seconds in [WorkbookOptions.createdRange.lowerBound, WorkbookOptions.createdRange.upperBound] {
            #expect(try WorkbookOptions.sourceDateEpoch(environment: ["SOURCE_DATE_EPOCH": String(seconds)])
                    == Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        let dir = try Self.importedFolder()
        let epoch = try Self.run(["report", "monthly", "--month", "2026-10", "--out", "r"], in: dir.url,
                                 environment: ["SOURCE_DATE_EPOCH": "99999999999999999"])
        Self.noCrash(epoch, "SOURCE_DATE_EPOCH")
        #expect(epoch.err.contains("SOURCE_DATE_EPOCH=99999999999999999: give a time from 315532800"))
        let last = try Self.run(["report", "funder", "--from", "2026-01", "--to", "2026-10", "--out", "r",
                                 "--created", "9999-12-31T23:59:59Z"], in: dir.url)
        #expect(last.status == 0, "\(last.err)")
        let tooLate = try Self.run(["report", "funder", "--from", "2026-01", "--to", "2026-10", "--out", "r"], in: dir.url,
                                   environment: ["SOURCE_DATE_EPOCH": "253402300800"])
        Self.noCrash(tooLate, "SOURCE_DATE_EPOCH past 9999")
    }

    @Test("A sample at either end of the accepted months imports without an error; beyond, it is refused")
    func sampleEndMonths() throws {
        let accepted = SampleOptions.endMonths(months: 12)
        #expect(accepted == Month(year: 1904, month: 1)...Month(year: 2199, month: 12))
        for end in [accepted.lowerBound, accepted.upperBound] {
            let f = try ImportFixture()
            let s = try SampleGenerator.write(to: f.dir.url.appendingPathComponent("export"),
                                              options: SampleOptions(months: 12, requestsPerMonth: 60, endMonth: end))
            let summary = try f.run([s.volunteersFile.path, s.requestsFile.path, s.assignmentsFile.path])
            #expect(summary.committed && summary.errorCount == 0, "\(end): \(summary.errors.prefix(3))")
        }
        for end in [Month(year: 9999, month: 12), accepted.upperBound.adding(1), accepted.lowerBound.adding(-1)] {
            let dir = try TempDir()
            #expect(throws: UserError.self, "\(end)") {
                try SampleGenerator.write(to: dir.url, options: SampleOptions(months: 12, requestsPerMonth: 5, endMonth: end))
            }
        }
    }

    // MARK: - query's limits

    /// Runs `sql` with `--timeout` through the executable and checks that it was stopped with one
    /// of `messages`, in less than `seconds`, with a peak memory below `peak` bytes.
    func expectStopped(_ sql: String, timeout: Int, within seconds: Double, messages: [String], peak: Int,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try Self.importedFolder()
        let r = try Self.run(["query", sql, "--timeout", String(timeout), "--format", "csv"], in: dir.url)
        Self.noCrash(r, sql, sourceLocation: sourceLocation)
        #expect(messages.contains { r.err.contains($0) }, "\(r.err)", sourceLocation: sourceLocation)
        #expect(r.seconds < seconds, "ran \(r.seconds) s", sourceLocation: sourceLocation)
        #expect(r.maxRSSBytes < peak, "peak memory \(r.maxRSSBytes >> 20) MiB", sourceLocation: sourceLocation)
    }

    /// `count` values made by `value` (`randomblob(100)`), sorted.
    func sortSQL(_ count: Int, _ value: String) -> String {
        "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < \(count)) "
            + "SELECT length(b) FROM (SELECT \(value) AS b FROM c ORDER BY b)"
    }

    @Test("A sort of large blobs ends within --timeout + 1 s with a clear error and bounded memory")
    func blobSortLimits() throws {
        // 60 values of 20 MB (1.2 GB) to sort: SQLite runs few steps, each long.
        try expectStopped(sortSQL(60, "randomblob(20000000)"), timeout: 2, within: 3,
                          messages: ["time limit of 2 s", "GiB of memory", "GiB of temporary files"], peak: 1_536 << 20)
    }

    @Test("A string-doubling recursive query stops at the value limit, fast and with bounded memory")
    func stringDoublingLimits() throws {
        try expectStopped("WITH RECURSIVE r(s) AS (SELECT 'x' UNION ALL SELECT s || s FROM r) SELECT length(s) FROM r",
                          timeout: 5, within: 6, messages: ["larger than 100 MB"], peak: 1_024 << 20)
    }

    @Test("A sort of millions of small values ends within --timeout + 1 s")
    func manySmallValuesSortLimits() throws {
        try expectStopped(sortSQL(3_000_000, "randomblob(100)"), timeout: 1, within: 2,
                          messages: ["time limit of 1 s"], peak: 1_536 << 20)
    }

    @Test("A sort whose temporary files outgrow 1 GiB is stopped with a clear error, well within its time limit")
    func temporaryFilesLimit() throws {
        // 80 values of 20 MB (1.6 GB), fast to make: the sort spills them to temporary files.
        try expectStopped(sortSQL(80, "zeroblob(20000000)"), timeout: 30, within: 15,
                          messages: ["more than 1 GiB of temporary files", "GiB of memory"], peak: 1_536 << 20)
    }

    @Test("Past its deadline, a query that does not return is stopped by the watchdog; never while the output is written")
    func watchdogStopsAnOverrun() throws {
        let f = try QueryFixture()
        let connection = try ReadOnlyConnection(path: f.dbPath)
        final class Stops: @unchecked Sendable { let lock = NSLock(); var at: [UInt64] = [] }
        let stops = Stops()
        // Output being written: the deadline passes, nothing happens.
        connection.state.writingSince.store(monotonicNanos(), ordering: .relaxed)
        let start = monotonicNanos()
        connection.state.deadline.store(start + 100_000_000, ordering: .relaxed)
        let watchdog = QueryWatchdog(connection: connection) { _ in
            stops.lock.lock(); stops.at.append(monotonicNanos()); stops.lock.unlock()
        }
        usleep(1_200_000)
        stops.lock.lock(); #expect(stops.at.isEmpty); stops.lock.unlock()
        // Writing done (the deadline moved by it): interrupted at the new deadline, stopped 0.75 s later.
        connection.state.deadline.store(monotonicNanos() + 100_000_000, ordering: .relaxed)
        let resumed = monotonicNanos()
        connection.state.writingSince.store(0, ordering: .relaxed)
        usleep(1_700_000)
        watchdog.stop()
        stops.lock.lock(); defer { stops.lock.unlock() }
        #expect(stops.at.count == 1)
        let timedOut = connection.state.timedOut.load(ordering: .relaxed)
        #expect(timedOut)
        if let at = stops.at.first {
            let after = Double(at - resumed) / 1e9
            #expect(after > 0.8 && after < 1.5, "stopped \(after) s after the writing ended")
        }
    }

    @Test("The watchdog counts the process's unlinked open files, SQLite's temporary files")
    func unlinkedFilesAreCounted() throws {
        let dir = try TempDir()
        let path = dir.path("temp")
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0)
        unlink(path)
        let chunk = [UInt8](repeating: 1, count: 1 << 20)
        for _ in 0..<8 { _ = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
        fsync(fd)
        // Other tests' temporary files can only add to it.
        #expect(QueryLimits.unlinkedFileBytes() >= 7 << 20)
        close(fd)
    }

    @Test("`:a`, `@a` and `$a` are all bound by --param a=…")
    func everyFormOfAParameter() throws {
        let f = try QueryFixture()
        #expect(try f.text("SELECT :a AS x, @a AS y, $a AS z, :b AS w", params: ["a=1", "b=deux"]) == "x,y,z,w\n1,1,1,deux\n")
        #expect(try f.text("SELECT $a || @a AS x", params: ["$a=2026-10"]) == "x\n2026-102026-10\n")
    }

    @Test("A text longer than an Excel cell in `query --format xlsx` is a clear error, not an internal one")
    func longTextInQueryWorkbook() throws {
        let f = try QueryFixture()
        let message: String
        do {
            _ = try f.run("SELECT printf('%.*c', 40000, 'x') AS t", format: .xlsx)
            message = "no error"
        } catch let error as UserError {
            message = error.message
        }
        #expect(message.contains("row 1, column t: a text of 40000 characters does not fit in an Excel cell"), "\(message)")
        // At the limit, it fits.
        _ = try f.run("SELECT printf('%.*c', 32767, 'é') AS t", format: .xlsx)
    }

    @Test("README lists every numeric setting with the range the check uses")
    func readmeListsTheRanges() throws {
        let readme = try String(contentsOf: TestPaths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        for setting in NumericSetting.allCases {
            let range = setting.rangeText.replacingOccurrences(of: "from ", with: "")
            #expect(readme.components(separatedBy: "\n").contains { $0.contains("`\(setting.key)`") && $0.contains(range) },
                    "README: \(setting.key) \(range)")
        }
    }

    // MARK: - Long texts in the workbooks

    @Test("A 40,000-character association name is cut with an ellipsis in the workbooks, not a failure")
    func longNamesInWorkbooks() throws {
        let name = String(repeating: "Association très longue & ", count: 1_600)  // 41,600 characters
        #expect(name.count > 40_000)
        let settings = try Settings.parse(toml: "network_name = \"\(String(repeating: "Réseau & ", count: 5_000))\"")
        let f = try ImportFixture(settings: settings)
        let requests = """
            N° demande;Date d'appel;Type de service;Statut;Association
            D1;03/10/2026 14:05;Courses;En attente;\(name)
            D2;04/10/2026 10:00;Courses;Réalisée;Centre social
            """ + "\n"
        let summary = try f.run([try f.dir.write("demandes.csv", requests)])
        #expect(summary.committed)
        let options = WorkbookOptions(created: Date(timeIntervalSince1970: 1_790_000_000))
        let funder = try ReportWorkbook.writeFunder(store: f.store, settings: settings, from: Month(year: 2026, month: 10),
                                                    to: Month(year: 2026, month: 10), outDirectory: f.dir.path("r"),
                                                    options: options)
        #expect(FileManager.default.fileExists(atPath: funder))
        let monthly = try MonthlyReport.write(store: f.store, settings: settings, month: Month(year: 2026, month: 10),
                                              association: name, outDirectory: f.dir.path("m"), options: options,
                                              now: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(monthly.contains { $0.hasSuffix(".xlsx") })

        let cut = ExcelText.fitted(name, maxBytes: ExcelText.cellBytes)
        #expect(cut.utf8.count <= ExcelText.cellBytes && cut.hasSuffix("…") && name.hasPrefix(cut.dropLast()))
        #expect(ExcelText.fitted("court", maxBytes: 10) == "court")
        let section = ExcelText.headerFooterSection(String(repeating: "&", count: 300), maxBytes: 100)
        #expect(section.utf8.count <= 100 && section.dropLast().count % 2 == 0)
    }
}
