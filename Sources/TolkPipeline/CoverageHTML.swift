import Foundation

/// `coverage.html`: a ``CoverageReport`` as one self-contained page, for analysts to see the
/// comparison at a glance. It loads nothing (no scripts, fonts, images or style sheets from
/// anywhere: styles are inline, charts are inline SVG) and is well-formed XML as well as HTML5, so
/// that an XML parser can check it. Every entity name links to the sentences that mention it.
public struct CoverageHTML {
  public let report: CoverageReport
  /// Rows per chart.
  public let top: Int

  /// Colours of the groups, in order (Okabe–Ito, distinguishable with colour-vision deficiencies).
  static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D31", "#666666"]
  /// Groups drawn in charts (the tables and coverage.json have all).
  static let chartedGroups = 6

  private let entitiesByID: [String: CoverageReport.EntityCoverage]
  private let anchors: [String: String]

  public init(report: CoverageReport, top: Int = 25) {
    self.report = report
    self.top = top
    entitiesByID = Dictionary(report.entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var anchors: [String: String] = [:]
    for entity in report.entities where entity.listed { anchors[entity.id] = Self.anchor(for: entity.id) }
    self.anchors = anchors
  }

  /// The page's title: "English vs Norwegian coverage", or the groups' number for many groups.
  static func title(of report: CoverageReport) -> String {
    if report.groups.isEmpty { return "Coverage: no articles" }
    if report.groups.count <= 4 {
      return report.groups.map(\.label).joined(separator: " vs ") + " coverage"
    }
    return "Coverage by \(report.groupedBy == "source" ? "source" : "language") (\(report.groups.count) groups)"
  }

  /// One paragraph saying what was compared and the headline numbers.
  static func summary(of report: CoverageReport) -> String {
    let articles = report.groups.reduce(0) { $0 + $1.articles }
    var text = "\(CoverageMarkdown.number(articles)) article\(articles == 1 ? "" : "s") counted from \(report.input), "
    if report.groupedBy == "source" {
      text += "grouped by source"
    } else {
      text += "grouped by language" + (report.norwegianMerged ? " (Bokmål and Nynorsk together as Norwegian)" : "")
    }
    text +=
      ": " + report.groups.map { "\($0.label) \(CoverageMarkdown.number($0.articles))" }.joined(separator: ", ") + "."
    if report.groups.count >= 2 {
      text += " \(report.sharedEntities.count) entities are mentioned by more than one group; "
      text +=
        report.groups.map { "\(report.entities(onlyIn: $0.key).count) only by \($0.label)" }.joined(separator: ", ")
        + "."
    }
    if report.dedupe.enabled {
      let stories = report.duplicateStories.count
      text +=
        " Near-duplicates (MinHash, estimated Jaccard ≥ \(CoverageMarkdown.decimal(report.dedupe.threshold))): "
        + (stories == 0
          ? "none."
          : "\(stories) stor\(stories == 1 ? "y" : "ies") printed more than once, "
            + "\(report.dedupe.copiesSkipped) cop\(report.dedupe.copiesSkipped == 1 ? "y" : "ies") not counted again.")
    } else {
      text += " Near-duplicates not looked for: every article counts."
    }
    if report.errorRecords > 0 || report.unreadableLines > 0 {
      text += " Left out: \(report.errorRecords) error records, \(report.unreadableLines) unreadable lines."
    }
    return text
  }

  /// A fragment id for an entity id: `e-` and the id, characters outside [a-z0-9_] as `-hex-`.
  static func anchor(for id: String) -> String {
    var result = "e-"
    for scalar in id.unicodeScalars {
      switch scalar {
      case "a"..."z", "0"..."9", "_": result.unicodeScalars.append(scalar)
      default: result += "-" + String(scalar.value, radix: 16) + "-"
      }
    }
    return result
  }

  private var groups: [CoverageReport.Group] { report.groups }
  private var charted: [CoverageReport.Group] { Array(groups.prefix(Self.chartedGroups)) }

  private func color(_ index: Int) -> String { Self.palette[index % Self.palette.count] }

  private func series(_ groups: [CoverageReport.Group]) -> [BarChart.Series] {
    groups.enumerated().map { BarChart.Series(label: $1.label, color: color($0)) }
  }

  private func label(_ id: String) -> String { entitiesByID[id]?.label ?? CoverageAggregator.readable(id) }

  /// An entity's name, linked to its sentences when it is listed.
  private func link(_ id: String) -> String {
    let name = HTMLText.escape(label(id))
    guard let anchor = anchors[id] else { return name }
    return "<a href=\"#\(anchor)\">\(name)</a>"
  }

  // MARK: The page

  /// The whole page.
  public var document: String {
    var out = "<!DOCTYPE html>\n"
    out += "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
    out += "<meta charset=\"utf-8\"/>\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
    out += "<title>\(HTMLText.escape(Self.title(of: report)))</title>\n"
    out += "<style>\n\(Self.style)</style>\n</head>\n<body>\n"
    out += header()
    out += cards()
    out += sharedSection()
    out += exclusiveSection()
    out += stanceSection()
    out += speakersSection()
    out += pairsSection()
    out += languagesSection()
    out += duplicatesSection()
    out += entitiesSection()
    out += "<footer><p>Written by tolk \(HTMLText.escape(report.tolkVersion)) compare (report version "
    out += "\(report.reportVersion)). Every number is in coverage.json; tables in coverage.md.</p></footer>\n"
    out += "</body>\n</html>\n"
    return out
  }

  private func header() -> String {
    var out = "<header>\n<h1>\(HTMLText.escape(Self.title(of: report)))</h1>\n"
    out += "<p class=\"lead\">\(HTMLText.escape(Self.summary(of: report)))</p>\n"
    out += "<nav><a href=\"#shared\">Both</a> <a href=\"#only\">One side only</a> <a href=\"#stance\">Stance</a> "
    out += "<a href=\"#quoted\">Quoted</a> <a href=\"#pairs\">Named together</a> <a href=\"#languages\">Languages</a> "
    out += "<a href=\"#duplicates\">Duplicates</a> <a href=\"#entities\">Every entity</a></nav>\n</header>\n"
    return out
  }

  private func cards() -> String {
    var out = "<section id=\"groups\" class=\"cards\">\n"
    for (index, group) in groups.enumerated() {
      let only = report.entities(onlyIn: group.key).count
      out += "<div class=\"card\" style=\"border-top-color: \(color(index))\">"
      out +=
        "<h2><span class=\"swatch\" style=\"background: \(color(index))\"></span>\(HTMLText.escape(group.label))</h2>"
      out += "<dl>"
      let figures: [(String, String)] = [
        ("articles", CoverageMarkdown.number(group.articles)),
        ("words", CoverageMarkdown.number(group.words)),
        ("sentences", CoverageMarkdown.number(group.sentences)),
        ("entities", CoverageMarkdown.number(group.distinctEntities)),
        ("only here", CoverageMarkdown.number(only)),
        ("quotations", CoverageMarkdown.number(group.speakers.reduce(0) { $0 + $1.quotations })),
      ]
      for (name, value) in figures { out += "<div><dt>\(name)</dt><dd>\(value)</dd></div>" }
      out += "</dl>"
      if group.copiesSkipped > 0 { out += "<p class=\"note\">\(group.copiesSkipped) copies not counted again</p>" }
      out += "</div>\n"
    }
    out += "</section>\n"
    return out
  }

  private func legend(_ groups: [CoverageReport.Group]) -> String {
    var out = "<p class=\"legend\">"
    for (index, group) in groups.enumerated() {
      out +=
        "<span><span class=\"swatch\" style=\"background: \(color(index))\"></span>\(HTMLText.escape(group.label))</span> "
    }
    return out + "</p>\n"
  }

  /// A row of an entity chart: mentions per 1,000 words in each group.
  private func entityRow(_ entity: CoverageReport.EntityCoverage, groups: [CoverageReport.Group]) -> BarChart.Row {
    var values: [Double?] = []
    var texts: [String] = []
    var tooltips: [String] = []
    for group in groups {
      if let stats = entity.inGroup(group.key) {
        values.append(stats.per1000Words)
        texts.append("\(CoverageMarkdown.decimal(stats.per1000Words)) (\(stats.mentions))")
        tooltips.append(
          "\(entity.label), \(group.label): \(stats.mentions) mention\(stats.mentions == 1 ? "" : "s") in "
            + "\(stats.articles) of \(group.articles) article\(group.articles == 1 ? "" : "s") "
            + "(\(CoverageMarkdown.percent(stats.shareOfArticles))), "
            + "\(CoverageMarkdown.decimal(stats.per1000Words)) per 1,000 words; as \(stats.forms.joined(separator: ", "))"
        )
      } else {
        values.append(nil)
        texts.append("not mentioned")
        tooltips.append("\(entity.label), \(group.label): not mentioned")
      }
    }
    return BarChart.Row(
      label: entity.label, link: anchors[entity.id], values: values, valueTexts: texts, tooltips: tooltips)
  }

  private func sharedSection() -> String {
    var out = "<section id=\"shared\">\n"
    let shared = report.sharedEntities.filter { entity in
      charted.count { entity.inGroup($0.key) != nil } >= min(2, charted.count)
    }
    if groups.count >= 2 {
      out += "<h2>Mentioned by both sides (\(report.sharedEntities.count))</h2>\n"
      out += "<p class=\"explain\">Mentions per 1,000 words of each group (the count in brackets), most mentioned "
      out += "first. Hover over a bar for the counts; click a name for the sentences.</p>\n"
    } else {
      out += "<h2>Entities mentioned (\(report.entities.count))</h2>\n"
      out += "<p class=\"explain\">Mentions per 1,000 words (the count in brackets), most mentioned first.</p>\n"
    }
    let entities = groups.count >= 2 ? shared : report.entities
    out += legend(charted)
    if entities.isEmpty {
      out += "<p class=\"empty\">No entity is mentioned by more than one group.</p>\n"
    } else {
      let chart = BarChart(
        series: series(charted), rows: entities.prefix(top).map { entityRow($0, groups: charted) },
        title: "Entities mentioned by more than one group, mentions per 1,000 words")
      out += "<figure>\(chart.svg)</figure>\n"
      if entities.count > top { out += "<p class=\"note\">… and \(entities.count - top) more below.</p>\n" }
    }
    out += "</section>\n"
    return out
  }

  private func exclusiveSection() -> String {
    guard groups.count >= 2 else { return "" }
    var out = "<section id=\"only\">\n<h2>Mentioned by one side only</h2>\n"
    out += "<p class=\"explain\">Entities no other group mentions, by mentions per 1,000 words.</p>\n"
    out += "<div class=\"columns\">\n"
    for (index, group) in charted.enumerated() {
      let only = report.entities(onlyIn: group.key)
      out += "<div class=\"column\"><h3 style=\"color: \(color(index))\">Only \(HTMLText.escape(group.label)) "
      out += "(\(only.count))</h3>\n"
      if only.isEmpty {
        out += "<p class=\"empty\">None.</p>"
      } else {
        let chart = BarChart(
          series: [BarChart.Series(label: group.label, color: color(index))],
          rows: only.prefix(top).map { entityRow($0, groups: [group]) },
          title: "Entities only \(group.label) mentions, mentions per 1,000 words", width: 520)
        out += "<figure>\(chart.svg)</figure>"
        if only.count > top { out += "<p class=\"note\">… and \(only.count - top) more below.</p>" }
      }
      out += "</div>\n"
    }
    out += "</div>\n</section>\n"
    return out
  }

  private func stanceSection() -> String {
    var out = "<section id=\"stance\">\n<h2>The articles' own stance</h2>\n"
    let targets = groups.first?.stance.map(\.target) ?? []
    guard !targets.isEmpty else {
      return out + "<p class=\"empty\">No stance in the input (annotated before schema version 5?).</p>\n</section>\n"
    }
    out += "<p class=\"explain\">Mean score from −1 (against) to +1 (favor) over the articles that mention the "
    out += "target, from the cues in the authors' own voice; beside each bar the articles by label.</p>\n"
    out += legend(charted)
    let rows = targets.map { target -> BarChart.Row in
      var values: [Double?] = []
      var texts: [String] = []
      var tooltips: [String] = []
      for group in charted {
        let stance = group.stance.first { $0.target == target }
        values.append(stance?.meanScore)
        let counts = stance.map { stance in
          [(stance.favor, "favor"), (stance.neutral, "neutral"), (stance.against, "against")].filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        }
        texts.append(stance?.meanScore.map { CoverageMarkdown.signed($0) + " · " + (counts ?? "") } ?? "not mentioned")
        tooltips.append(
          "\(label(target)), \(group.label): "
            + (stance.map {
              "mean \($0.meanScore.map(CoverageMarkdown.signed) ?? "–"); favor \($0.favor), neutral \($0.neutral), "
                + "against \($0.against), absent \($0.absent); \($0.mentions) mentions"
            } ?? "no stance"))
      }
      return BarChart.Row(label: label(target), link: nil, values: values, valueTexts: texts, tooltips: tooltips)
    }
    let chart = BarChart(
      series: series(charted), rows: rows, title: "Mean stance score per target and group", diverging: true,
      axisEnds: ("← against", "favor →"))
    out += "<figure>\(chart.svg)</figure>\n"
    out += "<table><thead><tr><th>target</th><th>group</th><th class=\"n\">favor</th><th class=\"n\">neutral</th>"
    out +=
      "<th class=\"n\">against</th><th class=\"n\">absent</th><th class=\"n\">mean</th><th class=\"n\">mentions</th>"
    out += "</tr></thead><tbody>\n"
    for target in targets {
      for group in groups {
        guard let stance = group.stance.first(where: { $0.target == target }) else { continue }
        out += "<tr><td>\(HTMLText.escape(label(target)))</td><td>\(HTMLText.escape(group.label))</td>"
        out += "<td class=\"n\">\(stance.favor)</td><td class=\"n\">\(stance.neutral)</td>"
        out += "<td class=\"n\">\(stance.against)</td><td class=\"n\">\(stance.absent)</td>"
        out += "<td class=\"n\">\(stance.meanScore.map(CoverageMarkdown.signed) ?? "–")</td>"
        out += "<td class=\"n\">\(stance.mentions)</td></tr>\n"
      }
    }
    out += "</tbody></table>\n"
    for target in targets {
      for group in groups {
        guard let stance = group.stance.first(where: { $0.target == target }), !stance.evidence.isEmpty else {
          continue
        }
        out += "<details><summary>Evidence: \(HTMLText.escape(label(target))), \(HTMLText.escape(group.label)) "
        out += "(\(stance.evidence.count))</summary><ul class=\"sentences\">\n"
        for item in stance.evidence {
          out += "<li>\(Self.marked(item.text, [item.cueStart..<item.cueEnd]))"
          out += " <span class=\"source\">\(HTMLText.escape(item.article)), sentence \(item.sentence + 1); "
          out += "\(HTMLText.escape(item.cueClass)) \(CoverageMarkdown.signed(item.weight)); "
          out += "\(HTMLText.escape(item.cue))</span></li>\n"
        }
        out += "</ul></details>\n"
      }
    }
    out += "</section>\n"
    return out
  }

  private func speakersSection() -> String {
    var out = "<section id=\"quoted\">\n<h2>Who is quoted</h2>\n"
    out += "<p class=\"explain\">Quotations (direct, reported and Norwegian dash dialogue) by speaker.</p>\n"
    out += "<div class=\"columns\">\n"
    for (index, group) in charted.enumerated() {
      out += "<div class=\"column\"><h3 style=\"color: \(color(index))\">\(HTMLText.escape(group.label))</h3>\n"
      if group.speakers.isEmpty {
        out += "<p class=\"empty\">No quotations.</p>"
      } else {
        let rows = group.speakers.prefix(top).map { speaker -> BarChart.Row in
          let kinds = speaker.kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
          return BarChart.Row(
            label: speaker.label, link: speaker.id.flatMap { anchors[$0] }, values: [Double(speaker.quotations)],
            valueTexts: [String(speaker.quotations)],
            tooltips: ["\(speaker.label): \(speaker.quotations) quotations (\(kinds)) in \(speaker.articles) articles"])
        }
        let chart = BarChart(
          series: [BarChart.Series(label: group.label, color: color(index))], rows: rows,
          title: "Quotations by speaker, \(group.label)", integerValues: true, width: 520)
        out += "<figure>\(chart.svg)</figure>"
      }
      if !group.quotedStances.isEmpty {
        out += "<table><thead><tr><th>quoted stance of</th><th>towards</th><th class=\"n\">favor</th>"
        out += "<th class=\"n\">against</th><th class=\"n\">mean</th></tr></thead><tbody>"
        for quote in group.quotedStances.prefix(top) {
          out += "<tr><td>\(link(quote.holder))</td><td>\(HTMLText.escape(label(quote.target)))</td>"
          out += "<td class=\"n\">\(quote.favor)</td><td class=\"n\">\(quote.against)</td>"
          out += "<td class=\"n\">\(CoverageMarkdown.signed(quote.meanScore))</td></tr>"
        }
        out += "</tbody></table>"
      }
      out += "</div>\n"
    }
    out += "</div>\n</section>\n"
    return out
  }

  private func pairsSection() -> String {
    var out = "<section id=\"pairs\">\n<h2>Named together</h2>\n"
    out += "<p class=\"explain\">Pairs of entities mentioned in the same article, by the number of such articles.</p>\n"
    out += "<div class=\"columns\">\n"
    for (index, group) in charted.enumerated() {
      out += "<div class=\"column\"><h3 style=\"color: \(color(index))\">\(HTMLText.escape(group.label))</h3>\n"
      if group.pairs.isEmpty {
        out += "<p class=\"empty\">None.</p>"
      } else {
        out += "<table><thead><tr><th>pair</th><th class=\"n\">articles</th></tr></thead><tbody>"
        for pair in group.pairs {
          out += "<tr><td>\(link(pair.a)) + \(link(pair.b))</td><td class=\"n\">\(pair.articles)</td></tr>"
        }
        out += "</tbody></table>"
        if !group.pairsExact { out += "<p class=\"note\">More pairs than the counter keeps: lower bounds.</p>" }
      }
      out += "</div>\n"
    }
    out += "</div>\n</section>\n"
    return out
  }

  private func languagesSection() -> String {
    var out = "<section id=\"languages\">\n<h2>Language mix</h2>\n"
    out += "<table><thead><tr><th>group</th><th>articles by language</th><th>sentences by language</th>"
    out += "<th class=\"n\">sentences in another language</th><th class=\"n\">mixed articles</th></tr></thead><tbody>\n"
    for group in groups {
      out += "<tr><td>\(HTMLText.escape(group.label))</td>"
      out += "<td>\(HTMLText.escape(group.languages.map { "\($0.lang) \($0.count)" }.joined(separator: ", ")))</td>"
      out +=
        "<td>\(HTMLText.escape(group.sentenceLanguages.map { "\($0.lang) \($0.count)" }.joined(separator: ", ")))</td>"
      out += "<td class=\"n\">\(group.otherLanguageSentences)</td><td class=\"n\">\(group.mixedArticles)</td></tr>\n"
    }
    out += "</tbody></table>\n</section>\n"
    return out
  }

  private func duplicatesSection() -> String {
    var out = "<section id=\"duplicates\">\n<h2>Near-duplicate stories</h2>\n"
    guard report.dedupe.enabled else {
      return out + "<p class=\"empty\">Not looked for (--no-dedupe): every article is counted.</p>\n</section>\n"
    }
    out += "<p class=\"explain\">Articles whose \(HTMLText.escape(report.dedupe.shingles)) overlap with an earlier "
    out += "story's first article by an estimated Jaccard similarity of at least "
    out += "\(CoverageMarkdown.decimal(report.dedupe.threshold)) (MinHash, \(report.dedupe.signatureLength) values). "
    out += "A story is counted once per group.</p>\n"
    if report.duplicateStories.isEmpty {
      return out + "<p class=\"empty\">None: every article is a story of its own.</p>\n</section>\n"
    }
    let stories = report.largestStories(top)
    out += "<p>\(report.duplicateStories.count) stor\(report.duplicateStories.count == 1 ? "y" : "ies") with more than "
    out += "one article" + (stories.count < report.duplicateStories.count ? "; the \(stories.count) largest" : "")
    out += " (every one is in coverage.json):</p>\n"
    out += "<table><thead><tr><th>story (first article)</th><th>article</th><th>group</th><th class=\"n\">line</th>"
    out += "<th class=\"n\">similarity</th><th>counted</th></tr></thead><tbody>\n"
    for story in stories {
      for member in story.members.prefix(CoverageMarkdown.membersShown) {
        out += "<tr><td>\(HTMLText.escape(story.first))</td><td>\(HTMLText.escape(member.id))</td>"
        out += "<td>\(HTMLText.escape(member.group))</td><td class=\"n\">\(member.line)</td>"
        out += "<td class=\"n\">\(CoverageMarkdown.decimal(member.similarity))</td>"
        out += "<td>\(member.counted ? "yes" : "no (copy)")</td></tr>\n"
      }
      if story.members.count > CoverageMarkdown.membersShown {
        out += "<tr><td>\(HTMLText.escape(story.first))</td><td colspan=\"5\">… and "
        out += "\(story.members.count - CoverageMarkdown.membersShown) more articles</td></tr>\n"
      }
    }
    out += "</tbody></table>\n</section>\n"
    return out
  }

  private func entitiesSection() -> String {
    let listed = report.entities.filter(\.listed)
    var out = "<section id=\"entities\">\n<h2>Every entity and the sentences that mention it</h2>\n"
    if listed.count < report.entities.count {
      out += "<p class=\"explain\">The \(listed.count) entities of the charts and tables above; all "
      out += "\(report.entities.count) are in coverage.json.</p>\n"
    }
    out += "<table class=\"entities\"><thead><tr><th>entity</th><th>type</th>"
    for group in groups {
      out += "<th class=\"n\">\(HTMLText.escape(group.label)) mentions</th><th class=\"n\">articles</th>"
      out += "<th class=\"n\">per 1,000 words</th>"
    }
    out += "</tr></thead><tbody>\n"
    for entity in listed {
      out += "<tr><td>\(link(entity.id))</td><td>\(HTMLText.escape(entity.type))</td>"
      for group in groups {
        let stats = entity.inGroup(group.key)
        out += "<td class=\"n\">\(stats?.mentions ?? 0)</td><td class=\"n\">\(stats?.articles ?? 0)</td>"
        out += "<td class=\"n\">\(CoverageMarkdown.decimal(stats?.per1000Words ?? 0))</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody></table>\n"
    for entity in listed {
      out += "<article class=\"entity\" id=\"\(anchors[entity.id] ?? Self.anchor(for: entity.id))\">"
      out += "<h3>\(HTMLText.escape(entity.label)) <small>\(HTMLText.escape(entity.type)) · "
      out += "\(HTMLText.escape(entity.id))</small></h3>\n<div class=\"columns\">\n"
      for (index, group) in groups.enumerated() {
        guard let stats = entity.inGroup(group.key) else { continue }
        out += "<div class=\"column\"><h4 style=\"color: \(color(index))\">\(HTMLText.escape(group.label)): "
        out += "\(stats.mentions) mention\(stats.mentions == 1 ? "" : "s") in \(stats.articles) "
        out += "article\(stats.articles == 1 ? "" : "s")</h4><ol class=\"sentences\">"
        for example in stats.examples {
          out += "<li>\(Self.marked(example.text, example.marks.map { $0[0]..<$0[1] }))"
          out +=
            " <span class=\"source\">\(HTMLText.escape(example.article)), sentence \(example.sentence + 1)</span></li>"
        }
        out += "</ol>"
        let shown = stats.examples.count
        if shown < stats.mentions, shown > 0 {
          out += "<p class=\"note\">\(shown) sentence\(shown == 1 ? "" : "s") shown for \(stats.mentions) mentions.</p>"
        }
        out += "</div>\n"
      }
      out += "</div><p class=\"top\"><a href=\"#groups\">↑ top</a></p></article>\n"
    }
    out += "</section>\n"
    return out
  }

  /// `text` escaped, with the code-point ranges `marks` (sorted, not overlapping) in `<mark>`.
  static func marked(_ text: String, _ marks: [Range<Int>]) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = ""
    var position = 0
    func piece(_ range: Range<Int>) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[range])
      return HTMLText.escape(String(view))
    }
    for mark in marks.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      let lower = max(position, min(mark.lowerBound, scalars.count))
      let upper = max(lower, min(mark.upperBound, scalars.count))
      out += piece(position..<lower) + "<mark>" + piece(lower..<upper) + "</mark>"
      position = upper
    }
    return out + piece(position..<scalars.count)
  }

  static let style = """
    :root { color-scheme: light; }
    body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d1d1f;
      background: #fafafa; margin: 0 auto; max-width: 1120px; padding: 16px 24px 40px; }
    h1 { font-size: 26px; margin: 4px 0 6px; }
    h2 { font-size: 19px; margin: 28px 0 6px; border-bottom: 1px solid #ddd; padding-bottom: 3px; }
    h3 { font-size: 16px; margin: 12px 0 4px; }
    h4 { font-size: 14px; margin: 8px 0 4px; }
    a { color: #0a58a8; text-decoration: none; }
    a:hover { text-decoration: underline; }
    .lead { margin: 0 0 8px; max-width: 980px; }
    nav a { margin-right: 12px; font-size: 14px; }
    .cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 14px; }
    .card { background: #fff; border: 1px solid #ddd; border-top: 5px solid #999; border-radius: 6px;
      padding: 8px 14px; min-width: 300px; flex: 1; }
    .card h2 { border: 0; margin: 2px 0 6px; }
    .card dl { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0; }
    .card dt { font-size: 12px; color: #666; }
    .card dd { margin: 0; font-size: 20px; font-weight: 600; }
    .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px;
      vertical-align: -1px; }
    .legend span { margin-right: 14px; font-size: 14px; }
    .explain, .note, .empty { color: #555; font-size: 14px; margin: 4px 0; }
    figure { margin: 4px 0 8px; }
    svg.chart { display: block; max-width: 100%; height: auto; font-size: 12px; }
    svg .label { fill: #1d1d1f; font-size: 12.5px; }
    svg a .label { fill: #0a58a8; }
    svg .value { fill: #333; font-size: 11.5px; }
    svg .value.none { fill: #999; font-style: italic; }
    svg .tick { fill: #777; font-size: 11px; }
    svg .grid { stroke: #e4e4e4; stroke-width: 1; }
    svg .zero { stroke: #888; stroke-width: 1.2; }
    .columns { display: flex; flex-wrap: wrap; gap: 18px; }
    .column { flex: 1; min-width: 320px; }
    table { border-collapse: collapse; margin: 6px 0 10px; font-size: 13.5px; background: #fff; }
    th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
    th { background: #f0f0f0; font-weight: 600; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
    mark { background: #ffe08a; padding: 0 1px; }
    .sentences { margin: 4px 0; padding-left: 22px; font-size: 14px; }
    .sentences li { margin: 3px 0; }
    .source { color: #777; font-size: 12px; }
    details { margin: 4px 0; }
    summary { cursor: pointer; color: #0a58a8; }
    article.entity { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; padding: 4px 14px;
      margin: 10px 0; }
    article.entity:target { outline: 3px solid #f0b400; }
    article.entity h3 small { color: #777; font-weight: normal; font-size: 12px; }
    .top { text-align: right; font-size: 12px; margin: 0 0 4px; }
    footer { margin-top: 30px; color: #777; font-size: 12px; }

    """
}
