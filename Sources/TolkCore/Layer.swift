/// A kind of annotation a stage adds to a ``Document``; pipelines check that each stage's
/// requirements are provided by an earlier one.
public enum Layer: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// `lang`, `lang_confidence` and the language hypotheses.
  case language
  /// Paragraphs with their classes (title, heading, body, boilerplate).
  case paragraphs
  case sentences
  /// A language for each sentence, and whether the document is mixed.
  case sentenceLanguages
  case tokens
  /// Entity mentions and relations (demonyms).
  case entities
  /// Quotations, quoted stances and the article's stance towards each target.
  case stance

  public static func < (lhs: Layer, rhs: Layer) -> Bool { lhs.rawValue < rhs.rawValue }
}
