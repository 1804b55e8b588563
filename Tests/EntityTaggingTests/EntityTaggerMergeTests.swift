import Testing
import TolkCore
import TolkTesting

@testable import EntityTagging

/// How lexicon names and model mentions are merged, and how model mentions are corrected, on given
/// candidates (the model's own output changes with every retraining; these rules do not).
@Suite struct EntityTaggerMergeTests {
  func candidate(
    _ document: Document, _ tokens: ClosedRange<Int>, _ kind: Entity.Kind, _ origin: EntityTagger.Candidate.Origin,
    confidence: Double? = nil
  ) -> EntityTagger.Candidate {
    let range = document.tokens[tokens.lowerBound].start..<document.tokens[tokens.upperBound].end
    return EntityTagger.Candidate(
      entity: Entity(
        start: range.lowerBound, end: range.upperBound, kind: kind, id: "test", source: "test", sentence: 0,
        confidence: confidence),
      origin: origin, tokens: tokens)
  }

  @Test func listedPlaceGivesWayToALongerModelNameEvenWhenTheModelIsUnsure() throws {
    let document = try Document.tokenized("In the case of Atlantic Lottery Corporation against Babstock.")
    let words = document.tokenTexts
    let atlantic = try #require(words.firstIndex(of: "Atlantic"))
    let listed = candidate(document, atlantic...atlantic, .location, .lexicon)
    let model = candidate(document, atlantic...atlantic + 2, .organisation, .model, confidence: 0.38)
    #expect(EntityTagger.typedInContext([listed], by: [model]).isEmpty)
    // A model name elsewhere in the sentence leaves it alone.
    let elsewhere = candidate(document, atlantic + 4...atlantic + 4, .person, .model, confidence: 0.9)
    #expect(EntityTagger.typedInContext([listed], by: [elsewhere]) == [listed])
  }

  /// A listed part of a hyphenated compound gives way to the model's name for the whole word; without
  /// one, or when the model names another word, it stays.
  @Test func listedCompoundPartGivesWayToTheModelsNameForTheWord() throws {
    let document = try Document.tokenized("Han budde i Vest-Telemark og i Oslo.")
    let word = try #require(document.tokenTexts.firstIndex(of: "Vest-Telemark"))
    let token = document.tokens[word]
    var listed = candidate(document, word...word, .geopolitical, .lexicon)
    listed.entity.start = token.end - "Telemark".count
    listed.entity.inCompound = true
    let model = candidate(document, word...word, .geopolitical, .model, confidence: 0.7)
    #expect(EntityTagger.typedInContext([listed], by: [model]).isEmpty)
    #expect(EntityTagger.typedInContext([listed], by: []) == [listed])
    let oslo = try #require(document.tokenTexts.firstIndex(of: "Oslo"))
    let elsewhere = candidate(document, oslo...oslo, .geopolitical, .model, confidence: 0.9)
    #expect(EntityTagger.typedInContext([listed], by: [elsewhere]) == [listed])
  }

  @Test func listedPlaceBecomesAnOrganisationOnlyForAModelThatKnowsStatesActing() throws {
    let document = try Document.tokenized("It is rumored that North Korea has nuclear weapons.")
    let north = try #require(document.tokenTexts.firstIndex(of: "North"))
    let listed = candidate(document, north...north + 1, .geopolitical, .lexicon)
    let model = candidate(document, north...north + 1, .organisation, .model, confidence: 0.98)
    #expect(EntityTagger.typedInContext([listed], by: [model], statesAct: false).map(\.entity.kind) == [.geopolitical])
    #expect(EntityTagger.typedInContext([listed], by: [model], statesAct: true).map(\.entity.kind) == [.organisation])
    // Other types still follow the model: a listed organisation the model calls a person.
    let organisation = candidate(document, north...north + 1, .organisation, .lexicon)
    let person = candidate(document, north...north + 1, .person, .model, confidence: 0.9)
    #expect(EntityTagger.typedInContext([organisation], by: [person], statesAct: false).map(\.entity.kind) == [.person])
  }

  @Test func organisationNameRuleGivesWayToListedOrganisationsAndToTheModelsOrganisation() throws {
    let tagger = EntityTagger(lexicon: EntityLexicon(entries: [], aliases: []))
    let document = try Document.tokenized("Leaders of the Venezuelan National Assembly met in Caracas.")
    let context = EntityTagger.Context(document)
    let words = document.tokenTexts
    let venezuelan = try #require(words.firstIndex(of: "Venezuelan"))
    let assembly = venezuelan + 1...venezuelan + 2
    func found(listed: [EntityTagger.Candidate], model: [EntityTagger.Candidate]) -> [String] {
      tagger.organisationNameCandidates(in: context, listed: listed, modelFound: model).map {
        document.slice($0.entity.range)
      }
    }
    #expect(found(listed: [], model: []) == ["Venezuelan National Assembly"])
    // A place inside gives way; a listed organisation keeps its id.
    #expect(
      found(listed: [candidate(document, assembly, .location, .lexicon)], model: []) == ["Venezuelan National Assembly"]
    )
    #expect(found(listed: [candidate(document, assembly, .organisation, .lexicon)], model: []).isEmpty)
    // The model's organisation over the same words stands; its place there does not.
    let whole = venezuelan...venezuelan + 2
    #expect(found(listed: [], model: [candidate(document, whole, .organisation, .model, confidence: 0.7)]).isEmpty)
    #expect(
      found(listed: [], model: [candidate(document, whole, .location, .model, confidence: 0.7)]) == [
        "Venezuelan National Assembly"
      ])
    // A mention crossing its edge: its reading stands.
    let crossing = venezuelan + 2...venezuelan + 3
    #expect(found(listed: [], model: [candidate(document, crossing, .person, .model, confidence: 0.7)]).isEmpty)
  }

  static let corrections:
    [(text: String, found: String, kind: Entity.Kind, expected: String, expectedKind: Entity.Kind)] = [
      ("He thanked Justice Scalia for the question.", "Justice Scalia", .person, "Scalia", .person),
      ("As Lord Diplock put it, the rule stands.", "Lord Diplock", .person, "Diplock", .person),
      ("Dear Nina, the report is late.", "Dear Nina", .person, "Nina", .person),
      ("Statsminister Erna Solberg kom i går.", "Statsminister Erna Solberg", .person, "Erna Solberg", .person),
      (
        "In the case of Atlantic Lottery Corporation against Babstock.", "Atlantic Lottery Corporation", .person,
        "Atlantic Lottery Corporation", .organisation
      ),
      ("They walked over the Norton Bridge at dawn.", "Norton Bridge", .person, "Norton Bridge", .location),
      // A storm is an event, whether its word is in the mention or right before it.
      (
        "Once Cyclone Phailin comes on shore, it weakens.", "Cyclone Phailin", .person, "Cyclone Phailin",
        .miscellaneous
      ),
      ("Ekstremværet Dagmar herjet i natt.", "Dagmar", .person, "Dagmar", .miscellaneous),
      ("Doris Day sang.", "Doris Day", .person, "Doris Day", .person),
      // Only persons are corrected, a lone title stays, and a lower-case word is not a title.
      ("The Justice Department said so.", "Justice Department", .organisation, "Justice Department", .organisation),
      ("He met Justice on Monday.", "Justice", .person, "Justice", .person),
      ("Vi møtte professor Ola Nordmann.", "professor Ola Nordmann", .person, "professor Ola Nordmann", .person),
    ]

  @Test(arguments: corrections)
  func correctsTitlesAndTypesOfModelPersons(
    _ example: (text: String, found: String, kind: Entity.Kind, expected: String, expectedKind: Entity.Kind)
  ) throws {
    let document = try Document.tokenized(example.text)
    let words = example.found.split(separator: " ").map(String.init)
    let texts = document.tokenTexts
    let first = try #require(texts.indices.first { Array(texts[$0..<min(texts.count, $0 + words.count)]) == words })
    let (span, kind) = EntityTagger.corrected(
      first...first + words.count - 1, kind: example.kind, in: EntityTagger.Context(document))
    #expect(
      document.slice(document.tokens[span.lowerBound].start..<document.tokens[span.upperBound].end) == example.expected)
    #expect(kind == example.expectedKind)
  }
}
