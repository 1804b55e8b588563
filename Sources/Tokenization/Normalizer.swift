import CICU
import TolkCore

/// Computes a token's `norm` (NFKC, case-folded) and `fold` (`norm` without diacritics, keeping the
/// Scandinavian letters æ, ø, å, ä, ö), using ICU.
///
/// - en: "Guaidó's" → norm "guaidó's", fold "guaido's"; "Nicolás" → "nicolas".
/// - nb: "På" → norm "på", fold "på" (å is a letter, not an accented a); "Ｆｎ" (full width) → "fn".
public struct Normalizer: Sendable {
  public init() {}

  /// `norm` and `fold` of UTF-16 text straight from the tokenizer's buffer, without building the
  /// surface string first. `scratch` is output space reused from token to token (it grows when a
  /// token needs more), so that a token costs no allocation but its two strings, and only one when
  /// they are equal (ASCII, and every word without diacritics).
  func normAndFold(
    utf16 units: UnsafeBufferPointer<UInt16>, scratch: inout [UInt8]
  ) throws(TokenizationError) -> (norm: String, fold: String) {
    if let ascii = Self.asciiLowercased(units) { return (ascii, ascii) }
    if let scandinavian = Self.scandinavianLowercased(units) { return (scandinavian, scandinavian) }
    return try normAndFoldWithICU(utf16: units, scratch: &scratch)
  }

  /// ``normAndFold(utf16:scratch:)`` without the fast paths: ICU for every text.
  func normAndFoldWithICU(
    utf16 units: UnsafeBufferPointer<UInt16>, scratch: inout [UInt8]
  ) throws(TokenizationError) -> (norm: String, fold: String) {
    while true {
      var normLength: Int32 = 0
      var foldLength: Int32 = 0
      var error: Int32 = 0
      let capacity = scratch.count
      let needed = scratch.withUnsafeMutableBufferPointer { output in
        tolk_norm_and_fold_utf8(
          units.baseAddress, Int32(units.count), output.baseAddress, Int32(capacity), &normLength, &foldLength, &error)
      }
      if needed < 0 { throw .icu(operation: "normalize", status: error) }
      if Int(needed) > capacity {
        scratch = [UInt8](repeating: 0, count: Int(needed))
        continue
      }
      return scratch.withUnsafeBufferPointer { bytes in
        let norm = String(decoding: bytes[0..<Int(normLength)], as: UTF8.self)
        guard foldLength >= 0 else { return (norm, norm) }
        return (norm, String(decoding: bytes[Int(normLength)..<Int(normLength + foldLength)], as: UTF8.self))
      }
    }
  }

  /// NFKC case folding of `text`.
  public func norm(_ text: some StringProtocol) throws(TokenizationError) -> String {
    try normAndFold(text).norm
  }

  /// `norm` of `text` with combining marks removed, except those of å, ä and ö.
  public func fold(_ text: some StringProtocol) throws(TokenizationError) -> String {
    try normAndFold(text).fold
  }

  /// Both forms at once; ASCII text (most English tokens) takes a fast path that never calls ICU.
  public func normAndFold(_ text: some StringProtocol) throws(TokenizationError) -> (norm: String, fold: String) {
    let units = Array(text.utf16)
    var scratch = [UInt8](repeating: 0, count: units.count * 3 + 16)
    return try units.withUnsafeBufferPointer { units throws(TokenizationError) in
      try normAndFold(utf16: units, scratch: &scratch)
    }
  }

  /// Canonical composition (NFC) of `text`.
  public func nfc(_ text: some StringProtocol) throws(TokenizationError) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return String(text) }
    let source = Array(text.utf16)
    var capacity = source.count * 2 + 16
    while true {
      var error: Int32 = 0
      var destination = [UInt16](repeating: 0, count: capacity)
      let written = source.withUnsafeBufferPointer { input in
        destination.withUnsafeMutableBufferPointer { output in
          tolk_nfc(input.baseAddress, Int32(input.count), output.baseAddress, Int32(output.count), &error)
        }
      }
      if written < 0 { throw .icu(operation: "normalize", status: error) }
      if Int(written) <= capacity {
        return String(decoding: destination[0..<Int(written)], as: UTF16.self)
      }
      capacity = Int(written)
    }
  }

  /// Lower-cased text of ASCII and the Scandinavian letters Æ, Ø, Å, Ä, Ö in either case, or nil when
  /// `units` has any other unit. For such text, NFKC case folding is lower-casing (each of these
  /// capitals is its small letter minus 0x20, and none of these code points decomposes or composes
  /// with another), and folding keeps the letters: the norm is also the fold. Most Norwegian words
  /// beyond ASCII are of this kind; ICU is not needed for them.
  static func scandinavianLowercased(_ units: UnsafeBufferPointer<UInt16>) -> String? {
    var twoByteCount = 0
    for unit in units where unit >= 0x80 {
      switch unit {
      case 0xC4, 0xC5, 0xC6, 0xD6, 0xD8, 0xE4, 0xE5, 0xE6, 0xF6, 0xF8: twoByteCount += 1
      default: return nil
      }
    }
    return String(unsafeUninitializedCapacity: units.count + twoByteCount) { buffer in
      var count = 0
      for unit in units {
        if unit < 0x80 {
          let byte = UInt8(truncatingIfNeeded: unit)
          buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
          count += 1
        } else {
          // U+00C0...U+00FF in UTF-8: 0xC3, then 0x80 plus the low six bits.
          let lowered = UInt8(truncatingIfNeeded: unit) | 0x20
          buffer[count] = 0xC3
          buffer[count + 1] = 0x80 | (lowered & 0x3F)
          count += 2
        }
      }
      return count
    }
  }

  /// Lower-cased ASCII text, or nil when `units` has a non-ASCII unit. NFKC case folding of pure
  /// ASCII is exactly ASCII lower-casing.
  static func asciiLowercased(_ units: UnsafeBufferPointer<UInt16>) -> String? {
    for unit in units where unit >= 0x80 { return nil }
    return String(unsafeUninitializedCapacity: units.count) { buffer in
      for (index, unit) in units.enumerated() {
        let byte = UInt8(truncatingIfNeeded: unit)
        buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
      }
      return units.count
    }
  }
}
