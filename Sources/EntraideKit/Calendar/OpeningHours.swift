import Foundation

/// The hours a phone line (or a partner's office) is open, week by week (docs/INDICATORS.md,
/// "Working time"): for each day of the week, disjoint `[start, end)` ranges of local wall-clock
/// minutes, in order.
///
/// Written as groups separated by `;`, each a set of days followed by one or more
/// `HH:MM-HH:MM` ranges:
///
/// ```swift
/// let hours = try OpeningHours.parse("lun-ven 09:00-12:00 14:00-17:00; sam 09:00-12:00")
/// hours.ranges(weekday: 0)   // Monday: [540..<720, 840..<1020]
/// ```
///
/// Days are `lun mar mer jeu ven sam dim` or `mon tue wed thu fri sat sun`, recognised by their
/// first three letters (`lundi`, `Lun.`, `Monday`), as ranges (`lun-ven`, wrapping `sam-lun`) and
/// lists (`mar,jeu`); `24:00` may end a range; a day named in several groups opens for the
/// union of their ranges.
public struct OpeningHours: Sendable, Equatable {
    /// Minute ranges of each weekday, Monday first.
    public private(set) var days: [[Range<Int>]]

    public init(days: [[Range<Int>]]) {
        precondition(days.count == 7)
        self.days = days.map(Self.merged)
    }

    /// `lun-ven 09:00-17:00`: the network's hours when the settings give none.
    public static let standard = OpeningHours(days: (0..<7).map { $0 < 5 ? [540..<1020] : [] })

    public func ranges(weekday: Int) -> [Range<Int>] { days[weekday] }

    /// Open minutes in a week.
    public var weeklyMinutes: Int { days.joined().reduce(0) { $0 + $1.count } }

    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    // MARK: Parsing

    /// Day names by their first three letters, accents and case ignored.
    static let dayPrefixes: [String: Int] = [
        "lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6,
        "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    ]

    /// Parses the settings' syntax; the error says what is wrong and shows an example.
    public static func parse(_ text: String) throws(OpeningHoursError) -> OpeningHours {
        var days = [[Range<Int>]](repeating: [], count: 7)
        let groups = text.split(separator: ";", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard groups.contains(where: { !$0.isEmpty }) else { throw .empty }
        for group in groups where !group.isEmpty {
            let words = group.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).map(String.init)
            // Day words come first, then the time ranges.
            guard let firstRange = words.firstIndex(where: { $0.first?.isNumber == true }) else {
                throw .noHours(group)
            }
            let dayWords = words[..<firstRange]
            guard !dayWords.isEmpty else { throw .noDays(group) }
            var weekdays: [Int] = []
            for item in dayWords.joined(separator: "").split(separator: ",") {
                weekdays += try Self.days(String(item))
            }
            for word in words[firstRange...] {
                let range = try Self.range(word)
                for d in weekdays { days[d].append(range) }
            }
        }
        return OpeningHours(days: days)
    }

    /// `lun`, `lundi`, `Lun.` → [0]; `lun-ven` → [0, 1, 2, 3, 4]; `sam-lun` → [5, 6, 0].
    private static func days(_ text: String) throws(OpeningHoursError) -> [Int] {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let first = day(parts[0]) else { throw .unknownDay(text) }
        guard parts.count == 2 else { return [first] }
        guard let last = day(parts[1]) else { throw .unknownDay(text) }
        var out = [first]
        var d = first
        while d != last {
            d = (d + 1) % 7
            out.append(d)
        }
        return out
    }

    private static func day(_ word: String) -> Int? {
        let letters = TextKey.fold(word).filter(\.isLetter)
        guard letters.count >= 3 else { return nil }
        return dayPrefixes[String(letters.prefix(3))]
    }

    /// `09:00-12:30` → 540..<750; `24:00` may end a range.
    private static func range(_ text: String) throws(OpeningHoursError) -> Range<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .badRange(text) }
        guard let start = minutes(parts[0], endOfDayAllowed: false) else { throw .badTime(String(parts[0]), text) }
        guard let end = minutes(parts[1], endOfDayAllowed: true) else { throw .badTime(String(parts[1]), text) }
        guard end > start else { throw .endBeforeStart(text) }
        return start..<end
    }

    /// `HH:MM` (or `HHhMM`) as minutes after midnight, 00:00 … 23:59, and 24:00 as an end.
    private static func minutes(_ text: Substring, endOfDayAllowed: Bool) -> Int? {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "h" || $0 == "H" })
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        if h == 24 && m == 0 && endOfDayAllowed { return 1440 }
        guard h < 24, m < 60 else { return nil }
        return h * 60 + m
    }
}

/// What is wrong in an `opening_hours` text; `Settings` prefixes the key.
public enum OpeningHoursError: Error, Equatable {
    case empty
    case noHours(String)
    case noDays(String)
    case unknownDay(String)
    case badRange(String)
    case badTime(String, String)
    case endBeforeStart(String)

    static let example = "\"lun-ven 09:00-12:00 14:00-17:00; sam 09:00-12:00\""

    public var message: Localized {
        let e = Self.example
        switch self {
        case .empty:
            return Localized("aucun horaire ; écrivez par exemple \(e)", "no hours; write e.g. \(e)")
        case .noHours(let g):
            return Localized("« \(g) » ne donne aucune plage horaire ; écrivez par exemple \(e)",
                             "\"\(g)\" gives no time range; write e.g. \(e)")
        case .noDays(let g):
            return Localized("« \(g) » ne dit pas quels jours ; commencez par les jours, par exemple \(e)",
                             "\"\(g)\" does not say which days; start with the days, e.g. \(e)")
        case .unknownDay(let d):
            return Localized("jour inconnu « \(d) » : écrivez lun, mar, mer, jeu, ven, sam, dim (ou mon … sun), "
                                + "des plages lun-ven et des listes mar,jeu ; par exemple \(e)",
                             "unknown day \"\(d)\": write mon, tue, wed, thu, fri, sat, sun (or lun … dim), "
                                + "ranges mon-fri and lists tue,thu; e.g. \(e)")
        case .badRange(let r):
            return Localized("« \(r) » n'est pas une plage HH:MM-HH:MM ; par exemple \(e)",
                             "\"\(r)\" is not a range HH:MM-HH:MM; e.g. \(e)")
        case .badTime(let t, let r):
            return Localized("« \(t) » dans « \(r) » n'est pas une heure de 00:00 à 23:59 (24:00 peut finir une plage) ; "
                                + "par exemple \(e)",
                             "\"\(t)\" in \"\(r)\" is not a time from 00:00 to 23:59 (24:00 may end a range); e.g. \(e)")
        case .endBeforeStart(let r):
            return Localized("« \(r) » finit avant de commencer ; par exemple \(e)",
                             "\"\(r)\" ends before it starts; e.g. \(e)")
        }
    }
}
