import Foundation

/// The footnotes under the monthly note's headline table, numbered in the order they appear
/// (docs/INDICATORS.md, "The monthly note and the workbooks"): why there is no comparison, that the month is
/// still running (on the outcome rows), and that `residents.new` means little in the first
/// year of data.
struct SummaryTableNotes {
    /// The rows whose figures a running month can still change (its requests in progress may
    /// still be carried out, go unmet or be cancelled).
    static let runningKeys: Set<String> = ["requests.done", "requests.unmet", "requests.cancelled",
                                           "requests.matched_share", "requests.done_share"]

    /// The footnote numbers, in order.
    static let markers = ["¹", "²", "³"]

    /// Put after the label of the outcome rows while the month is running ("" otherwise).
    var runningMarker = ""
    /// The marker and the text of the note on new residents, nil when the data is a year old.
    var newResidents: (marker: String, text: String)?
    /// Every note, as printed under the table (markers included).
    var texts: [String] = []

    /// Adds a note; returns its marker (none for an unnumbered note).
    mutating func add(_ text: String, numbered: Bool) -> String {
        guard numbered else {
            texts.append(text)
            return ""
        }
        let used = texts.filter { t in Self.markers.contains { t.hasPrefix($0) } }.count
        let marker = Self.markers[min(used, Self.markers.count - 1)]
        texts.append(marker + " " + text)
        return marker
    }
}
