/// A set of strings that answers "certainly not a member" cheaply: a Bloom filter with one hash, one
/// bit per member in a table of a power of two bits, set at the member's hash (FNV-1a over its UTF-8,
/// then mixed). Most words of a text are in no lexicon; for them one bit test replaces a dictionary
/// lookup, which hashes the whole string with SipHash. A set bit only says "maybe": the caller then asks
/// its dictionary, so answers stay exact.
///
/// Only ASCII strings are ever rejected: `String` equality is canonical equivalence, so a non-ASCII
/// string may equal a member written with other code points, which bytes cannot tell. (An ASCII string
/// equals only itself.)
public struct BloomFilter: Sendable {
  // Inlinable, with the storage visible to it, so that callers in other modules get the loop
  // specialised for their string type rather than a generic call per byte.
  @usableFromInline let bits: [UInt64]
  @usableFromInline let shift: UInt64

  /// A filter over `members`, with about 16 bits per member (at least 1,024), so about one word in
  /// sixteen that is not a member still passes.
  public init<Members: Sequence>(_ members: Members) where Members.Element: StringProtocol {
    let strings = Array(members)
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

  /// False when `string` is certainly not a member (only ever for ASCII strings).
  @inlinable @inline(__always)
  public func mayContain(_ string: some StringProtocol) -> Bool {
    let (bit, ascii) = Self.bit(string, shift: shift)
    return !ascii || bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
  }

  @inlinable @inline(__always)
  static func bit(_ string: some StringProtocol, shift: UInt64) -> (bit: Int, ascii: Bool) {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    var high: UInt8 = 0
    for byte in string.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      high |= byte
    }
    return (Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift), high < 0x80)
  }
}
