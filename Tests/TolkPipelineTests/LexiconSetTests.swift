import Foundation
import Testing
import Tokenization
import TolkCore
import TolkTesting

@testable import TolkPipeline

@Suite struct LexiconSetTests {
  /// Every name and demonym of the shipped entity lexicons, as the lexicon tokenizes it (the `@`
  /// languages and a final `+` taken off).
  static func shippedNames() throws -> [String] {
    let folder = Repository.lexicons.appendingPathComponent("entities")
    var names: [String] = []
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    where file.hasSuffix(".tsv") && file != "person-names.tsv" {
      let table = try TSVTable(contentsOf: folder.appendingPathComponent(file), name: file)
      let column = try table.index(of: file == "demonyms.tsv" ? "form" : "names")
      for row in table.rows {
        for name in row.cells[column].split(separator: "|") {
          var surface = name.split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
          if surface.hasSuffix("+") { surface.removeLast() }
          names.append(surface)
        }
      }
    }
    return names
  }

  @Test func asciiShortcutTokenizesShippedNamesAsTheTokenizerDoes() throws {
    let lexicons = try #require(Fixtures.lexicons)
    let full = LexiconSet.fullNameTokenizer(abbreviations: lexicons.abbreviations)
    let names = try Self.shippedNames()
    var shortcut = 0
    for name in names {
      guard let tokens = LexiconSet.asciiWordTokens(name) else { continue }
      shortcut += 1
      #expect(tokens == (try full(name)), "\(name)")
    }
    // Most generated places take the shortcut; names with other characters do not.
    #expect(shortcut > names.count / 2)
    #expect(LexiconSet.asciiWordTokens("Tromsø") == nil)
    #expect(LexiconSet.asciiWordTokens("Dr. No") == nil)
    #expect(LexiconSet.asciiWordTokens("New  York") == nil)
    #expect(LexiconSet.asciiWordTokens("San Mateo")?.map(\.fold) == ["san", "mateo"])
  }

  @Test func latinShortcutTokenizesShippedNamesAsTheTokenizerDoes() throws {
    let lexicons = try #require(Fixtures.lexicons)
    let full = LexiconSet.fullNameTokenizer(abbreviations: lexicons.abbreviations)
    let normalizer = Normalizer()
    let names = try Self.shippedNames()
    var shortcut = 0
    for name in names {
      guard let tokens = try LexiconSet.latinWordTokens(name, normalizer: normalizer) else { continue }
      shortcut += 1
      #expect(tokens == (try full(name)), "\(name)")
    }
    #expect(shortcut > names.count / 2)
    #expect(try LexiconSet.latinWordTokens("Tromsø", normalizer: normalizer)?.map(\.fold) == ["tromsø"])
    #expect(try LexiconSet.latinWordTokens("São Paulo", normalizer: normalizer)?.map(\.fold) == ["sao", "paulo"])
    for other in ["Dr. No", "Øst-Finnmark", "Tromsø ", " Å", "Å  i", "a×b", "Ha\u{301}kon", "Σ"] {
      #expect(try LexiconSet.latinWordTokens(other, normalizer: normalizer) == nil, "\(other)")
    }
  }

  /// Every letter the Latin shortcut accepts is tokenized as the tokenizer does it, alone, capitalised
  /// and lower case, and between ASCII letters and next to other words.
  @Test func latinShortcutTokenizesEveryLetterAsTheTokenizerDoes() throws {
    let lexicons = try #require(Fixtures.lexicons)
    let full = LexiconSet.fullNameTokenizer(abbreviations: lexicons.abbreviations)
    let normalizer = Normalizer()
    let letters = (0...0x24F).compactMap(Unicode.Scalar.init).filter(LexiconSet.isLatinLetter)
    #expect(letters.count == 52 + 0x190 - 2)
    for letter in letters {
      for name in ["\(letter)", "A\(letter)b", "\(letter)\(letter) Vik", "Nord \(letter)", "x\(letter)y z"] {
        let tokens = try #require(try LexiconSet.latinWordTokens(name, normalizer: normalizer), "\(name)")
        #expect(tokens == (try full(name)), "\(name) (U+\(String(letter.value, radix: 16)))")
      }
    }
  }

  @Test func asciiFoldIsTheNormalizersFoldForShippedPersonNames() throws {
    let url = Repository.lexicons.appendingPathComponent("entities/person-names.tsv")
    let table = try TSVTable(contentsOf: url, name: "person-names.tsv")
    let column = try table.index(of: "name")
    let normalizer = Normalizer()
    var shortcut = 0
    for row in table.rows {
      let name = row.cells[column]
      guard let folded = LexiconSet.asciiFold(name) else { continue }
      shortcut += 1
      #expect(folded == (try normalizer.fold(name)), "\(name)")
    }
    #expect(shortcut > table.rows.count / 2)
    #expect(LexiconSet.asciiFold("José") == nil && LexiconSet.asciiFold("O'Brien") == nil)
    #expect(LexiconSet.asciiFold("") == nil)
  }
}
