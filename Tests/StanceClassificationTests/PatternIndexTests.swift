import Testing

@testable import StanceClassification

@Suite struct PatternIndexTests {
  /// The quick way to a word's first three characters agrees with `prefix(3)`, also where bytes and
  /// characters differ: accents (precomposed and combining), CR LF, emoji, short words.
  @Test(arguments: [
    "", "a", "ab", "abc", "abcd", "verdens", "støtte", "ste\u{301}", "stø", "abc\u{301}", "ab\r\nc", "a\r\n",
    "abc\r\n", "ab\u{1F1F3}\u{1F1F4}", "\u{1F44D}\u{1F3FD}xyz", "ÅÅÅÅ", "x\u{200D}y",
  ])
  func firstThreeCharactersAreThePrefix(_ word: String) {
    let quick = PatternIndex.Vocabulary.firstThreeCharacters(of: word)
    #expect(quick == word.prefix(3))
    #expect(quick.unicodeScalars.elementsEqual(word.prefix(3).unicodeScalars))
  }
}
