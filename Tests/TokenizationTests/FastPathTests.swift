import Testing
import TolkCore
import TolkTesting

@testable import Tokenization

/// The tokenizer's fast paths (ASCII, text without surrogate pairs, abbreviations looked up by their
/// bytes) give what the general paths give, on text that mixes what each path must hand over.
@Suite struct FastPathTests {
  /// Text with combining marks, ß, Turkish İ and ı, emoji with skin tones, ZWJ and variation
  /// selectors, CRLF, NEL, U+2028, NBSP, soft hyphen, zero-width space, BOM, direction marks, full-width
  /// letters and ligatures, next to plain ASCII.
  static let texts: [String] = [
    "Guaido\u{301} møtte Nicolás i Caracas.\r\nDr. Nylander, bl.a. U.S. officials.",
    "Straße İstanbul ıi ＦＮ ﬁnans\u{A0}NRK\u{AD}nyheter e\u{200B}f\u{FEFF}g \u{200E}Oslo\u{200F}",
    "👍🏽 👩‍👩‍👧 ❤️ 🇳🇴 a\u{200D}b \u{2028}line\u{85}next\u{2029}para\u{3000}wide",
    "plain ascii only: \"quotes\", (brackets) [x] {y} #tag @user 50% 3*4 a_b c-d e.f g/h ~ ^ ` | $ + < = >",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛 mixed with ascii. 한국어 中文, العربية",
    "",
  ]

  @Test(arguments: texts)
  func textBufferDecodesAsTheStandardLibraryDoes(_ text: String) {
    let buffer = TextBuffer(text, paragraphs: [])
    #expect(buffer.units == Array(text.utf16))
    let scalars = Array(text.unicodeScalars)
    #expect(buffer.scalarCount == scalars.count)
    #expect(buffer.unitsAreScalars == (text.utf16.count == scalars.count))
    #expect(scalars.indices.map { buffer.scalar(at: $0) } == scalars)
    #expect(TextBuffer.scalars(of: text) == scalars)
  }

  @Test func linesInsideParagraphsAreSpacesForSentenceBreak() {
    let text = "One line\r\nand the next\n\nA new paragraph\u{2028}goes on"
    let buffer = TextBuffer(
      text,
      paragraphs: [
        Paragraph(start: 0, end: 22, kind: .body, source: "test"),
        Paragraph(start: 24, end: 47, kind: .body, source: "test"),
      ])
    var expected = Array(text.utf16)
    for index in [8, 9, 39] { expected[index] = 0x20 }
    #expect(buffer.sentenceUnits == expected)
  }

  /// Words of ASCII and æ, ø, å, ä, ö in both cases (the Scandinavian fast path), and words that must
  /// leave it for ICU: other Latin-1 letters, combining marks, soft hyphen, ß, İ, ligatures, emoji.
  static let words: [String] = [
    "blåbærsyltetøy", "BLÅBÆRSYLTETØY", "Ærlig", "ØSTERDALEN", "Åse", "Bäckström", "GÖTEBORG", "æøåÆØÅäöÄÖ",
    "på-ÅR's", "A\u{30A}se", "e\u{301}", "Åsa-Émile", "Straße", "İstanbul", "ﬁnans", "NRK\u{AD}nyheter",
    "\u{212B}ngstrøm", "Ñandú", "ÿ", "Œuvre", "👍🏽", "a\u{200D}b", "ＦＮ", "x\u{A0}y", "plain", "",
  ]

  @Test(arguments: words)
  func normalizerFastPathsGiveICUsForms(_ word: String) throws {
    let normalizer = Normalizer()
    let units = Array(word.utf16)
    var scratch = [UInt8](repeating: 0, count: 16)
    try units.withUnsafeBufferPointer { units in
      let fast = try normalizer.normAndFold(utf16: units, scratch: &scratch)
      let icu = try normalizer.normAndFoldWithICU(utf16: units, scratch: &scratch)
      #expect(fast.norm == icu.norm && fast.fold == icu.fold)
      #expect(Array(fast.norm.utf8) == Array(icu.norm.utf8) && Array(fast.fold.utf8) == Array(icu.fold.utf8))
    }
  }

  @Test func scandinavianFastPathCoversExactlyItsLetters() throws {
    let normalizer = Normalizer()
    var scratch = [UInt8](repeating: 0, count: 16)
    for value in UInt16(0x80)...0x17F {
      let units = [0x61, value, 0x5A]
      try units.withUnsafeBufferPointer { units in
        guard let fast = Normalizer.scandinavianLowercased(units) else { return }
        #expect([0xC4, 0xC5, 0xC6, 0xD6, 0xD8, 0xE4, 0xE5, 0xE6, 0xF6, 0xF8].contains(value))
        let icu = try normalizer.normAndFoldWithICU(utf16: units, scratch: &scratch)
        #expect(Array(fast.utf8) == Array(icu.norm.utf8) && Array(fast.utf8) == Array(icu.fold.utf8), "\(value)")
      }
    }
  }

  @Test func asciiPunctuationIsTheScalarClassOfASCII() {
    for value in UInt16(0)..<0x80 {
      let scalar = Unicode.Scalar(UInt8(value))
      #expect(
        TextBuffer.isASCIIPunctuation(value) == (TextBuffer.scalarClass(scalar) == .punctuationLike),
        "\(value)")
      #expect(TextBuffer.scalarClass(scalar) != .emoji)
    }
  }

  @Test(arguments: ["U.S", "Mr", "mr", "DR", "bl.a", "f.eks", "etc", "Prof", "year", "a", "Calif", "no", "nr", "x"])
  func asciiAbbreviationLookupIsTheFoldedLookup(_ word: String) throws {
    let list = try #require(Fixtures.lexicons?.abbreviations)
    let folded = try Normalizer().fold(word + ".")
    let units = Array(word.utf16)
    for language in [Language.english, .bokmal, .nynorsk, .undetermined, Language(rawValue: "de")] {
      let fast = list.entry(
        forASCIIWord: units[...], withDot: true, language: language,
        shortEntries: list.shortASCIIEntries(for: language))
      #expect(fast == list.entry(forFolded: folded, language: language), "\(word) \(language)")
    }
  }

  @Test func asciiAbbreviationLookupMatchesEntriesByTheirNFCForm() {
    let entry = AbbreviationList.Entry(endsSentence: true, source: "test")
    // "e\u{301}x." is not ASCII; "a;." is written with GREEK QUESTION MARK, whose NFC form is ";".
    let list = AbbreviationList(entries: [.english: ["a\u{37E}.": entry, "longerform.": entry, "e\u{301}x.": entry]])
    let table = list.shortASCIIEntries(for: .english)
    #expect(
      list.entry(forASCIIWord: Array("a;".utf16)[...], withDot: true, language: .english, shortEntries: table) == entry)
    #expect(
      list.entry(forASCIIWord: Array("LongerForm".utf16)[...], withDot: true, language: .english, shortEntries: table)
        == entry)
    #expect(
      list.entry(forASCIIWord: Array("ex".utf16)[...], withDot: true, language: .english, shortEntries: table) == nil)
    #expect(
      list.entry(forASCIIWord: Array("longerforms".utf16)[...], withDot: true, language: .english, shortEntries: table)
        == nil)
  }
}
