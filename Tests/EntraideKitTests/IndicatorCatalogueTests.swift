import Foundation
import Testing
@testable import EntraideKit

/// The catalogue is the one place an indicator is declared: every output must agree with it.
@Suite("Indicator catalogue") struct IndicatorCatalogueTests {
    static let catalogue = IndicatorCatalogue(settings: Settings(), domainCodes: Settings().domainCodes)

    @Test func keysAreUniqueAndFollowTheirPath() {
        let keys = Self.catalogue.indicators.map(\.key)
        #expect(Set(keys).count == keys.count)
        for indicator in Self.catalogue.indicators {
            #expect(indicator.key == indicator.path.joined(separator: "."))
        }
    }

    @Test func everyIndicatorIsDefinedExactlyOnce() {
        let c = Self.catalogue
        for key in c.indicators.map(\.key) + [IndicatorCatalogue.targetKey] {
            let defining = c.definitions.filter { $0.defines(key) }
            #expect(defining.count == 1, "\(key) is defined by \(defining.count) entries")
        }
        for d in c.definitions {
            #expect(!d.title.fr.isEmpty && !d.title.en.isEmpty && d.text.fr.hasSuffix(".") && d.text.en.hasSuffix("."))
            #expect(d.text.fr != d.text.en, "\(d.title.fr) is not translated")
        }
    }

    @Test func everyLabelInBothLanguages() {
        let uses: [Indicator.LabelUse] = [.table, .column, .chart, .headline, .note, .short]
        for indicator in Self.catalogue.indicators {
            for use in uses {
                #expect(!indicator.label(use, .fr).isEmpty && !indicator.label(use, .en).isEmpty, "\(indicator.key)")
            }
        }
        // Labels fall back: a chart series is named like its column unless told otherwise.
        let c = Self.catalogue
        #expect(c["delays.match.mean_hours"].label(.chart, .fr) == "Mise en relation : moyenne (h)")
        #expect(c["delays.match.median_hours"].label(.chart, .fr) == "Mise en relation, médiane")
        #expect(c["residents.new"].label(.headline, .en) == "New residents")
        #expect(c["residents.new"].label(.note, .en) == "of which new")
    }

    /// The JSON, the CSV and the table show the catalogue's indicators, in its order.
    @Test func outputsListTheCatalogue() throws {
        let f = try IndicatorFixture.september()
        let settings = Settings()
        let r = try f.compute("2026-09", "2026-09")
        let keys = r.catalogue(settings: settings).indicators.map(\.key)
        let csvKeys = r.csv(settings: settings).split(separator: "\n").dropFirst()
            .filter { $0.hasPrefix("total,") && !$0.hasPrefix("total,data,") }.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[1]) }
        #expect(csvKeys == keys)

        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.json(settings: settings).utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        func leaves(_ value: Any, _ prefix: String) -> [String] {
            guard let d = value as? [String: Any] else { return [prefix] }
            return d.keys.flatMap { leaves(d[$0]!, prefix.isEmpty ? $0 : prefix + "." + $0) }
        }
        #expect(Set(leaves(total, "")) == Set(keys + ["data"]))

        let table = r.table(settings: settings)
        for indicator in r.catalogue(settings: settings).indicators {
            #expect(table.contains(indicator.label(.table, .fr)), "\(indicator.key)")
        }
    }

    /// `response_target_hours` moves the share on time and every label that names the target.
    @Test func theResponseTargetIsASetting() throws {
        let f = try IndicatorFixture.september()
        // September's counted delays: match 1 h and 72 h; contact 4 h, 24 h and 48 h; and q4, never
        // answered, received 170 h before the as-of instant: a miss for any of these targets.
        let byDefault = try f.compute("2026-09", "2026-09").total.delays
        #expect(byDefault.match.withinTargetShare == 1.0 / 3 && byDefault.contact.withinTargetShare == 0.75)
        var settings = Settings()
        settings.responseTargetHours = 24
        let strict = try f.compute("2026-09", "2026-09", settings: settings).total.delays
        #expect(strict.match.withinTargetShare == 1.0 / 3)
        #expect(strict.contact.withinTargetShare == 0.5)
        #expect(strict.match.targetHours == 24)
        settings.responseTargetHours = 72
        let loose = try f.compute("2026-09", "2026-09", settings: settings).total.delays
        #expect(loose.match.withinTargetShare == 2.0 / 3)

        let c = IndicatorCatalogue(settings: settings, domainCodes: [])
        #expect(c["delays.match.within_target_share"].label(.table, .fr) == "Délai de mise en relation (part ≤ 72 h)")
        #expect(c["delays.match.within_target_share"].label(.headline, .en) == "Matched within 72 h")
        #expect(c.responseTarget.label(.table, .fr) == "Objectif 72 h")
        #expect(c.responseTarget.value(PeriodIndicators()) == .double(72))
        #expect(c.definitions.contains { $0.text.fr.contains("en 72 heures au plus") })
        #expect(!c.definitions.contains { $0.text.fr.contains("48") || $0.title.fr.contains("48") })

        #expect(try Settings.parse(toml: "response_target_hours = 24").responseTargetHours == 24)
        for bad in ["response_target_hours = 0", "response_target_hours = 100000", "response_target_hours = \"48 h\""] {
            #expect(throws: UserError.self, "\(bad)") { try Settings.parse(toml: bad) }
            do { _ = try Settings.parse(toml: bad) } catch let e as UserError {
                #expect(e.message.contains("setting `response_target_hours`") && e.message.contains("from 1 to 720"))
            } catch {}
        }
    }

    @Test func monthsAreParsedOnce() {
        #expect(Month("2026-10") == Month(year: 2026, month: 10))
        for bad in ["2026-13", "2026-00", "oct", "2026-1", "1899-12", "2026/10", " 2026-10"] {
            #expect(Month(bad) == nil, "\(bad)")
        }
        var text = "2026-10"
        #expect(text.withUTF8(Month.number) == IndicatorFacts.number(Month(year: 2026, month: 10)))
        #expect(Month(year: 2026, month: 2).name(.fr) == "février 2026")
        #expect(Month(year: 2026, month: 2).shortName(.en) == "Feb")
    }

    @Test func oneJSONEscaper() {
        #expect(JSONString.literal("Centre \"social\"\\\n\t\u{01}é") == #""Centre \"social\"\\\n\t\u0001é""#)
        #expect(TextKey.slug("Centre social « Les Tilleuls »") == "centre-social-les-tilleuls")
        #expect(TextKey.slug("!!!").isEmpty)
    }
}
