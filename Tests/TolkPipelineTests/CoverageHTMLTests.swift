import Foundation
import Testing
import TolkCore
import TolkTesting

@testable import TolkPipeline

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Collects what a strict XML parse of the page sees.
final class PageCollector: NSObject, XMLParserDelegate {
  var elements: [String] = []
  var ids: [String] = []
  var references: [(element: String, attribute: String, value: String)] = []
  var styleText = ""
  var text = ""
  private var inStyle = false
  var error: Error?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    elements.append(elementName)
    inStyle = elementName == "style"
    for (name, value) in attributes {
      if name == "id" { ids.append(value) }
      if ["src", "href", "xlink:href", "srcset", "poster", "data", "action", "background"].contains(name) {
        references.append((elementName, name, value))
      }
      if name == "style" { styleText += value }
    }
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    inStyle = false
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inStyle { styleText += string } else { text += string }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

@Suite struct CoverageHTMLTests {
  /// A report with hostile text in every place text goes: markup, quotes, ampersands, control characters.
  static var hostileReport: CoverageReport {
    var english = CoverageAggregatorTests.english1
    english.sentences[0] = "Norway <script>alert(\"x\")</script> & 'Maduro' and Guaidó\u{1} <b>."
    english.id = "en-<1>&\"2\""
    english.source = "<img src=http://example.com/x.png>"
    english.quotations = [("juan_guaido", "direct")]
    english.stance = [("the_dialogue", "favor", 0.5, 1, [(0, "<script>", 0.5)])]
    return CoverageAggregator.report(
      forLines: [english.line, CoverageAggregatorTests.bokmal.line, CoverageAggregatorTests.nynorsk.line])
  }

  static func parse(_ html: String) throws -> PageCollector {
    let collector = PageCollector()
    let parser = XMLParser(data: Data(html.utf8))
    parser.delegate = collector
    parser.shouldProcessNamespaces = false
    let parsed = parser.parse()
    if let error = collector.error ?? parser.parserError { throw error }
    #expect(parsed)
    return collector
  }

  @Test func isWellFormedXMLWithHostileText() throws {
    let html = CoverageHTML(report: Self.hostileReport).document
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"))
    let page = try Self.parse(html)
    #expect(page.elements.first == "html")
    #expect(page.elements.contains("svg"))
    #expect(!page.elements.contains("script"))
    #expect(!page.elements.contains("img"))
    #expect(page.text.contains("Norway <script>alert(\"x\")</script> & 'Maduro' and Guaidó\u{FFFD} <b>."))
    #expect(page.text.contains("en-<1>&\"2\""))
  }

  @Test func loadsNothingFromOutsideThePage() throws {
    var source = CoverageAggregatorTests.english1
    source.source = "http://example.com/"
    var configuration = CoverageAggregator.Configuration()
    configuration.grouping = .source
    let report = CoverageAggregator.report(
      forLines: [source.line, CoverageAggregatorTests.bokmal.line], configuration: configuration)
    for html in [CoverageHTML(report: report).document, CoverageHTML(report: Self.hostileReport).document] {
      let page = try Self.parse(html)
      #expect(!page.references.isEmpty)
      for reference in page.references {
        #expect(reference.value.hasPrefix("#"), "\(reference.element) \(reference.attribute)=\(reference.value)")
      }
      #expect(!page.styleText.isEmpty)
      #expect(!page.styleText.lowercased().contains("url("))
      #expect(!page.styleText.lowercased().contains("@import"))
      for element in ["script", "link", "img", "iframe", "object", "embed", "audio", "video", "source"] {
        #expect(!page.elements.contains(element), "a <\(element)> element")
      }
    }
  }

  @Test func linksEveryListedEntityToItsSentences() throws {
    let report = CoverageAggregator.report(
      forLines: [CoverageAggregatorTests.english1, CoverageAggregatorTests.bokmal, CoverageAggregatorTests.nynorsk].map(
        \.line))
    let page = try Self.parse(CoverageHTML(report: report).document)
    #expect(Set(page.ids).count == page.ids.count)
    let links = Set(page.references.filter { $0.attribute == "href" }.map { String($0.value.dropFirst()) })
    #expect(links.isSubset(of: Set(page.ids)))
    for entity in report.entities {
      #expect(entity.listed)
      #expect(page.ids.contains(CoverageHTML.anchor(for: entity.id)))
      #expect(links.contains(CoverageHTML.anchor(for: entity.id)))
    }
  }

  @Test func listsTheLargestDuplicateStoriesOnlyWhenThereAreMany() throws {
    var generator = SplitMix64(seed: 42)
    var lines: [String] = []
    for story in 0..<30 {
      let words = (0..<60).map { _ in
        String((0..<6).map { _ in Character(Unicode.Scalar(UInt8(97 + generator.next() % 26))) })
      }
      for copy in 0..<(story == 7 ? 14 : 2) {
        let article = AnnotatedArticle(
          id: "s\(story)-\(copy)", lang: "en", source: nil, sentences: [words.joined(separator: " ") + "."])
        lines.append(article.line)
      }
    }
    let report = CoverageAggregator.report(forLines: lines)
    #expect(report.duplicateStories.count == 30)
    #expect(report.largestStories(3).map(\.first) == ["s7-0", "s0-0", "s1-0"])
    let markdown = CoverageMarkdown(report: report, top: 5).text
    #expect(markdown.contains("30 stories with more than one article; the 5 largest:"))
    #expect(markdown.contains("| s7-0 | … 4 more |"))
    #expect(!markdown.contains("| s7-0 | s7-10 |"))
    #expect(!markdown.contains("| s4-0 |"))
    let html = CoverageHTML(report: report, top: 5).document
    #expect(html.contains("<td colspan=\"5\">… and 4 more articles</td>"))
    _ = try Self.parse(html)
  }

  @Test func anchorsAreDistinctForIdsThatDifferInPunctuation() {
    #expect(CoverageHTML.anchor(for: "per:antonio_ledezma") == "e-per-3a-antonio_ledezma")
    #expect(CoverageHTML.anchor(for: "per-antonio_ledezma") == "e-per-2d-antonio_ledezma")
  }

  @Test func marksCodePointSpansOfSentences() {
    #expect(
      CoverageHTML.marked("👍🏽 Ærlig <Oslo>", [3..<8, 10..<14]) == "👍🏽 <mark>Ærlig</mark> &lt;<mark>Oslo</mark>&gt;")
  }

  @Test func chartBarsAreToScaleWithRoundTicks() {
    #expect(BarChart.ticks(upTo: 16.9) == [0, 5, 10, 15, 20])
    #expect(BarChart.ticks(upTo: 2, integers: true) == [0, 1, 2])
    let chart = BarChart(
      series: [.init(label: "English", color: "#0072B2")],
      rows: [
        .init(label: "A", link: "e-a", values: [20], valueTexts: ["20"], tooltips: ["A"]),
        .init(label: "B", link: nil, values: [5], valueTexts: ["5"], tooltips: ["B"]),
      ], title: "t")
    // Plot area: 900 − 210 (labels) − 120 (values) = 570; the top tick is 20.
    #expect(chart.svg.contains("<rect class=\"bar\" x=\"210\" y=\"26\" width=\"570\""))
    #expect(chart.svg.contains("width=\"142.5\""))
    #expect(chart.svg.contains("<a href=\"#e-a\">"))
  }

  @Test func markdownTablesEscapePipesAndLineBreaks() {
    #expect(CoverageMarkdown.cell("a|b\nc") == "a\\|b c")
    #expect(CoverageMarkdown.number(1_234_567) == "1,234,567")
    #expect(CoverageMarkdown.signed(-0.001) == "0.00")
    #expect(CoverageMarkdown.signed(0.25) == "+0.25")
  }
}
