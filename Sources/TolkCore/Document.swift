/// One article and everything Tolk has learned about it. Stages add layers; nothing else changes.
public struct Document: Sendable, Hashable {
  /// The record's id: the `id` field of JSONL input, the file name without extension for `.txt`.
  public let id: String
  /// The article as given; every offset counts Unicode scalars in it. Never changes after reading.
  public let text: String
  /// The headline: JSONL `title`, or the first non-empty line of a `.txt` file; nil when unknown.
  public var title: String?
  /// The article's language: from metadata until language identification runs, else `und`.
  public var language: Language
  /// How sure the identifier is of `language`, 0...1; nil when the language came from metadata or
  /// no identifier ran.
  public var languageConfidence: Double?
  /// Where the article comes from (outlet or feed), as given.
  public var source: String?
  public var url: String?
  /// Publication time as an ISO 8601 string, as given.
  public var published: String?
  /// Input fields Tolk does not interpret, in input order, written back under `meta`.
  public var meta: [(key: String, value: JSONValue)]

  public var paragraphs: [Paragraph] = []
  public var sentences: [Sentence] = []
  public var tokens: [Token] = []

  public init(
    id: String, text: String, title: String? = nil, language: Language = .undetermined,
    languageConfidence: Double? = nil, source: String? = nil, url: String? = nil,
    published: String? = nil, meta: [(key: String, value: JSONValue)] = []
  ) {
    self.id = id
    self.text = text
    self.title = title
    self.language = language
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
      && lhs.language == rhs.language && lhs.languageConfidence == rhs.languageConfidence
      && lhs.source == rhs.source && lhs.url == rhs.url && lhs.published == rhs.published
      && JSONValue.object(lhs.meta) == JSONValue.object(rhs.meta)
      && lhs.paragraphs == rhs.paragraphs && lhs.sentences == rhs.sentences
      && lhs.tokens == rhs.tokens
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(text)
    hasher.combine(tokens)
  }

  /// Length of `text` in Unicode scalars, the unit of every offset.
  public var scalarCount: Int { text.unicodeScalars.count }
}
