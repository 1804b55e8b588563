import Foundation
import TolkCore
import TolkPipeline

/// Feeds arbitrary bytes through everything `tolk annotate` does with them and checks the result:
/// the fuzz target (`make fuzz`) and the regression tests of its crashers both call ``check(_:)``.
///
/// The bytes are read twice, as a JSONL file and as a `.txt` file, by the real ``ArticleReader``. Every
/// article goes through each annotator under ``checkInvariants(of:on:)`` (text unchanged, spans sorted,
/// in bounds and nested, a second run changes nothing), then the entity and stance layers are checked
/// for bounds and sentence indexes, and its output line must be one line that reads back, as JSONL
/// input, to the same id and text (less a leading U+FEFF, which the reader drops again). Every error's line must read back as JSON too. An
/// ``InvariantViolation`` names what broke.
public struct InputChecker: Sendable {
  public let pipeline: Pipeline
  public let encoder: OutputEncoder

  /// The standard pipeline over `lexicons`, writing every token.
  public init(lexicons: LexiconSet) throws {
    pipeline = try Pipeline(lexicons: lexicons)
    encoder = OutputEncoder(
      run: .init(
        tolkVersion: TolkVersion.current, icuVersion: "test", lexiconsSHA256: lexicons.sha256,
        stages: pipeline.stageNames),
      tokens: .all)
  }

  /// Reads `bytes` as JSONL and as a `.txt` file and checks every record; returns the number of
  /// records read (both ways together).
  @discardableResult
  public func check(_ bytes: [UInt8]) throws -> Int {
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let jsonl = try folder.write(bytes, to: "input.jsonl")
    let text = try folder.write(bytes, to: "input.txt")
    let lines = Array(ArticleReader(inputs: [.jsonLines(jsonl)]))
    var previousLine = 0
    for item in lines {
      let line = item.location.line ?? 0
      guard line > previousLine else {
        throw InvariantViolation(description: "record at line \(line) follows line \(previousLine)")
      }
      previousLine = line
      try check(item, in: folder)
    }
    let files = Array(ArticleReader(inputs: [.textFile(text)]))
    guard files.count == 1 else {
      throw InvariantViolation(description: "a .txt file gave \(files.count) records, not 1")
    }
    try check(files[0], in: folder)
    return lines.count + files.count
  }

  private func check(_ item: InputItem, in folder: ScratchFolder) throws {
    switch item {
    case .failure(let id, let location, let error):
      // An error line is not an article: read back, it lacks `text` (or `id`, when that is null).
      let readBack = try readBack(encoder.encodeFailure(id: id, location: location, error: error), in: folder)
      guard case .failure(_, _, let again) = readBack, again.code == "missing_field" else {
        throw InvariantViolation(
          description: "the error line for \(error.code) reads back as \(Self.summary(of: readBack))")
      }
    case .article(var document, _):
      for annotator in pipeline.annotators {
        do {
          document = try checkInvariants(of: annotator, on: document)
        } catch let violation as InvariantViolation {
          throw violation
        } catch {
          throw InvariantViolation(description: "\(annotator.name) threw: \(error)")
        }
      }
      try Self.checkLayers(of: document)
      // The reader drops a leading U+FEFF from `text` (an editor's byte order mark), so a text that
      // still starts with one (it started with two) loses that one when read back.
      let scalars = document.text.unicodeScalars
      let expected = scalars.dropFirst(scalars.first == "\u{FEFF}" ? 1 : 0)
      let readBack = try readBack(encoder.encode(document), in: folder)
      guard case .article(let again, _) = readBack, again.id == document.id,
        again.text.unicodeScalars.elementsEqual(expected)
      else {
        throw InvariantViolation(
          description: "the output line of \(document.id) (text \(document.text.debugDescription)) reads back as "
            + Self.summary(of: readBack))
      }
    }
  }

  /// An item's id and text, or its error, for messages.
  private static func summary(of item: InputItem) -> String {
    switch item {
    case .article(let document, _): "an article with id \(document.id) and text \(document.text.debugDescription)"
    case .failure(let id, _, let error): "an error record with id \(id ?? "null"): \(error.code), \(error)"
    }
  }

  /// The record that one output line gives when read as JSONL input; it must be one line ending in
  /// its only newline. (Tolk's own reader, as Foundation's `JSONSerialization` drops U+FEFF after an
  /// escape or at the start of a string.)
  private func readBack(_ line: [UInt8], in folder: ScratchFolder) throws -> InputItem {
    guard line.last == 0x0A, line.firstIndex(of: 0x0A) == line.count - 1 else {
      throw InvariantViolation(description: "an output line is not one line ending in a newline")
    }
    let records = Array(ArticleReader(inputs: [.jsonLines(try folder.write(line, to: "output.jsonl"))]))
    guard records.count == 1 else {
      throw InvariantViolation(description: "an output line reads back as \(records.count) records")
    }
    return records[0]
  }

  /// Entities, relations, quotations and stance evidence: non-empty, in bounds, in the sentence they name.
  private static func checkLayers(of document: Document) throws {
    let count = document.scalarCount
    func check(_ range: Range<Int>, sentence: Int, _ name: String) throws {
      guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= count,
        document.sentences.indices.contains(sentence)
      else {
        throw InvariantViolation(
          description: "\(name) \(range) in sentence \(sentence) is empty or out of bounds (\(count) code points, "
            + "\(document.sentences.count) sentences)")
      }
    }
    var previousStart = 0
    for entity in document.entities {
      try check(entity.range, sentence: entity.sentence, "entity \(entity.id)")
      guard document.sentences[entity.sentence].range.contains(entity.range), entity.start >= previousStart else {
        throw InvariantViolation(description: "entity \(entity.id) \(entity.range) is outside its sentence or unsorted")
      }
      previousStart = entity.start
    }
    for relation in document.relations {
      try check(relation.range, sentence: relation.sentence, "relation \(relation.id)")
    }
    for quotation in document.quotations {
      try check(quotation.range, sentence: quotation.sentence, "quotation")
      if let start = quotation.speakerStart, let end = quotation.speakerEnd {
        guard start < end, start >= 0, end <= count else {
          throw InvariantViolation(description: "quotation speaker \(start)..<\(end) is out of bounds (\(count))")
        }
      }
    }
    let evidence = document.stance.flatMap(\.evidence) + document.quotedStances.flatMap(\.evidence)
    for item in evidence {
      try check(item.range, sentence: item.sentence, "stance cue \(item.cue)")
    }
  }
}

/// A fresh temporary folder for one check, so that parallel tests never share files.
private struct ScratchFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "/tolk-check-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `bytes` to `name` in the folder and returns its path.
  func write(_ bytes: [UInt8], to name: String) throws -> String {
    let file = path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}
