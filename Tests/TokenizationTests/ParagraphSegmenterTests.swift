import Testing
import Tokenization
import TolkCore
import TolkTesting

@Suite struct ParagraphSegmenterTests {
  func classes(_ text: String, title: String? = nil) throws -> [(String, Paragraph.Kind)] {
    let document = try Document.tokenized(text, title: title)
    return document.paragraphs.map { (document.slice($0.range), $0.kind) }
  }

  @Test func classifiesTheEnglishSeed() throws {
    let text = try Repository.text("seeds/000_db61c14585fe4d18.txt")
    let document = try Document.tokenized(
      text, title: "Norwegian delegation arrives in Venezuela to restart stalled dialogue")
    let paragraphs = document.paragraphs.map { (document.slice($0.range), $0.kind) }
    #expect(paragraphs.count == 14)
    #expect(paragraphs.first?.1 == .title)
    #expect(paragraphs.last?.0 == "Latest News" && paragraphs.last?.1 == .boilerplate)
    #expect(paragraphs[1].1 == .body)  // the lead, without a final full stop but long
    #expect(paragraphs[2].0 == "Why Guaido official believes regime change in Venezuela is non-negotiable")
    #expect(paragraphs[2].1 == .heading)
    #expect(paragraphs[3..<13].allSatisfy { $0.1 == .body })
    #expect(document.paragraphs.last?.source.hasPrefix("lexicon:boilerplate/en.tsv:") == true)
  }

  @Test func classifiesTheNorwegianSeed() throws {
    let text = try Repository.text("seeds/002_fe690893039d8ce3.txt")
    let found = try classes(text)
    let kinds = Dictionary(found.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
    #expect(kinds["Foto: LUIS ACOSTA / Afp"] == .boilerplate)
    #expect(kinds["Kjent fredsmekler leder samtalene"] == .heading)
    #expect(kinds["Tidligere borgermester kritisk til Oslo-samtalene"] == .heading)
    #expect(kinds["Jobber for fred – i kriserammet land"] == .heading)
    #expect(kinds["Venezuela er rammet av en dyp økonomisk og politisk krise."] == .body)
    #expect(found.count == 20)
  }

  @Test func treatsEveryLineAsAParagraphWhenThereAreNoBlankLines() throws {
    let found = try classes("Les også\nRegjeringen i Caracas svarte ikke.\r\nDen kom i går.")
    #expect(found.map(\.0) == ["Les også", "Regjeringen i Caracas svarte ikke.", "Den kom i går."])
    #expect(found[0].1 == .boilerplate)
  }

  @Test func joinsWrappedLinesBetweenBlankLines() throws {
    let found = try classes("Tittel\r\n\r\nFørste linje\r\nandre linje.\r\n\r\n\r\nSiste.")
    #expect(found.map(\.0) == ["Tittel", "Første linje\r\nandre linje.", "Siste."])
  }
}
