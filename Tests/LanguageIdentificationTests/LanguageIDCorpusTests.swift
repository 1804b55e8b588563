import Foundation
import LanguageIdentification
import Testing
import TolkCore

@Suite struct LanguageIDCorpusTests {
  /// A corpus folder with 120 numbered lines per language (blank lines in between are not lines).
  func corpus() throws -> LanguageIDCorpus {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-langid-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for language in LanguageIDCorpus.languages {
      let lines = (0..<1000).map { "\(language.rawValue) line \($0) with five words" }
      try (lines.joined(separator: "\n\n") + "\r\n").write(
        to: folder.appendingPathComponent("\(language.rawValue).txt"), atomically: true, encoding: .utf8)
    }
    return try LanguageIDCorpus(directory: folder)
  }

  @Test func holdsOutEveryTenthBlockOfFiftyLines() throws {
    let corpus = try corpus()
    #expect(corpus.dev.count == 8 * 100)
    #expect(corpus.train.count == 8 * 900)
    let danish = corpus.dev.filter { $0.language == .danish }.map(\.index)
    #expect(danish == Array(450..<500) + Array(950..<1000))
    #expect(corpus.dev.first?.text == "da line 450 with five words")
  }

  @Test func buildsSnippetsAndParagraphsFromTheDevLines() throws {
    let corpus = try corpus()
    #expect(corpus.devSentences.count == 800)
    #expect(corpus.devSentences.first?.id == "da-s000450")
    // Line 450 has 6 words: windows of 2 + (450 + k) % 3 words: 2, 3, then 4 (too few left: dropped).
    #expect(corpus.devSnippets.prefix(2).map(\.text) == ["da line", "450 with five"])
    #expect(corpus.devSnippets.prefix(2).map(\.id) == ["da-w000450-0", "da-w000450-1"])
    #expect(corpus.devParagraphs.count == 8 * 2 * 10)
    #expect(corpus.devParagraphs.first?.id == "da-p00009-0")
    #expect(corpus.devParagraphs.first?.text.hasPrefix("da line 450 with five words da line 451") == true)
  }
}
