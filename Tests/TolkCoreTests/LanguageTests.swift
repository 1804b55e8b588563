import Testing
import TolkCore

@Suite struct LanguageTests {
  @Test(arguments: [
    ("en", "en"), ("en-GB", "en"), ("EN_us", "en"), ("no", "nb"), ("nor", "nb"), ("nob", "nb"),
    ("nn", "nn"), ("nno", "nn"), ("nb-NO", "nb"), ("", "und"), ("123", "und"), ("english", "und"),
  ])
  func readsMetadataCodes(_ code: String, _ expected: String) {
    #expect(Language(metadata: code).rawValue == expected)
  }
}
