import CXlsxWriter
import Foundation

/// Helpers for A1-style references, always built from zero-based row/column numbers.
public enum CellReference {
    /// Number of rows of a worksheet (Excel 2007+).
    public static let maxRows = 1_048_576
    /// Number of columns of a worksheet (Excel 2007+).
    public static let maxColumns = 16_384

    /// Column letters for a zero-based column: 0 → `A`, 27 → `AB` (`?` if negative).
    public static func columnName(_ col: Int) -> String {
        if col < 0 { return "?" }
        var n = col + 1
        var letters: [Character] = []
        while n > 0 {
            let rem = (n - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + rem))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `B2` for row 1, col 1; `$B$2` when `absolute`.
    public static func cellName(row: Int, col: Int, absolute: Bool = false) -> String {
        let dollar = absolute ? "$" : ""
        if row < 0 { return "\(dollar)\(columnName(col))\(dollar)?" }
        return "\(dollar)\(columnName(col))\(dollar)\(row + 1)"
    }

    /// `A1:C5` (or `$A$1:$C$5`); a single cell when both corners are equal.
    public static func rangeName(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int,
                                 absolute: Bool = false) -> String {
        let first = cellName(row: firstRow, col: firstCol, absolute: absolute)
        if firstRow == lastRow && firstCol == lastCol { return first }
        return first + ":" + cellName(row: lastRow, col: lastCol, absolute: absolute)
    }

    /// A sheet name as it must appear in a formula: quoted with apostrophes
    /// (inner apostrophes doubled) unless it is a plain identifier made of ASCII
    /// letters and underscores (names with digits, spaces, accents or
    /// punctuation could be read as a cell reference or an operator).
    public static func quotedSheetName(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            (scalar >= "A" && scalar <= "Z") || (scalar >= "a" && scalar <= "z") || scalar == "_"
        }
        // A lone R or C is an R1C1 reference; TRUE/FALSE are literals.
        let reserved: Set<String> = ["R", "C", "TRUE", "FALSE"]
        if plain && !reserved.contains(name.uppercased()) { return name }
        return "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Excel serial number for a calendar date and time in the 1900 date system
    /// (days since 1899-12-30; valid from 1900-03-01).
    public static func excelSerial(year: Int, month: Int, day: Int,
                                   hour: Int = 0, minute: Int = 0, second: Double = 0) -> Double {
        // Days from civil (Howard Hinnant's algorithm), proleptic Gregorian.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let daysSinceUnixEpoch = era * 146_097 + doe - 719_468
        let days = Double(daysSinceUnixEpoch + 25_569)  // 1970-01-01 is serial 25569
        return days + (Double(hour) * 3600 + Double(minute) * 60 + second) / 86_400
    }

    /// Excel serial number for an instant, seen in `timeZone`.
    public static func excelSerial(_ date: Date, timeZone: TimeZone) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let seconds = Double(c.second ?? 0) + Double(c.nanosecond ?? 0) / 1e9
        return excelSerial(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1,
                           hour: c.hour ?? 0, minute: c.minute ?? 0, second: seconds)
    }
}

/// A rectangular block of cells on a named sheet, used as chart data.
public struct CellRange: Hashable, Sendable {
    public var sheet: String
    public var firstRow: Int
    public var firstCol: Int
    public var lastRow: Int
    public var lastCol: Int

    public init(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstCol = firstCol
        self.lastRow = lastRow
        self.lastCol = lastCol
    }

    /// A single column from `firstRow` to `lastRow`.
    public init(sheet: String, col: Int, firstRow: Int, lastRow: Int) {
        self.init(sheet: sheet, firstRow: firstRow, firstCol: col, lastRow: lastRow, lastCol: col)
    }

    /// `='Sheet name'!$B$2:$B$13`, with the sheet name quoted when needed.
    public var formula: String {
        "=" + CellReference.quotedSheetName(sheet) + "!"
            + CellReference.rangeName(firstRow: firstRow, firstCol: firstCol,
                                      lastRow: lastRow, lastCol: lastCol, absolute: true)
    }

    func validate(request: String) throws {
        guard firstRow >= 0, firstCol >= 0, lastRow >= firstRow, lastCol >= firstCol,
              lastRow < CellReference.maxRows, lastCol < CellReference.maxColumns else {
            throw XlsxError.library(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, request: request,
                                    hint: "range rows \(firstRow)...\(lastRow), columns \(firstCol)...\(lastCol)")
        }
    }
}
