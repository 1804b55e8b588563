import TolkCore

extension EntityTagger {
  /// Names of organisations written as a run of capitalised words with an organisation word in it
  /// ("National Library of the Netherlands", "Sydney Morning Herald", "Newfoundland and Labrador Court
  /// of Appeal", "Norges Bank"): the whole run is one organisation, with the source
  /// `rule:organisation-name`, and the listed places and the model's pieces inside it give way ("the
  /// Netherlands" and "Sydney" are not mentions there). Without this the lexicon's place wins and the
  /// rest of the name is lost, or the model finds only a piece of it.
  ///
  /// A run is capitalised words joined by ``NameCues/organisationConnectors`` ("of", "of the", "and",
  /// "for", "&"), with titles and function words before it left out ("The", "President"), at least two
  /// capitalised words, and one of ``NameCues/organisationWords`` among them. It is not taken:
  /// - when its last word is a place word ("Church Road", "Bank Street"), it has a word of an event or a
  ///   law ("Olympic Games"), or it starts with a company suffix ("Inc. of Mountain View");
  /// - when a mention the lexicon or the model found crosses its edge, or the lexicon lists the run
  ///   itself, or the model found it as an organisation: their reading stands ("The Washington Times");
  /// - in titles and headings, and in a sentence with no lower-case word but function words (a headline
  ///   in title case), where capitals say nothing.
  ///
  /// "and" joins two names only where the parts before and after it are not both names of their own:
  /// "Department of Housing and Urban Development" is one name, "West Bank and Israel" and "the British
  /// Library and Columbia University" are two. A person found by the lexicon or the model ends a run before it: in
  /// "John Smith of the Bank of England" the organisation is "Bank of England".
  func organisationNameCandidates(in context: Context, listed: [Candidate], modelFound: [Candidate]) -> [Candidate] {
    let tokens = context.document.tokens
    func isCapitalised(_ index: Int) -> Bool {
      guard tokens[index].kind == .word, context.eligible[index], !context.inHeading[index],
        ScalarProperties.isUppercase(context.scalars[tokens[index].start])
      else { return false }
      // A compound whose last part is a common noun is not a word of the name ("Mirror-journalist").
      return tokens[index].parts.last.map { ScalarProperties.isUppercase(context.scalars[$0.lowerBound]) } ?? true
    }
    // The sentences with two capitalised words, one of them an organisation word, and not in title case
    // (a headline has no lower-case word but function words: "of", "in"). Most sentences have none.
    var sentences: [ClosedRange<Int>] = []
    var sentenceStart = 0
    while sentenceStart < tokens.count {
      var sentenceEnd = sentenceStart
      while sentenceEnd + 1 < tokens.count, tokens[sentenceEnd + 1].sentence == tokens[sentenceStart].sentence {
        sentenceEnd += 1
      }
      defer { sentenceStart = sentenceEnd + 1 }
      var capitalised = 0
      var organisationWord = false
      for index in sentenceStart...sentenceEnd where isCapitalised(index) {
        capitalised += 1
        organisationWord = organisationWord || NameCues.organisationWords.contains(tokens[index].fold)
      }
      guard capitalised >= 2, organisationWord else { continue }
      let lowerCaseWord = (sentenceStart...sentenceEnd).contains { index in
        tokens[index].kind == .word && !isCapitalised(index) && !NameCues.functionWords.contains(tokens[index].fold)
          && !NameCues.organisationConnectors.contains(tokens[index].fold)
      }
      if lowerCaseWord || capitalised < 4 { sentences.append(sentenceStart...sentenceEnd) }
    }
    guard !sentences.isEmpty else { return [] }
    // The span of the mention, found by the lexicon or the model, each token is in.
    var foundAt = [ClosedRange<Int>?](repeating: nil, count: tokens.count)
    var listedAt = [ClosedRange<Int>?](repeating: nil, count: tokens.count)
    // The last token of the person each token is in.
    var personEnd = [Int](repeating: -1, count: tokens.count)
    for candidate in modelFound + listed {
      for index in candidate.tokens {
        foundAt[index] = candidate.tokens
        if candidate.entity.kind == .person { personEnd[index] = candidate.tokens.upperBound }
      }
    }
    for candidate in listed {
      for index in candidate.tokens { listedAt[index] = candidate.tokens }
    }
    let modelOrganisations = Set(modelFound.filter { $0.entity.kind == .organisation }.map(\.tokens))
    var candidates: [Candidate] = []
    for sentence in sentences {
      let (sentenceStart, sentenceEnd) = (sentence.lowerBound, sentence.upperBound)
      var index = sentenceStart
      while index <= sentenceEnd {
        guard isCapitalised(index) else {
          index += 1
          continue
        }
        // The run: capitalised words, and connectors with a capitalised word after them.
        var end = index
        var hasOrganisationWord = NameCues.organisationWords.contains(tokens[index].fold)
        while end < sentenceEnd {
          var next = end + 1
          while next <= sentenceEnd, next - end <= 2, NameCues.organisationConnectors.contains(tokens[next].fold) {
            next += 1
          }
          guard next <= sentenceEnd, isCapitalised(next) else { break }
          let conjunction = (end + 1..<next).contains { tokens[$0].fold == "and" || tokens[$0].fold == "&" }
          // Names of their own before and after "and" (an organisation word, or a mention found that ends
          // before it or is after it) end the run.
          if conjunction && (hasOrganisationWord || foundAt[end].map { $0.upperBound == end } ?? false) {
            var after = next
            while after < sentenceEnd, isCapitalised(after + 1) { after += 1 }
            let nameAfter = (next...after).contains {
              foundAt[$0] != nil || NameCues.organisationWords.contains(tokens[$0].fold)
            }
            if nameAfter { break }
          }
          end = next
          hasOrganisationWord = hasOrganisationWord || NameCues.organisationWords.contains(tokens[end].fold)
        }
        defer { index = end + 1 }
        var first = index
        for position in index...end where personEnd[position] >= 0 { first = max(first, personEnd[position] + 1) }
        while first < end,
          NameCues.functionWords.contains(tokens[first].fold)
            || NameCues.personTitlesBefore.contains(tokens[first].fold)
            || NameCues.titleModifiers.contains(tokens[first].fold) || NameCues.honorifics.contains(tokens[first].fold)
            || NameCues.organisationConnectors.contains(tokens[first].fold)
        {
          first += 1
        }
        guard first <= end else { continue }
        let span = first...end
        let folds = span.filter(isCapitalised).map { tokens[$0].fold }
        guard folds.count >= 2, span.count <= 8, folds.contains(where: NameCues.organisationWords.contains),
          !NameCues.placeWords.contains(tokens[end].fold), !folds.contains(where: NameCues.otherNameWords.contains),
          !NameCues.companySuffixes.contains(tokens[first].fold),
          foundAt[first].map({ $0.lowerBound >= first }) ?? true, foundAt[end].map({ $0.upperBound <= end }) ?? true,
          listedAt[first] != span, !modelOrganisations.contains(span)
        else { continue }
        let range = tokens[first].start..<tokens[end].end
        let slug = Self.slug(tokens[span].map(\.fold).joined(separator: " "), fallback: context.surface(range))
        candidates.append(
          Candidate(
            entity: Entity(
              start: range.lowerBound, end: range.upperBound, kind: .organisation, id: "org:\(slug)",
              source: "rule:organisation-name", sentence: tokens[first].sentence),
            origin: .rule, tokens: span))
      }
    }
    return candidates
  }
}
