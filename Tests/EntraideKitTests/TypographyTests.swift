import Foundation
import Testing
@testable import EntraideKit

/// The one typography helper (`Typography`, docs/INDICATORS.md "The monthly note and the workbooks").
@Suite("Typography")
struct TypographyTests {
    let nn = "\u{202F}"

    /// Code is quoted as written: a code span and a fenced block keep their spaces and
    /// punctuation (the board's notes may hold a command or a formula).
    @Test func codeIsLeftAsWritten() {
        let md = "Lancez `entraide report annual --year 2026 : x ?` puis : oui\n```\na : b ;\n```\nfin : là"
        let out = Typography.frenchMarkdown(md)
        #expect(out == "Lancez `entraide report annual --year 2026 : x ?` puis\u{202F}: oui\n```\na : b ;\n```\nfin\u{202F}: là", "\(out)")
        // An unclosed backtick is text.
        #expect(Typography.frenchMarkdown("a `b : c") == "a `b\u{202F}: c")
    }

    @Test func frenchSpacesBeforeDoublePunctuationAndInsideQuotes() {
        #expect(Typography.french("Période : octobre") == "Période\(nn): octobre")
        #expect(Typography.french("a ; b") == "a\(nn); b")
        #expect(Typography.french("Pensez-y !") == "Pensez-y\(nn)!")
        #expect(Typography.french("Pourquoi ?") == "Pourquoi\(nn)?")
        // A no-break space already there becomes the narrow one; never two spaces.
        #expect(Typography.french("Total\u{00A0}: 8\u{00A0}%") == "Total\(nn): 8\(nn)%")
        #expect(Typography.french("« en attente »") == "«\(nn)en attente\(nn)»")
        #expect(Typography.french("«en attente»") == "«\(nn)en attente\(nn)»")
        #expect(Typography.french("+125%") == "+125\(nn)%")
    }

    @Test func leavesGluedColonsAndWordsAlone() {
        // A time, a formula, a file name: not punctuation.
        #expect(Typography.french("de 09:00 à 17:00") == "de 09:00 à 17:00")
        #expect(Typography.french("=PERCENTILE.INC(délais; 0,5)") == "=PERCENTILE.INC(délais; 0,5)")
        #expect(Typography.french("Bas-Quartier, 2026-10") == "Bas-Quartier, 2026-10")
        #expect(Typography.french("") == "")
        #expect(Typography.french("Évolution (%)") == "Évolution (%)")
        // Other spaces are kept as they are: the thousands' and the units' no-break spaces.
        #expect(Typography.french("1\u{00A0}234 demandes : 5,5\u{00A0}h") == "1\u{00A0}234 demandes\(nn): 5,5\u{00A0}h")
        #expect(Typography.french("a  b ") == "a  b ")
    }

    @Test func aZeroHasNoSign() {
        #expect(Typography.french("−0 pt") == "0 pt")
        #expect(Typography.french("-0 pt") == "0 pt")
        #expect(Typography.french("écart −0,0 h") == "écart 0,0 h")
        #expect(Typography.french("+0 %") == "0\(nn)%")
        // A real negative number, or a zero inside a number or a word, keeps its sign.
        #expect(Typography.french("−0,5 h") == "−0,5 h")
        #expect(Typography.french("−10 (−8 %)") == "−10 (−8\(nn)%)")
        #expect(Typography.unsignedZeros("-0.05 and -0 pts, R-0") == "-0.05 and 0 pts, R-0")
        #expect(Typography.apply("-0 pts: 8%", .en) == "0 pts: 8%")
    }

    @Test func markdownKeepsItsSyntax() {
        let md = "| Indicateur | Valeur |\n| :--- | ---: |\n| Part : réalisées | 8 % |\n![Demandes : octobre](a : b.svg)\n"
        let out = Typography.frenchMarkdown(md)
        #expect(out.contains("| :--- | ---: |"))
        #expect(out.contains("| Part\(nn): réalisées | 8\(nn)% |"))
        #expect(out.contains("![Demandes\(nn): octobre](a : b.svg)"))
    }

    @Test func contextsAndTheWorkbooksOldName() {
        let context: [String: Any] = ["a": "x : y", "b": [["c": "« z »"]], "n": 3, "d": ["e": "+5%"]]
        let out = Typography.frenchValues(context) as? [String: Any]
        #expect(out?["a"] as? String == "x\(nn): y")
        #expect((out?["b"] as? [[String: Any]])?.first?["c"] as? String == "«\(nn)z\(nn)»")
        #expect((out?["d"] as? [String: Any])?["e"] as? String == "+5\(nn)%")
        #expect(out?["n"] as? Int == 3)
        // The workbooks' space: the same rules with the no-break space U+00A0.
        let nb = "\u{00A0}"
        let old = Typography.frenchValues(context, space: nb) as? [String: Any]
        #expect(old?["a"] as? String == "x\(nb): y")
        #expect((old?["b"] as? [[String: Any]])?.first?["c"] as? String == "«\(nb)z\(nb)»")
        #expect(Typography.french("−0 pt : « a »", space: nb) == "0 pt\(nb): «\(nb)a\(nb)»")
    }
}
