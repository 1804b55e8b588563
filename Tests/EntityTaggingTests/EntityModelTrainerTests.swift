import Foundation
import Testing

@testable import EntityTagging

/// The CRF learner's gradient: forward-backward's log Z, token marginals and expected transition counts
/// against a brute-force sum over every tag path, and against finite differences of log Z.
@Suite struct EntityModelTrainerTests {
  static let tags = ["O", "B-LOC", "I-LOC", "B-PER", "I-PER"]
  static let tokenCount = 4
  /// Scores without a pattern, the same every run.
  static let emissions: [Double] = (0..<tokenCount * tags.count).map { sin(Double($0) * 1.7) * 2 }
  static let transitions: [Double] = (0..<(tags.count + 1) * tags.count).map { cos(Double($0) * 2.3) * 1.5 }

  static var allowed: [UInt8] {
    EntityModel(
      header: .init(
        tags: tags, features: EntityModelFeatures(usesGazetteer: false, usesClusters: false), bucketBits: 10,
        scale: 1, temperature: 1, notes: [:]),
      transitions: [], weights: []
    ).allowed
  }

  static func expectations(emissions: [Double] = emissions, transitions: [Double] = transitions)
    -> EntityModelTrainer.ChainExpectations
  {
    EntityModelTrainer.chainExpectations(
      emissions: emissions, tokenCount: tokenCount, tagCount: tags.count, transitions: transitions, allowed: allowed)
  }

  /// Every tag path the BIO constraints allow, with its score.
  static func paths() -> [(tags: [Int], score: Double)] {
    let tagCount = tags.count
    var paths: [(tags: [Int], score: Double)] = [([], 0)]
    for token in 0..<tokenCount {
      paths = paths.flatMap { path in
        (0..<tagCount).compactMap { tag -> (tags: [Int], score: Double)? in
          let from = path.tags.last.map { $0 + 1 } ?? 0
          guard allowed[from * tagCount + tag] != 0 else { return nil }
          let score = path.score + transitions[from * tagCount + tag] + emissions[token * tagCount + tag]
          return (path.tags + [tag], score)
        }
      }
    }
    return paths
  }

  @Test func forwardBackwardMatchesTheSumOverEveryPath() {
    let tagCount = Self.tags.count
    let paths = Self.paths()
    let partition = paths.reduce(0.0) { $0 + exp($1.score) }
    var marginals = [Double](repeating: 0, count: Self.tokenCount * tagCount)
    var counts = [Double](repeating: 0, count: (tagCount + 1) * tagCount)
    for path in paths {
      let probability = exp(path.score) / partition
      for (token, tag) in path.tags.enumerated() {
        marginals[token * tagCount + tag] += probability
        let from = token == 0 ? 0 : path.tags[token - 1] + 1
        counts[from * tagCount + tag] += probability
      }
    }
    let expected = Self.expectations()
    #expect(abs(expected.logPartition - log(partition)) < 1e-9)
    for index in marginals.indices { #expect(abs(expected.marginals[index] - marginals[index]) < 1e-9) }
    for index in counts.indices { #expect(abs(expected.transitionCounts[index] - counts[index]) < 1e-9) }
    // A disallowed transition (I-LOC from the start, I-PER after B-LOC) is never expected.
    #expect(expected.transitionCounts[2] == 0)
    #expect(expected.transitionCounts[2 * tagCount + 4] == 0)
  }

  @Test func marginalsAndTransitionCountsAreTheDerivativesOfLogZ() {
    let expected = Self.expectations()
    let delta = 1e-6
    for index in Self.emissions.indices {
      var up = Self.emissions
      var down = Self.emissions
      up[index] += delta
      down[index] -= delta
      let slope =
        (Self.expectations(emissions: up).logPartition - Self.expectations(emissions: down).logPartition) / (2 * delta)
      #expect(abs(slope - expected.marginals[index]) < 1e-6, "emission \(index)")
    }
    for index in Self.transitions.indices where Self.allowed[index] != 0 {
      var up = Self.transitions
      var down = Self.transitions
      up[index] += delta
      down[index] -= delta
      let slope =
        (Self.expectations(transitions: up).logPartition - Self.expectations(transitions: down).logPartition)
        / (2 * delta)
      #expect(abs(slope - expected.transitionCounts[index]) < 1e-6, "transition \(index)")
    }
  }

  @Test func eachTokensMarginalsSumToOneAndTheCountsToTheTokens() {
    let expected = Self.expectations()
    let tagCount = Self.tags.count
    for token in 0..<Self.tokenCount {
      let sum = expected.marginals[token * tagCount..<(token + 1) * tagCount].reduce(0, +)
      #expect(abs(sum - 1) < 1e-12)
    }
    #expect(abs(expected.transitionCounts.reduce(0, +) - Double(Self.tokenCount)) < 1e-9)
  }
}
