import Foundation
import Testing
@testable import EntraideKit

/// The note's charts as printed (docs/INDICATORS.md, "The monthly note and the workbooks"): every text at 9 pt or
/// more at the width the HTML note prints them, titles with the network (or the association)
/// and the period, months in words, series told apart without colour.
@Suite("Monthly note: charts on paper")
struct ChartPrintTests {
    /// The narrowest a chart is printed: half the A4 text width (182 mm) less the 4 mm gap.
    static let printedMillimetres = (182.0 - 4) / 2

    /// The font size of every `<text>` of `svg` (the root's size when it has none).
    static func textSizes(_ svg: String) -> [Double] {
        let root = svg.components(separatedBy: "font-size=\"").dropFirst().first?.split(separator: "\"").first.flatMap { Double($0) } ?? 0
        return svg.components(separatedBy: "<text").dropFirst().map { element in
            let tag = element.prefix { $0 != ">" }
            guard let r = tag.range(of: "font-size=\"") else { return root }
            return Double(tag[r.upperBound...].prefix { $0 != "\"" }) ?? 0
        }
    }

    @Test func everyTextIsAtLeastNinePointsOnPaper() throws {
        let f = try SummaryFixture()
        for (language, association) in [(Language.fr, nil), (.en, nil), (.fr, "Centre social")] as [(Language, String?)] {
            let output = MonthlySummary.render(data: try f.data(association: association), language: language,
                                               template: try SummaryTemplate.builtIn(language))
            #expect(output.charts.count == 3)
            for chart in output.charts {
                let width = try #require(chart.svg.components(separatedBy: "viewBox=\"0 0 ").dropFirst().first?
                    .split(separator: " ").first.flatMap { Double($0) })
                let pointsPerUnit = Self.printedMillimetres * 72 / 25.4 / width
                let sizes = Self.textSizes(chart.svg)
                #expect(sizes.count > 5)
                for size in sizes { #expect(size * pointsPerUnit >= 9, "\(chart.fileName): \(size) units = \(size * pointsPerUnit) pt") }
                // The title: the network, or the association, and the period.
                let title = try #require(chart.svg.components(separatedBy: "<title id=\"chart-title\">").dropFirst().first?
                    .components(separatedBy: "</title>").first)
                #expect(title.contains(SVGChart.escape(association ?? "Réseau d'entraide du Bas-Quartier")), "\(title)")
                #expect(title.contains("2026"), "\(title)")
                // No ISO month anywhere.
                #expect(chart.svg.range(of: #"20[0-9]{2}-[01][0-9]"#, options: .regularExpression) == nil, "\(chart.fileName)")
            }
            let trend = output.charts[1].svg
            #expect(trend.contains(language == .en ? ">Nov<" : ">nov.<") || trend.contains(">Nov.<"))
            #expect(trend.contains(">2026<") && trend.contains(">2025<"), "the years under their months")
            // Two series: a solid line with filled circles, a dashed one with open squares.
            #expect(trend.contains("stroke-dasharray=\"10 6\""))
            #expect(trend.contains("<circle class=\"point\"") && trend.contains("<rect class=\"point\""))
        }
    }
}
