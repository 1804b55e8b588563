import Foundation
import TolkCore

/// Everything the stance classifier reads from the lexicon folder: the targets
/// (`stance/targets.tsv`), the cues of each language (`stance/{en,nb,nn}.tsv`) and the general
/// polarity lists (`polarity/{en,nb,nn}.tsv`). Users edit these files; no target or cue is in code.
public struct StanceLexicon: Sendable {
  /// A side of the story the article can be for or against.
  public struct Target: Sendable, Hashable {
    public var id: String
    /// Entity ids whose mentions name the target.
    public var entityIDs: Set<String>
    /// Patterns that name the target in text, with the languages they apply to (nil: any).
    public var terms: [Term]
  }

  public struct Term: Sendable, Hashable {
    public var pattern: StancePattern
    public var languages: Set<Language>?
    /// `stance/targets.tsv:31`.
    public var location: String
  }

  /// What a cue does.
  public enum CueClass: String, Sendable, Hashable, CaseIterable {
    case legitimacy, distancing, evaluation, support, criticism
    case negation, contrast, intensifier, reporting

    /// Whether the class signals stance (the others modify or attribute).
    public var isStance: Bool {
      switch self {
      case .legitimacy, .distancing, .evaluation, .support, .criticism: true
      case .negation, .contrast, .intensifier, .reporting: false
      }
    }
  }

  public struct Cue: Sendable, Hashable {
    public var pattern: StancePattern
    /// +1 favor, −1 against, 0 for modifiers.
    public var polarity: Double
    public var weight: Double
    public var cueClass: CueClass
    /// The target the cue is about when it says so itself; nil: the slot or the nearest mention.
    public var target: String?
    /// `stance/nb.tsv:212`.
    public var location: String
  }

  /// A general polarity word: score −1…1 and its lexicon line.
  public struct PolarityWord: Sendable, Hashable {
    public var score: Double
    public var location: String
  }

  /// A phrase that stands for one person ("Venezuelas president" → nicolas_maduro), for speakers and
  /// pronouns; `stance/roles.tsv`.
  public struct Role: Sendable, Hashable {
    public var pattern: StancePattern
    public var languages: Set<Language>?
    public var entity: String
  }

  /// Targets in the order of their first row.
  public let targets: [Target]
  /// Role phrases (an empty list when `stance/roles.tsv` is absent).
  public let roles: [Role]
  /// Cues by language (en, nb, nn).
  public let cues: [Language: [Cue]]
  /// Polarity words by language, keyed by folded word.
  public let polarity: [Language: [String: PolarityWord]]
  /// The pattern indexes of each lexicon language, built here once rather than for every article.
  private let indexesByLanguage: [Language: Indexes]

  public init(
    targets: [Target], cues: [Language: [Cue]], polarity: [Language: [String: PolarityWord]], roles: [Role] = []
  ) {
    self.targets = targets
    self.roles = roles
    self.cues = cues
    self.polarity = polarity
    var indexes: [Language: Indexes] = [:]
    for language in Self.languages {
      indexes[language] = Indexes(language: language, targets: targets, cues: cues[language] ?? [], roles: roles)
    }
    indexesByLanguage = indexes
  }

  /// What the stance stages match in one lexicon language, indexed by first element.
  struct Indexes: Sendable {
    /// Over the language's `cues` (by position), reporting verbs left out.
    let cues: PatternIndex
    /// The reporting-verb patterns and their index.
    let reporting: [StancePattern]
    let reportingIndex: PatternIndex
    /// Target terms for the language: target id and pattern.
    let terms: [(target: String, pattern: StancePattern)]
    let termIndex: PatternIndex
    /// Role phrases for the language.
    let roles: [Role]
    let roleIndex: PatternIndex
    /// The first words and prefixes of all of them, numbered.
    let vocabulary: PatternIndex.Vocabulary

    init(language: Language, targets: [Target], cues: [Cue], roles: [Role]) {
      reporting = cues.filter { $0.cueClass == .reporting }.map(\.pattern)
      terms = targets.flatMap { target in
        target.terms.filter { $0.languages.map { $0.contains(language) } ?? true }.map { (target.id, $0.pattern) }
      }
      self.roles = roles.filter { $0.languages.map { $0.contains(language) } ?? true }
      let vocabulary = PatternIndex.Vocabulary(
        patterns: cues.map(\.pattern) + terms.map(\.pattern) + self.roles.map(\.pattern))
      self.vocabulary = vocabulary
      self.cues = PatternIndex(patterns: cues.map(\.pattern), vocabulary: vocabulary) {
        cues[$0].cueClass != .reporting
      }
      reportingIndex = PatternIndex(patterns: reporting, vocabulary: vocabulary)
      termIndex = PatternIndex(patterns: terms.map(\.pattern), vocabulary: vocabulary)
      roleIndex = PatternIndex(patterns: self.roles.map(\.pattern), vocabulary: vocabulary)
    }
  }

  /// The indexes for a lexicon language (``lexiconLanguage(for:)``).
  func indexes(for language: Language) -> Indexes {
    indexesByLanguage[language]
      ?? Indexes(language: language, targets: targets, cues: cues[language] ?? [], roles: roles)
  }

  static let languages: [Language] = [.english, .bokmal, .nynorsk]

  /// Loads `stance/` and `polarity/` under `directory`; a bad row stops with `file:line: reason`.
  public init(directory: URL) throws(LexiconError) {
    let targets = try Self.readTargets(directory: directory)
    let known = Set(targets.map(\.id))
    var cues: [Language: [Cue]] = [:]
    var polarity: [Language: [String: PolarityWord]] = [:]
    for language in Self.languages {
      cues[language] = try Self.readCues(directory: directory, language: language, targets: known)
      polarity[language] = try Self.readPolarity(directory: directory, language: language)
    }
    self.init(targets: targets, cues: cues, polarity: polarity, roles: try Self.readRoles(directory: directory))
  }

  static func readRoles(directory: URL) throws(LexiconError) -> [Role] {
    let name = "stance/roles.tsv"
    let url = directory.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    let table = try TSVTable(contentsOf: url, name: name)
    let columns = try ["pattern", "langs", "entity"].map { (column) throws(LexiconError) in try table.index(of: column)
    }
    var roles: [Role] = []
    for row in table.rows {
      let text = row.cells[columns[0]]
      let pattern: StancePattern
      do { pattern = try StancePattern(parsing: text) } catch {
        throw .invalidEntry(file: name, line: row.line, reason: "pattern \"\(text)\" \(error.reason)")
      }
      guard !pattern.hasTargetSlot, !pattern.hasHolderSlot, !pattern.hasEntitySlot else {
        throw .invalidEntry(file: name, line: row.line, reason: "a role cannot have <T>, <H> or <E> slots")
      }
      let entity = row.cells[columns[2]]
      guard !entity.isEmpty else { throw .invalidEntry(file: name, line: row.line, reason: "entity id is empty") }
      roles.append(
        Role(
          pattern: pattern, languages: try languageSet(row.cells[columns[1]], file: name, line: row.line),
          entity: entity))
    }
    return roles
  }

  /// The cue and polarity language for text in `language`: Danish and Swedish read as Bokmål,
  /// everything else that is not Norwegian as English.
  public static func lexiconLanguage(for language: Language) -> Language {
    switch language {
    case .bokmal, .danish, .swedish: .bokmal
    case .nynorsk: .nynorsk
    default: .english
    }
  }

  static func languageSet(_ cell: String, file: String, line: Int) throws(LexiconError) -> Set<Language>? {
    if cell == "any" { return nil }
    var set = Set<Language>()
    for code in cell.split(separator: ",") {
      let language = Language(rawValue: String(code))
      guard Self.languages.contains(language) else {
        throw .invalidEntry(
          file: file, line: line, reason: "langs must be any or a list of en, nb, nn; got \"\(cell)\"")
      }
      set.insert(language)
    }
    return set
  }

  static func readTargets(directory: URL) throws(LexiconError) -> [Target] {
    let name = "stance/targets.tsv"
    let table = try TSVTable(contentsOf: directory.appendingPathComponent(name), name: name)
    let columns = try ["target", "kind", "langs", "value"].map { (column) throws(LexiconError) in
      try table.index(of: column)
    }
    var targets: [Target] = []
    var index: [String: Int] = [:]
    for row in table.rows {
      let id = row.cells[columns[0]]
      let kind = row.cells[columns[1]]
      let value = row.cells[columns[3]]
      guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
        throw .invalidEntry(file: name, line: row.line, reason: "target \"\(id)\" is not a snake_case id")
      }
      let position = index[id] ?? targets.count
      if position == targets.count {
        index[id] = position
        targets.append(Target(id: id, entityIDs: [], terms: []))
      }
      let languages = try languageSet(row.cells[columns[2]], file: name, line: row.line)
      switch kind {
      case "entity":
        guard !value.isEmpty else { throw .invalidEntry(file: name, line: row.line, reason: "entity id is empty") }
        targets[position].entityIDs.insert(value)
      case "term":
        let pattern: StancePattern
        do { pattern = try StancePattern(parsing: value) } catch {
          throw .invalidEntry(file: name, line: row.line, reason: "term \"\(value)\" \(error.reason)")
        }
        guard !pattern.hasTargetSlot, !pattern.hasHolderSlot else {
          throw .invalidEntry(file: name, line: row.line, reason: "a term cannot have <T> or <H> slots")
        }
        targets[position].terms.append(Term(pattern: pattern, languages: languages, location: "\(name):\(row.line)"))
      default:
        throw .invalidEntry(file: name, line: row.line, reason: "kind must be entity or term, got \"\(kind)\"")
      }
    }
    return targets
  }

  static func readCues(directory: URL, language: Language, targets: Set<String>) throws(LexiconError) -> [Cue] {
    let name = "stance/\(language.rawValue).tsv"
    let table = try TSVTable(contentsOf: directory.appendingPathComponent(name), name: name)
    let columns = try ["pattern", "polarity", "weight", "class", "target"].map { (column) throws(LexiconError) in
      try table.index(of: column)
    }
    var cues: [Cue] = []
    for row in table.rows {
      func fail(_ reason: String) -> LexiconError { .invalidEntry(file: name, line: row.line, reason: reason) }
      let text = row.cells[columns[0]]
      let pattern: StancePattern
      do { pattern = try StancePattern(parsing: text) } catch { throw fail("pattern \"\(text)\" \(error.reason)") }
      guard let cueClass = CueClass(rawValue: row.cells[columns[3]]) else {
        throw fail(
          "class must be one of \(CueClass.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(row.cells[columns[3]])\""
        )
      }
      let polarity: Double
      switch (row.cells[columns[1]], cueClass.isStance) {
      case ("favor", true): polarity = 1
      case ("against", true): polarity = -1
      case ("-", false): polarity = 0
      default: throw fail("polarity must be favor or against for a stance cue and - for a \(cueClass.rawValue) row")
      }
      guard let weight = Double(row.cells[columns[2]]), weight > 0, weight <= 10 else {
        throw fail("weight must be a number above 0 and at most 10; got \"\(row.cells[columns[2]])\"")
      }
      let targetCell = row.cells[columns[4]]
      guard targetCell == "-" || targets.contains(targetCell) else {
        throw fail("target \"\(targetCell)\" is not in stance/targets.tsv (use - for the slot or nearest mention)")
      }
      cues.append(
        Cue(
          pattern: pattern, polarity: polarity, weight: weight, cueClass: cueClass,
          target: targetCell == "-" ? nil : targetCell, location: "\(name):\(row.line)"))
    }
    return cues
  }

  static func readPolarity(directory: URL, language: Language) throws(LexiconError) -> [String: PolarityWord] {
    let name = "polarity/\(language.rawValue).tsv"
    let table = try TSVTable(contentsOf: directory.appendingPathComponent(name), name: name)
    let word = try table.index(of: "word")
    let score = try table.index(of: "score")
    var words: [String: PolarityWord] = [:]
    for row in table.rows {
      guard let value = Double(row.cells[score]), (-1...1).contains(value) else {
        throw .invalidEntry(file: name, line: row.line, reason: "score must be a number in -1...1")
      }
      words[StancePattern.fold(row.cells[word])] = PolarityWord(score: value, location: "\(name):\(row.line)")
    }
    return words
  }
}
