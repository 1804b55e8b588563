import Foundation
import Testing
import TolkCore
import TolkPipeline
import TolkTesting

@testable import EntityTagging

/// The person-name list and the model features it feeds: which words it marks, that the templates fire
/// only for listed words and only when a model has them, and that the tagger computes them at run time.
@Suite struct PersonNameListTests {
  /// The committed list marks given names and surnames by their fold, in en and nb text, and leaves out
  /// the common words the build script removes ("Will", "Per") and words that are no names.
  @Test(
    arguments: [
      ("Ingrid Hansen met Will in Oslo.", [[.given], [.surname], [], [], [], [], []]),
      // "Jose" is listed as a given name (and "José" too) and as a surname; "Per" is left out.
      ("Per og Jose Nguyen kom hjem.", [[], [], [.given, .surname], [.surname], [], [], []]),
    ] as [(String, [PersonNameList.Kinds])])
  func committedListMarksListedWords(_ text: String, _ expected: [PersonNameList.Kinds]) throws {
    let lexicons = try #require(Fixtures.lexicons)
    let document = try Document.tokenized(text)
    #expect(lexicons.entities.personNames.count > 10_000)
    #expect(lexicons.entities.personNames.marks(for: document.tokens) == expected)
  }

  /// The cells compared whole give what splitting them into parts gives.
  @Test(arguments: ["given", "surname", "given|surname"])
  func wholeKindCellsReadAsTheirParts(_ cell: String) throws {
    func fail(_ reason: String) -> LexiconError { .invalidEntry(file: "test", line: 1, reason: reason) }
    #expect(try PersonNameList.kinds(cell, fail: fail) == (try PersonNameList.kinds(ofParts: cell, fail: fail)))
    #expect(try PersonNameList.kinds("surname|given|given", fail: fail) == [.given, .surname])
    #expect(throws: LexiconError.self) { try PersonNameList.kinds("given|", fail: fail) }
  }

  @Test func readsKindsByFoldAndRefusesUnknownKinds() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("person-names-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("person-names.tsv")
    let fold: (String) -> String = { $0.lowercased().replacingOccurrences(of: "é", with: "e") }
    try "name\tkind\tsources\nJosé\tgiven\tfaker:es_ES\nJose\tsurname\tcensus1990\nLee\tgiven|surname\tcensus1990\n"
      .write(to: url, atomically: true, encoding: .utf8)
    let list = try PersonNameList(contentsOf: url, name: "entities/person-names.tsv", fold: fold)
    #expect(list.kinds(of: "jose") == [.given, .surname])
    #expect(list.kinds(of: "lee") == [.given, .surname])
    #expect(list.kinds(of: "oslo") == [])
    try "name\tkind\tsources\nLee\tfirst\tcensus1990\n".write(to: url, atomically: true, encoding: .utf8)
    #expect(
      throws: LexiconError.invalidEntry(
        file: "entities/person-names.tsv", line: 2, reason: "kind \"first\" must be given, surname or given|surname")
    ) {
      try PersonNameList(contentsOf: url, name: "entities/person-names.tsv", fold: fold)
    }
  }

  /// Features of each token of `text` with and without person-name marks ("Ingrid" given, "Hansen"
  /// surname).
  static func hashes(_ text: String, features: EntityModelFeatures, marked: Bool) throws -> [[UInt64]] {
    let document = try Document.tokenized(text)
    let list = PersonNameList(kindsByFold: ["ingrid": .given, "hansen": .surname])
    let sentence = EntityModelFeatures.Sentence(
      tokens: document.tokens[...], scalars: Array(document.text.unicodeScalars),
      gazetteer: Array(repeating: .none, count: document.tokens.count),
      personNames: marked ? list.marks(for: document.tokens) : [])
    var hashes: [UInt64] = []
    var offsets: [Int] = []
    features.extract(sentence, clusters: nil, hashes: &hashes, offsets: &offsets)
    return (0..<document.tokens.count).map { Array(hashes[offsets[$0]..<offsets[$0 + 1]]) }
  }

  /// A listed name changes its own features and its neighbours' (the templates of the words before and
  /// after); a word two or more away from every listed name keeps exactly the features it has unmarked.
  @Test func templatesFireForListedNamesAndTheirNeighboursOnly() throws {
    let features = EntityModelFeatures(usesPersonNames: true)
    let text = "I går kom Ingrid hjem fra en lang tur til fjells ."
    let marked = try Self.hashes(text, features: features, marked: true)
    let unmarked = try Self.hashes(text, features: features, marked: false)
    // Tokens: I går kom Ingrid hjem fra …; "Ingrid" is token 3.
    #expect(marked.count == 12)
    #expect(marked[2] != unmarked[2] && marked[3] != unmarked[3] && marked[4] != unmarked[4])
    for index in [0, 1] + Array(5..<12) { #expect(marked[index] == unmarked[index], "token \(index)") }
  }

  /// A model trained without the templates sees the same features whether or not marks are given, so
  /// its files keep their bytes and scores; with them, four more features per token.
  @Test func modelsWithoutTheTemplatesIgnoreTheMarks() throws {
    let text = "Ingrid Hansen kom hjem ."
    let without = EntityModelFeatures()
    #expect(
      try Self.hashes(text, features: without, marked: true) == Self.hashes(text, features: without, marked: false))
    let with = try Self.hashes(text, features: EntityModelFeatures(usesPersonNames: true), marked: true)
    #expect(zip(with, try Self.hashes(text, features: without, marked: true)).allSatisfy { $0.count == $1.count + 4 })
  }

  /// Model headers name the templates: the switch is written only when on, and older headers without it
  /// read as off.
  @Test func headersRecordTheSwitchOnlyWhenOn() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let off = String(decoding: try encoder.encode(EntityModelFeatures()), as: UTF8.self)
    #expect(off == #"{"usesClusters":true,"usesGazetteer":true}"#)
    let on = try encoder.encode(EntityModelFeatures(usesPersonNames: true))
    #expect(
      String(decoding: on, as: UTF8.self) == #"{"usesClusters":true,"usesGazetteer":true,"usesPersonNames":true}"#)
    #expect(try JSONDecoder().decode(EntityModelFeatures.self, from: Data(off.utf8)).usesPersonNames == false)
    #expect(try JSONDecoder().decode(EntityModelFeatures.self, from: on).usesPersonNames == true)
  }

  /// A model whose only weight says "a listed given name begins a person" finds "Ingrid" and not
  /// "Astrid" when the tagger runs it: the tagger computes the marks from its lexicon at run time, and
  /// nothing drops them there (dropout is a training matter). The same weights under a header without
  /// the templates find nothing.
  @Test(arguments: [true, false])
  func taggerFeedsTheListToAModelThatUsesIt(_ usesPersonNames: Bool) throws {
    let tags = ["O", "B-PER", "I-PER"]
    // Enough buckets that no other feature of the sentence shares the one weight's bucket.
    let bucketBits = 18
    var weights = [Int16](repeating: 0, count: (1 << bucketBits) * tags.count)
    let bucket = Int(
      EntityModelFeatures.mix(44, UInt64(PersonNameList.Kinds.given.rawValue)) & UInt64((1 << bucketBits) - 1))
    weights[bucket * tags.count + 1] = 1_000
    let features = EntityModelFeatures(usesGazetteer: false, usesClusters: false, usesPersonNames: usesPersonNames)
    let model = EntityModel(
      header: .init(tags: tags, features: features, bucketBits: bucketBits, scale: 0.01, temperature: 1, notes: [:]),
      transitions: [Float](repeating: 0, count: (tags.count + 1) * tags.count), weights: weights)
    let lexicon = EntityLexicon(
      entries: [], aliases: [], personNames: PersonNameList(kindsByFold: ["ingrid": .given]))
    let tagger = EntityTagger(
      lexicon: lexicon, models: EntityModelSet(models: ["no": model], clusters: nil),
      configuration: .init(sources: [.model]))
    let document = try Document.tokenized("Ingrid og Astrid kom hjem.", language: .bokmal)
    let annotated = try checkInvariants(of: tagger, on: document)
    let found = annotated.entities.map { (annotated.slice($0.range), $0.kind, $0.source) }
    if usesPersonNames {
      #expect(found.count == 1)
      #expect(found.first?.0 == "Ingrid" && found.first?.1 == .person && found.first?.2 == "model:ner/no.bin")
    } else {
      #expect(found.isEmpty)
    }
  }
}
