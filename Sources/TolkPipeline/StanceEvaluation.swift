import Foundation
import TolkCore

/// Scores stance against article gold in the format of `../shared/gold/seeds.jsonl`: for the article's
/// own voice, SemEval-style F_avg (the mean F1 of favor and against over article × target pairs) and
/// accuracy (absent counted as neutral), per target and overall, with and without the pairs the gold
/// marks `doubt`; for quoted stances, precision, recall and F1 of (holder, target, label) triples.
public struct StanceEvaluation: Sendable {
  /// One article × target comparison.
  public struct Pair: Sendable, Hashable {
    public var article: String
    public var target: String
    public var gold: StanceLabel
    public var predicted: StanceLabel
    public var doubtful: Bool
  }

  /// A quoted stance as the gold writes it.
  public struct Triple: Sendable, Hashable {
    public var holder: String
    public var target: String
    public var label: String
  }

  public struct Result: Sendable {
    public var pairs: [Pair] = []
    public var goldTriples: [String: Set<Triple>] = [:]
    public var predictedTriples: [String: Set<Triple>] = [:]

    /// F1 of one label over `pairs`; 1 when neither gold nor prediction has it.
    static func f1(_ label: StanceLabel, _ pairs: [Pair]) -> Double {
      let truePositives = pairs.filter { $0.gold == label && $0.predicted == label }.count
      let falsePositives = pairs.filter { $0.gold != label && $0.predicted == label }.count
      let falseNegatives = pairs.filter { $0.gold == label && $0.predicted != label }.count
      let denominator = 2 * truePositives + falsePositives + falseNegatives
      return denominator == 0 ? 1 : Double(2 * truePositives) / Double(denominator)
    }

    static func accuracy(_ pairs: [Pair]) -> Double {
      func folded(_ label: StanceLabel) -> StanceLabel { label == .absent ? .neutral : label }
      guard !pairs.isEmpty else { return 0 }
      return Double(pairs.filter { folded($0.gold) == folded($0.predicted) }.count) / Double(pairs.count)
    }

    public static func favg(_ pairs: [Pair]) -> Double { (f1(.favor, pairs) + f1(.against, pairs)) / 2 }

    /// Micro precision, recall and F1 of quoted-stance triples.
    public var quoted: (precision: Double, recall: Double, f1: Double) {
      var truePositives = 0
      var predictedCount = 0
      var goldCount = 0
      for (article, gold) in goldTriples {
        let predicted = predictedTriples[article] ?? []
        truePositives += gold.intersection(predicted).count
        goldCount += gold.count
        predictedCount += predicted.count
      }
      let precision = predictedCount == 0 ? 0 : Double(truePositives) / Double(predictedCount)
      let recall = goldCount == 0 ? 0 : Double(truePositives) / Double(goldCount)
      return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall))
    }

    public var report: String {
      var lines: [String] = []
      func line(_ name: String, _ pairs: [Pair]) -> String {
        "  " + name.padding(toLength: 22, withPad: " ", startingAt: 0)
          + String(
            format: " pairs %3d  F_avg %.3f  F_favor %.3f  F_against %.3f  accuracy %.3f", pairs.count,
            Self.favg(pairs), Self.f1(.favor, pairs), Self.f1(.against, pairs), Self.accuracy(pairs))
      }
      lines.append("authorial stance (\(Set(pairs.map(\.article)).count) articles):")
      lines.append(line("all", pairs))
      lines.append(line("without doubtful gold", pairs.filter { !$0.doubtful }))
      for target in Set(pairs.map(\.target)).sorted() {
        lines.append(line(target, pairs.filter { $0.target == target }))
      }
      lines.append("  article × target: gold → predicted")
      for pair in pairs {
        lines.append(
          "    \(pair.article) \(pair.target): \(pair.gold.rawValue)\(pair.doubtful ? " (doubt)" : "") → \(pair.predicted.rawValue)"
        )
      }
      let quoted = self.quoted
      lines.append(
        String(
          format: "quoted stance (holder, target, label): P %.3f  R %.3f  F1 %.3f", quoted.precision, quoted.recall,
          quoted.f1))
      for article in goldTriples.keys.sorted() {
        let gold = goldTriples[article] ?? []
        let predicted = predictedTriples[article] ?? []
        for triple in gold.sorted(by: { ($0.holder, $0.target) < ($1.holder, $1.target) }) {
          lines.append(
            "    \(predicted.contains(triple) ? "found " : "missed") \(article) \(triple.holder) → \(triple.target) \(triple.label)"
          )
        }
        for triple in predicted.subtracting(gold).sorted(by: { ($0.holder, $0.target) < ($1.holder, $1.target) }) {
          lines.append("    extra  \(article) \(triple.holder) → \(triple.target) \(triple.label)")
        }
      }
      return lines.joined(separator: "\n")
    }
  }

  public let pipeline: Pipeline

  public init(pipeline: Pipeline) { self.pipeline = pipeline }

  /// Annotates each gold article (its `source_file`, looked up relative to the current folder, then to
  /// the gold file's parent folder) and compares.
  public func evaluate(gold url: URL) throws -> Result {
    var result = Result()
    let contents = try String(contentsOf: url, encoding: .utf8)
    for line in contents.split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
      guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let id = record["id"] as? String, let source = record["source_file"] as? String
      else { throw PipelineError.invalidGold(file: url.path, reason: "a line lacks id or source_file") }
      let candidates = [
        URL(fileURLWithPath: source),
        url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(source),
      ]
      guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
        throw PipelineError.invalidGold(file: url.path, reason: "cannot find \(source) for \(id)")
      }
      var reader = ArticleReader(inputs: [.textFile(file.path)])
      guard case .article(var document, _) = reader.next() else {
        throw PipelineError.invalidGold(file: url.path, reason: "cannot read \(file.path)")
      }
      try pipeline.annotate(&document)
      let predicted = Dictionary(document.stance.map { ($0.target, $0.label) }, uniquingKeysWith: { first, _ in first })
      for (target, value) in (record["stance"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
        let entry = value as? [String: Any] ?? [:]
        guard let label = (entry["label"] as? String).flatMap(StanceLabel.init(rawValue:)) else { continue }
        result.pairs.append(
          Pair(
            article: id, target: target, gold: label, predicted: predicted[target] ?? .absent,
            doubtful: entry["doubt"] as? Bool ?? false))
      }
      result.goldTriples[id] = Set(
        (record["quoted_stances"] as? [[String: Any]] ?? []).compactMap { entry in
          guard let holder = entry["holder"] as? String, let target = entry["target"] as? String,
            let label = entry["label"] as? String
          else { return nil }
          return Triple(holder: holder, target: target, label: label)
        })
      result.predictedTriples[id] = Set(
        document.quotedStances.map { Triple(holder: $0.holder, target: $0.target, label: $0.label.rawValue) })
    }
    return result
  }
}
