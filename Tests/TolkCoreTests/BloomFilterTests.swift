import Foundation
import Testing

@testable import TolkCore

@Suite struct BloomFilterTests {
  static let members = ["maduro", "guaidó", "noreg", "oslo", "venezuela", "regjeringa", "the_dialogue"]

  @Test func neverRejectsAMember() {
    let filter = BloomFilter(Self.members)
    for member in Self.members { #expect(filter.mayContain(member), "\(member)") }
    #expect(filter.mayContain("oslo-avtalen".prefix(4)))
  }

  /// A string that may be canonically equivalent to a member without being certainly in NFC passes:
  /// "guaidó" written with a combining accent equals the member as a `String`, though its bytes differ.
  @Test func letsStringsWithCombiningMarksThrough() {
    let filter = BloomFilter(Self.members)
    #expect(filter.mayContain("guaido\u{301}"))
    #expect(filter.mayContain("blåbærsyltetøy\u{301}"))
    #expect("guaido\u{301}" == "guaidó")
  }

  /// Members that are not in NFC are found by strings in NFC that equal them: a decomposed "å" and the
  /// Angstrom and Kelvin signs.
  @Test func findsMembersWrittenOtherwise() {
    let filter = BloomFilter(["bla\u{30A}bær", "\u{212B}ngstrøm", "\u{212A}elvin"])
    for probe in ["blåbær", "Ångstrøm", "Kelvin"] {
      #expect(filter.mayContain(probe), "\(probe)")
    }
    #expect("bla\u{30A}bær" == "blåbær" && "\u{212A}elvin" == "Kelvin")
  }

  /// Words with æ, ø, å and accents (all below U+0300, so certainly NFC) that are not members are
  /// rejected like ASCII ones, and members with them are found.
  @Test func rejectsAccentedNonMembers() {
    let filter = BloomFilter(Self.members)
    #expect(filter.mayContain("guaidó"))
    let others = (0..<1_000).map { "blåbær\($0)" }
    let passed = others.filter(filter.mayContain).count
    #expect(passed < 100, "\(passed) of 1,000 non-members passed")
  }

  /// With 16 bits a member, most ASCII words that are not members are rejected.
  @Test func rejectsMostOtherWords() {
    let filter = BloomFilter(Self.members)
    let others = (0..<1_000).map { "word\($0)" }
    let passed = others.filter(filter.mayContain).count
    #expect(passed < 100, "\(passed) of 1,000 non-members passed")
    #expect(!BloomFilter([String]()).mayContain("anything"))
  }

  /// What building a filter relies on to skip normalizing most members: a string of code points below
  /// U+0300 is its own NFC form (every such code point, and every pair of them).
  @Test func textBelowCombiningMarksIsNFC() {
    let scalars = (0x20..<0x300).compactMap(Unicode.Scalar.init)
    var changed: [String] = []
    for first in scalars {
      for second in [nil] + scalars {
        var text = String(first)
        if let second { text.unicodeScalars.append(second) }
        if !text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8) { changed.append(text) }
      }
    }
    #expect(changed.isEmpty, "\(changed.prefix(10))")
  }
}
