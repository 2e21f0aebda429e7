import Foundation

// What `entraide inspect` prints: each file or sheet's reading, then the dry run of the import
// (docs/FORMAT.md, "Inspecting a file").
extension Inspection {
    /// Values shown per column.
    static let shownValues = 3
    /// Errors of the dry run listed one by one.
    static let listedErrors = 10

    public func text(_ language: Language) -> String {
        func say(_ fr: String, _ en: String) -> String { language == .en ? en : fr }
        var out = ""
        for reading in readings {
            out += section(reading, language) + "\n"
        }
        if let trial {
            let base = database.map { say("la base \($0), lue sans rien y écrire", "the database \($0), read without writing to it") }
                ?? say("une base vide", "an empty database")
            out += say("À l'essai (importation à blanc dans \(base)) :\n", "Trial (a dry-run import into \(base)):\n")
            out += ImportSummaryText.render(trial, database: database ?? "—", language: language)
                .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
            if !trial.errors.isEmpty {
                var listed = trial
                listed.errors = Array(trial.errors.prefix(Self.listedErrors))
                listed.errorCount = trial.errorCount
                out += say("Erreurs que l'importation signalerait :\n", "Errors the import would report:\n")
                out += ImportSummaryText.renderErrors(listed, language: language)
                    .split(separator: "\n").map { "  \($0)\n" }.joined()
            }
        }
        return out
    }

    private func section(_ reading: HeaderReading, _ language: Language) -> String {
        func say(_ fr: String, _ en: String) -> String { language == .en ? en : fr }
        var out = reading.location
        if reading.isIgnored {
            return out + say(" : feuille ignorée (vide, ou des notes sans tableau)\n",
                             ": sheet skipped (empty, or notes without a table)\n")
        }
        if let table = reading.table {
            out += " → " + Self.tableName(table, language)
            if reading.recognisedByHeader {
                out += say(" (reconnue d'après sa ligne d'en-tête)", " (recognised by its header row)")
            }
        }
        out += "\n"
        if let encoding = reading.encoding, let delimiter = reading.delimiter {
            out += say("  encodage \(encoding.rawValue), séparateur « \(delimiter) »\n",
                       "  encoding \(encoding.rawValue), separator \"\(delimiter)\"\n")
        }
        if let problem = reading.problem {
            return out + problem.text(language).split(separator: "\n").map { "  \($0)\n" }.joined()
        }
        guard let table = reading.table, let headerLine = reading.headerLine else { return out }
        var header = say("  en-tête ligne \(headerLine)", "  header on line \(headerLine)")
        if let group = reading.groupHeaderLine {
            header += say(" (sur deux lignes : la ligne \(group) au-dessus la complète)",
                          " (over two rows: line \(group) above completes it)")
        }
        if !reading.skippedLines.isEmpty {
            let lines = reading.skippedLines.map(String.init).joined(separator: ", ")
            header += say(reading.skippedLines.count == 1 ? " ; ligne \(lines) au-dessus ignorée"
                                                          : " ; lignes \(lines) au-dessus ignorées",
                          reading.skippedLines.count == 1 ? "; line \(lines) above it skipped"
                                                          : "; lines \(lines) above it skipped")
        }
        out += header + "\n"
        let width = min(28, reading.columns.map { Self.quoted($0.header, language).count }.max() ?? 0)
        for column in reading.columns {
            let letter = WorkbookLimits.columnName(column.index)
            let name = Self.quoted(column.header, language)
            out += "  " + letter.padding(toLength: max(letter.count, 3), withPad: " ", startingAt: 0)
                + name.padding(toLength: max(name.count, width), withPad: " ", startingAt: 0) + " → "
                + role(column, reading, language) + "\n"
        }
        let mapping = mappingLines(reading, table: table)
        if !mapping.isEmpty {
            out += say("  Pour les colonnes non reconnues, un fichier de correspondance à vérifier puis à donner avec "
                           + "--mapping FICHIER :\n",
                       "  For the columns not recognised, a mapping file to check, then give with --mapping FILE:\n")
            out += "    [\(table.rawValue)]\n" + mapping.map { "    \($0)\n" }.joined()
        }
        return out
    }

    /// What a column becomes, and its first values as read.
    private func role(_ column: HeaderReading.ColumnReading, _ reading: HeaderReading, _ language: Language) -> String {
        func say(_ fr: String, _ en: String) -> String { language == .en ? en : fr }
        switch column.role {
        case .ignored:
            return say("ignorée (lue nulle part)", "ignored (read nowhere)")
        case .personal(let c):
            return c == .residentName || c == .residentFirstName || c == .residentPhone || c == .residentEmail
                ? say("donnée personnelle : sert seulement au pseudonyme de l'habitant, jamais enregistrée",
                      "personal data: used only for the resident's pseudonym, never stored")
                : say("donnée personnelle : jamais lue ni enregistrée", "personal data: never read nor stored")
        case .column(let c):
            var text = c.frenchHeader == c.name ? c.name : "\(c.name) (\(c.frenchHeader))"
            if let date = c.dateColumn {
                let dateHeader = reading.columns.first { $0.role == .column(date) }?.header ?? date.frenchHeader
                text = say("heure de « \(dateHeader) »", "time of \"\(dateHeader)\"")
            }
            var order: DateOrder?
            if Self.isDate(c) {
                let o = dateOrder(of: column.header, in: reading)
                order = o
                text += say(", lue \(o.pattern.fr)", ", read \(o.pattern.en)")
            }
            let values = samples(column, c, order: order ?? .dayFirst, reading, language)
            return values.isEmpty ? text : text + " : " + values.joined(separator: " · ")
        }
    }

    /// The first non-empty values of a column, each as the import reads it.
    private func samples(_ column: HeaderReading.ColumnReading, _ c: Column, order: DateOrder,
                         _ reading: HeaderReading, _ language: Language) -> [String] {
        let labels = LabelResolver(settings: settings)
        let clock = settings.makeClock()
        let timeIndex = c.timeColumn.flatMap { time in reading.columns.first { $0.role == .column(time) }?.index }
        var shown: [String] = []
        // Total rows are not data: the import skips them (docs/FORMAT.md, "Total rows").
        for row in reading.sampleRows where column.index < row.count
            && !TotalRow.words.contains(TextKey.normalize(row.first { !$0.isEmpty } ?? "")) {
            let raw = row[column.index]
            guard !raw.isEmpty else { continue }
            let quoted = PersonalData.quoted(raw, language)
            var read: String?
            switch c {
            case _ where Self.isDate(c):
                guard var parsed = ValueParsers.timestamp(raw, order: order) else {
                    read = nil
                    break
                }
                // A date without its own time takes the one of its companion time column, as the import does.
                if case .local(let s) = parsed, ((s % 86400) + 86400) % 86400 == 0, let t = timeIndex, t < row.count,
                   !row[t].isEmpty {
                    var text = row[t]
                    if let seconds = text.withUTF8({ RowContext.companionSeconds($0, date: parsed) }) {
                        parsed = .local(s + seconds)
                    }
                }
                // As stored (`Timestamp.iso8601`), without seconds and offset: `2026-10-03 14:05`.
                let stored = parsed.resolve(with: clock)
                read = c == .joinedOn || c == .leftOn
                    ? stored.dateString : stored.iso8601.prefix(16).replacingOccurrences(of: "T", with: " ")
            case .hours:
                read = ValueParsers.hours(raw).map { h in
                    let text = h == h.rounded() ? String(Int(h)) : String(format: "%.2f", h)
                        .replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
                    return (language == .fr ? text.replacingOccurrences(of: ".", with: ",") : text) + " h"
                }
            case .status:
                read = labels.status(raw)?.rawValue
                    ?? say(language, "inconnu : déduit des mises en relation", "unknown: derived from the assignments")
            case .domain:
                read = labels.domain(raw) ?? say(language, "inconnu : compté sous « autre »", "unknown: counted as other")
            case .channel:
                read = labels.channel(raw)?.rawValue ?? say(language, "inconnu : compté sous « other »", "unknown: counted as other")
            default:
                shown.append(quoted)
                if shown.count == Self.shownValues { return shown }
                continue
            }
            shown.append(quoted + " → " + (read ?? say(language, "illisible", "unreadable")))
            if shown.count == Self.shownValues { break }
        }
        return shown
    }

    /// Mapping lines for the headers the import ignores: the column a header is nearest to, else `ignore`.
    private func mappingLines(_ reading: HeaderReading, table: TableKind) -> [String] {
        let ignored = reading.columns.filter { $0.role == .ignored }.map(\.header)
            .filter { PersonalData.mask($0) == $0 }
        // A header about a person (`Nom du bénévole`, `Tél. habitant`) is never suggested for a
        // stored column: such a line would store names or phone numbers. It gets `ignore`.
        let aboutAPerson = Set(ignored.filter { header in
            !NearestHeader.words(TextKey.normalize(header)).isDisjoint(with: Self.personalWords)
        })
        guard !ignored.isEmpty else { return [] }
        let present = Set(reading.columns.compactMap { column -> Column? in
            switch column.role {
            case .column(let c), .personal(let c): return c
            case .ignored: return nil
            }
        })
        let absent = Column.aliases[table]!.keys.filter { !present.contains($0) && !$0.isPersonal }
            .sorted { $0.rawValue < $1.rawValue }
        let nearest = NearestHeader.suggestions(missing: absent, headers: ignored, table: table, mapping: HeaderMapping())
        var byHeader: [String: Column] = [:]
        for (column, header) in nearest where byHeader[header] == nil && !aboutAPerson.contains(header) {
            byHeader[header] = column
        }
        return ignored.map { header in
            "\(ColumnMap.tomlQuoted(header)) = \"\(byHeader[header]?.name ?? "ignore")\""
        }
    }

    /// Words of headers about a person (normalised).
    static let personalWords: Set<String> = ["nom", "noms", "prenom", "prenoms", "tel", "telephone", "portable",
                                             "mobile", "mail", "email", "courriel", "adresse", "name", "phone"]

    static func isDate(_ c: Column) -> Bool { DateColumns.dateColumns.contains(c) }

    static func quoted(_ header: String, _ language: Language) -> String {
        PersonalData.quoted(header, language)
    }

    static func tableName(_ table: TableKind, _ language: Language) -> String {
        language == .fr ? ImportSummaryText.frenchTable(table) : table.rawValue
    }

    private func say(_ language: Language, _ fr: String, _ en: String) -> String { language == .en ? en : fr }
}
