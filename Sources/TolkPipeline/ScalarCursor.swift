/// Finds the UTF-8 bytes of scalar ranges (the offsets of every layer) in one text by walking from
/// the range found before, so that writing the text of each entity or quotation costs its length
/// and the gap from the previous one, not a copy of the whole text into scalars.
struct ScalarCursor {
  /// The text's UTF-8, valid for as long as the cursor is used (from `String.withUTF8`).
  let utf8: UnsafeBufferPointer<UInt8>
  private var scalar = 0
  private var byte = 0

  init(utf8: UnsafeBufferPointer<UInt8>) { self.utf8 = utf8 }

  /// The bytes of the scalars in `range`, which must lie in the text.
  mutating func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    let start = byteOffset(ofScalar: range.lowerBound)
    let end = byteOffset(ofScalar: range.upperBound)
    return UnsafeBufferPointer(rebasing: utf8[start..<end])
  }

  /// The byte offset where scalar `target` starts (the byte count at the end); moves either way.
  private mutating func byteOffset(ofScalar target: Int) -> Int {
    // A scalar starts at every byte that is not a continuation byte (10xxxxxx).
    while scalar < target {
      byte += 1
      while byte < utf8.count && utf8[byte] & 0xC0 == 0x80 { byte += 1 }
      scalar += 1
    }
    while scalar > target {
      byte -= 1
      while utf8[byte] & 0xC0 == 0x80 { byte -= 1 }
      scalar -= 1
    }
    return byte
  }
}
