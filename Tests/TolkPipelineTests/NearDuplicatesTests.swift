import Foundation
import Testing
import TolkTesting

@testable import TolkPipeline

@Suite struct NearDuplicatesTests {
  static func seed(_ name: String) throws -> String { try Repository.text("seeds/\(name).txt") }
  static var norwegian: String { get throws { try seed("002_fe690893039d8ce3") } }
  static var english: String { get throws { try seed("000_db61c14585fe4d18") } }

  /// The Norwegian seed as another paper would reprint it: another title, the last four paragraphs
  /// cut, a credit line added.
  static func reprint(of text: String) -> String {
    let paragraphs = text.components(separatedBy: "\n\n")
    return (["Norge leder samtaler om Venezuela"] + paragraphs[1..<(paragraphs.count - 4)] + ["(NTB)"])
      .joined(separator: "\n\n")
  }

  @Test func skeletonIsLowerCaseConsonantsWithoutDiacritics() {
    let skeleton = NearDuplicates.skeleton(of: "Samtalene i OSLO, «hemmelig» – Guaidó å 2019!")
    #expect(String(String.UnicodeScalarView(skeleton.compactMap(Unicode.Scalar.init))) == "smtln i sl hmmlg gd a 2019")
  }

  @Test func skeletonIsTheSameForComposedAndDecomposedText() {
    #expect(
      NearDuplicates.skeleton(of: "Guaid\u{F3} p\u{E5}") == NearDuplicates.skeleton(of: "Guaido\u{301} pa\u{30A}"))
  }

  @Test func estimateIsCloseToTheExactJaccardSimilarity() throws {
    let detector = NearDuplicates()
    let first = try Self.norwegian
    let second = try Repository.text("Tests/Fixtures/coverage/nynorsk-version.txt")
    func shingles(_ text: String) -> Set<[UInt32]> {
      let skeleton = NearDuplicates.skeleton(of: text)
      return Set((0...(skeleton.count - 5)).map { Array(skeleton[$0..<($0 + 5)]) })
    }
    let (a, b) = (shingles(first), shingles(second))
    let exact = Double(a.intersection(b).count) / Double(a.union(b).count)
    let estimate = try #require(detector.similarity(first, second))
    #expect(abs(estimate - exact) < 0.1, "estimate \(estimate), exact \(exact)")
    #expect(exact > 0.4)
  }

  @Test func findsAReprintOfAStory() throws {
    var detector = NearDuplicates()
    #expect(detector.add(try Self.norwegian) == .newStory(0))
    guard case .copy(story: 0, let similarity) = detector.add(Self.reprint(of: try Self.norwegian)) else {
      Issue.record("the reprint is not a copy of story 0")
      return
    }
    #expect(similarity > 0.6)
  }

  @Test func findsTheNynorskVersionOfABokmalStory() throws {
    var detector = NearDuplicates()
    #expect(detector.add(try Self.norwegian) == .newStory(0))
    let nynorsk = try Repository.text("Tests/Fixtures/coverage/nynorsk-version.txt")
    guard case .copy(story: 0, _) = detector.add(nynorsk) else {
      Issue.record("the Nynorsk version is not a copy of the Bokmål story")
      return
    }
  }

  @Test func keepsDifferentStoriesApartEvenWithTheSameNames() throws {
    var detector = NearDuplicates()
    #expect(detector.add(try Self.norwegian) == .newStory(0))
    #expect(detector.add(try Self.english) == .newStory(1))
    #expect(detector.add(try Repository.text("Tests/Fixtures/coverage/other-story-nb.txt")) == .newStory(2))
    #expect(detector.storyCount == 3)
    let similarity = try #require(
      detector.similarity(try Self.norwegian, try Repository.text("Tests/Fixtures/coverage/other-story-nb.txt")))
    #expect(similarity < 0.25)
  }

  @Test func comparesCopiesWithTheFirstArticleOfTheirStory() throws {
    var detector = NearDuplicates()
    let text = try Self.english
    #expect(detector.add(text) == .newStory(0))
    #expect(detector.add(text) == .copy(story: 0, similarity: 1))
    #expect(detector.add("Something else entirely, about whales in the fjord.") == .newStory(1))
    #expect(detector.add(text) == .copy(story: 0, similarity: 1))
    #expect(detector.storyCount == 2)
  }

  @Test func textWithoutLettersOrDigitsIsNoStory() {
    var detector = NearDuplicates()
    #expect(detector.add(" … — !? ") == .noText)
    #expect(detector.storyCount == 0)
  }

  @Test func aHigherThresholdSeparatesTheNynorskVersion() throws {
    var configuration = NearDuplicates.Configuration()
    configuration.threshold = 0.9
    var detector = NearDuplicates(configuration: configuration)
    #expect(detector.add(try Self.norwegian) == .newStory(0))
    #expect(detector.add(try Repository.text("Tests/Fixtures/coverage/nynorsk-version.txt")) == .newStory(1))
  }
}

@Suite struct FrequentItemsTests {
  @Test func countsExactlyUpToItsCapacity() {
    var items = FrequentItems<String>(capacity: 3)
    for item in ["a", "b", "a", "c", "a", "b"] { items.add(item) }
    #expect(items.counts == ["a": 3, "b": 2, "c": 1])
    #expect(items.isExact)
  }

  @Test func keepsFrequentItemsWhenFullAndSaysCountsAreLowerBounds() {
    var items = FrequentItems<String>(capacity: 2)
    for item in ["a", "a", "a", "b", "c", "d", "a", "e"] { items.add(item) }
    #expect(!items.isExact)
    let a = items.counts["a"] ?? 0
    // True count 4; Misra–Gries undercounts by at most total / (capacity + 1) = 8 / 3.
    #expect(a <= 4 && a >= 4 - 8 / 3)
    #expect(items.counts.count <= 2)
  }
}
