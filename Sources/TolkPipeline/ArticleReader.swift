import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads articles from `.txt` files, `.jsonl` files, directories of both and standard input, one
/// ``InputItem`` per record, in order, with bounded memory.
///
/// A directory contributes its `.txt` and `.jsonl` files, recursively, sorted by path. `-` is JSONL on
/// standard input; with no paths at all, standard input is read.
public struct ArticleReader: Sequence, IteratorProtocol {
  /// One input to read.
  public enum Input: Sendable, Hashable {
    case textFile(String)
    case jsonLines(String)
    case standardInput
  }

  /// Options with their defaults.
  public struct Configuration: Sendable {
    /// Records (a JSONL line or a `.txt` file) larger than this are refused unread; 16 MiB.
    public var maximumBytes = 16 << 20

    public init() {}
  }

  private var inputs: IndexingIterator<[Input]>
  private let configuration: Configuration
  private var lines: LineReader?
  private var linesName = ""
  private var openDescriptor: Int32 = -1

  public init(inputs: [Input], configuration: Configuration = Configuration()) {
    self.inputs = inputs.makeIterator()
    self.configuration = configuration
  }

  /// The inputs named by command-line `paths`, directories expanded; throws for a path that does not
  /// exist or is neither `.txt`, `.jsonl` nor a directory.
  public static func inputs(for paths: [String]) throws(PipelineError) -> [Input] {
    if paths.isEmpty { return [.standardInput] }
    var inputs: [Input] = []
    let files = FileManager.default
    for path in paths {
      if path == "-" {
        inputs.append(.standardInput)
        continue
      }
      var isDirectory: ObjCBool = false
      guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .noSuchInput(path) }
      if isDirectory.boolValue {
        guard let enumerator = files.enumerator(atPath: path) else { throw .noSuchInput(path) }
        var found: [String] = []
        for case let relative as String in enumerator where relative.hasSuffix(".txt") || relative.hasSuffix(".jsonl") {
          found.append(relative)
        }
        for relative in found.sorted() {
          let full = (path as NSString).appendingPathComponent(relative)
          inputs.append(relative.hasSuffix(".txt") ? .textFile(full) : .jsonLines(full))
        }
      } else if path.hasSuffix(".txt") {
        inputs.append(.textFile(path))
      } else if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
        inputs.append(.jsonLines(path))
      } else {
        throw .unsupportedInput(path)
      }
    }
    return inputs
  }

  public mutating func next() -> InputItem? {
    while true {
      if let reader = lines {
        do {
          if let line = try reader.next() {
            if let item = item(for: line) { return item }
            continue
          }
        } catch {
          finishLines()
          return .failure(id: nil, location: RecordLocation(file: linesName), error: error)
        }
        finishLines()
        continue
      }
      guard let input = inputs.next() else { return nil }
      switch input {
      case .standardInput:
        lines = LineReader(descriptor: 0, maximumLength: configuration.maximumBytes)
        linesName = "-"
      case .jsonLines(let path):
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
          return .failure(
            id: nil, location: RecordLocation(file: path), error: .unreadable(reason: String(cString: strerror(errno))))
        }
        openDescriptor = descriptor
        lines = LineReader(descriptor: descriptor, maximumLength: configuration.maximumBytes)
        linesName = path
      case .textFile(let path):
        return readTextFile(path)
      }
    }
  }

  private mutating func finishLines() {
    if openDescriptor >= 0 { close(openDescriptor) }
    openDescriptor = -1
    lines = nil
  }

  /// The item for one JSONL line; nil for a blank line, which is not a record.
  private func item(for line: LineReader.Line) -> InputItem? {
    let encoding = lines?.encoding ?? .utf8
    switch line {
    case .complete(let bytes, let number, let offset):
      let location = RecordLocation(file: linesName, line: number)
      if encoding == .utf8 {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        return RecordDecoder.jsonLine(bytes, location: location, lineOffset: offset)
      }
      let bigEndian = encoding == .utf16BigEndian
      if Self.isBlankUTF16(bytes, bigEndian: bigEndian) { return nil }
      return RecordDecoder.utf16JSONLine(bytes, bigEndian: bigEndian, location: location, lineOffset: offset)
    case .tooLong(let prefix, let length, let number, _):
      let scanned =
        encoding == .utf8
        ? Array(prefix) : UTF16Transcoder.utf8(from: prefix, bigEndian: encoding == .utf16BigEndian).utf8
      let id = scanned.withUnsafeBufferPointer { IDScanner.id(in: $0) }
      return .failure(
        id: id, location: RecordLocation(file: linesName, line: number),
        error: .recordTooLarge(bytes: length, limit: configuration.maximumBytes))
    }
  }

  /// Whether UTF-16 bytes are only spaces and tabs (an even number of them).
  private static func isBlankUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> Bool {
    guard bytes.count % 2 == 0 else { return false }
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
      guard high == 0, low == 0x20 || low == 0x09 else { return false }
      index += 2
    }
    return true
  }

  private func readTextFile(_ path: String) -> InputItem {
    let location = RecordLocation(file: path)
    let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      return .failure(id: id, location: location, error: .unreadable(reason: String(cString: strerror(errno))))
    }
    defer { close(descriptor) }
    var status = stat()
    if fstat(descriptor, &status) == 0, Int(status.st_size) > configuration.maximumBytes {
      return .failure(
        id: id, location: location,
        error: .recordTooLarge(bytes: Int(status.st_size), limit: configuration.maximumBytes))
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBufferPointer { pointer -> Int in
        guard let base = pointer.baseAddress else { return -1 }
        return read(descriptor, base, pointer.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(id: id, location: location, error: .unreadable(reason: String(cString: strerror(errno))))
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      if bytes.count > configuration.maximumBytes {
        return .failure(
          id: id, location: location, error: .recordTooLarge(bytes: bytes.count, limit: configuration.maximumBytes))
      }
    }
    return RecordDecoder.textFile(bytes, id: id, location: location)
  }
}
