import Testing
import TolkCore

@testable import StanceClassification

@Suite struct MentionGroupsTests {
  /// Every key, present or not, finds the indices `Dictionary(grouping:by:)` gives it, in the same
  /// order, whether the keys come in ascending order (mentions by first token) or not.
  @Test(arguments: [
    [], [0], [3, 3, 3], [0, 0, 1, 4, 4, 4, 9], [5, 2, 5, 0, 2, 2, 7, 1], [1, 0], [2, 2, 1, 1, 0, 0],
  ])
  func groupsAsDictionaryGroupingDoes(_ keys: [Int]) {
    let groups = MentionGroups(count: keys.count) { keys[$0] }
    let dictionary = Dictionary(grouping: keys.indices, by: { keys[$0] })
    for key in -1...10 {
      #expect(Array(groups[key]) == dictionary[key] ?? [], "key \(key) of \(keys)")
    }
  }

  /// The same for many random keys (a fixed seed, so a failure repeats).
  @Test func groupsRandomKeysAsDictionaryGroupingDoes() {
    var generator = SplitMix64(seed: 9)
    for length in [1, 10, 100, 1_000] {
      let keys = (0..<length).map { _ in Int.random(in: 0..<(length / 2 + 1), using: &generator) }
      for ordered in [keys, keys.sorted()] {
        let groups = MentionGroups(count: ordered.count) { ordered[$0] }
        let dictionary = Dictionary(grouping: ordered.indices, by: { ordered[$0] })
        for key in -1...(length / 2 + 2) { #expect(Array(groups[key]) == dictionary[key] ?? []) }
      }
    }
  }
}
