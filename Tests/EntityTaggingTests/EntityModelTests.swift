import Foundation
import Testing

@testable import EntityTagging

/// The decoder's shortcuts against the general computation they stand in for.
@Suite struct EntityModelTests {
  static let tags = ["O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PER", "I-PER"]

  /// Transitions without a pattern, the same every run; marginals read no weights.
  static let model = EntityModel(
    header: .init(
      tags: tags, features: EntityModelFeatures(usesGazetteer: false, usesClusters: false), bucketBits: 10,
      scale: 1, temperature: 1.7, notes: [:]),
    transitions: (0..<(tags.count + 1) * tags.count).map { Float(cos(Double($0) * 2.3) * 1.5) }, weights: [])

  /// The marginals of some tokens only (those of a sentence's mentions) are bit for bit those of a run
  /// for every token; the other tokens get zeros.
  @Test(arguments: [1, 2, 5, 12])
  func marginalsOfSomeTokensAreThoseOfAllTokens(tokenCount: Int) {
    let tagCount = Self.tags.count
    let scores = (0..<tokenCount * tagCount).map { Float(sin(Double($0) * 1.7) * 3) }
    let all = Self.model.marginals(scores, tokenCount: tokenCount)
    for first in 0..<tokenCount {
      for last in first..<tokenCount {
        let some = Self.model.marginals(scores, tokenCount: tokenCount, of: first...last)
        for token in 0..<tokenCount {
          let row = token * tagCount..<(token + 1) * tagCount
          let expected = (first...last).contains(token) ? Array(all[row]) : Array(repeating: 0, count: tagCount)
          #expect(some[row].map(\.bitPattern) == expected.map(\.bitPattern), "\(first)...\(last), token \(token)")
        }
      }
    }
  }
}
