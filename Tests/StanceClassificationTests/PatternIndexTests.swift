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

  static let patterns = [
    "the regime", "ikkje ... <T>", "støtt* <T>", "ver* til", "på vegne av", "guaidó", "«", "\u{212A}elvin",
    "gu\u{61}\u{301}r*", "ab\u{301}c*", "<T> said",
  ]

  /// A fold's key, found in one pass over its bytes where that is possible, is the key its word and
  /// prefix lookups give: words and prefixes, their canonical equivalents, words with CR, combining
  /// marks, emoji, words of up to three characters.
  @Test(arguments: [
    "the", "thee", "th", "t", "", "ikkje", "ikke", "støtter", "sto\u{308}tter", "støtte", "verdens", "ver", "ve",
    "verden\r\n", "ver\r\n", "v\r\ner", "på", "pa\u{30A}", "guaidó", "guaido\u{301}", "guaido", "«", "»", "kelvin",
    "Kelvin", "\u{212A}elvin", "guárdia", "gu\u{E1}r", "gua\u{301}rdia", "ab\u{301}cd", "\u{E1}bcd", "abcd",
    "x\u{200D}y", "\u{1F44D}\u{1F3FD}", "regime", "the\u{301}",
  ])
  func quickKeyIsTheLookedUpKey(_ fold: String) throws {
    let vocabulary = PatternIndex.Vocabulary(patterns: try Self.patterns.map { try StancePattern(parsing: $0) })
    let looked = PatternIndex.Vocabulary.Key(
      word: vocabulary.word(fold) ?? -1, prefix: vocabulary.prefix(of: fold) ?? -1)
    #expect(vocabulary.key(fold) == looked)
  }
}
