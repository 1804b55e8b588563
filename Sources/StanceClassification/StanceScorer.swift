import Foundation
import TolkCore

/// Turns cue matches into weighted evidence for (holder, target) pairs; ``StanceClassifier`` sums it.
struct StanceScorer {
  let analysis: StanceAnalysis
  let quotations: [QuotationFinder.Found]
  let configuration: StanceClassifier.Configuration

  /// One piece of evidence and the target it is about.
  struct Item {
    var target: String
    var evidence: StanceEvidence
  }

  /// A matched stance cue before it is attributed.
  struct CueMatch {
    var cue: StanceLexicon.Cue
    var match: PatternMatcher.Match
  }

  /// A matched modifier (negation, contrast, intensifier).
  struct ModifierMatch {
    var cue: StanceLexicon.Cue
    var tokens: ClosedRange<Int>
  }

  func evidence() -> [Item] {
    let tokens = analysis.document.tokens
    guard !tokens.isEmpty else { return [] }
    let matcher = analysis.matcher
    var stanceMatches: [CueMatch] = []
    var modifiers: [ModifierMatch] = []
    let candidates = analysis.lexicon.indexes(for: analysis.language).cues
    for range in analysis.sentenceTokens where !range.isEmpty && analysis.eligible[range.lowerBound] {
      for start in range where analysis.mayStartPattern(of: candidates, at: start) {
        for index in candidates.candidates(keys: analysis.keys(at: start), slots: analysis.slots[start]) {
          // The shortest gaps: "aggression … from … <E>" is about the first entity after "from". (The cue
          // is copied only once it matches: most candidates do not.)
          guard analysis.cues[index].cueClass != .reporting,
            let match = matcher.firstMatch(analysis.cues[index].pattern, at: start, before: range.upperBound)
          else { continue }
          let cue = analysis.cues[index]
          if cue.cueClass.isStance {
            stanceMatches.append(CueMatch(cue: cue, match: match))
          } else {
            modifiers.append(ModifierMatch(cue: cue, tokens: match.tokens))
          }
        }
      }
    }
    // Longest first, whole tokens before compound parts, then leftmost, then heavier.
    let ordered = stanceMatches.sorted {
      ($0.match.tokens.count, $0.match.wholeTokens ? 1 : 0, -$0.match.tokens.lowerBound, $0.cue.weight, $0.cue.location)
        > (
          $1.match.tokens.count, $1.match.wholeTokens ? 1 : 0, -$1.match.tokens.lowerBound, $1.cue.weight,
          $1.cue.location
        )
    }
    let modifiersInSentence = Dictionary(grouping: modifiers, by: { analysis.sentence(of: $0.tokens.lowerBound) })
    var taken: [CueMatch] = []
    // Tokens a taken cue covers, by index (a set would hash every word again for the polarity words).
    var covered = [Bool](repeating: false, count: tokens.count)
    for candidate in ordered where !candidate.match.tokens.contains(where: { covered[$0] }) {
      taken.append(candidate)
      for token in candidate.match.tokens { covered[token] = true }
    }
    taken.sort { $0.match.tokens.lowerBound < $1.match.tokens.lowerBound }

    // The quotation each token is in (an index into `quotations`, -1 for none): the first that has it
    // outside its attribution.
    var quotationOf = [Int](repeating: -1, count: tokens.count)
    for (index, found) in quotations.enumerated() {
      for token in found.tokens where quotationOf[token] < 0 && !(found.attribution?.contains(token) ?? false) {
        quotationOf[token] = index
      }
    }
    func voiceOf(_ token: Int) -> QuotationFinder.Found? {
      quotationOf[token] < 0 ? nil : quotations[quotationOf[token]]
    }
    var items: [Item] = []
    var repeats: [String: Int] = [:]
    func add(
      target: String, holder: String, tokens: ClosedRange<Int>, location: String, cueClass: String,
      weight: Double, modifiers used: [String]
    ) {
      // Nobody is for or against themselves in this sense ("the government said the government …").
      if holder == target { return }
      let key = "\(holder)\t\(target)\t\(location)"
      let count = repeats[key, default: 0]
      repeats[key] = count + 1
      let decayed = weight * pow(configuration.repetitionDecay, Double(count))
      let span = analysis.span(tokens)
      items.append(
        Item(
          target: target,
          evidence: StanceEvidence(
            sentence: tokens.lowerBound < analysis.document.tokens.count ? analysis.sentence(of: tokens.lowerBound) : 0,
            start: span.lowerBound, end: span.upperBound, cue: "lexicon:\(location)", cueClass: cueClass,
            holder: holder, weight: StanceClassifier.rounded(decayed), modifiers: used)))
    }

    for candidate in taken {
      let cue = candidate.cue
      let match = candidate.match
      let first = match.tokens.lowerBound
      let sentence = analysis.sentence(of: first)
      // Whose words: the <H> slot, the quotation the cue is in, else the author.
      var holder = "author"
      var holderTokens: ClosedRange<Int>?
      if let slot = match.holder {
        holder = analysis.holders[slot].id
        holderTokens = analysis.holders[slot].tokens
      } else if let quotation = voiceOf(first) {
        holder = quotation.quotation.speaker ?? "unknown"
        holderTokens = quotation.attribution
      }
      let scareQuote = cue.pattern.elements.contains { element in
        if case .word(let word) = element { return QuotationFinder.opening.keys.contains { String($0) == word } }
        return false
      }
      if scareQuote && holder != "author" { continue }
      var factor = 1.0
      var used: [String] = []
      // Support and criticism in the narrator's sentence belong to whoever is said to support or criticise.
      if holder == "author" && (cue.cueClass == .support || cue.cueClass == .criticism) {
        let slotTokens = match.target.map { analysis.targetMentions[$0].tokens }
        if let subject = analysis.holders(in: sentence).last(where: { candidate in
          candidate.tokens.upperBound < first && !(slotTokens?.overlaps(candidate.tokens) ?? false)
        }) {
          holder = subject.id
          holderTokens = subject.tokens
        } else {
          factor *= 0.5
        }
      }
      guard
        let target = self.target(
          of: match, cue: cue, sentence: sentence, holder: holderTokens, quoted: holder != "author")
      else { continue }
      for modifier in modifiersInSentence[sentence] ?? [] {
        switch modifier.cue.cueClass {
        case .negation:
          let before = modifier.tokens.upperBound < first && modifier.tokens.upperBound >= first - 3
          let inside = modifier.tokens.allSatisfy { match.looseTokens.contains($0) }
          if before || inside {
            factor *= -configuration.negationFactor
            used.append("lexicon:\(modifier.cue.location)")
          }
        case .intensifier:
          let before = modifier.tokens.upperBound < first && modifier.tokens.upperBound >= first - 2
          if before || modifier.tokens.allSatisfy({ match.looseTokens.contains($0) }) {
            factor *= modifier.cue.weight
            used.append("lexicon:\(modifier.cue.location)")
          }
        case .contrast:
          factor *= modifier.tokens.upperBound < first ? configuration.afterContrast : configuration.beforeContrast
          used.append("lexicon:\(modifier.cue.location)")
        default:
          break
        }
      }
      if holder == "author" && analysis.inHeading[first] { factor *= configuration.headlineFactor }
      add(
        target: target, holder: holder, tokens: match.tokens, location: cue.location, cueClass: cue.cueClass.rawValue,
        weight: cue.polarity * cue.weight * factor, modifiers: used)
    }

    // General polarity words near a target mention: a weak signal, never inside a cue already counted.
    // By index: a copy of each token would retain and release its strings.
    for position in tokens.indices
    where tokens[position].kind == .word && analysis.eligible[position] && !covered[position] {
      // Only sentences with a target mention can hold one (most cannot: look that up first).
      let sentence = tokens[position].sentence
      guard !analysis.targetsInSentence[sentence].isEmpty, let word = analysis.polarity[analysis.folds[position]]
      else { continue }
      let nearby = analysis.targets(in: sentence).filter {
        !$0.tokens.contains(position)
          && min(abs($0.tokens.lowerBound - position), abs($0.tokens.upperBound - position))
            <= configuration.polarityWindow
      }
      guard
        let mention = nearby.min(by: {
          min(abs($0.tokens.lowerBound - position), abs($0.tokens.upperBound - position))
            < min(abs($1.tokens.lowerBound - position), abs($1.tokens.upperBound - position))
        })
      else { continue }
      let quotation = voiceOf(position)
      let holder = quotation.map { $0.quotation.speaker ?? "unknown" } ?? "author"
      var factor = configuration.polarityWeight
      var used: [String] = []
      for modifier in modifiersInSentence[sentence] ?? []
      where modifier.cue.cueClass == .negation && modifier.tokens.upperBound < position
        && modifier.tokens.upperBound >= position - 3
      {
        factor *= -configuration.negationFactor
        used.append("lexicon:\(modifier.cue.location)")
      }
      if holder == "author" && analysis.inHeading[position] { factor *= configuration.headlineFactor }
      add(
        target: mention.id, holder: holder, tokens: position...position, location: word.location,
        cueClass: "polarity", weight: word.score * factor, modifiers: used)
    }
    return items
  }

  /// What a cue is about: its `<T>` slot, the target its row names, the nearest target mention in its
  /// sentence (not the holder), in a quotation the nearest other entity, else the last target mention
  /// of the previous sentence in the same paragraph.
  func target(
    of match: PatternMatcher.Match, cue: StanceLexicon.Cue, sentence: Int, holder: ClosedRange<Int>?, quoted: Bool
  ) -> String? {
    if let slot = match.target { return analysis.targetMentions[slot].id }
    if let slot = match.entity {
      // A target's own entity counts for the target ("aggression from Maduro's regime").
      let id = analysis.entityMentions[slot].id
      return analysis.lexicon.targets.first { $0.entityIDs.contains(id) }?.id ?? id
    }
    if let target = cue.target { return target }
    func distance(_ tokens: ClosedRange<Int>) -> Int {
      if tokens.upperBound < match.tokens.lowerBound { return match.tokens.lowerBound - tokens.upperBound }
      if tokens.lowerBound > match.tokens.upperBound { return tokens.lowerBound - match.tokens.upperBound }
      return 0
    }
    func usable(_ mention: StanceAnalysis.Mention) -> Bool { !(holder?.overlaps(mention.tokens) ?? false) }
    if let nearest = analysis.targets(in: sentence).filter(usable).min(by: { distance($0.tokens) < distance($1.tokens) }
    ) {
      return nearest.id
    }
    if quoted,
      let other = analysis.entities(in: sentence).filter(usable).min(by: { distance($0.tokens) < distance($1.tokens) })
    {
      return other.id
    }
    let paragraph = analysis.paragraphOf[match.tokens.lowerBound]
    return analysis.targets(in: sentence - 1).last { analysis.paragraphOf[$0.tokens.lowerBound] == paragraph }?.id
  }
}
