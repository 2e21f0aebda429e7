import Foundation

// The row handlers: each reads the fields of one row of its table, records the row's issues
// and warnings, and records its writes in the batch.
extension ImportRun {
    /// The domain codes of a volunteer's list of labels (`courses | écoute`), in order without
    /// repeats, and the labels that are no known domain (stored as `autre`).
    private func parseVolunteerDomains(_ raw: String) -> (codes: [String], unknown: [String]) {
        var codes: [String] = [], unknown: [String] = []
        for part in raw.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" || $0 == "/" }) {
            let label = part.trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { continue }
            let code = importer.labels.domain(label)
            if code == nil { unknown.append(label) }
            if !codes.contains(code ?? "autre") { codes.append(code ?? "autre") }
        }
        return (codes, unknown)
    }

    func volunteerRow<R: ImportRecord>(_ rec: R, _ row: inout RowContext, seen: inout FirstLines) throws {
        let id = row.requiredText(rec, .volunteerID)
        let joined = row.time(rec, .joinedOn, required: true, clock: importer.clock)
        let left = row.optional { $0.time(rec, .leftOn, required: false, clock: importer.clock) }
        if let id, let first = seen.line(of: id) {
            row.issue(.volunteerID, Localized(
                fr: "le bénévole \(PersonalData.quotedFrench(id)) figure deux fois dans ce fichier (d'abord à la ligne "
                    + "\(first)) ; gardez une seule ligne par bénévole, ou donnez à chacun son propre identifiant",
                en: "volunteer \(PersonalData.quoted(id)) appears twice in this file "
                    + "(first on line \(first))"))
        }
        if let id, !(earlierFiles[.volunteers]?.isEmpty ?? true), let place = earlierRow(of: id, table: .volunteers) {
            row.issue(.volunteerID, Self.idInTwoFiles(id, table: .volunteers, at: place))
        }
        let association = association(rec, &row)
        // A rejected row's id counts as seen too: a later row with the same id is a duplicate,
        // never silently the one kept (under --skip-invalid both are rejected).
        if let id { seen.record(id, line: Int32(row.line)) }
        guard row.issues.isEmpty, let id, let joined else { volunteerRejected(id, row); return }
        if let left, left.dateString < joined.dateString {
            warnings.inconsistent(row.warning(.leftOn, Localized(
                fr: "le départ (\(left.dateString)) est avant l'arrivée (\(joined.dateString)) ; le bénévole n'est "
                    + "pas compté parmi les inscrits",
                en: "departure \(left.dateString) is before the arrival "
                    + "\(joined.dateString); the volunteer is left out of the registered count")))
        }
        let raw = row.text(rec, .domains)
        let (domains, unknown) = volunteerDomains[raw] ?? {
            let parsed = parseVolunteerDomains(raw)
            volunteerDomains[raw] = parsed
            return parsed
        }()
        for label in unknown { warnings.unknownDomains[label, default: 0] += 1 }
        batch.text(id)
        batch.text(joined.dateString)
        batch.text(joined.month.description)
        batch.text(left?.dateString)
        batch.text(left?.month.description)
        batch.text(association)
        batch.text(domains.isEmpty ? nil : domains.joined(separator: "|"))
        batch.end(.upsertVolunteer)
        knownVolunteers.insert(id)
    }

    /// The association of a row, in its configured spelling. The column is stored, so a text in it
    /// that looks like a phone number or an e-mail address (typed in the wrong column) is an error
    /// for that cell, quoted masked (docs/SECURITY.md); under --skip-invalid the row is imported
    /// without it.
    private func association<R: ImportRecord>(_ rec: R, _ row: inout RowContext) -> String? {
        let labels = importer.labels
        guard let found = cached(&associationCache, rec, row, .association, {
            (labels.association($0), PersonalData.mask($0) != $0)
        }) else { return nil }
        guard found.personal else { return found.name }
        return row.optional { row in
            let value = row.text(rec, .association)
            row.issue(.association, Localized(
                fr: "\(PersonalData.quotedFrench(value)) ressemble à un numéro de téléphone ou à une adresse "
                    + "e-mail, qui ne sont jamais enregistrés ; ne gardez dans cette colonne que le nom de "
                    + "l'association partenaire",
                en: "\(PersonalData.quoted(value)) looks like a phone number or an e-mail address, which are never "
                    + "stored; keep only the partner association's name in this column"))
            return nil as String?
        }
    }

    /// A label-like field through a byte cache: `compute` runs once per distinct spelling.
    /// Nil when the column is absent or the field empty.
    @inline(__always)
    private func cached<V, R: ImportRecord>(_ cache: inout ByteCache<V>, _ rec: R, _ row: RowContext,
                           _ column: Column, _ compute: (String) -> V) -> V? {
        guard let i = row.map.index[column] else { return nil }
        return rec.withBytes(i) { b -> V? in
            if b.isEmpty { return nil }
            if let hit = cache.get(b) { return hit }
            let value = compute(rec.string(i))
            cache.set(b, value)
            return value
        }
    }

    func requestRow<R: ImportRecord>(_ rec: R, _ row: inout RowContext, seen: inout FirstLines) throws {
        let clock = importer.clock
        let labels = importer.labels
        let id = row.requiredText(rec, .requestID)
        let received = row.time(rec, .receivedAt, required: true, clock: clock)
        let domain = cached(&domainCache, rec, row, .domain) { ($0, labels.domain($0)) }
        if domain == nil {
            row.issue(.domain, Localized(fr: "valeur obligatoire manquante : remplissez cette cellule",
                                         en: "required value missing"))
        }
        let known = knownVolunteers
        let volunteer = cached(&volunteerCache, rec, row, .volunteerID) { ($0, known.contains($0)) }
        // Optional values: under --skip-invalid, one that cannot be read is left out of the row.
        let matched = row.optional { $0.time(rec, .matchedAt, required: false, clock: clock) }
        let contacted = row.optional { $0.time(rec, .contactedAt, required: false, clock: clock) }
        let done = row.optional { $0.time(rec, .doneAt, required: false, clock: clock) }
        let hours = row.optional { $0.hours(rec, .hours) }
        if let id, let first = seen.line(of: id) {
            row.issue(.requestID, Localized(
                fr: "la demande \(PersonalData.quotedFrench(id)) figure deux fois dans ce fichier (d'abord à la ligne "
                    + "\(first)) ; gardez une seule ligne par demande, ou donnez à chacune son propre numéro",
                en: "request \(PersonalData.quoted(id)) appears twice in this file "
                    + "(first on line \(first))"))
        }
        if let id, !(earlierFiles[.requests]?.isEmpty ?? true), let place = earlierRow(of: id, table: .requests) {
            row.issue(.requestID, Self.idInTwoFiles(id, table: .requests, at: place))
        }
        if let volunteer, !volunteer.known {
            row.issue(.volunteerID, knockOn(volunteer: volunteer.id) ?? Self.unknownVolunteer(volunteer.id))
        }
        let association = association(rec, &row)
        if let id { seen.record(id, line: Int32(row.line)) }  // as for volunteers: a later copy is a duplicate
        guard row.issues.isEmpty, let id, let received, let domain else { requestRejected(id, row); return }

        if domain.code == nil { warnings.unknownDomains[domain.label, default: 0] += 1 }
        checkFuture(.receivedAt, received, row: row)
        let given = cached(&statusCache, rec, row, .status) { ($0, labels.status($0)) }
        if let given, given.status == nil { warnings.unknownStatuses[given.label, default: 0] += 1 }
        let status = given?.status
        let channel = cached(&channelCache, rec, row, .channel) { ($0, labels.channel($0)?.rawValue) }
        if let channel, channel.channel == nil { warnings.unknownChannels[channel.label, default: 0] += 1 }

        batch.text(id)
        batch.timestamp(received, withMonth: true)
        batch.text(domain.code ?? "autre")
        batch.text(residentKey(rec, row))
        // A missing status is derived from the assignments: done when one has done_at, matched
        // when there is one, else open. The row's own assignment decides it here; `finish`
        // looks again when other assignments may exist.
        let derived: RequestStatus = volunteer == nil ? .open : (done != nil ? .done : .matched)
        if status == nil && derived != .done && requestsExisted { statusRecheck.insert(id) }
        batch.text((status ?? derived).rawValue)
        batch.int(status == nil ? 1 : 0)
        batch.text(association)
        batch.text(channel.map { $0.channel ?? "other" } ?? "phone")
        batch.end(.upsertRequest)

        if requestsExisted {
            let writes = hasFileRows(id) ? Write.dropStaleWithFileRows : Write.dropStale
            for write in writes {
                batch.text(id)
                batch.text(volunteer?.id)
                batch.end(write)
            }
        }
        guard let volunteer else {
            if matched != nil || contacted != nil || done != nil || hours != nil {
                warnings.detailsWithoutVolunteer += 1
                if warnings.detailsWithoutVolunteerPlaces.count < 5 {
                    warnings.detailsWithoutVolunteerPlaces.append("\(row.file):\(row.line)")
                }
            }
            return
        }
        checkOrder(received: received, matched: matched, contacted: contacted, done: done, row: row)
        writeInlineAssignment(request: id, volunteer: volunteer.id, matched: matched,
                        contacted: contacted, done: done, hours: hours)
    }

    func assignmentRow<R: ImportRecord>(_ rec: R, _ row: inout RowContext, seen: inout FirstLines) throws {
        let clock = importer.clock
        let request = row.requiredText(rec, .requestID)
        let volunteer = row.requiredText(rec, .volunteerID)
        // Optional values: under --skip-invalid, one that cannot be read is left out of the row.
        let matched = row.optional { $0.time(rec, .matchedAt, required: false, clock: clock) }
        let contacted = row.optional { $0.time(rec, .contactedAt, required: false, clock: clock) }
        let done = row.optional { $0.time(rec, .doneAt, required: false, clock: clock) }
        let hours = row.optional { $0.hours(rec, .hours) }
        var received: Timestamp?
        if let request {
            receivedAtOfRequest.bind(1, request)
            if let text = try receivedAtOfRequest.firstText() {
                received = Timestamp(iso8601: text)
            } else if let knockOn = knockOn(request: request) {
                row.issue(.requestID, knockOn)
            } else {
                row.issue(.requestID, Localized(
                    fr: "demande inconnue \(PersonalData.quotedFrench(request)) (ni dans le fichier des demandes ni dans "
                        + "la base) ; vérifiez le numéro, ou importez aussi le fichier des demandes",
                    en: "unknown request \(PersonalData.quoted(request)) "
                        + "(not in the requests file nor in the database)"))
            }
        }
        if let volunteer, !knownVolunteers.contains(volunteer) {
            row.issue(.volunteerID, knockOn(volunteer: volunteer) ?? Self.unknownVolunteer(volunteer))
        }
        if let request, let volunteer {
            let key = request + "\u{1F}" + volunteer
            if let first = seen.line(of: key) {
                row.issue(.volunteerID, Localized(
                    fr: "la demande \(PersonalData.quotedFrench(request)) et le bénévole \(PersonalData.quotedFrench(volunteer)) "
                        + "figurent deux fois ensemble dans ce fichier (d'abord à la ligne \(first)) ; "
                        + "gardez une seule de ces lignes",
                    en: "request \(PersonalData.quoted(request)) and volunteer "
                        + "\(PersonalData.quoted(volunteer)) appear twice in this "
                        + "file (first on line \(first))"))
            } else {
                seen.record(key, line: Int32(row.line))  // rejected or not: a later copy is a duplicate
            }
        }
        guard row.issues.isEmpty, let request, let volunteer, let received else { return }
        statusRecheck.insert(request)
        checkOrder(received: received, matched: matched, contacted: contacted, done: done, row: row)
        writeFileAssignment(request: request, volunteer: volunteer, matched: matched,
                           contacted: contacted, done: done, hours: hours)
    }

    /// A volunteer id found neither in the volunteers file nor in the database.
    private static func unknownVolunteer(_ id: String) -> Localized {
        Localized(
            fr: "bénévole inconnu \(PersonalData.quotedFrench(id)) (ni dans le fichier des bénévoles ni dans la base) ; "
                + "vérifiez l'identifiant, ou importez aussi le fichier des bénévoles",
            en: "unknown volunteer \(PersonalData.quoted(id)) "
                + "(not in the volunteers file nor in the database)")
    }

    /// An event dated after this import (a typing slip: 2062 for 2026, a planned date) is imported
    /// but warned about; it is never the data's as-of instant (docs/INDICATORS.md, "Data coverage").
    private func checkFuture(_ column: Column, _ event: Timestamp?, row: RowContext) {
        guard let event, event.utc > importUTC else { return }
        warnings.future(row.warning(column, Localized(
            fr: "\(event.iso8601) est postérieur à cette importation : date dans le futur ? corrigez-la dans le tableau "
                + "(elle est importée, mais les chiffres s'arrêtent à la dernière date passée)",
            en: "\(event.iso8601) is after this import: a date in the future? correct it in the spreadsheet "
                + "(it is imported, but the figures stop at the latest past date)")))
    }

    /// Events before the call are imported but warned about (the indicators leave them out);
    /// events after this import likewise (`checkFuture`).
    private func checkOrder(received: Timestamp, matched: Timestamp?, contacted: Timestamp?, done: Timestamp?,
                            row: RowContext) {
        for (column, event) in [(Column.matchedAt, matched), (.contactedAt, contacted), (.doneAt, done)] {
            checkFuture(column, event, row: row)
        }
        for (column, event) in [(Column.matchedAt, matched), (.contactedAt, contacted), (.doneAt, done)] {
            if let event, event < received {
                warnings.inconsistent(row.warning(column, Localized(
                    fr: "\(event.iso8601) est avant l'appel (\(received.iso8601))",
                    en: "\(event.iso8601) is before the call (\(received.iso8601))")))
                return
            }
        }
    }

    /// The resident's identity: a pseudonym of the export's id (never stored as given: people
    /// type names and phone numbers into any column), else of the phone, else of the name.
    private func residentKey<R: ImportRecord>(_ rec: R, _ row: RowContext) -> String? {
        var given = row.text(rec, .residentID)
        if !given.isEmpty {
            let pseudonymizer = importer.pseudonymizer
            return given.withUTF8 { b in givenIDCache.value(b) { pseudonymizer.residentID(bytes: $0) } }
        }
        if let i = row.map.index[.residentPhone] {
            let pseudonymizer = importer.pseudonymizer
            let key: String? = rec.withBytes(i) { b in
                ValueParsers.withNormalizedPhone(b) { digits in
                    phoneCache.value(digits) { pseudonymizer.phone(digits: $0) }
                } ?? nil
            }
            if let key { return key }
        }
        var name = row.text(rec, .residentName)
        let first = row.text(rec, .residentFirstName)
        if !first.isEmpty { name = name.isEmpty ? first : name + " " + first }
        if let normalized = ValueParsers.normalizedName(name) {
            return importer.pseudonymizer.name(normalized)
        }
        return nil
    }
}
