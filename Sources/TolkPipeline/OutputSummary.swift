import Foundation
import TolkCore

/// A table of what an annotation file holds, one row per record: what `make annotate` prints.
public struct OutputSummary: Sendable {
  /// One output line, reduced to what the table shows.
  public struct Row: Sendable, Hashable {
    public var id: String
    public var language: String
    public var paragraphsByKind: [String: Int]
    public var sentences: Int
    public var words: Int
    public var entities: Int
    /// The error code for an error record.
    public var error: String?
  }

  public let rows: [Row]

  /// Reads every line of the JSONL file at `url`.
  public init(contentsOf url: URL) throws {
    let data = try Data(contentsOf: url)
    var rows: [Row] = []
    for line in data.split(separator: 0x0A) where !line.isEmpty {
      let value = try Array(line).withUnsafeBufferPointer { try JSONParser.parse($0) }
      rows.append(Self.row(from: value))
    }
    self.rows = rows
  }

  static func row(from value: JSONValue) -> Row {
    func string(_ value: JSONValue?) -> String? {
      if case .string(let string)? = value { return string }
      return nil
    }
    func int(_ value: JSONValue?) -> Int {
      if case .number(let literal)? = value { return Int(literal) ?? 0 }
      return 0
    }
    var kinds: [String: Int] = [:]
    if case .array(let paragraphs)? = value["paragraphs"] {
      for paragraph in paragraphs { kinds[string(paragraph["kind"]) ?? "?", default: 0] += 1 }
    }
    return Row(
      id: string(value["id"]) ?? "(no id)", language: string(value["lang"]) ?? "-", paragraphsByKind: kinds,
      sentences: int(value["n_sentences"]), words: int(value["n_words"]), entities: int(value["n_entities"]),
      error: string(value["error"]?["code"]))
  }

  /// The table as aligned text.
  public var table: String {
    let kinds = Paragraph.Kind.allCases.map(\.rawValue)
    var lines = [["id", "lang"] + kinds + ["sentences", "words", "entities", "error"]]
    for row in rows {
      lines.append(
        [row.id, row.language] + kinds.map { String(row.paragraphsByKind[$0] ?? 0) }
          + [String(row.sentences), String(row.words), String(row.entities), row.error ?? ""])
    }
    let widths = (0..<lines[0].count).map { column in lines.map { $0[column].count }.max() ?? 0 }
    return lines.map { cells in
      zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        .trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
  }
}
