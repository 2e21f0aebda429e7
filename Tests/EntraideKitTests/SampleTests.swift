import Foundation
import SharedTestSupport
import Testing
@testable import EntraideKit

@Suite("Sample export generator")
struct SampleTests {
    // MARK: Helpers

    /// A parsed CSV file: its rows, and whether every line break outside quotes was CRLF.
    struct ParsedCSV {
        var rows: [[String]]
        var bareLineFeeds: Int
        var hadBOM: Bool
    }

    /// A small RFC 4180 reader for `;`-separated files: quoted fields may hold `;`, `""` and line breaks.
    static func readCSV(_ url: URL) throws -> ParsedCSV {
        var bytes = [UInt8](try Data(contentsOf: url))
        let hadBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hadBOM { bytes.removeFirst(3) }
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var bareLF = 0
        var i = 0
        var inQuotes = false
        var fieldStarted = false
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll()
            fieldStarted = false
        }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < bytes.count && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    inQuotes = false
                } else {
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case 0x22 where !fieldStarted && field.isEmpty:
                inQuotes = true
                fieldStarted = true
            case 0x3B:
                endField()
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                endField(); rows.append(row); row = []
                i += 1
            case 0x0A:
                bareLF += 1
                endField(); rows.append(row); row = []
            default:
                field.append(c)
                fieldStarted = true
            }
            i += 1
        }
        if !row.isEmpty || !field.isEmpty { endField(); rows.append(row) }
        return ParsedCSV(rows: rows, bareLineFeeds: bareLF, hadBOM: hadBOM)
    }

    /// Wall-clock seconds of a timestamp in one of the sample's styles.
    static func wallClock(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        var y = 0, mo = 0, d = 0, h = 0, mi = 0
        let u = Array(t.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for k in r { guard u[k] >= 48, u[k] <= 57 else { return nil }; v = v * 10 + Int(u[k] - 48) }
            return v
        }
        if u.count >= 10 && u[4] == UInt8(ascii: "-") {
            guard let a = num(0..<4), let b = num(5..<7), let c = num(8..<10) else { return nil }
            y = a; mo = b; d = c
        } else if u.count >= 10 && u[2] == UInt8(ascii: "/") {
            guard let a = num(0..<2), let b = num(3..<5), let c = num(6..<10) else { return nil }
            d = a; mo = b; y = c
        } else {
            return nil
        }
        if u.count > 10 {
            guard u.count == 16, u[10] == 0x20, u[13] == UInt8(ascii: ":") || u[13] == UInt8(ascii: "h"),
                  let a = num(11..<13), let b = num(14..<16) else { return nil }
            h = a; mi = b
        }
        guard isValidCivilDate(y, mo, d), h < 24, mi < 60 else { return nil }
        return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60
    }

    static let options = SampleOptions(months: 3, requestsPerMonth: 150, seed: 7, endMonth: Month(year: 2026, month: 4))

    // MARK: Tests

    @Test("The same seed gives byte-identical files")
    func sameSeedSameBytes() throws {
        let a = try TempDir("entraide-sample-a"), b = try TempDir("entraide-sample-b")
        let sa = try SampleGenerator.write(to: a.url, options: Self.options)
        let sb = try SampleGenerator.write(to: b.url, options: Self.options)
        #expect(sa.volunteers == sb.volunteers && sa.requests == sb.requests && sa.assignmentRows == sb.assignmentRows)
        for name in [SampleGenerator.volunteersFileName, SampleGenerator.requestsFileName,
                     SampleGenerator.assignmentsFileName] {
            let da = try Data(contentsOf: a.url.appendingPathComponent(name))
            let db = try Data(contentsOf: b.url.appendingPathComponent(name))
            #expect(da.count > 100, "\(name) is nearly empty")
            #expect(da == db, "\(name) differs between two runs with the same seed")
        }
    }

    @Test("A different seed gives different files")
    func differentSeedDifferentFiles() throws {
        let a = try TempDir("entraide-sample-a"), b = try TempDir("entraide-sample-b")
        _ = try SampleGenerator.write(to: a.url, options: Self.options)
        var other = Self.options
        other.seed = 8
        _ = try SampleGenerator.write(to: b.url, options: other)
        for name in [SampleGenerator.volunteersFileName, SampleGenerator.requestsFileName] {
            let da = try Data(contentsOf: a.url.appendingPathComponent(name))
            let db = try Data(contentsOf: b.url.appendingPathComponent(name))
            #expect(da != db, "\(name) is the same for seeds 7 and 8")
        }
    }

    @Test("Header lines are exactly the documented ones, after a BOM, ending with CRLF")
    func headerLines() throws {
        let dir = try TempDir("entraide-sample-headers")
        _ = try SampleGenerator.write(to: dir.url, options: Self.options)
        let expected = [
            SampleGenerator.volunteersFileName:
                "N° bénévole;Nom;Prénom;Téléphone;Courriel;Date d'inscription;Date de départ;Association;Services proposés",
            SampleGenerator.requestsFileName:
                "N° demande;Date d'appel;Nom de l'habitant;Téléphone de l'habitant;Type de service;Statut;Association;"
                + "Canal;Bénévole;Mis en relation le;Contacté le;Réalisé le;Durée;Commentaire",
            SampleGenerator.assignmentsFileName:
                "N° demande;Identifiant bénévole;Mis en relation le;Contacté le;Réalisé le;Heures",
        ]
        for (name, header) in expected.sorted(by: { $0.key < $1.key }) {
            let data = try Data(contentsOf: dir.url.appendingPathComponent(name))
            let prefix = [UInt8]([0xEF, 0xBB, 0xBF]) + Array(header.utf8) + [0x0D, 0x0A]
            #expect([UInt8](data.prefix(prefix.count)) == prefix, "header of \(name)")
        }
    }

    @Test("Every row has the header's field count; lines end with CRLF; some fields are quoted")
    func fieldCounts() throws {
        let dir = try TempDir("entraide-sample-fields")
        let summary = try SampleGenerator.write(to: dir.url, options: Self.options)
        let expected = [(summary.volunteersFile, 9, summary.volunteers), (summary.requestsFile, 14, summary.requests),
                        (summary.assignmentsFile, 6, summary.assignmentRows)]
        for (url, width, count) in expected {
            let csv = try Self.readCSV(url)
            #expect(csv.hadBOM)
            #expect(csv.bareLineFeeds == 0, "\(url.lastPathComponent) has line feeds without CR outside quotes")
            #expect(csv.rows.count == count + 1, "\(url.lastPathComponent): rows")
            for (n, row) in csv.rows.enumerated() {
                #expect(row.count == width, "\(url.lastPathComponent) row \(n + 1) has \(row.count) fields")
                if row.count != width { break }
            }
        }
        // The comments exercise the quoting: a `;`, doubled quotes and a line break inside a field.
        let requests = try Self.readCSV(summary.requestsFile).rows.dropFirst()
        let comments = requests.map { $0[13] }
        #expect(comments.contains { $0.contains(";") })
        #expect(comments.contains { $0.contains("\"") })
        #expect(comments.contains { $0.contains("\n") })
        let raw = try String(contentsOf: summary.requestsFile, encoding: .utf8)
        #expect(raw.contains("\"\""))
    }

    @Test("Every referenced volunteer exists and is in the network at the time of the match")
    func referencedVolunteersExist() throws {
        let dir = try TempDir("entraide-sample-refs")
        let summary = try SampleGenerator.write(to: dir.url, options: Self.options)
        var joined: [String: Int] = [:], left: [String: Int] = [:]
        for row in try Self.readCSV(summary.volunteersFile).rows.dropFirst() {
            let join = try #require(Self.wallClock(row[5]), "join date \(row[5])")
            #expect(joined[row[0]] == nil, "duplicate volunteer id \(row[0])")
            joined[row[0]] = join
            if !row[6].isEmpty {
                // Through a constant: assigned straight to the optional subscript, #require would
                // not unwrap (it said so in a warning) and a bad date would pass as nil.
                let departure = try #require(Self.wallClock(row[6]), "departure \(row[6])")
                left[row[0]] = departure
            }
        }
        var references: [(id: String, at: String)] = []
        let requests = try Self.readCSV(summary.requestsFile).rows.dropFirst()
        var requestIds = Set<String>()
        for row in requests {
            requestIds.insert(row[0])
            if !row[8].isEmpty { references.append((row[8], row[9])) }
        }
        let assignments = try Self.readCSV(summary.assignmentsFile).rows.dropFirst()
        for row in assignments {
            #expect(requestIds.contains(row[0]), "assignment for unknown request \(row[0])")
            references.append((row[1], row[2]))
        }
        #expect(references.count > 300)
        for ref in references {
            let at = try #require(Self.wallClock(ref.at), "match time \(ref.at)")
            let join = try #require(joined[ref.id], "volunteer \(ref.id) is not in benevoles.csv")
            #expect(join < at, "\(ref.id) matched at \(ref.at) before joining")
            if let l = left[ref.id] { #expect(l > at, "\(ref.id) matched at \(ref.at) after leaving") }
        }
    }

    @Test("The months covered are the ones asked for; no time falls in the spring DST gap")
    func monthsCovered() throws {
        let dir = try TempDir("entraide-sample-months")
        let summary = try SampleGenerator.write(to: dir.url, options: Self.options)
        #expect(summary.firstMonth == Month(year: 2026, month: 2))
        #expect(summary.lastMonth == Month(year: 2026, month: 4))
        let rows = try Self.readCSV(summary.requestsFile).rows.dropFirst()
        var months = Set<String>()
        let cutoff = daysFromCivil(2026, 5, 1) * 86400
        let gapStart = daysFromCivil(2026, 3, 29) * 86400 + 2 * 3600  // last Sunday of March 2026
        var ids: [String] = []
        for row in rows {
            ids.append(row[0])
            let call = try #require(Self.wallClock(row[1]))
            let c = civilFromDays(call / 86400)
            months.insert(String(format: "%04d-%02d", c.year, c.month))
            for f in [1, 9, 10, 11] where !row[f].isEmpty {
                let t = try #require(Self.wallClock(row[f]), "timestamp \(row[f])")
                #expect(t < cutoff, "\(row[0]): \(row[f]) is after the end of the last month")
                #expect(!(t >= gapStart && t < gapStart + 3600), "\(row[0]): \(row[f]) is in the DST gap")
            }
        }
        #expect(months == ["2026-02", "2026-03", "2026-04"])
        // Ids are in call order and numbered from 1.
        #expect(ids.first == "D0000001")
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        // Roughly the requested volume.
        #expect(rows.count > 3 * 150 * 8 / 10 && rows.count < 3 * 150 * 12 / 10)
    }

    @Test("Statuses, domains and phone spellings have the expected variety")
    func variety() throws {
        let dir = try TempDir("entraide-sample-variety")
        let summary = try SampleGenerator.write(to: dir.url, options: SampleOptions(
            months: 2, requestsPerMonth: 1000, seed: 3, endMonth: Month(year: 2026, month: 10)))
        let rows = Array(try Self.readCSV(summary.requestsFile).rows.dropFirst())
        let statuses = Set(rows.map { $0[5] })
        for label in ["Réalisée", "Terminée", "En cours", "Annulée", "Non pourvue", "Sans suite", ""] {
            #expect(statuses.contains(label), "status \(label) never appears")
        }
        let domains = Set(rows.map { $0[4] })
        for label in ["Courses", "courses à domicile", "Écoute", "Jardinage", "Bricolage", "Mise en lien",
                      "Aide administrative"] {
            #expect(domains.contains(label), "domain label \(label) never appears")
        }
        let phones = rows.map { $0[3] }
        #expect(phones.contains { $0.hasPrefix("+33 ") })
        #expect(phones.contains { $0.contains(".") })
        #expect(phones.contains { $0.count == 10 && $0.allSatisfy(\.isNumber) })
        #expect(phones.contains { $0.count == 14 && $0.contains(" ") && !$0.hasPrefix("+") })
        // Some rows with a name and no phone, some with neither.
        #expect(rows.contains { !$0[2].isEmpty && $0[3].isEmpty })
        #expect(rows.contains { $0[2].isEmpty && $0[3].isEmpty })
        // Hours in mixed formats.
        let hours = rows.map { $0[12] }
        #expect(hours.contains { $0.contains("h") })
        #expect(hours.contains { $0.contains(",") })
        #expect(hours.contains { $0.hasSuffix("min") })
        #expect(hours.contains { $0.contains(":") })
        // Most requests are done; the last days of the last month are still open or matched.
        let done = rows.filter { ["réalisée", "terminée", "faite"].contains($0[5].lowercased()) }.count
        #expect(Double(done) / Double(rows.count) > 0.75)
        #expect(rows.suffix(20).contains { $0[5].lowercased() == "en cours" || $0[5].lowercased() == "mise en relation"
            || ($0[5].isEmpty && $0[11].isEmpty) })
        // A few volunteers are over-solicited in a month (more than 5 assignments).
        var perVolunteer: [String: Int] = [:]
        for row in rows where row[9].hasPrefix("2026-10") || row[9].contains("/10/2026") {
            perVolunteer[row[8], default: 0] += 1
        }
        #expect(perVolunteer.values.contains { $0 >= 6 })
        #expect(summary.assignmentRows > 0)
    }

    @Test("Bad options are user errors")
    func badOptions() throws {
        let dir = try TempDir("entraide-sample-bad")
        #expect(throws: UserError.self) {
            _ = try SampleGenerator.write(to: dir.url, options: SampleOptions(months: 0))
        }
        #expect(throws: UserError.self) {
            _ = try SampleGenerator.write(to: dir.url, options: SampleOptions(requestsPerMonth: 0))
        }
        let file = dir.url.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        #expect(throws: UserError.self) {
            _ = try SampleGenerator.write(to: file, options: SampleOptions(months: 1, requestsPerMonth: 5,
                                                                           endMonth: Month(year: 2026, month: 1)))
        }
    }

    @Test("The default end month is the last full month before today, in Paris")
    func defaultEndMonth() {
        // 2026-11-01 00:30 in Paris is still 2026-10-31 in UTC.
        let now = Date(timeIntervalSince1970: TimeInterval(daysFromCivil(2026, 10, 31) * 86400 + 23 * 3600 + 30 * 60))
        #expect(SampleOptions.defaultEndMonth(now: now) == Month(year: 2026, month: 10))
        let mid = Date(timeIntervalSince1970: TimeInterval(daysFromCivil(2026, 1, 15) * 86400))
        #expect(SampleOptions.defaultEndMonth(now: mid) == Month(year: 2025, month: 12))
    }

    @Test("A tiny network still gets volunteers for its requests")
    func tinyNetwork() throws {
        let dir = try TempDir("entraide-sample-tiny")
        let s = try SampleGenerator.write(to: dir.url, options: SampleOptions(months: 1, requestsPerMonth: 1, seed: 1,
                                                                           endMonth: Month(year: 2026, month: 6)))
        #expect(s.volunteers >= 3)
        #expect(s.requests >= 1)
        #expect(s.firstMonth == s.lastMonth)
    }
}
