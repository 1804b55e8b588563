import TolkCore

/// Finds the stretches of an article in someone else's words, and who that is.
///
/// - Direct quotations: text between «…», “…”, „…“ or straight double quotes, within a paragraph, of at
///   least two words (a single quoted word is a scare quote, which the scorer reads as distancing).
/// - Dash paragraphs, the Norwegian way of writing direct speech: "– Vi er klare, sier Ledezma."; the
///   quotation runs to the comma before the reporting verb, else to the paragraph's end. An
///   unattributed dash paragraph right after another quotation continues its speaker.
/// - Reported speech: a sentence with a reporting verb (`reporting` rows of the cue lexicon: said,
///   sier, ifølge, according to, …) next to a holder ("Ledezma sier at …", "said Arreaza").
/// A speaker is the holder next to a reporting verb just after the quotation ("…», sier han",
/// "…," Arreaza said) or just before it ("Guaidó wrote: «…»"); pronouns stand for the last person named.
struct QuotationFinder {
  let analysis: StanceAnalysis

  /// A quotation with the tokens whose words are the speaker's.
  struct Found {
    var quotation: Quotation
    var tokens: ClosedRange<Int>
    /// The holder tokens of the attribution (not the speaker's words).
    var attribution: ClosedRange<Int>?
  }

  static let opening: [Unicode.Scalar: Unicode.Scalar] = ["«": "»", "“": "”", "„": "“", "\"": "\""]
  static let dashes: Set<String> = ["–", "—", "-", "−"]
  /// Words that tie a person to the body they belong to ("ved", "of", "fra").
  static let affiliationWords: Set<String> = ["ved", "of", "at", "from", "fra", "frå", "hos", "in", "i"]
  /// Words after which a name is whom something is said to, not who says it.
  static let addresseeWords: Set<String> = ["til", "to", "for", "with", "med", "mot", "against", "overfor"]

  var reportingVerbs: [StancePattern] { analysis.lexicon.indexes(for: analysis.language).reporting }

  func quotations() -> [Found] {
    let document = analysis.document
    let tokens = document.tokens
    guard !tokens.isEmpty else { return [] }
    let reporting = reportingVerbs
    let matcher = analysis.matcher
    // Reporting-verb matches (token ranges), once.
    var verbs: [ClosedRange<Int>] = []
    let index = analysis.lexicon.indexes(for: analysis.language).reportingIndex
    for range in analysis.sentenceTokens where !range.isEmpty {
      for start in range where analysis.mayStartPattern(of: index, at: start) {
        for candidate in index.candidates(keys: analysis.keys(at: start), slots: analysis.slots[start]) {
          if let match = matcher.firstMatch(reporting[candidate], at: start, before: range.upperBound) {
            verbs.append(match.tokens)
          }
        }
      }
    }
    let verbStarts = Dictionary(grouping: verbs, by: \.lowerBound)
    let verbsInSentence = Dictionary(grouping: verbs, by: { analysis.sentence(of: $0.lowerBound) })
    var found: [Found] = []

    // Direct quotations and dash paragraphs, paragraph by paragraph.
    var start = 0
    while start < tokens.count {
      var end = start
      while end + 1 < tokens.count && analysis.paragraphOf[end + 1] == analysis.paragraphOf[start] { end += 1 }
      defer { start = end + 1 }
      guard analysis.eligible[start] else { continue }
      var inDirect = Set<Int>()
      var open: (token: Int, closing: Unicode.Scalar)?
      for position in start...end where tokens[position].kind == .punct {
        guard let mark = analysis.folds[position].unicodeScalars.first else { continue }
        if let current = open, mark == current.closing {
          open = nil
          guard position - current.token > 1 else { continue }
          let inner = (current.token + 1)...(position - 1)
          let words = inner.filter { tokens[$0].kind == .word }.count
          guard words >= 2 else { continue }
          let speaker = self.speaker(
            after: position, before: current.token, paragraph: start...end, verbs: verbStarts,
            verbsInSentence: verbsInSentence)
          found.append(
            Found(
              quotation: Quotation(
                start: tokens[inner.lowerBound].start, end: tokens[inner.upperBound].end, kind: .direct,
                sentence: tokens[inner.lowerBound].sentence, speaker: speaker?.id,
                speakerStart: speaker.map { analysis.span($0.tokens).lowerBound },
                speakerEnd: speaker.map { analysis.span($0.tokens).upperBound }),
              tokens: inner, attribution: speaker?.tokens))
          inDirect.formUnion(inner)
        } else if open == nil, let closing = Self.opening[mark] {
          open = (position, closing)
        }
      }
      // A paragraph opened by a dash (and not itself a list of quotations).
      if Self.dashes.contains(analysis.folds[start]), start < end, inDirect.isEmpty {
        let first = start + 1
        var last = end
        var attribution: (id: String, tokens: ClosedRange<Int>)?
        for position in first...end where [",", "?", "!"].contains(analysis.folds[position]) {
          if let verb = verbStarts[position + 1]?.first {
            last = position - 1
            attribution = holder(near: verb, after: true, within: start...end)
            break
          }
        }
        if attribution == nil, let previous = found.last, previous.quotation.speaker != nil,
          analysis.paragraphOf[previous.tokens.upperBound] >= analysis.paragraphOf[start] - 1
        {
          attribution = (previous.quotation.speaker ?? "", previous.attribution ?? previous.tokens)
        }
        guard first <= last else { continue }
        found.append(
          Found(
            quotation: Quotation(
              start: tokens[first].start, end: tokens[last].end, kind: .dash, sentence: tokens[first].sentence,
              speaker: attribution?.id,
              speakerStart: attribution.map { analysis.span($0.tokens).lowerBound },
              speakerEnd: attribution.map { analysis.span($0.tokens).upperBound }),
            tokens: first...last, attribution: attribution?.tokens))
      }
    }

    // Reported speech: sentences with a reporting verb next to a holder, outside quotations.
    // Quoted tokens by index: every token of a sentence may be asked.
    var quoted = [Bool](repeating: false, count: tokens.count)
    for quotation in found {
      for token in quotation.tokens { quoted[token] = true }
    }
    for (index, range) in analysis.sentenceTokens.enumerated()
    where !range.isEmpty && analysis.eligible[range.lowerBound] {
      guard !range.contains(where: { quoted[$0] }) else { continue }
      for verb in verbsInSentence[index] ?? [] {
        guard
          let speaker = holder(near: verb, after: false, within: range.lowerBound...(range.upperBound - 1))
            ?? holder(near: verb, after: true, within: range.lowerBound...(range.upperBound - 1))
        else { continue }
        let inner = range.lowerBound...(range.upperBound - 1)
        found.append(
          Found(
            quotation: Quotation(
              start: tokens[inner.lowerBound].start, end: tokens[inner.upperBound].end, kind: .reported,
              sentence: index, speaker: speaker.id, speakerStart: analysis.span(speaker.tokens).lowerBound,
              speakerEnd: analysis.span(speaker.tokens).upperBound),
            tokens: inner, attribution: speaker.tokens))
        break
      }
    }
    return found.sorted { ($0.quotation.start, $0.quotation.end) < ($1.quotation.start, $1.quotation.end) }
  }

  /// The speaker of a quotation closing at `closing` (opened at `opening`): a reporting verb within a
  /// few tokens after it with a holder next to it, else a holder and reporting verb before the opening
  /// mark in the same sentence.
  func speaker(
    after closing: Int, before opening: Int, paragraph: ClosedRange<Int>, verbs: [Int: [ClosedRange<Int>]],
    verbsInSentence: [Int: [ClosedRange<Int>]]
  ) -> (id: String, tokens: ClosedRange<Int>)? {
    let tokens = analysis.document.tokens
    var position = closing + 1
    while position <= min(paragraph.upperBound, closing + 3) {
      if let verb = verbs[position]?.first {
        return holder(near: verb, after: true, within: paragraph) ?? holder(near: verb, after: false, within: paragraph)
      }
      position += 1
    }
    // "Arreaza said" after the quotation: a holder, then the verb.
    let nextHolders = (closing + 1)...(closing + 3)
    for holder in nextHolders.flatMap({ analysis.holdersStarting[$0] }).map({ analysis.holders[$0] }) {
      if verbs[holder.tokens.upperBound + 1] != nil || verbs[holder.tokens.upperBound + 2] != nil {
        return (holder.id, holder.tokens)
      }
    }
    // Before the opening mark, in the same sentence: "Guaidó wrote on Twitter: «…»".
    let sentence = tokens[opening].sentence
    for verb in (verbsInSentence[sentence] ?? []).sorted(by: { $0.lowerBound > $1.lowerBound })
    where verb.upperBound < opening && paragraph.contains(verb.lowerBound) {
      if let found = holder(near: verb, after: false, within: paragraph)
        ?? holder(near: verb, after: true, within: paragraph)
      {
        return found
      }
      // "The Venezuelan authorities refused …, citing «…»": the sentence's subject.
      if let subject = analysis.holders(in: sentence).first(where: { $0.tokens.upperBound < verb.lowerBound }) {
        return (subject.id, subject.tokens)
      }
    }
    return nil
  }

  /// A holder just after a reporting verb ("sier Ledezma", "said Venezuela's foreign minister Jorge
  /// Arreaza": up to 5 tokens) or just before it ("Ledezma sier", "he said": up to 2 tokens).
  func holder(near verb: ClosedRange<Int>, after: Bool, within bounds: ClosedRange<Int>) -> (
    id: String, tokens: ClosedRange<Int>
  )? {
    let sentence = analysis.document.tokens[verb.lowerBound].sentence
    let candidates = analysis.holders(in: sentence).filter { holder in
      guard bounds.contains(holder.tokens.lowerBound) else { return false }
      let tokens = analysis.document.tokens
      if after {
        // "seier til NRK", "told to Reuters": after a preposition comes the addressee, not the speaker.
        guard holder.tokens.lowerBound > verb.upperBound && holder.tokens.lowerBound <= verb.upperBound + 5 else {
          return false
        }
        return !Self.addresseeWords.contains(analysis.folds[holder.tokens.lowerBound - 1])
      }
      // Before the verb only words may stand between ("talks in Barbados, citing" is not Barbados
      // citing), except the closing comma of an apposition: "Ordføraren i Førde, Olav Kvåle, seier".
      guard holder.tokens.upperBound < verb.lowerBound && holder.tokens.upperBound >= verb.lowerBound - 2 else {
        return false
      }
      let between = (holder.tokens.upperBound + 1)..<verb.lowerBound
      if between.allSatisfy({ tokens[$0].kind == .word }) { return true }
      let apposition = holder.tokens.lowerBound > 0 && analysis.folds[holder.tokens.lowerBound - 1] == ","
      return apposition && between.count == 1 && analysis.folds[between.lowerBound] == ","
    }
    guard var best = after ? candidates.first : candidates.last else { return nil }
    // "Ingrid Haugland ved Universitetet i Tromsø sier", "Margaret Ellison of the University of
    // Edinburgh said": the person speaks, not the body they belong to.
    let all = analysis.holders(in: sentence)
    while !after, best.tokens.lowerBound >= 2,
      Self.affiliationWords.contains(analysis.folds[best.tokens.lowerBound - 1])
        || (best.tokens.lowerBound >= 3 && analysis.folds[best.tokens.lowerBound - 1] == "the"
          && Self.affiliationWords.contains(analysis.folds[best.tokens.lowerBound - 2]))
    {
      let gap = analysis.folds[best.tokens.lowerBound - 1] == "the" ? 2 : 1
      guard let person = all.last(where: { $0.tokens.upperBound == best.tokens.lowerBound - gap - 1 }) else { break }
      best = person
    }
    return (best.id, best.tokens)
  }
}
