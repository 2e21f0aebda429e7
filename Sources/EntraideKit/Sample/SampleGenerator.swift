import Foundation

/// What `entraide sample` generates.
public struct SampleOptions: Sendable, Equatable {
    /// Number of calendar months covered, ending with `endMonth`.
    public var months: Int
    /// Average number of requests a month (the actual count varies a little from month to month).
    public var requestsPerMonth: Int
    /// The same seed always gives byte-identical files.
    public var seed: UInt64
    /// Last month covered; nil means the last full month before today (Europe/Paris).
    public var endMonth: Month?

    public init(months: Int = 12, requestsPerMonth: Int = 120, seed: UInt64 = 1, endMonth: Month? = nil) {
        self.months = months
        self.requestsPerMonth = requestsPerMonth
        self.seed = seed
        self.endMonth = endMonth
    }

    public static let maxMonths = 600
    public static let maxRequestsPerMonth = 5_000_000

    /// The last full month before `now` in the network's time zone.
    public static func defaultEndMonth(now: Date = Date(),
                                       timeZone: TimeZone = TimeZone(identifier: "Europe/Paris") ?? .current) -> Month {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month], from: now)
        return Month(year: c.year ?? 2026, month: c.month ?? 1).adding(-1)
    }

    /// Months before the first month that the volunteers' join dates reach back to, and after
    /// the last that the assignments' dates reach forward to: the sample's dates span these too.
    static let monthsBefore = 37, monthsAfter = 12

    /// The end months the sample accepts with `months` months: all its dates stay within the
    /// years the importer accepts (`Month.supportedYears`), so its own import reads them.
    public static func endMonths(months: Int) -> ClosedRange<Month> {
        let first = Month(year: Month.supportedYears.lowerBound, month: 1).adding(monthsBefore + max(months, 1) - 1)
        return first...Month(year: Month.supportedYears.upperBound, month: 12).adding(-monthsAfter)
    }

    func validate() throws {
        guard (1...SampleOptions.maxMonths).contains(months) else {
            throw UserError(.badArgument,
                fr: "--months doit être entre 1 et \(SampleOptions.maxMonths) (valeur donnée : \(months))",
                en: "--months must be between 1 and \(SampleOptions.maxMonths) (got \(months))")
        }
        guard (1...SampleOptions.maxRequestsPerMonth).contains(requestsPerMonth) else {
            throw UserError(.badArgument,
                fr: "--requests-per-month doit être entre 1 et \(SampleOptions.maxRequestsPerMonth) "
                    + "(valeur donnée : \(requestsPerMonth))",
                en: "--requests-per-month must be between 1 and \(SampleOptions.maxRequestsPerMonth) "
                    + "(got \(requestsPerMonth))")
        }
        if let endMonth {
            let accepted = SampleOptions.endMonths(months: months)
            guard accepted.contains(endMonth) else {
                let years = Month.supportedYears
                throw UserError(.badArgument,
                    fr: "--end \(endMonth) : avec --months \(months), donnez un mois de \(accepted.lowerBound) "
                        + "à \(accepted.upperBound), pour que chaque date de l'échantillon soit acceptée par l'importation "
                        + "(années \(years.lowerBound) à \(years.upperBound))",
                    en: "--end \(endMonth): with --months \(months), give a month from \(accepted.lowerBound) "
                        + "to \(accepted.upperBound), so that every date of the sample is one the import accepts "
                        + "(years \(years.lowerBound) to \(years.upperBound))")
            }
        }
    }
}

/// What `SampleGenerator.write` wrote.
public struct SampleSummary: Sendable, Equatable {
    public var volunteersFile: URL
    public var requestsFile: URL
    public var assignmentsFile: URL
    /// Rows of `benevoles.csv`.
    public var volunteers: Int
    /// Rows of `demandes.csv`.
    public var requests: Int
    /// Rows of `interventions.csv` (second and third volunteers of a request).
    public var assignmentRows: Int
    /// Requests that carry an inline assignment (a volunteer on the request row).
    public var inlineAssignments: Int
    public var firstMonth: Month
    public var lastMonth: Month
}

/// Writes a realistic synthetic export of a mutual-aid network: three CSV files as a
/// coordinator's spreadsheet saves them (UTF-8 with BOM, `;`, CRLF, French headers and dates).
///
/// The generator is deterministic (its own xoshiro256** generator, seeded by `seed`) and
/// streaming: volunteers are few and kept in memory, requests are generated month by month
/// and written through a buffered writer, so a million requests use flat memory.
/// Times are wall-clock times of Europe/Paris and never fall in the spring DST gap.
public enum SampleGenerator {
    public static let volunteersFileName = "benevoles.csv"
    public static let requestsFileName = "demandes.csv"
    public static let assignmentsFileName = "interventions.csv"

    public static let volunteerHeaders = [
        "N° bénévole", "Nom", "Prénom", "Téléphone", "Courriel", "Date d'inscription", "Date de départ",
        "Association", "Services proposés",
    ]
    public static let requestHeaders = [
        "N° demande", "Date d'appel", "Nom de l'habitant", "Téléphone de l'habitant", "Type de service",
        "Statut", "Association", "Canal", "Bénévole", "Mis en relation le", "Contacté le", "Réalisé le",
        "Durée", "Commentaire",
    ]
    public static let assignmentHeaders = [
        "N° demande", "Identifiant bénévole", "Mis en relation le", "Contacté le", "Réalisé le", "Heures",
    ]

    /// Writes `benevoles.csv`, `demandes.csv` and `interventions.csv` into `dir` (created when
    /// missing; existing files of those names are replaced).
    public static func write(to dir: URL, options: SampleOptions) throws -> SampleSummary {
        try options.validate()
        try OutputFolder.create(dir.path)
        var generator = Generation(options: options, endMonth: options.endMonth ?? SampleOptions.defaultEndMonth())
        return try generator.run(dir: dir)
    }
}

// MARK: - Generation

/// One volunteer as the generator needs it: dates and the traits that drive assignments.
private struct SampleVolunteer {
    var joinDay: Int32
    /// Day the volunteer left; `Int32.max` while still in.
    var leaveDay: Int32
    /// Departure date typed before the join date (inconsistent data the importer warns about).
    var bogus: Bool
    /// 0 occasional, 1 regular, 2 over-solicited (6–10 assignments a month).
    var tier: UInt8
    var association: UInt8
}

/// Kinds of request outcome, before the export date trims what has not happened yet.
private enum Outcome { case done, matched, open, cancelled, unmet }

private struct Generation {
    let options: SampleOptions
    let firstMonth: Month
    let lastMonth: Month
    let firstDay: Int
    /// Local midnight starting the month after the last one: the export's "now".
    let cutoffDay: Int
    var cutoffLocal: Int { cutoffDay * 86400 }
    /// Local days that hold the spring DST gap (last Sunday of March, 02:00–03:00).
    let gapDays: [Int]
    var volunteers: [SampleVolunteer] = []
    var volunteerIdWidth = 4
    let residentSalt: UInt64

    // Pre-encoded CSV bytes.
    let femaleFirst: [[UInt8]], maleFirst: [[UInt8]]
    let lastNames: [[UInt8]], lastNamesUpper: [[UInt8]]
    let associationBytes: [[UInt8]]
    let associationCumulative: [Double]
    let domainCumulative: [Double]
    let domainLabelBytes: [[[UInt8]]]
    let domainLabelCumulative: [[Double]]
    let statusBytes: [[[UInt8]]]  // by Outcome order: done, matched, open, cancelled, unmet
    let statusCumulative: [[Double]]
    let channelBytes: [[UInt8]]
    let channelCumulative: [Double]
    let commentBytes: [[UInt8]]
    let closingCommentBytes: [[UInt8]]
    let hourCumulative: [Double]

    init(options: SampleOptions, endMonth: Month) {
        self.options = options
        lastMonth = endMonth
        firstMonth = endMonth.adding(-(options.months - 1))
        firstDay = daysFromCivil(firstMonth.year, firstMonth.month, 1)
        let after = endMonth.adding(1)
        cutoffDay = daysFromCivil(after.year, after.month, 1)
        gapDays = (firstMonth.year - 4...endMonth.year + 1).map { y in
            let march31 = daysFromCivil(y, 3, 31)
            return march31 - ((march31 + 4) % 7)  // day 0 (1970-01-01) was a Thursday
        }
        residentSalt = SampleRandom.mix(options.seed ^ 0x5EED_0F_4E5)

        typealias V = SampleVocabulary
        let enc = SampleCSVWriter.encode
        femaleFirst = V.femaleFirstNames.map(enc)
        maleFirst = V.maleFirstNames.map(enc)
        lastNames = V.lastNames.map(enc)
        lastNamesUpper = V.lastNames.map { enc($0.uppercased()) }
        associationBytes = V.associations.map(enc)
        associationCumulative = cumulativeWeights(V.associationWeights)
        domainCumulative = cumulativeWeights(V.domainMix)
        domainLabelBytes = V.domainLabels.map { $0.map { enc($0.0) } }
        domainLabelCumulative = V.domainLabels.map { cumulativeWeights($0.map(\.1)) }
        let statusTables = [V.doneLabels, V.matchedLabels, V.openLabels, V.cancelledLabels, V.unmetLabels]
        statusBytes = statusTables.map { $0.map { enc($0.0) } }
        statusCumulative = statusTables.map { cumulativeWeights($0.map(\.1)) }
        channelBytes = V.channels.map { enc($0.0) }
        channelCumulative = cumulativeWeights(V.channels.map(\.1))
        commentBytes = V.comments.map(enc)
        closingCommentBytes = V.closingComments.map(enc)
        // Calls by hour of the day, 08:00 to 19:59: the line is busiest in the morning.
        hourCumulative = cumulativeWeights([0.3, 1.0, 1.2, 1.2, 0.7, 0.5, 0.9, 1.0, 0.9, 0.7, 0.4, 0.15])
    }

    mutating func run(dir: URL) throws -> SampleSummary {
        let volunteersURL = dir.appendingPathComponent(SampleGenerator.volunteersFileName)
        let requestsURL = dir.appendingPathComponent(SampleGenerator.requestsFileName)
        let assignmentsURL = dir.appendingPathComponent(SampleGenerator.assignmentsFileName)

        makeVolunteers()
        var vw = try SampleCSVWriter(url: volunteersURL)
        writeVolunteers(&vw)
        try vw.finish()

        var rw = try SampleCSVWriter(url: requestsURL)
        var aw = try SampleCSVWriter(url: assignmentsURL)
        let counts = writeRequests(&rw, &aw)
        try rw.finish()
        try aw.finish()
        // The three files replace the previous export together, once all three are complete.
        for w in [vw, rw, aw] { try w.commit() }

        return SampleSummary(
            volunteersFile: volunteersURL, requestsFile: requestsURL, assignmentsFile: assignmentsURL,
            volunteers: volunteers.count, requests: counts.requests, assignmentRows: counts.assignmentRows,
            inlineAssignments: counts.inline, firstMonth: firstMonth, lastMonth: lastMonth)
    }

    // MARK: Time helpers

    func daysIn(_ m: Month) -> Int {
        let next = m.adding(1)
        return daysFromCivil(next.year, next.month, 1) - daysFromCivil(m.year, m.month, 1)
    }

    /// Moves a wall-clock time out of the spring DST gap (02:xx becomes 03:xx that day).
    @inline(__always)
    func avoidGap(_ local: Int) -> Int {
        let secs = local % 86400
        guard secs >= 7200 && secs < 10800 else { return local }
        return gapDays.contains(local / 86400) ? local + 3600 : local
    }

    /// Coordinators and volunteers act between 08:00 and 22:00: a time at night moves to
    /// the next morning.
    @inline(__always)
    func daytime(_ local: Int, _ rng: inout SampleRandom) -> Int {
        let day = local / 86400, secs = local % 86400
        if secs >= 22 * 3600 { return (day + 1) * 86400 + 8 * 3600 + rng.below(150) * 60 }
        if secs < 8 * 3600 { return day * 86400 + 8 * 3600 + rng.below(150) * 60 }
        return local
    }

    // MARK: Volunteers

    /// The pool grows from about 0.7 to 0.85 registered volunteers per monthly request
    /// (about one active volunteer per three requests), with ~15 % departures.
    mutating func makeVolunteers() {
        var rng = SampleRandom(seed: options.seed, stream: 1)
        let r = Double(options.requestsPerMonth)
        let startPool = max(3, Int((0.7 * r).rounded()))
        let endActive = max(Double(startPool), 0.85 * r)
        let total = endActive / 0.85
        let arrivalsPerMonth = max(0, (total - Double(startPool)) / Double(options.months))

        var joins: [Int] = []
        joins.reserveCapacity(Int(total) + 16)
        for _ in 0..<startPool { joins.append(firstDay - rng.int(7...1095)) }
        joins.sort()
        for m in 0..<options.months {
            let month = firstMonth.adding(m)
            let d0 = daysFromCivil(month.year, month.month, 1)
            let n = Int(arrivalsPerMonth + rng.uniform())
            var arrivals = (0..<n).map { _ in d0 + rng.below(daysIn(month)) }
            arrivals.sort()
            joins.append(contentsOf: arrivals)
        }

        volunteers.reserveCapacity(joins.count)
        var hotInStartPool = false
        for (i, join) in joins.enumerated() {
            var leave = Int32.max
            var bogus = false
            if rng.chance(0.002) {
                bogus = true
                leave = Int32(join - rng.int(1...400))
            } else if rng.chance(0.19) {
                let lo = max(join + 60, firstDay), hi = cutoffDay - 1
                if lo <= hi { leave = Int32(rng.int(lo...hi)) }
            }
            let t = rng.uniform()
            var tier: UInt8 = t < 0.03 ? 2 : (t < 0.58 ? 1 : 0)
            // Make sure the first months already have someone who cannot say no.
            if i < startPool && !hotInStartPool && leave == .max && !bogus && i >= startPool / 2 { tier = 2 }
            if i < startPool && tier == 2 && leave == .max && !bogus { hotInStartPool = true }
            let association = UInt8(rng.pick(cumulative: associationCumulative))
            volunteers.append(SampleVolunteer(joinDay: Int32(join), leaveDay: leave, bogus: bogus,
                                              tier: tier, association: association))
        }
        volunteerIdWidth = max(4, String(volunteers.count).count)
    }

    func writeVolunteerId(_ w: inout SampleCSVWriter, _ index: Int) {
        w.byte(UInt8(ascii: "B"))
        w.padded(index + 1, width: volunteerIdWidth)
    }

    func writeVolunteers(_ w: inout SampleCSVWriter) {
        var rng = SampleRandom(seed: options.seed, stream: 2)
        w.header(SampleGenerator.volunteerHeaders)
        let services = SampleVocabulary.serviceLabels
        let mailDomains = ["exemple.fr", "exemple.org", "courriel.example"]
        for (i, v) in volunteers.enumerated() {
            let female = rng.chance(0.62)
            let firstList = female ? SampleVocabulary.femaleFirstNames : SampleVocabulary.maleFirstNames
            let first = firstList[rng.below(firstList.count)]
            let lastIndex = rng.below(SampleVocabulary.lastNames.count)
            writeVolunteerId(&w, i); w.sep()
            w.raw(rng.chance(0.3) ? lastNamesUpper[lastIndex] : lastNames[lastIndex]); w.sep()
            w.text(first); w.sep()
            if !rng.chance(0.05) {
                let national = 600_000_000 + (i &* 27_644_437 &+ 13_579_246) % 100_000_000
                writePhone(&w, national: national, format: rng.below(3))
            }
            w.sep()
            if !rng.chance(0.1) {
                let local = mailPart(first) + "." + mailPart(SampleVocabulary.lastNames[lastIndex])
                    + (rng.chance(0.3) ? String(rng.int(1...99)) : "")
                w.text(local + "@" + mailDomains[rng.below(mailDomains.count)])
            }
            w.sep()
            w.date(day: Int(v.joinDay)); w.sep()
            if v.leaveDay != .max { w.date(day: Int(v.leaveDay)) }
            w.sep()
            if !rng.chance(0.03) { w.raw(associationBytes[Int(v.association)]) }
            w.sep()
            let n = rng.chance(0.5) ? 1 : (rng.chance(0.6) ? 2 : 3)
            var chosen: [Int] = []
            while chosen.count < n {
                let s = rng.below(services.count)
                if !chosen.contains(s) { chosen.append(s) }
            }
            let separator = rng.chance(0.7) ? ", " : " | "
            w.text(chosen.map { services[$0] }.joined(separator: separator))
            w.endRow()
        }
    }

    func mailPart(_ s: String) -> String {
        String(TextKey.fold(s).unicodeScalars.filter { $0.isASCII && ($0 == "-" || $0.properties.isAlphabetic) })
    }

    // MARK: Residents

    /// A resident's fixed traits, derived from their index so that none is stored.
    struct Resident {
        var female: Bool
        var first: Int
        var last: Int
        var nameStyle: Int
        var phoneFormat: Int
        var hasPhone: Bool
        var hasName: Bool
        var national: Int
    }

    static let fictionBlocks = [199_00, 261_91, 353_01, 465_71, 536_49, 639_98, 975_98]
    static let madame = Array("Mme ".utf8), monsieur = Array("M. ".utf8)

    func resident(_ index: Int) -> Resident {
        let h = SampleRandom.mix(residentSalt ^ UInt64(index))
        let female = (h & 0xFF) < 170
        let firstCount = female ? femaleFirst.count : maleFirst.count
        let noPhone = (h >> 48) % 1000 < 30
        let noName = !noPhone && (h >> 54) % 1000 < 20
        // Fictional numbers: the blocks reserved for fiction first (unique for the first
        // 70,000 residents), then a bijection onto 07 numbers.
        let national: Int
        if index < 70_000 {
            let j = (index * 7919 + 1234) % 70_000  // a bijection of 0..<70,000
            national = Generation.fictionBlocks[j / 10_000] * 10_000 + j % 10_000
        } else {
            national = 700_000_000 + ((index - 70_000) &* 48271 &+ 12345) % 100_000_000
        }
        return Resident(female: female, first: Int((h >> 8) % UInt64(firstCount)),
                        last: Int((h >> 20) % UInt64(lastNames.count)), nameStyle: Int((h >> 36) % 5),
                        phoneFormat: Int((h >> 42) % 5), hasPhone: !noPhone, hasName: !noName, national: national)
    }

    func writeResidentName(_ w: inout SampleCSVWriter, _ r: Resident) {
        let first = r.female ? femaleFirst[r.first] : maleFirst[r.first]
        switch r.nameStyle {
        case 0: w.raw(first); w.byte(0x20); w.raw(lastNames[r.last])
        case 1: w.raw(lastNamesUpper[r.last]); w.byte(0x20); w.raw(first)
        case 2: w.raw(r.female ? Generation.madame : Generation.monsieur); w.raw(lastNames[r.last])
        case 3: w.raw(lastNames[r.last]); w.byte(0x20); w.raw(first)
        default: w.raw(r.female ? Generation.madame : Generation.monsieur); w.raw(first); w.byte(0x20)
            w.raw(lastNamesUpper[r.last])
        }
    }

    /// A French number (nine national digits after the leading 0) in one of the ways people
    /// write it: `06 12 34 56 78`, `+33 6 12 34 56 78`, `06.12.34.56.78`, `0612345678`, `+33612345678`.
    func writePhone(_ w: inout SampleCSVWriter, national: Int, format: Int) {
        var d = [UInt8](repeating: 0x30, count: 9)
        var v = national
        for i in stride(from: 8, through: 0, by: -1) { d[i] = UInt8(0x30 + v % 10); v /= 10 }
        switch format {
        case 1, 4:
            w.raw([0x2B, 0x33, 0x33])
            if format == 1 { w.byte(0x20) }
            w.byte(d[0])
            for i in stride(from: 1, to: 9, by: 2) {
                if format == 1 { w.byte(0x20) }
                w.byte(d[i]); w.byte(d[i + 1])
            }
        default:
            let sep: UInt8? = format == 0 ? 0x20 : (format == 2 ? 0x2E : nil)
            w.byte(0x30); w.byte(d[0])
            for i in stride(from: 1, to: 9, by: 2) {
                if let s = sep { w.byte(s) }
                w.byte(d[i]); w.byte(d[i + 1])
            }
        }
    }

    // MARK: Requests

    /// Volunteers who can take assignments during a month, by tier. Over-solicited volunteers
    /// get a quota of 6 to 10 assignments for the month and are picked until it is used up.
    struct Eligible {
        var hot: [Int32] = []
        var hotQuota: [Int] = []
        var regular: [Int32] = []
        var occasional: [Int32] = []
        var pHot = 0.0

        mutating func pick(_ rng: inout SampleRandom) -> Int32? {
            if !hot.isEmpty && rng.uniform() < pHot {
                let i = rng.below(hot.count)
                let v = hot[i]
                hotQuota[i] -= 1
                if hotQuota[i] == 0 {
                    hot.swapAt(i, hot.count - 1); hot.removeLast()
                    hotQuota.swapAt(i, hotQuota.count - 1); hotQuota.removeLast()
                }
                return v
            }
            if !regular.isEmpty && (occasional.isEmpty || rng.chance(0.88)) { return regular[rng.below(regular.count)] }
            if !occasional.isEmpty { return occasional[rng.below(occasional.count)] }
            if !regular.isEmpty { return regular[rng.below(regular.count)] }
            return hot.isEmpty ? nil : hot[rng.below(hot.count)]
        }
    }

    /// Volunteers who joined before the month (with a few days' margin) and will not leave
    /// before every event of the month's requests has happened.
    func eligible(month: Month, expectedAssignments: Double, rng: inout SampleRandom) -> Eligible {
        let d0 = daysFromCivil(month.year, month.month, 1)
        let end = d0 + daysIn(month)
        var e = Eligible()
        for (i, v) in volunteers.enumerated() where !v.bogus && Int(v.joinDay) < d0 - 3 {
            if v.leaveDay != .max && Int(v.leaveDay) <= end + 35 { continue }
            switch v.tier {
            case 2: e.hot.append(Int32(i))
            case 1: e.regular.append(Int32(i))
            default: e.occasional.append(Int32(i))
            }
        }
        // Each over-solicited volunteer gets about 6 to 10 assignments this month.
        var target = 0
        for _ in e.hot {
            let quota = rng.int(6...10)
            e.hotQuota.append(quota)
            target += quota
        }
        e.pHot = min(0.4, Double(target) / max(1, expectedAssignments))
        return e
    }

    /// Hours of one assignment, in quarters of an hour, by domain.
    func quarters(domain: Int, bigJob: Bool, _ rng: inout SampleRandom) -> Int {
        if bigJob { return rng.int(8...24) }
        switch domain {
        case 0: return rng.int(2...8)     // courses: 30 min to 2 h
        case 1: return rng.int(2...5)     // écoute
        case 2: return rng.int(4...14)    // coup de main
        case 3: return rng.int(2...6)     // orientation
        default: return rng.int(2...8)
        }
    }

    /// Hours typed as `1h30`, `1,5`, `1.5`, `90min` or `1:30`.
    func writeHours(_ w: inout SampleCSVWriter, quarters q: Int, _ rng: inout SampleRandom) {
        let whole = q / 4, minutes = (q % 4) * 15
        let u = rng.uniform()
        if u < 0.32 {  // 1h30, 2h
            w.number(whole); w.byte(0x68)
            if minutes > 0 { w.padded(minutes, width: 2) }
        } else if u < 0.68 {  // 1,5  1.5  2
            w.number(whole)
            if minutes > 0 {
                w.byte(u < 0.6 ? 0x2C : 0x2E)
                w.number(minutes == 15 ? 25 : (minutes == 30 ? 5 : 75))
            }
        } else if u < 0.82 {  // 90min
            w.number(q * 15); w.raw(Array("min".utf8))
        } else {  // 1:30
            w.number(whole); w.byte(0x3A); w.padded(minutes, width: 2)
        }
    }

    /// Requests of one month: their count varies with a slow trend, the seasons
    /// (more in winter, fewer in August) and a little noise.
    func requestCount(monthIndex m: Int, month: Month, _ rng: inout SampleRandom) -> Int {
        let r = Double(options.requestsPerMonth)
        let trend = options.months > 1 ? 0.92 + 0.16 * Double(m) / Double(options.months - 1) : 1
        let season = 1 + 0.07 * Foundation.cos(2 * Double.pi * Double(month.month - 1) / 12)
        let noise = 1 + 0.08 * (rng.uniform() - 0.5)
        return max(1, Int((r * trend * season * noise).rounded()))
    }

    /// Call times of a month, sorted: weekdays mostly, some Saturdays, rare Sundays,
    /// office hours mostly in the morning.
    func callTimes(month: Month, count: Int, _ rng: inout SampleRandom) -> [Int] {
        let d0 = daysFromCivil(month.year, month.month, 1)
        let dayWeights = (0..<daysIn(month)).map { i -> Double in
            switch (d0 + i + 4) % 7 {  // 0 Sunday … 6 Saturday
            case 0: return 0.08
            case 6: return 0.3
            default: return 1
            }
        }
        let dayCumulative = cumulativeWeights(dayWeights)
        var calls = [Int]()
        calls.reserveCapacity(count)
        for _ in 0..<count {
            let day = d0 + rng.pick(cumulative: dayCumulative)
            let hour = 8 + rng.pick(cumulative: hourCumulative)
            calls.append(day * 86400 + hour * 3600 + rng.below(60) * 60)
        }
        calls.sort()
        return calls
    }

    /// Seconds in a duration of hours, at least `minimum` minutes, at most `cap` hours.
    @inline(__always)
    func seconds(hours: Double, minimumMinutes: Int, capHours: Double) -> Int {
        max(minimumMinutes * 60, Int(min(hours, capHours) * 3600 / 60) * 60)
    }

    mutating func writeRequests(_ rw: inout SampleCSVWriter, _ aw: inout SampleCSVWriter)
        -> (requests: Int, assignmentRows: Int, inline: Int) {
        var rng = SampleRandom(seed: options.seed, stream: 3)
        rw.header(SampleGenerator.requestHeaders)
        aw.header(SampleGenerator.assignmentHeaders)
        let r = Double(options.requestsPerMonth)
        var residentCount = max(3, Int(0.6 * r))  // people who will call, first seen when they do
        var requestNo = 0, assignmentRows = 0, inline = 0
        let styleCumulative = cumulativeWeights([0.85, 0.06, 0.07, 0.02])
        let styles: [SampleTimeStyle] = [.french, .frenchH, .iso, .dateOnly]
        let outcomeCumulative = cumulativeWeights([0.887, 0.033, 0.01, 0.045, 0.025])
        let outcomes: [Outcome] = [.done, .matched, .open, .cancelled, .unmet]
        let cutoff = cutoffLocal
        // Delays before moving night-time events to the morning; tuned so that the call-to-match
        // delay has a median near 5 h and a 90th percentile near 30 h, and the match-to-contact
        // delay a median near 15 h.
        let matchMedian = 5.0, matchSigma = 1.45, contactMedian = 10.0

        for m in 0..<options.months {
            let month = firstMonth.adding(m)
            let count = requestCount(monthIndex: m, month: month, &rng)
            let calls = callTimes(month: month, count: count, &rng)
            var pool = eligible(month: month, expectedAssignments: Double(count) * 0.96, rng: &rng)

            for call in calls {
                requestNo += 1
                let style = styles[rng.pick(cumulative: styleCumulative)]
                let domain = rng.pick(cumulative: domainCumulative)
                let label = rng.pick(cumulative: domainLabelCumulative[domain])

                // Who called: often someone who has called before.
                var who: Resident?
                if !rng.chance(0.01) {
                    let index: Int
                    if rng.chance(0.1) {
                        index = residentCount
                        residentCount += 1
                    } else {
                        index = min(residentCount - 1, Int(Double(residentCount) * Foundation.pow(rng.uniform(), 1.6)))
                    }
                    who = resident(index)
                }

                // What happened, and when.
                var outcome = outcomes[rng.pick(cumulative: outcomeCumulative)]
                var hasMatch = false, hasContact = false, hasDone = false
                switch outcome {
                case .done: hasMatch = true; hasContact = !rng.chance(0.04); hasDone = true
                case .matched: hasMatch = true; hasContact = rng.chance(0.6)
                case .cancelled: hasMatch = rng.chance(0.35)
                case .open, .unmet: break
                }
                var matchAt: Int
                if rng.chance(0.001) {
                    matchAt = call - rng.int(1...30) * 3600  // a match typed before the call
                } else {
                    matchAt = daytime(call + seconds(hours: rng.logNormal(median: matchMedian, sigma: matchSigma),
                                                     minimumMinutes: 5, capHours: 240), &rng)
                }
                matchAt = avoidGap(matchAt)
                let contactAt = avoidGap(daytime(matchAt + seconds(hours: rng.logNormal(median: contactMedian, sigma: 1.0),
                                                                   minimumMinutes: 10, capHours: 240), &rng))
                let doneAt = avoidGap(daytime(contactAt + seconds(hours: rng.logNormal(median: 48, sigma: 0.7),
                                                                  minimumMinutes: 60, capHours: 240), &rng))
                // The export is taken at the end of the last month: what has not happened yet is not there.
                if hasDone && doneAt >= cutoff { hasDone = false; if outcome == .done { outcome = .matched } }
                if hasContact && contactAt >= cutoff { hasContact = false }
                if hasMatch && matchAt >= cutoff {
                    hasMatch = false
                    if outcome == .done || outcome == .matched { outcome = .open }
                }
                var volunteer: Int32?
                if hasMatch {
                    volunteer = pool.pick(&rng)
                    if volunteer == nil {
                        hasMatch = false; hasContact = false; hasDone = false
                        if outcome != .cancelled { outcome = .unmet }
                    }
                }
                if !hasMatch { hasContact = false; hasDone = false }
                let bigJob = hasMatch && (outcome == .done || outcome == .matched)
                    && rng.chance(domain == 2 ? 0.1 : 0.0125)

                // The row.
                rw.byte(UInt8(ascii: "D")); rw.padded(requestNo, width: 7); rw.sep()
                rw.timestamp(local: call, style: style); rw.sep()
                let phoneFormat = rng.chance(0.7) ? (who?.phoneFormat ?? 0) : rng.below(5)
                if let who, who.hasName, !rng.chance(0.02) { writeResidentName(&rw, who) }
                rw.sep()
                if let who, who.hasPhone { writePhone(&rw, national: who.national, format: phoneFormat) }
                rw.sep()
                rw.raw(domainLabelBytes[domain][label]); rw.sep()
                let statusIndex: Int
                switch outcome {
                case .done: statusIndex = 0
                case .matched: statusIndex = 1
                case .open: statusIndex = 2
                case .cancelled: statusIndex = 3
                case .unmet: statusIndex = 4
                }
                // About 5 % of statuses are left empty where the importer derives the right one.
                if statusIndex > 2 || !rng.chance(0.05) {
                    rw.raw(statusBytes[statusIndex][rng.pick(cumulative: statusCumulative[statusIndex])])
                }
                rw.sep()
                if !rng.chance(0.04) {
                    let a: Int
                    if let v = volunteer, rng.chance(0.75) {
                        a = Int(volunteers[Int(v)].association)
                    } else {
                        a = rng.pick(cumulative: associationCumulative)
                    }
                    rw.raw(associationBytes[a])
                }
                rw.sep()
                rw.raw(channelBytes[rng.pick(cumulative: channelCumulative)]); rw.sep()
                if let v = volunteer {
                    inline += 1
                    writeVolunteerId(&rw, Int(v)); rw.sep()
                    rw.timestamp(local: matchAt, style: style); rw.sep()
                    if hasContact { rw.timestamp(local: contactAt, style: style) }
                    rw.sep()
                    if hasDone {
                        // A done date typed without its time, when that cannot put it before the contact.
                        let dateOnly = rng.chance(0.2) && doneAt / 86400 > max(contactAt, call) / 86400
                        rw.timestamp(local: doneAt, style: dateOnly ? .dateOnly : style)
                    }
                    rw.sep()
                    if hasDone && !rng.chance(0.08) {
                        writeHours(&rw, quarters: quarters(domain: domain, bigJob: bigJob, &rng), &rng)
                    }
                    rw.sep()
                } else {
                    rw.sep(); rw.sep(); rw.sep(); rw.sep(); rw.sep()
                }
                if (outcome == .cancelled || outcome == .unmet) && rng.chance(0.3) {
                    rw.raw(closingCommentBytes[rng.below(closingCommentBytes.count)])
                } else if rng.chance(0.1) {
                    rw.raw(commentBytes[rng.below(commentBytes.count)])
                }
                rw.endRow()

                // Second (and rarely third) volunteers of a big job, in interventions.csv.
                guard bigJob, let first = volunteer else { continue }
                var taken: [Int32] = [first]
                let extra = rng.chance(0.15) ? 2 : 1
                for _ in 0..<extra {
                    var other: Int32?
                    for _ in 0..<8 {
                        if let c = pool.pick(&rng), !taken.contains(c) { other = c; break }
                    }
                    guard let v = other else { break }
                    taken.append(v)
                    let m2 = avoidGap(daytime(matchAt + rng.below(20 * 60) * 60, &rng))
                    guard m2 < cutoff else { continue }
                    let c2 = avoidGap(daytime(m2 + seconds(hours: rng.logNormal(median: 10, sigma: 0.8),
                                                           minimumMinutes: 10, capHours: 120), &rng))
                    let contacted = c2 < cutoff && c2 < doneAt
                    assignmentRows += 1
                    aw.byte(UInt8(ascii: "D")); aw.padded(requestNo, width: 7); aw.sep()
                    writeVolunteerId(&aw, Int(v)); aw.sep()
                    aw.timestamp(local: m2, style: style); aw.sep()
                    if contacted { aw.timestamp(local: c2, style: style) }
                    aw.sep()
                    if hasDone { aw.timestamp(local: max(doneAt, m2), style: style) }
                    aw.sep()
                    if hasDone { writeHours(&aw, quarters: quarters(domain: domain, bigJob: true, &rng), &rng) }
                    aw.endRow()
                }
            }
        }
        return (requestNo, assignmentRows, inline)
    }
}
