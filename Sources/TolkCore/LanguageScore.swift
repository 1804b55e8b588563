/// One language hypothesis with its probability.
public struct LanguageScore: Sendable, Hashable, Codable {
  public var language: Language
  /// Probability, 0...1.
  public var score: Double

  public init(language: Language, score: Double) {
    self.language = language
    self.score = score
  }
}
