import Foundation

/// A dictionary from strings to numbers that looks a string up by its UTF-8 bytes: one FNV-1a pass
/// over them, a probe of an open-addressed table and a byte comparison, where `[String: Int32]`
/// hashes the whole string with SipHash (and, for text that is not ASCII, normalizes it on the way).
/// A pattern vocabulary looks up every token of every document, and most of them are not members.
///
/// `String` equality is canonical equivalence, so a table keyed by bytes answers only for strings
/// whose bytes are certainly in NFC: every byte below 0xCC, the first byte of U+0300 in UTF-8, so
/// every code point below U+0300, where nothing composes or decomposes (`BloomFilter` relies on the
/// same). Such a string equals a member exactly when its bytes are the member's NFC bytes. Any other
/// string is looked up in a plain dictionary, so the answers are always `[String: Int32]`'s.
struct FoldTable: Sendable {
  /// The members as given, for strings that may not be in NFC.
  private let dictionary: [String: Int32]
  /// Each member's NFC bytes, one after another.
  private var bytes: [UInt8] = []
  private var entries: [Entry] = []
  /// Each slot: the high 32 bits of its member's hash over one more than the member's index in
  /// `entries`, so that one load turns most strings that are not members away; 0 for an empty slot.
  /// A power of two, at most half full.
  private var slots: [UInt64]
  private let shift: UInt64
  private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

  private struct Entry: Sendable {
    var start: Int32
    var count: Int32
    var value: Int32
  }

  init(_ dictionary: [String: Int32]) {
    self.dictionary = dictionary
    var slotCount = 16
    while slotCount < dictionary.count * 2 { slotCount <<= 1 }
    shift = UInt64(64 - slotCount.trailingZeroBitCount)
    slots = [UInt64](repeating: 0, count: slotCount)
    // In a fixed order, so that the table is the same at every start (not that lookups could tell).
    for (member, value) in dictionary.sorted(by: { $0.value < $1.value }) {
      let nfc = Array(member.precomposedStringWithCanonicalMapping.utf8)
      let hash = Self.hash(nfc).hash
      var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
      while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
      entries.append(Entry(start: Int32(bytes.count), count: Int32(nfc.count), value: value))
      slots[slot] = hash & Self.tagMask | UInt64(entries.count)
      bytes += nfc
    }
  }

  /// `members` numbered by their position (a set, for ``contains(_:)``).
  init(numbering members: [String]) {
    self.init(Dictionary(uniqueKeysWithValues: zip(members, members.indices.map(Int32.init))))
  }

  var count: Int { dictionary.count }

  /// The number of `string`, nil for a string that is not a member.
  func value(for string: some StringProtocol) -> Int32? {
    string.utf8.withContiguousStorageIfAvailable { bytes in
      let (hash, highest) = Self.hash(bytes)
      return highest < 0xCC ? value(nfcBytes: bytes, hash: hash) : dictionary[String(string)]
    } ?? dictionary[String(string)]
  }

  /// The number of the member whose NFC bytes are `bytes` (with FNV-1a hash `hash`), nil for none.
  /// Only for bytes certainly in NFC (every byte below 0xCC): other strings may equal a member whose
  /// bytes differ.
  @inline(__always)
  func value(nfcBytes bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
    let tag = hash & Self.tagMask
    while true {
      let occupant = slots[slot]
      if occupant == 0 { return nil }
      if occupant & Self.tagMask == tag {
        let entry = entries[Int(truncatingIfNeeded: occupant & ~Self.tagMask) - 1]
        let start = Int(entry.start)
        if entry.count == bytes.count, self.bytes[start..<(start + Int(entry.count))].elementsEqual(bytes) {
          return entry.value
        }
      }
      slot = (slot + 1) & mask
    }
  }

  func contains(_ string: some StringProtocol) -> Bool { value(for: string) != nil }

  /// FNV-1a's starting value and step.
  static let initialHash: UInt64 = 0xCBF2_9CE4_8422_2325
  @inline(__always)
  static func hash(_ hash: UInt64, adding byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

  /// FNV-1a of `bytes`, and the highest of them.
  @inline(__always)
  static func hash(_ bytes: some Sequence<UInt8>) -> (hash: UInt64, highest: UInt8) {
    var hash = initialHash
    var highest: UInt8 = 0
    for byte in bytes {
      hash = Self.hash(hash, adding: byte)
      highest = max(highest, byte)
    }
    return (hash, highest)
  }
}
