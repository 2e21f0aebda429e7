import Foundation

/// A service domain: a stable code, report labels and the synonyms coordinators type.
public struct DomainSetting: Sendable, Equatable {
    public var code: String
    public var label: String
    public var labelEN: String
    public var synonyms: [String]

    public init(code: String, label: String, labelEN: String, synonyms: [String] = []) {
        self.code = code
        self.label = label
        self.labelEN = labelEN
        self.synonyms = synonyms
    }
}

/// Request statuses (docs/FORMAT.md, "Statuses").
public enum RequestStatus: String, CaseIterable, Sendable {
    case open, matched, done, cancelled, unmet
}

/// The numeric settings of `entraide.toml` and their accepted values: the one table that both
/// the check and its message use (README, "Settings", lists the same ranges). A value outside
/// its range is an error naming the key and the range, so no figure computed from a setting
/// can overflow.
public enum NumericSetting: String, CaseIterable, Sendable {
    case hourlyRateEUR = "hourly_rate_eur"
    case overloadThreshold = "overload_threshold"
    case waitAlertDays = "wait_alert_days"
    case staleAfterDays = "stale_after_days"
    case responseTargetHours = "response_target_hours"
    case suppressBelow = "suppress_below"
    case calendarTargetHours = "calendar.target_hours"

    /// The key in `entraide.toml`.
    public var key: String { rawValue }

    /// Accepted values, both included.
    public var range: ClosedRange<Double> {
        switch self {
        case .hourlyRateEUR: return 0...1000          // euros an hour
        case .overloadThreshold: return 1...1000      // assignments a month
        case .waitAlertDays: return 1...365           // a day to a year
        case .staleAfterDays: return 2...3650         // two days to ten years
        case .responseTargetHours: return 1...720     // an hour to thirty days
        case .suppressBelow: return 0...100           // resident counts
        case .calendarTargetHours: return 1...720     // working hours
        }
    }

    /// True when only whole numbers are accepted.
    public var isWhole: Bool { self != .hourlyRateEUR }

    /// The range of a whole-number setting.
    public var wholeRange: ClosedRange<Int> { Int(range.lowerBound)...Int(range.upperBound) }

    /// What the value is, for messages: "a whole number of days".
    var what: Localized {
        switch self {
        case .hourlyRateEUR: return Localized("un nombre d'euros au centime près (11.88)", "a number of euros to the cent (11.88)")
        case .overloadThreshold: return Localized("un nombre entier de mises en relation par mois",
                                                  "a whole number of assignments a month")
        case .waitAlertDays, .staleAfterDays: return Localized("un nombre entier de jours", "a whole number of days")
        case .responseTargetHours: return Localized("un nombre entier d'heures", "a whole number of hours")
        case .suppressBelow: return Localized("un nombre entier", "a whole number")
        case .calendarTargetHours: return Localized("un nombre entier d'heures d'ouverture", "a whole number of working hours")
        }
    }

    /// "from 1 to 365", « de 1 à 365 ».
    public var rangeLocalized: Localized {
        func n(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }
        return Localized("de \(n(range.lowerBound)) à \(n(range.upperBound))",
                         "from \(n(range.lowerBound)) to \(n(range.upperBound))")
    }

    /// "from 1 to 365" (English; `rangeLocalized` in both languages).
    public var rangeText: String { rangeLocalized.en }

    /// "expected a whole number of days from 1 to 365".
    public var expectation: Localized {
        Localized("attendu : \(what.fr) \(rangeLocalized.fr)", "expected \(what.en) \(rangeLocalized.en)")
    }

    /// The value as a whole number when it is one in range, else nil.
    public func checked(_ value: Int) -> Int? {
        isWhole && wholeRange.contains(value) ? value : nil
    }

    /// The value when it is in range (and finite), else nil. A rate in euros has at most two
    /// decimals: with more, the valuation method's « h × rate = amount » would not add up as
    /// printed (docs/INDICATORS.md, "Valuation method").
    public func checked(_ value: Double) -> Double? {
        guard value.isFinite && range.contains(value) else { return nil }
        if self == .hourlyRateEUR, abs(value * 100 - (value * 100).rounded()) > 1e-6 { return nil }
        return value
    }
}

/// Every setting of `entraide.toml`, with its default.
public struct Settings: Sendable, Equatable {
    /// The network's name, shown in reports and document properties.
    public var networkName = "Réseau d'entraide"
    /// IANA time zone of the network; naive timestamps are local time there.
    public var timezone = "Europe/Paris"
    /// One hourly rate used to value volunteer time on every day (`hourly_rate_eur`); no value
    /// is invented when absent. `hourlyRates` gives dated and per-domain rates instead (both
    /// given is an error); `valuationRates` is the list every valuation reads.
    public var hourlyRateEUR: Double? = nil
    /// Dated hourly rates (`hourly_rates`, docs/INDICATORS.md, "Valuation"), in the order of the
    /// file; each `domain` is a configured domain code. Empty when not given.
    public var hourlyRates: [HourlyRate] = []
    /// Assignments a month above which a volunteer counts as over-solicited.
    public var overloadThreshold = 4
    /// Days after which a request still waiting raises an alert.
    public var waitAlertDays = 7
    /// Days after which a request still "waiting" is probably closed without an update: the
    /// waiting lists flag it "à vérifier" and count it apart from the real waits.
    public var staleAfterDays = 60
    /// Hours within which a request should find a volunteer (and the resident be called back):
    /// the delays' target (docs/INDICATORS.md, "Delay statistics").
    public var responseTargetHours = 48
    /// Accepted values of `response_target_hours`: an hour to thirty days.
    public static var responseTargetRange: ClosedRange<Int> { NumericSetting.responseTargetHours.wholeRange }
    /// Resident counts below this are shown as `< N` in funder outputs.
    public var suppressBelow = 3
    /// Opening hours, holidays and closures of the network and its partners, and the
    /// working-time target (`[calendar]`, docs/INDICATORS.md, "Working time").
    public var calendar = CalendarSettings()
    /// Domains in report order. `autre` always exists: unknown labels fall back to it.
    public var domains: [DomainSetting] = Settings.defaultDomains
    /// Extra status labels, by canonical status.
    public var statusSynonyms: [RequestStatus: [String]] = [:]
    /// Partner associations' canonical names; a value matching one of them
    /// (case and accents ignored) is stored under that spelling.
    public var associations: [String] = []
    /// Author and company written in workbook properties.
    public var author = "Réseau d'entraide"

    public init() {}

    public static let defaultDomains: [DomainSetting] = [
        DomainSetting(code: "ecoute", label: "Échanges téléphoniques", labelEN: "Phone conversations",
                      synonyms: ["Écoute", "Échange téléphonique", "Appel de convivialité", "Convivialité",
                                 "Conversation", "Appel", "Nouvelles", "Listening"]),
        DomainSetting(code: "courses", label: "Courses et commissions", labelEN: "Errands and shopping",
                      synonyms: ["Courses", "Courses à domicile", "Commissions", "Aller à la poste", "Poste",
                                 "Sortir le chien", "Promener le chien", "Pharmacie", "Errands", "Shopping"]),
        DomainSetting(code: "orientation", label: "Mise en lien avec les professionnels",
                      labelEN: "Referral to professionals",
                      synonyms: ["Orientation", "Mise en lien", "Information", "Orientation vers un professionnel",
                                 "Referral"]),
        DomainSetting(code: "coup_de_main", label: "Coup de main", labelEN: "A helping hand",
                      synonyms: ["Coup de main", "Jardinage", "Jardin", "Bricolage", "Petit bricolage",
                                 "Petits travaux", "Helping hand", "Gardening", "DIY"]),
        DomainSetting(code: "autre", label: "Autre", labelEN: "Other", synonyms: ["Autres", "Divers", "Other"]),
    ]

    /// Built-in status labels (docs/FORMAT.md, "Statuses"), before the configured synonyms.
    public static let builtInStatusLabels: [RequestStatus: [String]] = [
        .open: ["open", "en attente", "nouvelle", "nouveau", "nouveaux", "a traiter", "ouverte"],
        .matched: ["matched", "en cours", "mise en relation", "mis en relation", "attribuee", "a rappeler"],
        .done: ["done", "realisee", "realise", "faite", "fait", "terminee", "termine", "cloturee", "cloture", "ok"],
        .cancelled: ["cancelled", "canceled", "annulee", "annule", "annulation"],
        .unmet: ["unmet", "non pourvue", "non pourvu", "sans suite", "non realisee", "abandon", "abandonnee"],
    ]

    public var domainCodes: [String] { domains.map(\.code) }

    public func domain(_ code: String) -> DomainSetting? { domains.first { $0.code == code } }

    /// A domain's label in the reader's language; the code itself for a code no longer configured.
    public func domainLabel(_ code: String, _ language: Language) -> String {
        guard let d = domain(code) else { return code }
        return language == .en ? d.labelEN : d.label
    }

    public func makeClock() -> LocalClock {
        // Validated at load time; the fallback only guards programmatic settings.
        LocalClock(identifier: timezone) ?? LocalClock(timeZone: TimeZone(identifier: "Europe/Paris")!)
    }
}
