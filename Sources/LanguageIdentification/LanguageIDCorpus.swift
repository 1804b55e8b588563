import Foundation
import TolkCore

/// The language-identification text in `../shared/data/langid/<lang>.txt`, split into training lines
/// and a held-out dev split, and the three kinds of dev items Tolk is measured on.
///
/// The split is by blocks of 50 consecutive lines (consecutive lines are usually sentences of one
/// document, so large blocks keep most of a document on one side): block b is dev when b % 10 == 9,
/// train otherwise; 10 % of each language is held out.
/// `scripts/langid_dev_sets.py` implements the same rule for the comparison with other identifiers.
public struct LanguageIDCorpus: Sendable {
  /// The languages Tolk identifies, in file order.
  public static let languages: [Language] = [
    .danish, .german, .english, .spanish, .french, .bokmal, .nynorsk, .swedish,
  ]

  /// One line of a language's file: `index` counts its non-empty lines from 0.
  public struct Line: Sendable, Hashable {
    public var language: Language
    public var index: Int
    public var text: String
  }

  /// A dev item with its gold language.
  public struct Item: Sendable, Hashable {
    public var id: String
    public var text: String
    public var language: Language

    public init(id: String, text: String, language: Language) {
      self.id = id
      self.text = text
      self.language = language
    }
  }

  /// Lines per block of the train/dev split.
  public static let blockSize = 50

  public let train: [Line]
  public let dev: [Line]
  /// Word frequency lists by language code (`scripts/export_wordfreq.py`): extra training text for
  /// small languages, and the "other language" class. Empty when none were given.
  public var wordLists: [String: [(word: String, frequency: Double)]] = [:]

  /// Reads every language's file from `directory`.
  public init(directory: URL) throws {
    var train: [Line] = []
    var dev: [Line] = []
    for language in Self.languages {
      let url = directory.appendingPathComponent("\(language.rawValue).txt")
      let contents = try String(contentsOf: url, encoding: .utf8)
      var index = 0
      for rawLine in contents.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
        var text = String(decoding: rawLine, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        guard !text.allSatisfy(\.isWhitespace) else { continue }
        let line = Line(language: language, index: index, text: text)
        if (index / Self.blockSize) % 10 == 9 { dev.append(line) } else { train.append(line) }
        index += 1
      }
    }
    self.train = train
    self.dev = dev
  }

  /// Reads every `<code>.tsv` word list (`word`, `frequency` columns) in `directory` into ``wordLists``.
  public mutating func readWordLists(from directory: URL) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tsv") }
      .sorted()
    for name in names {
      let table = try TSVTable(contentsOf: directory.appendingPathComponent(name), name: name)
      let word = try table.index(of: "word")
      let frequency = try table.index(of: "frequency")
      wordLists[String(name.dropLast(4))] = table.rows.compactMap { row in
        Double(row.cells[frequency]).map { (row.cells[word], $0) }
      }
    }
  }

  /// Every dev line as one item.
  public var devSentences: [Item] {
    dev.map { Item(id: "\($0.language.rawValue)-s\(Self.padded($0.index, 6))", text: $0.text, language: $0.language) }
  }

  /// Consecutive 2–4-word windows of each dev line (sizes cycle with the line and window number).
  public var devSnippets: [Item] {
    dev.flatMap { line in
      Self.windows(of: line.text, seed: line.index).enumerated().compactMap { number, window in
        window.map {
          Item(
            id: "\(line.language.rawValue)-w\(Self.padded(line.index, 6))-\(number)", text: $0, language: line.language)
        }
      }
    }
  }

  /// Groups of 5 consecutive dev lines of one block, joined by a space.
  public var devParagraphs: [Item] {
    var items: [Item] = []
    var index = 0
    while index < dev.count {
      var end = index
      while end < dev.count, dev[end].language == dev[index].language,
        dev[end].index / Self.blockSize == dev[index].index / Self.blockSize
      { end += 1 }
      let block = dev[index..<end]
      for (number, start) in stride(from: block.startIndex, to: block.endIndex, by: 5).enumerated()
      where start + 5 <= block.endIndex {
        let first = block[start]
        items.append(
          Item(
            id: "\(first.language.rawValue)-p\(Self.padded(first.index / Self.blockSize, 5))-\(number)",
            text: block[start..<(start + 5)].map(\.text).joined(separator: " "), language: first.language))
      }
      index = end
    }
    return items
  }

  /// Windows of 2, 3 or 4 words over `text`: window k has 2 + (seed + k) % 3 words; a last window
  /// too short for its size is nil.
  public static func windows(of text: String, seed: Int) -> [String?] {
    let words = text.split(whereSeparator: { $0.isWhitespace })
    var windows: [String?] = []
    var start = 0
    var number = 0
    while start < words.count {
      let size = 2 + (seed + number) % 3
      windows.append(start + size <= words.count ? words[start..<(start + size)].joined(separator: " ") : nil)
      start += size
      number += 1
    }
    return windows
  }

  private static func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
