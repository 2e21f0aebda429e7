import Foundation

/// The day/month order of each date column of one file or sheet, and the evidence its values
/// give while it is read (docs/FORMAT.md, "Day and month order"). A file is read day first;
/// a value that can only be month first, in a column whose order `--date-order` did not
/// decide, asks for the file to be read again with that column month first
/// (`ImportRun+DateOrder.swift`). A class: every row's `ColumnMap` refers to the same one.
final class DateColumns {
    /// A value quoted with its line, for the notes and messages (masked like any quoted value).
    struct Example: Equatable {
        var line: Int
        var value: String
    }

    /// What the values of one column said during one reading of the file.
    struct Evidence {
        /// Spreadsheet date cells (not text).
        var cells = 0
        var firstCell: Example?
        /// Date cells whose day is past the 12th: no spreadsheet made them by reading a text date
        /// in the wrong order (that day would have been the text's month).
        var cellsPastTwelfth = 0
        /// Date cells whose format shows the day first, or the month first.
        var cellsShownDayFirst = 0
        var cellsShownMonthFirst = 0
        /// Text dates that can only be day first, or only month first.
        var dayFirstOnly: Example?
        var monthFirstOnly: Example?
    }

    /// Why the file cannot be read at all: a contradiction, or date cells mixed with text dates.
    struct Refusal {
        var column: Column
        var line: Int
        var message: Localized
    }

    /// Order per column (`Column.rawValue`): an array look-up in the per-cell path.
    private(set) var orders: [DateOrder]
    /// Set by `--date-order`: no guessing, a value impossible in that order is an ordinary error.
    let decided: Bool
    /// Per column, what the values said in this reading.
    private(set) var evidence: [Evidence]
    /// Why a column is read in its order, kept across readings of the file.
    enum Reason: Equatable {
        /// No value said: day first (the default).
        case undecided
        /// This value of the column can only be month first.
        case monthFirst(Example)
        /// This value can only be day first (found after the column had followed another).
        case dayFirst(Example)
        /// None of its own values says the order: read month first like `column`, whose value
        /// `Example` can only be (a US file's other date columns often have few values).
        case following(Column, Example)
    }

    /// Per column, why it is read in its order.
    private(set) var reasons: [Reason]
    /// A value asked for the file to be read again with a column month first.
    private(set) var rereadNeeded = false { didSet { stop = rereadNeeded || refusal != nil } }
    /// The file cannot be read (set once; reading stops).
    private(set) var refusal: Refusal? { didSet { stop = rereadNeeded || refusal != nil } }
    /// Reading stops after the current row: the file is read again, or refused. (Stored: read after every row.)
    private(set) var stop = false
    /// The file's headers per column (`attach`), for the messages.
    private var headers: [String?]
    /// Companion time columns used, and time columns without their date column (ignored).
    private(set) var timeColumns: [TimeColumnNote] = []
    private(set) var unusedTimeColumns: [String] = []

    init(order: DateOrder?) {
        orders = [DateOrder](repeating: order ?? .dayFirst, count: Column.allCases.count)
        decided = order != nil
        evidence = [Evidence](repeating: Evidence(), count: Column.allCases.count)
        reasons = [Reason](repeating: .undecided, count: Column.allCases.count)
        headers = [String?](repeating: nil, count: Column.allCases.count)
    }

    /// Takes the file's header (once per reading): its headers for the messages, its companion time columns.
    func attach(_ map: ColumnMap) {
        timeColumns = []
        unusedTimeColumns = []
        for column in Column.allCases where map.index[column] != nil {
            headers[column.rawValue] = map.header(column)
            guard let dateColumn = column.dateColumn else { continue }
            if map.index[dateColumn] != nil {
                timeColumns.append(TimeColumnNote(time: map.header(column), date: map.header(dateColumn)))
            } else {
                unusedTimeColumns.append(map.header(column))
            }
        }
    }

    /// The header of `column` in the file, else its French header.
    func header(_ column: Column) -> String { headers[column.rawValue] ?? column.frenchHeader }

    /// The state of the next reading of the same file: the orders and their reasons kept, the
    /// evidence started again.
    func nextReading() -> DateColumns {
        let next = DateColumns(order: decided ? orders[0] : nil)
        next.orders = orders
        next.reasons = reasons
        return next
    }

    @inline(__always)
    func order(_ column: Column) -> DateOrder { orders[column.rawValue] }

    /// Columns of the file read month first because of the values (not `--date-order`): by
    /// their own value, or following another column's (`Reason`).
    var guessedMonthFirst: [(column: Column, reason: Reason)] {
        guard !decided else { return [] }
        return Column.allCases.compactMap { c in
            guard orders[c.rawValue] == .monthFirst, headers[c.rawValue] != nil else { return nil }
            return (c, reasons[c.rawValue])
        }
    }

    /// The columns whose values are dates.
    static let dateColumns: [Column] = [.joinedOn, .leftOn, .receivedAt, .matchedAt, .contactedAt, .doneAt]

    // MARK: Evidence

    /// A date cell of the spreadsheet in `column`, whose day is `day` (0 when unknown), shown
    /// in `order` by its format (nil: unknown).
    func cell(_ column: Column, line: Int, day: Int, shownIn order: DateOrder?) {
        let i = column.rawValue
        evidence[i].cells += 1
        if day > 12 { evidence[i].cellsPastTwelfth += 1 }
        if order == .dayFirst { evidence[i].cellsShownDayFirst += 1 }
        if order == .monthFirst { evidence[i].cellsShownMonthFirst += 1 }
        if evidence[i].firstCell == nil { evidence[i].firstCell = Example(line: line, value: "") }
    }

    /// A text date that reads in only one order (`.dayFirstOnly` or `.monthFirstOnly`).
    func text(_ column: Column, _ kind: DateOrder.Evidence, line: Int, value: @autoclosure () -> String) {
        let i = column.rawValue
        switch kind {
        case .dayFirstOnly where evidence[i].dayFirstOnly == nil:
            evidence[i].dayFirstOnly = Example(line: line, value: value())
        case .monthFirstOnly where evidence[i].monthFirstOnly == nil:
            evidence[i].monthFirstOnly = Example(line: line, value: value())
        default: break
        }
    }

    /// A value of a day-first column that reads only month first: unless `--date-order` decided,
    /// the file is read again with this column month first, and the other date columns that no
    /// value of their own decided follow it; a column that a value showed day first contradicts itself.
    func monthFirstOnly(_ column: Column, line: Int, value: String) {
        text(column, .monthFirstOnly, line: line, value: value)
        guard !decided, refusal == nil, orders[column.rawValue] == .dayFirst else { return }
        let example = Example(line: line, value: value)
        switch reasons[column.rawValue] {
        case .dayFirst(let dayFirst):
            refuseContradiction(column, monthFirst: example, dayFirst: dayFirst)
        case .undecided, .following, .monthFirst:
            orders[column.rawValue] = .monthFirst
            reasons[column.rawValue] = .monthFirst(example)
            for other in DateColumns.dateColumns where reasons[other.rawValue] == .undecided {
                orders[other.rawValue] = .monthFirst
                reasons[other.rawValue] = .following(column, example)
            }
            rereadNeeded = true
        }
    }

    /// A value of a column read month first that reads only day first: a column that follows
    /// another is read again day first; one that a value of its own showed month first
    /// contradicts itself, and the file is refused.
    func dayFirstOnlyInMonthFirstColumn(_ column: Column, line: Int, value: String) {
        guard !decided, refusal == nil, orders[column.rawValue] == .monthFirst else { return }
        let example = Example(line: line, value: value)
        switch reasons[column.rawValue] {
        case .monthFirst(let monthFirst):
            refuseContradiction(column, monthFirst: monthFirst, dayFirst: example)
        case .following, .undecided, .dayFirst:
            orders[column.rawValue] = .dayFirst
            reasons[column.rawValue] = .dayFirst(example)
            rereadNeeded = true
        }
    }

    private func refuseContradiction(_ column: Column, monthFirst: Example, dayFirst: Example) {
        refusal = Refusal(column: column, line: max(monthFirst.line, dayFirst.line),
                          message: DateColumns.contradiction(header: header(column), monthFirst: monthFirst,
                                                             dayFirst: dayFirst))
    }

    /// At the end of a reading: a column that mixes date cells with text dates that only read
    /// in one order is refused when the cells were likely made in the other order (the sign of a
    /// French CSV opened with an English locale, or the reverse): some cell's format shows that
    /// other order; or no cell's format shows an order and no cell has a day past the 12th (a
    /// spreadsheet that read the texts in the wrong order made only cells whose day was the
    /// text's month). Cells shown in the text dates' own order are no such sign.
    func checkCellsAndText() {
        guard refusal == nil, !decided else { return }
        for column in Column.allCases {
            let e = evidence[column.rawValue]
            guard e.cells > 0, let cell = e.firstCell else { continue }
            for (text, textOrder) in [(e.dayFirstOnly, DateOrder.dayFirst), (e.monthFirstOnly, .monthFirst)] {
                guard let text else { continue }
                let shownOther = textOrder == .dayFirst ? e.cellsShownMonthFirst : e.cellsShownDayFirst
                let shownSame = textOrder == .dayFirst ? e.cellsShownDayFirst : e.cellsShownMonthFirst
                let likelyMisread = shownOther > 0 || (shownSame == 0 && e.cellsPastTwelfth == 0)
                guard likelyMisread else { continue }
                refusal = Refusal(column: column, line: text.line,
                                  message: DateColumns.cellsAndText(header: header(column), cellLine: cell.line,
                                                                    text: text, textOrder: textOrder))
                return
            }
        }
    }

    // MARK: Messages

    static func quoted(_ value: String, _ language: Language) -> String {
        language == .fr ? "« " + PersonalData.mask(value) + " »" : PersonalData.quoted(value)
    }

    /// Some values only day first, some only month first.
    static func contradiction(header: String, monthFirst: Example, dayFirst: Example) -> Localized {
        // Each value with its line, in the order of the file; the number that is no month.
        func part(_ e: Example, _ order: DateOrder, _ language: Language) -> String {
            var v = e.value
            let pair = v.withUTF8 { DateOrder.leadingPair($0) }
            let notMonth = order == .monthFirst ? pair?.second : pair?.first
            return language == .fr
                ? "ligne \(e.line), \(quoted(e.value, .fr)) ne peut se lire que \(order.pattern.fr)"
                    + (notMonth.map { " (il n'y a pas de mois \($0))" } ?? "")
                : "on line \(e.line), \(quoted(e.value, .en)) can only be \(order.pattern.en)"
                    + (notMonth.map { " (there is no month \($0))" } ?? "")
        }
        let parts: [(Example, DateOrder)] = monthFirst.line <= dayFirst.line
            ? [(monthFirst, .monthFirst), (dayFirst, .dayFirst)] : [(dayFirst, .dayFirst), (monthFirst, .monthFirst)]
        return Localized(
            "la colonne « \(header) » mêle deux ordres de dates : \(part(parts[0].0, parts[0].1, .fr)), et "
                + "\(part(parts[1].0, parts[1].1, .fr)) ; les dates qui se lisent dans les deux sens (deux nombres de 12 "
                + "ou moins) ne peuvent donc pas être datées à coup sûr. Écrivez toutes les dates de la colonne dans le "
                + "même ordre dans le tableau, ou indiquez l'ordre avec --date-order dmy (jour d'abord) ou "
                + "--date-order mdy (mois d'abord) : les dates impossibles dans cet ordre seront alors signalées une à une",
            "the column \"\(header)\" mixes two date orders: \(part(parts[0].0, parts[0].1, .en)), and "
                + "\(part(parts[1].0, parts[1].1, .en)); so the dates that read both ways (two numbers of 12 or less) "
                + "cannot be dated for sure. Write every date of the column in the same order in the spreadsheet, or "
                + "give the order with --date-order dmy (day first) or --date-order mdy (month first): the dates "
                + "impossible in that order are then listed one by one")
    }

    /// Date cells and text dates that the cells' order would make impossible.
    static func cellsAndText(header: String, cellLine: Int, text: Example, textOrder: DateOrder) -> Localized {
        let cellOrder = textOrder.other
        return Localized(
            "la colonne « \(header) » mêle des cellules de date (ligne \(cellLine) par exemple) et des dates "
                + "écrites en texte qui ne peuvent se lire que \(textOrder.pattern.fr) (ligne \(text.line), "
                + "\(quoted(text.value, .fr))) : c'est ce qui arrive quand un fichier CSV français est ouvert avec "
                + "une langue anglaise (ou l'inverse) ; le tableur a alors lu les dates possibles en "
                + "\(cellOrder.pattern.fr) et laissé les autres en texte, si bien que les cellules de date sont "
                + "probablement fausses. Ouvrez à nouveau le fichier CSV en choisissant la langue "
                + "\(textOrder == .dayFirst ? "Français" : "Anglais (États-Unis)") (ou le format Texte pour cette "
                + "colonne), enregistrez-le, et importez-le à nouveau ; ou importez le CSV lui-même avec "
                + "--date-order \(textOrder.rawValue)",
            "the column \"\(header)\" mixes date cells (line \(cellLine), for example) with dates written as "
                + "text that can only be \(textOrder.pattern.en) (line \(text.line), \(quoted(text.value, .en))): "
                + "this is what happens when a French CSV file is opened with an English language setting (or the "
                + "other way round); the spreadsheet read the dates it could as \(cellOrder.pattern.en) and left "
                + "the others as text, so the date cells are probably wrong. Open the CSV file again choosing the "
                + "\(textOrder == .dayFirst ? "French" : "English (USA)") language (or the Text format for this column), "
                + "save it, and import it again; or import the CSV file itself with --date-order \(textOrder.rawValue)")
    }

}
