import Foundation
import Testing
import TolkCore
import TolkPipeline
import TolkTesting

/// Properties of the whole pipeline on random text: no crash, every layer's invariants, tokens cover
/// every non-blank character, and annotating twice gives the same document. The generator is seeded,
/// so a failure names the seed and the text that broke.
@Suite struct PipelinePropertyTests {
  /// Pieces random text is made of: words in the three languages, marks, emoji sequences, odd
  /// characters, and every kind of line break and space.
  static let pieces: [String] = [
    "Norge", "Noreg", "Guaidó", "Guaido\u{301}", "FARC-geriljaen", "Oslo-samtalene", "U.S.", "bl.a.", "f.eks.",
    "Venezuela's", "don't", "17.", "mai", "2017–2018", "10:30", "08/16/2000", "https://nrk.no/a?b=c", "post@nrk.no",
    "på", "æøå", "ÆØÅ", "straße", "ﬁ", "ＦＮ", "«", "»", "“", "”", "\"", "'", "–", "-", "...", "?!", ":-)", ".", ",", "?",
    "👍🏽", "👨‍👩‍👧", "🇳🇴", "❤️", "Z\u{301}\u{302}\u{303}", "\u{301}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{2028}",
    "\u{2029}", "\u{85}", "\u{0}", "\u{7}", "\u{AD}", "\u{202E}", "مرحبا", "Привет", "中文", "ελληνικά",
    " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\u{A0}",
  ]

  static func randomText(seed: UInt64) -> String {
    var generator = SplitMix64(seed: seed &+ 0x1234_5678)
    let length = Int(generator.next() % 60)
    var text = ""
    for _ in 0..<length {
      let piece = pieces[Int(generator.next() % UInt64(pieces.count))]
      text += piece
      if generator.next() % 3 == 0 { text += " " }
    }
    return text
  }

  @Test(arguments: 0..<1000)
  func keepsEveryInvariantOnRandomText(_ seed: Int) throws {
    let lexicons = try #require(Fixtures.lexicons)
    let pipeline = try Pipeline(lexicons: lexicons)
    let text = Self.randomText(seed: UInt64(seed))
    var document = Document(id: "p\(seed)", text: text)
    for annotator in pipeline.annotators {
      document = try checkInvariants(of: annotator, on: document)
    }
    // Tokens cover every character that is not white space or invisible, in order, without overlap.
    let scalars = Array(text.unicodeScalars)
    var covered = [Bool](repeating: false, count: scalars.count)
    for token in document.tokens {
      for index in token.range { covered[index] = true }
      #expect(token.norm == token.norm.precomposedStringWithCanonicalMapping, "norm is not NFC: \(token.norm)")
    }
    for (index, scalar) in scalars.enumerated() where !covered[index] {
      let blank = scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint
      #expect(
        blank, "seed \(seed): U+\(String(scalar.value, radix: 16)) at \(index) is in no token: \(text.debugDescription)"
      )
    }
    var again = Document(id: "p\(seed)", text: text)
    try pipeline.annotate(&again)
    #expect(again == document, "seed \(seed): a second run differs")
  }
}
