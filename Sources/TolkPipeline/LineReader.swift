#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a file descriptor with bounded memory: a line longer than the limit is skipped
/// (counted, never held whole) and reported with its first bytes.
final class LineReader {
  /// One line without its line break (a final CR is dropped too), or a report of one that was too long.
  enum Line {
    /// `number` is 1-based; `offset` is the byte offset of the line in the file.
    case complete(bytes: ArraySlice<UInt8>, number: Int, offset: Int)
    /// A line of `length` bytes over the limit; `prefix` holds its first bytes.
    case tooLong(prefix: ArraySlice<UInt8>, length: Int, number: Int, offset: Int)
  }

  private static let chunkSize = 1 << 20
  private static let prefixSize = 64 << 10

  private let descriptor: Int32
  private let maximumLength: Int
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEnd = false
  private var lineNumber = 0
  private var fileOffset = 0

  init(descriptor: Int32, maximumLength: Int) {
    self.descriptor = descriptor
    self.maximumLength = maximumLength
  }

  /// The next line, nil at the end of the input.
  func next() throws(InputError) -> Line? {
    // Bytes of the current line already searched; `fill` may move the line to the buffer's start.
    var searched = 0
    while true {
      if let newline = buffer[(start + searched)...].firstIndex(of: 0x0A) {
        if newline - start > maximumLength { return try skipLongLine() }
        return take(upTo: newline, consumed: newline + 1)
      }
      if buffer.count - start > maximumLength { return try skipLongLine() }
      if atEnd {
        if start < buffer.count { return take(upTo: buffer.count, consumed: buffer.count) }
        return nil
      }
      searched = buffer.count - start
      try fill()
    }
  }

  private func take(upTo end: Int, consumed: Int) -> Line {
    lineNumber += 1
    var stop = end
    if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }
    let line = Line.complete(bytes: buffer[start..<stop], number: lineNumber, offset: fileOffset)
    fileOffset += consumed - start
    start = consumed
    return line
  }

  /// Drops the current line up to and including its line break, keeping its first bytes.
  private func skipLongLine() throws(InputError) -> Line {
    lineNumber += 1
    let number = lineNumber
    let offset = fileOffset
    let prefix = ArraySlice(Array(buffer[start..<min(buffer.count, start + Self.prefixSize)]))
    var length = 0
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        length += newline - start
        fileOffset += length + 1
        start = newline + 1
        break
      }
      length += buffer.count - start
      start = buffer.count
      if atEnd {
        fileOffset += length
        break
      }
      try fill()
    }
    return .tooLong(prefix: prefix, length: length, number: number, offset: offset)
  }

  /// Appends the next chunk of input, compacting consumed bytes first.
  private func fill() throws(InputError) {
    if start > 0 {
      buffer.removeFirst(start)
      start = 0
    }
    let previous = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
    var count = 0
    while true {
      count = buffer.withUnsafeMutableBufferPointer { pointer in
        guard let base = pointer.baseAddress else { return -1 }
        return read(descriptor, base + previous, Self.chunkSize)
      }
      if count < 0 && errno == EINTR { continue }
      break
    }
    if count < 0 {
      buffer.removeLast(Self.chunkSize)
      throw .unreadable(reason: String(cString: strerror(errno)))
    }
    buffer.removeLast(Self.chunkSize - count)
    if count == 0 { atEnd = true }
  }
}
