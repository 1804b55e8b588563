import Foundation
import TolkCore

/// One token of a name as the tokenizer sees it: its `fold` form for matching, and its surface for
/// the case rules.
public struct NameToken: Sendable, Hashable {
  /// What a name's case asks of the text it matches.
  public enum LetterCase: Sendable, Hashable {
    /// No constraint (the name is written in lower case).
    case any
    /// The text must start with a capital ("Norge", not "norge").
    case capitalised
    /// The text must be all capitals ("US", not "us"; "FN").
    case allCapitals
  }

  public var fold: String
  public var surface: String
  public let letterCase: LetterCase

  public init(fold: String, surface: String) {
    self.fold = fold
    self.surface = surface
    letterCase = Self.asciiLetterCase(of: surface) ?? Self.letterCase(of: surface)
  }

  /// The case a name's surface asks for: all capitals with two or more letters, else capitalised when
  /// its first letter is a capital.
  static func letterCase(of surface: String) -> LetterCase {
    let letters = surface.unicodeScalars.filter { $0.properties.isAlphabetic }
    if letters.count >= 2, letters.allSatisfy({ $0.properties.isUppercase }) { return .allCapitals }
    return letters.first?.properties.isUppercase == true ? .capitalised : .any
  }

  /// ``letterCase(of:)`` for an ASCII surface, whose letters are A–Z and a–z and whose capitals are A–Z,
  /// without asking for each scalar's Unicode properties (most of the lexicons' 60,000 names, read at
  /// every start); nil for any other surface.
  static func asciiLetterCase(of surface: String) -> LetterCase? {
    var letters = 0
    var capitals = 0
    var firstIsCapital = false
    for byte in surface.utf8 {
      guard byte < 0x80 else { return nil }
      let isCapital = (0x41...0x5A).contains(byte)
      guard isCapital || (0x61...0x7A).contains(byte) else { continue }
      if letters == 0 { firstIsCapital = isCapital }
      letters += 1
      if isCapital { capitals += 1 }
    }
    if letters >= 2 && capitals == letters { return .allCapitals }
    return firstIsCapital ? .capitalised : .any
  }
}

/// Splits a name into tokens exactly as the pipeline's tokenizer splits article text, so that lexicon
/// names and text match token for token. The pipeline passes its tokenizer in; stages never import
/// each other.
public typealias NameTokenizer = @Sendable (String) throws -> [NameToken]

/// The entity lexicon: people, organisations, places and other names with canonical ids, from
/// `lexicons/entities/{people,organisations,places,misc}.tsv` and the generated `places-geonames.tsv`,
/// and demonyms from `demonyms.tsv`.
///
/// Columns: `id` (the English name in lower snake_case ASCII: `juan_guaido`), `type` (PER, ORG, LOC,
/// GPE, MISC), `wikidata` (a QID or `-`), `names` (`|`-separated `NAME@LANGS`, LANGS `any` or a list of
/// en, nb, nn: `Norway@en|Norge@nb,nn|Noreg@nn`). A name ending in `+` also matches its Norwegian
/// definite and plural forms (`Nasjonalforsamling+@nb,nn` matches "Nasjonalforsamlingen",
/// "Nasjonalforsamlinga"). Demonyms: `form`, `languages`, `place_id`, `note`.
public struct EntityLexicon: Sendable {
  /// One entity.
  public struct Entry: Sendable, Hashable {
    public var id: String
    public var kind: Entity.Kind
    public var wikidata: String?
    /// `entities/people.tsv:42`.
    public var location: String
  }

  /// One name of an entity, tokenized.
  public struct Alias: Sendable, Hashable {
    public var tokens: [NameToken]
    /// Index into ``entries``.
    public var entry: Int
    /// The languages the name is used in; nil for any.
    public var languages: Set<Language>?
    /// Whether the last word may carry a Norwegian definite or plural ending (`NAME+` in the file).
    public var inflects = false

    /// Norwegian definite and plural endings an inflecting name may take (Bokmål and Nynorsk).
    public static let endings: Set<String> = ["en", "et", "a", "ene", "ane", "er", "ar", "i", "ne"]

    public func isUsed(in language: Language) -> Bool {
      guard let languages, Self.languagesWithLists.contains(language) else { return true }
      return languages.contains(language)
    }

    /// Languages that aliases are tagged with; other languages accept every alias.
    static let languagesWithLists: Set<Language> = [.english, .bokmal, .nynorsk]
  }

  /// A demonym or place adjective.
  public struct Demonym: Sendable, Hashable {
    public var fold: String
    public var placeID: String
    public var languages: Set<Language>?
    public var location: String
  }

  /// The entity files in reading order; the generated `places-geonames.tsv` comes last and is optional.
  public static let entityFiles = ["people.tsv", "organisations.tsv", "places.tsv", "misc.tsv", "places-geonames.tsv"]

  /// The aliases used in one language, by the fold of their first token, longest first
  /// (``EntityLexicon/aliases(usedIn:)``), found without hashing the language for each alias.
  struct AliasIndex: Sendable {
    let byFirstToken: [String: [Alias]]
    /// The first tokens of all aliases, in any language, for a quick "not listed" (most words).
    let firstTokens: BloomFilter

    /// Aliases whose first token folds to `fold`, longest first.
    func aliases(startingWith fold: String) -> [Alias] {
      firstTokens.mayContain(fold) ? byFirstToken[fold] ?? [] : []
    }
  }

  public let entries: [Entry]
  /// All aliases, and those of ``Alias/languagesWithLists`` by language (``Alias/isUsed(in:)``).
  private let allAliases: AliasIndex
  private let aliasesByLanguage: [Language: AliasIndex]
  /// The keys of `demonymsByFold`, for a quick "not listed" (most words).
  private let demonymFolds: BloomFilter
  /// Demonyms by fold.
  let demonymsByFold: [String: [Demonym]]
  /// Given names and surnames (`entities/person-names.tsv`), which the entity model's person-name
  /// features read; no mention comes from them.
  public let personNames: PersonNameList

  /// A lexicon from entries and aliases (for tests and tools).
  public init(
    entries: [Entry], aliases: [Alias], demonyms: [Demonym] = [], personNames: PersonNameList = .init()
  ) {
    self.entries = entries
    self.personNames = personNames
    var index: [String: [Alias]] = [:]
    for alias in aliases {
      guard let first = alias.tokens.first else { continue }
      index[first.fold, default: []].append(alias)
      // A one-word name that inflects is also found under its inflected forms.
      if alias.inflects && alias.tokens.count == 1 {
        for ending in Alias.endings.sorted() { index[first.fold + ending, default: []].append(alias) }
      }
    }
    let byFirstToken = index.mapValues { $0.sorted { $0.tokens.count > $1.tokens.count } }
    let firstTokens = BloomFilter(byFirstToken.keys)
    allAliases = AliasIndex(byFirstToken: byFirstToken, firstTokens: firstTokens)
    var aliasesByLanguage: [Language: AliasIndex] = [:]
    for language in Alias.languagesWithLists {
      // Filtered after sorting, so each list keeps the order it has among all aliases.
      // A list whose names are all used (every list of generated places, tagged `any`) is shared as
      // it is rather than copied alias by alias.
      let used = byFirstToken.mapValues { list in
        list.allSatisfy { $0.isUsed(in: language) } ? list : list.filter { $0.isUsed(in: language) }
      }.filter { !$0.value.isEmpty }
      aliasesByLanguage[language] = AliasIndex(byFirstToken: used, firstTokens: firstTokens)
    }
    self.aliasesByLanguage = aliasesByLanguage
    demonymsByFold = Dictionary(grouping: demonyms, by: \.fold)
    demonymFolds = BloomFilter(demonymsByFold.keys)
  }

  /// Reads `entities/*.tsv` under the lexicon root `directory`, tokenizing names with `tokenize`; the
  /// person-name list's names, one word each, are only folded, by `fold`.
  public init(
    directory: URL, tokenize: NameTokenizer, fold: (String) throws -> String
  ) throws(LexiconError) {
    let folder = directory.appendingPathComponent("entities")
    var entries: [Entry] = []
    var aliases: [Alias] = []
    // Indices into `entries`: of each id, to refuse an id defined twice, and of the entity each name
    // (surface and language) belongs to, to refuse one name for two entities.
    var entryOfID: [String: Int] = [:]
    var aliasOwners: [AliasKey: Int] = [:]
    for file in Self.entityFiles {
      let name = "entities/\(file)"
      let url = folder.appendingPathComponent(file)
      guard FileManager.default.fileExists(atPath: url.path) else { continue }
      let table = try TSVTable(contentsOf: url, name: name)
      let idColumn = try table.index(of: "id")
      let typeColumn = try table.index(of: "type")
      let wikidataColumn = try table.index(of: "wikidata")
      let namesColumn = try table.index(of: "names")
      // Every row has a name or more (a growing dictionary rehashes its 60,000 names several times).
      entryOfID.reserveCapacity(entryOfID.count + table.rows.count)
      aliasOwners.reserveCapacity(aliasOwners.count + table.rows.count)
      for row in table.rows {
        func fail(_ reason: String) -> LexiconError { .invalidEntry(file: name, line: row.line, reason: reason) }
        let id = row.cells[idColumn]
        guard Self.isCanonicalID(id) else { throw fail("id \"\(id)\" must be lower snake_case ASCII (juan_guaido)") }
        if let other = entryOfID[id] { throw fail("id \(id) is already defined at \(entries[other].location)") }
        guard let kind = Entity.Kind(rawValue: row.cells[typeColumn]) else {
          throw fail("type \"\(row.cells[typeColumn])\" is not one of PER, ORG, LOC, GPE, MISC")
        }
        let wikidata = row.cells[wikidataColumn]
        guard wikidata == "-" || Self.isQID(wikidata) else {
          throw fail("wikidata \"\(wikidata)\" is not a QID (Q20) or -")
        }
        let entryIndex = entries.count
        entryOfID[id] = entryIndex
        entries.append(
          Entry(id: id, kind: kind, wikidata: wikidata == "-" ? nil : wikidata, location: "\(name):\(row.line)"))
        let names = Self.fields(of: row.cells[namesColumn], separatedBy: UInt8(ascii: "|"))
        guard !names.isEmpty else { throw fail("names is empty") }
        for item in names {
          var (surface, languages) = try Self.parseName(String(item), fail: fail)
          let inflects = surface.hasSuffix("+")
          if inflects { surface.removeLast() }
          for language in languages.map({ $0.map(\.rawValue).sorted() }) ?? ["any"] {
            if let owner = aliasOwners.updateValue(entryIndex, forKey: AliasKey(surface: surface, language: language)),
              owner != entryIndex
            {
              let other = entries[owner]
              throw fail("name \"\(surface)\" (\(language)) already belongs to \(other.id) at \(other.location)")
            }
          }
          let tokens: [NameToken]
          do { tokens = try tokenize(surface) } catch { throw fail("cannot tokenize \"\(surface)\": \(error)") }
          guard !tokens.isEmpty else { throw fail("name \"\(surface)\" has no tokens") }
          aliases.append(Alias(tokens: tokens, entry: entryIndex, languages: languages, inflects: inflects))
        }
      }
    }
    let demonyms = try Self.readDemonyms(folder: folder, ids: Set(entries.map(\.id)), tokenize: tokenize)
    let personNamesURL = folder.appendingPathComponent("person-names.tsv")
    let personNames =
      FileManager.default.fileExists(atPath: personNamesURL.path)
      ? try PersonNameList(contentsOf: personNamesURL, name: "entities/person-names.tsv", fold: fold) : .init()
    self.init(entries: entries, aliases: aliases, demonyms: demonyms, personNames: personNames)
  }

  /// A name and one of its languages (`any` for all), as the lexicon files may list it only once.
  private struct AliasKey: Hashable {
    var surface: String
    var language: String
  }

  private static func readDemonyms(folder: URL, ids: Set<String>, tokenize: NameTokenizer) throws(LexiconError)
    -> [Demonym]
  {
    let name = "entities/demonyms.tsv"
    let url = folder.appendingPathComponent("demonyms.tsv")
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    let table = try TSVTable(contentsOf: url, name: name)
    let formColumn = try table.index(of: "form")
    let languagesColumn = try table.index(of: "languages")
    let placeColumn = try table.index(of: "place_id")
    var demonyms: [Demonym] = []
    for row in table.rows {
      func fail(_ reason: String) -> LexiconError { .invalidEntry(file: name, line: row.line, reason: reason) }
      let place = row.cells[placeColumn]
      guard ids.contains(place) else { throw fail("place_id \(place) is not an entity id") }
      let languages = try parseLanguages(row.cells[languagesColumn], fail: fail)
      let tokens: [NameToken]
      do { tokens = try tokenize(row.cells[formColumn]) } catch {
        throw fail("cannot tokenize \"\(row.cells[formColumn])\"")
      }
      guard tokens.count == 1, let token = tokens.first else {
        throw fail("form \"\(row.cells[formColumn])\" must be one word")
      }
      demonyms.append(Demonym(fold: token.fold, placeID: place, languages: languages, location: "\(name):\(row.line)"))
    }
    return demonyms
  }

  /// Splits `Norge@nb,nn` into the name and its languages (nil for `any` or no tag).
  static func parseName(_ item: String, fail: (String) -> LexiconError) throws(LexiconError) -> (String, Set<Language>?)
  {
    let pieces = fields(of: item, separatedBy: UInt8(ascii: "@"))
    // Whitespace at either end is what trimming would take off (checked at the ends only: a name is
    // parsed for each of the lexicons' 60,000 names at every start).
    guard pieces.count <= 2, let surface = pieces.first.map(String.init), !surface.isEmpty,
      let first = surface.unicodeScalars.first, let last = surface.unicodeScalars.last,
      !isWhitespace(first), !isWhitespace(last)
    else { throw fail("name \"\(item)\" must be NAME or NAME@LANGS without surrounding spaces") }
    let languages = pieces.count == 2 ? try parseLanguages(String(pieces[1]), fail: fail) : nil
    return (surface, languages)
  }

  /// `text` split at each `separator` (an ASCII character), keeping empty fields, as splitting its
  /// characters gives it. When every byte is below 0xCC (every code point below U+0300: nearly every
  /// name), nothing joins a separator into a larger character (only CR LF is one character of two such
  /// code points), so the bytes are split directly; the character split is slow enough to matter for
  /// the lexicons' 60,000 names.
  static func fields(of text: String, separatedBy separator: UInt8) -> [Substring] {
    guard text.utf8.allSatisfy({ $0 < 0xCC }) else {
      return text.split(separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: false)
    }
    return text.utf8.split(separator: separator, omittingEmptySubsequences: false).map { Substring($0) }
  }

  /// Whether `scalar` is in `CharacterSet.whitespaces`, which holds two ASCII characters, space and tab;
  /// others are asked of the set.
  static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
  }

  static func parseLanguages(_ text: String, fail: (String) -> LexiconError) throws(LexiconError) -> Set<Language>? {
    if text == "any" { return nil }
    var languages = Set<Language>()
    for code in text.split(separator: ",", omittingEmptySubsequences: false) {
      let language = Language(rawValue: String(code))
      guard Alias.languagesWithLists.contains(language) else {
        throw fail("language \"\(code)\" must be en, nb, nn or any")
      }
      languages.insert(language)
    }
    return languages
  }

  /// Whether `text` is a Wikidata QID: "Q" and a number without leading zeros ("Q20").
  static func isQID(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.count >= 2 && bytes[0] == UInt8(ascii: "Q") && (0x31...0x39).contains(bytes[1])
      && bytes.dropFirst(2).allSatisfy { (0x30...0x39).contains($0) }
  }

  static func isCanonicalID(_ id: String) -> Bool {
    !id.isEmpty && id.first != "_" && id.last != "_"
      && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
  }

  /// The aliases used in `language` (``Alias/isUsed(in:)``), to look up by their first token.
  func aliases(usedIn language: Language) -> AliasIndex { aliasesByLanguage[language] ?? allAliases }

  /// False when no alias certainly starts with `fold` (a quick test before building a string to look up).
  func mayStartAlias(_ fold: some StringProtocol) -> Bool { allAliases.firstTokens.mayContain(fold) }

  func demonyms(for fold: String) -> [Demonym] { demonymFolds.mayContain(fold) ? demonymsByFold[fold] ?? [] : [] }
}
