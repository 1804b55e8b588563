/// Appends JSON to a byte buffer: the one place where Tolk's output is spelled.
///
/// Strings are written as UTF-8 with `"`, `\` and control characters escaped, and also U+2028, U+2029
/// and U+0085, which some JSON Lines readers treat as line breaks. Numbers never come out as NaN or
/// infinity.
struct JSONBuffer {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func null() { raw("null") }

  /// A number literal already known to be valid JSON.
  mutating func literal(_ text: String) { bytes.append(contentsOf: text.utf8) }

  mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

  mutating func int(_ value: Int) {
    if value >= 0 && value < 10 {
      bytes.append(0x30 + UInt8(value))
      return
    }
    if value < 0 { bytes.append(0x2D) }
    // The digits come out last first, into 20 bytes (enough for any Int), then go in at once.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var magnitude = value.magnitude
      var start = digits.count
      repeat {
        start -= 1
        digits[start] = 0x30 + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
    }
  }

  /// A number in 0...1 or any finite double, with at most 4 decimals, trailing zeros dropped.
  mutating func fixed(_ value: Double) {
    guard value.isFinite else { return null() }
    let scaled = (value * 10_000).rounded()
    let negative = scaled < 0
    let magnitude = Int(abs(scaled))
    if negative { bytes.append(0x2D) }
    int(magnitude / 10_000)
    var fraction = magnitude % 10_000
    guard fraction != 0 else { return }
    // Four decimals, leading zeros kept, trailing zeros dropped: 0.05 is "05", 0.1234 is "1234".
    var digits = 4
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    bytes.append(0x2E)
    var divisor = 1
    for _ in 1..<digits { divisor *= 10 }
    while divisor > 0 {
      bytes.append(0x30 + UInt8(fraction / divisor % 10))
      divisor /= 10
    }
  }

  mutating func string(_ value: String?) {
    guard let value else { return null() }
    var copy = value
    copy.withUTF8 { string(utf8: $0) }
  }

  /// A string given as valid UTF-8 bytes (a slice of a longer text).
  mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(0x22)
    Self.needsLook.withUnsafeBufferPointer { needsLook in appendEscaped(utf8, needsLook: needsLook) }
    bytes.append(0x22)
  }

  /// Whether a UTF-8 byte needs a closer look: it is escaped (`"`, `\`, control characters) or may
  /// start U+0085 (C2 85) or U+2028, U+2029 (E2 80 A8, E2 80 A9). Every other byte is copied as it is.
  private static let needsLook: [Bool] = (0...255).map { byte in
    byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xC2 || byte == 0xE2
  }

  private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, needsLook: UnsafeBufferPointer<Bool>) {
    var runStart = 0
    var index = 0
    let count = utf8.count
    func flush(_ end: Int) {
      if end > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<end])) }
    }
    while index < count {
      // Runs of plain bytes (nearly all of a text) are copied at once by the next flush.
      while index < count && !needsLook[Int(utf8[index])] { index += 1 }
      guard index < count else { break }
      let byte = utf8[index]
      var escape: StaticString?
      var width = 1
      switch byte {
      case 0x22: escape = "\\\""
      case 0x5C: escape = "\\\\"
      case 0x0A: escape = "\\n"
      case 0x0D: escape = "\\r"
      case 0x09: escape = "\\t"
      case 0x08: escape = "\\b"
      case 0x0C: escape = "\\f"
      case 0x00..<0x20:
        flush(index)
        raw("\\u00")
        bytes.append(Self.hexDigit(byte >> 4))
        bytes.append(Self.hexDigit(byte & 0xF))
        index += 1
        runStart = index
        continue
      case 0xC2 where index + 1 < count && utf8[index + 1] == 0x85:
        escape = "\\u0085"
        width = 2
      case 0xE2
      where index + 2 < count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
        escape = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
        width = 3
      default: break
      }
      if let escape {
        flush(index)
        raw(escape)
        index += width
        runStart = index
      } else {
        index += 1
      }
    }
    flush(count)
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }

  // MARK: Structure
  // Objects and arrays track whether they have members yet, so that callers never write commas.

  /// Whether the innermost open object or array has a member yet.
  private var hasMembers = false
  /// The same for each enclosing one, outermost first; empty at the top level.
  private var enclosing: [Bool] = []

  /// Writes the comma that separates this member or element from the previous one, if any.
  private mutating func separate() {
    guard !enclosing.isEmpty else { return }
    if hasMembers { bytes.append(0x2C) }
    hasMembers = true
  }

  private mutating func open(_ bracket: UInt8) {
    bytes.append(bracket)
    enclosing.append(hasMembers)
    hasMembers = false
  }

  private mutating func close(_ bracket: UInt8) {
    bytes.append(bracket)
    hasMembers = enclosing.removeLast()
  }

  mutating func beginObject() { open(0x7B) }

  mutating func endObject() { close(0x7D) }

  mutating func beginArray() { open(0x5B) }

  mutating func endArray() { close(0x5D) }

  /// Starts the next element of the array being written.
  mutating func element() { separate() }

  /// Writes `"key":` (with the comma before it when needed); keys are fixed ASCII literals.
  mutating func key(_ name: StaticString) {
    separate()
    bytes.append(0x22)
    raw(name)
    bytes.append(0x22)
    bytes.append(0x3A)
  }

  /// Writes a member name read from input, escaped.
  mutating func key(_ name: String) {
    separate()
    string(name)
    bytes.append(0x3A)
  }

  mutating func field(_ name: StaticString, _ value: String?) {
    key(name)
    string(value)
  }

  mutating func field(_ name: StaticString, utf8 value: UnsafeBufferPointer<UInt8>) {
    key(name)
    string(utf8: value)
  }

  mutating func field(_ name: StaticString, _ value: Int) {
    key(name)
    int(value)
  }

  mutating func field(_ name: StaticString, _ value: Int?) {
    key(name)
    if let value { int(value) } else { null() }
  }

  /// A number with at most 4 decimals, or null.
  mutating func field(_ name: StaticString, fixed value: Double?) {
    key(name)
    if let value { fixed(value) } else { null() }
  }

  /// Bytes already encoded as one complete JSON value.
  mutating func field(_ name: StaticString, encoded value: [UInt8]) {
    key(name)
    bytes.append(contentsOf: value)
  }

  mutating func newline() { bytes.append(0x0A) }

  /// An arbitrary value read from input, as it came (numbers keep their literal).
  mutating func json(_ value: JSONValueWriter.Value) { JSONValueWriter.write(value, to: &self) }
}
