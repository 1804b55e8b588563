#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads lines from a file descriptor with bounded memory: a line longer than the limit is skipped
/// (counted, never held whole) and reported with its first bytes.
///
/// Input that starts with a UTF-16 byte order mark is split into lines at U+000A code units (a 0x0A
/// byte alone can be half of another character there) and its lines are handed on as UTF-16 bytes;
/// ``encoding`` tells which, once the first line has been read.
final class LineReader {
  /// One line without its line break (a final CR is dropped too), or a report of one that was too long.
  enum Line {
    /// `number` is 1-based; `offset` is the byte offset of the line in the file.
    case complete(bytes: ArraySlice<UInt8>, number: Int, offset: Int)
    /// A line of `length` bytes over the limit; `prefix` holds its first bytes (never those of the next line).
    case tooLong(prefix: ArraySlice<UInt8>, length: Int, number: Int, offset: Int)
  }

  /// How the input is encoded: UTF-8, unless it starts with a UTF-16 byte order mark.
  enum Encoding: Sendable, Equatable {
    case utf8
    case utf16LittleEndian
    case utf16BigEndian
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
  private var detected = false
  /// The input's encoding, known after the first call to ``next()``.
  private(set) var encoding = Encoding.utf8

  init(descriptor: Int32, maximumLength: Int) {
    self.descriptor = descriptor
    self.maximumLength = maximumLength
  }

  /// The next line, nil at the end of the input.
  func next() throws(InputError) -> Line? {
    if !detected { try detectEncoding() }
    // Bytes of the current line already searched; `fill` may move the line to the buffer's start.
    var searched = 0
    while true {
      if let newline = newline(from: start + searched) {
        if newline - start > maximumLength { return try skipLongLine() }
        return take(upTo: newline, consumed: newline + newlineWidth)
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

  /// Reads far enough to see a byte order mark; skips a UTF-16 one and switches to UTF-16 lines.
  private func detectEncoding() throws(InputError) {
    detected = true
    while buffer.count - start < 2 && !atEnd { try fill() }
    guard buffer.count - start >= 2 else { return }
    switch (buffer[start], buffer[start + 1]) {
    case (0xFF, 0xFE): encoding = .utf16LittleEndian
    case (0xFE, 0xFF): encoding = .utf16BigEndian
    default: return
    }
    start += 2
    fileOffset += 2
  }

  private var newlineWidth: Int { encoding == .utf8 ? 1 : 2 }

  /// The index of the first line break at or after `index`: a 0x0A byte, or in UTF-16 a U+000A code
  /// unit (the search starts at the code unit holding `index`; units are aligned with `start`).
  private func newline(from index: Int) -> Int? {
    switch encoding {
    case .utf8:
      return buffer[index...].firstIndex(of: 0x0A)
    case .utf16LittleEndian, .utf16BigEndian:
      let (low, high) = encoding == .utf16LittleEndian ? (0, 1) : (1, 0)
      var position = index - (index - start) % 2
      while position + 1 < buffer.count {
        if buffer[position + low] == 0x0A && buffer[position + high] == 0 { return position }
        position += 2
      }
      return nil
    }
  }

  /// Whether the line's last character before `end` is a carriage return.
  private func endsWithCarriageReturn(_ end: Int) -> Bool {
    switch encoding {
    case .utf8: return end > start && buffer[end - 1] == 0x0D
    case .utf16LittleEndian: return end - start >= 2 && buffer[end - 2] == 0x0D && buffer[end - 1] == 0
    case .utf16BigEndian: return end - start >= 2 && buffer[end - 2] == 0 && buffer[end - 1] == 0x0D
    }
  }

  private func take(upTo end: Int, consumed: Int) -> Line {
    lineNumber += 1
    var stop = end
    if endsWithCarriageReturn(stop) { stop -= newlineWidth }
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
    let prefixEnd = min(newline(from: start) ?? buffer.count, start + Self.prefixSize)
    let prefix = ArraySlice(Array(buffer[start..<prefixEnd]))
    var length = 0
    while true {
      if let newline = newline(from: start) {
        length += newline - start
        fileOffset += length + newlineWidth
        start = newline + newlineWidth
        break
      }
      // Whole code units only, so that UTF-16 stays aligned with `start`.
      let skipped = encoding == .utf8 || atEnd ? buffer.count - start : (buffer.count - start) / 2 * 2
      length += skipped
      start += skipped
      if atEnd {
        fileOffset += length
        break
      }
      try fill()
    }
    return .tooLong(prefix: prefix, length: length, number: number, offset: offset)
  }

  /// Appends the next chunk of input, compacting consumed bytes first. The chunk is read into
  /// uninitialised memory: appending a MiB of zeros to read over, on every read, cost more than the
  /// read itself (half the time of each `make fuzz` input).
  private func fill() throws(InputError) {
    if start > 0 {
      buffer.removeFirst(start)
      start = 0
    }
    var failure: Int32 = 0
    let chunk = [UInt8](unsafeUninitializedCapacity: Self.chunkSize) { pointer, initialized in
      initialized = 0
      guard let base = pointer.baseAddress else { return }
      while true {
        let count = read(descriptor, base, Self.chunkSize)
        if count >= 0 {
          initialized = count
          return
        }
        if errno != EINTR {
          failure = errno
          return
        }
      }
    }
    if failure != 0 { throw .unreadable(reason: String(cString: strerror(failure))) }
    if chunk.isEmpty { atEnd = true }
    buffer.append(contentsOf: chunk)
  }
}
