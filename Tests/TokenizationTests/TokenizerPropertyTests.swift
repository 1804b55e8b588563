import PropertyBased
import Testing
import Tokenization
import TolkCore
import TolkTesting

/// Properties of the paragraph segmenter and tokenizer on random Unicode text (x-sheep's
/// swift-property-based: 300 random strings per property, shrunk to a small one on failure, which
/// names the seed to rerun it with `.fixedSeed`).
@Suite struct TokenizerPropertyTests {
  /// Code points from every kind the tokenizer treats differently, with weights: ASCII, Latin letters
  /// with and without combining marks, every line and paragraph break and space, invisible format
  /// characters, punctuation and quotes, other scripts (Cyrillic, Greek, Arabic with RTL marks, CJK),
  /// emoji with skin tones, ZWJ and variation selectors, and anything at all from the whole range.
  static let kinds: [(weight: Int, scalars: [Unicode.Scalar])] = [
    (6, range(0x61...0x7A)), (2, range(0x41...0x5A)), (3, range(0x20...0x40)),
    (2, Array("\t\n\r\u{0B}\u{0C}\u{85}\u{A0}\u{2028}\u{2029}\u{3000}\u{2009}".unicodeScalars)),
    (2, range(0xC0...0x24F)), (2, range(0x300...0x36F)), (1, range(0x2000...0x206F)),
    (1, Array("«»“”„\"'‘’–—-.!?…:;,()[]/@#".unicodeScalars)), (1, range(0x400...0x4FF)), (1, range(0x370...0x3FF)),
    (1, range(0x600...0x6FF)), (1, range(0x4E00...0x4FFF)), (1, range(0x1F300...0x1FAFF)),
    (1, Array("\u{1F3FB}\u{1F3FF}\u{200D}\u{FE0F}\u{200B}\u{FEFF}\u{200E}\u{202E}\u{AD}".unicodeScalars)),
    (1, range(0x1...0x10FFFF)),
  ]
  static let totalWeight = kinds.reduce(0) { $0 + $1.weight }

  static func range(_ values: ClosedRange<UInt32>) -> [Unicode.Scalar] { values.compactMap(Unicode.Scalar.init) }

  /// The code point a random number picks: a kind by weight, then one of its code points.
  static func scalar(_ number: Int) -> Unicode.Scalar {
    var pick = number % totalWeight
    for kind in kinds {
      if pick < kind.weight { return kind.scalars[(number / totalWeight) % kind.scalars.count] }
      pick -= kind.weight
    }
    return " "
  }

  /// Random text of up to 120 code points (shrinking works on the numbers, so a failure shrinks to
  /// a short text).
  static let text = Gen.int(in: 0...Int(Int32.max)).array(of: 0...120).map { numbers in
    var text = ""
    text.unicodeScalars.append(contentsOf: numbers.map(scalar))
    return text
  }

  static func tokenized(_ text: String) throws -> Document {
    let lexicons = try #require(Fixtures.lexicons)
    var document = Document(id: "property", text: text)
    document = try checkInvariants(of: ParagraphSegmenter(boilerplate: lexicons.boilerplate), on: document)
    return try checkInvariants(of: Tokenizer(abbreviations: lexicons.abbreviations), on: document)
  }

  /// Whether a code point may stand outside every token: white space and invisible characters.
  static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint
  }

  /// Whether a code point may end a token: anything but white space and invisible characters, except
  /// variation selectors and emoji tags, which belong to the character before them ("❤️").
  static func mayEndToken(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0xE0020...0xE007F: true
    default: !isBlank(scalar)
    }
  }

  @Test func tokensAndSentencesCoverTheTextInOrder() async {
    await propertyCheck(count: 300, input: Self.text) { text in
      let document: Document
      do { document = try Self.tokenized(text) } catch {
        Issue.record("\(error) on \(text.debugDescription)")
        return
      }
      let scalars = Array(text.unicodeScalars)
      // Sentences and tokens: in order, not overlapping, in bounds (checkInvariants), and between
      // them every code point that is not blank is inside a token, and every token in a sentence.
      var inToken = [Bool](repeating: false, count: scalars.count)
      var inSentence = [Bool](repeating: false, count: scalars.count)
      for token in document.tokens { for index in token.range { inToken[index] = true } }
      for sentence in document.sentences { for index in sentence.range { inSentence[index] = true } }
      for (index, scalar) in scalars.enumerated() where !Self.isBlank(scalar) {
        #expect(
          inToken[index], "U+\(String(scalar.value, radix: 16)) at \(index) is in no token: \(text.debugDescription)")
        #expect(inSentence[index], "U+\(String(scalar.value, radix: 16)) at \(index) is in no sentence")
      }
      // A token neither starts nor ends on a blank, and sentence ends are token ends.
      for token in document.tokens {
        #expect(!Self.isBlank(scalars[token.start]), "token \(token.range) starts blank: \(text.debugDescription)")
        #expect(Self.mayEndToken(scalars[token.end - 1]), "token \(token.range) ends blank: \(text.debugDescription)")
      }
      // No token crosses a sentence boundary (checkInvariants), and what a sentence holds outside its
      // tokens is blank (a stray variation selector after a space may stay in the sentence).
      for (index, sentence) in document.sentences.enumerated() {
        var inside = [Bool](repeating: false, count: sentence.range.count)
        for token in document.tokens where token.sentence == index {
          for position in token.range { inside[position - sentence.start] = true }
        }
        for position in sentence.range where !inside[position - sentence.start] {
          #expect(Self.isBlank(scalars[position]), "sentence \(index) has \(position) outside its tokens")
        }
      }
    }
  }

  @Test func offsetsSliceTheTextAndNormsAreNFC() async {
    let normalizer = Normalizer()
    await propertyCheck(count: 300, input: Self.text) { text in
      guard let document = try? Self.tokenized(text) else {
        Issue.record("tokenizing failed on \(text.debugDescription)")
        return
      }
      for token in document.tokens {
        // The span is what Python's text[start:end] returns; the norm is in NFC, and folding is
        // idempotent.
        let surface = document.slice(token.range)
        #expect(surface.unicodeScalars.count == token.range.count)
        guard let again = try? normalizer.nfc(token.norm), let refold = try? normalizer.fold(token.fold) else {
          Issue.record("normalizing failed on \(surface.debugDescription)")
          continue
        }
        #expect(again == token.norm, "norm \(token.norm.debugDescription) is not NFC")
        #expect(refold == token.fold, "fold \(token.fold.debugDescription) folds again to \(refold.debugDescription)")
        #expect(token.norm.isEmpty == false)
      }
    }
  }

  @Test func nfcTextGivesTheSameTokens() async {
    let normalizer = Normalizer()
    await propertyCheck(count: 300, input: Self.text) { text in
      guard let composed = try? normalizer.nfc(text), let original = try? Self.tokenized(text),
        let normalized = try? Self.tokenized(composed)
      else {
        Issue.record("tokenizing failed on \(text.debugDescription)")
        return
      }
      // The same words whether the text came composed or decomposed: each token of the NFC text is
      // the NFC of the original's token. (Not the norms: NFKC case folding is not closed under
      // canonical reordering when it turns a combining mark into a letter, U+0345 → ι.)
      let surfaces = original.tokens.map { try? normalizer.nfc(original.slice($0.range)) }
      #expect(surfaces == normalized.tokens.map { normalized.slice($0.range) }, "\(text.debugDescription)")
      #expect(original.sentences.count == normalized.sentences.count, "\(text.debugDescription)")
    }
  }
}
