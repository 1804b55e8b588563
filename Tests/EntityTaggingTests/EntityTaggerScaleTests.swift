import Testing
import TolkCore
import TolkTesting

@testable import EntityTagging

/// Articles with tens of thousands of mentions: overlap resolution and short forms give what they give
/// on short articles. Both used to compare every mention with every other, and one 50 MB article took
/// hours (scripts/check_hostile.py runs such an article in full).
@Suite struct EntityTaggerScaleTests {
  func candidate(_ range: Range<Int>, _ origin: EntityTagger.Candidate.Origin, _ id: String, tokens: ClosedRange<Int>)
    -> EntityTagger.Candidate
  {
    EntityTagger.Candidate(
      entity: Entity(
        start: range.lowerBound, end: range.upperBound, kind: .person, id: id, source: "test", sentence: 0),
      origin: origin, tokens: tokens)
  }

  @Test func resolvesTensOfThousandsOfOverlapsByOriginLengthAndPosition() {
    var candidates: [EntityTagger.Candidate] = []
    var expected: [EntityTagger.Candidate] = []
    for group in 0..<30_000 {
      let base = group * 10
      let rule = candidate(base..<base + 5, .rule, "rule-\(group)", tokens: 4 * group...4 * group + 1)
      let lexicon = candidate(base + 3..<base + 8, .lexicon, "lexicon-\(group)", tokens: 4 * group + 1...4 * group + 2)
      let model = candidate(base + 8..<base + 9, .model, "model-\(group)", tokens: 4 * group + 3...4 * group + 3)
      let shorter = candidate(base + 3..<base + 5, .lexicon, "shorter-\(group)", tokens: 4 * group + 1...4 * group + 1)
      candidates += group % 2 == 0 ? [rule, lexicon, model, shorter] : [shorter, model, lexicon, rule]
      expected += [lexicon, model]
    }
    #expect(EntityTagger.resolve(candidates) == expected)
  }

  @Test func givesTwentyThousandShortFormsTheIdOfTheNearestFullName() throws {
    let text = String(repeating: "Maduro. ", count: 20_000) + "Nicolás Maduro talte. Maduro."
    let document = try Document.tokenized(text)
    let words = document.tokens.indices.filter { document.tokens[$0].kind == .word }
    try #require(words.count == 20_004)
    var candidates = words.prefix(20_000).map { index in
      let token = document.tokens[index]
      return candidate(token.start..<token.end, .rule, "per:maduro", tokens: index...index)
    }
    let first = words[20_000]
    let full = document.tokens[first].start..<document.tokens[first + 1].end
    candidates.append(candidate(full, .rule, "per:nicolas_maduro", tokens: first...first + 1))
    let last = words[20_003]
    candidates.append(
      candidate(document.tokens[last].start..<document.tokens[last].end, .rule, "per:maduro", tokens: last...last))
    let resolved = EntityTagger.resolvingShortForms(candidates, in: EntityTagger.Context(document))
    #expect(resolved.count == 20_002)
    #expect(resolved.allSatisfy { $0.entity.id == "per:nicolas_maduro" })
    #expect(resolved.filter { $0.entity.source == "rule:short-form" }.count == 20_001)
    #expect(resolved.map(\.entity.range) == candidates.map(\.entity.range))
  }
}
