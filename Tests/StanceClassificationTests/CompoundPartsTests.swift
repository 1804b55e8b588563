import Testing
import TolkCore
import TolkTesting

@testable import StanceClassification

@Suite struct CompoundPartsTests {
  /// Each token's parts are its fold split at hyphens when the tokenizer made it a compound, none
  /// otherwise: compounds first, last, next to each other and with æøå, a lone hyphen, plain words.
  @Test(arguments: [
    "FARC-geriljaen og Oslo-samtalene møttes i Barbados-runden.",
    "Maduro-regimet", "Kort - og godt, sa Guaidó-leiren til Noreg-FN-samtalane.", "No compounds here.", "",
  ])
  func partsAreTheFoldSplitAtHyphens(_ text: String) throws {
    let tokens = try Document.tokenized(text).tokens
    let parts = CompoundParts(tokens: tokens)
    for position in tokens.indices {
      let token = tokens[position]
      let expected = token.parts.count > 1 ? token.fold.split(separator: "-").map(String.init) : []
      #expect(Array(parts[position]) == expected)
    }
    #expect(parts.folds == tokens.indices.flatMap { parts[$0] })
  }
}
