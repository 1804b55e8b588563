import Foundation
import Testing
import TolkTesting

@testable import EntityTagging

@Suite struct WordClustersTests {
  /// Looking a word up by the hash the entity model has of it finds exactly what looking it up by
  /// the string finds: every word of the committed clusters, and words that are not there (ASCII,
  /// accented, and an NFD spelling of a listed NFC word, which string equality matches).
  @Test func lookupByHashAgreesWithTheDictionary() throws {
    let clusters = try WordClusters(contentsOf: Repository.lexicons.appendingPathComponent("ner/clusters.tsv"))
    #expect(clusters.paths.count > 1_000)
    var words = Array(clusters.paths.keys)
    words += ["qqqzzz", "Venezuelaxyz", "blåbærsyltetøyet", "", "e\u{301}", "\u{1F600}"]
    words += clusters.paths.keys.filter { $0.unicodeScalars.contains { $0.value > 0x7F } }.prefix(20)
      .map { $0.decomposedStringWithCanonicalMapping }
    for word in words {
      let hash = EntityModelFeatures.wordHash(word.unicodeScalars.lazy.map { $0.value })
      let byHash = clusters.features(of: word, hash: hash)
      let byString = clusters.features(of: word)
      #expect((byHash == nil) == (byString == nil), "\(word)")
      if let byHash, let byString { #expect(byHash == byString, "\(word)") }
    }
  }

  /// Words listed in a spelling other than NFC (a decomposed "å", the Kelvin sign) are found by their
  /// NFC spelling, by hash as by string.
  @Test func findsWordsListedInAnotherSpelling() {
    let clusters = WordClusters(paths: ["bla\u{30A}bær": "0101", "\u{212A}elvin": "1100", "oslo": "0011"])
    for word in ["blåbær", "Kelvin", "oslo", "bergen", "blåbær\u{301}"] {
      let hash = EntityModelFeatures.wordHash(word.unicodeScalars.lazy.map { $0.value })
      let byHash = clusters.features(of: word, hash: hash)
      let byString = clusters.features(of: word)
      #expect((byHash == nil) == (byString == nil), "\(word)")
      if let byHash, let byString { #expect(byHash == byString, "\(word)") }
    }
    let hash = EntityModelFeatures.wordHash("blåbær".unicodeScalars.lazy.map { $0.value })
    #expect(clusters.features(of: "blåbær", hash: hash) != nil)
  }
}
