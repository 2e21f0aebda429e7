import Foundation

/// One indicator, as the catalogue declares it (`IndicatorCatalogue`): its key in the JSON
/// form, its kind, its labels in both languages and how its value is read from the computed
/// result. Every output (the table, CSV and JSON of `entraide indicators`, the workbooks, the
/// Markdown note and its charts) finds an indicator here by its key.
public struct Indicator: Sendable {
    /// Where a label is shown; each use falls back to a more general one when the catalogue
    /// gives none (`chart` → `column` → `table`, the others → `table`).
    public enum LabelUse: Sendable, Hashable {
        /// The terminal table's row, and the label by default.
        case table
        /// A column header of a workbook's monthly series.
        case column
        /// A chart series' name in a workbook.
        case chart
        /// A row of a workbook's summary sheet.
        case headline
        /// A row of the Markdown note's tables.
        case note
        /// A short name in a chart's description (`Inscrits`).
        case short
    }

    /// The dotted key of the JSON form (`delays.match.median_hours`).
    public let key: String
    /// The key's parts (`["delays", "match", "median_hours"]`): the JSON nesting.
    public let path: [String]
    public let kind: IndicatorKind
    /// A part of the indicator above it (a status, a domain): indented in the terminal table.
    public let isPart: Bool
    let labels: [LabelUse: Localized]
    /// What it means, when the catalogue's grouped definitions do not already say it: the
    /// methods sheet gives it under the indicator's label.
    let definition: Localized?
    let read: @Sendable (PeriodIndicators) -> IndicatorValue

    init(_ path: [String], _ kind: IndicatorKind, isPart: Bool = false, _ labels: [LabelUse: Localized],
         definition: Localized? = nil, read: @escaping @Sendable (PeriodIndicators) -> IndicatorValue) {
        precondition(labels[.table] != nil, "an indicator needs a table label")
        self.path = path
        self.key = path.joined(separator: ".")
        self.kind = kind
        self.isPart = isPart
        self.labels = labels
        self.definition = definition
        self.read = read
    }

    /// The value over one period.
    public func value(_ period: PeriodIndicators) -> IndicatorValue { read(period) }

    /// The label for `use`, in `language`.
    public func label(_ use: LabelUse = .table, _ language: Language) -> String {
        let fallback: [LabelUse]
        switch use {
        case .chart: fallback = [.chart, .column, .table]
        default: fallback = [use, .table]
        }
        for u in fallback { if let l = labels[u] { return l.text(language) } }
        return key
    }
}

/// What a number of the documents means: a title and the sentences the methods sheet and the
/// notes print, and the indicators it defines.
public struct IndicatorDefinition: Sendable {
    public let title: Localized
    public let text: Localized
    /// Keys of the indicators defined here (a key ending in `.` stands for every key it starts).
    public let keys: [String]

    public func defines(_ key: String) -> Bool {
        keys.contains { $0.hasSuffix(".") ? key.hasPrefix($0) : key == $0 }
    }
}
