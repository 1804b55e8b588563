import TolkCore

/// A strict RFC 8259 JSON parser over UTF-8 bytes that keeps member order and number literals, refuses
/// duplicate keys and limits nesting, so that hostile input gets an error and never a crash.
///
/// Input must already be valid UTF-8 (the reader checks that first, to name the byte offset).
struct JSONParser {
  /// Why a line is not acceptable JSON; `offset` is a 0-based byte offset in the line.
  struct Failure: Error, Equatable {
    var offset: Int
    var reason: String
    var isDuplicateKey = false
  }

  /// Deepest nesting accepted; deeper input is refused rather than recursed into.
  static let maximumDepth = 512

  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0

  private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Parses exactly one JSON value (surrounding white space allowed).
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    if parser.position < bytes.count { throw parser.failure("unexpected text after the JSON value") }
    return value
  }

  private func failure(_ reason: String) -> Failure { Failure(offset: position, reason: reason) }

  private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  private mutating func skipWhitespace() {
    while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
  }

  private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
    guard let byte = current else { throw failure("unexpected end of line; the JSON is truncated") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expect("true"); return .bool(true)
    case UInt8(ascii: "f"): try expect("false"); return .bool(false)
    case UInt8(ascii: "n"): try expect("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw failure("unexpected character \(Self.describe(byte))")
    }
  }

  private mutating func expect(_ literal: StaticString) throws(Failure) {
    let count = literal.utf8CodeUnitCount
    guard position + count <= bytes.count else { throw failure("unexpected end of line; the JSON is truncated") }
    for index in 0..<count where bytes[position + index] != literal.utf8Start[index] {
      throw failure("invalid literal")
    }
    position += count
  }

  private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
    if depth > Self.maximumDepth { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
    position += 1
    var members: [(key: String, value: JSONValue)] = []
    // Compared by code points, as JSON does: Swift's String equality would take the NFC and NFD
    // spellings of "café" for one key and refuse a valid object.
    var keys = Set<[UInt8]>()
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else {
        throw current == nil
          ? failure("unexpected end of line; the JSON is truncated") : failure("expected a member name in quotes")
      }
      let keyOffset = position
      let key = try parseString()
      guard keys.insert(Array(key.utf8)).inserted else {
        throw Failure(offset: keyOffset, reason: "duplicate key \"\(key)\"", isDuplicateKey: true)
      }
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw failure("expected ':' after a member name") }
      position += 1
      skipWhitespace()
      members.append((key, try parseValue(depth: depth)))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"):
        position += 1
        return .object(members)
      case nil: throw failure("unexpected end of line; the JSON is truncated")
      default: throw failure("expected ',' or '}' in an object")
      }
    }
  }

  private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
    if depth > Self.maximumDepth { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue(depth: depth))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        return .array(elements)
      case nil: throw failure("unexpected end of line; the JSON is truncated")
      default: throw failure("expected ',' or ']' in an array")
      }
    }
  }

  private mutating func parseNumber() throws(Failure) -> String {
    let start = position
    if current == UInt8(ascii: "-") { position += 1 }
    func digits() -> Int {
      let from = position
      while let byte = current, byte >= 0x30, byte <= 0x39 { position += 1 }
      return position - from
    }
    guard let first = current, first >= 0x30, first <= 0x39 else { throw failure("invalid number") }
    if first == 0x30 { position += 1 } else { _ = digits() }
    if current == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else { throw failure("invalid number: no digits after '.'") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      position += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
      guard digits() > 0 else { throw failure("invalid number: no digits in the exponent") }
    }
    // Longer literals are valid JSON but break common readers (Python refuses integers of more than
    // 4,300 digits), and no real field needs them.
    if position - start > Self.maximumNumberLength {
      throw Failure(offset: start, reason: "number literal longer than \(Self.maximumNumberLength) characters")
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
  }

  /// Longest number literal accepted.
  static let maximumNumberLength = 1000

  private mutating func parseString() throws(Failure) -> String {
    position += 1
    let start = position
    // Fast path: no escapes.
    while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
      if byte < 0x20 { throw failure("unescaped control character \(Self.describe(byte)) in a string") }
      position += 1
    }
    guard let stop = current else { throw failure("unterminated string; the JSON is truncated") }
    if stop == UInt8(ascii: "\"") {
      position += 1
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), as: UTF8.self)
    }
    var result = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<position]))
    while true {
      guard let byte = current else { throw failure("unterminated string; the JSON is truncated") }
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return String(decoding: result, as: UTF8.self)
      case UInt8(ascii: "\\"):
        position += 1
        guard let escape = current else { throw failure("unterminated string; the JSON is truncated") }
        position += 1
        switch escape {
        case UInt8(ascii: "\""): result.append(0x22)
        case UInt8(ascii: "\\"): result.append(0x5C)
        case UInt8(ascii: "/"): result.append(0x2F)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "u"):
          let scalar = try parseUnicodeEscape()
          result.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
          position -= 1
          throw failure("invalid escape \\\(Self.describe(escape))")
        }
      default:
        if byte < 0x20 { throw failure("unescaped control character \(Self.describe(byte)) in a string") }
        result.append(byte)
        position += 1
      }
    }
  }

  private mutating func hexQuad() throws(Failure) -> UInt32 {
    guard position + 4 <= bytes.count else { throw failure("unterminated \\u escape; the JSON is truncated") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt32
      switch byte {
      case 0x30...0x39: digit = UInt32(byte - 0x30)
      case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
      default: throw failure("invalid hex digit in a \\u escape")
      }
      value = value << 4 | digit
      position += 1
    }
    return value
  }

  private mutating func parseUnicodeEscape() throws(Failure) -> Unicode.Scalar {
    let escapeStart = position - 2
    let first = try hexQuad()
    if (0xD800..<0xDC00).contains(first) {
      guard position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
      else {
        throw Failure(offset: escapeStart, reason: "lone surrogate \\u\(Self.hex(first)) (no low surrogate follows)")
      }
      position += 2
      let second = try hexQuad()
      guard (0xDC00..<0xE000).contains(second) else {
        throw Failure(
          offset: escapeStart, reason: "lone surrogate \\u\(Self.hex(first)) (followed by \\u\(Self.hex(second)))")
      }
      let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
      guard let scalar = Unicode.Scalar(combined) else {
        throw Failure(offset: escapeStart, reason: "invalid surrogate pair")
      }
      return scalar
    }
    guard let scalar = Unicode.Scalar(first) else {
      throw Failure(offset: escapeStart, reason: "lone surrogate \\u\(Self.hex(first))")
    }
    return scalar
  }

  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: false)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  private static func describe(_ byte: UInt8) -> String {
    if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    return "0x" + String(byte, radix: 16, uppercase: true)
  }
}
