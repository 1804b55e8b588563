import Foundation
import Testing
import TolkCore
import TolkTesting

@testable import LanguageIdentification

/// The sentence stage scores a sentence from the document's running totals only when that gives
/// exactly what scoring the sentence's text gives.
@Suite struct WordTotalsTests {
  /// Texts with words of every kind the features know: ASCII, Latin-1 letters, a combining mark,
  /// another script, digits and punctuation between words, and letters at both ends.
  static let texts = [
    "Eg veit ikkje. Kva meiner han?",
    "Samtalene i Oslo (2019) fortsatte–tirsdag, sa Guaidó.",
    "e\u{301}n ÆØÅ-sak: «Noreg» 12a b3c",
    "Москва and Oslo.",
    "",
    "!!! 2019",
  ]

  /// Every span of every text: the totals give nil exactly when the span begins or ends inside a word
  /// (letters on both sides of the boundary), and otherwise the same logits and counts as scoring the
  /// span's text.
  @Test func everySpanOfWholeWordsScoresAsItsText() throws {
    let model = try #require(Fixtures.languageModel)
    for text in Self.texts {
      let scalars = Array(text.unicodeScalars)
      let (logits, counts, kept) = model.logitsKeepingWords(of: Substring(text).unicodeScalars)
      let totals = try #require(kept)
      #expect(logits == model.logits(of: Substring(text).unicodeScalars).logits)
      #expect(counts.words == totals.wordCount)
      func isLetter(_ index: Int) -> Bool {
        scalars.indices.contains(index) && LanguageFeatures.letterValue(scalars[index]) != nil
      }
      func splits(_ offset: Int) -> Bool { isLetter(offset - 1) && isLetter(offset) }
      var scored = 0
      for start in 0...scalars.count {
        for end in start...scalars.count {
          var hint = 0
          let result = totals.logits(from: start, to: end, model: model, hint: &hint)
          #expect((result == nil) == (splits(start) || splits(end)), "\(text) \(start)..<\(end)")
          // The hint only speeds the search up: from every word (and past the last), the same answer.
          for other in 0...(totals.wordCount + 1) {
            var otherHint = other
            let hinted = totals.logits(from: start, to: end, model: model, hint: &otherHint)
            #expect(hinted?.logits == result?.logits && hinted?.counts.words == result?.counts.words)
            if result != nil { #expect(otherHint == hint) }
          }
          guard let result else { continue }
          var span = String.UnicodeScalarView()
          span.append(contentsOf: scalars[start..<end])
          let direct = model.logits(of: Substring(String(span)).unicodeScalars)
          #expect(result.logits == direct.logits, "\(text) \(start)..<\(end)")
          #expect(result.counts.words == direct.counts.words)
          #expect(result.counts.letters == direct.counts.letters)
          #expect(result.counts.latinLetters == direct.counts.latinLetters)
          scored += 1
        }
      }
      #expect(scored > scalars.count)
    }
  }

  /// Totals made with one model are not read with another, even one loaded from the same file.
  @Test func totalsBelongToTheirModel() throws {
    let model = try #require(Fixtures.languageModel)
    let url = Repository.root.appendingPathComponent("lexicons/langid/model.bin")
    let other = try LanguageModel(contentsOf: url)
    let totals = try #require(model.logitsKeepingWords(of: Substring("Eg veit ikkje.").unicodeScalars).totals)
    var hint = 0
    #expect(totals.logits(from: 0, to: 14, model: model, hint: &hint) != nil)
    #expect(totals.logits(from: 0, to: 14, model: other, hint: &hint) == nil)
  }

  /// The document pass leaves totals only when configured to, and answers the same either way.
  @Test func documentPassKeepsTotalsOnlyWhenAsked() throws {
    let model = try #require(Fixtures.languageModel)
    var keeping = LanguageIdentifier.Configuration()
    keeping.keepsWordTotals = true
    var plain = try Document.tokenized("Samtalene i Oslo fortsetter onsdag, ifølge NRK.")
    var kept = plain
    try LanguageIdentifier(model: model).annotate(&plain)
    try LanguageIdentifier(model: model, configuration: keeping).annotate(&kept)
    #expect(plain.languageWordTotals == nil)
    #expect(kept.languageWordTotals != nil)
    #expect(plain.language == kept.language)
    #expect(plain.languageConfidence == kept.languageConfidence)
    #expect(plain.languageHypotheses == kept.languageHypotheses)
  }

  /// A document annotated with the totals gets the same sentence languages as without them, also when
  /// sentence boundaries fall inside words.
  @Test func sentenceStageGivesTheSameAnswersWithAndWithoutTotals() throws {
    let model = try #require(Fixtures.languageModel)
    var configuration = LanguageIdentifier.Configuration()
    configuration.keepsWordTotals = true
    let identifier = LanguageIdentifier(model: model, configuration: configuration)
    let stage = SentenceLanguageIdentifier(identifier: identifier)
    let text =
      "Utenriksministeren kom til Oslo tirsdag. \"We will never accept an agreement imposed by the United States.\" "
      + "Samtalene fortsetter onsdag."
    var document = try Document.tokenized(text)
    try identifier.annotate(&document)
    #expect(document.languageWordTotals != nil)
    // The tokenizer's sentences, and the same text cut mid-word.
    let cuts = [
      document.sentences,
      [Sentence(start: 0, end: 10, paragraph: 0), Sentence(start: 10, end: text.unicodeScalars.count, paragraph: 0)],
    ]
    for sentences in cuts {
      var withTotals = document
      withTotals.sentences = sentences
      var without = withTotals
      without.languageWordTotals = nil
      try stage.annotate(&withTotals)
      try stage.annotate(&without)
      #expect(withTotals.languageWordTotals == nil)
      #expect(withTotals.sentenceLanguages == without.sentenceLanguages)
      #expect(withTotals.isMixed == without.isMixed)
    }
  }
}
