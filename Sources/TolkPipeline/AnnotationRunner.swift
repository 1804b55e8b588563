import TolkCore

/// Annotates a stream of records on `jobs` parallel tasks and hands the encoded lines to `write` in
/// input order, with at most a bounded number of records in memory.
///
/// Parallelism is across articles: each task runs the synchronous pipeline on one document and encodes
/// its line; the runner restores input order before writing, so output is byte-identical whatever
/// `jobs` is.
public struct AnnotationRunner: Sendable {
  /// Totals of one run.
  public struct Summary: Sendable, Hashable {
    public var annotated = 0
    public var failed = 0
    /// UTF-8 bytes of annotated text.
    public var textBytes = 0
    /// Error counts by code.
    public var errorCodes: [String: Int] = [:]

    public init() {}
    public var records: Int { annotated + failed }
  }

  public let pipeline: Pipeline
  public let encoder: OutputEncoder
  public let jobs: Int

  public init(pipeline: Pipeline, encoder: OutputEncoder, jobs: Int) {
    precondition(jobs >= 1, "jobs must be at least 1")
    self.pipeline = pipeline
    self.encoder = encoder
    self.jobs = jobs
  }

  /// The encoded line and outcome of one record, computed off the reading task.
  struct Outcome: Sendable {
    var line: [UInt8]
    var textBytes: Int
    var errorCode: String?
  }

  /// Encodes one record: annotation or error line.
  func outcome(for item: InputItem) -> Outcome {
    switch item {
    case .failure(let id, let location, let error):
      return Outcome(
        line: encoder.encodeFailure(id: id, location: location, error: error), textBytes: 0, errorCode: error.code)
    case .article(var document, let location):
      do {
        try pipeline.annotate(&document)
        return Outcome(line: encoder.encode(document), textBytes: document.text.utf8.count, errorCode: nil)
      } catch let error as any CodedError {
        return Outcome(
          line: encoder.encodeFailure(id: document.id, location: location, error: error), textBytes: 0,
          errorCode: error.code)
      } catch {
        let wrapped = UnexpectedError(description: "\(error)")
        return Outcome(
          line: encoder.encodeFailure(id: document.id, location: location, error: wrapped), textBytes: 0,
          errorCode: wrapped.code)
      }
    }
  }

  /// Reads `items` to the end, annotating and writing each; `progress` is called after each record.
  /// The totals start from `initial` (the lines a resumed run kept).
  public func run(
    _ items: some Sequence<InputItem>,
    startingWith initial: Summary = Summary(),
    write: ([UInt8]) throws -> Void,
    progress: (Summary) -> Void = { _ in }
  ) async throws -> Summary {
    var summary = initial
    func record(_ outcome: Outcome) throws {
      try write(outcome.line)
      if let code = outcome.errorCode {
        summary.failed += 1
        summary.errorCodes[code, default: 0] += 1
      } else {
        summary.annotated += 1
        summary.textBytes += outcome.textBytes
      }
      progress(summary)
    }
    if jobs == 1 {
      for item in items { try record(outcome(for: item)) }
      return summary
    }
    let window = jobs * 4
    try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
      var iterator = items.makeIterator()
      var nextToRead = 0
      var nextToWrite = 0
      var finished: [Int: Outcome] = [:]
      var exhausted = false
      func fill() {
        while !exhausted && nextToRead - nextToWrite < window {
          guard let item = iterator.next() else {
            exhausted = true
            return
          }
          let sequence = nextToRead
          nextToRead += 1
          group.addTask { [self] in (sequence, outcome(for: item)) }
        }
      }
      fill()
      while let (sequence, outcome) = try await group.next() {
        finished[sequence] = outcome
        while let ready = finished.removeValue(forKey: nextToWrite) {
          try record(ready)
          nextToWrite += 1
        }
        fill()
      }
    }
    return summary
  }
}

/// An error an annotator threw that is not a ``CodedError`` (a bug); reported, never fatal.
struct UnexpectedError: CodedError {
  var description: String
  var code: String { "internal_error" }
}
