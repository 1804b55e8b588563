import Foundation
import LanguageIdentification
import Testing
import TolkCore
import TolkPipeline
import TolkTesting

@testable import StanceClassification

@Suite struct StanceAnalysisTests {
  /// Where the analysis says no pattern of an index can start, the index has no candidates, with the
  /// token's mention slots or without: for every token of en, nb and nn articles with targets, holders,
  /// compounds, quotations and role phrases, and each of the four indexes.
  @Test(arguments: [
    (
      "Norway's foreign minister said on Tuesday that the talks in Barbados were «a step forward». "
        + "Guaidó criticised the Maduro regime, and the opposition-led parliament rejected the election.",
      Language.english
    ),
    (
      "Venezuelas president sier at Oslo-samtalene er viktige. – Vi støtter dialogen, sier Ledezma. "
        + "Regjeringa kritiserte ikke opposisjonen, ifølge NRK.",
      Language.bokmal
    ),
    ("Utanriksministeren seier at regjeringa støttar samtalane i Noreg.", Language.nynorsk),
  ])
  func skipsOnlyTokensWithoutCandidates(_ text: String, _ language: Language) throws {
    let lexicons = try #require(Fixtures.lexicons)
    var document = Document(id: "test", text: text, language: language)
    var languages = LanguageIdentifier.Configuration()
    languages.languages = [language]
    try Pipeline(lexicons: lexicons, languages: languages).annotate(&document)
    let analysis = StanceAnalysis(document: document, lexicon: lexicons.stance)
    let indexes = lexicons.stance.indexes(for: analysis.language)
    var skipped = 0
    var asked = 0
    for index in [indexes.cues, indexes.reportingIndex, indexes.termIndex, indexes.roleIndex] {
      for token in document.tokens.indices {
        guard !analysis.mayStartPattern(of: index, at: token) else {
          asked += 1
          continue
        }
        skipped += 1
        let keys = analysis.keys(at: token)
        #expect(index.candidates(keys: keys, slots: analysis.slots[token]).isEmpty, "\(token)")
        #expect(index.candidates(keys: keys).isEmpty, "\(token)")
      }
    }
    #expect(skipped > 0 && asked > 0)
  }
}
