import TolkCore

extension EntityTagger {
  /// What the lexicon says about each token of `document` (resolved lexicon mentions, boilerplate
  /// included): the features the entity model is trained and run with.
  public func gazetteerMarks(for document: Document) -> [EntityModelFeatures.GazetteerMark] {
    let context = Context(document)
    return Self.gazetteerMarks(Self.resolve(lexiconCandidates(in: context)), tokenCount: document.tokens.count)
  }

  /// What the person-name list says about each token of `document` (``PersonNameList/marks(for:)``):
  /// the person-name features the entity model is trained and run with.
  public func personNameMarks(for document: Document) -> [PersonNameList.Kinds] {
    lexicon.personNames.marks(for: document.tokens)
  }

  static func gazetteerMarks(_ listed: [Candidate], tokenCount: Int) -> [EntityModelFeatures.GazetteerMark] {
    var marks = [EntityModelFeatures.GazetteerMark](repeating: .none, count: tokenCount)
    for candidate in listed {
      let kind = candidate.entity.kind
      if candidate.entity.inCompound {
        marks[candidate.tokens.lowerBound] = .inCompound(kind)
        continue
      }
      for index in candidate.tokens {
        marks[index] = index == candidate.tokens.lowerBound ? .begin(kind) : .inside(kind)
      }
    }
    return marks
  }

  /// Entity types of the model's tags: NorNE's GPE_LOC is a place with a government, GPE_ORG the
  /// government acting (an organisation), PROD, EVT and MISC other names; DRV (words derived from names,
  /// "norsk") is not a mention.
  static func kind(ofModelType type: String) -> Entity.Kind? {
    switch type {
    case "PER": .person
    case "ORG", "GPE_ORG": .organisation
    case "LOC": .location
    case "GPE_LOC", "GPE": .geopolitical
    case "PROD", "EVT", "MISC": .miscellaneous
    default: nil
    }
  }

  /// Mentions the trained model finds, sentence by sentence, outside boilerplate. Ids come from the name
  /// behind a type prefix as for rule mentions; places with and without a government share `loc:` so an
  /// unlisted place gets the same id whichever model found it.
  func modelCandidates(in context: Context, listed: [Candidate]) -> [Candidate] {
    guard let (stem, model) = models.model(for: context.document) else { return [] }
    let tokens = context.document.tokens
    guard !tokens.isEmpty else { return [] }
    let marks = Self.gazetteerMarks(listed, tokenCount: tokens.count)
    let personNames = model.header.features.usesPersonNames ? personNameMarks(for: context.document) : []
    var candidates: [Candidate] = []
    var buffer: ([UInt64], [Int]) = ([], [])
    for span in context.sentenceSpans {
      let (start, end) = (span.lowerBound, span.upperBound)
      guard (start...end).contains(where: { context.eligible[$0] }) else { continue }
      let sentence = EntityModelFeatures.Sentence(
        tokens: tokens[start...end], scalars: context.scalars, gazetteer: Array(marks[start...end]),
        personNames: personNames.isEmpty ? [] : Array(personNames[start...end]))
      for mention in model.mentions(in: sentence, clusters: models.clusters, buffer: &buffer) {
        guard let found = Self.kind(ofModelType: mention.type) else { continue }
        let (span, kind) = Self.corrected(
          start + mention.tokens.lowerBound...start + mention.tokens.upperBound, kind: found, in: context)
        let (first, last) = (span.lowerBound, span.upperBound)
        guard mention.confidence >= configuration.minimumModelConfidence,
          // A demonym ("Venezuelan") is a relation, not a name.
          first < last || lexicon.demonyms(for: tokens[first].fold).isEmpty,
          (first...last).allSatisfy({ context.eligible[$0] }), tokens[first].kind != .punct, tokens[last].kind != .punct
        else { continue }
        let range = tokens[first].start..<tokens[last].end
        let prefix = kind == .geopolitical ? Entity.Kind.location.idPrefix : kind.idPrefix
        let slug = Self.slug(tokens[first...last].map(\.fold).joined(separator: " "), fallback: context.surface(range))
        candidates.append(
          Candidate(
            entity: Entity(
              start: range.lowerBound, end: range.upperBound, kind: kind, id: "\(prefix):\(slug)",
              source: "model:ner/\(stem).bin", sentence: tokens[first].sentence,
              confidence: (mention.confidence * 10_000).rounded() / 10_000),
            origin: .model, tokens: first...last))
      }
    }
    return candidates
  }

  /// A model mention's tokens and type after two corrections its training data does not teach well:
  /// capitalised titles before a person are not part of the name ("Justice Scalia" → "Scalia", "Lord
  /// Diplock" → "Diplock", as GUM, UNER and NorNE annotate), and a "person" of two or more words with an
  /// organisation or place word in it is an organisation or a place ("Atlantic Lottery Corporation",
  /// "Norton Bridge"; nb "Sparebanken Vest Bank"), and a "person" that starts with or follows a storm
  /// word is an event ("Cyclone Phailin", "Hurricane Rita").
  static func corrected(_ span: ClosedRange<Int>, kind: Entity.Kind, in context: Context)
    -> (span: ClosedRange<Int>, kind: Entity.Kind)
  {
    guard kind == .person else { return (span, kind) }
    let tokens = context.document.tokens
    var first = span.lowerBound
    while first < span.upperBound, ScalarProperties.isUppercase(context.scalars[tokens[first].start]),
      NameCues.personTitlesBefore.contains(tokens[first].fold) || NameCues.honorifics.contains(tokens[first].fold)
    {
      first += 1
    }
    // A storm's name after its word, inside the mention or right before it, is an event.
    let before = span.lowerBound > 0 && tokens[span.lowerBound - 1].sentence == tokens[span.lowerBound].sentence
    if NameCues.stormWords.contains(tokens[first].fold)
      || (before && NameCues.stormWords.contains(tokens[span.lowerBound - 1].fold))
    {
      return (span, .miscellaneous)
    }
    guard first < span.upperBound else { return (first...span.upperBound, kind) }
    let folds = tokens[first...span.upperBound].map(\.fold)
    if folds.contains(where: NameCues.organisationWords.contains) { return (first...span.upperBound, .organisation) }
    if folds.contains(where: NameCues.placeWords.contains) { return (first...span.upperBound, .location) }
    return (first...span.upperBound, kind)
  }
}
