/// A kind of annotation a stage adds to a ``Document``; pipelines check that each stage's
/// requirements are provided by an earlier one.
public enum Layer: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// `lang` and `lang_confidence`.
  case language
  /// Paragraphs with their classes (title, heading, body, boilerplate).
  case paragraphs
  case sentences
  case tokens

  public static func < (lhs: Layer, rhs: Layer) -> Bool { lhs.rawValue < rhs.rawValue }
}
