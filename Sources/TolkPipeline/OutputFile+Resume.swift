import TolkCore

#if canImport(Glibc)
  import Glibc
#endif

extension OutputFile {
  /// Keeps the lines an interrupted run left in the side file (`tolk annotate --resume`).
  ///
  /// Reads the side file's complete lines and, for each, the next record of `items`. Each line must
  /// carry that record's id (and, for a record that could not be read, its error code), and each
  /// annotation line must end with the `pipeline` record `encoder` writes (the same Tolk version,
  /// lexicons, stages and `--tokens`). At the first line that does not, this throws
  /// ``PipelineError/resumeMismatch(path:line:reason:)`` and leaves the file as it was. Otherwise it
  /// cuts off whatever follows the last complete line (the line the kill interrupted, or the zeros a
  /// crashed machine can leave), so that new lines follow on, and returns the kept lines' totals;
  /// `items` is left at the first record still to annotate.
  public func keepFinishedLines<Items: IteratorProtocol<InputItem>>(
    of items: inout Items, encoder: OutputEncoder
  ) throws(PipelineError) -> AnnotationRunner.Summary {
    var summary = AnnotationRunner.Summary()
    guard let partialPath else { return summary }
    guard lseek(descriptor, 0, SEEK_SET) == 0 else {
      throw .outputFailed(path: partialPath, reason: String(cString: strerror(errno)))
    }
    var scanner = PartialLineScanner(descriptor: descriptor, path: partialPath)
    let pipelineEnding = Array(#""pipeline":"#.utf8) + encoder.pipelineObject + [UInt8(ascii: "}")]
    var keptBytes = 0
    var number = 0
    while let line = try scanner.next(), line.isComplete, line.head.first != 0 {
      number += 1
      func mismatch(_ reason: String) -> PipelineError {
        .resumeMismatch(path: partialPath, line: number, reason: reason)
      }
      guard let written = WrittenLine(line.head) else {
        throw mismatch("it is not a line of Tolk's output (schema version \(OutputEncoder.schemaVersion))")
      }
      guard let item = items.next() else { throw mismatch("the input has only \(number - 1) records") }
      let (id, failure): (String?, [UInt8]?)
      switch item {
      case .article(let document, _): (id, failure) = (document.id, nil)
      case .failure(let failedID, let location, let error):
        (id, failure) = (failedID, encoder.encodeFailure(id: failedID, location: location, error: error))
      }
      let record = "record \(number) of the input (\(item.location))"
      guard written.id == id else {
        throw mismatch("its id is \(Self.describe(written.id)), but \(record) has id \(Self.describe(id))")
      }
      // A record that cannot be read has its error line already: the kept line must be exactly that.
      if let failure, line.length + 1 != failure.count || line.head + [0x0A] != failure {
        throw mismatch("it is not the error record that \(record) gives")
      }
      if written.errorCode == nil && !line.tail.ends(with: pipelineEnding) {
        throw mismatch("its \"pipeline\" record differs: it was written with other options, lexicons or Tolk version")
      }
      if let code = written.errorCode {
        summary.failed += 1
        summary.errorCodes[code, default: 0] += 1
      } else {
        summary.annotated += 1
      }
      keptBytes += line.length + 1
    }
    guard ftruncate(descriptor, off_t(keptBytes)) == 0, lseek(descriptor, off_t(keptBytes), SEEK_SET) >= 0 else {
      throw .outputFailed(path: partialPath, reason: String(cString: strerror(errno)))
    }
    return summary
  }

  private static func describe(_ id: String?) -> String {
    guard let id else { return "null" }
    return "\"\(id.count > 80 ? id.prefix(79) + "…" : id)\""
  }
}

/// What `--resume` reads from the start of a line Tolk wrote: the id and, for an error record, the code.
private struct WrittenLine {
  var id: String?
  var errorCode: String?

  init?(_ head: [UInt8]) {
    let opening = Array(#"{"schema_version":\#(OutputEncoder.schemaVersion),"id":"#.utf8)
    guard head.starts(with: opening) else { return nil }
    var index = opening.count
    if head[index...].starts(with: "null".utf8) {
      index += 4
    } else {
      guard let end = Self.end(ofStringAt: index, in: head),
        case .string(let value)? = try? head[index..<end].withUnsafeBufferPointer({ try JSONParser.parse($0) })
      else { return nil }
      id = value
      index = end
    }
    let errorOpening = Array(#","error":{"code":""#.utf8)
    if head[index...].starts(with: errorOpening) {
      let start = index + errorOpening.count
      guard let close = head[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
      errorCode = String(decoding: head[start..<close], as: UTF8.self)
    }
  }

  /// The index after the closing quote of the JSON string whose opening quote is at `start`.
  private static func end(ofStringAt start: Int, in bytes: [UInt8]) -> Int? {
    guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { return nil }
    var index = start + 1
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\\"): index += 2
      case UInt8(ascii: "\""): return index + 1
      default: index += 1
      }
    }
    return nil
  }
}

extension Array where Element == UInt8 {
  fileprivate func ends(with suffix: [UInt8]) -> Bool {
    count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
  }
}
