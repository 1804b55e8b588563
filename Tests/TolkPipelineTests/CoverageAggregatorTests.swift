import Foundation
import Testing
import TolkTesting

@testable import TolkPipeline

/// An annotation line built by hand: sentences joined by one space, mentions found in their sentence.
struct AnnotatedArticle {
  var id: String
  var lang: String
  var source: String?
  var sentences: [String]
  /// (sentence index, surface, entity id, type), in text order.
  var mentions: [(Int, String, String, String)] = []
  var sentenceLanguages: [String: String] = [:]
  var quotations: [(speaker: String?, kind: String)] = []
  /// (target, label, score, mentions, evidence as (sentence index, cue surface, weight)).
  var stance: [(String, String, Double, Int, [(Int, String, Double)])] = []
  var quotes: [(holder: String, target: String, label: String, score: Double)] = []
  var mixed = false

  var text: String { sentences.joined(separator: " ") }

  /// Code-point span of sentence `index` in `text`.
  func sentenceRange(_ index: Int) -> Range<Int> {
    let start = sentences[..<index].reduce(0) { $0 + $1.unicodeScalars.count + 1 }
    return start..<(start + sentences[index].unicodeScalars.count)
  }

  /// Code-point span of the first `surface` in sentence `index` at or after code point `from` of it.
  func span(of surface: String, inSentence index: Int, from: Int = 0) -> Range<Int> {
    let sentence = Array(sentences[index].unicodeScalars)
    let needle = Array(surface.unicodeScalars)
    for start in from...(sentence.count - needle.count) where Array(sentence[start..<(start + needle.count)]) == needle
    {
      let base = sentenceRange(index).lowerBound
      return (base + start)..<(base + start + needle.count)
    }
    preconditionFailure("\(surface) is not in sentence \(index)")
  }

  var line: String {
    var entities: [[String: Any]] = []
    var searchFrom: [String: Int] = [:]
    for (sentence, surface, id, type) in mentions {
      let key = "\(sentence)\u{1F}\(surface)"
      let range = span(of: surface, inSentence: sentence, from: searchFrom[key] ?? 0)
      searchFrom[key] = range.upperBound - sentenceRange(sentence).lowerBound
      entities.append([
        "start": range.lowerBound, "end": range.upperBound, "text": surface, "type": type, "id": id,
        "source": "test", "sentence": sentence, "in_compound": false, "confidence": NSNull(),
      ])
    }
    let record: [String: Any] = [
      "schema_version": 5, "id": id, "lang": lang, "source": source ?? NSNull(), "text": text, "mixed": mixed,
      "n_words": text.split(separator: " ").count, "n_sentences": sentences.count,
      "sentences": sentences.indices.map { index -> [String: Any] in
        let range = sentenceRange(index)
        return [
          "start": range.lowerBound, "end": range.upperBound, "paragraph": 0,
          "lang": sentenceLanguages[String(index)] ?? lang,
        ]
      },
      "entities": entities,
      "quotations": quotations.map { ["kind": $0.kind, "speaker": $0.speaker ?? NSNull()] as [String: Any] },
      "quotes": quotes.map {
        ["holder": $0.holder, "target": $0.target, "label": $0.label, "score": $0.score, "evidence": []]
          as [String: Any]
      },
      "stance": stance.map { target, label, score, mentions, evidence -> [String: Any] in
        [
          "target": target, "label": label, "score": score, "mentions": mentions,
          "evidence": evidence.map { sentence, cue, weight -> [String: Any] in
            let range = span(of: cue, inSentence: sentence)
            return [
              "sentence": sentence, "start": range.lowerBound, "end": range.upperBound, "text": cue,
              "cue": "lexicon:test.tsv:1", "class": "support", "holder": "author", "weight": weight, "modifiers": [],
            ]
          },
        ]
      },
    ]
    let data = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}

@Suite struct CoverageAggregatorTests {
  static let english1 = AnnotatedArticle(
    id: "en-1", lang: "en", source: "Reuters",
    sentences: ["Norway hosts talks between Maduro and Guaidó.", "Maduro thanked Norway."],
    mentions: [
      (0, "Norway", "norway", "GPE"), (0, "Maduro", "nicolas_maduro", "PER"), (0, "Guaidó", "juan_guaido", "PER"),
      (1, "Maduro", "nicolas_maduro", "PER"), (1, "Norway", "norway", "GPE"),
    ])
  static let english2 = AnnotatedArticle(
    id: "en-2", lang: "en", source: "AP", sentences: ["Trump spoke about Maduro in Washington today."],
    mentions: [
      (0, "Trump", "donald_trump", "PER"), (0, "Maduro", "nicolas_maduro", "PER"),
      (0, "Washington", "washington", "GPE"),
    ])
  static let bokmal = AnnotatedArticle(
    id: "nb-1", lang: "nb", source: "NRK",
    sentences: ["Nylander leder samtalene i Oslo med Maduro.", "Norge er vert for møtene i dag."],
    mentions: [
      (0, "Nylander", "dag_nylander", "PER"), (0, "Oslo", "oslo", "GPE"), (0, "Maduro", "nicolas_maduro", "PER"),
      (1, "Norge", "norway", "GPE"),
    ])
  static let nynorsk = AnnotatedArticle(
    id: "nn-1", lang: "nn", source: "NRK", sentences: ["Noreg er vertskap for eit nytt møte om krisa i Venezuela."],
    mentions: [(0, "Noreg", "norway", "GPE"), (0, "Venezuela", "venezuela", "GPE")])

  static func report(
    _ articles: [AnnotatedArticle], extraLines: [String] = [],
    configure: (inout CoverageAggregator.Configuration) -> Void = { _ in }
  ) -> CoverageReport {
    var configuration = CoverageAggregator.Configuration()
    configure(&configuration)
    return CoverageAggregator.report(forLines: articles.map(\.line) + extraLines, configuration: configuration)
  }

  @Test func groupsByLanguageWithBokmalAndNynorskTogether() {
    let report = Self.report([Self.english1, Self.bokmal, Self.english2, Self.nynorsk])
    #expect(report.groups.map(\.key) == ["en", "no"])
    #expect(report.groups.map(\.label) == ["English", "Norwegian"])
    #expect(report.groups.map(\.articles) == [2, 2])
    #expect(report.groups.map(\.sentences) == [3, 3])
    #expect(report.groups.map(\.words) == [17, 25])
    #expect(report.groups.map(\.mentions) == [8, 6])
    #expect(report.group("no")?.languages == [.init(lang: "nb", count: 1), .init(lang: "nn", count: 1)])
  }

  @Test func countsMentionsArticlesSharesAndRatesPerGroup() throws {
    let report = Self.report([Self.english1, Self.bokmal, Self.english2, Self.nynorsk])
    let maduro = try #require(report.entity("nicolas_maduro"))
    #expect(maduro.type == "PER")
    #expect(maduro.exclusiveTo == nil)
    #expect(maduro.groups.map(\.group) == ["en", "no"])
    #expect(maduro.groups.map(\.mentions) == [3, 1])
    #expect(maduro.groups.map(\.articles) == [2, 1])
    #expect(maduro.groups.map(\.shareOfArticles) == [1, 0.5])
    #expect(maduro.groups.map(\.per1000Words) == [176.47, 40])  // 3 in 17 words, 1 in 25 words
    let norway = try #require(report.entity("norway"))
    #expect(norway.groups.map(\.mentions) == [2, 2])
    #expect(norway.groups.map(\.forms) == [["Norway"], ["Noreg", "Norge"]])
    #expect(norway.label == "Norway")
    #expect(report.entities.first?.id == "nicolas_maduro")  // 4 mentions, the most
  }

  @Test func namesWhatOnlyOneSideMentions() {
    let report = Self.report([Self.english1, Self.bokmal, Self.english2, Self.nynorsk])
    #expect(report.entities(onlyIn: "en").map(\.id).sorted() == ["donald_trump", "juan_guaido", "washington"])
    #expect(report.entities(onlyIn: "no").map(\.id).sorted() == ["dag_nylander", "oslo", "venezuela"])
    #expect(report.sharedEntities.map(\.id) == ["nicolas_maduro", "norway"])
  }

  @Test func showsBokmalAndNynorskApartOnRequest() {
    let report = Self.report([Self.english1, Self.bokmal, Self.nynorsk]) { $0.mergeNorwegian = false }
    #expect(report.groups.map(\.key) == ["en", "nb", "nn"])
    #expect(report.groups.map(\.label) == ["English", "Bokmål", "Nynorsk"])
    #expect(!report.norwegianMerged)
    #expect(report.entity("venezuela")?.exclusiveTo == "nn")
  }

  @Test func groupsBySource() {
    let report = Self.report([Self.english1, Self.bokmal, Self.english2, Self.nynorsk]) { $0.grouping = .source }
    #expect(report.groups.map(\.key) == ["NRK", "AP", "Reuters"])  // by articles, then key
    #expect(report.groups.map(\.articles) == [2, 1, 1])
    #expect(report.entity("norway")?.groups.map(\.group) == ["NRK", "Reuters"])
  }

  @Test func countsPairsOfEntitiesByArticlesMentioningBoth() throws {
    let report = Self.report([Self.english1, Self.english2])
    let english = try #require(report.group("en"))
    #expect(
      english.pairs
        == [
          .init(a: "juan_guaido", b: "nicolas_maduro", articles: 1), .init(a: "juan_guaido", b: "norway", articles: 1),
          .init(a: "donald_trump", b: "nicolas_maduro", articles: 1),
          .init(a: "donald_trump", b: "washington", articles: 1),
          .init(a: "nicolas_maduro", b: "norway", articles: 1),
          .init(a: "nicolas_maduro", b: "washington", articles: 1),
        ].sorted { ($0.a, $0.b) < ($1.a, $1.b) })
    #expect(english.pairsExact)
  }

  @Test func keepsTheSentencesThatMentionAnEntityWithEveryMentionMarked() throws {
    var article = Self.english1
    article.sentences[1] = "Maduro 👍🏽 thanked Norway, then Maduro left Tromsø."
    article.mentions = [(1, "Maduro", "nicolas_maduro", "PER"), (1, "Maduro", "nicolas_maduro", "PER")]
    let report = Self.report([article])
    let example = try #require(report.entity("nicolas_maduro")?.inGroup("en")?.examples.first)
    #expect(example.text == "Maduro 👍🏽 thanked Norway, then Maduro left Tromsø.")
    #expect(example.sentence == 1)
    #expect(example.start == 46)
    #expect(example.marks == [[0, 6], [31, 37]])
    let scalars = Array(example.text.unicodeScalars)
    #expect(example.marks.map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) } == ["Maduro", "Maduro"])
    #expect(report.entity("nicolas_maduro")?.inGroup("en")?.examples.count == 1)
  }

  @Test func keepsAtMostTheConfiguredNumberOfSentences() throws {
    let articles = (0..<5).map { index in
      AnnotatedArticle(
        id: "a\(index)", lang: "en", source: nil,
        sentences: ["Story \(index) \(String(repeating: "x", count: index * 40)) about Oslo."],
        mentions: [(0, "Oslo", "oslo", "GPE")])
    }
    let report = Self.report(articles) {
      $0.examplesPerEntity = 3
      $0.deduplicate = false
    }
    let oslo = try #require(report.entity("oslo")?.inGroup("en"))
    #expect(oslo.mentions == 5)
    #expect(oslo.examples.map(\.article) == ["a0", "a1", "a2"])
  }

  @Test func countsAStoryOncePerGroup() throws {
    let seed = try Repository.text("seeds/002_fe690893039d8ce3.txt")
    let nynorsk = try Repository.text("Tests/Fixtures/coverage/nynorsk-version.txt")
    let articles = [
      AnnotatedArticle(id: "nb-original", lang: "nb", source: "NRK", sentences: [seed]),
      AnnotatedArticle(id: "nb-copy", lang: "nb", source: "VG", sentences: [seed]),
      AnnotatedArticle(id: "nn-version", lang: "nn", source: "NRK", sentences: [nynorsk]),
      AnnotatedArticle(
        id: "en", lang: "en", source: "AP", sentences: [try Repository.text("seeds/000_db61c14585fe4d18.txt")]),
    ]
    let merged = Self.report(articles)
    #expect(merged.groups.map(\.articles) == [1, 1])
    #expect(merged.groups.map(\.copiesSkipped) == [0, 2])
    #expect(merged.dedupe.copiesSkipped == 2)
    let story = try #require(merged.duplicateStories.first)
    #expect(merged.duplicateStories.count == 1)
    #expect(story.first == "nb-original")
    #expect(story.members.map(\.id) == ["nb-original", "nb-copy", "nn-version"])
    #expect(story.members.map(\.counted) == [true, false, false])
    #expect(story.members.map(\.line) == [1, 2, 3])
    #expect(story.members[1].similarity == 1)

    // Apart, the Nynorsk version is the story's first article in its own group, so it counts there.
    let split = Self.report(articles) { $0.mergeNorwegian = false }
    #expect(split.groups.map(\.key) == ["en", "nb", "nn"])
    #expect(split.groups.map(\.articles) == [1, 1, 1])
    #expect(split.duplicateStories.first?.members.map(\.counted) == [true, false, true])

    // By source, the copy in VG counts for VG.
    let bySource = Self.report(articles) { $0.grouping = .source }
    #expect(bySource.groups.map { "\($0.key) \($0.articles)" } == ["AP 1", "NRK 1", "VG 1"])

    let everything = Self.report(articles) { $0.deduplicate = false }
    #expect(everything.groups.map(\.articles) == [1, 3])
    #expect(everything.duplicateStories.isEmpty)
    #expect(!everything.dedupe.enabled)
  }

  @Test func averagesStanceOverTheArticlesThatMentionTheTarget() throws {
    var first = Self.english1
    first.stance = [
      ("the_dialogue", "favor", 0.6, 2, [(1, "thanked", 0.8)]), ("opposition", "absent", 0, 0, []),
    ]
    var second = Self.english2
    second.stance = [("the_dialogue", "against", -0.2, 1, []), ("opposition", "neutral", 0.05, 1, [])]
    let report = Self.report([first, second])
    let stance = try #require(report.group("en")?.stance)
    #expect(stance.map(\.target) == ["the_dialogue", "opposition"])
    let dialogue = stance[0]
    #expect([dialogue.favor, dialogue.against, dialogue.neutral, dialogue.absent] == [1, 1, 0, 0] as [Int])
    #expect(dialogue.meanScore == 0.2)
    #expect(dialogue.mentions == 3)
    #expect(
      dialogue.evidence == [
        .init(
          article: "en-1", sentence: 1, text: "Maduro thanked Norway.", cueStart: 7, cueEnd: 14,
          cue: "lexicon:test.tsv:1", cueClass: "support", weight: 0.8, label: "favor")
      ])
    let opposition = stance[1]
    #expect([opposition.favor, opposition.against, opposition.neutral, opposition.absent] == [0, 0, 1, 1] as [Int])
    #expect(opposition.meanScore == 0.05)
  }

  @Test func countsQuotedSpeakersAndQuotedStances() throws {
    var article = Self.english1
    article.quotations = [("juan_guaido", "direct"), ("juan_guaido", "reported"), (nil, "direct")]
    article.quotes = [
      ("juan_guaido", "maduro_government", "against", -0.5), ("juan_guaido", "maduro_government", "against", -0.3),
    ]
    let report = Self.report([article])
    let english = try #require(report.group("en"))
    #expect(
      english.speakers == [
        .init(
          id: "juan_guaido", label: "Juan Guaido", quotations: 2, articles: 1, kinds: ["direct": 1, "reported": 1]),
        .init(id: nil, label: "(not named)", quotations: 1, articles: 1, kinds: ["direct": 1]),
      ])
    #expect(
      english.quotedStances == [
        .init(holder: "juan_guaido", target: "maduro_government", favor: 0, against: 2, meanScore: -0.4)
      ])
  }

  @Test func countsSentencesInAnotherLanguage() throws {
    var article = Self.bokmal
    article.sentenceLanguages = ["1": "en"]
    article.mixed = true
    let report = Self.report([article])
    let norwegian = try #require(report.group("no"))
    #expect(norwegian.otherLanguageSentences == 1)
    #expect(norwegian.mixedArticles == 1)
    #expect(norwegian.sentenceLanguages == [.init(lang: "en", count: 1), .init(lang: "nb", count: 1)])
  }

  @Test func leavesOutErrorRecordsAndLinesThatAreNotAnnotations() throws {
    let report = Self.report(
      [Self.english1],
      extraLines: [
        #"{"schema_version":5,"id":"b","error":{"code":"empty_text","message":"empty"}}"#, "", "not json",
        #"{"id":"x","text":"no other fields"}"#,
      ])
    #expect(report.lines == 4)
    #expect(report.annotations == 1)
    #expect(report.errorRecords == 1)
    #expect(report.unreadableLines == 2)
    #expect(report.unreadableExamples.map(\.line) == [4, 5])
    #expect(report.unreadableExamples.first?.reason.hasPrefix("not JSON: ") == true)
    #expect(report.groups.map(\.articles) == [1])
  }

  @Test func labelsEntitiesByAFormThatSpellsTheirId() {
    #expect(
      CoverageAggregator.label(for: "nicolas_maduro", forms: ["Maduro": 5, "Nicolás Maduro": 1]) == "Nicolás Maduro")
    #expect(CoverageAggregator.label(for: "united_nations", forms: ["FNs": 1]) == "United Nations")
    #expect(CoverageAggregator.label(for: "per:antonio_ledezma", forms: ["Ledezma": 2]) == "Antonio Ledezma")
    #expect(CoverageAggregator.label(for: "nrk", forms: ["NRK": 1]) == "NRK")
  }

  @Test func listsOnlyChartedEntitiesWhenThereAreMany() throws {
    let articles = (0..<40).map { index in
      AnnotatedArticle(
        id: "a\(index)", lang: index % 2 == 0 ? "en" : "nb", source: nil,
        sentences: ["Name\(index) met Oslo people in number \(index) today."],
        mentions: [(0, "Name\(index)", "name_\(index)", "PER"), (0, "Oslo", "oslo", "GPE")])
    }
    let report = Self.report(articles) {
      $0.listEveryEntityUpTo = 10
      $0.top = 3
      $0.deduplicate = false
    }
    #expect(report.entities.count == 41)
    let listed = report.entities.filter(\.listed)
    #expect(listed.count < 41 && listed.contains { $0.id == "oslo" })
    #expect(report.entities.filter { !$0.listed }.allSatisfy { $0.groups.allSatisfy(\.examples.isEmpty) })
    #expect(listed.allSatisfy { $0.groups.allSatisfy { !$0.examples.isEmpty } })
  }
}
