/// Every number of a coverage comparison (`tolk compare`), as `coverage.json` holds it: the groups
/// (languages or sources) side by side, each entity's coverage in each group, the stories printed
/// more than once. ``CoverageAggregator`` builds it; `coverage.md` and `coverage.html` show it.
///
/// Counts are over the articles counted: one per story and group unless deduplication is off.
/// Shares are 0...1, scores −1...1 (favor positive), offsets code points of the article's `text`.
public struct CoverageReport: Sendable, Hashable, Codable {
  /// Changes whenever a key is added, removed or changes meaning.
  public var reportVersion = 1
  /// The annotation file, as given on the command line.
  public var input: String
  public var tolkVersion: String
  /// `lang` or `source`.
  public var groupedBy: String
  /// Whether Bokmål (nb) and Nynorsk (nn) are one group, `no` ("Norwegian").
  public var norwegianMerged: Bool
  public var dedupe: Dedupe
  /// Non-blank lines read.
  public var lines: Int
  /// Annotation records among them (every one is in a group, counted or a copy).
  public var annotations: Int
  /// Error records of `tolk annotate` (left out of every count).
  public var errorRecords: Int
  /// Lines that are not annotation records (not JSON, or missing fields), with the first few.
  public var unreadableLines: Int
  public var unreadableExamples: [UnreadableLine]
  /// Groups in display order (for languages: English, then Norwegian, then the rest by size).
  public var groups: [Group]
  /// Every entity id mentioned in a counted article, most mentioned first.
  public var entities: [EntityCoverage]
  /// Stories with more than one article, in order of first appearance.
  public var duplicateStories: [Story]

  /// How near-duplicates were found (see ``NearDuplicates``).
  public struct Dedupe: Sendable, Hashable, Codable {
    public var enabled: Bool
    public var method: String
    public var shingles: String
    public var signatureLength: Int
    public var bands: Int
    public var rows: Int
    /// Estimated Jaccard similarity (0...1) from which an article is a copy.
    public var threshold: Double
    /// Copies left out because their story was already counted in their group.
    public var copiesSkipped: Int
  }

  /// A line that could not be used, with the reason.
  public struct UnreadableLine: Sendable, Hashable, Codable {
    /// 1-based line number.
    public var line: Int
    public var reason: String
  }

  /// One group of articles and what they cover.
  public struct Group: Sendable, Hashable, Codable {
    /// `en`, `no` (nb and nn together), `nb`, … or the `source` (`(none)` when there is none).
    public var key: String
    /// Human name: "English", "Norwegian", the source.
    public var label: String
    /// Articles counted.
    public var articles: Int
    /// Copies of a story already counted in this group, left out.
    public var copiesSkipped: Int
    public var sentences: Int
    public var words: Int
    /// Entity mentions in the counted articles.
    public var mentions: Int
    public var distinctEntities: Int
    /// Articles with `mixed: true` (confident sentences in another language).
    public var mixedArticles: Int
    /// Articles by their identified language.
    public var languages: [LanguageCount]
    /// Sentences by their own identified language.
    public var sentenceLanguages: [LanguageCount]
    /// Sentences in a language other than their article's (`und` not counted).
    public var otherLanguageSentences: Int
    /// The most often co-mentioned entity pairs (mentioned in the same article).
    public var pairs: [Pair]
    /// False when more distinct pairs occurred than the counter keeps (then counts are lower bounds).
    public var pairsExact: Bool
    /// Who is quoted (`quotations[].speaker`), most quotations first; `id` null for an unnamed speaker.
    public var speakers: [Speaker]
    /// Stances quoted speakers hold (`quotes[]`), by holder and target.
    public var quotedStances: [QuotedStance]
    /// The articles' own stance per target (`stance[]`), in the targets' file order.
    public var stance: [TargetStance]
  }

  /// A language code and a count.
  public struct LanguageCount: Sendable, Hashable, Codable {
    public var lang: String
    public var count: Int
  }

  /// Two entity ids (in code-point order) and the number of articles that mention both.
  public struct Pair: Sendable, Hashable, Codable {
    public var a: String
    public var b: String
    public var articles: Int
  }

  /// A quoted speaker in one group.
  public struct Speaker: Sendable, Hashable, Codable {
    public var id: String?
    public var label: String
    public var quotations: Int
    public var articles: Int
    /// Quotations by kind: `direct`, `dash`, `reported`.
    public var kinds: [String: Int]
  }

  /// A stance quoted in the articles of a group.
  public struct QuotedStance: Sendable, Hashable, Codable {
    public var holder: String
    public var target: String
    public var favor: Int
    public var against: Int
    /// Mean score, −1...1.
    public var meanScore: Double
  }

  /// The articles' own stance towards a target in one group.
  public struct TargetStance: Sendable, Hashable, Codable {
    public var target: String
    public var favor: Int
    public var against: Int
    public var neutral: Int
    /// Articles that never mention the target.
    public var absent: Int
    /// Mentions of the target in all articles.
    public var mentions: Int
    /// Mean score (−1...1) over the articles that mention the target; null when none does.
    public var meanScore: Double?
    /// The first evidence items found (at most the configured number).
    public var evidence: [Evidence]
  }

  /// A stance cue in its sentence.
  public struct Evidence: Sendable, Hashable, Codable {
    public var article: String
    /// Index into the article's `sentences`.
    public var sentence: Int
    /// The whole sentence.
    public var text: String
    /// The cue's span in code points of `text` (the sentence, not the article).
    public var cueStart: Int
    public var cueEnd: Int
    /// The lexicon line that matched (`lexicon:stance/nb.tsv:212`).
    public var cue: String
    public var cueClass: String
    /// Signed weight the cue added (favor positive).
    public var weight: Double
    /// The article's label for the target.
    public var label: String
  }

  /// One entity id across the groups.
  public struct EntityCoverage: Sendable, Hashable, Codable {
    public var id: String
    /// The type most of its mentions have (PER, ORG, GPE, LOC, MISC).
    public var type: String
    /// Its most frequent surface form.
    public var label: String
    /// The group it is the only one to mention, when there are several groups; else null.
    public var exclusiveTo: String?
    /// Whether `coverage.md` and `coverage.html` list it (with example sentences).
    public var listed: Bool
    /// Its coverage in each group that mentions it, in group order.
    public var groups: [EntityInGroup]
  }

  /// An entity's coverage in one group.
  public struct EntityInGroup: Sendable, Hashable, Codable {
    public var group: String
    public var mentions: Int
    /// Counted articles that mention it.
    public var articles: Int
    /// `articles` over the group's articles, 0...1.
    public var shareOfArticles: Double
    /// Mentions per 1,000 words of the group.
    public var per1000Words: Double
    /// Surface forms, most frequent first (at most eight; empty unless `listed`).
    public var forms: [String]
    /// Sentences that mention it (the first ones found; empty unless `listed`).
    public var examples: [Example]
  }

  /// A sentence that mentions an entity.
  public struct Example: Sendable, Hashable, Codable {
    public var article: String
    /// Index into the article's `sentences`, and the sentence's span in the article's `text`.
    public var sentence: Int
    public var start: Int
    public var end: Int
    public var text: String
    /// The mentions' spans in code points of `text` (the sentence), as `[start, end]`.
    public var marks: [[Int]]
  }

  /// Articles found to be copies of one story.
  public struct Story: Sendable, Hashable, Codable {
    /// The id of the story's first article, which the others were compared with.
    public var first: String
    public var members: [StoryMember]
  }

  /// One article of a story.
  public struct StoryMember: Sendable, Hashable, Codable {
    public var id: String
    public var group: String
    /// 1-based line in the input.
    public var line: Int
    /// Estimated similarity (0...1) to the story's first article; 1 for the first article itself.
    public var similarity: Double
    /// Whether it was counted (the first of the story in its group, or deduplication is off).
    public var counted: Bool
  }

  enum CodingKeys: String, CodingKey {
    case reportVersion = "report_version", input, tolkVersion = "tolk_version", groupedBy = "grouped_by"
    case norwegianMerged = "norwegian_merged", dedupe, lines, annotations, errorRecords = "error_records"
    case unreadableLines = "unreadable_lines", unreadableExamples = "unreadable_examples", groups, entities
    case duplicateStories = "duplicate_stories"
  }
}

extension CoverageReport.Dedupe {
  enum CodingKeys: String, CodingKey {
    case enabled, method, shingles, signatureLength = "signature_length", bands, rows, threshold
    case copiesSkipped = "copies_skipped"
  }
}

extension CoverageReport.Group {
  enum CodingKeys: String, CodingKey {
    case key, label, articles, copiesSkipped = "copies_skipped", sentences, words, mentions
    case distinctEntities = "distinct_entities", mixedArticles = "mixed_articles", languages
    case sentenceLanguages = "sentence_languages", otherLanguageSentences = "other_language_sentences", pairs
    case pairsExact = "pairs_exact", speakers, quotedStances = "quoted_stances", stance
  }
}

extension CoverageReport.QuotedStance {
  enum CodingKeys: String, CodingKey { case holder, target, favor, against, meanScore = "mean_score" }
}

extension CoverageReport.TargetStance {
  enum CodingKeys: String, CodingKey {
    case target, favor, against, neutral, absent, mentions, meanScore = "mean_score", evidence
  }
}

extension CoverageReport.Evidence {
  enum CodingKeys: String, CodingKey {
    case article, sentence, text, cueStart = "cue_start", cueEnd = "cue_end", cue, cueClass = "class", weight, label
  }
}

extension CoverageReport.EntityCoverage {
  enum CodingKeys: String, CodingKey { case id, type, label, exclusiveTo = "exclusive_to", listed, groups }
}

extension CoverageReport.EntityInGroup {
  enum CodingKeys: String, CodingKey {
    case group, mentions, articles, shareOfArticles = "share_of_articles", per1000Words = "per_1000_words", forms
    case examples
  }
}

extension CoverageReport {
  /// The group with `key`.
  public func group(_ key: String) -> Group? { groups.first { $0.key == key } }

  /// The entity with `id`.
  public func entity(_ id: String) -> EntityCoverage? { entities.first { $0.id == id } }

  /// Entities only the group `key` mentions, most mentioned first.
  public func entities(onlyIn key: String) -> [EntityCoverage] { entities.filter { $0.exclusiveTo == key } }

  /// The stories with the most articles (ties in order of appearance), at most `limit`.
  public func largestStories(_ limit: Int) -> [Story] {
    Array(
      duplicateStories.enumerated().sorted { a, b in
        a.element.members.count != b.element.members.count
          ? a.element.members.count > b.element.members.count : a.offset < b.offset
      }.prefix(limit).map(\.element))
  }

  /// Entities at least two groups mention, most mentioned first.
  public var sharedEntities: [EntityCoverage] { entities.filter { $0.groups.count >= 2 } }

  /// A display name for an entity or target id: the entity's label, else the id made readable.
  public func label(for id: String) -> String {
    if let entity = entity(id) { return entity.label }
    let bare = id.split(separator: ":", maxSplits: 1).last.map(String.init) ?? id
    let words = bare.replacingOccurrences(of: "_", with: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }
}

extension CoverageReport.EntityCoverage {
  /// The entity's coverage in group `key`, nil when the group does not mention it.
  public func inGroup(_ key: String) -> CoverageReport.EntityInGroup? { groups.first { $0.group == key } }

  /// Mentions in all groups.
  public var totalMentions: Int { groups.reduce(0) { $0 + $1.mentions } }
}
