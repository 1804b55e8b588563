import Foundation
import TolkCore

/// Paragraphs that are page chrome rather than prose, per language, from
/// `lexicons/boilerplate/<lang>.tsv`.
///
/// Columns: `pattern` (lower case), `match` (`line`: the whole paragraph, folded, white space
/// collapsed and a final colon dropped, equals the pattern; `prefix`: the paragraph starts with it),
/// `note`. en: "Latest News" (line), "Photo: Reuters" (prefix `photo:`); nb: "Les også" (line),
/// "Foto: LUIS ACOSTA / Afp" (prefix `foto:`).
public struct BoilerplateLexicon: Sendable {
  /// One pattern.
  public struct Entry: Sendable, Hashable {
    public enum Match: String, Sendable, Hashable { case line, prefix }
    /// Folded pattern.
    public var pattern: String
    public var match: Match
    /// `lexicon:boilerplate/nb.tsv:12`.
    public var source: String

    public init(pattern: String, match: Match, source: String) {
      self.pattern = pattern
      self.match = match
      self.source = source
    }
  }

  /// Paragraphs longer than this many scalars are never compared: boilerplate is short.
  public static let maximumLength = 300

  private let entriesByLanguage: [Language: [Entry]]
  private let allEntries: [Entry]

  /// A lexicon from entries per language (for tests and tools).
  public init(entries: [Language: [Entry]]) {
    entriesByLanguage = entries
    allEntries = entries.keys.sorted().flatMap { entries[$0] ?? [] }
  }

  /// Reads every `boilerplate/<lang>.tsv` under the lexicon root `directory`.
  public init(directory: URL) throws(LexiconError) {
    let folder = directory.appendingPathComponent("boilerplate")
    let normalizer = Normalizer()
    var entries: [Language: [Entry]] = [:]
    for (language, table) in try LexiconFiles.tables(in: folder, relativeTo: directory) {
      let patternColumn = try table.index(of: "pattern")
      let matchColumn = try table.index(of: "match")
      var list: [Entry] = []
      for row in table.rows {
        let pattern = row.cells[patternColumn]
        guard let match = Entry.Match(rawValue: row.cells[matchColumn]) else {
          throw .invalidEntry(
            file: table.name, line: row.line, reason: "match is \"\(row.cells[matchColumn])\"; use line or prefix")
        }
        let folded: String
        do { folded = Self.collapsed(try normalizer.fold(pattern)) } catch {
          throw .invalidEntry(file: table.name, line: row.line, reason: "cannot fold \"\(pattern)\": \(error)")
        }
        guard !folded.isEmpty else {
          throw .invalidEntry(file: table.name, line: row.line, reason: "pattern is empty")
        }
        list.append(Entry(pattern: folded, match: match, source: "lexicon:\(table.location(of: row))"))
      }
      entries[language] = list
    }
    self.init(entries: entries)
  }

  /// The first entry matching `paragraph` (folded text) for `language`; every language's patterns
  /// are tried for `und` or a language without a list.
  public func match(folded paragraph: String, language: Language) -> Entry? {
    let text = Self.collapsed(paragraph)
    let line = text.hasSuffix(":") ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text
    let entries = entriesByLanguage[language] ?? allEntries
    return entries.first { entry in
      switch entry.match {
      case .line: line == entry.pattern || text == entry.pattern
      case .prefix: text.hasPrefix(entry.pattern)
      }
    }
  }

  /// `text` with runs of white space turned into one space and the ends trimmed.
  static func collapsed(_ text: String) -> String {
    asciiCollapsed(text) ?? text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// ``collapsed(_:)`` of ASCII text byte by byte, nil for other text. In ASCII every character is
  /// one byte (or "\r\n", two white-space bytes) and the white space is \t, \n, \v, \f, \r and space.
  private static func asciiCollapsed(_ text: String) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for byte in text.utf8 {
      guard byte < 0x80 else { return nil }
      if byte == 0x20 || (0x09...0x0D).contains(byte) {
        pendingSpace = !bytes.isEmpty
        continue
      }
      if pendingSpace {
        bytes.append(0x20)
        pendingSpace = false
      }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
