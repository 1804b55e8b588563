import ArgumentParser
import EntityTagging
import Foundation
import Tokenization
import TolkCore
import TolkPipeline

#if canImport(Glibc)
  import Glibc
#endif

/// `tolk bench`: throughput measurements for `make bench` (scripts/bench.py).
struct Bench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measures Tolk's throughput.",
    subcommands: [Stages.self]
  )

  /// `tolk bench stages`: each stage's throughput over a JSONL corpus, single-threaded.
  struct Stages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Prints the MB/s (and tokens/s) of reading, each pipeline stage, the NER model and JSON writing.",
      discussion: """
        Reads CORPUS with the ArticleReader into memory, then runs each annotator of the pipeline, in \
        order, over all documents (the documents keep their layers from one stage to the next), then \
        encodes every document with the OutputEncoder as `--tokens none` would (into memory, not to a \
        file). The NER model row runs only the entity model (features, Viterbi, confidences) on every \
        sentence of the tagged documents, with the lexicon marks computed beforehand. The Foundation rows \
        are the reference: JSONDecoder into a Codable {id, text} per line, then JSONEncoder back; and \
        JSONEncoder writing the content Tolk's writer wrote, from Codable trees decoded beforehand. \
        MB counts 10^6 bytes of UTF-8 article text; everything runs on one thread; loading is not timed.
        """
    )

    @Argument(help: "A JSONL corpus (one {\"id\", \"text\"} object a line).")
    var corpus: String

    @OptionGroup var lexiconOptions: LexiconOptions

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func run() async throws {
      guard FileManager.default.fileExists(atPath: corpus) else {
        throw ValidationError("no such corpus: \(corpus).")
      }
      let loading = Stopwatch()
      let lexicons = try lexiconOptions.load()
      let pipeline: Pipeline
      do { pipeline = try Pipeline(lexicons: lexicons) } catch { throw ValidationError(error.description) }
      let loadSeconds = loading.elapsed().seconds

      var report = StageReport(corpus: corpus, loadSeconds: loadSeconds)
      var documents = read(into: &report)
      for annotator in pipeline.annotators {
        report.rows.append(run(annotator, on: &documents, report: report))
      }
      report.tokens = documents.reduce(0) { $0 + $1.tokens.count }
      report.sentences = documents.reduce(0) { $0 + $1.sentences.count }
      report.setTokenRates(fromStage: "tokenizer")
      let stageSeconds = report.rows.filter { $0.kind == .stage }
      report.rows.append(
        StageReport.Row(
          name: "all stages", kind: .total, seconds: stageSeconds.reduce(0) { $0 + $1.seconds },
          cpuSeconds: stageSeconds.reduce(0) { $0 + $1.cpuSeconds }, bytes: report.bytes, tokens: report.tokens,
          errors: stageSeconds.reduce(0) { $0 + $1.errors }))
      if let tagger = pipeline.annotators.lazy.compactMap({ $0 as? EntityTagger }).first {
        report.rows.append(modelRow(tagger, documents: documents, bytes: report.bytes))
      }
      let (writing, written) = writeRow(documents, pipeline: pipeline, lexicons: lexicons, bytes: report.bytes)
      report.rows.append(writing)
      report.rows.append(contentsOf: try foundationRows())
      report.rows.append(try foundationOutputRow(written, bytes: report.bytes))
      print(json ? report.json() : report.table())
    }

    /// Reads every record into memory, timed; failed records are counted and left out.
    func read(into report: inout StageReport) -> [Document] {
      let stopwatch = Stopwatch()
      var documents: [Document] = []
      var failed = 0
      for item in ArticleReader(inputs: [.jsonLines(corpus)]) {
        switch item {
        case .article(let document, _): documents.append(document)
        case .failure: failed += 1
        }
      }
      let elapsed = stopwatch.elapsed()
      report.records = documents.count
      report.bytes = documents.reduce(0) { $0 + $1.text.utf8.count }
      report.rows.append(
        StageReport.Row(
          name: "read", kind: .read, seconds: elapsed.seconds, cpuSeconds: elapsed.cpuSeconds, bytes: report.bytes,
          errors: failed))
      return documents
    }

    /// Runs one annotator over every document, timed as a whole; an article it fails on is counted.
    func run(_ annotator: any Annotator, on documents: inout [Document], report: StageReport) -> StageReport.Row {
      var errors = 0
      let stopwatch = Stopwatch()
      for index in documents.indices {
        do { try annotator.annotate(&documents[index]) } catch { errors += 1 }
      }
      let elapsed = stopwatch.elapsed()
      return StageReport.Row(
        name: annotator.name, kind: .stage, seconds: elapsed.seconds, cpuSeconds: elapsed.cpuSeconds,
        bytes: report.bytes, errors: errors)
    }

    /// The entity model alone on every sentence of every document that has a model for its language.
    /// The pipeline skips sentences that are all boilerplate; this row does not, so it runs the model on
    /// slightly more tokens than `tolk annotate` does.
    func modelRow(_ tagger: EntityTagger, documents: [Document], bytes: Int) -> StageReport.Row {
      var work: [(EntityModel, EntityModelFeatures.Sentence)] = []
      var modelBytes = 0
      for document in documents {
        guard let (_, model) = tagger.models.model(for: document), !document.tokens.isEmpty else { continue }
        modelBytes += document.text.utf8.count
        let scalars = Array(document.text.unicodeScalars)
        let marks = tagger.gazetteerMarks(for: document)
        let personNames = model.header.features.usesPersonNames ? tagger.personNameMarks(for: document) : []
        let tokens = document.tokens
        var start = 0
        while start < tokens.count {
          var end = start
          while end + 1 < tokens.count, tokens[end + 1].sentence == tokens[start].sentence { end += 1 }
          work.append(
            (
              model,
              .init(
                tokens: tokens[start...end], scalars: scalars, gazetteer: Array(marks[start...end]),
                personNames: personNames.isEmpty ? [] : Array(personNames[start...end]))
            ))
          start = end + 1
        }
      }
      let tokens = work.reduce(0) { $0 + $1.1.tokens.count }
      var buffer: ([UInt64], [Int]) = ([], [])
      var mentions = 0
      let stopwatch = Stopwatch()
      for (model, sentence) in work {
        mentions += model.mentions(in: sentence, clusters: tagger.models.clusters, buffer: &buffer).count
      }
      let elapsed = stopwatch.elapsed()
      return StageReport.Row(
        name: "ner model", kind: .model, seconds: elapsed.seconds, cpuSeconds: elapsed.cpuSeconds, bytes: modelBytes,
        tokens: tokens, note: "\(mentions) mentions in \(work.count) sentences")
    }

    /// Encodes every annotated document as `tolk annotate --tokens none` writes it, into memory; returns
    /// the row and the lines written.
    func writeRow(
      _ documents: [Document], pipeline: Pipeline, lexicons: LexiconSet, bytes: Int
    ) -> (StageReport.Row, [[UInt8]]) {
      let encoder = OutputEncoder(
        run: OutputEncoder.RunInfo(
          tolkVersion: TolkVersion.current, icuVersion: Tokenizer.icuVersion, lexiconsSHA256: lexicons.sha256,
          stages: pipeline.stageNames),
        tokens: .none)
      var lines: [[UInt8]] = []
      lines.reserveCapacity(documents.count)
      let stopwatch = Stopwatch()
      for document in documents { lines.append(encoder.encode(document)) }
      let elapsed = stopwatch.elapsed()
      let written = lines.reduce(0) { $0 + $1.count }
      let row = StageReport.Row(
        name: "write (--tokens none)", kind: .write, seconds: elapsed.seconds, cpuSeconds: elapsed.cpuSeconds,
        bytes: bytes, note: String(format: "%.1f MB of JSON", Double(written) / 1e6))
      return (row, lines)
    }

    /// Foundation's JSONEncoder writing the same content as Tolk's writer: each line Tolk wrote is
    /// decoded (untimed) into a ``FoundationJSON`` tree, and the clock runs while JSONEncoder encodes
    /// the trees. Foundation starts from a ready tree of plain values, while Tolk's writer starts from the
    /// documents (spans still to be converted into code-point offsets), so the comparison favours
    /// Foundation. `bytes` is the article text, as for every other row.
    func foundationOutputRow(_ lines: [[UInt8]], bytes: Int) throws -> StageReport.Row {
      let decoder = JSONDecoder()
      let trees = try lines.map { try decoder.decode(FoundationJSON.self, from: Data($0)) }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.withoutEscapingSlashes]
      var written = 0
      let stopwatch = Stopwatch()
      for tree in trees { written += try encoder.encode(tree).count + 1 }
      let elapsed = stopwatch.elapsed()
      return StageReport.Row(
        name: "Foundation, Tolk's JSON", kind: .reference, seconds: elapsed.seconds,
        cpuSeconds: elapsed.cpuSeconds, bytes: bytes,
        note: String(format: "%.1f MB of JSON", Double(written) / 1e6))
    }

    /// The record `tolk annotate` needs at least, for the Foundation reference.
    struct Record: Codable {
      var id: String
      var text: String
    }

    /// Foundation's JSONDecoder and JSONEncoder over the corpus lines: decode each line into a
    /// ``Record``, then encode each back; the file is read before the clock starts.
    func foundationRows() throws -> [StageReport.Row] {
      let data = try Data(contentsOf: URL(fileURLWithPath: corpus))
      let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
      let decoder = JSONDecoder()
      var records: [Record] = []
      records.reserveCapacity(lines.count)
      let decoding = Stopwatch()
      for line in lines { records.append(try decoder.decode(Record.self, from: Data(line))) }
      let decoded = decoding.elapsed()
      let encoder = JSONEncoder()
      var written = 0
      let encoding = Stopwatch()
      for record in records { written += try encoder.encode(record).count + 1 }
      let encoded = encoding.elapsed()
      let bytes = records.reduce(0) { $0 + $1.text.utf8.count }
      return [
        StageReport.Row(
          name: "Foundation JSONDecoder", kind: .reference, seconds: decoded.seconds, cpuSeconds: decoded.cpuSeconds,
          bytes: bytes),
        StageReport.Row(
          name: "Foundation JSONEncoder", kind: .reference, seconds: encoded.seconds, cpuSeconds: encoded.cpuSeconds,
          bytes: bytes, note: String(format: "%.1f MB of JSON", Double(written) / 1e6)),
        StageReport.Row(
          name: "Foundation round trip", kind: .reference, seconds: decoded.seconds + encoded.seconds,
          cpuSeconds: decoded.cpuSeconds + encoded.cpuSeconds, bytes: bytes),
      ]
    }
  }
}

/// Any JSON value, as Foundation's Codable sees it: the reference tree for JSONEncoder. Object members
/// keep the order the keyed container lists them in, which does not change the work of encoding.
enum FoundationJSON: Codable {
  case null
  case bool(Bool)
  case integer(Int)
  case double(Double)
  case string(String)
  case array([FoundationJSON])
  case object([(key: String, value: FoundationJSON)])

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  init(from decoder: any Decoder) throws {
    if let container = try? decoder.container(keyedBy: Key.self) {
      self = .object(
        try container.allKeys.map { ($0.stringValue, try container.decode(FoundationJSON.self, forKey: $0)) })
    } else if var container = try? decoder.unkeyedContainer() {
      var values: [FoundationJSON] = []
      while !container.isAtEnd { values.append(try container.decode(FoundationJSON.self)) }
      self = .array(values)
    } else {
      let container = try decoder.singleValueContainer()
      if container.decodeNil() {
        self = .null
      } else if let value = try? container.decode(Bool.self) {
        self = .bool(value)
      } else if let value = try? container.decode(Int.self) {
        self = .integer(value)
      } else if let value = try? container.decode(Double.self) {
        self = .double(value)
      } else {
        self = .string(try container.decode(String.self))
      }
    }
  }

  func encode(to encoder: any Encoder) throws {
    switch self {
    case .null:
      var container = encoder.singleValueContainer()
      try container.encodeNil()
    case .bool(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .integer(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .double(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .string(let value):
      var container = encoder.singleValueContainer()
      try container.encode(value)
    case .array(let values):
      var container = encoder.unkeyedContainer()
      for value in values { try container.encode(value) }
    case .object(let members):
      var container = encoder.container(keyedBy: Key.self)
      for member in members { try container.encode(member.value, forKey: Key(stringValue: member.key)) }
    }
  }
}

/// Wall-clock and process CPU time since it was made; CPU time says how much of the wall time this
/// process actually ran, which matters on a machine shared with other jobs.
struct Stopwatch {
  private let wall = Stopwatch.now(CLOCK_MONOTONIC)
  private let cpu = Stopwatch.now(CLOCK_PROCESS_CPUTIME_ID)

  /// Seconds of wall-clock and of CPU time since `init`.
  func elapsed() -> (seconds: Double, cpuSeconds: Double) {
    (Stopwatch.now(CLOCK_MONOTONIC) - wall, Stopwatch.now(CLOCK_PROCESS_CPUTIME_ID) - cpu)
  }

  private static func now(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}

/// What `tolk bench stages` measured: one row per timed step, in the order run.
struct StageReport: Encodable {
  /// One timed step.
  struct Row: Encodable {
    enum Kind: String, Encodable { case read, stage, total, model, write, reference }
    var name: String
    var kind: Kind
    /// Wall-clock seconds.
    var seconds: Double
    /// CPU seconds of this process over the same interval.
    var cpuSeconds: Double
    /// UTF-8 bytes of article text the step went through.
    var bytes: Int
    /// Tokens the step went through, where that is meaningful (nil otherwise).
    var tokens: Int?
    /// Articles the step failed on.
    var errors = 0
    var note: String?

    /// Megabytes (10^6 bytes) of text per wall-clock second.
    var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
    /// Megabytes of text per CPU second.
    var cpuMegabytesPerSecond: Double { cpuSeconds > 0 ? Double(bytes) / 1e6 / cpuSeconds : 0 }
    /// Tokens per wall-clock second, when `tokens` is known.
    var tokensPerSecond: Double? { tokens.map { seconds > 0 ? Double($0) / seconds : 0 } }

    enum CodingKeys: String, CodingKey {
      case name, kind, seconds, bytes, tokens, errors, note
      case cpuSeconds = "cpu_seconds"
      case megabytesPerSecond = "mb_per_s"
      case cpuMegabytesPerSecond = "cpu_mb_per_s"
      case tokensPerSecond = "tokens_per_s"
    }

    init(
      name: String, kind: Kind, seconds: Double, cpuSeconds: Double, bytes: Int, tokens: Int? = nil, errors: Int = 0,
      note: String? = nil
    ) {
      self.name = name
      self.kind = kind
      self.seconds = seconds
      self.cpuSeconds = cpuSeconds
      self.bytes = bytes
      self.tokens = tokens
      self.errors = errors
      self.note = note
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(name, forKey: .name)
      try container.encode(kind, forKey: .kind)
      try container.encode(seconds, forKey: .seconds)
      try container.encode(cpuSeconds, forKey: .cpuSeconds)
      try container.encode(bytes, forKey: .bytes)
      try container.encode(tokens, forKey: .tokens)
      try container.encode(errors, forKey: .errors)
      try container.encode(note, forKey: .note)
      try container.encode(megabytesPerSecond, forKey: .megabytesPerSecond)
      try container.encode(cpuMegabytesPerSecond, forKey: .cpuMegabytesPerSecond)
      try container.encode(tokensPerSecond, forKey: .tokensPerSecond)
    }
  }

  var corpus: String
  var loadSeconds: Double
  /// Articles read (failed records are not counted).
  var records = 0
  /// UTF-8 bytes of the articles' text.
  var bytes = 0
  /// Tokens and sentences after the last stage.
  var tokens = 0
  var sentences = 0
  var rows: [Row] = []

  enum CodingKeys: String, CodingKey {
    case corpus, records, bytes, tokens, sentences, rows
    case loadSeconds = "load_seconds"
  }

  init(corpus: String, loadSeconds: Double) {
    self.corpus = corpus
    self.loadSeconds = loadSeconds
  }

  /// Gives the stage named `first` and every stage after it the corpus's token count, so that they
  /// report tokens/s (the stages before it run before there are tokens).
  mutating func setTokenRates(fromStage first: String) {
    guard let start = rows.firstIndex(where: { $0.kind == .stage && $0.name == first }) else { return }
    for index in rows.indices[start...] where rows[index].kind == .stage { rows[index].tokens = tokens }
  }

  /// The report as one line of JSON.
  func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// The report as an aligned text table.
  func table() -> String {
    func cell(_ text: String, _ width: Int, left: Bool = false) -> String {
      let padding = String(repeating: " ", count: max(width - text.count, 0))
      return left ? text + padding : padding + text
    }
    var lines = [
      String(
        format: "%@: %d articles, %.2f MB of text, %d sentences, %d tokens; loading took %.2f s",
        corpus as NSString, records, Double(bytes) / 1e6, sentences, tokens, loadSeconds),
      "",
      cell("step", 24, left: true) + cell("seconds", 9) + cell("MB/s", 9) + cell("MB/s (CPU)", 12)
        + cell("tokens/s", 11) + cell("errors", 8) + "  note",
    ]
    for row in rows {
      lines.append(
        cell(row.name, 24, left: true) + cell(String(format: "%.3f", row.seconds), 9)
          + cell(String(format: "%.2f", row.megabytesPerSecond), 9)
          + cell(String(format: "%.2f", row.cpuMegabytesPerSecond), 12)
          + cell(row.tokensPerSecond.map { String(format: "%.0f", $0) } ?? "-", 11) + cell("\(row.errors)", 8)
          + (row.note.map { "  " + $0 } ?? ""))
    }
    return lines.joined(separator: "\n")
  }
}
