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
  /// surface string first; ASCII takes the same fast path as ``normAndFold(_:)``.
  public func normAndFold(utf16 units: ArraySlice<UInt16>) throws(TokenizationError) -> (norm: String, fold: String) {
    if units.allSatisfy({ $0 < 0x80 }) {
      let lowered = String(unsafeUninitializedCapacity: units.count) { buffer in
        for (index, unit) in units.enumerated() {
          let byte = UInt8(truncatingIfNeeded: unit)
          buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        return units.count
      }
      return (lowered, lowered)
    }
    let source = Array(units)
    return (try normalize(utf16: source, form: TOLK_NFKC_CASEFOLD), try normalize(utf16: source, form: TOLK_FOLD))
  }

  /// NFKC case folding of `text`.
  public func norm(_ text: some StringProtocol) throws(TokenizationError) -> String {
    if let ascii = Self.asciiLowercased(text) { return ascii }
    return try normalize(text, form: TOLK_NFKC_CASEFOLD)
  }

  /// `norm` of `text` with combining marks removed, except those of å, ä and ö.
  public func fold(_ text: some StringProtocol) throws(TokenizationError) -> String {
    if let ascii = Self.asciiLowercased(text) { return ascii }
    return try normalize(text, form: TOLK_FOLD)
  }

  /// Both forms at once; ASCII text (most English tokens) takes a fast path that never calls ICU.
  public func normAndFold(_ text: some StringProtocol) throws(TokenizationError) -> (norm: String, fold: String) {
    if let ascii = Self.asciiLowercased(text) { return (ascii, ascii) }
    return (try normalize(text, form: TOLK_NFKC_CASEFOLD), try normalize(text, form: TOLK_FOLD))
  }

  /// Canonical composition (NFC) of `text`.
  public func nfc(_ text: some StringProtocol) throws(TokenizationError) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return String(text) }
    return try normalize(text, form: TOLK_NFC)
  }

  /// Lower-cased ASCII text, or nil when `text` has a non-ASCII byte. NFKC case folding of pure
  /// ASCII is exactly ASCII lower-casing.
  static func asciiLowercased(_ text: some StringProtocol) -> String? {
    var bytes = [UInt8]()
    bytes.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      guard byte < 0x80 else { return nil }
      bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func normalize(_ text: some StringProtocol, form: TolkNormalForm) throws(TokenizationError) -> String {
    try normalize(utf16: Array(text.utf16), form: form)
  }

  private func normalize(utf16 source: [UInt16], form: TolkNormalForm) throws(TokenizationError) -> String {
    var capacity = source.count * 2 + 16
    while true {
      var error: Int32 = 0
      var destination = [UInt16](repeating: 0, count: capacity)
      let written = source.withUnsafeBufferPointer { input in
        destination.withUnsafeMutableBufferPointer { output in
          tolk_normalize(form, input.baseAddress, Int32(input.count), output.baseAddress, Int32(output.count), &error)
        }
      }
      if written < 0 { throw .icu(operation: "normalize", status: error) }
      if Int(written) <= capacity {
        return String(decoding: destination[0..<Int(written)], as: UTF16.self)
      }
      capacity = Int(written)
    }
  }
}
