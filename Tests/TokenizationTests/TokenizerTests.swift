import Testing
import Tokenization
import TolkCore
import TolkTesting

@Suite struct TokenizerTests {
  struct Example: Sendable, CustomTestStringConvertible {
    var text: String
    var language: Language = .undetermined
    /// Every token's surface, in order (punctuation included).
    var tokens: [String]
    var testDescription: String { text }
  }

  static let examples: [Example] = [
    Example(
      text: "Dag Nylander leder samtalene i Oslo.", language: .bokmal,
      tokens: ["Dag", "Nylander", "leder", "samtalene", "i", "Oslo", "."]),
    // Abbreviations keep their dot; the sentence does not end after them.
    Example(
      text: "Han møtte bl.a. Guaidó, f.eks. i Caracas.", language: .bokmal,
      tokens: ["Han", "møtte", "bl.a.", "Guaidó", ",", "f.eks.", "i", "Caracas", "."]),
    Example(
      text: "Mr. Arreaza met U.S. officials.", language: .english,
      tokens: ["Mr.", "Arreaza", "met", "U.S.", "officials", "."]),
    // English clitics are their own tokens, as in Universal Dependencies.
    Example(
      text: "Venezuela's crisis didn't end.", language: .english,
      tokens: ["Venezuela", "'s", "crisis", "did", "n't", "end", "."]),
    Example(text: "Venezuelas president", language: .bokmal, tokens: ["Venezuelas", "president"]),
    // Norwegian ordinals keep their dot before a lower-case word.
    Example(
      text: "Møtet var 17. mai i fjor.", language: .bokmal, tokens: ["Møtet", "var", "17.", "mai", "i", "fjor", "."]),
    // Hyphenated compounds are one token; numbers joined by a dash are not.
    Example(
      text: "FARC-geriljaen og Oslo-samtalene i 2017–2018", language: .bokmal,
      tokens: ["FARC-geriljaen", "og", "Oslo-samtalene", "i", "2017", "–", "2018"]),
    Example(text: "the US-backed opposition", language: .english, tokens: ["the", "US-backed", "opposition"]),
    // URLs and e-mail addresses are one token; the full stop after them is not part of them.
    Example(
      text: "Se https://www.nrk.no/urix/venezuela-1.14567 og skriv til tips@nrk.no.",
      tokens: ["Se", "https://www.nrk.no/urix/venezuela-1.14567", "og", "skriv", "til", "tips@nrk.no", "."]),
    // Runs of end punctuation and repeated marks, emoticons, dates and times are one token each.
    Example(
      text: "Really?! Wait... -- great :-) on 08/16/2000 at 10:30",
      tokens: ["Really", "?!", "Wait", "...", "--", "great", ":-)", "on", "08/16/2000", "at", "10:30"]),
    // A clitic written apart from its host, as treebank and web text do, is one token.
    Example(text: "Here 's why I 've left", language: .english, tokens: ["Here", "'s", "why", "I", "'ve", "left"]),
    // Quotes, guillemets, dashes.
    Example(
      text: "Han kaller det en «stor feil».", language: .bokmal,
      tokens: ["Han", "kaller", "det", "en", "«", "stor", "feil", "»", "."]),
  ]

  @Test(arguments: examples)
  func splitsIntoTokens(_ example: Example) throws {
    let document = try Document.tokenized(example.text, language: example.language)
    #expect(document.tokenTexts == example.tokens)
  }

  @Test func recordsOffsetsInScalarsWithNFDEmojiAndCombiningMarks() throws {
    // NFD "ó" (2 scalars), a family emoji joined by ZWJ with a skin tone, a letter with 3 marks, CRLF.
    let text = "Guaido\u{301} sa:\r\n👍🏽 og 👨‍👩‍👧 for Z\u{301}\u{302}\u{303}e og på\r\n"
    let document = try Document.tokenized(text)
    #expect(
      document.tokenTexts == ["Guaido\u{301}", "sa", ":", "👍🏽", "og", "👨‍👩‍👧", "for", "Z\u{301}\u{302}\u{303}e", "og", "på"])
    let first = try #require(document.tokens.first)
    #expect(first.start == 0 && first.end == 7 && first.norm == "guaidó" && first.fold == "guaido")
    #expect(document.tokens[3].kind == .emoji && document.tokens[3].start == 13 && document.tokens[3].end == 15)
    #expect(document.tokens[5].kind == .emoji && document.tokens[5].end - document.tokens[5].start == 5)
    #expect(document.tokens[2].kind == .punct)
    #expect(document.tokens.last?.fold == "på")
  }

  @Test func compoundsKnowTheirParts() throws {
    let document = try Document.tokenized("mellom FARC-geriljaen og Colombia", language: .bokmal)
    let compound = document.tokens[1]
    #expect(document.slice(compound.range) == "FARC-geriljaen")
    #expect(compound.parts.map { document.slice($0) } == ["FARC", "geriljaen"])
    #expect(compound.kind == .word && compound.fold == "farc-geriljaen")
  }

  @Test func classifiesTokenKinds() throws {
    let document = try Document.tokenized("Inflasjonen var 130 060 % i 2018 ❤️ $ 5,5.")
    let kinds = Dictionary(uniqueKeysWithValues: zip(document.tokenTexts, document.tokens.map(\.kind)))
    #expect(kinds["Inflasjonen"] == .word)
    #expect(kinds["2018"] == .number)
    #expect(kinds["5,5"] == .number)
    #expect(kinds["%"] == .punct)
    #expect(kinds["$"] == .symbol)
    #expect(kinds["❤️"] == .emoji)
  }

  struct SentenceExample: Sendable, CustomTestStringConvertible {
    var text: String
    var language: Language = .undetermined
    var sentences: [String]
    var testDescription: String { text }
  }

  static let sentenceExamples: [SentenceExample] = [
    SentenceExample(
      text: "Dr. Nylander kom. Han leder bl.a. samtalene.", language: .bokmal,
      sentences: ["Dr. Nylander kom.", "Han leder bl.a. samtalene."]),
    SentenceExample(
      text: "Talks resumed in the U.S. capital. Then they stopped.", language: .english,
      sentences: ["Talks resumed in the U.S. capital.", "Then they stopped."]),
    SentenceExample(
      text: "They met the U.S. State Department. Then the U.S. The talks resumed.", language: .english,
      sentences: ["They met the U.S. State Department.", "Then the U.S.", "The talks resumed."]),
    SentenceExample(
      text: "\"What would happen?\" said Guaido. He left.", language: .english,
      sentences: ["\"What would happen?\" said Guaido.", "He left."]),
    SentenceExample(
      text: "«Hva nå?» spurte han. – Vi venter, sier Nylander.", language: .bokmal,
      sentences: ["«Hva nå?» spurte han.", "– Vi venter, sier Nylander."]),
    SentenceExample(
      text: "– Hva må du trene på da? spør pappa. Han svarer ikke.", language: .bokmal,
      sentences: ["– Hva må du trene på da? spør pappa.", "Han svarer ikke."]),
    SentenceExample(
      text: "Det ble rene ord: Han var et rovdyr.", language: .bokmal,
      sentences: ["Det ble rene ord:", "Han var et rovdyr."]),
    // A hard-wrapped paragraph is one sentence; a blank line ends the paragraph and the sentence.
    SentenceExample(
      text: "Samtalene foregår på et hemmelig\nsted i Oslo.\n\nKjent fredsmekler leder samtalene\n\nDet skjer nå.",
      language: .bokmal,
      sentences: [
        "Samtalene foregår på et hemmelig\nsted i Oslo.", "Kjent fredsmekler leder samtalene", "Det skjer nå.",
      ]),
  ]

  @Test(arguments: sentenceExamples)
  func splitsIntoSentences(_ example: SentenceExample) throws {
    let document = try Document.tokenized(example.text, language: example.language)
    #expect(document.sentenceTexts == example.sentences)
  }

  /// One paragraph of 5,000 lines of dialogue: the quotation and ellipsis rules, which once cost a pass
  /// over all of the paragraph's breaks each, still decide every sentence.
  @Test func splitsALongParagraphOfDialogue() throws {
    let line = "«Hva nå?» spør han. – Vi venter… sier hun. "
    let document = try Document.tokenized(String(repeating: line, count: 5_000), language: .bokmal)
    #expect(document.paragraphs.count == 1)
    let expected = repeatElement(["«Hva nå?» spør han.", "– Vi venter… sier hun."], count: 5_000).joined()
    #expect(document.sentenceTexts == Array(expected))
  }

  @Test(arguments: [
    "Norwegian delegation arrives in Venezuela.\r\n\r\nArreaza said Thursday that talks are possible.",
    "Nicola\u{301}s Maduro og Juan Guaido\u{301} møttes i Oslo. 👨‍👩‍👧 Z\u{301}\u{302}\u{303}!",
    "   \n\n  leading blank lines, trailing spaces   \n\n",
    "one\u{2028}line separator\u{2029}paragraph separator\u{85}next line",
    "\u{200B}\u{FEFF}zero width\u{200D} joiners",
  ])
  func keepsInvariants(_ text: String) throws {
    guard let lexicons = Fixtures.lexicons else { throw TestSetupError("lexicons missing") }
    var document = Document(id: "x", text: text)
    try ParagraphSegmenter(boilerplate: lexicons.boilerplate).annotate(&document)
    try checkInvariants(of: Tokenizer(abbreviations: lexicons.abbreviations), on: document)
  }
}
