import TolkCore

extension EntityTagger {
  /// People named on a line of their own: the greeting and the signature of a letter or an e-mail
  /// ("Phillip,", "Good Morning Debra -", "Thanks, Vince", "Hilsen Kari Nordmann"). A sentence whose
  /// words are, after greeting words (``NameCues/greetings``), one to three capitalised words that the
  /// person-name list (`entities/person-names.tsv`) knows, at least one of them as a given name, is a
  /// mention of a person with the source `rule:name-line`. With nothing around it, a name alone on a
  /// line gives the model no context to go on, and it misses most of them.
  ///
  /// Tokens in `covered` (the lexicon's names) are left alone: a sentence that is only "Jordan" stays
  /// the listed country. Words in capitals ("VINCE", "LU") are not taken: they are as often codes.
  func nameLineCandidates(in context: Context, excluding covered: Set<Int>) -> [Candidate] {
    let tokens = context.document.tokens
    let names = lexicon.personNames
    guard names.count > 0 else { return [] }
    var candidates: [Candidate] = []
    for sentence in context.sentenceSpans {
      let (start, end) = (sentence.lowerBound, sentence.upperBound)
      // Short lines of words and punctuation only: a line with a number or an address is not a bare name.
      var wordCount = 0
      let short = tokens[start...end].allSatisfy { token in
        if token.kind == .word { wordCount += 1 }
        return (token.kind == .word || token.kind == .punct) && wordCount <= NameCues.longestGreeting + 3
      }
      guard short else { continue }
      let words = (start...end).filter { tokens[$0].kind == .word }
      let first = Self.afterGreeting(words, in: context)
      guard first < words.count, words.count - first <= 3 else { continue }
      let span = words[first]...words[words.count - 1]
      // The name's words in a row (no punctuation inside), each capitalised and listed, one of them as a
      // given name.
      guard span.count == words.count - first,
        span.allSatisfy({ index in
          context.eligible[index] && !covered.contains(index) && tokens[index].parts.isEmpty
            && Self.isCapitalisedWord(context.scalars[tokens[index].range])
            && !names.kinds(of: tokens[index].fold).isEmpty && !NameCues.interjections.contains(tokens[index].fold)
        }),
        span.contains(where: { names.kinds(of: tokens[$0].fold).contains(.given) })
      else { continue }
      let range = tokens[span.lowerBound].start..<tokens[span.upperBound].end
      let slug = Self.slug(tokens[span].map(\.fold).joined(separator: " "), fallback: context.surface(range))
      candidates.append(
        Candidate(
          entity: Entity(
            start: range.lowerBound, end: range.upperBound, kind: .person, id: "per:\(slug)",
            source: "rule:name-line", sentence: tokens[span.lowerBound].sentence),
          origin: .rule, tokens: span))
    }
    return candidates
  }

  /// The position in `words` (token indices of one sentence) of the first word after the greeting
  /// words it starts with, longest greeting first ("Good Morning", "Thank you", "Hi"); 0 without one.
  static func afterGreeting(_ words: [Int], in context: Context) -> Int {
    let tokens = context.document.tokens
    var position = 0
    while position < words.count {
      let matched = NameCues.greetings.first { greeting in
        position + greeting.count <= words.count
          && greeting.indices.allSatisfy { greeting[$0] == tokens[words[position + $0]].fold }
      }
      guard let matched else { break }
      position += matched.count
    }
    return position
  }

  /// A word that starts with a capital and has a lower-case letter after it ("Vince", "McGilloway"),
  /// not one in capitals ("VINCE") or in lower case.
  static func isCapitalisedWord(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = scalars.first, ScalarProperties.isUppercase(first) else { return false }
    return scalars.dropFirst().contains(where: ScalarProperties.isLowercase)
  }
}
