/// A word, number, punctuation mark, symbol or emoji in a document's text.
public struct Token: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case word, number, punct, symbol, emoji
  }

  /// First code point, in Unicode scalars of the document's text.
  public var start: Int
  /// One past the last code point.
  public var end: Int
  public var kind: Kind
  /// NFKC, case-folded.
  public var norm: String
  /// `norm` without diacritics; æ, ø, å, ä, ö are letters and stay ("på" is not "pa").
  public var fold: String
  /// Index into the document's `sentences`.
  public var sentence: Int
  /// For a hyphenated compound ("FARC-geriljaen"), the spans of its parts without the hyphens
  /// (`FARC`, `geriljaen`); empty for every other token.
  public var parts: [Range<Int>]

  public init(
    start: Int, end: Int, kind: Kind, norm: String, fold: String, sentence: Int = 0,
    parts: [Range<Int>] = []
  ) {
    self.start = start
    self.end = end
    self.kind = kind
    self.norm = norm
    self.fold = fold
    self.sentence = sentence
    self.parts = parts
  }

  public var range: Range<Int> { start..<end }
  /// Whether the token is a word or a number, the tokens `--tokens words` keeps.
  public var isWordLike: Bool { kind == .word || kind == .number }
}
