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
      buffer.beginArray()
      for element in elements {
        buffer.element()
        write(element, to: &buffer)
      }
      buffer.endArray()
    case .object(let members):
      buffer.beginObject()
      for member in members {
        buffer.key(member.key)
        write(member.value, to: &buffer)
      }
      buffer.endObject()
    }
  }
}
