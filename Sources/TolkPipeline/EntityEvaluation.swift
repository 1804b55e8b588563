import Foundation
import TolkCore

/// Scores entity mentions against gold named-entity annotations, by the held-out protocol
/// (`score.py ner`): one record per gold sentence, no `lang`; a mention counts when its span (code
/// points) and coarse type match exactly. Types: PER, ORG, LOC (GPE and NorNE's GPE_LOC count as LOC,
/// GPE_ORG as ORG); MISC and NorNE's PROD, EVT, DRV are left out, and so are Tolk's mentions inside
/// compounds.
///
/// Gold files: CoNLL-U with the label in MISC as `name=B-PER` (NorNE, the converted UNER and GUM files),
/// or BIO files whose third column is the tag (`ID TOKEN TAG …`, UNER's `.iob2`).
public struct EntityEvaluation: Sendable {
  /// Counts for one type.
  public struct Counts: Sendable, Hashable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public var precision: Double {
      truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double {
      truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
  }

  /// Figures for one gold file.
  public struct Result: Sendable {
    public var name: String
    public var sentences = 0
    public var byType: [String: Counts] = [:]

    public var micro: Counts {
      byType.values.reduce(into: Counts()) {
        $0.truePositives += $1.truePositives
        $0.falsePositives += $1.falsePositives
        $0.falseNegatives += $1.falseNegatives
      }
    }

    public var report: String {
      func line(_ label: String, _ counts: Counts) -> String {
        String(
          format: "  %-5@ P %5.1f  R %5.1f  F1 %5.1f  (tp %d, fp %d, fn %d)", label as NSString, 100 * counts.precision,
          100 * counts.recall, 100 * counts.f1, counts.truePositives, counts.falsePositives, counts.falseNegatives)
      }
      var lines = ["\(name): \(sentences) sentences", line("micro", micro)]
      for type in ["PER", "ORG", "LOC"] { lines.append(line(type, byType[type] ?? Counts())) }
      return lines.joined(separator: "\n")
    }
  }

  /// Coarse gold types; anything else is not scored.
  static let coarse: [String: String] = [
    "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE_LOC": "LOC", "GPE_ORG": "ORG", "GPE": "LOC",
  ]

  public let pipeline: Pipeline

  public init(pipeline: Pipeline) { self.pipeline = pipeline }

  struct Span: Hashable {
    var start: Int
    var end: Int
    var type: String
  }

  public func evaluate(gold url: URL, name: String) throws -> Result {
    var result = Result(name: name)
    for (text, gold) in try Self.sentences(in: url) {
      var document = Document(id: "s\(result.sentences)", text: text)
      result.sentences += 1
      try pipeline.annotate(&document)
      var predicted = Set<Span>()
      for entity in document.entities where !entity.inCompound {
        let type: String? =
          switch entity.kind {
          case .person: "PER"
          case .organisation: "ORG"
          case .location, .geopolitical: "LOC"
          case .miscellaneous: nil
          }
        if let type { predicted.insert(Span(start: entity.start, end: entity.end, type: type)) }
      }
      for type in ["PER", "ORG", "LOC"] {
        let goldOfType = gold.filter { $0.type == type }
        let predictedOfType = predicted.filter { $0.type == type }
        result.byType[type, default: Counts()].truePositives += goldOfType.intersection(predictedOfType).count
        result.byType[type, default: Counts()].falsePositives += predictedOfType.subtracting(goldOfType).count
        result.byType[type, default: Counts()].falseNegatives += goldOfType.subtracting(predictedOfType).count
      }
    }
    return result
  }

  /// Each gold sentence's text (`# text`, else the words joined by spaces) and its spans, typed by
  /// `types` (nil leaves a span out); by default the scored coarse types.
  static func sentences(in url: URL, types: (String) -> String? = { coarse[$0] }) throws -> [(String, Set<Span>)] {
    let contents = try String(contentsOf: url, encoding: .utf8)
    var sentences: [(String, Set<Span>)] = []
    var words: [(String, String)] = []
    var text: String?
    func finish() {
      defer {
        words = []
        text = nil
      }
      guard !words.isEmpty else { return }
      let sentenceText = text ?? words.map(\.0).joined(separator: " ")
      let scalars = Array(sentenceText.unicodeScalars)
      var spans = Set<Span>()
      var current: Span?
      var position = 0
      for (word, label) in words {
        let needle = Array(word.unicodeScalars)
        var found = position
        var index = position
        while index + needle.count <= scalars.count {
          if Array(scalars[index..<(index + needle.count)]) == needle {
            found = index
            break
          }
          index += 1
        }
        let end = found + needle.count
        position = end
        let parts = label.split(separator: "-", maxSplits: 1).map(String.init)
        guard label != "O", label != "_", parts.count == 2, let type = types(parts[1]) else {
          if let span = current { spans.insert(span) }
          current = nil
          continue
        }
        if parts[0] == "B" || parts[0] == "S" || current == nil || current?.type != type {
          if let span = current { spans.insert(span) }
          current = Span(start: found, end: end, type: type)
        } else {
          current?.end = end
        }
      }
      if let span = current { spans.insert(span) }
      sentences.append((sentenceText, spans))
    }
    for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty {
        finish()
        continue
      }
      if line.hasPrefix("#") {
        if line.hasPrefix("# text = ") { text = String(line.dropFirst(9)) }
        continue
      }
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard columns.count >= 3, !columns[0].contains("-"), !columns[0].contains(".") else { continue }
      var label = "O"
      if columns.count >= 10 {
        for part in columns[9].split(separator: "|") where part.hasPrefix("name=") { label = String(part.dropFirst(5)) }
      } else {
        label = columns[2]
      }
      words.append((columns[1], label))
    }
    finish()
    return sentences
  }
}
