import Foundation
import Testing
@testable import EntraideKit

/// The Markdown-to-HTML converter of the HTML note, on the subset the templates write.
@Suite("Markdown to HTML")
struct MarkdownHTMLTests {
    let convert = MarkdownHTML().convert

    @Test func headingsParagraphsAndEmphasis() {
        #expect(convert("# Titre\n\n## Partie ##\n### Alertes") == "<h1>Titre</h1>\n<h2>Partie</h2>\n<h3>Alertes</h3>\n")
        #expect(convert("Un **gras** et un _accent_ ou *autre*,\nsur deux lignes.")
                == "<p>Un <strong>gras</strong> et un <em>accent</em> ou <em>autre</em>,\nsur deux lignes.</p>\n")
        // Underscores inside words, and a lone asterisk, are text.
        #expect(convert("wait_alert_days et 3 * 4") == "<p>wait_alert_days et 3 * 4</p>\n")
        #expect(convert("#pas un titre") == "<p>#pas un titre</p>\n")
        #expect(convert("ligne  \nsuivante") == "<p>ligne<br>\nsuivante</p>\n")
        #expect(convert("`a<b`") == "<p><code>a&lt;b</code></p>\n")
    }

    @Test func everythingIsEscaped() {
        #expect(convert("<script>alert('x')</script> & \"q\"")
                == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>\n")
        // The templates escape values for Markdown: the backslashes go, the characters stay text.
        #expect(convert(#"Asso \*étoile\* \_x\_ \[1\] \<b\>"#) == "<p>Asso *étoile* _x_ [1] &lt;b&gt;</p>\n")
        #expect(convert("**<i>**") == "<p><strong>&lt;i&gt;</strong></p>\n")
    }

    @Test func linksOnlyToPagesAndMail() {
        #expect(convert("[site](https://example.org/a?b=1&c=2)")
                == "<p><a href=\"https://example.org/a?b=1&amp;c=2\">site</a></p>\n")
        #expect(convert("[clic](javascript:alert(1))") == "<p>clic</p>\n")
        #expect(convert("[doc](docs/INDICATORS.md)") == "<p>doc</p>\n")
    }

    @Test func listsAndQuotes() {
        #expect(convert("- un\n- **deux**\n  suite\n\n- trois\n\nAprès")
                == "<ul>\n<li>un</li>\n<li><strong>deux</strong>\nsuite</li>\n<li>trois</li>\n</ul>\n<p>Après</p>\n")
        #expect(convert("1. a\n2) b") == "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n")
        #expect(convert("3. c\n4. d") == "<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n")
        #expect(convert("> Ce rapport ne porte que sur « X ».\n>\n> Suite")
                == "<blockquote>\n<p>Ce rapport ne porte que sur « X ».</p>\n<p>Suite</p>\n</blockquote>\n")
        #expect(convert("---") == "<hr>\n")
        #expect(convert("```\n<b>\n```") == "<pre><code>&lt;b&gt;</code></pre>\n")
    }

    @Test func tablesWithAlignmentAndEscapedPipes() {
        let markdown = """
            | Indicateur | octobre 2026 | Part | Centre |
            | :--- | ---: | --- | :-: |
            | Demandes \\| reçues | 63 | **7 %** | x |
            | court | 1 |
            """
        let expected = """
            <table>
            <thead><tr><th class="left">Indicateur</th><th class="right">octobre 2026</th><th>Part</th>\
            <th class="center">Centre</th></tr></thead>
            <tbody>
            <tr><td class="left">Demandes | reçues</td><td class="right">63</td><td><strong>7 %</strong></td>\
            <td class="center">x</td></tr>
            <tr><td class="left">court</td><td class="right">1</td><td></td><td class="center"></td></tr>
            </tbody>
            </table>

            """
        #expect(convert(markdown) == expected)
        // A table right after a paragraph's line starts there.
        #expect(convert("Texte\n| a |\n| --- |\n| 1 |")
                == "<p>Texte</p>\n<table>\n<thead><tr><th>a</th></tr></thead>\n<tbody>\n<tr><td>1</td></tr>\n</tbody>\n</table>\n")
        // Without a delimiter row, pipes are text.
        #expect(convert("| a | b |") == "<p>| a | b |</p>\n")
    }

    @Test func chartsAreInlinedWithUniqueIdsAndTheirAltText() throws {
        let svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-labelledby="chart-title chart-desc">
            <title id="chart-title">T</title><desc id="chart-desc">D</desc>
            <pattern id="p"/><rect fill="url(#p)"/>
            </svg>

            """
        let html = MarkdownHTML(images: ["a.svg": svg, "b.svg": svg])
            .convert("![Demandes <reçues> & \\[x\\]](a.svg)\n\n![Autre](b.svg)\n\n![Absente](c.png)")
        #expect(!html.contains("<?xml"))
        #expect(html.hasPrefix("<div class=\"figures\">\n<figure class=\"chart\"><svg "))
        #expect(html.contains("role=\"img\" aria-label=\"Demandes &lt;reçues&gt; &amp; [x]\">"))
        #expect(html.contains("aria-label=\"Autre\""))
        #expect(!html.contains("aria-labelledby"))
        #expect(html.contains("id=\"chart1-chart-title\"") && html.contains("id=\"chart2-chart-title\""))
        #expect(html.contains("fill=\"url(#chart1-p)\"") && html.contains("fill=\"url(#chart2-p)\""))
        #expect(!html.contains("id=\"chart-title\""))
        // An image that is not a chart of the note is not loaded: its alt text stands in.
        #expect(html.contains("<figure class=\"missing\"><figcaption>[Absente]</figcaption></figure>"))
        #expect(!html.contains("c.png"))
        // Inside a sentence, a chart is a span of the paragraph.
        let inline = MarkdownHTML(images: ["a.svg": svg]).convert("Voir ![A](a.svg) ici")
        #expect(inline.hasPrefix("<p>Voir <span class=\"chart\"><svg "), "\(inline)")
        #expect(inline.hasSuffix("</svg></span> ici</p>\n"), "\(inline)")
    }

    @Test func cssStringsCannotCloseTheStyleSheet() {
        #expect(HTMLText.cssString("Réseau \"A\" </style> \\ \n") == #""Réseau \22 A\22  \3c /style\3e  \5c  \a ""#)
    }

    @Test func documentIsSelfContained() {
        let page = HTMLDocument(language: .en, title: "T <1>", runningHeader: "Network — October 2026",
                                body: "<p>x</p>\n").render()
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<title>T &lt;1&gt;</title>"))
        #expect(page.contains("@top-left { content: \"Network — October 2026\""))
        #expect(page.contains("\"Page \" counter(page) \" of \" counter(pages)"))
        #expect(page.contains("size: A4"))
        for forbidden in ["<link", "<script", "src=", "@import", "url(", "http:", "https:"] {
            #expect(!page.contains(forbidden), "\(forbidden)")
        }
    }
}
