/// One article and everything Tolk has learned about it. Stages add layers; nothing else changes.
public struct Document: Sendable, Hashable {
  /// The record's id: the `id` field of JSONL input, the file name without extension for `.txt`.
  public let id: String
  /// The article as given; every offset counts Unicode scalars in it. Never changes after reading.
  public let text: String
  /// The headline: JSONL `title`, or the first non-empty line of a `.txt` file; nil when unknown.
  public var title: String?
  /// The article's language: what language identification found; before it runs (or when it finds
  /// nothing) the declared language, else `und`.
  public var language: Language
  /// The language the input's metadata declared (JSONL `lang`), nil when none.
  public var declaredLanguage: Language?
  /// Probability of the identifier's best hypothesis, 0...1; nil when no identifier ran or the text
  /// has no letters.
  public var languageConfidence: Double?
  /// The identifier's best three hypotheses, most probable first; empty when none ran.
  public var languageHypotheses: [LanguageScore] = []
  /// Whether a stretch of the document is confidently in another language than `language`.
  public var isMixed = false
  /// Where the article comes from (outlet or feed), as given.
  public var source: String?
  public var url: String?
  /// Publication time as an ISO 8601 string, as given.
  public var published: String?
  /// Input fields Tolk does not interpret, in input order, written back under `meta`.
  public var meta: [(key: String, value: JSONValue)]

  public var paragraphs: [Paragraph] = []
  public var sentences: [Sentence] = []
  /// The language of each sentence, parallel to `sentences`; empty until identified.
  public var sentenceLanguages: [Language] = []
  public var tokens: [Token] = []
  public var entities: [Entity] = []
  public var relations: [EntityRelation] = []
  /// Quotations and reported speech, in text order.
  public var quotations: [Quotation] = []
  /// Stances of people and bodies the article quotes, in order of their first evidence.
  public var quotedStances: [QuotedStance] = []
  /// The article's own stance towards each target, in the order of `stance/targets.tsv`.
  public var stance: [TargetStance] = []
  /// What the language identifier measured word by word, left (when its configuration says so) for the
  /// sentence stage, which adds up a sentence's words from it instead of reading the sentence again,
  /// and then clears it. Opaque to every other stage; never written out, and not part of `==`.
  public var languageWordTotals: (any Sendable)?

  public init(
    id: String, text: String, title: String? = nil, language: Language? = nil,
    languageConfidence: Double? = nil, source: String? = nil, url: String? = nil,
    published: String? = nil, meta: [(key: String, value: JSONValue)] = []
  ) {
    self.id = id
    self.text = text
    self.title = title
    self.language = language ?? .undetermined
    self.declaredLanguage = language == .undetermined ? nil : language
    self.languageConfidence = languageConfidence
    self.source = source
    self.url = url
    self.published = published
    self.meta = meta
  }

  /// Equal when every field is; `text` compares scalar by scalar (String's `==` would call NFC and NFD
  /// text equal, and Tolk promises the text exactly as given).
  public static func == (lhs: Document, rhs: Document) -> Bool {
    lhs.id == rhs.id && lhs.text.unicodeScalars.elementsEqual(rhs.text.unicodeScalars) && lhs.title == rhs.title
      && lhs.language == rhs.language && lhs.declaredLanguage == rhs.declaredLanguage
      && lhs.languageConfidence == rhs.languageConfidence && lhs.languageHypotheses == rhs.languageHypotheses
      && lhs.isMixed == rhs.isMixed && lhs.sentenceLanguages == rhs.sentenceLanguages
      && lhs.source == rhs.source && lhs.url == rhs.url && lhs.published == rhs.published
      && JSONValue.object(lhs.meta) == JSONValue.object(rhs.meta)
      && lhs.paragraphs == rhs.paragraphs && lhs.sentences == rhs.sentences
      && lhs.tokens == rhs.tokens && lhs.entities == rhs.entities && lhs.relations == rhs.relations
      && lhs.quotations == rhs.quotations && lhs.quotedStances == rhs.quotedStances && lhs.stance == rhs.stance
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(text)
    hasher.combine(tokens)
  }

  /// Length of `text` in Unicode scalars, the unit of every offset.
  public var scalarCount: Int {
    // Every byte of valid UTF-8 that is not a continuation byte (10xxxxxx) starts a scalar; counting
    // them is much faster than decoding.
    text.utf8.withContiguousStorageIfAvailable { bytes in
      var count = 0
      for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
      return count
    } ?? text.unicodeScalars.count
  }
}
