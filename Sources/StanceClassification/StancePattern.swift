import Foundation
import TolkCore

/// A token pattern from the stance lexicons: `legitimate government of <T>`, `kritisk* til ... <T>`,
/// `« * »`. Each element matches one token's `fold` (or one part of a hyphenated compound), except
/// `...` (a gap of 0 to 3 tokens) and the slots `<T>` (a target mention), `<H>` (a holder) and `<E>`
/// (any entity mention).
public struct StancePattern: Sendable, Hashable, CustomStringConvertible {
  public enum Element: Sendable, Hashable {
    /// A word or punctuation mark, folded.
    case word(String)
    /// Any token starting with these letters (3 or more), folded.
    case prefix(String)
    /// Exactly one token.
    case any
    /// 0 to 3 tokens.
    case gap
    /// One mention of a target.
    case target
    /// A holder: a person or organisation, or a pronoun that stands for one.
    case holder
    /// Any entity mention: the cue is about that entity (quoted stances towards others: "aggression
    /// from <E>").
    case entity
  }

  public let elements: [Element]
  public let description: String

  /// The longest gap `...` stands for, in tokens.
  public static let longestGap = 3

  /// Parses `text`; the error message says what is wrong.
  public init(parsing text: String) throws(PatternError) {
    var elements: [Element] = []
    for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
      switch piece {
      case "": throw PatternError("has an empty token (two spaces in a row, or a space at an end)")
      case "...": elements.append(.gap)
      case "*": elements.append(.any)
      case "<T>": elements.append(.target)
      case "<H>": elements.append(.holder)
      case "<E>": elements.append(.entity)
      default:
        if piece.hasPrefix("<") && piece.hasSuffix(">") {
          throw PatternError("unknown slot \(piece); use <T>, <H> or <E>")
        }
        let folded = Self.fold(String(piece))
        if folded.count > 1, folded.hasSuffix("*") {
          let stem = String(folded.dropLast())
          guard stem.count >= 3, !stem.contains("*") else {
            throw PatternError("prefix \(piece) needs at least 3 letters before *")
          }
          elements.append(.prefix(stem))
        } else {
          elements.append(.word(folded))
        }
      }
    }
    guard elements.contains(where: { if case .gap = $0 { false } else { true } }) else {
      throw PatternError("matches nothing but gaps")
    }
    if case .gap = elements.first { throw PatternError("starts with ...") }
    if case .gap = elements.last { throw PatternError("ends with ...") }
    self.elements = elements
    description = text
  }

  /// Whether the pattern has a `<T>` slot.
  public var hasTargetSlot: Bool { elements.contains(.target) }
  /// Whether the pattern has a `<H>` slot.
  public var hasHolderSlot: Bool { elements.contains(.holder) }
  /// Whether the pattern has an `<E>` slot.
  public var hasEntitySlot: Bool { elements.contains(.entity) }

  /// What a pattern author writes folded the way `Token.fold` is: lower case, diacritics dropped
  /// except on æ, ø, å, ä, ö.
  static func fold(_ text: String) -> String {
    var result = ""
    for character in text.lowercased() {
      // ASCII has nothing to decompose (and is most of every lexicon, so it skips Foundation's NFD).
      if character.isASCII || "æøåäö".contains(character) {
        result.append(character)
        continue
      }
      let scalars = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
      if let base = scalars.first { result.unicodeScalars.append(base) }
    }
    return result
  }
}

/// Why a pattern could not be read.
public struct PatternError: Error, Sendable, Hashable {
  public let reason: String
  public init(_ reason: String) { self.reason = reason }
}
