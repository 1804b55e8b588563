/// A block of text separated from its neighbours by blank lines (or, in text without blank lines, by
/// line breaks), with what kind of block it is.
public struct Paragraph: Sendable, Hashable, Codable {
  /// What a paragraph is for; later stages skip non-prose.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The article's headline.
    case title
    /// A sub-heading inside the article.
    case heading
    /// Prose: the lead and the body.
    case body
    /// Page chrome: photo credits, "Latest News", "Les også", share prompts, bylines.
    case boilerplate
  }

  /// First code point, in Unicode scalars of the document's text.
  public var start: Int
  /// One past the last code point (line breaks after the paragraph are outside it).
  public var end: Int
  public var kind: Kind
  /// Why `kind` was chosen: `rule:first-line`, `rule:short-unpunctuated`,
  /// `lexicon:boilerplate/nb.tsv:12`, …
  public var source: String

  public init(start: Int, end: Int, kind: Kind, source: String) {
    self.start = start
    self.end = end
    self.kind = kind
    self.source = source
  }

  public var range: Range<Int> { start..<end }
}
