/// A language code as Tolk writes it in `lang` fields: ISO 639-1 where one exists, `und` when unknown.
///
/// An open set, like `NLLanguage`: any code a user's metadata gives is kept, and the languages Tolk
/// has rules for are named constants.
public struct Language: RawRepresentable, Hashable, Sendable, Codable, Comparable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  public let rawValue: String

  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }

  public static let english: Language = "en"
  public static let bokmal: Language = "nb"
  public static let nynorsk: Language = "nn"
  public static let danish: Language = "da"
  public static let swedish: Language = "sv"
  public static let german: Language = "de"
  public static let spanish: Language = "es"
  public static let french: Language = "fr"
  public static let undetermined: Language = "und"

  /// Reads a code from metadata: lower-cased, region dropped (`en-GB` → `en`), and the generic
  /// Norwegian codes `no`/`nor` read as Bokmål, the written standard of most Norwegian news; `nob`,
  /// `nno` map to `nb`, `nn`. An empty or unreadable code is `und`.
  public init(metadata code: String) {
    let base = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
    switch base {
    case "": self = .undetermined
    case "no", "nor", "nob": self = .bokmal
    case "nno": self = .nynorsk
    case "eng": self = .english
    default:
      self =
        base.allSatisfy({ $0.isASCII && $0.isLetter }) && (2...3).contains(base.count)
        ? Language(rawValue: base) : .undetermined
    }
  }

  /// Whether this is Bokmål or Nynorsk.
  public var isNorwegian: Bool { self == .bokmal || self == .nynorsk }

  public var description: String { rawValue }

  public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }
}
