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
  public static let schemaVersion = 5

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
  /// The `pipeline` record every annotation line ends with (`--resume` compares it).
  let pipelineObject: [UInt8]

  public init(run: RunInfo, tokens: TokenDetail = .words) {
    self.tokens = tokens
    var buffer = JSONBuffer(capacity: 256)
    buffer.beginObject()
    buffer.field("tolk_version", run.tolkVersion)
    buffer.field("icu_version", run.icuVersion)
    buffer.field("lexicons_sha256", run.lexiconsSHA256)
    buffer.key("stages")
    buffer.beginArray()
    for stage in run.stages {
      buffer.element()
      buffer.string(stage)
    }
    buffer.endArray()
    buffer.field("tokens", tokens.rawValue)
    buffer.endObject()
    pipelineObject = buffer.bytes
  }

  /// One annotation line, newline included.
  public func encode(_ document: Document) -> [UInt8] {
    var buffer = JSONBuffer(capacity: document.text.utf8.count * (tokens == .none ? 2 : 8) + 512)
    buffer.beginObject()
    buffer.field("schema_version", Self.schemaVersion)
    buffer.field("id", document.id)
    buffer.field("title", document.title)
    buffer.field("lang", document.language.rawValue)
    buffer.field("lang_confidence", fixed: document.languageConfidence)
    buffer.field("lang_declared", document.declaredLanguage?.rawValue)
    buffer.key("lang_hypotheses")
    buffer.beginArray()
    for hypothesis in document.languageHypotheses {
      buffer.element()
      buffer.beginObject()
      buffer.field("lang", hypothesis.language.rawValue)
      buffer.field("score", fixed: hypothesis.score)
      buffer.endObject()
    }
    buffer.endArray()
    buffer.key("mixed")
    buffer.bool(document.isMixed)
    buffer.field("source", document.source)
    buffer.field("url", document.url)
    buffer.field("published", document.published)
    buffer.field("n_chars", document.scalarCount)
    buffer.field("n_paragraphs", document.paragraphs.count)
    buffer.field("n_sentences", document.sentences.count)
    buffer.field("n_tokens", document.tokens.count)
    var words = 0
    for index in document.tokens.indices where document.tokens[index].kind == .word { words += 1 }
    buffer.field("n_words", words)
    buffer.field("n_entities", document.entities.count)
    buffer.field("text", document.text)
    buffer.key("meta")
    buffer.json(.object(document.meta))

    buffer.key("paragraphs")
    buffer.beginArray()
    for paragraph in document.paragraphs {
      buffer.element()
      buffer.beginObject()
      buffer.field("start", paragraph.start)
      buffer.field("end", paragraph.end)
      buffer.field("kind", paragraph.kind.rawValue)
      buffer.field("source", paragraph.source)
      buffer.endObject()
    }
    buffer.endArray()

    buffer.key("sentences")
    buffer.beginArray()
    for (index, sentence) in document.sentences.enumerated() {
      buffer.element()
      buffer.beginObject()
      buffer.field("start", sentence.start)
      buffer.field("end", sentence.end)
      buffer.field("paragraph", sentence.paragraph)
      buffer.field("lang", index < document.sentenceLanguages.count ? document.sentenceLanguages[index].rawValue : nil)
      buffer.endObject()
    }
    buffer.endArray()

    buffer.key("tokens")
    buffer.beginArray()
    if tokens != .none {
      for index in document.tokens.indices where tokens == .all || document.tokens[index].isWordLike {
        buffer.element()
        write(document.tokens[index], to: &buffer)
      }
    }
    buffer.endArray()

    // Entities, quotations and evidence carry their text, sliced from the article's UTF-8.
    var text = document.text
    text.withUTF8 { utf8 in
      writeEntities(of: document, text: utf8, to: &buffer)
      writeStance(of: document, text: utf8, to: &buffer)
    }
    buffer.field("pipeline", encoded: pipelineObject)
    buffer.endObject()
    buffer.newline()
    return buffer.bytes
  }

  /// `quotations`, `quotes` (quoted stances) and `stance` (the article's stance per target).
  private func writeStance(
    of document: Document, text utf8: UnsafeBufferPointer<UInt8>, to buffer: inout JSONBuffer
  ) {
    var text = ScalarCursor(utf8: utf8)
    func write(_ evidence: [StanceEvidence]) {
      buffer.key("evidence")
      buffer.beginArray()
      for item in evidence {
        buffer.element()
        buffer.beginObject()
        buffer.field("sentence", item.sentence)
        buffer.field("start", item.start)
        buffer.field("end", item.end)
        buffer.field("text", utf8: text.bytes(item.range))
        buffer.field("cue", item.cue)
        buffer.field("class", item.cueClass)
        buffer.field("holder", item.holder)
        buffer.field("weight", fixed: item.weight)
        buffer.key("modifiers")
        buffer.beginArray()
        for modifier in item.modifiers {
          buffer.element()
          buffer.string(modifier)
        }
        buffer.endArray()
        buffer.endObject()
      }
      buffer.endArray()
    }
    buffer.key("quotations")
    buffer.beginArray()
    for quotation in document.quotations {
      buffer.element()
      buffer.beginObject()
      buffer.field("start", quotation.start)
      buffer.field("end", quotation.end)
      buffer.field("text", utf8: text.bytes(quotation.range))
      buffer.field("kind", quotation.kind.rawValue)
      buffer.field("sentence", quotation.sentence)
      buffer.field("speaker", quotation.speaker)
      buffer.field("speaker_start", quotation.speakerStart)
      buffer.field("speaker_end", quotation.speakerEnd)
      buffer.endObject()
    }
    buffer.endArray()
    buffer.key("quotes")
    buffer.beginArray()
    for quoted in document.quotedStances {
      buffer.element()
      buffer.beginObject()
      buffer.field("holder", quoted.holder)
      buffer.field("target", quoted.target)
      buffer.field("label", quoted.label.rawValue)
      buffer.field("score", fixed: quoted.score)
      write(quoted.evidence)
      buffer.endObject()
    }
    buffer.endArray()
    buffer.key("stance")
    buffer.beginArray()
    for stance in document.stance {
      buffer.element()
      buffer.beginObject()
      buffer.field("target", stance.target)
      buffer.field("label", stance.label.rawValue)
      buffer.field("score", fixed: stance.score)
      buffer.field("mentions", stance.mentions)
      write(stance.evidence)
      buffer.endObject()
    }
    buffer.endArray()
  }

  /// `entities`, `relations` and `entity_counts` (id, type, mentions; by first mention).
  private func writeEntities(
    of document: Document, text utf8: UnsafeBufferPointer<UInt8>, to buffer: inout JSONBuffer
  ) {
    var text = ScalarCursor(utf8: utf8)
    buffer.key("entities")
    buffer.beginArray()
    for entity in document.entities {
      buffer.element()
      buffer.beginObject()
      buffer.field("start", entity.start)
      buffer.field("end", entity.end)
      buffer.field("text", utf8: text.bytes(entity.range))
      buffer.field("type", entity.kind.rawValue)
      buffer.field("id", entity.id)
      buffer.field("source", entity.source)
      buffer.field("sentence", entity.sentence)
      buffer.key("in_compound")
      buffer.bool(entity.inCompound)
      buffer.field("confidence", fixed: entity.confidence)
      buffer.endObject()
    }
    buffer.endArray()
    buffer.key("relations")
    buffer.beginArray()
    for relation in document.relations {
      buffer.element()
      buffer.beginObject()
      buffer.field("start", relation.start)
      buffer.field("end", relation.end)
      buffer.field("text", utf8: text.bytes(relation.range))
      buffer.field("id", relation.id)
      buffer.field("kind", relation.kind.rawValue)
      buffer.field("source", relation.source)
      buffer.field("sentence", relation.sentence)
      buffer.key("in_compound")
      buffer.bool(relation.inCompound)
      buffer.endObject()
    }
    buffer.endArray()
    // One lookup per mention: the dictionary only says where an id's count is.
    var counts: [(id: String, kind: Entity.Kind, mentions: Int)] = []
    var positions: [String: Int] = [:]
    for entity in document.entities {
      if let position = positions[entity.id] {
        counts[position].mentions += 1
      } else {
        positions[entity.id] = counts.count
        counts.append((entity.id, entity.kind, 1))
      }
    }
    buffer.key("entity_counts")
    buffer.beginArray()
    for count in counts {
      buffer.element()
      buffer.beginObject()
      buffer.field("id", count.id)
      buffer.field("type", count.kind.rawValue)
      buffer.field("mentions", count.mentions)
      buffer.endObject()
    }
    buffer.endArray()
  }

  private func write(_ token: Token, to buffer: inout JSONBuffer) {
    buffer.beginObject()
    buffer.field("start", token.start)
    buffer.field("end", token.end)
    buffer.field("kind", token.kind.rawValue)
    buffer.field("norm", token.norm)
    buffer.field("fold", token.fold)
    buffer.field("sentence", token.sentence)
    buffer.key("parts")
    if token.parts.isEmpty {
      buffer.null()
    } else {
      buffer.beginArray()
      for part in token.parts {
        buffer.element()
        buffer.beginArray()
        buffer.element()
        buffer.int(part.lowerBound)
        buffer.element()
        buffer.int(part.upperBound)
        buffer.endArray()
      }
      buffer.endArray()
    }
    buffer.endObject()
  }

  /// One error line, newline included.
  public func encodeFailure(id: String?, location: RecordLocation, error: any CodedError) -> [UInt8] {
    var buffer = JSONBuffer(capacity: 256)
    buffer.beginObject()
    buffer.field("schema_version", Self.schemaVersion)
    buffer.field("id", id)
    buffer.key("error")
    buffer.beginObject()
    buffer.field("code", error.code)
    buffer.field("message", error.description)
    buffer.field("file", location.file)
    buffer.field("line", location.line)
    buffer.endObject()
    buffer.endObject()
    buffer.newline()
    return buffer.bytes
  }
}
