import TolkCore

/// What the coverage report reads from one annotation line of `tolk annotate`: the article's
/// language, source, counts, entity mentions, quotations and stances (schema version 5).
struct CoverageArticle {
  /// One entity mention (`entities[]`), with its offsets in code points of the article's `text`.
  struct Mention {
    var id: String
    var type: String
    var text: String
    var sentence: Int
    var start: Int
    var end: Int
  }

  /// A stance cue (`stance[].evidence[]`), with its offsets in code points of `text`.
  struct Evidence {
    var sentence: Int
    var start: Int
    var end: Int
    var text: String
    var cue: String
    var cueClass: String
    var weight: Double
  }

  /// The article's own stance towards one target (`stance[]`).
  struct TargetStance {
    var target: String
    var label: String
    var score: Double
    var mentions: Int
    var evidence: [Evidence]
  }

  /// A stance someone quoted in the article holds (`quotes[]`).
  struct QuotedStance {
    var holder: String
    var target: String
    var label: String
    var score: Double
  }

  var id: String
  var language: String
  var source: String?
  var text: String
  var words: Int
  var mixed: Bool
  /// Sentence spans in code points of `text`, and each sentence's own language.
  var sentences: [(range: Range<Int>, language: String)]
  var mentions: [Mention]
  /// Speaker (an entity or target id, nil when the article does not say) and kind of each quotation.
  var quotations: [(speaker: String?, kind: String)]
  var quotes: [QuotedStance]
  var stance: [TargetStance]

  /// Why a line is not an annotation record the report can use.
  struct Unusable: Error {
    var reason: String
  }

  /// Reads an annotation record; throws ``Unusable`` naming the first missing or mistyped field.
  init(record: JSONValue) throws(Unusable) {
    func field(_ key: String, in value: JSONValue = record) throws(Unusable) -> JSONValue {
      guard let field = value[key] else { throw Unusable(reason: "no \"\(key)\" field; not a tolk annotation record") }
      return field
    }
    func string(_ key: String, in value: JSONValue = record) throws(Unusable) -> String {
      guard case .string(let string) = try field(key, in: value) else {
        throw Unusable(reason: "\"\(key)\" is not a string")
      }
      return string
    }
    func optionalString(_ key: String, in value: JSONValue = record) -> String? {
      if case .string(let string)? = value[key] { return string }
      return nil
    }
    func number(_ key: String, in value: JSONValue = record) throws(Unusable) -> Double {
      guard case .number(let literal) = try field(key, in: value), let number = Double(literal) else {
        throw Unusable(reason: "\"\(key)\" is not a number")
      }
      return number
    }
    func integer(_ key: String, in value: JSONValue = record) throws(Unusable) -> Int {
      guard case .number(let literal) = try field(key, in: value), let number = Int(literal) else {
        throw Unusable(reason: "\"\(key)\" is not an integer")
      }
      return number
    }
    func array(_ key: String, in value: JSONValue = record) throws(Unusable) -> [JSONValue] {
      guard case .array(let elements) = try field(key, in: value) else {
        throw Unusable(reason: "\"\(key)\" is not an array")
      }
      return elements
    }

    id = try string("id")
    language = try string("lang")
    source = optionalString("source")
    text = try string("text")
    words = try integer("n_words")
    if case .bool(let mixed)? = record["mixed"] { self.mixed = mixed } else { mixed = false }
    var sentences: [(range: Range<Int>, language: String)] = []
    for sentence in try array("sentences") {
      let start = try integer("start", in: sentence)
      let end = try integer("end", in: sentence)
      guard start <= end else { throw Unusable(reason: "a sentence ends before it starts") }
      sentences.append((start..<end, optionalString("lang", in: sentence) ?? language))
    }
    self.sentences = sentences
    var mentions: [Mention] = []
    for entity in try array("entities") {
      mentions.append(
        Mention(
          id: try string("id", in: entity), type: try string("type", in: entity), text: try string("text", in: entity),
          sentence: try integer("sentence", in: entity), start: try integer("start", in: entity),
          end: try integer("end", in: entity)))
    }
    self.mentions = mentions
    // Older schema versions have no quotations or stances: read them as none.
    var quotations: [(speaker: String?, kind: String)] = []
    if case .array(let elements)? = record["quotations"] {
      for quotation in elements {
        quotations.append((optionalString("speaker", in: quotation), try string("kind", in: quotation)))
      }
    }
    self.quotations = quotations
    var quotes: [QuotedStance] = []
    if case .array(let elements)? = record["quotes"] {
      for quote in elements {
        quotes.append(
          QuotedStance(
            holder: try string("holder", in: quote), target: try string("target", in: quote),
            label: try string("label", in: quote), score: try number("score", in: quote)))
      }
    }
    self.quotes = quotes
    var stance: [TargetStance] = []
    if case .array(let elements)? = record["stance"] {
      for entry in elements {
        var evidence: [Evidence] = []
        for item in try array("evidence", in: entry) {
          evidence.append(
            Evidence(
              sentence: try integer("sentence", in: item), start: try integer("start", in: item),
              end: try integer("end", in: item), text: try string("text", in: item), cue: try string("cue", in: item),
              cueClass: try string("class", in: item), weight: try number("weight", in: item)))
        }
        stance.append(
          TargetStance(
            target: try string("target", in: entry), label: try string("label", in: entry),
            score: try number("score", in: entry), mentions: try integer("mentions", in: entry), evidence: evidence))
      }
    }
    self.stance = stance
  }
}

extension String {
  /// The text between two code-point offsets, clamped to the string (Python's `text[start:end]`).
  func scalars(_ range: Range<Int>) -> String {
    let scalars = unicodeScalars
    let lower = scalars.index(scalars.startIndex, offsetBy: max(0, range.lowerBound), limitedBy: scalars.endIndex)
    guard let lower else { return "" }
    let upper = scalars.index(lower, offsetBy: max(0, range.count), limitedBy: scalars.endIndex) ?? scalars.endIndex
    return String(scalars[lower..<upper])
  }
}
