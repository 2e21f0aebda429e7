import Foundation

/// Which field of a file holds which canonical column, from its header line.
/// A class: every row refers to it, and copying its arrays per row would cost retains.
final class ColumnMap {
    var index = ColumnSlots()
    /// Headers as written in the file.
    var headers: [String] = []
    /// Headers that name no column of this table: kept nowhere.
    var ignored: [String] = []
    /// Personal-data headers: read only to derive the resident's pseudonym, never stored.
    var personal: [String] = []
    /// Columns of the header row without a header (0-based): not read. A value in one of them is
    /// said once in the summary (`unnamedWithValues`): it may be a time, a status nobody named.
    var unnamed: [Int] = []
    /// Those of `unnamed` in which a row had a value, said once each.
    var unnamedWithValues: [Int] = []

    /// Notes a value in a column without a header (cheap: files seldom have such columns).
    @inline(__always)
    func checkUnnamed<R: ImportRecord>(_ rec: R) {
        guard !unnamed.isEmpty else { return }
        for i in unnamed where !rec.isEmpty(i) && !unnamedWithValues.contains(i) { unnamedWithValues.append(i) }
    }

    /// Stored columns that two headers of the file name (`Réalisé le` and `Date de réalisation`).
    var duplicates: [(column: Column, first: String, second: String)] = []

    /// The file cannot be read while two of its headers name one stored column: the one that
    /// would be ignored may hold the values (a done date, the time of the call).
    func duplicateIssues(file: String, line: Int) -> [ImportIssue] {
        duplicates.map { d in
            ImportIssue(file: file, line: line, column: d.second, message: Localized(
                fr: "les colonnes « \(d.first) » et « \(d.second) » donnent toutes deux « \(d.column.frenchHeader) » "
                    + "(\(d.column.name)) ; on ne peut pas savoir laquelle est juste : gardez-en une seule dans le "
                    + "tableau, ou écartez l'autre dans un fichier de correspondance donné avec --mapping : "
                    + "\(ColumnMap.tomlQuoted(d.second)) = \"ignore\"",
                en: "the columns \"\(d.first)\" and \"\(d.second)\" both give \"\(d.column.frenchHeader)\" "
                    + "(\(d.column.name)); which one is right cannot be known: keep only one in the spreadsheet, or "
                    + "set the other aside in a mapping file given with --mapping: "
                    + "\(ColumnMap.tomlQuoted(d.second)) = \"ignore\""))
        }
    }
    /// The day/month order of the date columns and their evidence (`ImportRun+DateOrder.swift`).
    var dates = DateColumns(order: nil)

    /// A header row that lacks required columns (docs/FORMAT.md, "Messages"): the message lists the
    /// headers the file has, the nearest one, and a mapping line ready to paste.
    struct MissingColumns: Error {
        var table: TableKind
        var columns: [Column]
        /// The headers of the row that looked most like a header, as written.
        var headers: [String]
        /// That row's line (or spreadsheet row).
        var line: Int
        /// The closest header of the file for a missing column.
        var nearest: [Column: String]
        /// True when that row holds values (a date, a phone number, an e-mail address), not headers:
        /// the file has no header row. Its cells are then not quoted (they may be names).
        var isData: Bool

        init(table: TableKind, columns: [Column], headers: [String], line: Int, mapping: HeaderMapping) {
            self.table = table
            self.columns = columns
            self.headers = headers
            self.line = line
            isData = MissingColumns.looksLikeData(headers)
            nearest = isData ? [:] : NearestHeader.suggestions(missing: columns, headers: headers, table: table, mapping: mapping)
        }

        /// A row with a date or a phone- or e-mail-like value is data, not a header.
        static func looksLikeData(_ cells: [String]) -> Bool {
            cells.contains { !$0.isEmpty && (ValueParsers.timestamp($0) != nil || PersonalData.mask($0) != $0) }
        }

        /// At most this many headers are listed.
        static let listed = 20

        func issues(file: String) -> [ImportIssue] {
            let shown = headers.filter { !$0.isEmpty }
            let more = shown.count > Self.listed ? shown.count - Self.listed : 0
            let en = shown.prefix(Self.listed).map(PersonalData.quoted).joined(separator: ", ")
                + (more > 0 ? " and \(more) more" : "")
            let fr = shown.prefix(Self.listed).map(ColumnMap.frenchQuoted).joined(separator: ", ")
                + (more > 0 ? " et \(more) autres" : "")
            return columns.enumerated().map { position, c in
                // The header's cells are listed once, with the first missing column.
                let has = position > 0 && !isData
                    ? Localized(fr: "colonne obligatoire absente.", en: "required column missing.")
                    : isData
                    ? Localized(fr: "colonne obligatoire absente. Aucune ligne d'en-tête n'a été trouvée au-dessus des "
                                    + "données (la ligne \(line) contient des valeurs, pas des en-têtes).",
                                en: "required column missing. No header row was found above the data (line \(line) "
                                    + "holds values, not headers).")
                    : Localized(fr: "colonne obligatoire absente. L'en-tête (ligne \(line)) contient : \(fr).",
                                en: "required column missing. The header (line \(line)) has: \(en).")
                let fix: Localized
                if let near = nearest[c] {
                    let paste = "\(ColumnMap.tomlQuoted(near)) = \"\(c.name)\""
                    fix = Localized(
                        fr: " La plus proche est \(ColumnMap.frenchQuoted(near)) : renommez-la « \(c.frenchHeader) » dans "
                            + "le tableau, ou mettez cette ligne dans un fichier de correspondance donné avec --mapping : "
                            + paste,
                        en: " The nearest is \(PersonalData.quoted(near)): rename it \"\(c.frenchHeader)\" in the "
                            + "spreadsheet, or put this line in a mapping file given with --mapping: " + paste)
                } else {
                    let others = c.acceptedHeaders.filter {
                        $0 != c.frenchHeader && Column.aliases[table]![c]?.contains(TextKey.normalize($0)) == true
                    }
                    let alsoFr = others.isEmpty ? "" : (others.count == 1 ? " (également accepté : " : " (également acceptés : ")
                        + others.map { "« \($0) »" }.joined(separator: ", ") + ")"
                    let alsoEn = others.isEmpty ? "" : " (also accepted: "
                        + others.map { "\"\($0)\"" }.joined(separator: ", ") + ")"
                    fix = Localized(
                        fr: (isData ? " Ajoutez au-dessus des données une ligne d'en-tête avec une colonne "
                                    : " Aucune n'en est proche : ajoutez une colonne ")
                            + "« \(c.frenchHeader) »\(alsoFr)\(isData ? "" : " au-dessus des données"), ou indiquez la "
                            + "colonne qui la contient dans un fichier de correspondance donné avec --mapping : "
                            + "\"votre en-tête\" = \"\(c.name)\"",
                        en: (isData ? " Add a header row above the data, with a column " : " None is close to it: add a column ")
                            + "\"\(c.frenchHeader)\"\(alsoEn)\(isData ? "" : " above the data"), or "
                            + "name the column that holds it in a mapping file given with --mapping: "
                            + "\"your header\" = \"\(c.name)\"")
                }
                return ImportIssue(file: file, line: line, column: c.frenchHeader, message: has.appending(fix))
            }
        }
    }

    /// `« text »`, phone- and e-mail-like text masked: how French messages quote a header.
    static func frenchQuoted(_ text: String) -> String { "« " + PersonalData.mask(text) + " »" }

    /// A TOML basic string: `"text"`, with `"` and `\` escaped (a header pasted into a mapping file).
    static func tomlQuoted(_ text: String) -> String {
        var out = "\""
        for ch in text.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where ch.value < 0x20: out += String(format: "\\u%04X", ch.value)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    /// The columns of a header row (`headers`, as written; a two-row header already merged).
    /// Fails when a required column is missing (`line`: the header row's line, for the message).
    static func make(headers: [String], line: Int, table: TableKind,
                     mapping: HeaderMapping) -> Result<ColumnMap, MissingColumns> {
        let map = ColumnMap()
        let aliases = Column.aliases[table]!
        for (i, header) in headers.enumerated() {
            map.headers.append(header)
            if header.isEmpty { map.unnamed.append(i); continue }
            let key = TextKey.normalize(header)
            guard let column = HeaderDetection.column(forNormalized: key, table: table, mapping: mapping),
                  aliases[column] != nil else {
                map.ignored.append(header)
                continue
            }
            if let first = map.index[column] {
                // Two headers for one column. Personal data: the first is used for the pseudonym.
                // Any other: which one holds the right values cannot be known (`duplicateIssues`).
                map.ignored.append(header)
                if !column.isPersonal { map.duplicates.append((column, headers[first], header)) }
                continue
            }
            map.index[column] = i
            if column.isPersonal { map.personal.append(header) }
        }
        let missing = Column.required[table]!.filter { map.index[$0] == nil }
        if !missing.isEmpty {
            return .failure(MissingColumns(table: table, columns: missing, headers: headers, line: line, mapping: mapping))
        }
        return .success(map)
    }

    /// How many non-empty values a row has beyond the header's columns (trailing empty cells,
    /// as spreadsheets often write, do not count).
    func extraFields<R: ImportRecord>(_ rec: R) -> Int {
        guard rec.count > headers.count else { return 0 }
        return (headers.count..<rec.count).filter { !rec.isEmpty($0) }.count
    }

    /// The header of a column as written in this file.
    func header(_ column: Column) -> String {
        if let i = index[column], i < headers.count, !headers[i].isEmpty { return headers[i] }
        return column.frenchHeader
    }

    /// The row's cells other than personal data, as `Header=value | …`, for the rejects file
    /// (phone- and e-mail-like text masked: people type them into any column).
    func nonPersonalContent<R: ImportRecord>(_ rec: R) -> String {
        let personalIndexes = Set(Column.allCases.filter(\.isPersonal).compactMap { index[$0] })
        var parts: [String] = []
        for i in 0..<min(headers.count, rec.count) where !personalIndexes.contains(i) {
            // Unknown columns may hold free text about people: leave them out too.
            guard Column.allCases.contains(where: { index[$0] == i }) else { continue }
            let v = rec.string(i)
            if !v.isEmpty { parts.append("\(headers[i])=\(PersonalData.mask(v))") }
        }
        return parts.joined(separator: " | ")
    }
}

/// One row being read: where it is, and what is wrong with it so far.
struct RowContext {
    let file: String
    let line: Int
    let map: ColumnMap
    var issues: [ImportIssue] = []
    /// Under `--skip-invalid`: the issues of optional values that could not be read, left out
    /// of the row, which is imported without them (`optional(_:)`); the rejects file lists them.
    var leftOut: [ImportIssue] = []
    /// True under `--skip-invalid`: an optional value that cannot be read is left out of the row
    /// instead of rejecting it (docs/FORMAT.md, "Import semantics").
    var keepsRowsWithoutBadValues = false

    init(file: String, line: Int, map: ColumnMap) {
        self.file = file
        self.line = line
        self.map = map
    }

    /// The message of a required cell left empty.
    static let requiredValueMissing = Localized(fr: "valeur obligatoire manquante : remplissez cette cellule",
                                                en: "required value missing")

    mutating func issue(_ column: Column, _ message: Localized) {
        issues.append(ImportIssue(file: file, line: line, column: map.header(column), message: message))
    }

    func warning(_ column: Column, _ message: Localized) -> ImportIssue {
        ImportIssue(file: file, line: line, column: map.header(column), message: message)
    }



    /// Reads an optional value with `read` (`row.optional { $0.hours(rec, .hours) }`). Under
    /// `keepsRowsWithoutBadValues` the issues it raises do not reject the row: they move to
    /// `leftOut`, and the value is nil (the row is imported without it). Otherwise the value
    /// and its issues are `read`'s.
    @inline(__always)
    mutating func optional<T>(_ read: (inout RowContext) -> T?) -> T? {
        let before = issues.count
        let value = read(&self)
        guard keepsRowsWithoutBadValues && issues.count > before else { return value }
        leftOut.append(contentsOf: issues[before...])
        issues.removeSubrange(before...)
        return nil
    }

    /// The field's text, "" when empty or when the file has no such column.
    func text<R: ImportRecord>(_ rec: R, _ column: Column) -> String {
        guard let i = map.index[column] else { return "" }
        return rec.string(i)
    }

    mutating func requiredText<R: ImportRecord>(_ rec: R, _ column: Column) -> String? {
        let value = text(rec, column)
        if value.isEmpty {
            issue(column, RowContext.requiredValueMissing)
            return nil
        }
        return value
    }

    /// The timestamp of `column`: its date read in the column's day/month order (`map.dates`),
    /// its time from the companion time column when the date has none (docs/FORMAT.md, "Day and
    /// month order", "Date and time in two columns"). Nil, with an issue when the value is
    /// unreadable, when the column is absent or the value empty.
    mutating func time<R: ImportRecord>(_ rec: R, _ column: Column, required: Bool, clock: LocalClock) -> Timestamp? {
        guard let i = map.index[column] else { return nil }
        let order = map.dates.order(column)
        var isEmpty = false
        let parsed: ParsedTime? = rec.withBytes(i) { b in
            isEmpty = b.isEmpty
            if isEmpty { return nil }
            return order == .dayFirst ? ValueParsers.timestamp(b) : ValueParsers.timestamp(b, order: .monthFirst)
        }
        if R.hasCellKinds && !isEmpty { observeCell(rec, i, column, parsed: parsed != nil) }
        let companion = column.timeColumn.flatMap { map.index[$0] }
        guard var parsed else {
            if isEmpty {
                if required {
                    issue(column, RowContext.requiredValueMissing)
                } else if let companion, !rec.isEmpty(companion) {
                    issue(column, Localized(
                        "une heure est donnée dans la colonne « \(map.header(column.timeColumn!)) » mais la date est vide ; "
                            + "écrivez la date dans la colonne « \(map.header(column)) », ou effacez l'heure",
                        "a time is given in the column \"\(map.header(column.timeColumn!))\" but the date is empty; "
                            + "write the date in the column \"\(map.header(column))\", or clear the time"))
                }
                return nil
            }
            unreadableDate(rec, i, column, order: order)
            return nil
        }
        if let companion, !rec.isEmpty(companion) {
            guard let combined = withCompanionTime(rec, companion, column, parsed) else { return nil }
            parsed = combined
        }
        return parsed.resolve(with: clock)
    }

    /// A sheet's date value: a date cell, or text that reads in one order only (the evidence
    /// for a column mixing the two).
    private func observeCell<R: ImportRecord>(_ rec: R, _ i: Int, _ column: Column, parsed: Bool) {
        let kind = rec.dateCell(i)
        if kind != .none {
            // The workbook readers give date cells as `YYYY-MM-DDTHH:MM:SS`.
            let day = rec.withBytes(i) { b -> Int in
                guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
                      b[8] >= 48, b[8] <= 57, b[9] >= 48, b[9] <= 57 else { return 0 }
                return Int(b[8] - 48) * 10 + Int(b[9] - 48)
            }
            map.dates.cell(column, line: line, day: day, shownIn: kind.order)
        } else if parsed {
            let evidence = rec.withBytes(i) { DateOrder.evidence($0) }
            if evidence == .dayFirstOnly || evidence == .monthFirstOnly {
                map.dates.text(column, evidence, line: line, value: rec.string(i))
            }
        }
    }

    /// An unreadable date: when it reads in the other order, the evidence of its column (the
    /// file is read again month first, or refused as contradictory), else an ordinary issue.
    private mutating func unreadableDate<R: ImportRecord>(_ rec: R, _ i: Int, _ column: Column, order: DateOrder) {
        let value = rec.string(i)
        let other = order.other
        let readsOtherWay = rec.withBytes(i) { ValueParsers.timestamp($0, order: other) } != nil
        let dates = map.dates
        if readsOtherWay && !dates.decided {
            if order == .dayFirst {
                dates.monthFirstOnly(column, line: line, value: value)
            } else {
                dates.dayFirstOnlyInMonthFirstColumn(column, line: line, value: value)
            }
        }
        let dateOnly = column == .joinedOn || column == .leftOn
        var message = Localized(
            "impossible de lire \(DateColumns.quoted(value, .fr)) comme une date" + (dateOnly ? "" : " et une heure")
                + (dateOnly ? " (écrivez-la par exemple 03/10/2026 ou 2026-10-03)"
                            : " (écrivez-la par exemple 03/10/2026 14:05, 03/10/2026 14h05 ou 2026-10-03T14:05)"),
            "cannot read \(PersonalData.quoted(value)) as a date" + (dateOnly ? "" : " and time")
                + (dateOnly ? " (expected e.g. 03/10/2026 or 2026-10-03)"
                            : " (expected e.g. 03/10/2026 14:05, 03/10/2026 14h05 or 2026-10-03T14:05)"))
        if !readsOtherWay, let hint = ValueParsers.unreadableTimestampHint(value) {
            // Why, when the value says (a weekday that is not the date's, a missing year…).
            message = message.appending(hint)
        }
        if readsOtherWay {
            // Only with --date-order, or in a column refused as contradictory.
            message = message.appending(Localized(
                " ; cette date ne peut se lire que \(other.pattern.fr), or cette colonne est lue \(order.pattern.fr)"
                    + (dates.decided ? " (--date-order \(order.rawValue)) : corrigez-la dans le tableau"
                                     : " : corrigez-la dans le tableau"),
                "; this date can only be \(other.pattern.en), and this column is read \(order.pattern.en)"
                    + (dates.decided ? " (--date-order \(order.rawValue)): correct it in the spreadsheet"
                                     : ": correct it in the spreadsheet")))
        }
        issue(column, message)
    }

    /// The time of day a companion time cell gives for the date `parsed`: a time (`14:05`, `14h05`,
    /// `14 h`), or a time cell that a workbook gives as a date and time, on the spreadsheets' day 0
    /// (1899-12-30, or 1899-12-31 and 1900-01-01 as some write it) or on the date's own day. Nil
    /// when it cannot be read as one. (`entraide inspect` shows the times the same way.)
    static func companionSeconds(_ b: UnsafeBufferPointer<UInt8>, date parsed: ParsedTime) -> Int? {
        if let seconds = TimeOfDay.seconds(b) { return seconds }
        guard case .local(let s)? = ValueParsers.timestamp(b) else { return nil }
        let day = s >= 0 ? s / 86400 : (s - 86399) / 86400
        let dayZero = daysFromCivil(1899, 12, 30)
        guard case .local(let d) = parsed, day == d / 86400 || (day >= dayZero && day <= dayZero + 2) else { return nil }
        return s - day * 86400
    }

    /// The date with the time of its companion time column (`Heure` beside `Date d'appel`). The
    /// time of the date itself wins when they agree or when the time column repeats midnight;
    /// a date that has a time of its own (not 00:00) and a different time column is an issue, as
    /// is a time that cannot be read.
    private mutating func withCompanionTime<R: ImportRecord>(_ rec: R, _ t: Int, _ column: Column,
                                                             _ parsed: ParsedTime) -> ParsedTime? {
        let timeColumn = column.timeColumn!
        guard let seconds = rec.withBytes(t, { RowContext.companionSeconds($0, date: parsed) }) else {
            let value = rec.string(t)
            issue(timeColumn, Localized(
                "impossible de lire \(DateColumns.quoted(value, .fr)) comme une heure (écrivez-la par exemple 14:05, "
                    + "14h05 ou 14 h)",
                "cannot read \(PersonalData.quoted(value)) as a time of day (expected e.g. 14:05, 14h05 or 14 h)"))
            return nil
        }
        let header = map.header(column), timeHeader = map.header(timeColumn)
        let given = TimeOfDay.text(seconds)
        if case .local(let s) = parsed {
            let own = ((s % 86400) + 86400) % 86400
            if own == 0 { return .local(s + seconds) }
            if own == seconds { return parsed }
            issue(timeColumn, Localized(
                "la date de la colonne « \(header) » a sa propre heure (\(TimeOfDay.text(own))) et la colonne "
                    + "« \(timeHeader) » en donne une autre (\(given)) : on ne peut pas savoir laquelle est juste ; "
                    + "corrigez l'une des deux dans le tableau (ou effacez l'heure de la date)",
                "the date in the column \"\(header)\" has its own time (\(TimeOfDay.text(own))) and the column "
                    + "\"\(timeHeader)\" gives another (\(given)): which one is right cannot be known; correct one "
                    + "of them in the spreadsheet (or remove the time from the date)"))
        } else {
            issue(timeColumn, Localized(
                "la date de la colonne « \(header) » a déjà une heure et un fuseau horaire, et la colonne "
                    + "« \(timeHeader) » donne \(given) : gardez une seule des deux (effacez l'heure de la colonne "
                    + "« \(timeHeader) »)",
                "the date in the column \"\(header)\" already has a time and a time zone, and the column "
                    + "\"\(timeHeader)\" gives \(given): keep only one of them (clear the time in \"\(timeHeader)\")"))
        }
        return nil
    }

    mutating func hours<R: ImportRecord>(_ rec: R, _ column: Column) -> Double? {
        guard let i = map.index[column] else { return nil }
        var isEmpty = false
        let parsed: Double? = rec.withBytes(i) { b in
            isEmpty = b.isEmpty
            return isEmpty ? nil : ValueParsers.hours(b)
        }
        if parsed != nil || isEmpty { return parsed }
        let value = rec.string(i)
        issue(column, Localized(
            fr: "la durée \(PersonalData.quotedFrench(value)) ne peut pas être lue ; écrivez le temps passé en heures "
                + "(1,5 ou 1.5), ou sous la forme 1h30, 1 h 30, 1:30, 90 min ou une heure",
            en: "cannot read \(PersonalData.quoted(value)) as a duration; write the time spent in hours (1.5 or 1,5), "
                + "or as 1h30, 1 h 30, 1:30, 90 min or une heure"))
        return nil
    }
}

/// Field index per canonical column: an array look-up, not a hash, in the per-row hot path.
struct ColumnSlots {
    private var slots = [Int](repeating: -1, count: Column.allCases.count)

    subscript(column: Column) -> Int? {
        get { let i = slots[column.rawValue]; return i >= 0 ? i : nil }
        set { slots[column.rawValue] = newValue ?? -1 }
    }
}
