import Testing
import TolkCore

@testable import EntityTagging

/// The checks `EntityLexicon` makes of each row as it reads the files.
@Suite struct EntityLexiconTests {
  @Test func acceptsOnlyQIDsWithoutLeadingZeros() {
    for good in ["Q1", "Q20", "Q458", "Q15180"] { #expect(EntityLexicon.isQID(good), "\(good)") }
    for bad in ["", "Q", "Q0", "Q01", "q20", "Q-1", "Q2a", "QQ2", "Q 2", "Q２"] {
      #expect(!EntityLexicon.isQID(bad), "\(bad)")
    }
  }

  @Test func refusesNamesWithSpaceAtEitherEnd() throws {
    func fail(_ reason: String) -> LexiconError { .invalidEntry(file: "test", line: 1, reason: reason) }
    #expect(try EntityLexicon.parseName("Norge@nb,nn", fail: fail).0 == "Norge")
    #expect(try EntityLexicon.parseName("Den dominikanske republikk", fail: fail).1 == nil)
    for bad in [" Norge", "Norge ", "Norge\u{A0}@nb", "\tNorge", " ", "@en", "Norge@nb@nn"] {
      #expect(throws: LexiconError.self, "\(bad)") { try EntityLexicon.parseName(bad, fail: fail) }
    }
  }
}
