import Foundation

/// Every indicator, declared once: key, kind, labels in French and in English, how its value
/// is read, and its definition (docs/INDICATORS.md says the same in the developers' words).
/// Every output reads it: `IndicatorReport`'s table, CSV and JSON, both workbooks (their rows,
/// columns and chart series are chosen by key), the methods sheet and the Markdown note.
///
/// The list depends on the settings (domain labels, the response target, the load threshold,
/// the hourly rate) and on the report's domain codes, so a catalogue is made for one report:
///
/// ```swift
/// let catalogue = IndicatorCatalogue(settings: settings, domainCodes: report.domainCodes)
/// let label = catalogue["residents.helped"].label(.table, .fr)   // "Habitants aidés"
/// ```
///
/// Adding an indicator whose value `PeriodIndicators` already holds is one declaration in
/// `declare` below, its definition included (docs/ARCHITECTURE.md shows one).
public struct IndicatorCatalogue: Sendable {
    public let settings: Settings
    /// Domain codes in report order (`IndicatorReport.domainCodes`).
    public let domainCodes: [String]
    /// Every indicator, in the order of the JSON form.
    public let indicators: [Indicator]
    private let byKey: [String: Int]

    public init(settings: Settings, domainCodes: [String]) {
        self.settings = settings
        self.domainCodes = domainCodes
        self.indicators = Self.declare(settings: settings, domainCodes: domainCodes)
        self.byKey = Dictionary(indicators.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The indicator with this key. The outputs name keys of the catalogue only (the golden
    /// files and the catalogue tests go through every one), so an unknown key is a bug.
    public subscript(key: String) -> Indicator {
        guard let i = byKey[key] else {
            if key == Self.targetKey { return responseTarget }
            preconditionFailure("no indicator \(key) in the catalogue")
        }
        return indicators[i]
    }

    /// `48 h`: the response target as the labels write it.
    var target: String { Self.target(settings) }

    static func target(_ settings: Settings) -> String { "\(settings.responseTargetHours) h" }

    // MARK: The delay blocks

    /// The two delay blocks (docs/INDICATORS.md), with the names each output gives them.
    struct DelayBlock {
        let key: String
        let read: @Sendable (PeriodIndicators) -> DelayStatistics
        /// `Délai de mise en relation`: the terminal table's rows.
        let table: Localized
        /// `Mise en relation`: the workbook's columns and chart series.
        let column: Localized
        /// `Trouver un bénévole`: the Markdown note's rows.
        let note: Localized
        /// `Délai médian de mise en relation (h)`: the workbook summary's row of the median.
        let medianHeadline: Localized
    }

    static let delayBlocks = [
        DelayBlock(key: "match", read: { $0.delays.match },
                   table: Localized("Délai de mise en relation", "Match delay"),
                   column: Localized("Mise en relation", "Match"),
                   note: Localized("Trouver un bénévole", "Finding a volunteer"),
                   medianHeadline: Localized("Délai médian de mise en relation (h)", "Median match delay (h)")),
        DelayBlock(key: "contact", read: { $0.delays.contact },
                   table: Localized("Délai de premier contact", "Contact delay"),
                   column: Localized("Premier contact", "Contact"),
                   note: Localized("Rappel de l'habitant", "Calling the resident back"),
                   medianHeadline: Localized("Délai médian de premier contact (h)", "Median contact delay (h)")),
    ]

    /// The key of the response target's line on the workbooks' delay chart (not an output of
    /// `entraide indicators`).
    public static let targetKey = "delays.target_hours"

    /// The target as a series: the reference line of the delay charts.
    public var responseTarget: Indicator {
        let hours = Double(settings.responseTargetHours)
        return Indicator(["delays", "target_hours"], .delay,
                         [.table: Localized("Objectif \(target)", "\(target) target")]) { _ in .double(hours) }
    }

    // MARK: Declarations

    private static func declare(settings: Settings, domainCodes: [String]) -> [Indicator] {
        typealias L = Localized
        let target = target(settings)
        func count(_ path: String, _ labels: [Indicator.LabelUse: Localized], isPart: Bool = false,
                   definition: Localized? = nil, _ read: @escaping @Sendable (PeriodIndicators) -> Int) -> Indicator {
            Indicator(path.split(separator: ".").map(String.init), .count, isPart: isPart, labels,
                      definition: definition) { .int(read($0)) }
        }
        var list: [Indicator] = [
            count("volunteers.registered", [.table: L("Bénévoles inscrits", "Registered volunteers"),
                                            .short: L("Inscrits", "Registered")]) { $0.volunteers.registered },
            count("volunteers.active", [.table: L("Bénévoles actifs", "Active volunteers"),
                                        .short: L("Actifs", "Active")]) { $0.volunteers.active },
            count("volunteers.new", [.table: L("Nouveaux bénévoles", "New volunteers")]) { $0.volunteers.new },
            count("volunteers.left", [.table: L("Bénévoles partis", "Volunteers who left")]) { $0.volunteers.left },
            count("requests.received", [.table: L("Demandes reçues", "Requests received")]) { $0.requests.received },
        ]
        let statuses: [(RequestStatus, part: Localized, column: Localized, headline: Localized)] = [
            (.open, L("dont en attente", "of which open"), L("En attente", "Open"),
             L("Demandes en attente", "Requests open")),
            (.matched, L("dont mises en relation", "of which matched"),
             L("Mises en relation (en cours)", "Matched (in progress)"),
             L("Demandes mises en relation, en cours", "Requests matched, in progress")),
            (.done, L("dont réalisées", "of which done"), L("Réalisées", "Done"), L("Demandes réalisées", "Requests done")),
            (.cancelled, L("dont annulées", "of which cancelled"), L("Annulées", "Cancelled"),
             L("Demandes annulées", "Requests cancelled")),
            (.unmet, L("dont non pourvues", "of which unmet"), L("Non pourvues", "Unmet"),
             L("Demandes non pourvues", "Requests unmet")),
        ]
        for (status, part, column, headline) in statuses {
            list.append(count("requests.\(status.rawValue)", [.table: part, .column: column, .headline: headline],
                              isPart: true) {
                $0.requests[status]
            })
        }
        list += [
            Indicator(["requests", "matched_share"], .share, [
                .table: L("Part des demandes mises en relation", "Share of requests matched"),
                .column: L("Part mise en relation", "Share matched"),
                .note: L("Part des demandes (hors annulées) où un bénévole a été trouvé",
                         "Share of requests (cancelled ones aside) given a volunteer"),
            ]) { IndicatorValue($0.requests.matchedShare) },
            Indicator(["requests", "done_share"], .share, [
                .table: L("Part des demandes réalisées", "Share of requests done"),
                .column: L("Part réalisée", "Share done"),
                .note: L("Part des demandes (hors annulées) réalisées", "Share of requests (cancelled ones aside) done"),
            ]) { IndicatorValue($0.requests.doneShare) },
        ]
        for code in domainCodes {
            list.append(Indicator(["requests", "by_domain", code], .count, isPart: true,
                                  [.table: L(settings.domainLabel(code, .fr), settings.domainLabel(code, .en))]) {
                .int($0.requests.byDomain[code] ?? 0)
            })
        }
        list += [
            Indicator(["residents", "reached"], .residents, [.table: L("Habitants ayant appelé", "Residents who asked"),
                                                            .short: L("Ayant appelé", "Asked")]) {
                .int($0.residents.reached)
            },
            Indicator(["residents", "helped"], .residents, [.table: L("Habitants aidés", "Residents helped"),
                                                           .short: L("Aidés", "Helped")]) {
                .int($0.residents.helped)
            },
            Indicator(["residents", "new"], .residents, [.table: L("Nouveaux habitants", "New residents"),
                                                        .note: L("dont nouveaux", "of which new")]) {
                .int($0.residents.new)
            },
        ]
        for block in delayBlocks {
            let read = block.read
            func stat(_ key: String, _ kind: IndicatorKind, table: Localized, column: Localized,
                      chart: Localized? = nil, note: Localized? = nil, headline: Localized? = nil,
                      _ value: @escaping @Sendable (DelayStatistics) -> IndicatorValue) -> Indicator {
                var labels: [Indicator.LabelUse: Localized] = [
                    .table: L("\(block.table.fr) (\(table.fr))", "\(block.table.en) (\(table.en))"),
                    .column: L("\(block.column.fr) : \(column.fr)", "\(block.column.en): \(column.en)"),
                ]
                if let chart { labels[.chart] = L("\(block.column.fr), \(chart.fr)", "\(block.column.en), \(chart.en)") }
                if let note { labels[.note] = L("\(block.note.fr) : \(note.fr)", "\(block.note.en): \(note.en)") }
                if let headline { labels[.headline] = headline }
                return Indicator(["delays", block.key, key], kind, labels) { value(read($0)) }
            }
            list += [
                stat("count", .count, table: L("demandes", "requests"), column: L("demandes", "requests"),
                     note: L("demandes mesurées", "requests measured")) { .int($0.count) },
                stat("median_hours", .delay, table: L("médiane, h", "median, h"), column: L("médiane (h)", "median (h)"),
                     chart: L("médiane", "median"), note: L("médiane", "median"), headline: block.medianHeadline) {
                    IndicatorValue($0.medianHours)
                },
                stat("p90_hours", .delay, table: L("P90, h", "P90, h"), column: L("P90 (h)", "P90 (h)"),
                     chart: L("P90", "P90"),
                     note: L("90\u{00A0}% des demandes en moins de (P90)", "90% of requests within (P90)")) {
                    IndicatorValue($0.p90Hours)
                },
                stat("mean_hours", .delay, table: L("moyenne, h", "mean, h"), column: L("moyenne (h)", "mean (h)")) {
                    IndicatorValue($0.meanHours)
                },
                stat("excluded", .count, table: L("exclues, négatif", "excluded, negative"),
                     column: L("exclues", "excluded")) { .int($0.excluded) },
                stat("unanswered", .count, table: L("sans réponse", "unanswered"), column: L("sans réponse", "unanswered"),
                     note: L("demandes sans réponse", "requests unanswered"),
                     headline: block.key == "match"
                        ? L("Demandes sans bénévole trouvé", "Requests without a volunteer found")
                        : L("Demandes sans premier contact", "Requests without a first contact")) { .int($0.unanswered) },
                stat("target_hours", .count, table: L("objectif, h", "target, h"), column: L("objectif (h)", "target (h)")) {
                    .int($0.targetHours)
                },
                stat("within_target_share", .share, table: L("part ≤ \(target)", "share ≤ \(target)"),
                     column: L("part ≤ \(target)", "share ≤ \(target)"),
                     note: L("part en \(settings.responseTargetHours)\u{00A0}h ou moins",
                             "share within \(settings.responseTargetHours)\u{00A0}h"),
                     headline: block.key == "match"
                        ? L("Mises en relation en \(target) ou moins", "Matched within \(target)")
                        : L("Premiers contacts en \(target) ou moins", "First contacts within \(target)")) {
                    IndicatorValue($0.withinTargetShare)
                },
            ]
            // The same requests in working hours (docs/INDICATORS.md, "Working time").
            let workingTarget = "\(settings.calendar.targetHours) h"
            func working(_ key: String, _ kind: IndicatorKind, table: Localized, column: Localized, chart: Localized? = nil,
                         note: Localized? = nil,
                         _ value: @escaping @Sendable (WorkingDelayStatistics) -> IndicatorValue) -> Indicator {
                var labels: [Indicator.LabelUse: Localized] = [
                    .table: L("\(block.table.fr), heures d'ouverture (\(table.fr))", "\(block.table.en), working hours (\(table.en))"),
                    .column: L("\(block.column.fr) (ouverture) : \(column.fr)", "\(block.column.en) (working): \(column.en)"),
                ]
                if let chart {
                    labels[.chart] = L("\(block.column.fr), \(chart.fr), heures d'ouverture", "\(block.column.en), \(chart.en), working hours")
                }
                if let note {
                    labels[.note] = L("\(block.note.fr) : \(note.fr) (heures d'ouverture)", "\(block.note.en): \(note.en) (working hours)")
                }
                return Indicator(["delays", block.key, "working", key], kind, labels) { value(read($0).working) }
            }
            list += [
                working("count", .count, table: L("demandes", "requests"), column: L("demandes", "requests")) { .int($0.count) },
                working("median_hours", .delay, table: L("médiane, h", "median, h"), column: L("médiane (h)", "median (h)"),
                        chart: L("médiane", "median"), note: L("médiane", "median")) { IndicatorValue($0.medianHours) },
                working("p90_hours", .delay, table: L("P90, h", "P90, h"), column: L("P90 (h)", "P90 (h)"), chart: L("P90", "P90"),
                        note: L("P90", "P90")) { IndicatorValue($0.p90Hours) },
                working("mean_hours", .delay, table: L("moyenne, h", "mean, h"), column: L("moyenne (h)", "mean (h)")) {
                    IndicatorValue($0.meanHours)
                },
                working("target_hours", .count, table: L("objectif, h", "target, h"), column: L("objectif (h)", "target (h)")) {
                    .int($0.targetHours)
                },
                working("within_target_share", .share, table: L("part ≤ \(workingTarget)", "share ≤ \(workingTarget)"),
                        column: L("part ≤ \(workingTarget)", "share ≤ \(workingTarget)"),
                        note: L("part en \(settings.calendar.targetHours)\u{00A0}h d'ouverture ou moins",
                                "share within \(settings.calendar.targetHours)\u{00A0}working hours")) {
                    IndicatorValue($0.withinTargetShare)
                },
            ]
        }
        list += [
            count("load.assignments", [.table: L("Mises en relation", "Assignments")]) { $0.load.assignments },
            count("load.threshold", [.table: L("Seuil de sollicitation", "Load threshold")]) { $0.load.threshold },
            count("load.over_threshold", [.table: L("Bénévoles au-delà du seuil", "Volunteers over the threshold"),
                                          .note: L("Bénévoles au-delà du seuil de sollicitation",
                                                   "Volunteers over the load threshold")]) { $0.load.overThreshold },
            Indicator(["load", "per_active_volunteer", "mean"], .decimal, [
                .table: L("Mises en relation par bénévole actif (moyenne)", "Assignments per active volunteer (mean)"),
                .column: L("Par bénévole actif : moyenne", "Per active volunteer: mean"),
            ]) { IndicatorValue($0.load.perActiveVolunteerMean) },
            Indicator(["load", "per_active_volunteer", "median"], .decimal, [
                .table: L("Mises en relation par bénévole actif (médiane)", "Assignments per active volunteer (median)"),
                .column: L("Par bénévole actif : médiane", "Per active volunteer: median"),
            ]) { IndicatorValue($0.load.perActiveVolunteerMedian) },
            Indicator(["load", "per_active_volunteer", "max"], .count, [
                .table: L("Mises en relation par bénévole actif (max)", "Assignments per active volunteer (max)"),
                .column: L("Par bénévole actif : maximum", "Per active volunteer: maximum"),
                .note: L("Mises en relation par bénévole actif (maximum)", "Assignments per active volunteer (maximum)"),
            ]) { IndicatorValue($0.load.perActiveVolunteerMax) },
            Indicator(["hours", "total"], .hours, [.table: L("Heures de bénévolat", "Volunteer hours")]) {
                .double($0.hours.total)
            },
            Indicator(["hours", "valuation_eur"], .euros, [.table: L("Valorisation (€)", "Valuation (EUR)"),
                                                           .note: L("Valorisation des heures", "Valuation of the hours")]) {
                IndicatorValue($0.hours.valuationEUR)
            },
        ]
        return list
    }
}
