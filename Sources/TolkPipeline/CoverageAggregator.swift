import Foundation
import TolkCore

#if canImport(Glibc)
  import Glibc
#endif

/// Builds a ``CoverageReport`` from the lines of `tolk annotate`'s output, streaming: memory grows
/// with the number of distinct entities, speakers and stories, never with the articles' text.
///
/// It reads the file twice. The first pass groups each article (by language, `nb` and `nn` together
/// as `no`, or by source), sets near-duplicate copies aside (``NearDuplicates``: a copy is counted
/// only when its story has not been counted in its group yet) and adds up every count. Between the
/// passes it chooses the entities the report lists (all of them when there are few, else those in
/// its charts and tables); the second pass collects, for those only, the sentences that mention them.
///
/// Error records and lines that are not annotations are counted and left out; a story is counted
/// once per group, so a wire story printed in English and Norwegian papers counts on both sides.
public struct CoverageAggregator {
  /// How articles are grouped and how much the report keeps.
  public struct Configuration: Sendable {
    public var grouping: Grouping = .lang
    /// Whether Bokmål and Nynorsk articles form one group, `no` ("Norwegian"), when grouping by language.
    public var mergeNorwegian = true
    /// Whether near-duplicate copies of a story are counted once per group (else every article counts).
    public var deduplicate = true
    public var nearDuplicates = NearDuplicates.Configuration()
    /// Entities per chart and table of the report.
    public var top = 25
    /// Every entity is listed, with its sentences, when there are at most this many.
    public var listEveryEntityUpTo = 300
    /// Sentences kept per listed entity and group.
    public var examplesPerEntity = 10
    /// Stance evidence items kept per target and group.
    public var evidencePerTarget = 6
    /// Co-mentioned pairs per group shown; distinct pairs counted exactly per group.
    public var pairsShown = 10
    public var pairCapacity = 20_000
    /// Entities of one article that pairs are made of (its most mentioned), to bound the work per article.
    public var entitiesPerArticleForPairs = 60

    public init() {}
  }

  /// What articles are grouped by.
  public enum Grouping: String, Sendable, CaseIterable {
    /// The identified language (`lang`).
    case lang
    /// The input's `source` field.
    case source
  }

  private struct EntityStats {
    var mentions = 0
    var articles = 0
  }

  private struct SpeakerStats {
    var quotations = 0
    var articles = 0
    var kinds: [String: Int] = [:]
  }

  private struct QuotedKey: Hashable {
    var holder: String
    var target: String
  }

  private struct QuotedStats {
    var favor = 0
    var against = 0
    var scoreSum = 0.0
    var count = 0
  }

  private struct TargetStats {
    var labels: [String: Int] = [:]
    var mentions = 0
    var scoreSum = 0.0
    var scored = 0
    var evidence: [CoverageReport.Evidence] = []
  }

  private struct GroupStats {
    var key: String
    var articles = 0
    var copiesSkipped = 0
    var sentences = 0
    var words = 0
    var mentions = 0
    var mixedArticles = 0
    var otherLanguageSentences = 0
    var languages: [String: Int] = [:]
    var sentenceLanguages: [String: Int] = [:]
    var entities: [Int32: EntityStats] = [:]
    var pairs: FrequentItems<UInt64>
    /// Keyed by speaker id, "" for an unnamed speaker.
    var speakers: [String: SpeakerStats] = [:]
    var quoted: [QuotedKey: QuotedStats] = [:]
    var targets: [String: TargetStats] = [:]
    /// Sentences and surface forms of listed entities (second pass).
    var examples: [Int32: [CoverageReport.Example]] = [:]
    var forms: [Int32: [String: Int]] = [:]
  }

  /// The first article of a story: its id, line and group.
  private struct StoryStart {
    var id: String
    var line: Int
    var group: Int
  }

  public let configuration: Configuration
  private var entityIDs: [String] = []
  private var entityIndex: [String: Int32] = [:]
  private var entityTypes: [Int32: [String: Int]] = [:]
  /// Surface forms of each entity in all groups (at most eight), for its label.
  private var entityForms: [Int32: [String: Int]] = [:]
  private var groups: [GroupStats] = []
  private var groupIndex: [String: Int] = [:]
  private var targetOrder: [String] = []
  private var nearDuplicates: NearDuplicates
  private var storyStarts: [StoryStart] = []
  private var storyMembers: [Int: [CoverageReport.StoryMember]] = [:]
  /// Stories counted in a group other than their first article's: story << 32 | group.
  private var storyCountedGroups: Set<Int64> = []
  /// Lines the second pass skips: error records, unreadable lines and copies not counted.
  private var skippedLines: Set<Int> = []
  private var listed: Set<Int32> = []
  private var lines = 0
  private var annotations = 0
  private var errorRecords = 0
  private var unreadableLines = 0
  private var unreadableExamples: [CoverageReport.UnreadableLine] = []

  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
    nearDuplicates = NearDuplicates(configuration: configuration.nearDuplicates)
  }

  // MARK: Reading

  /// Reads the annotation file at `path` twice and returns the report.
  public static func report(forFile path: String, configuration: Configuration = Configuration())
    throws(CoverageError) -> CoverageReport
  {
    var aggregator = CoverageAggregator(configuration: configuration)
    try forEachLine(in: path) { line in
      switch line {
      case .complete(let bytes, let number, _): aggregator.add(bytes, line: number)
      case .tooLong(_, let length, let number, _):
        aggregator.markUnreadable(line: number, reason: "a line of \(length) bytes, longer than the reader accepts")
      }
    }
    aggregator.chooseListedEntities()
    if !aggregator.listed.isEmpty {
      try forEachLine(in: path) { line in
        if case .complete(let bytes, let number, _) = line { aggregator.collectExamples(bytes, line: number) }
      }
    }
    return aggregator.report(input: path)
  }

  /// The report for JSON lines held in memory (`lines[0]` is line 1).
  public static func report(
    forLines lines: [String], input: String = "-", configuration: Configuration = Configuration()
  )
    -> CoverageReport
  {
    var aggregator = CoverageAggregator(configuration: configuration)
    for (index, line) in lines.enumerated() { aggregator.add(Array(line.utf8)[...], line: index + 1) }
    aggregator.chooseListedEntities()
    for (index, line) in lines.enumerated() { aggregator.collectExamples(Array(line.utf8)[...], line: index + 1) }
    return aggregator.report(input: input)
  }

  private static func forEachLine(in path: String, _ body: (LineReader.Line) -> Void) throws(CoverageError) {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    let reader = LineReader(descriptor: descriptor, maximumLength: 1 << 30)
    do {
      while let line = try reader.next() { body(line) }
    } catch {
      throw .unreadable(path: path, reason: error.description)
    }
  }

  private static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  }

  private static func parse(_ bytes: ArraySlice<UInt8>) -> Result<JSONValue, JSONParser.Failure> {
    bytes.withUnsafeBufferPointer { buffer in
      do throws(JSONParser.Failure) {
        return .success(try JSONParser.parse(buffer))
      } catch {
        return .failure(error)
      }
    }
  }

  private mutating func markUnreadable(line: Int, reason: String) {
    lines += 1
    unreadableLines += 1
    skippedLines.insert(line)
    if unreadableExamples.count < 10 { unreadableExamples.append(.init(line: line, reason: reason)) }
  }

  // MARK: First pass

  /// Adds one line of the annotation file (first pass).
  mutating func add(_ bytes: ArraySlice<UInt8>, line: Int) {
    guard !Self.isBlank(bytes) else { return }
    let record: JSONValue
    switch Self.parse(bytes) {
    case .success(let value): record = value
    case .failure(let failure):
      markUnreadable(line: line, reason: "not JSON: \(failure.reason) (byte \(failure.offset + 1))")
      return
    }
    if record["error"] != nil, record["text"] == nil {
      lines += 1
      errorRecords += 1
      skippedLines.insert(line)
      return
    }
    let article: CoverageArticle
    do {
      article = try CoverageArticle(record: record)
    } catch {
      markUnreadable(line: line, reason: error.reason)
      return
    }
    lines += 1
    annotations += 1
    let group = groupNumber(for: groupKey(of: article))
    if configuration.deduplicate, !isCounted(article, line: line, group: group) {
      groups[group].copiesSkipped += 1
      skippedLines.insert(line)
      return
    }
    count(article, in: group)
  }

  private func groupKey(of article: CoverageArticle) -> String {
    switch configuration.grouping {
    case .lang:
      if configuration.mergeNorwegian, article.language == "nb" || article.language == "nn" { return "no" }
      return article.language
    case .source:
      return article.source ?? "(none)"
    }
  }

  private mutating func groupNumber(for key: String) -> Int {
    if let number = groupIndex[key] { return number }
    groupIndex[key] = groups.count
    groups.append(GroupStats(key: key, pairs: FrequentItems(capacity: configuration.pairCapacity)))
    return groups.count - 1
  }

  /// Whether the article counts: not a copy of a story already counted in its group. Records stories.
  private mutating func isCounted(_ article: CoverageArticle, line: Int, group: Int) -> Bool {
    switch nearDuplicates.add(article.text) {
    case .noText: return true
    case .newStory:
      storyStarts.append(StoryStart(id: article.id, line: line, group: group))
      return true
    case .copy(let story, let similarity):
      let start = storyStarts[story]
      let counted = start.group != group && storyCountedGroups.insert(Int64(story) << 32 | Int64(group)).inserted
      if storyMembers[story] == nil {
        storyMembers[story] = [
          CoverageReport.StoryMember(
            id: start.id, group: groups[start.group].key, line: start.line, similarity: 1, counted: true)
        ]
      }
      storyMembers[story, default: []].append(
        CoverageReport.StoryMember(
          id: article.id, group: groups[group].key, line: line, similarity: Self.rounded(similarity, 4),
          counted: counted))
      return counted
    }
  }

  private mutating func entityNumber(for id: String) -> Int32 {
    if let number = entityIndex[id] { return number }
    let number = Int32(entityIDs.count)
    entityIndex[id] = number
    entityIDs.append(id)
    return number
  }

  private mutating func count(_ article: CoverageArticle, in group: Int) {
    // The group is taken out of the array while it is updated, so that its tables are not copied.
    var stats = groups[group]
    groups[group] = GroupStats(key: "", pairs: FrequentItems(capacity: 1))
    defer { groups[group] = stats }

    stats.articles += 1
    stats.words += article.words
    stats.sentences += article.sentences.count
    stats.mentions += article.mentions.count
    if article.mixed { stats.mixedArticles += 1 }
    stats.languages[article.language, default: 0] += 1
    for sentence in article.sentences {
      stats.sentenceLanguages[sentence.language, default: 0] += 1
      if sentence.language != article.language, sentence.language != "und" { stats.otherLanguageSentences += 1 }
    }

    var mentionsInArticle: [Int32: Int] = [:]
    for mention in article.mentions {
      let entity = entityNumber(for: mention.id)
      entityTypes[entity, default: [:]][mention.type, default: 0] += 1
      mentionsInArticle[entity, default: 0] += 1
      if entityForms[entity]?[mention.text] != nil || entityForms[entity, default: [:]].count < 8 {
        entityForms[entity, default: [:]][mention.text, default: 0] += 1
      }
    }
    for (entity, mentions) in mentionsInArticle {
      stats.entities[entity, default: EntityStats()].mentions += mentions
      stats.entities[entity, default: EntityStats()].articles += 1
    }
    let paired = mentionsInArticle.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(configuration.entitiesPerArticleForPairs).map(\.key).sorted()
    for (offset, first) in paired.enumerated() {
      for second in paired[(offset + 1)...] { stats.pairs.add(UInt64(UInt32(first)) << 32 | UInt64(UInt32(second))) }
    }

    var speakersInArticle = Set<String>()
    for quotation in article.quotations {
      let speaker = quotation.speaker ?? ""
      stats.speakers[speaker, default: SpeakerStats()].quotations += 1
      stats.speakers[speaker, default: SpeakerStats()].kinds[quotation.kind, default: 0] += 1
      if speakersInArticle.insert(speaker).inserted { stats.speakers[speaker, default: SpeakerStats()].articles += 1 }
    }
    for quote in article.quotes {
      let key = QuotedKey(holder: quote.holder, target: quote.target)
      if quote.label == "favor" { stats.quoted[key, default: QuotedStats()].favor += 1 }
      if quote.label == "against" { stats.quoted[key, default: QuotedStats()].against += 1 }
      stats.quoted[key, default: QuotedStats()].scoreSum += quote.score
      stats.quoted[key, default: QuotedStats()].count += 1
    }

    for entry in article.stance {
      if !targetOrder.contains(entry.target) { targetOrder.append(entry.target) }
      var target = stats.targets[entry.target] ?? TargetStats()
      target.labels[entry.label, default: 0] += 1
      target.mentions += entry.mentions
      if entry.label != "absent" {
        target.scoreSum += entry.score
        target.scored += 1
      }
      for item in entry.evidence
      where target.evidence.count < configuration.evidencePerTarget && article.sentences.indices.contains(item.sentence)
      {
        let sentence = article.sentences[item.sentence].range
        target.evidence.append(
          CoverageReport.Evidence(
            article: article.id, sentence: item.sentence, text: article.text.scalars(sentence),
            cueStart: item.start - sentence.lowerBound, cueEnd: item.end - sentence.lowerBound, cue: item.cue,
            cueClass: item.cueClass, weight: item.weight, label: entry.label))
      }
      stats.targets[entry.target] = target
    }
  }

  // MARK: Between the passes

  /// Group numbers in display order: for languages English, Norwegian (merged, Bokmål, Nynorsk)
  /// first, then the other groups by articles (most first) and key.
  private var groupOrder: [Int] {
    let preferred = configuration.grouping == .lang ? ["en", "no", "nb", "nn"] : []
    return groups.indices.sorted { a, b in
      let rankA = preferred.firstIndex(of: groups[a].key) ?? preferred.count
      let rankB = preferred.firstIndex(of: groups[b].key) ?? preferred.count
      if rankA != rankB { return rankA < rankB }
      if groups[a].articles != groups[b].articles { return groups[a].articles > groups[b].articles }
      return groups[a].key < groups[b].key
    }
  }

  /// Entity numbers, most mentioned first (then most articles, then id).
  private var entitiesByMentions: [Int32] {
    var totals = [Int32: (mentions: Int, articles: Int)]()
    for group in groups {
      for (entity, stats) in group.entities {
        totals[entity, default: (0, 0)].mentions += stats.mentions
        totals[entity, default: (0, 0)].articles += stats.articles
      }
    }
    return totals.keys.sorted { a, b in
      let (x, y) = (totals[a] ?? (0, 0), totals[b] ?? (0, 0))
      if x.mentions != y.mentions { return x.mentions > y.mentions }
      if x.articles != y.articles { return x.articles > y.articles }
      return entityIDs[Int(a)] < entityIDs[Int(b)]
    }
  }

  private func groupsMentioning(_ entity: Int32) -> Int { groups.count { $0.entities[entity] != nil } }

  /// The speakers of a group, most quotations first (then most articles, then id; unnamed last on ties).
  private func speakerOrder(_ group: GroupStats) -> [String] {
    group.speakers.keys.sorted { a, b in
      let (x, y) = (group.speakers[a] ?? SpeakerStats(), group.speakers[b] ?? SpeakerStats())
      if x.quotations != y.quotations { return x.quotations > y.quotations }
      if x.articles != y.articles { return x.articles > y.articles }
      if a.isEmpty != b.isEmpty { return !a.isEmpty }
      return a < b
    }
  }

  /// The pairs of a group, most articles first, as (count, first id, second id) in code-point order.
  private func pairOrder(_ group: GroupStats) -> [(articles: Int, a: String, b: String)] {
    group.pairs.counts.map { key, count in
      let first = entityIDs[Int(key >> 32)]
      let second = entityIDs[Int(key & 0xFFFF_FFFF)]
      return first < second ? (count, first, second) : (count, second, first)
    }.sorted { x, y in
      if x.articles != y.articles { return x.articles > y.articles }
      return (x.a, x.b) < (y.a, y.b)
    }
  }

  /// Chooses the entities the report lists: every one when there are at most
  /// ``Configuration/listEveryEntityUpTo``, else those its charts and tables show.
  mutating func chooseListedEntities() {
    let ranked = entitiesByMentions
    if ranked.count <= configuration.listEveryEntityUpTo {
      listed = Set(ranked)
      return
    }
    let top = configuration.top
    listed = Set(ranked.filter { groupsMentioning($0) >= 2 }.prefix(top))
    for group in groups {
      listed.formUnion(ranked.filter { group.entities[$0] != nil && groupsMentioning($0) == 1 }.prefix(top))
      listed.formUnion(ranked.filter { group.entities[$0] != nil }.prefix(top))
      for pair in pairOrder(group).prefix(configuration.pairsShown) {
        for id in [pair.a, pair.b] { if let entity = entityIndex[id] { listed.insert(entity) } }
      }
      for speaker in speakerOrder(group).prefix(configuration.pairsShown) {
        if let entity = entityIndex[speaker] { listed.insert(entity) }
      }
    }
  }

  // MARK: Second pass

  /// Keeps the sentences that mention listed entities in one line (second pass).
  mutating func collectExamples(_ bytes: ArraySlice<UInt8>, line: Int) {
    guard !Self.isBlank(bytes), !skippedLines.contains(line), case .success(let record) = Self.parse(bytes),
      let article = try? CoverageArticle(record: record), let group = groupIndex[groupKey(of: article)]
    else { return }
    let limit = configuration.examplesPerEntity
    var scalars: [Unicode.Scalar]?
    var lastSentence: [Int32: Int] = [:]
    for mention in article.mentions.sorted(by: { $0.start < $1.start }) {
      guard let entity = entityIndex[mention.id], listed.contains(entity),
        article.sentences.indices.contains(mention.sentence)
      else { continue }
      if groups[group].forms[entity]?[mention.text] != nil || groups[group].forms[entity, default: [:]].count < 8 {
        groups[group].forms[entity, default: [:]][mention.text, default: 0] += 1
      }
      let sentence = article.sentences[mention.sentence].range
      let mark = [max(0, mention.start - sentence.lowerBound), max(0, mention.end - sentence.lowerBound)]
      if lastSentence[entity] == mention.sentence {
        let last = (groups[group].examples[entity]?.count ?? 1) - 1
        groups[group].examples[entity]?[last].marks.append(mark)
        continue
      }
      guard groups[group].examples[entity, default: []].count < limit else { continue }
      if scalars == nil { scalars = Array(article.text.unicodeScalars) }
      let all = scalars ?? []
      let bounded = max(0, min(sentence.lowerBound, all.count))..<max(0, min(sentence.upperBound, all.count))
      var text = String.UnicodeScalarView()
      text.append(contentsOf: all[bounded])
      groups[group].examples[entity, default: []].append(
        CoverageReport.Example(
          article: article.id, sentence: mention.sentence, start: sentence.lowerBound, end: sentence.upperBound,
          text: String(text), marks: [mark]))
      lastSentence[entity] = mention.sentence
    }
  }

  // MARK: The report

  /// The report of everything added so far; `input` names the file.
  func report(input: String) -> CoverageReport {
    let order = groupOrder
    let keys = order.map { groups[$0].key }
    var entities: [CoverageReport.EntityCoverage] = []
    var labels: [String: String] = [:]
    for entity in entitiesByMentions {
      let id = entityIDs[Int(entity)]
      var perGroup: [CoverageReport.EntityInGroup] = []
      for number in order {
        let group = groups[number]
        guard let stats = group.entities[entity] else { continue }
        perGroup.append(
          CoverageReport.EntityInGroup(
            group: group.key, mentions: stats.mentions, articles: stats.articles,
            shareOfArticles: Self.rounded(Double(stats.articles) / Double(max(group.articles, 1)), 4),
            per1000Words: Self.rounded(Double(stats.mentions) * 1000 / Double(max(group.words, 1)), 2),
            forms: Self.ranked(group.forms[entity] ?? [:]), examples: group.examples[entity] ?? []))
      }
      let types = entityTypes[entity] ?? [:]
      let label = Self.label(for: id, forms: entityForms[entity] ?? [:])
      labels[id] = label
      entities.append(
        CoverageReport.EntityCoverage(
          id: id, type: Self.ranked(types).first ?? "MISC", label: label,
          exclusiveTo: keys.count >= 2 && perGroup.count == 1 ? perGroup[0].group : nil,
          listed: listed.contains(entity), groups: perGroup))
    }

    let reportGroups = order.map { number -> CoverageReport.Group in
      let group = groups[number]
      let speakers = speakerOrder(group).map { id -> CoverageReport.Speaker in
        let stats = group.speakers[id] ?? SpeakerStats()
        return CoverageReport.Speaker(
          id: id.isEmpty ? nil : id, label: id.isEmpty ? "(not named)" : labels[id] ?? Self.readable(id),
          quotations: stats.quotations, articles: stats.articles, kinds: stats.kinds)
      }
      let quoted = group.quoted.sorted { x, y in
        if x.value.count != y.value.count { return x.value.count > y.value.count }
        return (x.key.holder, x.key.target) < (y.key.holder, y.key.target)
      }.map { key, stats in
        CoverageReport.QuotedStance(
          holder: key.holder, target: key.target, favor: stats.favor, against: stats.against,
          meanScore: Self.rounded(stats.scoreSum / Double(max(stats.count, 1)), 4))
      }
      let stance = targetOrder.map { target -> CoverageReport.TargetStance in
        let stats = group.targets[target] ?? TargetStats()
        return CoverageReport.TargetStance(
          target: target, favor: stats.labels["favor"] ?? 0, against: stats.labels["against"] ?? 0,
          neutral: stats.labels["neutral"] ?? 0,
          // Articles without an entry for the target (an older schema) count as not mentioning it.
          absent: group.articles - (stats.labels["favor"] ?? 0) - (stats.labels["against"] ?? 0)
            - (stats.labels["neutral"] ?? 0),
          mentions: stats.mentions,
          meanScore: stats.scored > 0 ? Self.rounded(stats.scoreSum / Double(stats.scored), 4) : nil,
          evidence: stats.evidence)
      }
      return CoverageReport.Group(
        key: group.key, label: Self.groupLabel(group.key, grouping: configuration.grouping),
        articles: group.articles, copiesSkipped: group.copiesSkipped, sentences: group.sentences, words: group.words,
        mentions: group.mentions, distinctEntities: group.entities.count, mixedArticles: group.mixedArticles,
        languages: Self.languageCounts(group.languages),
        sentenceLanguages: Self.languageCounts(group.sentenceLanguages),
        otherLanguageSentences: group.otherLanguageSentences,
        pairs: pairOrder(group).prefix(configuration.pairsShown).map { .init(a: $0.a, b: $0.b, articles: $0.articles) },
        pairsExact: group.pairs.isExact, speakers: speakers, quotedStances: quoted, stance: stance)
    }

    let nearConfiguration = nearDuplicates.configuration
    return CoverageReport(
      input: input, tolkVersion: TolkVersion.current, groupedBy: configuration.grouping.rawValue,
      norwegianMerged: configuration.grouping == .lang && configuration.mergeNorwegian,
      dedupe: CoverageReport.Dedupe(
        enabled: configuration.deduplicate, method: "minhash",
        shingles: "\(nearConfiguration.shingleLength)-character windows of the consonant skeleton",
        signatureLength: nearConfiguration.signatureLength, bands: nearConfiguration.bands,
        rows: nearConfiguration.rows, threshold: nearConfiguration.threshold,
        copiesSkipped: groups.reduce(0) { $0 + $1.copiesSkipped }),
      lines: lines, annotations: annotations, errorRecords: errorRecords, unreadableLines: unreadableLines,
      unreadableExamples: unreadableExamples, groups: reportGroups, entities: entities,
      duplicateStories: storyMembers.keys.sorted().map { story in
        CoverageReport.Story(first: storyStarts[story].id, members: storyMembers[story] ?? [])
      })
  }

  // MARK: Helpers

  static func rounded(_ value: Double, _ places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (value * scale).rounded() / scale
  }

  /// Keys by count (most first), then in code-point order.
  private static func ranked(_ counts: [String: Int]) -> [String] {
    counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
  }

  private static func languageCounts(_ counts: [String: Int]) -> [CoverageReport.LanguageCount] {
    ranked(counts).map { CoverageReport.LanguageCount(lang: $0, count: counts[$0] ?? 0) }
  }

  /// Display names of language groups.
  static let languageNames = [
    "en": "English", "no": "Norwegian", "nb": "Bokmål", "nn": "Nynorsk", "da": "Danish", "sv": "Swedish",
    "de": "German", "es": "Spanish", "fr": "French", "und": "Undetermined",
  ]

  private static func groupLabel(_ key: String, grouping: Grouping) -> String {
    grouping == .lang ? languageNames[key] ?? key : key
  }

  /// An entity's name for the report: its most frequent form whose letters spell the id
  /// (`Nicolás Maduro` for `nicolas_maduro`, `Norway` rather than `Norge` for `norway`), else the id
  /// made readable (`united_nations` → "United Nations", when only "FN" and "FNs" were seen).
  static func label(for id: String, forms: [String: Int]) -> String {
    let bare = id.split(separator: ":", maxSplits: 1).last.map(String.init) ?? id
    for form in ranked(forms) where spelling(of: form) == bare { return form }
    return readable(id)
  }

  /// An id made readable: type prefix dropped, words capitalised (`per:antonio_ledezma` → "Antonio Ledezma").
  static func readable(_ id: String) -> String {
    let bare = id.split(separator: ":", maxSplits: 1).last.map(String.init) ?? id
    return bare.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
  }

  /// A form as an id spells it: lower case, no diacritics, words joined by `_`.
  private static func spelling(of form: String) -> String {
    var result = ""
    var pendingSeparator = false
    for scalar in form.decomposedStringWithCanonicalMapping.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark: continue
      default: break
      }
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if pendingSeparator, !result.isEmpty { result += "_" }
        pendingSeparator = false
        result += scalar.properties.lowercaseMapping
      } else {
        pendingSeparator = true
      }
    }
    return result
  }
}
