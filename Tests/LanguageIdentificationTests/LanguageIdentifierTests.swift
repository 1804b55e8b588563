import Foundation
import LanguageIdentification
import Testing
import TolkCore
import TolkTesting

@Suite struct LanguageIdentifierTests {
  func identifier(_ configure: (inout LanguageIdentifier.Configuration) -> Void = { _ in }) throws -> LanguageIdentifier
  {
    let model = try #require(Fixtures.languageModel)
    var configuration = LanguageIdentifier.Configuration()
    configure(&configuration)
    return LanguageIdentifier(model: model, configuration: configuration)
  }

  func identify(_ text: String, with identifier: LanguageIdentifier) -> LanguageGuess {
    identifier.identify(Substring(text).unicodeScalars)
  }

  // Sentences written for these tests (not from the training data), about the seeds' story.
  @Test(arguments: [
    ("Venezuela's opposition leader is confident the government will return to the negotiating table.", "en"),
    ("Regjeringen og opposisjonen møttes i Oslo, men de ble ikke enige om et nytt valg.", "nb"),
    ("Regjeringa og opposisjonen møttest i Oslo, men dei vart ikkje samde om eit nytt val.", "nn"),
    ("Eg veit ikkje kva han meiner om forhandlingane.", "nn"),
    ("Jeg vet ikke hva han mener om forhandlingene.", "nb"),
    ("Regeringen og oppositionen mødtes i Oslo, men de blev ikke enige om et nyt valg.", "da"),
    ("Regeringen och oppositionen möttes i Oslo, men de kom inte överens om ett nytt val.", "sv"),
    ("Die Regierung und die Opposition trafen sich in Oslo, einigten sich aber nicht auf Neuwahlen.", "de"),
    ("El gobierno y la oposición se reunieron en Oslo, pero no acordaron nuevas elecciones.", "es"),
    ("Le gouvernement et l'opposition se sont réunis à Oslo, sans s'accorder sur de nouvelles élections.", "fr"),
  ])
  func identifiesTheLanguagesOfTheSet(_ text: String, _ expected: String) throws {
    let guess = identify(text, with: try identifier())
    #expect(guess.language.rawValue == expected)
    #expect((guess.confidence ?? 0) > 0.5)
    #expect(guess.hypotheses.count == 3)
    #expect(guess.hypotheses.map(\.score) == guess.hypotheses.map(\.score).sorted(by: >))
    #expect(guess.hypotheses.map(\.score).reduce(0, +) <= 1.000_001)
  }

  @Test func answersUndForTextWithoutLetters() throws {
    let guess = identify("2019–2020 · 12:30 · 100 % !!!", with: try identifier())
    #expect(guess.language == .undetermined && guess.confidence == nil && guess.hypotheses.isEmpty)
  }

  /// Other scripts and Latin-script languages outside the set are `und`, not a wrong guess.
  @Test func answersUndForLanguagesOutsideTheSet() throws {
    let identifier = try identifier()
    let lines = try Repository.text("Tests/Fixtures/langid/out-of-set.jsonl").split(separator: "\n")
    for line in lines {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
      let text = try #require(object["text"])
      #expect(identify(text, with: identifier).language == .undetermined, "\(object["id"] ?? "")")
    }
  }

  @Test func keepsToTheAllowedLanguagesAndFollowsAHint() throws {
    let nynorsk = "Eg veit ikkje kva han meiner om forhandlingane."
    let restricted = try identifier { $0.languages = [.bokmal, .english] }
    let guess = identify(nynorsk, with: restricted)
    #expect(guess.language == .bokmal)
    #expect(Set(guess.hypotheses.map(\.language)).isSubset(of: [.bokmal, .english, .undetermined]))
    // Two words that Bokmål and Nynorsk share: the hint decides.
    let ambiguous = "i Oslo"
    #expect(identify(ambiguous, with: try identifier { $0.hint = .nynorsk }).language == .nynorsk)
    #expect(identify(ambiguous, with: try identifier { $0.hint = .bokmal }).language == .bokmal)
  }

  @Test func keepsTheDeclaredLanguageWhenNothingIsFound() throws {
    var document = Document(id: "x", text: "12:30 – 14:00", language: .nynorsk)
    try checkInvariants(of: try identifier(), on: document)
    try identifier().annotate(&document)
    #expect(
      document.language == .nynorsk && document.declaredLanguage == .nynorsk && document.languageConfidence == nil)
    var english = Document(id: "y", text: "The talks resumed in Oslo on Tuesday.", language: .bokmal)
    try identifier().annotate(&english)
    #expect(english.language == .english && english.declaredLanguage == .bokmal)
  }

  @Test func savesAndLoadsTheModelUnchanged() throws {
    let model = try #require(Fixtures.languageModel)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-model-\(UUID().uuidString).bin")
    defer { try? FileManager.default.removeItem(at: url) }
    try model.serialized().write(to: url)
    let loaded = try LanguageModel(contentsOf: url)
    #expect(loaded.header == model.header)
    let features = model.features.extract("Samtalene foregår i Oslo.")
    #expect(loaded.logits(for: features) == model.logits(for: features))
    #expect(
      try loaded.serialized() == (try Data(contentsOf: Repository.lexicons.appendingPathComponent("langid/model.bin"))))
  }

  /// Scoring as the features come (in batches) gives exactly the logits of scoring the whole list,
  /// for texts shorter and longer than one batch, and the same counts.
  @Test func streamedScoringEqualsScoringTheFeatureList() throws {
    let model = try #require(Fixtures.languageModel)
    let long = String(repeating: "Samtalene i Oslo mellom regjeringa og opposisjonen held fram. ", count: 40)
    for text in ["", "2019", "Eg veit ikkje.", "The talks resumed in Oslo on Tuesday.", long] {
      let extraction = model.features.extract(text)
      #expect(extraction.buckets.count < 600 || text == long)
      let (logits, counts) = model.logits(of: Substring(text).unicodeScalars)
      #expect(logits == model.logits(for: extraction), "\(text.prefix(20))")
      #expect(counts.letters == extraction.letters && counts.latinLetters == extraction.latinLetters)
      #expect(counts.words == extraction.words)
    }
    #expect(model.features.extract(long).buckets.count > 2_000)
  }

  @Test func refusesADamagedModelFile() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-bad-\(UUID().uuidString).bin")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data("TOLKLID1xxxx".utf8).write(to: url)
    #expect(throws: LexiconError.self) { _ = try LanguageModel(contentsOf: url) }
  }

  /// The committed model scores a fixed sample exactly as recorded: a model change never goes unnoticed.
  @Test func scoresTheFixedSampleAsRecorded() throws {
    let identifier = try identifier()
    let sample = [
      "Norwegian delegation arrives in Venezuela to restart stalled dialogue",
      "Samtalene, som foregår på et hemmelig sted i Oslo, er tilrettelagt av Norge.",
      "Dei to partane møttest i Noreg for andre gong denne månaden.",
      "Forhandlingerne fortsætter i Oslo efter planen.",
      "i Oslo", "la oposición", "FN",
    ]
    let lines = sample.map { text in
      let guess = identify(text, with: identifier)
      return
        ([text, guess.language.rawValue]
        + guess.hypotheses.map { "\($0.language.rawValue)=\(String(format: "%.4f", $0.score))" })
        .joined(separator: "\t")
    }
    let golden = Repository.root.appendingPathComponent("Tests/Fixtures/golden/langid-sample.tsv")
    let recorded = lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["TOLK_RECORD"] == "1" {
      try recorded.write(to: golden, atomically: true, encoding: .utf8)
      Issue.record("recorded \(golden.path); unset TOLK_RECORD and review the diff")
      return
    }
    #expect(recorded == (try String(contentsOf: golden, encoding: .utf8)))
  }
}
