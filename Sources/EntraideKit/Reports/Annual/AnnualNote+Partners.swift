import Foundation

/// The annual note's partner associations, each set against the whole network
/// (docs/INDICATORS.md, "The annual report"): in the network's report, a table of every partner
/// and one section per partner; in a partner's report, its figures beside the network's.
extension AnnualNote {
    func partnersSection() -> String {
        guard cur.data != .none else { return "" }
        if let a = data.association, let network = data.network {
            var out = "## " + (en ? "The partner and the network" : "L'association et le réseau") + "\n\n"
            out += comparison(name: a, figures: data.associations.first, indicators: cur, network: network)
            return out
        }
        guard !data.partners.isEmpty else { return "" }
        var out = "## " + (en ? "Partner associations" : "Associations partenaires") + "\n\n"
        out += en ? "A request counts for the association that handled it; so do its assignments and hours, whoever the volunteer.\n\n"
            : "Une demande compte pour l'association qui l'a traitée ; ses mises en relation et ses heures aussi, quel que soit le bénévole.\n\n"
        let total = cur.requests.received
        // The partners share the requests out: their shares by largest remainder, adding up to 100 %.
        let shares = LargestRemainder.percentages(data.partners.map(\.figures.requests))
        var rows: [[String]] = data.partners.enumerated().map { i, p in
            let fig = p.figures
            let scope = SuppressionCell.Scope.association(p.association)
            return [p.association.map(escaped) ?? text.noAssociation,
                    f.integer(fig.requests), total > 0 ? f.percentText(f.integer(shares[i])) : "–",
                    residents(fig.residentsReached, cell: SuppressionCell(key: SuppressionPlan.reached, scope: scope)),
                    residents(fig.residentsHelped, cell: SuppressionCell(key: SuppressionPlan.helped, scope: scope)),
                    f.integer(fig.assignments), exactHours(fig.hours)]
        }
        rows.append([en ? "**Network (distinct)**" : "**Réseau (sans doublons)**", "**\(f.integer(total))**",
                     total > 0 ? "**\(f.percent(1))**" : "–",
                     "**\(residents(cur.residents.reached, cell: SuppressionCell(key: SuppressionPlan.reached, scope: .period)))**",
                     "**\(residents(cur.residents.helped, cell: SuppressionCell(key: SuppressionPlan.helped, scope: .period)))**",
                     "**\(f.integer(cur.load.assignments))**", "**\(exactHours(cur.hours.total))**"])
        out += table([en ? "Association" : "Association", en ? "Requests" : "Demandes", en ? "Share" : "Part",
                      catalogue["residents.reached"].label(.note, language), catalogue["residents.helped"].label(.note, language),
                      en ? "Assignments" : "Mises en relation", en ? "Hours" : "Heures"],
                     align: ["l", "r", "r", "r", "r", "r", "r"], rows) + "\n"
        out += en ? "A resident who called through two associations counts once in the network's row: the rows do not add up to it.\n"
            : "Un habitant passé par deux associations ne compte qu'une fois sur la ligne du réseau : les lignes ne s'additionnent pas.\n"
        for p in data.partners {
            guard let name = p.association, let indicators = p.indicators else { continue }
            out += "\n### \(escaped(name))\n\n"
            out += comparison(name: name, figures: p.figures, indicators: indicators, network: cur)
        }
        return out
    }

    /// One partner's year beside the network's: its figures, the network's, and its share.
    /// Its resident counts are the plan's association cells, hidden as in the workbook.
    func comparison(name: String, figures: AssociationFigures?, indicators p: PeriodIndicators,
                    network n: PeriodIndicators) -> String {
        func share(_ part: Double, _ whole: Double) -> String { whole > 0 ? f.percent(part / whole) : "–" }
        let scope = SuppressionCell.Scope.association(name)
        func resident(_ key: String, _ part: Int, _ whole: Int) -> [String] {
            let shown = hidden(part, cell: SuppressionCell(key: key, scope: scope))
            // The network's counts are the plan's whole-period cells in the network's report;
            // in a partner's report the workbook does not show them (still hidden when small).
            let networkShown = hidden(whole, cell: data.association == nil ? SuppressionCell(key: key, scope: .period) : nil)
            return [catalogue[key].label(.note, language), shown ?? f.integer(part), networkShown ?? f.integer(whole),
                    shown == nil && networkShown == nil ? share(Double(part), Double(whole)) : "–"]
        }
        func count(_ key: String) -> [String] {
            let a = catalogue[key].value(p).number ?? 0, b = catalogue[key].value(n).number ?? 0
            return [catalogue[key].label(.note, language), figure(key, p), figure(key, n), share(a, b)]
        }
        var rows = [count("requests.received"), count("requests.done")]
        rows.append([catalogue["requests.done_share"].label(.note, language), figure("requests.done_share", p),
                     figure("requests.done_share", n), ""])
        rows.append(resident(SuppressionPlan.reached, figures?.residentsReached ?? p.residents.reached, n.residents.reached))
        rows.append(resident(SuppressionPlan.helped, figures?.residentsHelped ?? p.residents.helped, n.residents.helped))
        rows.append(count("volunteers.active"))
        rows.append(count("load.assignments"))
        rows.append(count("hours.total"))
        if data.settings.valuesHours { rows.append(count("hours.valuation_eur")) }
        for block in ["match", "contact"] {
            let key = "delays.\(block).median_hours"
            rows.append([catalogue[key].label(.note, language), figure(key, p), figure(key, n), ""])
        }
        let network = en ? "Network" : "Réseau"
        return table([en ? "Indicator" : "Indicateur", escaped(name), network, en ? "Share of the network" : "Part du réseau"],
                     align: ["l", "r", "r", "r"], rows)
    }
}
