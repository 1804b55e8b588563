import LanguageIdentification
import Testing
import TolkCore
import TolkTesting

@Suite struct SentenceLanguageIdentifierTests {
  func annotated(_ text: String) throws -> Document {
    let model = try #require(Fixtures.languageModel)
    var configuration = LanguageIdentifier.Configuration()
    configuration.keepsWordTotals = true
    let identifier = LanguageIdentifier(model: model, configuration: configuration)
    var document = try Document.tokenized(text)
    try identifier.annotate(&document)
    return try checkInvariants(of: SentenceLanguageIdentifier(identifier: identifier), on: document)
  }

  @Test func marksAQuotedEnglishPassageInANorwegianArticle() throws {
    let document = try annotated(
      """
      Utenriksministeren kom til Oslo tirsdag for å møte opposisjonen. Han sa at regjeringen ikke vil gi seg. \
      "We will never accept an agreement imposed by the United States or its allies." \
      Samtalene fortsetter onsdag, ifølge NRK.
      """)
    #expect(document.language == .bokmal)
    #expect(document.sentenceLanguages == [.bokmal, .bokmal, .english, .bokmal])
    #expect(document.isMixed)
  }

  @Test func keepsShortSentencesInTheDocumentsLanguage() throws {
    let document = try annotated("Dei møttest i Oslo. Nei. Forhandlingane held fram i morgon, seier diplomaten.")
    #expect(document.language == .nynorsk)
    #expect(document.sentenceLanguages == [.nynorsk, .nynorsk, .nynorsk])
    #expect(!document.isMixed)
  }

  @Test func givesSentencesWithoutLettersUnd() throws {
    let document = try annotated("Oslo-samtalene fortsetter i dag. 12:30 – 14:00. Partene møtes igjen.")
    #expect(document.sentenceLanguages.count == document.sentences.count)
    #expect(document.sentenceLanguages[1] == .undetermined)
  }
}
