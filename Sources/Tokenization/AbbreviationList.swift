import Foundation
import TolkCore

/// Abbreviations that keep their final dot ("bl.a.", "U.S.", "Mr.") and whether a sentence may end
/// after them, per language, from `lexicons/abbreviations/<lang>.tsv`.
///
/// Columns: `abbreviation` (as written, with its dot), `ends_sentence` (`never`: a title or an
/// abbreviation that is always followed by more, like "Dr." or "f.eks."; `maybe`: like "etc." or
/// "mv.", which often close a sentence), `meaning`. Lookup is by folded form, so "U.S." and "u.s." are one
/// entry.
public struct AbbreviationList: Sendable {
  /// One abbreviation.
  public struct Entry: Sendable, Hashable {
    /// Whether a sentence may end right after the abbreviation.
    public var endsSentence: Bool
    /// `lexicon:abbreviations/nb.tsv:12`.
    public var source: String

    public init(endsSentence: Bool, source: String) {
      self.endsSentence = endsSentence
      self.source = source
    }
  }

  private let entriesByLanguage: [Language: [String: Entry]]
  /// All languages merged, for `und`: an abbreviation may end a sentence if it may in any language.
  private let mergedEntries: [String: Entry]
  /// The entries of ASCII forms of at most 7 bytes, by ``packedKey(_:)``, per language and merged:
  /// words before a dot are looked up here without building a string.
  private let shortASCIIEntriesByLanguage: [Language: [UInt64: Entry]]
  private let mergedShortASCIIEntries: [UInt64: Entry]
  /// The length in bytes of the longest ASCII form: longer ASCII words are no abbreviation.
  private let longestASCIIForm: Int

  /// A list built from folded abbreviations per language (for tests and tools).
  public init(entries: [Language: [String: Entry]]) {
    entriesByLanguage = entries
    var merged: [String: Entry] = [:]
    for language in entries.keys.sorted() {
      for (form, entry) in entries[language] ?? [:] {
        if let existing = merged[form] {
          if entry.endsSentence && !existing.endsSentence { merged[form] = entry }
        } else {
          merged[form] = entry
        }
      }
    }
    mergedEntries = merged
    func shortASCII(_ entries: [String: Entry]) -> [UInt64: Entry] {
      var packed: [UInt64: Entry] = [:]
      for (form, entry) in entries {
        // A String key equals every canonically equivalent string: the ASCII one is its NFC form.
        if let key = Self.packedKey(form.precomposedStringWithCanonicalMapping.utf8) { packed[key] = entry }
      }
      return packed
    }
    shortASCIIEntriesByLanguage = entries.mapValues(shortASCII)
    mergedShortASCIIEntries = shortASCII(merged)
    longestASCIIForm =
      merged.keys.map(\.precomposedStringWithCanonicalMapping.utf8).filter { $0.allSatisfy { $0 < 0x80 } }
      .map(\.count).max() ?? 0
  }

  /// ASCII bytes, at most 7 of them, packed into one number with their count in the top byte; nil for
  /// longer text or text that is not ASCII.
  static func packedKey(_ bytes: some Sequence<UInt8>) -> UInt64? {
    var key: UInt64 = 0
    var count: UInt64 = 0
    for byte in bytes {
      guard byte < 0x80, count < 7 else { return nil }
      key |= UInt64(byte) << (8 * count)
      count += 1
    }
    return key | count << 56
  }

  /// Reads every `abbreviations/<lang>.tsv` under the lexicon root `directory`.
  public init(directory: URL) throws(LexiconError) {
    let folder = directory.appendingPathComponent("abbreviations")
    var entries: [Language: [String: Entry]] = [:]
    let normalizer = Normalizer()
    for (language, table) in try LexiconFiles.tables(in: folder, relativeTo: directory) {
      let abbreviationColumn = try table.index(of: "abbreviation")
      let endsColumn = try table.index(of: "ends_sentence")
      var forms: [String: Entry] = [:]
      for row in table.rows {
        let abbreviation = row.cells[abbreviationColumn]
        guard abbreviation.count >= 2, abbreviation.hasSuffix("."), !abbreviation.contains(" ") else {
          throw .invalidEntry(
            file: table.name, line: row.line,
            reason: "abbreviation \"\(abbreviation)\" must be one word ending in a dot")
        }
        let endsSentence: Bool
        switch row.cells[endsColumn] {
        case "never": endsSentence = false
        case "maybe": endsSentence = true
        case let other:
          throw .invalidEntry(
            file: table.name, line: row.line, reason: "ends_sentence is \"\(other)\"; use never or maybe")
        }
        let form: String
        do { form = try normalizer.fold(abbreviation) } catch {
          throw .invalidEntry(file: table.name, line: row.line, reason: "cannot fold \"\(abbreviation)\": \(error)")
        }
        if forms[form] != nil {
          throw .invalidEntry(
            file: table.name, line: row.line, reason: "abbreviation \"\(abbreviation)\" is listed twice")
        }
        forms[form] = Entry(endsSentence: endsSentence, source: "lexicon:\(table.location(of: row))")
      }
      entries[language] = forms
    }
    self.init(entries: entries)
  }

  /// The entry for a folded abbreviation with its dot (`"bl.a."`), in `language`'s list, or in all
  /// lists when the language has none (`und`, or a language Tolk has no list for).
  public func entry(forFolded form: String, language: Language) -> Entry? {
    if let list = entriesByLanguage[language] { return list[form] }
    return mergedEntries[form]
  }

  /// The entries of short ASCII forms for one language, from ``shortASCIIEntries(for:)``.
  typealias ShortASCIIEntries = [UInt64: Entry]

  /// The table ``entry(forASCIIWord:withDot:language:shortEntries:)`` looks short forms up in, for
  /// `language`: fetched once per document rather than once per word.
  func shortASCIIEntries(for language: Language) -> ShortASCIIEntries {
    entriesByLanguage[language] != nil ? shortASCIIEntriesByLanguage[language] ?? [:] : mergedShortASCIIEntries
  }

  /// ``entry(forFolded:language:)`` of the folded form of an ASCII word (UTF-16 units below 0x80),
  /// followed by "." when `withDot`. The folded form of ASCII is its lower case; a short form is
  /// looked up by its bytes, without building a string, and a form longer than every ASCII entry is
  /// not looked up at all. (An entry equals an ASCII form when its NFC form is that form.)
  /// `shortEntries` is ``shortASCIIEntries(for:)`` of `language`.
  func entry(
    forASCIIWord units: ArraySlice<UInt16>, withDot: Bool, language: Language, shortEntries: ShortASCIIEntries
  ) -> Entry? {
    let length = units.count + (withDot ? 1 : 0)
    if length > longestASCIIForm { return nil }
    func lowercased(_ unit: UInt16) -> UInt8 {
      let byte = UInt8(truncatingIfNeeded: unit)
      return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
    if length <= 7 {
      var key = UInt64(length) << 56
      var shift: UInt64 = 0
      for unit in units {
        key |= UInt64(lowercased(unit)) << shift
        shift += 8
      }
      if withDot { key |= 0x2E << shift }
      return shortEntries[key]
    }
    var form = String(decoding: units.map(lowercased), as: UTF8.self)
    if withDot { form += "." }
    return entry(forFolded: form, language: language)
  }
}
