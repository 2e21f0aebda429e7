import Foundation

// Knock-on errors (docs/FORMAT.md, "Import rules"): a request or assignment naming a volunteer
// whose own row was rejected says so and points at that row, instead of "unknown volunteer";
// likewise an assignment naming a request whose row was rejected.
extension ImportRun {
    /// Notes a volunteer row that was rejected (unless the volunteer is known from elsewhere).
    func volunteerRejected(_ id: String?, _ row: RowContext) {
        guard let id, !knownVolunteers.contains(id), rejectedVolunteers[id] == nil else { return }
        rejectedVolunteers[id] = "\(row.file):\(row.line)"
    }

    /// The message for a row naming `id` of `table` whose own row at `origin` (`FILE:LINE`) was rejected.
    static func rejectedRowMessage(_ id: String, _ table: TableKind, origin: String) -> Localized {
        let masked = PersonalData.mask(id)
        let (fr, en) = table == .volunteers
            ? ("le bénévole « \(masked) » figure dans le fichier des bénévoles", "volunteer \"\(masked)\" is in the volunteers file")
            : ("la demande « \(masked) » figure dans le fichier des demandes", "request \"\(masked)\" is in the requests file")
        return Localized(
            fr: fr + ", mais sa propre ligne a été refusée (\(origin)) : corrigez d'abord cette ligne, celle-ci sera "
                + "alors acceptée",
            en: en + ", but its own row was rejected (\(origin)): fix that row first, and this one will be accepted")
    }

    /// The knock-on message for volunteer `id`, nil when its row was not rejected (then it is unknown).
    func knockOn(volunteer id: String) -> Localized? {
        rejectedVolunteers[id].map { ImportRun.rejectedRowMessage(id, .volunteers, origin: $0) }
    }

    /// Notes a request row that was rejected (an assignment naming it then points there).
    func requestRejected(_ id: String?, _ row: RowContext) {
        guard let id, rejectedRequests[id] == nil else { return }
        rejectedRequests[id] = "\(row.file):\(row.line)"
    }

    /// The knock-on message for request `id`, nil when its row was not rejected (then it is unknown).
    func knockOn(request id: String) -> Localized? {
        rejectedRequests[id].map { ImportRun.rejectedRowMessage(id, .requests, origin: $0) }
    }
}
