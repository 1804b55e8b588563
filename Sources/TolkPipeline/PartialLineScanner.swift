#if canImport(Glibc)
  import Glibc
#endif

/// Reads the side file of an interrupted run line by line, keeping only what `--resume` checks of each
/// line (its first and last bytes), so that lines of any length take bounded memory.
struct PartialLineScanner {
  /// One line of the file, without its line break.
  struct Line {
    /// The first bytes of the line (up to ``headSize``): schema version, id and error code.
    var head: [UInt8] = []
    /// The last bytes of the line (up to ``tailSize``): the `pipeline` record.
    var tail: [UInt8] = []
    /// Length in bytes.
    var length = 0
    /// Whether a line break ends the line; the last line of a killed run's file may lack one.
    var isComplete = false
  }

  static let headSize = 64 << 10
  static let tailSize = 4 << 10

  private let descriptor: Int32
  private let path: String
  private var chunk = [UInt8](repeating: 0, count: 1 << 20)
  private var position = 0
  private var end = 0
  private var atEnd = false

  /// Reads `descriptor` from its current offset; `path` names it in errors.
  init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  /// The next line, nil at the end of the file.
  mutating func next() throws(PipelineError) -> Line? {
    var line = Line()
    var started = false
    while true {
      if position == end {
        if atEnd { return started ? line : nil }
        try refill()
        continue
      }
      started = true
      let newline = chunk[position..<end].firstIndex(of: 0x0A)
      let piece = chunk[position..<(newline ?? end)]
      if line.head.count < Self.headSize { line.head += piece.prefix(Self.headSize - line.head.count) }
      line.tail += piece.suffix(Self.tailSize)
      if line.tail.count > Self.tailSize { line.tail.removeFirst(line.tail.count - Self.tailSize) }
      line.length += piece.count
      if let newline {
        position = newline + 1
        line.isComplete = true
        return line
      }
      position = end
    }
  }

  private mutating func refill() throws(PipelineError) {
    var count = 0
    repeat {
      count = chunk.withUnsafeMutableBufferPointer { pointer in
        guard let base = pointer.baseAddress else { return -1 }
        return read(descriptor, base, pointer.count)
      }
    } while count < 0 && errno == EINTR
    guard count >= 0 else { throw .outputFailed(path: path, reason: String(cString: strerror(errno))) }
    position = 0
    end = count
    atEnd = count == 0
  }
}
