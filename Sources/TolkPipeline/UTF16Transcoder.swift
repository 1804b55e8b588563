/// Converts UTF-16 bytes (after their byte order mark) to UTF-8, reporting where they go wrong.
enum UTF16Transcoder {
  /// The first thing wrong with UTF-16 bytes.
  enum Problem: Equatable {
    /// An unpaired surrogate code unit at this 0-based byte offset.
    case unpairedSurrogate(offset: Int)
    /// A last byte that is half a code unit, at this 0-based offset.
    case oddLength(offset: Int)
    /// A U+0000 code unit at this 0-based byte offset.
    case nul(offset: Int)
  }

  /// The UTF-8 of `bytes` and their first problem, if any. Each bad code unit becomes the byte 0xFF,
  /// which is never UTF-8, so that the rest of the line can still be scanned (for its id).
  static func utf8(from bytes: ArraySlice<UInt8>, bigEndian: Bool) -> (utf8: [UInt8], problem: Problem?) {
    var utf8: [UInt8] = []
    utf8.reserveCapacity(bytes.count)
    var problem: Problem?
    func note(_ found: Problem) { if problem == nil { problem = found } }
    let base = bytes.startIndex
    let end = base + bytes.count / 2 * 2
    func unit(at index: Int) -> UInt32 {
      bigEndian
        ? UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1]) : UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index])
    }
    var index = base
    while index < end {
      let first = unit(at: index)
      var scalar = first
      var width = 2
      if (0xD800..<0xDC00).contains(first), index + 2 < end, case let second = unit(at: index + 2),
        (0xDC00..<0xE000).contains(second)
      {
        scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        width = 4
      } else if (0xD800..<0xE000).contains(first) {
        note(.unpairedSurrogate(offset: index - base))
        utf8.append(0xFF)
        index += 2
        continue
      }
      if scalar == 0 { note(.nul(offset: index - base)) }
      switch scalar {
      case 0..<0x80:
        utf8.append(UInt8(scalar))
      case 0x80..<0x800:
        utf8.append(0xC0 | UInt8(scalar >> 6))
        utf8.append(0x80 | UInt8(scalar & 0x3F))
      case 0x800..<0x10000:
        utf8.append(0xE0 | UInt8(scalar >> 12))
        utf8.append(0x80 | UInt8(scalar >> 6 & 0x3F))
        utf8.append(0x80 | UInt8(scalar & 0x3F))
      default:
        utf8.append(0xF0 | UInt8(scalar >> 18))
        utf8.append(0x80 | UInt8(scalar >> 12 & 0x3F))
        utf8.append(0x80 | UInt8(scalar >> 6 & 0x3F))
        utf8.append(0x80 | UInt8(scalar & 0x3F))
      }
      index += width
    }
    if bytes.count % 2 == 1 {
      note(.oddLength(offset: bytes.count - 1))
      utf8.append(0xFF)
    }
    return (utf8, problem)
  }
}
