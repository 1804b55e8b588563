import TolkCore

/// Patterns by their first element, so that matching tries at each token only the patterns that can
/// start there, not every pattern. Built once per lexicon and language (``StanceLexicon/Indexes``).
///
/// First words and prefixes are numbered by a ``Vocabulary`` that a language's indexes share, so a
/// document's tokens are looked up in it once (``Vocabulary/key(_:)``, through
/// ``StanceAnalysis/keys(at:)``), and each index then finds its patterns by number.
struct PatternIndex: Sendable {
  /// Patterns by the number of their first word, and by the number of the first three letters of
  /// their first prefix (`ver*` → `ver`).
  private var byWord: [[Int]]
  private var byPrefix: [[Int]]
  /// Patterns that start with `*`: tried everywhere.
  private var anywhere: [Int] = []
  /// Patterns that start with a slot: tried only where a mention of that kind starts.
  private var atTarget: [Int] = []
  private var atHolder: [Int] = []
  private var atEntity: [Int] = []

  /// The first words and three-letter prefixes of the patterns of one language, numbered.
  struct Vocabulary: Sendable {
    private let words: FoldTable
    private let prefixes: FoldTable

    init(patterns: [StancePattern]) {
      var words: [String: Int32] = [:]
      var prefixes: [String: Int32] = [:]
      for pattern in patterns {
        switch pattern.elements.first {
        case .word(let word): if words[word] == nil { words[word] = Int32(words.count) }
        case .prefix(let stem):
          let key = String(stem.prefix(3))
          if prefixes[key] == nil { prefixes[key] = Int32(prefixes.count) }
        default: break
        }
      }
      self.words = FoldTable(words)
      self.prefixes = FoldTable(prefixes)
    }

    var wordCount: Int { words.count }
    var prefixCount: Int { prefixes.count }
    func word(_ word: String) -> Int32? { words.value(for: word) }
    func prefix(of stem: String) -> Int32? { prefixes.value(for: Self.firstThreeCharacters(of: stem)) }

    /// `stem.prefix(3)`. When the first four bytes are ASCII other than a carriage return (the one
    /// ASCII character a later one joins into a single character), they are four characters, so the
    /// first three are the first three bytes, found without breaking the text into characters.
    static func firstThreeCharacters(of stem: String) -> Substring {
      let utf8 = stem.utf8
      var end = utf8.startIndex
      var count = 0
      while count < 4, end != utf8.endIndex {
        let byte = utf8[end]
        guard byte < 0x80, byte != 0x0D else { return stem.prefix(3) }
        count += 1
        if count <= 3 { end = utf8.index(after: end) }
      }
      return stem[..<end]
    }

    /// What a word is in the vocabulary: the numbers of the word and of its prefix, -1 for none (plain
    /// numbers, as a document keeps one per token: a 50 MB article has ten million tokens).
    struct Key: Sendable, Hashable {
      var word: Int32 = -1
      var prefix: Int32 = -1
    }

    /// What one token (its fold, and a compound's parts) is in the vocabulary.
    struct Keys: Sendable {
      var key: Key
      /// The same for each part of a compound (empty for other tokens).
      var parts: ArraySlice<Key> = []
    }

    func key(_ fold: String) -> Key {
      guard words.count > 0 || prefixes.count > 0 else { return Key() }
      if let quick = fold.utf8.withContiguousStorageIfAvailable(quickKey), let quick { return quick }
      return Key(word: word(fold) ?? -1, prefix: prefix(of: fold) ?? -1)
    }

    /// ``key(_:)`` from a fold's bytes in one pass (the FNV-1a hash of the first three bytes is a step
    /// on the way to the whole word's), for a fold certainly in NFC whose first three characters are its
    /// first three bytes (as in ``firstThreeCharacters(of:)``); nil for other folds.
    private func quickKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
      var hash = FoldTable.initialHash
      var prefixHash = hash
      var highest: UInt8 = 0
      for (offset, byte) in bytes.enumerated() {
        if offset < 4 && (byte >= 0x80 || byte == 0x0D) { return nil }
        if offset == 3 { prefixHash = hash }
        hash = FoldTable.hash(hash, adding: byte)
        highest = max(highest, byte)
      }
      guard highest < 0xCC else { return nil }
      if bytes.count <= 3 { prefixHash = hash }
      let prefix = UnsafeBufferPointer(rebasing: bytes[..<min(bytes.count, 3)])
      return Key(
        word: words.value(nfcBytes: bytes, hash: hash) ?? -1,
        prefix: prefixes.value(nfcBytes: prefix, hash: prefixHash) ?? -1)
    }
  }

  /// Indexes `patterns` (by their position in the array), leaving out those `include` rejects; every
  /// pattern's first word or prefix must be in `vocabulary`.
  init(patterns: [StancePattern], vocabulary: Vocabulary, include: (Int) -> Bool = { _ in true }) {
    byWord = Array(repeating: [], count: vocabulary.wordCount)
    byPrefix = Array(repeating: [], count: vocabulary.prefixCount)
    for (index, pattern) in patterns.enumerated() where include(index) {
      switch pattern.elements.first {
      case .word(let word):
        guard let key = vocabulary.word(word) else { preconditionFailure("\(word) is not in the vocabulary") }
        byWord[Int(key)].append(index)
      case .prefix(let stem):
        guard let key = vocabulary.prefix(of: stem) else { preconditionFailure("\(stem) is not in the vocabulary") }
        byPrefix[Int(key)].append(index)
      case .target: atTarget.append(index)
      case .holder: atHolder.append(index)
      case .entity: atEntity.append(index)
      default: anywhere.append(index)
      }
    }
  }

  /// Whether some pattern starts with `*` and is tried at every token (no shipped pattern does).
  var hasPatternsAnywhere: Bool { !anywhere.isEmpty }

  /// Which slots a mention starting at a token can fill.
  struct Slots: OptionSet, Sendable {
    let rawValue: UInt8
    static let target = Slots(rawValue: 1)
    static let holder = Slots(rawValue: 2)
    static let entity = Slots(rawValue: 4)
  }

  /// The patterns that may match at a token with `keys`, in index order, given the slots a mention
  /// starting there fills.
  func candidates(keys: Vocabulary.Keys, slots: Slots = []) -> [Int] {
    // At most tokens no pattern starts by word, by prefix or at a mention.
    if keys.key == Vocabulary.Key(), keys.parts.isEmpty, slots.isEmpty { return anywhere }
    // Each list is in index order without repeats, so when only one has patterns (at most tokens, none
    // has) it is the answer as it stands, and nothing is allocated.
    var only: [Int] = []
    var lists = 0
    var result: [Int] = []
    func add(_ list: [Int]) {
      guard !list.isEmpty else { return }
      lists += 1
      if lists == 1 {
        only = list
        return
      }
      if lists == 2 { result = only }
      result += list
    }
    add(anywhere)
    if slots.contains(.target) { add(atTarget) }
    if slots.contains(.holder) { add(atHolder) }
    if slots.contains(.entity) { add(atEntity) }
    func addPatterns(startingWith key: Vocabulary.Key) {
      if key.word >= 0 { add(byWord[Int(key.word)]) }
      if key.prefix >= 0 { add(byPrefix[Int(key.prefix)]) }
    }
    addPatterns(startingWith: keys.key)
    for part in keys.parts { addPatterns(startingWith: part) }
    guard lists > 1 else { return only }
    result.sort()
    var unique = 1
    for position in 1..<result.count where result[position] != result[unique - 1] {
      result[unique] = result[position]
      unique += 1
    }
    result.removeLast(result.count - unique)
    return result
  }
}
