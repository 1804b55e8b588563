/// A mention of a person, organisation or place, resolved to a canonical id.
public struct Entity: Sendable, Hashable, Codable {
  /// Entity types, as written in `type` fields. GPE is a place with a government (country, city);
  /// LOC a place without one (region, sea, mountain).
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case person = "PER"
    case organisation = "ORG"
    case location = "LOC"
    case geopolitical = "GPE"
    case miscellaneous = "MISC"

    /// The lower-case prefix of ids for entities outside the lexicon (`per:antonio_ledezma`).
    public var idPrefix: String { rawValue.lowercased() }
  }

  /// First code point, in Unicode scalars of the document's text.
  public var start: Int
  /// One past the last code point.
  public var end: Int
  public var kind: Kind
  /// The canonical id: the English name in snake_case (`juan_guaido`), with a type prefix for
  /// entities outside the lexicon (`per:antonio_ledezma`).
  public var id: String
  /// What found it: `lexicon:entities/people.tsv:42`, `rule:capitalised-name`, `rule:short-form`, `model`.
  public var source: String
  /// Index into the document's `sentences`.
  public var sentence: Int
  /// Whether the mention is part of a hyphenated compound ("FARC" in "FARC-geriljaen").
  public var inCompound: Bool
  /// For a mention the statistical model found, its probability (0...1); nil for lexicon and rule
  /// mentions.
  public var confidence: Double?

  public init(
    start: Int, end: Int, kind: Kind, id: String, source: String, sentence: Int, inCompound: Bool = false,
    confidence: Double? = nil
  ) {
    self.start = start
    self.end = end
    self.kind = kind
    self.id = id
    self.source = source
    self.sentence = sentence
    self.inCompound = inCompound
    self.confidence = confidence
  }

  public var range: Range<Int> { start..<end }
}

/// A word that relates to an entity without naming it: a demonym or place adjective
/// ("Norwegian", "venezuelanske" → a place). Not counted as a mention.
public struct EntityRelation: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable { case demonym }

  public var start: Int
  public var end: Int
  public var id: String
  public var kind: Kind
  /// `lexicon:entities/demonyms.tsv:12`.
  public var source: String
  public var sentence: Int
  public var inCompound: Bool

  public init(start: Int, end: Int, id: String, kind: Kind, source: String, sentence: Int, inCompound: Bool = false) {
    self.start = start
    self.end = end
    self.id = id
    self.kind = kind
    self.source = source
    self.sentence = sentence
    self.inCompound = inCompound
  }

  public var range: Range<Int> { start..<end }
}
