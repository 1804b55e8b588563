/// UTF-8 checks that report where the input goes wrong.
enum UTF8Validation {
  /// The first thing wrong with some bytes that should be text.
  enum Problem: Equatable {
    /// A byte that does not start or continue a well-formed UTF-8 sequence, at this 0-based offset.
    case invalid(offset: Int)
    /// A NUL byte, at this 0-based offset.
    case nul(offset: Int)
  }

  /// The 0-based offset of the first byte that does not start or continue a well-formed UTF-8
  /// sequence (overlongs, surrogates and code points above U+10FFFF included), or nil when all is valid.
  static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    if case .invalid(let offset)? = firstProblem(in: bytes, refusingNUL: false) { return offset }
    return nil
  }

  /// The first byte that is not well-formed UTF-8 or (when `refusingNUL`) is NUL, whichever comes
  /// first: text with NUL bytes is usually binary or UTF-16 without a byte order mark.
  static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>, refusingNUL: Bool = true) -> Problem? {
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte < 0x80 {
        if byte == 0 && refusingNUL { return .nul(offset: index) }
        index += 1
        continue
      }
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch byte {
      case 0xC2...0xDF: length = 2
      case 0xE0: (length, lower) = (3, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: (length, upper) = (3, 0x9F)
      case 0xF0: (length, lower) = (4, 0x90)
      case 0xF1...0xF3: length = 4
      case 0xF4: (length, upper) = (4, 0x8F)
      default: return .invalid(offset: index)
      }
      guard index + length <= count else { return .invalid(offset: index) }
      let second = bytes[index + 1]
      guard second >= lower, second <= upper else { return .invalid(offset: index) }
      for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 {
        return .invalid(offset: index)
      }
      index += length
    }
    return nil
  }
}
