import Testing
import Tokenization

@Suite struct NormalizerTests {
  struct Example: Sendable, CustomTestStringConvertible {
    var input: String
    var norm: String
    var fold: String
    var testDescription: String { input }
  }

  static let examples: [Example] = [
    Example(input: "Guaidó", norm: "guaidó", fold: "guaido"),
    Example(input: "Nicolás", norm: "nicolás", fold: "nicolas"),
    Example(input: "GUAIDÓS", norm: "guaidós", fold: "guaidos"),
    // æ, ø, å, ä, ö are letters in Scandinavian languages, not accented letters.
    Example(input: "på", norm: "på", fold: "på"),
    Example(input: "PÅ", norm: "på", fold: "på"),
    Example(input: "Ærlig", norm: "ærlig", fold: "ærlig"),
    Example(input: "Østerdalen", norm: "østerdalen", fold: "østerdalen"),
    Example(input: "Bäckström", norm: "bäckström", fold: "bäckström"),
    Example(input: "Zürich", norm: "zürich", fold: "zurich"),
    Example(input: "Curaçao", norm: "curaçao", fold: "curacao"),
    // NFD input composes: "ó" as o + U+0301, "å" as a + U+030A.
    Example(input: "Guaido\u{301}", norm: "guaidó", fold: "guaido"),
    Example(input: "pa\u{30A}", norm: "på", fold: "på"),
    // Compatibility forms: full-width letters, ligatures; case folding of ß.
    Example(input: "ＦＮ", norm: "fn", fold: "fn"),
    Example(input: "ﬁnans", norm: "finans", fold: "finans"),
    Example(input: "Straße", norm: "strasse", fold: "strasse"),
    Example(input: "U.S.", norm: "u.s.", fold: "u.s."),
    // Words whose only letters beyond ASCII are æ, ø, å, ä, ö fold to their norm without decomposing
    // (a fast path); one other accent sends the whole word through decomposition.
    Example(input: "Blåbærsyltetøy", norm: "blåbærsyltetøy", fold: "blåbærsyltetøy"),
    Example(input: "ÅLESUND", norm: "ålesund", fold: "ålesund"),
    Example(input: "Göteborg", norm: "göteborg", fold: "göteborg"),
    Example(input: "Åsa-Émile", norm: "åsa-émile", fold: "åsa-emile"),
    Example(input: "Møller-Núñez", norm: "møller-núñez", fold: "møller-nunez"),
    Example(input: "A\u{30A}se", norm: "åse", fold: "åse"),
    Example(input: "u\u{308}ber", norm: "über", fold: "uber"),
  ]

  @Test(arguments: examples)
  func normalizesAndFolds(_ example: Example) throws {
    let normalizer = Normalizer()
    #expect(try normalizer.norm(example.input) == example.norm)
    #expect(try normalizer.fold(example.input) == example.fold)
    let both = try normalizer.normAndFold(example.input)
    #expect(both.norm == example.norm && both.fold == example.fold)
  }

  @Test func nfcIsIdempotentAndComposes() throws {
    let normalizer = Normalizer()
    let decomposed = "Nicola\u{301}s Maduro og Guaido\u{301}"
    let composed = try normalizer.nfc(decomposed)
    #expect(composed == "Nicolás Maduro og Guaidó")
    #expect(composed.unicodeScalars.count == decomposed.unicodeScalars.count - 2)
    #expect(try normalizer.nfc(composed) == composed)
  }
}
