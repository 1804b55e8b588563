/// The few Unicode properties the hot loops ask of every code point, from a table for the first
/// 0x3000 code points (Latin, Greek, Cyrillic, Arabic, Indic scripts, punctuation; built once from
/// the standard library's own properties, so the answers are the same) and from
/// `Unicode.Scalar.Properties` above it. The table costs 12 KB; a property lookup in the standard
/// library costs a binary search.
public enum ScalarProperties {
  static let tableSize = 0x3000

  struct Flags: OptionSet {
    let rawValue: UInt8
    static let uppercase = Flags(rawValue: 1)
    static let lowercase = Flags(rawValue: 2)
    static let numeric = Flags(rawValue: 4)
    static let whitespace = Flags(rawValue: 8)
    static let defaultIgnorable = Flags(rawValue: 16)
    static let alphabetic = Flags(rawValue: 32)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ scalar: Unicode.Scalar) {
      let properties = scalar.properties
      var flags: Flags = []
      if properties.isUppercase { flags.insert(.uppercase) }
      if properties.isLowercase { flags.insert(.lowercase) }
      if properties.numericType != nil { flags.insert(.numeric) }
      if properties.isWhitespace { flags.insert(.whitespace) }
      if properties.isDefaultIgnorableCodePoint { flags.insert(.defaultIgnorable) }
      if properties.isAlphabetic { flags.insert(.alphabetic) }
      self = flags
    }
  }

  static let table: [Flags] = (0..<UInt32(tableSize)).map { value in
    Unicode.Scalar(value).map(Flags.init) ?? []
  }

  @inline(__always)
  static func flags(_ scalar: Unicode.Scalar) -> Flags {
    let value = Int(scalar.value)
    return value < tableSize ? table[value] : flagsAboveTable(scalar)
  }

  /// The flags of a code point above the table, out of line: `Unicode.Scalar.Properties` is a
  /// resilient type, and a function that could use it looks up its layout on every call, so inlined
  /// into a caller it would cost that caller two runtime calls even when the table answers.
  @inline(never)
  static func flagsAboveTable(_ scalar: Unicode.Scalar) -> Flags { Flags(scalar) }

  @inline(__always)
  public static func isUppercase(_ scalar: Unicode.Scalar) -> Bool { flags(scalar).contains(.uppercase) }
  @inline(__always)
  public static func isLowercase(_ scalar: Unicode.Scalar) -> Bool { flags(scalar).contains(.lowercase) }
  /// Whether the code point has a numeric type (digits, and also ², ½, Roman numerals).
  @inline(__always)
  public static func isNumeric(_ scalar: Unicode.Scalar) -> Bool { flags(scalar).contains(.numeric) }
  @inline(__always)
  public static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { flags(scalar).contains(.whitespace) }
  @inline(__always)
  public static func isDefaultIgnorable(_ scalar: Unicode.Scalar) -> Bool {
    flags(scalar).contains(.defaultIgnorable)
  }
  @inline(__always)
  public static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool { flags(scalar).contains(.alphabetic) }

  /// The code point's letter in a word shape, as an ASCII code: `X` uppercase, `x` lowercase, `d`
  /// numeric, `-` anything else (in that order of precedence). One table lookup, where asking
  /// ``isUppercase(_:)``, ``isLowercase(_:)`` and ``isNumeric(_:)`` in turn takes up to three.
  public static func shapeSymbol(_ scalar: Unicode.Scalar) -> UInt8 {
    let flags = flags(scalar)
    return flags.contains(.uppercase) ? 88 : flags.contains(.lowercase) ? 120 : flags.contains(.numeric) ? 100 : 45
  }
}
