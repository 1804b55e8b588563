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
  /// "for", "&"), with titles and function words before it left out ("The", "President", and a first word
  /// of the sentence before "of": "Leaders of the Venezuelan National Assembly"), at least two
  /// capitalised words, and one of ``NameCues/organisationWords`` among them. It is not taken:
  /// - when its last word is a place word ("Church Road", "Bank Street"), it has a word of an event or a
  ///   law ("Olympic Games"), or it starts with a company suffix ("Inc. of Mountain View");
  /// - when a mention the lexicon or the model found crosses its edge, the lexicon lists the run itself
  ///   or an organisation or person inside it, or the model found it as an organisation: their reading
  ///   stands ("The Washington Times", "Venezuelan National Assembly");
  /// - in titles and headings, and in a sentence with no lower-case word but function words (a headline
  ///   in title case), where capitals say nothing.
  ///
  /// "and" joins two names only where the parts before and after it are not both names of their own:
  /// "Department of Housing and Urban Development" is one name, "West Bank and Israel" and "the British
  /// Library and Columbia University" are two. A person found by the lexicon or the model ends a run
  /// before it: in "John Smith of the Bank of England" the organisation is "Bank of England"; one that
  /// ends in an organisation word does not ("Herald" taken for a person in "The Sydney Morning Herald").
  func organisationNameCandidates(in context: Context, listed: [Candidate], modelFound: [Candidate]) -> [Candidate] {
    let tokens = context.document.tokens
    func isCapitalised(_ index: Int) -> Bool {
      guard tokens[index].kind == .word, context.eligible[index], !context.inHeading[index],
        ScalarProperties.isUppercase(context.scalars[tokens[index].start])
      else { return false }
      // A compound whose last part is a common noun is not a word of the name ("Mirror-journalist").
      return tokens[index].parts.last.map { ScalarProperties.isUppercase(context.scalars[$0.lowerBound]) } ?? true
    }
    // An organisation word; a company suffix only as one is written ("Inc.", "AS"), not the word "As".
    func isOrganisationWord(_ index: Int) -> Bool {
      let fold = tokens[index].fold
      guard NameCues.organisationWords.contains(fold) else { return false }
      let text = context.scalars[tokens[index].range]
      return !NameCues.companySuffixes.contains(fold) || text.last == "."
        || !text.contains(where: ScalarProperties.isLowercase)
    }
    // The sentences with two capitalised words, one of them an organisation word, and not in title case
    // (a headline has no lower-case word but function words: "of", "in"). Most sentences have none.
    var sentences: [ClosedRange<Int>] = []
    for sentence in context.sentenceSpans {
      let (sentenceStart, sentenceEnd) = (sentence.lowerBound, sentence.upperBound)
      var capitalised = 0
      var organisationWord = false
      for index in sentenceStart...sentenceEnd where isCapitalised(index) {
        capitalised += 1
        organisationWord = organisationWord || isOrganisationWord(index)
      }
      guard capitalised >= 2, organisationWord else { continue }
      let lowerCaseWord = (sentenceStart...sentenceEnd).contains { index in
        tokens[index].kind == .word && !isCapitalised(index) && !NameCues.functionWords.contains(tokens[index].fold)
          && !NameCues.organisationConnectors.contains(tokens[index].fold)
      }
      if lowerCaseWord || capitalised < 4 { sentences.append(sentence) }
    }
    guard !sentences.isEmpty else { return [] }
    // The span of the mention, found by the lexicon or the model, each token is in.
    var foundAt = [ClosedRange<Int>?](repeating: nil, count: tokens.count)
    var listedAt = [ClosedRange<Int>?](repeating: nil, count: tokens.count)
    // The last token of the person each token is in.
    var personEnd = [Int](repeating: -1, count: tokens.count)
    for candidate in modelFound + listed {
      for index in candidate.tokens {
        // The longer mention where a listed name is inside the model's ("Washington" in "The Washington Times").
        if (foundAt[index]?.count ?? 0) < candidate.tokens.count { foundAt[index] = candidate.tokens }
        // A "person" that ends in an organisation word is a piece of the organisation's name the model
        // mistook ("Herald" of "The Sydney Morning Herald"), not a person who ends the run.
        if candidate.entity.kind == .person,
          !NameCues.organisationWords.contains(tokens[candidate.tokens.upperBound].fold)
        {
          personEnd[index] = candidate.tokens.upperBound
        }
      }
    }
    // A listed organisation or person inside a run keeps its id: "Venezuelan National Assembly" is the
    // lexicon's National Assembly.
    var listedName = [Bool](repeating: false, count: tokens.count)
    for candidate in listed {
      for index in candidate.tokens {
        listedAt[index] = candidate.tokens
        listedName[index] = candidate.entity.kind == .organisation || candidate.entity.kind == .person
      }
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
        var hasOrganisationWord = isOrganisationWord(index)
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
          hasOrganisationWord = hasOrganisationWord || isOrganisationWord(end)
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
        // A word capitalised only because it starts the sentence, before "of": "Leaders of the Venezuelan
        // National Assembly".
        if first < end, context.sentenceInitial[first], !NameCues.organisationWords.contains(tokens[first].fold),
          NameCues.organisationConnectors.contains(tokens[first + 1].fold)
        {
          first += 1
          while first < end, NameCues.organisationConnectors.contains(tokens[first].fold) { first += 1 }
        }
        guard first <= end else { continue }
        // Months, weekdays and function words after the name are not part of it ("… Committee September").
        var last = end
        while last > first,
          NameCues.functionWords.contains(tokens[last].fold)
            || NameCues.organisationConnectors.contains(tokens[last].fold)
        {
          last -= 1
        }
        let span = first...last
        let names = span.filter(isCapitalised)
        guard names.count >= 2, span.count <= 8, names.contains(where: isOrganisationWord),
          !NameCues.placeWords.contains(tokens[last].fold),
          !names.contains(where: { NameCues.otherNameWords.contains(tokens[$0].fold) }),
          !NameCues.companySuffixes.contains(tokens[first].fold),
          // Text in capitals says nothing about names ("HAVE YOU ALONG FOR THE COMPANY"), unless a company
          // suffix ends it ("VISAKHA INDUSTRIAL GASES PVT. LTD.").
          context.scalars[tokens[first].start..<tokens[last].end].contains(where: ScalarProperties.isLowercase)
            || NameCues.companySuffixes.contains(tokens[last].fold),
          foundAt[first].map({ $0.lowerBound >= first }) ?? true, foundAt[last].map({ $0.upperBound <= last }) ?? true,
          listedAt[first] != span, !modelOrganisations.contains(span), !span.contains(where: { listedName[$0] })
        else { continue }
        let range = tokens[first].start..<tokens[last].end
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
