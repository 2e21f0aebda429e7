import Foundation
import SharedTestSupport
import Testing

/// The one output-path policy (Support/OutputFile.swift) as a user meets it through every
/// command that writes a file, and the writes to standard output: each test builds the
/// misuse or the fault itself (a path onto the database, a full disk through `ulimit -f`,
/// `> /dev/full`) and runs the built executable.
@Suite struct OutputPathTests {
    /// A folder with an imported database (`entraide.sqlite` and its key) and the exports.
    final class Network {
        let dir: TempDir
        init() throws {
            dir = try TempDir("entraide-output")
            try dir.write("benevoles.csv", Exports.volunteers)
            try dir.write("demandes.csv", Exports.requests)
            let r = try run(["import", "benevoles.csv", "demandes.csv"])
            guard r.status == 0 else { throw Failed(message: "setup import: \(r.err)") }
        }

        func run(_ arguments: [String], setup: String = "", redirect: String = "") throws -> EntraideCommand.Result {
            setup.isEmpty && redirect.isEmpty ? try EntraideCommand.run(arguments, in: dir.url)
                : try EntraideCommand.run(arguments, in: dir.url, setup: setup, redirect: redirect)
        }

        func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: dir.path(name)) }

        /// The folder's entries (recursively), for "nothing left behind".
        func entries(_ sub: String = "") -> Set<String> {
            Set((FileManager.default.subpaths(atPath: sub.isEmpty ? dir.url.path : dir.path(sub)) ?? []))
        }

        /// A requests export with one valid row and `invalid` rows whose date cannot be read.
        @discardableResult
        func badRequests(_ name: String = "demandes-fausses.csv", invalid: Int = 3) throws -> String {
            var text = "N° demande;Date d'appel;Type de service\nOK1;03/10/2026 10:00;Courses\n"
            for i in 0..<invalid { text += "X\(i);32/10/2026;Courses\n" }
            return try dir.write(name, text)
        }
    }

    struct Failed: Error { var message: String }

    static func noCrash(_ r: EntraideCommand.Result) -> Bool {
        r.status < 128 && !r.err.contains("Fatal error") && !r.err.contains("Stack dump")
            && !r.err.contains("Program crashed") && !r.err.contains("NSCocoaErrorDomain")
    }

    // MARK: --rejects

    @Test("--rejects onto the database, its key, its journal, an input or a folder is refused and harms nothing",
          arguments: ["entraide.sqlite", "entraide.sqlite.key", "entraide.sqlite-journal", "entraide.sqlite-wal",
                      "demandes-fausses.csv", "lien-dur.csv", "lien-symbolique.csv", "./sous/../entraide.sqlite",
                      "dossier"])
    func rejectsOntoProtectedPath(target: String) throws {
        let n = try Network()
        try n.badRequests()
        try FileManager.default.createDirectory(atPath: n.dir.path("sous"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: n.dir.path("dossier"), withIntermediateDirectories: true)
        #expect(link(n.dir.path("demandes-fausses.csv"), n.dir.path("lien-dur.csv")) == 0)
        try FileManager.default.createSymbolicLink(atPath: n.dir.path("lien-symbolique.csv"),
                                                   withDestinationPath: "demandes-fausses.csv")
        let before = ["entraide.sqlite", "entraide.sqlite.key", "demandes-fausses.csv"].map(n.bytes)
        let entries = n.entries()

        let r = try n.run(["import", "--skip-invalid", "--rejects", target, "demandes-fausses.csv"])
        #expect(r.status == 1, "\(r.out)\(r.err)")
        #expect(r.err.contains("--rejects \(target)"), "\(r.err)")
        #expect(r.err.contains("give") || r.err.contains("choose"), "\(r.err)")
        #expect(Self.noCrash(r))
        #expect(["entraide.sqlite", "entraide.sqlite.key", "demandes-fausses.csv"].map(n.bytes) == before)
        #expect(n.entries() == entries)
    }

    @Test("--rejects replaces an older rejects file only when the import commits, and leaves no temporary file")
    func rejectsReplaced() throws {
        let n = try Network()
        try n.badRequests()
        try n.dir.write("rejets.csv", "OLD\n")
        let r = try n.run(["import", "--skip-invalid", "--rejects", "rejets.csv", "demandes-fausses.csv"])
        #expect(r.status == 0, "\(r.err)")
        let text = String(decoding: n.bytes("rejets.csv") ?? Data(), as: UTF8.self)
        #expect(text.contains("X2") && !text.contains("OLD"))
        #expect(n.entries().allSatisfy { !$0.hasPrefix(".") }, "\(n.entries())")
    }

    @Test("A full disk while writing the rejects fails the import cleanly: old rejects file kept, nothing committed")
    func rejectsOnFullDisk() throws {
        let n = try Network()
        try n.badRequests(invalid: 6000)
        try n.dir.write("rejets.csv", "OLD\n")
        let database = n.bytes("entraide.sqlite")
        let entries = n.entries()
        let limit = (database?.count ?? 0) / 512 + 200   // room for the database, not for the rejects
        let r = try n.run(["import", "--skip-invalid", "--rejects", "rejets.csv", "demandes-fausses.csv"],
                          setup: "ulimit -f \(limit); trap '' XFSZ")
        #expect(r.status == 1, "\(r.out)\(r.err)")
        #expect(r.err.contains("rejets.csv") && r.err.contains("File too large"), "\(r.err)")
        #expect(Self.noCrash(r))
        #expect(n.bytes("rejets.csv") == Data("OLD\n".utf8))
        #expect(n.entries() == entries, "left behind: \(n.entries().subtracting(entries))")
        #expect(n.bytes("entraide.sqlite") == database)
    }

    // MARK: query --output

    @Test("query --output onto the key, the database (also by a hard link), its journal or a folder is refused",
          arguments: ["entraide.sqlite.key", "copie.sqlite", "entraide.sqlite-wal", "dossier", "benevoles.csv/x.csv"])
    func queryOutputOntoProtectedPath(target: String) throws {
        let n = try Network()
        #expect(link(n.dir.path("entraide.sqlite"), n.dir.path("copie.sqlite")) == 0)
        try FileManager.default.createDirectory(atPath: n.dir.path("dossier"), withIntermediateDirectories: true)
        let before = ["entraide.sqlite", "entraide.sqlite.key"].map(n.bytes)
        let entries = n.entries()
        for format in ["csv", "xlsx"] {
            let r = try n.run(["query", "SELECT request_id FROM requests", "--format", format, "--output", target])
            #expect(r.status == 1, "\(format) \(target): \(r.err)")
            #expect(r.err.contains("--output \(target)"), "\(r.err)")
            #expect(Self.noCrash(r))
        }
        #expect(["entraide.sqlite", "entraide.sqlite.key"].map(n.bytes) == before)
        #expect(n.entries() == entries)
        // And the key still works: the next import is accepted.
        #expect(try n.run(["import", "demandes.csv"]).status == 0)
    }

    @Test("query --output on a full disk keeps the previous file and leaves no temporary file",
          arguments: ["csv", "xlsx"])
    func queryOutputOnFullDisk(format: String) throws {
        let n = try Network()
        try n.dir.write("resultat.\(format)", "OLD\n")
        let entries = n.entries()
        let sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100000) "
            + "SELECT x, 'une ligne assez longue pour remplir le fichier' AS t FROM c"
        let r = try n.run(["query", sql, "--format", format, "--output", "resultat.\(format)"],
                          setup: "ulimit -f 40; trap '' XFSZ")
        #expect(r.status == 1, "\(r.err)")
        // libxlsxwriter does not see its temporary files' writes fail: the check of the
        // workbook does, and says what is probably full.
        #expect(r.err.contains("File too large") || (format == "xlsx" && r.err.contains("incomplete")), "\(r.err)")
        #expect(Self.noCrash(r))
        #expect(n.bytes("resultat.\(format)") == Data("OLD\n".utf8))
        #expect(n.entries() == entries, "left behind: \(n.entries().subtracting(entries))")
    }

    @Test("An output that is a named pipe is written in place and stays a pipe; a workbook is refused there")
    func queryOutputToPipe() throws {
        let n = try Network()
        #expect(mkfifo(n.dir.path("tuyau"), 0o600) == 0)
        // The shell starts a reader of the pipe, runs the command and waits for the reader.
        let withReader = "timeout 20 cat tuyau > recu.txt & \"$0\" \"$@\"; s=$?; wait; exit $s\n"
        let csv = try n.run(["query", "SELECT request_id FROM requests ORDER BY 1", "--format", "csv", "--output", "tuyau"],
                            setup: withReader)
        #expect(csv.status == 0, "\(csv.err)")
        #expect(String(decoding: n.bytes("recu.txt") ?? Data(), as: UTF8.self).contains("D4"))
        var s = stat()
        #expect(lstat(n.dir.path("tuyau"), &s) == 0 && (s.st_mode & S_IFMT) == S_IFIFO)
        let xlsx = try n.run(["query", "SELECT request_id FROM requests", "--format", "xlsx", "--output", "tuyau"],
                             setup: withReader)
        #expect(xlsx.status == 1 && xlsx.err.contains("pipe"), "\(xlsx.err)")
        #expect(lstat(n.dir.path("tuyau"), &s) == 0 && (s.st_mode & S_IFMT) == S_IFIFO)
        #expect(n.entries().allSatisfy { !$0.hasPrefix(".") }, "\(n.entries())")
    }

    @Test("An output that is a device is written in place, never replaced by a file")
    func outputToDevice() throws {
        let n = try Network()
        // A null device of the test's own (as /dev/null), when the tests may create one (root).
        guard try n.run(["--version"], setup: "mknod nul c 1 3 || exit 3").status == 0 else { return }
        for arguments in [["query", "SELECT 1", "--format", "csv", "--output", "nul"],
                          ["query", "SELECT 1", "--format", "xlsx", "--output", "nul"]] {
            let r = try n.run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.err)")
            var s = stat()
            #expect(lstat(n.dir.path("nul"), &s) == 0 && (s.st_mode & S_IFMT) == S_IFCHR, "\(arguments)")
        }
        #expect(n.entries().allSatisfy { !$0.hasPrefix(".") }, "\(n.entries())")
    }

    // MARK: Reports

    @Test("A workbook written on a full disk does not replace the previous good one", arguments: ["funder", "monthly"])
    func reportOnFullDisk(kind: String) throws {
        let n = try Network()
        let arguments = kind == "funder"
            ? ["report", "funder", "--from", "2026-01", "--to", "2026-10", "--out", "rapports"]
            : ["report", "monthly", "--month", "2026-10", "--out", "rapports"]
        let good = try n.run(arguments)
        #expect(good.status == 0, "\(good.err)")
        let files = n.entries("rapports")
        let before = files.map { n.bytes("rapports/\($0)") }
        let r = try n.run(arguments + ["--lang", "fr"], setup: "ulimit -f 8; trap '' XFSZ")
        #expect(r.status == 1, "\(r.out)\(r.err)")
        #expect(r.err.contains("File too large") && r.err.contains("rapports/"), "\(r.err)")
        #expect(Self.noCrash(r))
        #expect(n.entries("rapports") == files, "left behind: \(n.entries("rapports").subtracting(files))")
        #expect(files.map { n.bytes("rapports/\($0)") } == before)
    }

    @Test("A report never overwrites the database, even one named like the report in the --out folder")
    func reportOntoDatabase() throws {
        let n = try Network()
        try FileManager.default.createDirectory(atPath: n.dir.path("rapports"), withIntermediateDirectories: true)
        let name = "rapports/entraide-financeurs-2026-10_2026-10.xlsx"
        try FileManager.default.copyItem(atPath: n.dir.path("entraide.sqlite"), toPath: n.dir.path(name))
        try FileManager.default.copyItem(atPath: n.dir.path("entraide.sqlite.key"), toPath: n.dir.path(name + ".key"))
        let before = n.bytes(name)
        let r = try n.run(["report", "funder", "--db", name, "--from", "2026-10", "--to", "2026-10", "--out", "rapports"])
        #expect(r.status == 1, "\(r.err)")
        #expect(r.err.contains("is the database"), "\(r.err)")
        #expect(n.bytes(name) == before)
    }

    @Test("An output folder that cannot be created says why in plain words", arguments: [
        ["report", "funder", "--from", "2026-10", "--to", "2026-10", "--out", "benevoles.csv/rapports"],
        ["report", "monthly", "--month", "2026-10", "--out", "benevoles.csv/rapports"],
        ["sample", "--months", "1", "--requests-per-month", "5", "--out", "benevoles.csv/export"],
        ["demo", "--out", "benevoles.csv/demo"],
    ])
    func folderErrors(arguments: [String]) throws {
        let n = try Network()
        let r = try n.run(arguments)
        #expect(r.status == 1, "\(r.err)")
        #expect(r.err.contains("benevoles.csv") && r.err.contains("Not a directory"), "\(r.err)")
        #expect(Self.noCrash(r), "\(r.err)")
    }

    /// Foundation's `deletingLastPathComponent` traps on one-character paths: `--out r` crashed.
    @Test("One-character output names (--out r, --output q, --rejects z) work")
    func oneCharacterNames() throws {
        let n = try Network()
        let report = try n.run(["report", "funder", "--from", "2026-09", "--to", "2026-10", "--out", "r"])
        #expect(report.status == 0 && Self.noCrash(report), "\(report.err)")
        #expect(n.entries("r").contains { $0.hasSuffix(".xlsx") })
        let query = try n.run(["query", "SELECT 1 AS one", "--format", "csv", "--output", "q"])
        #expect(query.status == 0 && n.bytes("q") == Data("one\n1\n".utf8), "\(query.err)")
        let workbook = try n.run(["query", "SELECT 1 AS one", "--format", "xlsx", "--output", "w"])
        #expect(workbook.status == 0 && Self.noCrash(workbook), "\(workbook.err)")
        try n.badRequests()
        let rejects = try n.run(["import", "--skip-invalid", "--rejects", "z", "demandes-fausses.csv"])
        #expect(rejects.status == 0 && n.bytes("z") != nil, "\(rejects.err)")
    }

    @Test("report --out naming a file is refused")
    func reportOutIsFile() throws {
        let n = try Network()
        let before = n.bytes("benevoles.csv")
        let r = try n.run(["report", "monthly", "--month", "2026-10", "--out", "benevoles.csv"])
        #expect(r.status == 1 && r.err.contains("is a file"), "\(r.err)")
        #expect(n.bytes("benevoles.csv") == before)
    }

    // MARK: Sample

    @Test("A sample written on a full disk keeps the previous export whole and leaves no temporary file")
    func sampleOnFullDisk() throws {
        let n = try Network()
        let arguments = ["sample", "--months", "2", "--requests-per-month", "400", "--end", "2026-10", "--out", "export"]
        #expect(try n.run(arguments + ["--seed", "1"]).status == 0)
        let files = n.entries("export")
        let before = files.map { n.bytes("export/\($0)") }
        let r = try n.run(arguments + ["--seed", "2"], setup: "ulimit -f 60; trap '' XFSZ")
        #expect(r.status == 1, "\(r.err)")
        #expect(r.err.contains("File too large"), "\(r.err)")
        #expect(Self.noCrash(r))
        #expect(n.entries("export") == files, "left behind: \(n.entries("export").subtracting(files))")
        #expect(files.map { n.bytes("export/\($0)") } == before)
    }

    // MARK: Standard output

    static let stdoutCommands: [[String]] = [
        ["indicators", "--month", "2026-10"],
        ["indicators", "--month", "2026-10", "--format", "json"],
        ["queries"],
        ["query", "SELECT request_id FROM requests"],
        ["import", "demandes.csv"],
        ["report", "monthly", "--month", "2026-10", "--out", "rapports"],
        ["report", "funder", "--from", "2026-10", "--to", "2026-10", "--out", "rapports"],
        ["sample", "--months", "1", "--requests-per-month", "5", "--out", "export"],
        ["demo", "--out", "demo"],
        ["--help"],
        ["--version"],
    ]

    @Test("Every command fails with exit 1 and a message when standard output is full", arguments: stdoutCommands)
    func standardOutputFull(arguments: [String]) throws {
        let n = try Network()
        let r = try n.run(arguments, redirect: ">/dev/full")
        #expect(r.status == 1, "\(arguments): \(r.status) \(r.err)")
        #expect(r.err.contains("cannot write to standard output: No space left on device"), "\(r.err)")
        #expect(Self.noCrash(r))
    }

    @Test("Every command fails with exit 1 and a message when standard output is closed", arguments: stdoutCommands)
    func standardOutputClosed(arguments: [String]) throws {
        let n = try Network()
        let database = n.bytes("entraide.sqlite")
        let r = try n.run(arguments, redirect: ">&-")
        #expect(r.status == 1, "\(arguments): \(r.status) \(r.err)")
        #expect(r.err.contains("cannot write to standard output"), "\(r.err)")
        #expect(Self.noCrash(r))
        if arguments[0] != "import" { #expect(n.bytes("entraide.sqlite") == database) }
    }

    @Test("A reader that goes away (| head) ends a long output quietly")
    func closedPipe() throws {
        let n = try Network()
        let sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 2000000) SELECT x FROM c"
        // The shell runs the command in a pipeline (no `exec`) and reports its status on stderr.
        let piped = try EntraideCommand.run(["query", sql, "--format", "csv"], in: n.dir.url,
                                            setup: "(\"$0\" \"$@\"; echo \"status=$?\" >&2) | head -c 10 >/dev/null; exit 0\n",
                                            redirect: "")
        #expect(piped.err.contains("status=0"), "\(piped.err)")
        #expect(!piped.err.contains("error"), "\(piped.err)")
    }
}
