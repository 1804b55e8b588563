import Foundation

/// A set of strings that answers "certainly not a member" cheaply: a Bloom filter with one hash, one
/// bit per member in a table of a power of two bits, set at the member's hash (FNV-1a over its UTF-8,
/// then mixed). Most words of a text are in no lexicon; for them one bit test replaces a dictionary
/// lookup, which hashes the whole string with SipHash (and, for text that is not ASCII, normalizes it
/// on the way). A set bit only says "maybe": the caller then asks its dictionary, so answers stay exact.
///
/// `String` equality is canonical equivalence: "guaidó" with a combining accent equals "guaidó"
/// precomposed, and the Kelvin sign equals "K", though their bytes differ. So each member's bit is set
/// for its bytes and for the bytes of its NFC form, and only a string that is certainly in NFC is ever
/// rejected: one whose code points are all below U+0300 (no combining mark, nothing that NFC changes or
/// composes; Latin with its accented letters, æ, ø and å included). Such a string equals a member
/// exactly when its bytes are the member's NFC bytes. Other strings always pass.
public struct BloomFilter: Sendable {
  // Inlinable, with the storage visible to it, so that callers in other modules get the loop
  // specialised for their string type rather than a generic call per byte.
  @usableFromInline let bits: [UInt64]
  @usableFromInline let shift: UInt64

  /// A filter over `members`, with about 16 bits per member (at least 1,024), so about one word in
  /// sixteen that is not a member still passes.
  public init<Members: Sequence>(_ members: Members) where Members.Element: StringProtocol {
    var strings: [String] = []
    for member in members {
      let string = String(member)
      strings.append(string)
      // A string certainly in NFC (every byte below 0xCC, as in `bit`) is its own NFC form; asking
      // Foundation for it was most of the time it took to build the entity lexicon's filters.
      guard string.utf8.contains(where: { $0 >= 0xCC }) else { continue }
      let nfc = string.precomposedStringWithCanonicalMapping
      if !nfc.utf8.elementsEqual(string.utf8) { strings.append(nfc) }
    }
    var bitCount = 1024
    while bitCount < strings.count * 16 { bitCount <<= 1 }
    shift = UInt64(64 - bitCount.trailingZeroBitCount)
    var bits = [UInt64](repeating: 0, count: bitCount / 64)
    for string in strings {
      let bit = Self.bit(string, shift: shift).bit
      bits[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    self.bits = bits
  }

  /// False when `string` is certainly not a member (only ever for strings certainly in NFC).
  @inlinable @inline(__always)
  public func mayContain(_ string: some StringProtocol) -> Bool {
    let (bit, certainlyNFC) = Self.bit(string, shift: shift)
    return !certainlyNFC || bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
  }

  /// The bit of `string`, and whether it is certainly in NFC: every byte is below 0xCC, the first byte
  /// of U+0300 in UTF-8, so every code point is below U+0300.
  @inlinable @inline(__always)
  static func bit(_ string: some StringProtocol, shift: UInt64) -> (bit: Int, certainlyNFC: Bool) {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var highest: UInt8 = 0
    for byte in string.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      highest = max(highest, byte)
    }
    return (Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift), highest < 0xCC)
  }
}
