import Foundation
import Crypto
import Testing
@testable import EntraideKit

@Suite struct ValueParserTests {
    let clock = LocalClock(identifier: "Europe/Paris")!

    func iso(_ text: String) -> String? {
        ValueParsers.timestamp(text)?.resolve(with: clock).iso8601
    }

    @Test func timestampFormats() {
        #expect(iso("2026-10-03T14:05") == "2026-10-03T14:05:00+02:00")
        #expect(iso("2026-10-03 14:05:00") == "2026-10-03T14:05:00+02:00")
        #expect(iso("2026-10-03T14:05:07.250") == "2026-10-03T14:05:07+02:00")
        #expect(iso("2026-10-03T12:05:00Z") == "2026-10-03T14:05:00+02:00")
        #expect(iso("2026-10-03T14:05:00+02:00") == "2026-10-03T14:05:00+02:00")
        #expect(iso("2026-10-03T13:05:00+0100") == "2026-10-03T14:05:00+02:00")
        #expect(iso("03/10/2026 14:05") == "2026-10-03T14:05:00+02:00")
        #expect(iso("03/10/2026 14h05") == "2026-10-03T14:05:00+02:00")
        #expect(iso("3/10/2026 9h") == "2026-10-03T09:00:00+02:00")
        #expect(iso("03/10/2026") == "2026-10-03T00:00:00+02:00")
        #expect(iso("03.10.2026") == "2026-10-03T00:00:00+02:00")
        #expect(iso("2026-12-03") == "2026-12-03T00:00:00+01:00")
        // Two-digit years: 00–29 are this century, 30–99 the last (Excel's and LibreOffice's rule).
        #expect(iso("03/10/26") == "2026-10-03T00:00:00+02:00")
        #expect(iso("03/10/26 14:05") == "2026-10-03T14:05:00+02:00")
        #expect(iso("3.10.29") == "2029-10-03T00:00:00+02:00")
        #expect(ValueParsers.timestamp("03/10/30") == ValueParsers.timestamp("1930-10-03"))
        #expect(ValueParsers.timestamp("03/10/98") == ValueParsers.timestamp("1998-10-03"))
    }

    @Test func timestampRejects() {
        for bad in ["", "oct", "32/10/2026", "29/02/2026", "2026-13-01", "03-10-26", "03/10/2026 25:00", "03/10/026",
                    "03/10/2026 14:5", "2026-10-03T14:05+2", "hier", "2026-10-03 14:05 demain"] {
            #expect(ValueParsers.timestamp(bad) == nil, "\(bad) should not parse")
        }
        #expect(ValueParsers.timestamp("29/02/2028") != nil)
    }

    @Test func spreadsheetSerial() {
        // 46298.5 is 2026-10-03 12:00 in the 1900 date system.
        #expect(ParsedTime.spreadsheetSerial(46298.5)?.resolve(with: clock).iso8601 == "2026-10-03T12:00:00+02:00")
        // Out of any calendar: nil, not a trap (issue 14).
        for serial in [1e300, -1e300, .nan, .infinity, -1] { #expect(ParsedTime.spreadsheetSerial(serial) == nil) }
    }

    @Test func daylightSavingTime() {
        // Naive times are Paris wall clock; delays are real elapsed time.
        let beforeSpring = ValueParsers.timestamp("28/03/2026 12:00")!.resolve(with: clock)
        let afterSpring = ValueParsers.timestamp("30/03/2026 12:00")!.resolve(with: clock)
        #expect(beforeSpring.iso8601 == "2026-03-28T12:00:00+01:00")
        #expect(afterSpring.iso8601 == "2026-03-30T12:00:00+02:00")
        #expect(afterSpring.utc - beforeSpring.utc == 47 * 3600)
        let beforeAutumn = ValueParsers.timestamp("24/10/2026 12:00")!.resolve(with: clock)
        let afterAutumn = ValueParsers.timestamp("26/10/2026 12:00")!.resolve(with: clock)
        #expect(afterAutumn.utc - beforeAutumn.utc == 49 * 3600)
        // In the spring gap, 02:30 does not exist: it is read as 03:30 summer time.
        #expect(iso("29/03/2026 02:30") == "2026-03-29T03:30:00+02:00")
        // The ambiguous autumn hour is taken as its first (summer-time) occurrence.
        #expect(iso("25/10/2026 02:30") == "2026-10-25T02:30:00+02:00")
        // Round trip of the stored form.
        #expect(Timestamp(iso8601: afterSpring.iso8601) == afterSpring)
        #expect(afterSpring.month == Month("2026-03"))
    }

    @Test func otherTimeZone() {
        let montreal = LocalClock(identifier: "America/Montreal")!
        #expect(ValueParsers.timestamp("03/10/2026 14:05")!.resolve(with: montreal).iso8601 == "2026-10-03T14:05:00-04:00")
    }

    @Test func hourFormats() {
        let cases: [(String, Double)] = [
            ("1.5", 1.5), ("1,5", 1.5), ("2", 2), ("1h30", 1.5), ("1 h 30", 1.5), ("2h", 2), ("1H15", 1.25),
            ("1:30", 1.5), ("0:45", 0.75), ("90min", 1.5), ("90 min", 1.5), ("45 mn", 0.75), ("30'", 0.5),
            ("2 heures", 2), ("1h30min", 1.5),
        ]
        for (text, expected) in cases {
            #expect(ValueParsers.hours(text) == expected, "\(text)")
        }
        for bad in ["", "-1", "beaucoup", "1h75", "1:5", "1.5.2", "h30"] {
            #expect(ValueParsers.hours(bad) == nil, "\(bad) should not parse")
        }
    }

    @Test func phoneFormats() {
        for p in ["06 12 34 56 78", "+33 6 12 34 56 78", "06.12.34.56.78", "0033612345678", "0612345678",
                  "+33 (0)6 12 34 56 78", "06-12-34-56-78"] {
            #expect(ValueParsers.normalizedPhone(p) == "0612345678", "\(p)")
        }
        #expect(ValueParsers.normalizedPhone("pas de tél") == nil)
        // Nine digits, not starting with 0: a French number whose leading 0 a spreadsheet dropped.
        for p in ["612345678", "612 345 678", "6 12 34 56 78"] {
            #expect(ValueParsers.normalizedPhone(p) == "0612345678", "\(p)")
        }
        #expect(ValueParsers.normalizedPhone("335123456") == "0335123456")  // not read as +33
        #expect(ValueParsers.normalizedPhone("012345678") == "012345678")  // has its 0: left alone
        #expect(ValueParsers.normalizedPhone("61234567") == "61234567")
        #expect(ValueParsers.normalizedPhone("6123456789") == "6123456789")
    }

    @Test func nameNormalisation() {
        #expect(ValueParsers.normalizedName("  Mme  Hélène DURAND-Lefèvre ") == "mme helene durand lefevre")
        #expect(ValueParsers.normalizedName("Mme Hélène Durand Lefèvre") == ValueParsers.normalizedName("mme helene durand-lefevre"))
        #expect(ValueParsers.normalizedName(" - ") == nil)
    }

    @Test func headerNormalisation() {
        #expect(TextKey.normalize("Date d'appel") == "date_d_appel")
        #expect(TextKey.normalize("N° bénévole") == "n_benevole")
        #expect(TextKey.normalize("  Téléphone de l’habitant ") == "telephone_de_l_habitant")
        #expect(TextKey.normalize("ÉTAT") == "etat")
    }

    @Test func tableRecognition() {
        #expect(TableKind.recognise(fileName: "Bénévoles.csv") == .volunteers)
        #expect(TableKind.recognise(fileName: "/x/export-demandes-2026-10.csv") == .requests)
        #expect(TableKind.recognise(fileName: "mises_en_relation.csv") == .assignments)
        #expect(TableKind.recognise(fileName: "interventions.csv") == .assignments)
        #expect(TableKind.recognise(fileName: "requests.csv") == .requests)
        #expect(TableKind.recognise(fileName: "export.csv") == nil)
        #expect(TableKind.recognise(fileName: "demandes_et_benevoles.csv") == nil)
    }

    @Test func months() {
        #expect(Month("2026-10")?.description == "2026-10")
        #expect(Month("2026-13") == nil)
        #expect(Month("oct") == nil)
        #expect(Month("2026-1") == nil)
        #expect(Month("2026-12")!.adding(1) == Month("2027-01"))
        #expect(Month("2026-01")!.adding(-1) == Month("2025-12"))
        #expect(Month.range(Month("2025-11")!, Month("2026-02")!).map(\.description)
            == ["2025-11", "2025-12", "2026-01", "2026-02"])
    }
}

@Suite struct PseudonymizerTests {
    @Test func pseudonymIsTheKeyedHashOfTheKindAndTheNormalisedValue() {
        let key = SymmetricKey(data: Data(repeating: 7, count: 32))
        let p = Pseudonymizer(key: key)
        func expected(_ message: String) -> String {
            Pseudonym.text(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)
                .prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
        }
        #expect(p.phone("0612345678") == expected("tel:0612345678"))
        #expect(p.name("helene durand") == expected("nom:helene durand"))
        #expect(p.phone("0612345678") == p.phone("0612345678"))  // the keyed state is copied, not consumed
        #expect(p.phone("0612345678") != p.name("0612345678"))
        #expect(Pseudonymizer(key: SymmetricKey(data: Data(repeating: 8, count: 32))).phone("0612345678")
            != p.phone("0612345678"))
    }

    @Test func aPseudonymIsHAnd16LowercaseHexDigits() {
        func value(_ text: String) -> UInt64? {
            var text = text
            return text.withUTF8 { Pseudonym.value($0) }
        }
        #expect(Pseudonym.text(0x15ec_2a66_330c_a6fa) == "h15ec2a66330ca6fa")
        #expect(Pseudonym.text(1) == "h0000000000000001")
        #expect(value("h15ec2a66330ca6fa") == 0x15ec_2a66_330c_a6fa)
        #expect(value(Pseudonym.text(.max)) == .max)
        for other in ["H15EC2A66330CA6FA", "h15ec2a66330ca6f", "h15ec2a66330ca6fa0", "x15ec2a66330ca6fa",
                      "h15ec2a66330ca6fg", "habitant-42", ""] {
            #expect(value(other) == nil, "\(other)")
        }
        #expect(Pseudonym.sqlCondition(column: "k")
            == "length(k) = 17 AND k GLOB 'h" + String(repeating: "[0-9a-f]", count: 16) + "'")
    }
}
