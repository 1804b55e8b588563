import Testing
import Tokenization
import TolkCore
import TolkTesting

@Suite struct AbbreviationListTests {
  @Test func looksUpFoldedFormsPerLanguage() throws {
    let list = try #require(Fixtures.lexicons?.abbreviations)
    let bla = try #require(list.entry(forFolded: "bl.a.", language: .bokmal))
    #expect(!bla.endsSentence)
    #expect(bla.source.hasPrefix("lexicon:abbreviations/nb.tsv:"))
    #expect(list.entry(forFolded: "u.s.", language: .english) != nil)
    #expect(list.entry(forFolded: "bl.a.", language: .english) == nil)
    // und looks in every language.
    #expect(list.entry(forFolded: "bl.a.", language: .undetermined) != nil)
    #expect(list.entry(forFolded: "u.s.", language: .undetermined) != nil)
  }
}
