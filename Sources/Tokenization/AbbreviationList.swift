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
}
