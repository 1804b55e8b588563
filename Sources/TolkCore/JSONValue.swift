/// A JSON value as read from input, kept faithfully so that fields Tolk does not know are written back
/// as they came: object keys keep their order and numbers keep their literal spelling (`1.50` stays
/// `1.50`, a 20-digit id does not become a rounded double).
public indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  /// A number, as its JSON literal.
  case number(String)
  case string(String)
  case array([JSONValue])
  /// Members in input order; keys are unique (the reader refuses duplicates).
  case object([(key: String, value: JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let value): hasher.combine(value)
    case .number(let literal): hasher.combine(literal)
    case .string(let value): hasher.combine(value)
    case .array(let values): hasher.combine(values)
    case .object(let members):
      for member in members {
        hasher.combine(member.key)
        hasher.combine(member.value)
      }
    }
  }

  /// The members of an object, or nil for any other value.
  public var members: [(key: String, value: JSONValue)]? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// The member named `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    members?.first(where: { $0.key == key })?.value
  }
}
