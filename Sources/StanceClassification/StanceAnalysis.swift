import TolkCore

/// What the stance stages need to know about one document, computed once: token folds and parts,
/// sentence and paragraph of each token, target mentions, possible holders, and a pattern matcher.
struct StanceAnalysis {
  let document: Document
  let lexicon: StanceLexicon
  /// The language whose cues and polarity words apply.
  let language: Language
  let cues: [StanceLexicon.Cue]
  let polarity: [String: StanceLexicon.PolarityWord]

  /// Each token's fold, and the folds of a compound's parts.
  let folds: TokenFolds
  let parts: CompoundParts
  /// What each token's fold, and each part of ``parts`` (in the same order), are in the language's
  /// pattern vocabulary, looked up once for every index (``keys(at:)``).
  private let tokenKeys: [PatternIndex.Vocabulary.Key]
  private let partKeys: [PatternIndex.Vocabulary.Key]
  /// Whether each token is a pattern's first word or prefix, or a compound (whose parts may be): only
  /// at such tokens, or where a mention starts, can a pattern start (``mayStartPattern(of:at:)``).
  private let hasKeys: [Bool]
  /// The slots a mention starting at each token can fill.
  let slots: [PatternIndex.Slots]
  /// Whether each token may carry stance (not in boilerplate).
  let eligible: [Bool]
  /// Whether each token is in a title or heading.
  let inHeading: [Bool]
  /// Each token's paragraph.
  let paragraphOf: [Int]
  /// Token index ranges of each sentence (empty for a sentence without tokens).
  let sentenceTokens: [Range<Int>]

  /// A stretch of tokens that names a target or a holder.
  struct Mention: Hashable {
    var tokens: ClosedRange<Int>
    /// The target id (for target mentions) or the holder id.
    var id: String
    /// For a target mention named by an entity, its id; nil for a term.
    var entity: String?
  }

  let targetMentions: [Mention]
  /// Indices into `targetMentions` by first token.
  let targetsStarting: MentionGroups
  /// People and organisations (and places acting, and target terms) that can hold a stance, with
  /// pronouns resolved to the last person named before them.
  let holders: [Mention]
  let holdersStarting: MentionGroups
  /// Entity mentions (any type) as token ranges, for quoted stances towards non-targets.
  let entityMentions: [Mention]
  /// Indices into `targetMentions`, `holders` and `entityMentions` by the sentence they start in, so
  /// that every lookup costs the sentence, not the article (one 50 MB record is one article).
  let targetsInSentence: MentionGroups
  /// Indices into `entityMentions` by first token.
  let entitiesStarting: MentionGroups
  let holdersInSentence: MentionGroups
  let entitiesInSentence: MentionGroups

  static let pronouns = FoldTable(numbering: ["he", "she", "han", "hun", "ho", "hon"])

  init(document: Document, lexicon: StanceLexicon) {
    self.document = document
    self.lexicon = lexicon
    let chosen =
      document.language == .undetermined
      ? (document.languageHypotheses.max { $0.score < $1.score }?.language ?? .english) : document.language
    let language = StanceLexicon.lexiconLanguage(for: chosen)
    self.language = language
    cues = lexicon.cues[language] ?? []
    polarity = lexicon.polarity[language] ?? [:]
    let tokens = document.tokens
    folds = TokenFolds(tokens: tokens)
    let parts = CompoundParts(tokens: tokens)
    self.parts = parts
    let indexes = lexicon.indexes(for: language)
    let tokenKeys = folds.map(indexes.vocabulary.key)
    let partKeys = parts.folds.map(indexes.vocabulary.key)
    self.tokenKeys = tokenKeys
    self.partKeys = partKeys
    let keys = { (token: Int) in Self.keys(at: token, tokenKeys: tokenKeys, parts: parts, partKeys: partKeys) }
    let hasKeys = tokens.indices.map { tokenKeys[$0] != PatternIndex.Vocabulary.Key() || !parts.range(of: $0).isEmpty }
    self.hasKeys = hasKeys
    var eligible: [Bool] = []
    var inHeading: [Bool] = []
    var paragraphOf: [Int] = []
    // By index: a copy of each token would retain and release its strings.
    for position in tokens.indices {
      let sentence = tokens[position].sentence
      let paragraph =
        document.sentences.indices.contains(sentence) ? document.sentences[sentence].paragraph : 0
      let kind = document.paragraphs.indices.contains(paragraph) ? document.paragraphs[paragraph].kind : .body
      eligible.append(kind != .boilerplate)
      inHeading.append(kind == .title || kind == .heading)
      paragraphOf.append(paragraph)
    }
    self.eligible = eligible
    self.inHeading = inHeading
    self.paragraphOf = paragraphOf
    var sentenceTokens = [Range<Int>](repeating: 0..<0, count: document.sentences.count)
    var index = 0
    while index < tokens.count {
      var end = index
      while end < tokens.count && tokens[end].sentence == tokens[index].sentence { end += 1 }
      if sentenceTokens.indices.contains(tokens[index].sentence) {
        sentenceTokens[tokens[index].sentence] = index..<end
      }
      index = end
    }
    self.sentenceTokens = sentenceTokens

    // Entity mentions as token ranges.
    var entityMentions: [Mention] = []
    var kinds: [Entity.Kind] = []
    for entity in document.entities {
      guard let range = Self.tokenRange(of: entity.range, in: tokens) else { continue }
      entityMentions.append(Mention(tokens: range, id: entity.id, entity: entity.id))
      kinds.append(entity.kind)
    }
    self.entityMentions = entityMentions

    // Target mentions: entities first, then terms on tokens no entity mention of a target covers.
    var targetMentions: [Mention] = []
    // Tokens a target mention covers, by index.
    var covered = [Bool](repeating: false, count: tokens.count)
    for mention in entityMentions {
      guard let target = lexicon.targets.first(where: { $0.entityIDs.contains(mention.id) }) else { continue }
      targetMentions.append(Mention(tokens: mention.tokens, id: target.id, entity: mention.id))
      for token in mention.tokens { covered[token] = true }
    }
    let none = MentionGroups(count: 0) { $0 }
    let matcher = PatternMatcher(
      folds: folds, parts: parts, targetsStarting: none, holdersStarting: none, entitiesStarting: none, targets: [],
      holders: [], entities: [])
    var termMatches: [Mention] = []
    let terms = indexes.terms
    let termIndex = indexes.termIndex
    for range in sentenceTokens where !range.isEmpty {
      for start in range where eligible[start] && (hasKeys[start] || termIndex.hasPatternsAnywhere) {
        for index in termIndex.candidates(keys: keys(start)) {
          for match in matcher.matches(terms[index].1, at: start, before: range.upperBound) {
            termMatches.append(Mention(tokens: match.tokens, id: terms[index].0, entity: nil))
          }
        }
      }
    }
    // Longest first, then leftmost; a term never overlaps an entity mention or another term.
    for mention in termMatches.sorted(by: {
      ($0.tokens.count, -$0.tokens.lowerBound) > ($1.tokens.count, -$1.tokens.lowerBound)
    })
    where !mention.tokens.contains(where: { covered[$0] }) {
      targetMentions.append(mention)
      for token in mention.tokens { covered[token] = true }
    }
    targetMentions.sort { ($0.tokens.lowerBound, $0.tokens.upperBound) < ($1.tokens.lowerBound, $1.tokens.upperBound) }
    let sortedTargets = targetMentions
    self.targetMentions = sortedTargets
    targetsStarting = MentionGroups(count: sortedTargets.count) { sortedTargets[$0].tokens.lowerBound }
    targetsInSentence = MentionGroups(count: sortedTargets.count) {
      tokens[sortedTargets[$0].tokens.lowerBound].sentence
    }
    entitiesStarting = MentionGroups(count: entityMentions.count) { entityMentions[$0].tokens.lowerBound }
    entitiesInSentence = MentionGroups(count: entityMentions.count) {
      tokens[entityMentions[$0].tokens.lowerBound].sentence
    }

    // Holders: people, organisations and places as they act; target terms ("the government said");
    // pronouns for the last person named.
    var holders: [Mention] = []
    for (mention, kind) in zip(entityMentions, kinds) where kind != .miscellaneous {
      holders.append(mention)
    }
    // A term can hold a stance only for a target made of actors ("the government said"); talks do not speak.
    let actors = Set(lexicon.targets.filter { !$0.entityIDs.isEmpty }.map(\.id))
    for mention in targetMentions where mention.entity == nil && actors.contains(mention.id) {
      holders.append(Mention(tokens: mention.tokens, id: mention.id, entity: nil))
    }
    // Role phrases ("Venezuelas president") are people for speakers and pronouns, unless a name follows.
    let roles = indexes.roles
    let roleIndex = indexes.roleIndex
    let entityStarts = Set(entityMentions.map(\.tokens.lowerBound))
    var roleMentions: [Mention] = []
    var nextFree = 0
    for range in sentenceTokens where !range.isEmpty {
      for start in range
      where start >= nextFree && eligible[start] && (hasKeys[start] || roleIndex.hasPatternsAnywhere) {
        for index in roleIndex.candidates(keys: keys(start)) {
          guard let match = matcher.firstMatch(roles[index].pattern, at: start, before: range.upperBound),
            !entityStarts.contains(match.tokens.upperBound + 1), !match.tokens.contains(where: { covered[$0] })
          else { continue }
          roleMentions.append(Mention(tokens: match.tokens, id: roles[index].entity, entity: roles[index].entity))
          nextFree = match.tokens.upperBound + 1
          break
        }
      }
    }
    holders += roleMentions
    var lastPerson: String?
    var people = (zip(entityMentions, kinds).filter { $0.1 == .person }.map(\.0) + roleMentions)
      .sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }[...]
    for position in tokens.indices {
      while let next = people.first, next.tokens.upperBound < position {
        lastPerson = next.id
        people = people.dropFirst()
      }
      if tokens[position].kind == .word, let lastPerson, Self.pronouns.contains(tokens[position].fold) {
        holders.append(Mention(tokens: position...position, id: lastPerson, entity: nil))
      }
    }
    holders.sort { ($0.tokens.lowerBound, $0.tokens.upperBound) < ($1.tokens.lowerBound, $1.tokens.upperBound) }
    let sortedHolders = holders
    self.holders = sortedHolders
    holdersStarting = MentionGroups(count: sortedHolders.count) { sortedHolders[$0].tokens.lowerBound }
    holdersInSentence = MentionGroups(count: sortedHolders.count) {
      tokens[sortedHolders[$0].tokens.lowerBound].sentence
    }
    var slots = [PatternIndex.Slots](repeating: [], count: tokens.count)
    for mention in sortedTargets { slots[mention.tokens.lowerBound].insert(.target) }
    for mention in sortedHolders { slots[mention.tokens.lowerBound].insert(.holder) }
    for mention in entityMentions { slots[mention.tokens.lowerBound].insert(.entity) }
    self.slots = slots
  }

  /// The first and last token a code-point range touches.
  static func tokenRange(of range: Range<Int>, in tokens: [Token]) -> ClosedRange<Int>? {
    var low = 0
    var high = tokens.count
    while low < high {
      let middle = (low + high) / 2
      if tokens[middle].end <= range.lowerBound { low = middle + 1 } else { high = middle }
    }
    guard low < tokens.count, tokens[low].start < range.upperBound else { return nil }
    var last = low
    while last + 1 < tokens.count && tokens[last + 1].start < range.upperBound { last += 1 }
    return low...last
  }

  var matcher: PatternMatcher {
    PatternMatcher(
      folds: folds, parts: parts, targetsStarting: targetsStarting, holdersStarting: holdersStarting,
      entitiesStarting: entitiesStarting, targets: targetMentions, holders: holders, entities: entityMentions)
  }

  /// False where no pattern of `index` can start at `token`, where ``PatternIndex/candidates(keys:slots:)``
  /// is empty: the token has no key, starts no mention and no pattern starts with `*` (most tokens, which
  /// the loops over patterns skip without building their keys).
  func mayStartPattern(of index: PatternIndex, at token: Int) -> Bool {
    hasKeys[token] || !slots[token].isEmpty || index.hasPatternsAnywhere
  }

  /// What token `token` is in the pattern vocabulary.
  func keys(at token: Int) -> PatternIndex.Vocabulary.Keys {
    Self.keys(at: token, tokenKeys: tokenKeys, parts: parts, partKeys: partKeys)
  }

  private static func keys(
    at token: Int, tokenKeys: [PatternIndex.Vocabulary.Key], parts: CompoundParts,
    partKeys: [PatternIndex.Vocabulary.Key]
  ) -> PatternIndex.Vocabulary.Keys {
    let range = parts.range(of: token)
    return PatternIndex.Vocabulary.Keys(key: tokenKeys[token], parts: range.isEmpty ? [] : partKeys[range])
  }

  /// The sentence of a token.
  func sentence(of token: Int) -> Int { document.tokens[token].sentence }

  /// Target mentions, holders and entity mentions that start in `sentence`, in text order.
  func targets(in sentence: Int) -> [Mention] { targetsInSentence[sentence].map { targetMentions[$0] } }
  func holders(in sentence: Int) -> [Mention] { holdersInSentence[sentence].map { holders[$0] } }
  func entities(in sentence: Int) -> [Mention] { entitiesInSentence[sentence].map { entityMentions[$0] } }

  /// The code-point span of tokens.
  func span(_ tokens: ClosedRange<Int>) -> Range<Int> {
    document.tokens[tokens.lowerBound].start..<document.tokens[tokens.upperBound].end
  }
}

/// Matches stance patterns against tokens.
struct PatternMatcher {
  let folds: TokenFolds
  let parts: CompoundParts
  let targetsStarting: MentionGroups
  let holdersStarting: MentionGroups
  let entitiesStarting: MentionGroups
  let targets: [StanceAnalysis.Mention]
  let holders: [StanceAnalysis.Mention]
  let entities: [StanceAnalysis.Mention]

  struct Match: Hashable {
    var tokens: ClosedRange<Int>
    /// The target mention the `<T>` slot took.
    var target: Int?
    /// The holder the `<H>` slot took.
    var holder: Int?
    /// The entity mention the `<E>` slot took.
    var entity: Int?
    /// Tokens a gap or `*` took (where a negation may hide).
    var looseTokens: [Int]
    /// Whether every word element matched a whole token (not a compound's part).
    var wholeTokens: Bool
  }

  func matchesWord(_ element: StancePattern.Element, _ token: Int) -> (matched: Bool, whole: Bool) {
    switch element {
    case .word(let word):
      if folds[token] == word { return (true, true) }
      return (parts[token].contains(word), false)
    case .prefix(let stem):
      if folds[token].hasPrefix(stem) { return (true, true) }
      return (parts[token].contains { $0.hasPrefix(stem) }, false)
    default:
      return (false, false)
    }
  }

  /// Every way `pattern` matches from `start` within tokens before `limit`, shortest gaps first.
  func matches(_ pattern: StancePattern, at start: Int, before limit: Int) -> [Match] {
    var results: [Match] = []
    search(pattern, at: start, before: limit) { match in
      results.append(match)
      return false
    }
    return results
  }

  /// The first of ``matches(_:at:before:)``, found without looking for the others.
  func firstMatch(_ pattern: StancePattern, at start: Int, before limit: Int) -> Match? {
    var first: Match?
    search(pattern, at: start, before: limit) { match in
      first = match
      return true
    }
    return first
  }

  /// Calls `found` with each match in order until it returns true.
  private func search(_ pattern: StancePattern, at start: Int, before limit: Int, found: (Match) -> Bool) {
    var stopped = false
    func step(_ element: Int, _ position: Int, _ match: Match) {
      guard element < pattern.elements.count else {
        // A slot must not swallow the holder as the target or the target as the holder.
        if let target = match.target, let holder = match.holder, targets[target].tokens.overlaps(holders[holder].tokens)
        {
          return
        }
        var done = match
        done.tokens = start...(position - 1)
        stopped = found(done)
        return
      }
      switch pattern.elements[element] {
      case .gap:
        for length in 0...StancePattern.longestGap where !stopped && position + length <= limit {
          var next = match
          next.looseTokens += Array(position..<(position + length))
          step(element + 1, position + length, next)
        }
      case .any:
        guard position < limit else { return }
        var next = match
        next.looseTokens.append(position)
        step(element + 1, position + 1, next)
      case .target:
        for index in targetsStarting[position] where !stopped && targets[index].tokens.upperBound < limit {
          var next = match
          next.target = index
          step(element + 1, targets[index].tokens.upperBound + 1, next)
        }
      case .holder:
        for index in holdersStarting[position] where !stopped && holders[index].tokens.upperBound < limit {
          var next = match
          next.holder = index
          step(element + 1, holders[index].tokens.upperBound + 1, next)
        }
      case .entity:
        for index in entitiesStarting[position] where !stopped && entities[index].tokens.upperBound < limit {
          var next = match
          next.entity = index
          step(element + 1, entities[index].tokens.upperBound + 1, next)
        }
      case .word, .prefix:
        guard position < limit else { return }
        let (matched, whole) = matchesWord(pattern.elements[element], position)
        guard matched else { return }
        var next = match
        next.wholeTokens = next.wholeTokens && whole
        step(element + 1, position + 1, next)
      }
    }
    step(
      0, start, Match(tokens: start...start, target: nil, holder: nil, entity: nil, looseTokens: [], wholeTokens: true))
  }
}

/// Each token's fold, read from the tokens rather than copied (a 50 MB article has ten million).
struct TokenFolds: RandomAccessCollection {
  let tokens: [Token]
  var startIndex: Int { tokens.startIndex }
  var endIndex: Int { tokens.endIndex }
  subscript(position: Int) -> String { tokens[position].fold }
}
