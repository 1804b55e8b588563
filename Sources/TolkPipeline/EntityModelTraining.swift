import EntityTagging
import Foundation
import Tokenization
import TolkCore

/// Builds the entity models' training sentences from gold files and trains them (`tolk train ner`).
///
/// Each gold sentence is tokenized by Tolk's own tokenizer, exactly as `tolk annotate` would, and the
/// gold spans are projected onto those tokens (a token starting a gold span is `B-`, one inside it
/// `I-`), so the model learns on the tokens it will see. The lexicon marks come from the same
/// ``EntityTagger`` the pipeline runs.
public struct EntityModelTraining: Sendable {
  /// One gold file and the language its text is in.
  public struct GoldFile: Sendable {
    public var url: URL
    public var language: Language

    public init(url: URL, language: Language) {
      self.url = url
      self.language = language
    }
  }

  /// A gold sentence, tokenized, with one BIO tag name per token.
  public struct LabelledDocument: Sendable {
    public var document: Document
    public var tags: [String]
  }

  public let lexicons: LexiconSet
  let segmenter: ParagraphSegmenter
  let tokenizer: Tokenizer
  let tagger: EntityTagger

  public init(lexicons: LexiconSet) {
    self.lexicons = lexicons
    segmenter = ParagraphSegmenter(boilerplate: BoilerplateLexicon(entries: [:]))
    tokenizer = Tokenizer(abbreviations: lexicons.abbreviations)
    tagger = EntityTagger(lexicon: lexicons.entities)
  }

  /// NorNE's fine types as they are, or collapsed to PER, ORG, LOC and MISC (GPE_LOC → LOC, GPE_ORG →
  /// ORG, PROD/EVT/MISC → MISC, DRV dropped).
  public static func collapsed(_ type: String) -> String? {
    switch type {
    case "PER", "ORG", "LOC": type
    case "GPE_LOC", "GPE": "LOC"
    case "GPE_ORG": "ORG"
    case "PROD", "EVT", "MISC": "MISC"
    default: nil
    }
  }

  /// The sentences of `file`, tokenized in its language, with gold tags (types mapped by `types`); with
  /// `lowercased`, the text is lower-cased first (code point by code point, so the spans stay), as names
  /// are written in careless web text ("went to florida").
  public func labelledDocuments(
    _ file: GoldFile, types: (String) -> String? = { $0 }, lowercased: Bool = false
  ) throws -> [LabelledDocument] {
    try EntityEvaluation.sentences(in: file.url, types: types).enumerated().map { index, sentence in
      let text = lowercased ? Self.lowercased(sentence.0) : sentence.0
      var document = Document(id: "\(file.url.lastPathComponent):\(index)", text: text, language: file.language)
      try segmenter.annotate(&document)
      try tokenizer.annotate(&document)
      let spans = sentence.1.sorted { $0.start < $1.start }
      let tags = document.tokens.map { token -> String in
        guard let span = spans.first(where: { $0.start <= token.start && token.start < $0.end }),
          token.end <= span.end
        else { return "O" }
        return (token.start == span.start ? "B-" : "I-") + span.type
      }
      return LabelledDocument(document: document, tags: tags)
    }
  }

  /// `text` with every code point that lower-cases to one code point lower-cased (the others kept), so
  /// offsets in code points stay the same.
  static func lowercased(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { scalar in
          let lower = scalar.properties.lowercaseMapping.unicodeScalars
          return lower.count == 1 ? lower[lower.startIndex] : scalar
        }))
  }

  /// `O`, then `B-` and `I-` of every type in `documents`, types in code-point order.
  public static func tagSet(of documents: [LabelledDocument]) -> [String] {
    let types = Set(documents.flatMap { $0.tags.compactMap { $0 == "O" ? nil : String($0.dropFirst(2)) } })
    return ["O"] + types.sorted().flatMap { ["B-\($0)", "I-\($0)"] }
  }

  /// Training examples, one per sentence Tolk's tokenizer finds (as the tagger runs the model).
  public func examples(
    _ documents: [LabelledDocument], tags: [String], features: EntityModelFeatures, clusters: WordClusters?
  ) -> [EntityModelTrainer.Example] {
    let tagIndex = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
    var examples: [EntityModelTrainer.Example] = []
    var hashes: [UInt64] = []
    var offsets: [Int] = []
    var bareHashes: [UInt64] = []
    var bareOffsets: [Int] = []
    for labelled in documents {
      let document = labelled.document
      let scalars = Array(document.text.unicodeScalars)
      let marks = tagger.gazetteerMarks(for: document)
      let personNames = features.usesPersonNames ? tagger.personNameMarks(for: document) : []
      var start = 0
      while start < document.tokens.count {
        var end = start
        while end + 1 < document.tokens.count, document.tokens[end + 1].sentence == document.tokens[start].sentence {
          end += 1
        }
        defer { start = end + 1 }
        let tokens = document.tokens[start...end]
        features.extract(
          .init(
            tokens: tokens, scalars: scalars, gazetteer: Array(marks[start...end]),
            personNames: personNames.isEmpty ? [] : Array(personNames[start...end])),
          clusters: clusters, hashes: &hashes, offsets: &offsets)
        features.extract(
          .init(tokens: tokens, scalars: scalars, gazetteer: Array(repeating: .none, count: end - start + 1)),
          clusters: clusters, hashes: &bareHashes, offsets: &bareOffsets)
        var sentenceTags = labelled.tags[start...end].map { tagIndex[$0] ?? 0 }
        // A sentence split inside a name: its first token cannot be I-.
        if let first = sentenceTags.first, tags[first].hasPrefix("I-") {
          sentenceTags[0] = tagIndex["B-" + tags[first].dropFirst(2)] ?? 0
        }
        examples.append(
          .init(hashes: hashes, offsets: offsets, hashesWithoutGazetteer: bareHashes, tags: sentenceTags))
      }
    }
    return examples
  }
}

extension EntityModelTraining {
  /// Letters and digits only, lower-cased: how the held-out sentences are recognised in other files.
  static func comparable(_ text: some StringProtocol) -> String {
    String(
      String.UnicodeScalarView(
        text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
  }

  /// The unlabelled sentences word clusters are learned from, as lists of `Token.norm`: every line of the
  /// `text` files and every sentence of the gold `training` files, leaving out any sentence that also
  /// occurs in a `heldOut` gold file (dev splits stay unseen).
  public func clusterSentences(
    text: [GoldFile], training: [GoldFile], heldOut: [URL]
  ) throws -> [[String]] {
    var excluded = Set<String>()
    for url in heldOut {
      for (sentence, _) in try EntityEvaluation.sentences(in: url, types: { _ in nil }) {
        excluded.insert(Self.comparable(sentence))
      }
    }
    var seen = Set<String>()
    var result: [[String]] = []
    func add(_ line: String, _ language: Language) throws {
      let key = Self.comparable(line)
      guard !key.isEmpty, !excluded.contains(key), seen.insert(key).inserted else { return }
      var document = Document(id: "line", text: line, language: language)
      try segmenter.annotate(&document)
      try tokenizer.annotate(&document)
      result.append(document.tokens.map(\.norm))
    }
    for file in text {
      let contents = try String(contentsOf: file.url, encoding: .utf8)
      for line in contents.split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
        try add(String(line), file.language)
      }
    }
    for file in training {
      for (sentence, _) in try EntityEvaluation.sentences(in: file.url, types: { _ in nil }) {
        try add(sentence, file.language)
      }
    }
    return result
  }
}

extension EntityModelTraining {
  /// Self-training data: the lines of the unlabelled `text` files that `model` tags with confidence
  /// (every token's tag at least `threshold` probable, 0...1) and in which it finds at least one name,
  /// with the model's tags as if they were gold. Lines that also occur in a `heldOut` or `training` gold
  /// file are left out (dev splits stay unseen; training sentences have their gold tags already).
  public func silverDocuments(
    text: [GoldFile], heldOut: [URL], training: [URL], model: EntityModel, clusters: WordClusters?,
    threshold: Double
  ) throws -> (documents: [LabelledDocument], lines: Int) {
    var excluded = Set<String>()
    for url in heldOut + training {
      for (sentence, _) in try EntityEvaluation.sentences(in: url, types: { _ in nil }) {
        excluded.insert(Self.comparable(sentence))
      }
    }
    var result: [LabelledDocument] = []
    var lines = 0
    for file in text {
      let contents = try String(contentsOf: file.url, encoding: .utf8)
      for (number, line) in contents.split(separator: "\n").enumerated() {
        let key = Self.comparable(line)
        guard !key.isEmpty, excluded.insert(key).inserted else { continue }
        lines += 1
        var document = Document(
          id: "\(file.url.lastPathComponent):\(number + 1)", text: String(line), language: file.language)
        try segmenter.annotate(&document)
        try tokenizer.annotate(&document)
        let scalars = Array(document.text.unicodeScalars)
        let marks = tagger.gazetteerMarks(for: document)
        let personNames = model.header.features.usesPersonNames ? tagger.personNameMarks(for: document) : []
        var tags: [String] = []
        var start = 0
        while start < document.tokens.count {
          var end = start
          while end + 1 < document.tokens.count, document.tokens[end + 1].sentence == document.tokens[start].sentence {
            end += 1
          }
          let sentence = EntityModelFeatures.Sentence(
            tokens: document.tokens[start...end], scalars: scalars, gazetteer: Array(marks[start...end]),
            personNames: personNames.isEmpty ? [] : Array(personNames[start...end]))
          guard
            let path = EntityModelTrainer.confidentTags(
              model, sentence: sentence, clusters: clusters, threshold: threshold)
          else { break }
          tags += path.map { model.tags[$0] }
          start = end + 1
        }
        guard tags.count == document.tokens.count, tags.contains(where: { $0 != "O" }) else { continue }
        result.append(LabelledDocument(document: document, tags: tags))
      }
    }
    return (result, lines)
  }

  /// Tokens per second of the entity model alone (features, Viterbi and confidences) on the sentences
  /// of `file`, tokenized and lexicon-marked beforehand, the best of `rounds` timed passes.
  public func modelSpeed(
    _ file: GoldFile, model: EntityModel, clusters: WordClusters?, rounds: Int = 3
  ) throws -> (tokens: Int, tokensPerSecond: Double) {
    let documents = try labelledDocuments(file).map(\.document)
    var sentences: [EntityModelFeatures.Sentence] = []
    for document in documents {
      let scalars = Array(document.text.unicodeScalars)
      let marks = tagger.gazetteerMarks(for: document)
      let personNames = model.header.features.usesPersonNames ? tagger.personNameMarks(for: document) : []
      var start = 0
      while start < document.tokens.count {
        var end = start
        while end + 1 < document.tokens.count, document.tokens[end + 1].sentence == document.tokens[start].sentence {
          end += 1
        }
        sentences.append(
          .init(
            tokens: document.tokens[start...end], scalars: scalars, gazetteer: Array(marks[start...end]),
            personNames: personNames.isEmpty ? [] : Array(personNames[start...end])))
        start = end + 1
      }
    }
    let tokens = sentences.reduce(0) { $0 + $1.tokens.count }
    var best = Double.infinity
    var buffer: ([UInt64], [Int]) = ([], [])
    var found = 0
    for _ in 0..<max(rounds, 1) {
      let started = DispatchTime.now().uptimeNanoseconds
      for sentence in sentences { found += model.mentions(in: sentence, clusters: clusters, buffer: &buffer).count }
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }
    precondition(found >= 0)
    return (tokens, Double(tokens) / best)
  }
}
