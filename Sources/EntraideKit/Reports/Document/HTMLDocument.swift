import Foundation

/// One self-contained HTML page around a converted note (docs/ARCHITECTURE.md,
/// "Reports/Document"): its style sheet inline, no script, nothing loaded from elsewhere.
/// On screen: a readable column in the system's fonts. Printed: A4, a running header with
/// the network and the period, "Page n sur N" at the foot, tables kept with their titles and
/// charts scaled to the page, sized so that the monthly note fits on two pages.
public struct HTMLDocument: Sendable {
    public var language: Language
    /// The page's `<title>`.
    public var title: String
    /// Top left of every printed page: the network (and the association) and the period.
    public var runningHeader: String
    /// The body's HTML (`MarkdownHTML`'s output).
    public var body: String
    /// Rules added after the shared ones (a longer document's own print sizes).
    public var extraStyle: String = ""

    public init(language: Language, title: String, runningHeader: String, body: String) {
        self.language = language
        self.title = title
        self.runningHeader = runningHeader
        self.body = body
    }

    /// The whole page.
    public func render() -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language == .en ? "en" : "fr")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(Self.style)\(pageStyle)\(extraStyle)</style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// The printed page: A4, its margins and the margin boxes (header, page numbers).
    var pageStyle: String {
        let pages = language == .en
            ? "\"Page \" counter(page) \" of \" counter(pages)"
            : "\"Page \" counter(page) \" sur \" counter(pages)"
        return """
            @page {
              size: A4;
              margin: 11mm 14mm 10mm 14mm;
              @top-left { content: \(HTMLText.cssString(runningHeader)); font-family: \(Self.fontStack); font-size: 8pt; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
              @bottom-right { content: \(pages); font-family: \(Self.fontStack); font-size: 8pt; color: #444; vertical-align: top; padding-top: 3mm; }
            }

            """
    }

    /// The system's own fonts first, then those of Debian and the other systems.
    static let fontStack = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \"DejaVu Sans\", Arial, sans-serif"

    /// Screen and print rules shared by every document.
    static let style = """
        html { background: #f4f4f2; }
        body { margin: 0; font-family: \(fontStack); font-size: 16px; line-height: 1.5; color: #1b1b1b; overflow-wrap: break-word; }
        main { box-sizing: border-box; max-width: 48rem; margin: 1.5rem auto; padding: 1.5rem 2rem 2rem; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .12); }
        h1 { font-size: 1.55em; line-height: 1.25; margin: 0 0 .6em; }
        h2 { font-size: 1.2em; margin: 1.6em 0 .5em; padding-bottom: .15em; border-bottom: 1px solid #c8c8c8; }
        h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
        p, ul, ol { margin: .5em 0; }
        ul, ol { padding-left: 1.4em; }
        blockquote { margin: .8em 0; padding: .3em .9em; border-left: 4px solid #6b6b6b; background: #f2f2f2; }
        blockquote p { margin: .2em 0; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
        table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-variant-numeric: tabular-nums; }
        th, td { padding: .3em .55em; border-bottom: 1px solid #d9d9d9; vertical-align: top; }
        th { border-bottom: 2px solid #555; text-align: left; font-weight: 600; }
        th.right, td.right { text-align: right; }
        td.right { white-space: nowrap; }
        th.center, td.center { text-align: center; }
        th.left, td.left { text-align: left; }
        tbody tr:last-child td { border-bottom: 1px solid #999; }
        figure { margin: 1em 0; }
        .chart svg { display: block; width: 100%; height: auto; max-width: 100%; }
        .figures > figure { margin: 1em 0; }
        .missing { font-style: italic; color: #555; }
        @media screen and (max-width: 40rem) {
          body { font-size: 15px; }
          main { margin: 0; padding: 1rem; box-shadow: none; }
          table { display: block; overflow-x: auto; }
          th, td { padding: .25em .35em; }
        }
        @media print {
          html { background: none; }
          body { font-size: 8.4pt; line-height: 1.2; }
          main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
          h1 { font-size: 13pt; margin: 0 0 3pt; }
          h2 { font-size: 10.5pt; margin: 7pt 0 2pt; padding-bottom: 1pt; }
          h3 { font-size: 10pt; margin: 6pt 0 2pt; }
          h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
          h2 + p { break-after: avoid; }
          p, ul, ol { margin: 3pt 0; }
          blockquote { margin: 4pt 0; padding: 2pt 7pt; }
          table { margin: 2pt 0 4pt; font-size: 7.6pt; line-height: 1.15; }
          /* The delays table (five columns): its labels on one line. */
          table:has(th:nth-child(5)) td:first-child { white-space: nowrap; }
          th, td { padding: 1pt 4pt; }
          /* A long table may continue on the next page (its header row repeats there), never
             a row, a figure or a quote; a heading stays with what follows it. */
          figure, blockquote, li, tr { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          /* A short table (eight rows at most) is never cut. */
          table:not(:has(tbody tr:nth-child(9))) { break-inside: avoid; page-break-inside: avoid; }
          h2 + p, h2 + table, p + table { break-before: avoid; }
          figure { margin: 4pt 0; }
          /* A table followed by its chart (the domains): side by side, the chart at half the width. */
          main > table:has(+ figure.chart) { float: left; width: 50%; margin-right: 1%; }
          main > table + figure.chart { float: right; width: 49%; margin-top: 2pt; }
          main > figure.chart { width: 50%; }
          h1, h2, h3, blockquote, .figures { clear: both; }
          .figures { display: flex; gap: 4mm; break-inside: avoid; }
          .figures > figure { flex: 1 1 0; min-width: 0; margin: 4pt 0; }
          a { color: inherit; text-decoration: none; }
          /* The last section (the templates' methods) is reference text: smaller, so that the
             monthly note keeps to two pages. */
          main > h2:last-of-type ~ p, main > h2:last-of-type ~ ul { font-size: 6pt; line-height: 1.16; margin: 1.5pt 0; }
          main > h2:last-of-type ~ h3 { font-size: 8pt; margin: 4pt 0 1pt; }
          /* The definitions: two columns of run-in paragraphs. */
          main > h2:last-of-type ~ ul { columns: 2; column-gap: 5mm; list-style: none; padding-left: 0; }
          main > h2:last-of-type ~ ul > li { margin: 0 0 .8pt; }
        }

        """
}
