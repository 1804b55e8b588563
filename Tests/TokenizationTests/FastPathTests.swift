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
