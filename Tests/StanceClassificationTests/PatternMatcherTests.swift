import Testing
import TolkCore
import TolkTesting

@testable import StanceClassification

@Suite struct PatternMatcherTests {
  /// "the government says Maduro criticised the opposition and the government": the target slot can
  /// take "Maduro" (which is also the holder), "the opposition" or "the government", and gaps make
  /// several matches of one pattern.
  func matcher() throws -> PatternMatcher {
    let document = try Document.tokenized(
      "the government says Maduro sharply criticised the opposition and the government today")
    let tokens = document.tokens
    let maduro = try #require(tokens.firstIndex { $0.fold == "maduro" })
    let opposition = try #require(tokens.firstIndex { $0.fold == "opposition" })
    let government = try #require(tokens.lastIndex { $0.fold == "government" })
    let targets = [
      StanceAnalysis.Mention(tokens: maduro...maduro, id: "maduro_government", entity: "nicolas_maduro"),
      StanceAnalysis.Mention(tokens: opposition...opposition, id: "opposition", entity: nil),
      StanceAnalysis.Mention(tokens: (government - 1)...government, id: "maduro_government", entity: nil),
    ]
    let holders = [StanceAnalysis.Mention(tokens: maduro...maduro, id: "nicolas_maduro", entity: nil)]
    let starting = { (mentions: [StanceAnalysis.Mention]) in
      MentionGroups(count: mentions.count) { mentions[$0].tokens.lowerBound }
    }
    return PatternMatcher(
      folds: TokenFolds(tokens: tokens), parts: CompoundParts(tokens: tokens), targetsStarting: starting(targets),
      holdersStarting: starting(holders), entitiesStarting: starting(targets), targets: targets,
      holders: holders, entities: targets)
  }

  /// The first match is the first of all matches, in the same order, for patterns with gaps, slots,
  /// prefixes, a holder that must not be the target, and none at all.
  @Test(arguments: [
    "<H> ... critici* ... <T>", "critici* ... <T>", "<T> ... <T>", "says ... <E>", "<H> * critici*", "the ... <T>",
    "critici* the president",
  ])
  func firstMatchIsTheFirstOfAllMatches(_ text: String) throws {
    let matcher = try matcher()
    let pattern = try StancePattern(parsing: text)
    let count = matcher.folds.count
    var found = 0
    for start in 0..<count {
      let all = matcher.matches(pattern, at: start, before: count)
      #expect(matcher.firstMatch(pattern, at: start, before: count) == all.first)
      found += all.count
    }
    if text != "critici* the president" { #expect(found > 0) }
  }
}
