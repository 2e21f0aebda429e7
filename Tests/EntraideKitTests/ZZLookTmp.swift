@testable import EntraideKit
import Foundation
import Testing

@Test func zzLookTmp() throws {
    let store = try Store(path: "/tmp/val17/s1m.sqlite")
    let settings = try Settings.load(path: "/tmp/val17/dated.toml")
    let engine = IndicatorEngine(store: store, settings: settings)
    let report = try engine.compute(from: Month("2025-01")!, to: Month("2025-12")!)
    try OutputFolder.create("/tmp/val17/out")
    for lang in [Language.fr, .en] {
        let j = AccountingJournal(report: report, settings: settings, language: lang)!
        try j.write(into: "/tmp/val17/out")
        try OutputFile.write(ValuationMethod(report: report, settings: settings).markdown(lang), to: "/tmp/val17/out/method-\(lang).md")
    }
    let q = try engine.compute(from: Month("2026-07")!, to: Month("2026-12")!)
    try OutputFile.write(ValuationMethod(report: q, settings: settings).markdown(.fr), to: "/tmp/val17/out/method-half.md")
}
