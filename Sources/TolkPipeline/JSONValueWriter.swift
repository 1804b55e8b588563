import TolkCore

/// Writes a ``JSONValue`` back out, keeping member order and number literals.
enum JSONValueWriter {
  typealias Value = JSONValue

  static func write(_ value: JSONValue, to buffer: inout JSONBuffer) {
    switch value {
    case .null: buffer.null()
    case .bool(let bool): buffer.bool(bool)
    case .number(let literal): buffer.literal(literal)
    case .string(let string): buffer.string(string)
    case .array(let elements):
      buffer.open(UInt8(ascii: "["))
      for (index, element) in elements.enumerated() {
        if index > 0 { buffer.comma() }
        write(element, to: &buffer)
      }
      buffer.open(UInt8(ascii: "]"))
    case .object(let members):
      buffer.open(UInt8(ascii: "{"))
      for (index, member) in members.enumerated() {
        if index > 0 { buffer.comma() }
        buffer.string(member.key)
        buffer.open(UInt8(ascii: ":"))
        write(member.value, to: &buffer)
      }
      buffer.open(UInt8(ascii: "}"))
    }
  }
}
