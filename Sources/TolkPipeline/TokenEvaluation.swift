import Foundation
import TolkCore

/// Measures sentence and token boundaries against Universal Dependencies gold, by the same protocol as
/// the held-out scorer (`score.py tokens`): gold sentences are grouped into records at `# newdoc` /
/// `# newpar` (at most 20 sentences each) and joined by one space; a predicted sentence end counts
/// when it equals a gold one (trailing white space ignored), a token when its span equals a gold word's.
///
/// Besides these raw figures it reports "mapped" token figures, where Tolk's hyphenated compounds are
/// compared by their parts and hyphens, the convention English UD treebanks use ("US-backed" →
/// US, -, backed); Norwegian UD keeps compounds whole, so for it raw and mapped agree closely.
public struct TokenEvaluation: Sendable {
  /// Precision, recall and F1 of one comparison, in 0...1.
  public struct Score: Sendable, Hashable {
    public var truePositives = 0
    public var predicted = 0
    public var gold = 0

    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    mutating func add<T: Hashable>(gold goldItems: Set<T>, predicted predictedItems: Set<T>) {
      truePositives += goldItems.intersection(predictedItems).count
      gold += goldItems.count
      predicted += predictedItems.count
    }
  }

  /// Figures for one treebank file.
  public struct Result: Sendable {
    public var name: String
    public var records = 0
    public var sentences = Score()
    public var tokens = Score()
    public var mappedTokens = Score()
  }

  /// One gold record: text, sentence ends except the last, word spans (code points).
  struct GoldRecord {
    var text: String
    var sentenceEnds: [Int]
    var words: [Range<Int>]
  }

  public let pipeline: Pipeline

  public init(pipeline: Pipeline) { self.pipeline = pipeline }

  /// Evaluates the pipeline on the CoNLL-U file at `url`; `language` is given to the documents (use
  /// `und` to measure as the held-out protocol does, without metadata).
  public func evaluate(conllu url: URL, name: String, language: Language) throws -> Result {
    var result = Result(name: name)
    for (index, record) in try Self.records(in: url).enumerated() {
      var document = Document(id: "d\(index)", text: record.text, language: language)
      try pipeline.annotate(&document)
      result.records += 1
      let scalars = Array(record.text.unicodeScalars)
      var predictedEnds = Set<Int>()
      for sentence in document.sentences.dropLast() {
        var end = sentence.end
        while end > 0, scalars[end - 1].properties.isWhitespace { end -= 1 }
        predictedEnds.insert(end)
      }
      result.sentences.add(gold: Set(record.sentenceEnds), predicted: predictedEnds)
      let gold = Set(record.words.map { [$0.lowerBound, $0.upperBound] })
      result.tokens.add(gold: gold, predicted: Set(document.tokens.map { [$0.start, $0.end] }))
      var mapped = Set<[Int]>()
      for token in document.tokens {
        guard token.parts.count > 1 else {
          mapped.insert([token.start, token.end])
          continue
        }
        for (index, part) in token.parts.enumerated() {
          mapped.insert([part.lowerBound, part.upperBound])
          if index + 1 < token.parts.count { mapped.insert([part.upperBound, token.parts[index + 1].lowerBound]) }
        }
      }
      result.mappedTokens.add(gold: gold, predicted: mapped)
    }
    return result
  }

  /// Reads gold records as `score.py tokens-input` builds them.
  static func records(in url: URL, maximumSentences: Int = 20) throws -> [GoldRecord] {
    let contents = try String(contentsOf: url, encoding: .utf8)
    var groups: [[(text: String, words: [String])]] = []
    var current: [(text: String, words: [String])] = []
    var words: [String] = []
    var text: String?
    var startsGroup = false
    func endSentence() {
      if !words.isEmpty, let text {
        if startsGroup || current.isEmpty || current.count >= maximumSentences {
          if !current.isEmpty { groups.append(current) }
          current = []
        }
        current.append((text, words))
      }
      words = []
      text = nil
      startsGroup = false
    }
    for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("# newdoc") || line.hasPrefix("# newpar") { startsGroup = true }
      if line.hasPrefix("#") {
        if line.hasPrefix("# text = ") { text = String(line.dropFirst(9)) }
        continue
      }
      if line.isEmpty {
        endSentence()
        continue
      }
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard columns.count > 1, !columns[0].contains("-"), !columns[0].contains(".") else { continue }
      words.append(String(columns[1]))
    }
    endSentence()
    if !current.isEmpty { groups.append(current) }

    return groups.map { group in
      var text = String.UnicodeScalarView()
      var ends: [Int] = []
      var spans: [Range<Int>] = []
      for (sentenceText, sentenceWords) in group {
        if !text.isEmpty { text.append(" ") }
        let base = text.count
        let scalars = Array(sentenceText.unicodeScalars)
        var position = 0
        for word in sentenceWords {
          let wordScalars = Array(word.unicodeScalars)
          let found = Self.find(wordScalars, in: scalars, from: position) ?? position
          spans.append((base + found)..<(base + found + wordScalars.count))
          position = found + wordScalars.count
        }
        text.append(contentsOf: scalars)
        ends.append(text.count)
      }
      return GoldRecord(text: String(text), sentenceEnds: Array(ends.dropLast()), words: spans)
    }
  }

  private static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
    guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
    var index = start
    while index + needle.count <= haystack.count {
      if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
      index += 1
    }
    return nil
  }
}
