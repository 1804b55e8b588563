import Testing

@testable import StanceClassification

@Suite struct FoldTableTests {
  /// Members written precomposed, decomposed and with the Kelvin sign, ASCII and not.
  static let members: [String: Int32] = [
    "the": 0, "ikkje": 1, "støtte": 2, "guaidó": 3, "gu\u{61}\u{301}r": 4, "\u{212A}elvin": 5, "på": 6, "«": 7,
    "ver": 8, "": 9,
  ]

  /// The table answers as the dictionary does, for members, their canonical equivalents (NFC and NFD,
  /// the Kelvin sign and K), their prefixes and extensions, and other words, as strings and substrings.
  @Test(arguments: [
    "the", "The", "th", "thee", "ikkje", "ikke", "støtte", "sto\u{308}tte", "støtt", "guaidó", "guaido\u{301}",
    "guaido", "gur", "gu\u{E1}r", "gu\u{61}\u{301}r", "\u{212A}elvin", "Kelvin", "kelvin", "på", "pa\u{30A}", "pa",
    "«", "»", "ver", "verdens", "", "\u{301}", "x\u{200D}y", "\u{1F44D}\u{1F3FD}",
  ])
  func answersAsTheDictionary(_ word: String) {
    let table = FoldTable(Self.members)
    #expect(table.value(for: word) == Self.members[word])
    let padded = "<" + word + ">"
    let inner = padded.dropFirst().dropLast()
    #expect(table.value(for: inner) == Self.members[String(inner)])
    #expect(table.contains(word) == (Self.members[word] != nil))
  }

  /// Numbering gives each member its position.
  @Test func numbersMembersByPosition() {
    let table = FoldTable(numbering: ["he", "she", "han"])
    #expect(["he", "she", "han", "hun", "h", ""].map { table.value(for: $0) } == [0, 1, 2, nil, nil, nil])
  }
}
