import Foundation
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

  /// The ASCII letter case is the one the scalars' Unicode properties give, for every string of one or
  /// two ASCII characters and for names of every kind.
  @Test func asciiLetterCaseIsTheUnicodeOne() {
    let ascii = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }
    let surfaces =
      ascii + ascii.flatMap { first in ascii.map { first + $0 } }
      + ["Norge", "FN", "US", "us", "McDonald", "U.S.", "dr. No", "A", "1 2", "ÆØÅ", "Tromsø", "iPhone", "X-1"]
    for surface in surfaces {
      let quick = NameToken.asciiLetterCase(of: surface)
      #expect(quick == (surface.utf8.allSatisfy { $0 < 0x80 } ? NameToken.letterCase(of: surface) : nil), "\(surface)")
    }
  }

  /// Splitting bytes gives the character split for text below U+0300, and other text is split by
  /// characters: a combining mark after a separator belongs to it and does not split.
  @Test(arguments: [
    "Norge@nb,nn", "Noreg@nn|Norge@nb", "", "@", "||", "a|", "Tromsø@any", "a@\u{301}nb", "é|e\u{301}|x", "a\r\n|b@c\r",
  ])
  func fieldsAreTheCharacterSplit(_ text: String) {
    for separator in ["@", "|"] as [Character] {
      let fields = EntityLexicon.fields(of: text, separatedBy: separator.asciiValue ?? 0)
      let characters = text.split(separator: separator, omittingEmptySubsequences: false)
      #expect(fields.map { Array($0.unicodeScalars) } == characters.map { Array($0.unicodeScalars) }, "\(text)")
    }
  }

  /// The two ASCII characters the whitespace test answers itself are the ASCII members of
  /// `CharacterSet.whitespaces`.
  @Test func whitespaceIsFoundationsWhitespace() {
    for value in Array(0..<0x80) + [0xA0, 0x2003, 0x3000, 0xE9, 0x200B] {
      guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
      #expect(EntityLexicon.isWhitespace(scalar) == CharacterSet.whitespaces.contains(scalar), "\(value)")
    }
  }
}
