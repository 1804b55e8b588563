import Foundation
import TolkCore

/// Finds people, organisations and places and gives each mention a canonical id shared across
/// languages.
///
/// Rules, in order:
/// 1. Lexicon names, longest first, matched on the tokens' `fold` (en "Nicolas Maduro", nb "Den
///    dominikanske republikk"), with the case rules of the lexicon: a capitalised name needs a
///    capitalised word, an all-caps name ("US", "FN") all-caps text, so "us" and "norge" are not names.
///    In Bokmål and Nynorsk a genitive -s is part of the mention ("Norges" → norway, "FNs" →
///    united_nations); English possessives are tokens of their own already ("Maduro" "'s"). A name inside
///    a hyphenated compound is a mention of just that part, marked `inCompound` ("FARC" in
///    "FARC-geriljaen", "Oslo" in "Oslo-samtalene").
/// 2. The trained model (``EntityModel``, `lexicons/ner/`), sentence by sentence, for the names nobody
///    listed; its mentions get an id from their name behind a type prefix (`per:antonio_ledezma`) and a
///    confidence. Lexicon names come first; the model only types a listed name in context ("Norge" as a
///    state acting is ORG) and replaces a listed name inside a longer name it is sure of ("Oslo" in "Oslo
///    universitetssykehus").
/// 3. Only where no model covers the language: capitalised words the lexicon does not know ("Antonio
///    Ledezma", "ALnavió", "Union Radio"), typed by cues around them (a title before: "borgermester",
///    "President"; a reporting verb after: "sa", "said"; an organisation word inside or before: "Radio",
///    "nettavisen"). A word that only starts a sentence is not a name.
/// 4. A later short form of a name seen earlier in the article gets its id ("Ledezma" → per:antonio_ledezma).
/// 5. A person named on a line of its own, the greeting or signature of a letter ("Phillip,", "Thanks,
///    Vince"), when the person-name list knows the words (``nameLineCandidates(in:excluding:)``).
/// 6. In a sentence whose first word starts in lower case, a listed name written in lower case where
///    nothing else was found ("i am from mexico"): such writers do not capitalise names either.
/// Demonyms and place adjectives ("Norwegian", "venezuelanske") become relations, not mentions.
/// Boilerplate paragraphs (photo credits, "Latest News") are skipped.
public struct EntityTagger: Annotator {
  public let name = "entities"
  public let requires: Set<Layer> = [.language, .paragraphs, .sentences, .tokens]
  public let provides: Set<Layer> = [.entities]

  public let lexicon: EntityLexicon
  /// The trained models; with none, the tagger uses the lexicon and rules only.
  public let models: EntityModelSet
  public let configuration: Configuration

  /// Which finders run. The default runs all three; `tolk eval entities` measures each alone.
  public struct Configuration: Sendable, Hashable {
    public var sources: Set<Candidate.Origin>
    /// Model mentions less probable than this (0...1) are dropped; 0.3 measured best on the dev splits.
    public var minimumModelConfidence: Double

    public init(sources: Set<Candidate.Origin> = [.lexicon, .model, .rule], minimumModelConfidence: Double = 0.3) {
      self.sources = sources
      self.minimumModelConfidence = minimumModelConfidence
    }
  }

  public init(
    lexicon: EntityLexicon, models: EntityModelSet = EntityModelSet(models: [:], clusters: nil),
    configuration: Configuration = .init()
  ) {
    self.lexicon = lexicon
    self.models = models
    self.configuration = configuration
  }

  /// A possible mention before overlaps are resolved.
  public struct Candidate: Sendable, Hashable {
    /// What found a mention, in order of trust: a listed name, the trained model, a capitalisation rule.
    public enum Origin: Int, Sendable, Comparable {
      case lexicon, model, rule
      public static func < (lhs: Origin, rhs: Origin) -> Bool { lhs.rawValue < rhs.rawValue }
    }
    public var entity: Entity
    public var origin: Origin
    /// Token indices the mention covers.
    public var tokens: ClosedRange<Int>
  }

  public func annotate(_ document: inout Document) throws {
    let context = Context(document)
    let listed = Self.resolve(lexiconCandidates(in: context))
    // People named on a line of their own ("Phillip,", "Thanks, Vince"), where the model has no context;
    // a model mention inside such a name gives way to it ("Harvey" of "Jolene Harvey").
    let nameLineFound =
      configuration.sources.contains(.rule)
      ? nameLineCandidates(in: context, excluding: Set(listed.flatMap { Array($0.tokens) })) : []
    let nameLineTokens = Set(nameLineFound.flatMap { Array($0.tokens) })
    var modelFound =
      configuration.sources.contains(.model)
      ? modelCandidates(in: context, listed: listed).filter { !$0.tokens.contains(where: nameLineTokens.contains) }
      : []
    // Only a model that learnt NorNE's GPE_ORG tells a state acting from the place; the English model's
    // ORG for a state comes from NorNE alone, while English annotation (GUM, UNER) keeps states places.
    let statesAct = models.model(for: context.document)?.model.tags.contains { $0.hasSuffix("-GPE_ORG") } ?? false
    var found =
      configuration.sources.contains(.lexicon)
      ? Self.typedInContext(listed, by: modelFound, statesAct: statesAct) : []
    // Organisations named around a listed place or the model's pieces ("National Library of the
    // Netherlands") replace them.
    let organisationFound =
      configuration.sources.contains(.rule)
      ? organisationNameCandidates(in: context, listed: listed, modelFound: modelFound) : []
    let organisationTokens = Set(organisationFound.flatMap { Array($0.tokens) })
    found.removeAll { $0.tokens.contains(where: organisationTokens.contains) }
    modelFound.removeAll { $0.tokens.contains(where: organisationTokens.contains) }
    let taken: [Candidate] = found + modelFound + nameLineFound + organisationFound
    let covered = Set(taken.flatMap { Array($0.tokens) })
    // Capitalisation rules stand in for a model; where one runs, they only add false names.
    let ruleFound =
      configuration.sources.contains(.rule)
        && (!configuration.sources.contains(.model) || models.model(for: context.document) == nil)
      ? ruleCandidates(in: context, excluding: covered) : []
    // Names a writer left in lower case, in sentences written in lower case, where nothing else was found.
    let lowerCaseFound =
      configuration.sources.contains(.lexicon)
      ? lowerCaseCandidates(in: context, excluding: covered.union(ruleFound.flatMap { Array($0.tokens) })) : []
    let chosen = Self.resolve(taken + ruleFound + lowerCaseFound)
    document.entities = Self.resolvingShortForms(chosen, in: context).map(\.entity)
    document.relations = relations(in: context, excluding: chosen)
  }

  /// Listed names with the type the model gives the same words in context, where it is confident
  /// (0.6 or more): "Norge" is a place, but the state acting in "Norge stemte mot" is an organisation,
  /// and a newspaper's name may be the publication rather than the company. The id stays the lexicon's.
  /// A listed place becomes an organisation only when `statesAct` (the model has NorNE's GPE_ORG): the
  /// English model would make "North Korea has nuclear weapons" an organisation.
  /// A listed name inside a longer name the model found gives way to it: "Oslo" in "Oslo
  /// universitetssykehus", "Washington" in "The Washington Times", "Atlantic" in "Atlantic Lottery
  /// Corporation"; so does a listed part of a hyphenated word the model names whole ("Telemark" in
  /// "Vest-Telemark", "København" in "København-møtet").
  static func typedInContext(_ listed: [Candidate], by modelFound: [Candidate], statesAct: Bool = true)
    -> [Candidate]
  {
    guard !modelFound.isEmpty else { return listed }
    let byTokens = Dictionary(modelFound.map { ($0.tokens, $0) }, uniquingKeysWith: { first, _ in first })
    // The longer model mention covering each token (model mentions never overlap each other). Any
    // mention the model keeps counts: a place the lexicon lists is seldom alone in a capitalised run
    // that the model calls one name, and 0.6 as for types measured worse (GUM dev 59.2, not 59.8).
    var coveringModel: [Int: ClosedRange<Int>] = [:]
    for model in modelFound where model.tokens.count > 1 {
      for token in model.tokens { coveringModel[token] = model.tokens }
    }
    return listed.filter { candidate in
      if candidate.entity.inCompound, byTokens[candidate.tokens] != nil { return false }
      guard let longer = coveringModel[candidate.tokens.lowerBound] else { return true }
      return longer == candidate.tokens || !longer.contains(candidate.tokens.upperBound)
    }.map { candidate in
      guard !candidate.entity.inCompound, let model = byTokens[candidate.tokens],
        model.entity.kind != candidate.entity.kind, (model.entity.confidence ?? 0) >= 0.6,
        // Whether a place has a government is the lexicon's to say (the English model knows only LOC).
        !(Self.isPlace(model.entity.kind) && Self.isPlace(candidate.entity.kind)),
        statesAct || !(Self.isPlace(candidate.entity.kind) && model.entity.kind == .organisation)
      else { return candidate }
      var typed = candidate
      typed.entity.kind = model.entity.kind
      return typed
    }
  }

  static func isPlace(_ kind: Entity.Kind) -> Bool { kind == .location || kind == .geopolitical }

  /// Picks non-overlapping candidates: lexicon before model before rule, then longest, then leftmost.
  public static func resolve(_ candidates: [Candidate]) -> [Candidate] {
    let ordered = candidates.sorted {
      ($0.origin, -$0.entity.range.count, $0.entity.start, $0.entity.id)
        < ($1.origin, -$1.entity.range.count, $1.entity.start, $1.entity.id)
    }
    // Code points already taken, so that each check costs the candidate's length rather than the
    // number of mentions taken so far (which made one 50 MB article take hours).
    var covered = [Bool](repeating: false, count: candidates.map(\.entity.end).max() ?? 0)
    var taken: [Candidate] = []
    for candidate in ordered where !covered[candidate.entity.range].contains(true) {
      covered.replaceSubrange(candidate.entity.range, with: repeatElement(true, count: candidate.entity.range.count))
      taken.append(candidate)
    }
    return taken.sorted { ($0.entity.start, $0.entity.end) < ($1.entity.start, $1.entity.end) }
  }

  // MARK: Context

  /// What the rules need to know about a document, computed once.
  struct Context {
    let document: Document
    let scalars: [Unicode.Scalar]
    /// Whether each token may hold a mention (not in boilerplate).
    let eligible: [Bool]
    /// Whether each token is the first word of its sentence.
    let sentenceInitial: [Bool]
    /// Whether each token is in a title or heading.
    let inHeading: [Bool]
    /// The token indices of each sentence, in order: runs of tokens with the same `sentence`.
    let sentenceSpans: [ClosedRange<Int>]
    let language: Language

    init(_ document: Document) {
      self.document = document
      // In one pass (`Array(text.unicodeScalars)` counts them first); a scalar takes at least one UTF-8
      // byte, so the byte count bounds the array.
      scalars = [Unicode.Scalar](unsafeUninitializedCapacity: document.text.utf8.count) { buffer, count in
        for scalar in document.text.unicodeScalars {
          buffer[count] = scalar
          count += 1
        }
      }
      language = document.language
      // The kind of each sentence's paragraph (nil where an index is out of range), found once per
      // sentence rather than per token.
      let paragraphKinds: [Paragraph.Kind?] = document.sentences.map {
        document.paragraphs.indices.contains($0.paragraph) ? document.paragraphs[$0.paragraph].kind : nil
      }
      let tokens = document.tokens
      var eligible: [Bool] = []
      var initial: [Bool] = []
      var heading: [Bool] = []
      eligible.reserveCapacity(tokens.count)
      initial.reserveCapacity(tokens.count)
      heading.reserveCapacity(tokens.count)
      var spans: [ClosedRange<Int>] = []
      var lastWordSentence = -1
      for index in tokens.indices {
        let sentence = tokens[index].sentence
        if index == 0 || tokens[index - 1].sentence != sentence {
          spans.append(index...index)
        } else {
          spans[spans.count - 1] = spans[spans.count - 1].lowerBound...index
        }
        let isWord = tokens[index].kind == .word
        let kind = paragraphKinds.indices.contains(sentence) ? paragraphKinds[sentence] : nil
        eligible.append(kind != .boilerplate)
        heading.append(kind == .title || kind == .heading)
        initial.append(isWord && sentence != lastWordSentence)
        if isWord { lastWordSentence = sentence }
      }
      self.eligible = eligible
      sentenceInitial = initial
      inHeading = heading
      sentenceSpans = spans
    }

    func surface(_ range: Range<Int>) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[range])
      return String(view)
    }

    var usesGenitiveS: Bool {
      language == .bokmal || language == .nynorsk || language == .undetermined || language == .danish
        || language == .swedish
    }
  }

  // MARK: Lexicon

  func lexiconCandidates(in context: Context) -> [Candidate] {
    let tokens = context.document.tokens
    let aliases = lexicon.aliases(usedIn: context.language)
    // Whether each token may start a name, asked of the lexicon's Bloom filter for all tokens first:
    // each answer reads a random line of the filter, which the model's data has evicted from the caches,
    // and only a loop that does nothing else lets the processor wait for many such reads at once.
    let mayStart = tokens.indices.map { index in
      context.eligible[index] && tokens[index].kind != .punct && lexicon.mayStartAlias(tokens[index].fold)
    }
    var candidates: [Candidate] = []
    for index in tokens.indices where context.eligible[index] && tokens[index].kind != .punct {
      // Fields, not the whole token: a copy of a Token retains each of its strings and arrays.
      let fold = tokens[index].fold
      // The fold, and for a genitive-s language the fold without a final s ("Maduros"). The last byte
      // is a quick test: a fold that ends in the character "s" ends in that byte.
      let genitive =
        context.usesGenitiveS && fold.utf8.last == UInt8(ascii: "s") && fold.hasSuffix("s")
          && lexicon.mayStartAlias(fold.dropLast()) && fold.count > 2
        ? String(fold.dropLast()) : nil
      // A fold the filter turns away starts no name (`aliases(startingWith:)` would find none).
      var matchedWhole =
        mayStart[index]
        && addLexiconCandidates(startingWith: fold, from: aliases, at: index, in: context, to: &candidates)
      if let genitive {
        matchedWhole =
          addLexiconCandidates(startingWith: genitive, from: aliases, at: index, in: context, to: &candidates)
          || matchedWhole
      }
      if !matchedWhole && tokens[index].parts.count > 1 {
        candidates += compoundCandidates(tokens[index], index: index, from: aliases, in: context)
      }
    }
    return candidates
  }

  /// Listed names written in lower case ("tampa bay", "mexico"), in sentences whose first word starts
  /// with a lower-case letter: a writer who does not capitalise the start of a sentence does not
  /// capitalise names either (web forums, chat, e-mail), while in edited text a lower-case "turkey" or
  /// "jordan" is a word. Names listed in capitals ("US", "FN") still need capitals ("us" is a word), and
  /// tokens in `covered` (the lexicon's other names, the model's, the rules') are left alone, so this
  /// only adds names nothing else found, and none of them is a feature of the model. The source is the
  /// lexicon entry, as for any listed name.
  func lowerCaseCandidates(in context: Context, excluding covered: Set<Int>) -> [Candidate] {
    let tokens = context.document.tokens
    let aliases = lexicon.aliases(usedIn: context.language)
    var candidates: [Candidate] = []
    var lowerCaseSentence = false
    for index in tokens.indices {
      let range = tokens[index].range
      if context.sentenceInitial[index] {
        let first = context.scalars[range].first(where: ScalarProperties.isAlphabetic)
        lowerCaseSentence = first.map { !ScalarProperties.isUppercase($0) } ?? false
      }
      guard lowerCaseSentence, context.eligible[index], tokens[index].kind == .word, !covered.contains(index),
        // Lower-case text only: a capitalised word here was for the ordinary match to take or leave.
        !context.scalars[range].contains(where: ScalarProperties.isUppercase)
      else { continue }
      var found: [Candidate] = []
      _ = addLexiconCandidates(
        startingWith: tokens[index].fold, from: aliases, at: index, in: context, to: &found, lowerCase: true)
      candidates += found.filter { !$0.tokens.contains(where: covered.contains) }
    }
    return Self.resolve(candidates)
  }

  /// Adds the names of `aliases` (those used in the document's language) whose first word is `key` that
  /// match the tokens from `index`; whether there was one. With `lowerCase`, a name listed capitalised
  /// also matches lower-case text (``lowerCaseCandidates(in:excluding:)``).
  private func addLexiconCandidates(
    startingWith key: String, from aliases: EntityLexicon.AliasIndex, at index: Int, in context: Context,
    to candidates: inout [Candidate], lowerCase: Bool = false
  ) -> Bool {
    let tokens = context.document.tokens
    let sentence = tokens[index].sentence
    var matched = false
    for alias in aliases.aliases(startingWith: key) {
      guard let end = match(alias, at: index, in: context, lowerCase: lowerCase) else { continue }
      let entry = lexicon.entries[alias.entry]
      // A surname alone after another capitalised name is someone else: "Kari Solheim" is not
      // erik_solheim, while "President Maduro" and "Nicolás Maduro" are nicolas_maduro.
      if entry.kind == .person, alias.tokens.count == 1, index > 0, tokens[index - 1].sentence == sentence,
        isCapitalisedName(index - 1, in: context), !isTitleWord(tokens[index - 1].fold)
      {
        continue
      }
      let range = tokens[index].start..<tokens[end].end
      candidates.append(
        Candidate(
          entity: Entity(
            start: range.lowerBound, end: range.upperBound, kind: entry.kind, id: entry.id,
            source: "lexicon:\(entry.location)", sentence: sentence),
          origin: .lexicon, tokens: index...end))
      matched = true
    }
    return matched
  }

  /// The last token index when `alias` matches the tokens from `start`, nil otherwise. With `lowerCase`,
  /// a word of the name listed capitalised may be written in lower case.
  private func match(_ alias: EntityLexicon.Alias, at start: Int, in context: Context, lowerCase: Bool = false)
    -> Int?
  {
    let tokens = context.document.tokens
    let end = start + alias.tokens.count - 1
    guard end < tokens.count else { return nil }
    for (offset, name) in alias.tokens.enumerated() {
      let position = start + offset
      guard tokens[position].sentence == tokens[start].sentence, context.eligible[position] else { return nil }
      let isLast = offset == alias.tokens.count - 1
      let letterCase = lowerCase && name.letterCase == .capitalised ? .any : name.letterCase
      let (fold, range) = (tokens[position].fold, tokens[position].range)
      if fold == name.fold {
        guard Self.caseAgrees(context.scalars[range], letterCase) else { return nil }
      } else if isLast, context.usesGenitiveS, fold == name.fold + "s" {
        guard Self.caseAgrees(context.scalars[range.lowerBound..<(range.upperBound - 1)], letterCase) else {
          return nil
        }
      } else if isLast, alias.inflects, fold.hasPrefix(name.fold) {
        var ending = fold.dropFirst(name.fold.count)
        if context.usesGenitiveS, ending.count > 1, ending.hasSuffix("s") { ending = ending.dropLast() }
        guard EntityLexicon.Alias.endings.contains(String(ending)),
          Self.caseAgrees(context.scalars[range], letterCase)
        else { return nil }
      } else {
        return nil
      }
    }
    return end
  }

  /// Mentions inside a hyphenated compound: each part matched alone against the one-token names of
  /// `aliases`.
  private func compoundCandidates(
    _ token: Token, index: Int, from aliases: EntityLexicon.AliasIndex, in context: Context
  ) -> [Candidate] {
    let folds = token.fold.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    guard folds.count == token.parts.count else { return [] }
    var candidates: [Candidate] = []
    for (part, fold) in zip(token.parts, folds) {
      var keys = [(fold, part)]
      if context.usesGenitiveS, fold.count > 2, fold.hasSuffix("s") {
        keys.append((String(fold.dropLast()), part.lowerBound..<(part.upperBound - 1)))
      }
      for (key, text) in keys {
        for alias in aliases.aliases(startingWith: key)
        where alias.tokens.count == 1 && Self.caseAgrees(context.scalars[text], alias.tokens[0].letterCase) {
          let entry = lexicon.entries[alias.entry]
          candidates.append(
            Candidate(
              entity: Entity(
                start: part.lowerBound, end: part.upperBound, kind: entry.kind, id: entry.id,
                source: "lexicon:\(entry.location)", sentence: token.sentence, inCompound: true),
              origin: .lexicon, tokens: index...index))
        }
      }
    }
    return candidates
  }

  /// Whether a word is a title, a title's qualifier or a demonym: not part of a name after it.
  func isTitleWord(_ fold: String) -> Bool {
    NameCues.personTitlesBefore.contains(fold) || NameCues.titleModifiers.contains(fold)
      || !lexicon.demonyms(for: fold).isEmpty
  }

  /// Whether the token is a capitalised word that is not a function word.
  func isCapitalisedName(_ index: Int, in context: Context) -> Bool {
    let token = context.document.tokens[index]
    return token.kind == .word && ScalarProperties.isUppercase(context.scalars[token.start])
      && !NameCues.functionWords.contains(token.fold)
  }

  /// A capitalised name needs a capitalised word; an all-caps name (two or more letters) all-caps text.
  static func caseAgrees(_ text: ArraySlice<Unicode.Scalar>, _ letterCase: NameToken.LetterCase) -> Bool {
    switch letterCase {
    case .any:
      return true
    case .capitalised:
      guard let first = text.first(where: ScalarProperties.isAlphabetic) else { return true }
      return ScalarProperties.isUppercase(first)
    case .allCapitals:
      return text.allSatisfy { !ScalarProperties.isAlphabetic($0) || ScalarProperties.isUppercase($0) }
    }
  }

  // MARK: Capitalised names

  private func ruleCandidates(in context: Context, excluding covered: Set<Int>) -> [Candidate] {
    let tokens = context.document.tokens
    func isCapitalised(_ index: Int) -> Bool {
      guard index < tokens.count, !covered.contains(index), context.eligible[index], tokens[index].kind == .word,
        ScalarProperties.isUppercase(context.scalars[tokens[index].start])
      else { return false }
      // Compounds are left to the lexicon, which finds the names inside them ("FARC-geriljaen").
      return tokens[index].parts.isEmpty && !NameCues.functionWords.contains(tokens[index].fold)
    }
    // Folds seen capitalised somewhere other than a sentence start: evidence that a word is a name.
    var capitalisedInside = Set<String>()
    for index in tokens.indices
    where !context.sentenceInitial[index] && !context.inHeading[index] && isCapitalised(index) {
      capitalisedInside.insert(tokens[index].fold)
    }
    var candidates: [Candidate] = []
    var unsure = Set<Int>()
    var weak = Set<Int>()
    var index = 0
    while index < tokens.count {
      guard isCapitalised(index) else {
        index += 1
        continue
      }
      var end = index
      while true {
        let next = end + 1
        guard next < tokens.count, tokens[next].sentence == tokens[index].sentence else { break }
        if isCapitalised(next) {
          end = next
        } else if NameCues.connectors.contains(tokens[next].fold), isCapitalised(next + 1),
          tokens[next + 1].sentence == tokens[index].sentence
        {
          end = next + 1
        } else {
          break
        }
      }
      defer { index = end + 1 }
      // Titles and demonyms at the front are not part of the name: "Venezuelan President Nicolas
      // Maduro", "Diplomaten Dag Nylander", "Foreign Affairs Minister Jorge Arreaza".
      var first = index
      var titled = false
      for position in index...end where isTitleWord(tokens[position].fold) {
        first = position + 1
        titled = titled || NameCues.personTitlesBefore.contains(tokens[position].fold)
      }
      guard first <= end else { continue }
      let single = first == end
      let needsEvidence = single && first == index && (context.sentenceInitial[index] || context.inHeading[index])
      let kind = titled ? .person : Self.kind(of: first...end, in: context)
      let range = tokens[first].start..<tokens[end].end
      let slug = Self.slug(tokens[first...end].map(\.fold).joined(separator: " "), fallback: context.surface(range))
      candidates.append(
        Candidate(
          entity: Entity(
            start: range.lowerBound, end: range.upperBound, kind: kind, id: "\(kind.idPrefix):\(slug)",
            source: titled ? "rule:title-cue" : "rule:capitalised-name", sentence: tokens[first].sentence),
          origin: .rule, tokens: first...end))
      if needsEvidence { unsure.insert(candidates.count - 1) }
      if single && kind == .miscellaneous { weak.insert(candidates.count - 1) }
    }
    // One capitalised word is a name only with support: it is the first or last word of a longer
    // name in the article ("Ledezma" after "Antonio Ledezma"), or, when it has no cue ("Twitter",
    // "Administration") or only starts a sentence or heading, the article also writes it capitalised
    // mid-sentence.
    var nameParts = Set<String>()
    for candidate in candidates where candidate.tokens.count > 1 {
      nameParts.insert(tokens[candidate.tokens.lowerBound].fold)
      nameParts.insert(tokens[candidate.tokens.upperBound].fold)
    }
    return candidates.indices.filter { position in
      let fold = tokens[candidates[position].tokens.lowerBound].fold
      if nameParts.contains(fold) { return true }
      if weak.contains(position) { return false }
      return !unsure.contains(position) || capitalisedInside.contains(fold)
    }.map { candidates[$0] }
  }

  /// The type of a capitalised name from the cues around and inside it.
  static func kind(of span: ClosedRange<Int>, in context: Context) -> Entity.Kind {
    let tokens = context.document.tokens
    let folds = tokens[span].map(\.fold)
    if folds.contains(where: NameCues.otherNameWords.contains) { return .miscellaneous }
    if folds.contains(where: NameCues.organisationWords.contains) { return .organisation }
    if folds.contains(where: NameCues.placeWords.contains) { return .location }
    let before = (max(0, span.lowerBound - 2)..<span.lowerBound).map { tokens[$0].fold }
    if before.contains(where: NameCues.organisationCuesBefore.contains) { return .organisation }
    if before.contains(where: NameCues.personTitlesBefore.contains) { return .person }
    let after = (span.upperBound + 1)..<min(tokens.count, span.upperBound + 3)
    let afterPreposition = span.lowerBound > 0 && NameCues.prepositions.contains(tokens[span.lowerBound - 1].fold)
    if !afterPreposition && after.contains(where: { NameCues.reportingVerbsAfter.contains(tokens[$0].fold) }) {
      return .person
    }
    if span.count >= 2 && span.count <= 4 { return .person }
    return .miscellaneous
  }

  /// `per:antonio_ledezma` from "antonio ledezma": ASCII, æ → ae, ø → o, å → a, other marks dropped;
  /// for a name with nothing left, `fallback` (its surface, only made then) as hex code points.
  static func slug(_ folded: String, fallback: @autoclosure () -> String) -> String {
    if folded.utf8.allSatisfy({ $0 < 0x80 }) {
      var ascii = ""
      for byte in folded.utf8 {
        if (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) {
          ascii.unicodeScalars.append(Unicode.Scalar(byte))
        } else if (0x41...0x5A).contains(byte) {
          ascii.unicodeScalars.append(Unicode.Scalar(byte | 0x20))
        } else if !ascii.isEmpty && !ascii.hasSuffix("_") {
          ascii += "_"
        }
      }
      while ascii.hasSuffix("_") { ascii.removeLast() }
      if !ascii.isEmpty { return ascii }
    }
    var result = ""
    for character in folded.lowercased() {
      switch character {
      case "æ": result += "ae"
      case "ø", "ö": result += "o"
      case "å", "ä": result += "a"
      case "ü": result += "u"
      case "ß": result += "ss"
      default:
        // An ASCII character is its own decomposition.
        let base =
          character.isASCII
          ? character
          : String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first.map(Character.init) ?? character
        if base.isASCII && (base.isLetter || base.isNumber) {
          result.append(base)
        } else if !result.hasSuffix("_") {
          result += "_"
        }
      }
    }
    // `result` is ASCII, so each underscore is one character.
    var trimmed = Substring(result)
    while trimmed.utf8.first == UInt8(ascii: "_") { trimmed = trimmed.dropFirst() }
    while trimmed.utf8.last == UInt8(ascii: "_") { trimmed = trimmed.dropLast() }
    return trimmed.isEmpty
      ? "u\(fallback().unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "_"))" : String(trimmed)
  }

  // MARK: Short forms and relations

  /// A one-word capitalised name equal to the first or last word of a longer name in the article
  /// takes that name's id and type: the nearest one before it, else the first one after it
  /// ("Ledezma" → per:antonio_ledezma; a lead's "Maduro" → the "Nicolas Maduro" of the next paragraph).
  static func resolvingShortForms(_ candidates: [Candidate], in context: Context) -> [Candidate] {
    let tokens = context.document.tokens
    let folds = candidates.map { tokens[$0.tokens].map(\.fold) }
    var result = candidates
    // Longer names by their first and last words, in order, so that finding the nearest full form is a
    // binary search and not a scan of all candidates (which took hours on one 50 MB article).
    var fullForms: [String: [Int]] = [:]
    for (index, words) in folds.enumerated() where words.count > 1 {
      for word in Set([words[0], words[words.count - 1]]) { fullForms[word, default: []].append(index) }
    }
    // Rule names, and one-word person names from the lexicon (surnames: "Solheim" after "Kari Solheim"
    // is Kari, not the lexicon's Erik Solheim).
    for index in result.indices
    where folds[index].count == 1
      && (result[index].origin != .lexicon || result[index].entity.kind == .person)
    {
      // The nearest full form before this mention, else the nearest after it.
      guard let positions = fullForms[folds[index][0]] else { continue }
      var low = 0
      var high = positions.count
      while low < high {
        let middle = (low + high) / 2
        if positions[middle] < index { low = middle + 1 } else { high = middle }
      }
      guard let full = low > 0 ? positions[low - 1] : positions.indices.contains(low) ? positions[low] : nil
      else { continue }
      guard candidates[full].entity.id != result[index].entity.id else { continue }
      result[index].entity.id = candidates[full].entity.id
      result[index].entity.kind = candidates[full].entity.kind
      // A model mention keeps its source and confidence: the model found it, the article names it.
      if result[index].origin != .model { result[index].entity.source = "rule:short-form" }
    }
    return result
  }

  private func relations(in context: Context, excluding chosen: [Candidate]) -> [EntityRelation] {
    let tokens = context.document.tokens
    // Whether each token is in a mention, by index: a set would hash every word of the article.
    var mentioned = [Bool](repeating: false, count: tokens.count)
    for candidate in chosen {
      for index in candidate.tokens { mentioned[index] = true }
    }
    var relations: [EntityRelation] = []
    func relate(_ range: Range<Int>, _ fold: String, sentence: Int, inCompound: Bool) {
      let demonyms = lexicon.demonyms(for: fold)
      guard !demonyms.isEmpty,
        let demonym = demonyms.first(where: { $0.languages.map { $0.contains(context.language) } ?? true })
          ?? demonyms.first(where: { _ in !EntityLexicon.Alias.languagesWithLists.contains(context.language) })
      else { return }
      relations.append(
        EntityRelation(
          start: range.lowerBound, end: range.upperBound, id: demonym.placeID, kind: .demonym,
          source: "lexicon:\(demonym.location)", sentence: sentence, inCompound: inCompound))
    }
    for index in tokens.indices
    where context.eligible[index] && !mentioned[index] && tokens[index].kind == .word {
      guard tokens[index].parts.count > 1 else {
        relate(tokens[index].range, tokens[index].fold, sentence: tokens[index].sentence, inCompound: false)
        continue
      }
      let token = tokens[index]
      let folds = token.fold.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
      guard folds.count == token.parts.count else { continue }
      for (range, fold) in zip(token.parts, folds) {
        relate(range, fold, sentence: token.sentence, inCompound: true)
      }
    }
    return relations
  }
}
