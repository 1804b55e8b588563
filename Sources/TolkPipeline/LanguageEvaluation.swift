import Foundation
import LanguageIdentification
import TolkCore

/// Measures language identification on items with a gold language: macro and per-language accuracy,
/// the confusion matrix, and speed (items per second on one core).
public struct LanguageEvaluation: Sendable {
  /// Figures for one set of items.
  public struct Result: Sendable {
    public var name: String
    public var languages: [Language]
    /// `confusion[gold][predicted]`, predicted including `und`.
    public var confusion: [Language: [Language: Int]] = [:]
    public var seconds: Double = 0
    public var items = 0

    /// Share of `language`'s items identified correctly, 0...1.
    public func accuracy(of language: Language) -> Double {
      let row = confusion[language] ?? [:]
      let total = row.values.reduce(0, +)
      return total == 0 ? 0 : Double(row[language] ?? 0) / Double(total)
    }

    /// Mean of the per-language accuracies over languages that have items.
    public var macroAccuracy: Double {
      let present = languages.filter { !(confusion[$0] ?? [:]).isEmpty }
      return present.isEmpty ? 0 : present.map(accuracy(of:)).reduce(0, +) / Double(present.count)
    }

    public var itemsPerSecond: Double { seconds > 0 ? Double(items) / seconds : 0 }

    /// A text report: accuracies, then the confusion matrix.
    public var report: String {
      var lines = [
        String(
          format: "%@: %d items, macro accuracy %.2f %%, %.0f items/s", name, items, 100 * macroAccuracy, itemsPerSecond
        )
      ]
      lines.append(
        languages.filter { $0 != .undetermined || !(confusion[$0] ?? [:]).isEmpty }
          .map { String(format: "%@ %.1f", $0.rawValue, 100 * accuracy(of: $0)) }.joined(separator: "  "))
      let columns = languages + (languages.contains(.undetermined) ? [] : [.undetermined])
      lines.append(
        "gold\\pred " + columns.map { $0.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0) }.joined())
      for gold in languages where gold != .undetermined {
        let row = confusion[gold] ?? [:]
        lines.append(
          gold.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            + columns.map { String(row[$0] ?? 0).padding(toLength: 5, withPad: " ", startingAt: 0) }.joined())
      }
      return lines.joined(separator: "\n")
    }
  }

  public let identifier: LanguageIdentifier

  public init(identifier: LanguageIdentifier) { self.identifier = identifier }

  /// Identifies every item and tallies the result.
  public func evaluate(_ items: [LanguageIDCorpus.Item], name: String) -> Result {
    let languages = identifier.model.languages
    let needsUnd = !languages.contains(.undetermined) && items.contains { $0.language == .undetermined }
    var result = Result(name: name, languages: languages + (needsUnd ? [.undetermined] : []))
    var predictions: [Language] = []
    predictions.reserveCapacity(items.count)
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      for item in items { predictions.append(identifier.identify(Substring(item.text).unicodeScalars).language) }
    }
    for (item, predicted) in zip(items, predictions) {
      result.confusion[item.language, default: [:]][predicted, default: 0] += 1
    }
    result.items = items.count
    result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return result
  }

  /// Reads items from a JSONL file whose lines have `text` and a gold `lang` (and optionally `id`).
  public static func items(contentsOf url: URL) throws -> [LanguageIDCorpus.Item] {
    let data = try Data(contentsOf: url)
    var items: [LanguageIDCorpus.Item] = []
    for (number, line) in data.split(separator: 0x0A).enumerated() where !line.allSatisfy({ $0 == 0x20 }) {
      let value = try Array(line).withUnsafeBufferPointer { try JSONParser.parse($0) }
      guard case .string(let text)? = value["text"], case .string(let language)? = value["lang"] else {
        throw InputError.missingField("text and lang (line \(number + 1) of \(url.path))")
      }
      var id = "\(number + 1)"
      if case .string(let given)? = value["id"] { id = given }
      items.append(LanguageIDCorpus.Item(id: id, text: text, language: Language(metadata: language)))
    }
    return items
  }

  /// JSONL lines `{"id","text","lang"}` for `items`, as `tolk train langid --dev-sets` writes them.
  public static func jsonLines(_ items: [LanguageIDCorpus.Item]) -> Data {
    var buffer = JSONBuffer(capacity: items.count * 128)
    for item in items {
      buffer.beginObject()
      buffer.field("id", item.id)
      buffer.field("text", item.text)
      buffer.field("lang", item.language.rawValue)
      buffer.endObject()
      buffer.newline()
    }
    return Data(buffer.bytes)
  }
}
