import Testing

@testable import TolkCore

@Suite struct BloomFilterTests {
  static let members = ["maduro", "guaidó", "noreg", "oslo", "venezuela", "regjeringa", "the_dialogue"]

  @Test func neverRejectsAMember() {
    let filter = BloomFilter(Self.members)
    for member in Self.members { #expect(filter.mayContain(member), "\(member)") }
    #expect(filter.mayContain("oslo-avtalen".prefix(4)))
  }

  /// Non-ASCII strings always pass: "guaidó" written with a combining accent equals the member as a
  /// `String`, though its bytes differ.
  @Test func letsEveryNonASCIIStringThrough() {
    let filter = BloomFilter(Self.members)
    #expect(filter.mayContain("guaido\u{301}"))
    #expect(filter.mayContain("blåbærsyltetøy"))
  }

  /// With 16 bits a member, most ASCII words that are not members are rejected.
  @Test func rejectsMostOtherWords() {
    let filter = BloomFilter(Self.members)
    let others = (0..<1_000).map { "word\($0)" }
    let passed = others.filter(filter.mayContain).count
    #expect(passed < 100, "\(passed) of 1,000 non-members passed")
    #expect(!BloomFilter([String]()).mayContain("anything"))
  }
}
