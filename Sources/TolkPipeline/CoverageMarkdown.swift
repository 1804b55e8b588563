import Foundation

/// `coverage.md`: a ``CoverageReport`` as Markdown tables (GitHub-flavoured), for reading in a
/// repository, a pull request or a terminal. The sentences behind the numbers are in `coverage.html`.
public struct CoverageMarkdown {
  public let report: CoverageReport
  /// Rows per entity table.
  public let top: Int

  public init(report: CoverageReport, top: Int = 25) {
    self.report = report
    self.top = top
  }

  /// The whole document.
  public var text: String {
    var lines: [String] = []
    lines.append("# \(CoverageHTML.title(of: report))")
    lines.append("")
    lines.append(CoverageHTML.summary(of: report))
    lines.append("")
    overview(&lines)
    entities(&lines)
    pairs(&lines)
    speakers(&lines)
    stance(&lines)
    languages(&lines)
    duplicates(&lines)
    return lines.joined(separator: "\n") + "\n"
  }

  private var groups: [CoverageReport.Group] { report.groups }

  private func overview(_ lines: inout [String]) {
    lines.append("## Overview")
    lines.append("")
    var rows: [[String]] = []
    func row(_ name: String, _ value: (CoverageReport.Group) -> Int) {
      rows.append([name] + groups.map { Self.number(value($0)) })
    }
    row("articles counted") { $0.articles }
    row("copies skipped") { $0.copiesSkipped }
    row("sentences") { $0.sentences }
    row("words") { $0.words }
    row("entity mentions") { $0.mentions }
    row("distinct entities") { $0.distinctEntities }
    row("entities only this group mentions") { group in report.entities(onlyIn: group.key).count }
    row("quotations") { group in group.speakers.reduce(0) { $0 + $1.quotations } }
    lines += Self.table(header: [""] + groups.map(\.label), alignRight: true, rows: rows)
    lines.append("")
  }

  private func entityRow(_ entity: CoverageReport.EntityCoverage, groups: [CoverageReport.Group]) -> [String] {
    var cells = [entity.label + (entity.label.lowercased() == entity.id ? "" : " (`\(entity.id)`)"), entity.type]
    for group in groups {
      if let stats = entity.inGroup(group.key) {
        cells += [
          String(stats.mentions), "\(stats.articles) (\(Self.percent(stats.shareOfArticles)))",
          Self.decimal(stats.per1000Words), stats.forms.joined(separator: ", "),
        ]
      } else {
        cells += ["0", "0", "0", ""]
      }
    }
    return cells
  }

  private func entityHeader(_ groups: [CoverageReport.Group]) -> [String] {
    ["entity", "type"]
      + groups.flatMap { group in
        ["\(group.label) mentions", "articles (share)", "per 1,000 words", "forms"]
      }
  }

  private func entities(_ lines: inout [String]) {
    let shared = report.sharedEntities
    if groups.count >= 2 {
      lines.append("## Entities mentioned by more than one group (\(shared.count))")
      lines.append("")
      if shared.isEmpty {
        lines.append("None.")
      } else {
        lines += Self.table(
          header: entityHeader(groups), alignRight: false,
          rows: shared.prefix(top).map { entityRow($0, groups: groups) })
        if shared.count > top { lines += ["", "… and \(shared.count - top) more in coverage.json."] }
      }
      lines.append("")
      for group in groups {
        let only = report.entities(onlyIn: group.key)
        lines.append("## Only \(group.label) (\(only.count))")
        lines.append("")
        if only.isEmpty {
          lines.append("None.")
        } else {
          lines += Self.table(
            header: entityHeader([group]), alignRight: false,
            rows: only.prefix(top).map { entityRow($0, groups: [group]) }
          )
          if only.count > top { lines += ["", "… and \(only.count - top) more in coverage.json."] }
        }
        lines.append("")
      }
    } else {
      lines.append("## Entities (\(report.entities.count))")
      lines.append("")
      lines += Self.table(
        header: entityHeader(groups), alignRight: false,
        rows: report.entities.prefix(top).map { entityRow($0, groups: groups) })
      lines.append("")
    }
  }

  private func pairs(_ lines: inout [String]) {
    lines.append("## Entities mentioned together (articles mentioning both)")
    lines.append("")
    for group in groups {
      lines.append("### \(group.label)")
      lines.append("")
      if group.pairs.isEmpty {
        lines.append("None.")
      } else {
        lines += Self.table(
          header: ["pair", "articles"], alignRight: false,
          rows: group.pairs.map { ["\(report.label(for: $0.a)) + \(report.label(for: $0.b))", String($0.articles)] })
        if !group.pairsExact {
          lines += ["", "More distinct pairs than the counter keeps: these counts are lower bounds."]
        }
      }
      lines.append("")
    }
  }

  private func speakers(_ lines: inout [String]) {
    lines.append("## Who is quoted")
    lines.append("")
    for group in groups {
      lines.append("### \(group.label)")
      lines.append("")
      if group.speakers.isEmpty {
        lines.append("No quotations.")
      } else {
        lines += Self.table(
          header: ["speaker", "quotations", "articles", "direct", "reported", "dash"], alignRight: false,
          rows: group.speakers.prefix(top).map { speaker in
            [
              speaker.label, String(speaker.quotations), String(speaker.articles),
              String(speaker.kinds["direct"] ?? 0), String(speaker.kinds["reported"] ?? 0),
              String(speaker.kinds["dash"] ?? 0),
            ]
          })
      }
      if !group.quotedStances.isEmpty {
        lines.append("")
        lines += Self.table(
          header: ["quoted stance: holder", "target", "favor", "against", "mean score"], alignRight: false,
          rows: group.quotedStances.prefix(top).map { quote in
            [
              report.label(for: quote.holder), report.label(for: quote.target), String(quote.favor),
              String(quote.against), Self.signed(quote.meanScore),
            ]
          })
      }
      lines.append("")
    }
  }

  private func stance(_ lines: inout [String]) {
    lines.append("## The articles' own stance")
    lines.append("")
    lines.append("Mean score from −1 (against) to +1 (favor) over the articles that mention the target.")
    lines.append("")
    var rows: [[String]] = []
    let targets = groups.first?.stance.map(\.target) ?? []
    for target in targets {
      for group in groups {
        guard let stance = group.stance.first(where: { $0.target == target }) else { continue }
        rows.append([
          report.label(for: target), group.label, String(stance.favor), String(stance.against), String(stance.neutral),
          String(stance.absent), stance.meanScore.map(Self.signed) ?? "–", String(stance.mentions),
        ])
      }
    }
    if rows.isEmpty {
      lines.append("No stance in the input (annotated before schema version 5?).")
    } else {
      lines += Self.table(
        header: ["target", "group", "favor", "against", "neutral", "absent", "mean score", "mentions"],
        alignRight: false, rows: rows)
    }
    lines.append("")
    for target in targets {
      for group in groups {
        guard let stance = group.stance.first(where: { $0.target == target }), !stance.evidence.isEmpty else {
          continue
        }
        lines.append("Evidence, \(report.label(for: target)), \(group.label):")
        lines.append("")
        for item in stance.evidence {
          let sentence = Self.cell(Self.emphasise(item.text, item.cueStart..<item.cueEnd))
          lines.append("- \(sentence) (\(item.article), \(item.cueClass) \(Self.signed(item.weight)), `\(item.cue)`)")
        }
        lines.append("")
      }
    }
  }

  private func languages(_ lines: inout [String]) {
    lines.append("## Language mix")
    lines.append("")
    lines += Self.table(
      header: [
        "group", "articles by language", "sentences by language", "sentences in another language", "mixed articles",
      ],
      alignRight: false,
      rows: groups.map { group in
        [
          group.label, group.languages.map { "\($0.lang) \($0.count)" }.joined(separator: ", "),
          group.sentenceLanguages.map { "\($0.lang) \($0.count)" }.joined(separator: ", "),
          String(group.otherLanguageSentences), String(group.mixedArticles),
        ]
      })
    lines.append("")
  }

  private func duplicates(_ lines: inout [String]) {
    lines.append("## Near-duplicate stories")
    lines.append("")
    guard report.dedupe.enabled else {
      lines.append("Not looked for (`--no-dedupe`): every article is counted.")
      return
    }
    if report.duplicateStories.isEmpty {
      lines.append("None: every article is a story of its own.")
      return
    }
    let stories = report.largestStories(top)
    lines.append(
      "\(report.duplicateStories.count) stories with more than one article"
        + (stories.count < report.duplicateStories.count ? "; the \(stories.count) largest:" : ":"))
    lines.append("")
    lines += Self.table(
      header: ["story (first article)", "article", "group", "line", "similarity", "counted"], alignRight: false,
      rows: stories.flatMap { story in
        story.members.prefix(Self.membersShown).map { member in
          [
            story.first, member.id, member.group, String(member.line), Self.decimal(member.similarity),
            member.counted ? "yes" : "no (copy)",
          ]
        }
          + (story.members.count > Self.membersShown
            ? [[story.first, "… \(story.members.count - Self.membersShown) more", "", "", "", ""]] : [])
      })
    lines += ["", "Every story and article is in coverage.json."]
  }

  /// Articles listed per story in the duplicate tables (coverage.json has all).
  static let membersShown = 10

  // MARK: Formatting

  static func table(header: [String], alignRight: Bool, rows: [[String]]) -> [String] {
    var lines = ["| " + header.map(cell).joined(separator: " | ") + " |"]
    lines.append(
      "|" + header.indices.map { index in index == 0 || !alignRight ? "---" : "---:" }.joined(separator: "|") + "|")
    for row in rows { lines.append("| " + row.map(cell).joined(separator: " | ") + " |") }
    return lines
  }

  /// A table cell: pipes escaped, line breaks made spaces.
  static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ")
      .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
  }

  /// `text` with the code points in `range` in bold.
  static func emphasise(_ text: String, _ range: Range<Int>) -> String {
    let scalars = Array(text.unicodeScalars)
    let lower = max(0, min(range.lowerBound, scalars.count))
    let upper = max(lower, min(range.upperBound, scalars.count))
    func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: slice)
      return String(view)
    }
    return string(scalars[..<lower]) + "**" + string(scalars[lower..<upper]) + "**" + string(scalars[upper...])
  }

  static func number(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
      grouped.append(digit)
    }
    return (value < 0 ? "-" : "") + grouped
  }

  static func decimal(_ value: Double) -> String { String(format: "%.2f", value) }

  /// A score with its sign, "0.00" for one that rounds to zero.
  static func signed(_ value: Double) -> String { abs(value) < 0.005 ? "0.00" : String(format: "%+.2f", value) }

  static func percent(_ share: Double) -> String { String(format: "%.0f %%", share * 100) }
}
