import TolkCore

/// Writes one JSON line per record in Tolk's output schema (`docs/schema/annotation.schema.json`).
///
/// Keys come in a fixed order and are always present (`null` when unknown), so that pandas reads every
/// line into the same columns: first the scalars (`schema_version`, `id`, `title`, `lang`, …, the
/// counts), then `text`, `meta`, the layers (`paragraphs`, `sentences`, `tokens`) and `pipeline`.
/// An error record is `{"schema_version", "id", "error": {"code", "message", "file", "line"}}`.
public struct OutputEncoder: Sendable {
  /// Which tokens go into `tokens` (the counts always cover all of them).
  public enum TokenDetail: String, Sendable, CaseIterable {
    /// No token records, for large runs.
    case none
    /// Words and numbers.
    case words
    /// Every token, punctuation, symbols and emoji included.
    case all
  }

  /// The version of the output schema; bumped whenever a key changes.
  public static let schemaVersion = 1

  /// Fixed facts about the run, written into every line's `pipeline`.
  public struct RunInfo: Sendable, Hashable {
    public var tolkVersion: String
    public var icuVersion: String
    public var lexiconsSHA256: String
    public var stages: [String]

    public init(tolkVersion: String, icuVersion: String, lexiconsSHA256: String, stages: [String]) {
      self.tolkVersion = tolkVersion
      self.icuVersion = icuVersion
      self.lexiconsSHA256 = lexiconsSHA256
      self.stages = stages
    }
  }

  public let tokens: TokenDetail
  private let pipelineObject: [UInt8]

  public init(run: RunInfo, tokens: TokenDetail = .words) {
    self.tokens = tokens
    var buffer = JSONBuffer(capacity: 256)
    buffer.open(UInt8(ascii: "{"))
    buffer.key("tolk_version"); buffer.string(run.tolkVersion); buffer.comma()
    buffer.key("icu_version"); buffer.string(run.icuVersion); buffer.comma()
    buffer.key("lexicons_sha256"); buffer.string(run.lexiconsSHA256); buffer.comma()
    buffer.key("stages"); buffer.open(UInt8(ascii: "["))
    for (index, stage) in run.stages.enumerated() {
      if index > 0 { buffer.comma() }
      buffer.string(stage)
    }
    buffer.open(UInt8(ascii: "]")); buffer.comma()
    buffer.key("tokens"); buffer.string(tokens.rawValue)
    buffer.open(UInt8(ascii: "}"))
    pipelineObject = buffer.bytes
  }

  /// One annotation line, newline included.
  public func encode(_ document: Document) -> [UInt8] {
    var buffer = JSONBuffer(capacity: document.text.utf8.count * (tokens == .none ? 2 : 8) + 512)
    buffer.open(UInt8(ascii: "{"))
    buffer.key("schema_version"); buffer.int(Self.schemaVersion); buffer.comma()
    buffer.key("id"); buffer.string(document.id); buffer.comma()
    buffer.key("title"); buffer.string(document.title); buffer.comma()
    buffer.key("lang"); buffer.string(document.language.rawValue); buffer.comma()
    buffer.key("lang_confidence")
    if let confidence = document.languageConfidence { buffer.fixed(confidence) } else { buffer.null() }
    buffer.comma()
    buffer.key("source"); buffer.string(document.source); buffer.comma()
    buffer.key("url"); buffer.string(document.url); buffer.comma()
    buffer.key("published"); buffer.string(document.published); buffer.comma()
    buffer.key("n_chars"); buffer.int(document.scalarCount); buffer.comma()
    buffer.key("n_paragraphs"); buffer.int(document.paragraphs.count); buffer.comma()
    buffer.key("n_sentences"); buffer.int(document.sentences.count); buffer.comma()
    buffer.key("n_tokens"); buffer.int(document.tokens.count); buffer.comma()
    buffer.key("n_words"); buffer.int(document.tokens.lazy.filter { $0.kind == .word }.count); buffer.comma()
    buffer.key("text"); buffer.string(document.text); buffer.comma()
    buffer.key("meta"); buffer.json(.object(document.meta)); buffer.comma()

    buffer.key("paragraphs"); buffer.open(UInt8(ascii: "["))
    for (index, paragraph) in document.paragraphs.enumerated() {
      if index > 0 { buffer.comma() }
      buffer.open(UInt8(ascii: "{"))
      buffer.key("start"); buffer.int(paragraph.start); buffer.comma()
      buffer.key("end"); buffer.int(paragraph.end); buffer.comma()
      buffer.key("kind"); buffer.string(paragraph.kind.rawValue); buffer.comma()
      buffer.key("source"); buffer.string(paragraph.source)
      buffer.open(UInt8(ascii: "}"))
    }
    buffer.open(UInt8(ascii: "]")); buffer.comma()

    buffer.key("sentences"); buffer.open(UInt8(ascii: "["))
    for (index, sentence) in document.sentences.enumerated() {
      if index > 0 { buffer.comma() }
      buffer.open(UInt8(ascii: "{"))
      buffer.key("start"); buffer.int(sentence.start); buffer.comma()
      buffer.key("end"); buffer.int(sentence.end); buffer.comma()
      buffer.key("paragraph"); buffer.int(sentence.paragraph)
      buffer.open(UInt8(ascii: "}"))
    }
    buffer.open(UInt8(ascii: "]")); buffer.comma()

    buffer.key("tokens"); buffer.open(UInt8(ascii: "["))
    var first = true
    for token in document.tokens where tokens == .all || (tokens == .words && token.isWordLike) {
      if !first { buffer.comma() }
      first = false
      buffer.open(UInt8(ascii: "{"))
      buffer.key("start"); buffer.int(token.start); buffer.comma()
      buffer.key("end"); buffer.int(token.end); buffer.comma()
      buffer.key("kind"); buffer.string(token.kind.rawValue); buffer.comma()
      buffer.key("norm"); buffer.string(token.norm); buffer.comma()
      buffer.key("fold"); buffer.string(token.fold); buffer.comma()
      buffer.key("sentence"); buffer.int(token.sentence); buffer.comma()
      buffer.key("parts")
      if token.parts.isEmpty {
        buffer.null()
      } else {
        buffer.open(UInt8(ascii: "["))
        for (index, part) in token.parts.enumerated() {
          if index > 0 { buffer.comma() }
          buffer.open(UInt8(ascii: "["))
          buffer.int(part.lowerBound); buffer.comma(); buffer.int(part.upperBound)
          buffer.open(UInt8(ascii: "]"))
        }
        buffer.open(UInt8(ascii: "]"))
      }
      buffer.open(UInt8(ascii: "}"))
    }
    buffer.open(UInt8(ascii: "]")); buffer.comma()

    buffer.key("pipeline")
    var bytes = buffer.bytes
    bytes.append(contentsOf: pipelineObject)
    bytes.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
    return bytes
  }

  /// One error line, newline included.
  public func encodeFailure(id: String?, location: RecordLocation, error: any CodedError) -> [UInt8] {
    var buffer = JSONBuffer(capacity: 256)
    buffer.open(UInt8(ascii: "{"))
    buffer.key("schema_version"); buffer.int(Self.schemaVersion); buffer.comma()
    buffer.key("id"); buffer.string(id); buffer.comma()
    buffer.key("error"); buffer.open(UInt8(ascii: "{"))
    buffer.key("code"); buffer.string(error.code); buffer.comma()
    buffer.key("message"); buffer.string(error.description); buffer.comma()
    buffer.key("file"); buffer.string(location.file); buffer.comma()
    buffer.key("line")
    if let line = location.line { buffer.int(line) } else { buffer.null() }
    buffer.open(UInt8(ascii: "}"))
    buffer.open(UInt8(ascii: "}"))
    buffer.newline()
    return buffer.bytes
  }
}
