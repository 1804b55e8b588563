import CICU
import TolkCore

/// A document's text in the forms the tokenizer works on: UTF-16 for ICU, scalars for offsets.
struct TextBuffer {
  enum BreakKind { case word, sentence }

  let units: [UInt16]
  /// `units` with every line break inside a paragraph replaced by a space (same length), so that ICU's
  /// sentence break does not end a sentence at a hard-wrapped line.
  let sentenceUnits: [UInt16]
  /// The number of scalars of the text.
  let scalarCount: Int
  /// Whether every scalar is one UTF-16 unit (no surrogate pairs, as in nearly every article): then
  /// scalar offsets are unit offsets, and scalars are read from `units`.
  let unitsAreScalars: Bool
  /// The scalars of the text when some take two units; empty otherwise.
  private let wideScalars: [Unicode.Scalar]

  init(_ text: String, paragraphs: [Paragraph]) {
    // One pass over the UTF-8 (valid, since it is a String's), with a fast path for ASCII: this loop
    // runs over every byte of every article. UTF-16 never takes more units than UTF-8 takes bytes.
    var text = text
    var lineBreaks: [(scalar: Int, unit: Int)] = []
    var scalarCount = 0
    let units = text.withUTF8 { bytes in
      [UInt16](unsafeUninitializedCapacity: bytes.count) { buffer, count in
        var index = 0
        while index < bytes.count {
          // Eight ASCII bytes without a line break at a time (SWAR: no byte has its top bit set, and
          // none is below 0x0E, which would set the top bit of byte - 0x0E).
          if index + 8 <= bytes.count {
            let word = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + index).loadUnaligned(as: UInt64.self)
            let high: UInt64 = 0x8080_8080_8080_8080
            if word & high == 0 && (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & high == 0 {
              for offset in 0..<8 { buffer[count + offset] = UInt16(bytes[index + offset]) }
              count += 8
              index += 8
              scalarCount += 8
              continue
            }
          }
          let byte = bytes[index]
          if byte < 0x80 {
            if byte >= 0x0A && byte <= 0x0D { lineBreaks.append((scalarCount, count)) }
            buffer[count] = UInt16(byte)
            count += 1
            index += 1
            scalarCount += 1
            continue
          }
          let value = Self.decodeMultiByte(bytes, at: &index)
          if value < 0x10000 {
            if value == 0x85 || value == 0x2028 || value == 0x2029 { lineBreaks.append((scalarCount, count)) }
            buffer[count] = UInt16(truncatingIfNeeded: value)
            count += 1
          } else {
            let offset = value - 0x10000
            buffer[count] = UInt16(truncatingIfNeeded: 0xD800 + (offset >> 10))
            buffer[count + 1] = UInt16(truncatingIfNeeded: 0xDC00 + (offset & 0x3FF))
            count += 2
          }
          scalarCount += 1
        }
      }
    }
    // Line breaks are all single UTF-16 units.
    var sentenceUnits = units
    var paragraphIndex = 0
    for lineBreak in lineBreaks {
      while paragraphIndex < paragraphs.count, paragraphs[paragraphIndex].end <= lineBreak.scalar {
        paragraphIndex += 1
      }
      if paragraphIndex < paragraphs.count, paragraphs[paragraphIndex].start <= lineBreak.scalar {
        sentenceUnits[lineBreak.unit] = 0x20
      }
    }
    self.units = units
    self.sentenceUnits = sentenceUnits
    self.scalarCount = scalarCount
    unitsAreScalars = units.count == scalarCount
    wideScalars = unitsAreScalars ? [] : Self.scalars(of: text)
  }

  /// The scalar at scalar offset `offset`.
  @inline(__always)
  func scalar(at offset: Int) -> Unicode.Scalar {
    // Without surrogate pairs every unit is a scalar (a String holds no lone surrogate).
    unitsAreScalars ? Unicode.Scalar(units[offset]) ?? "\u{FFFD}" : wideScalars[offset]
  }

  /// The code point of the multi-byte sequence of valid UTF-8 that starts at `index` (its first byte is
  /// 0xC2 or more); moves `index` past it.
  @inline(__always)
  static func decodeMultiByte(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> UInt32 {
    let byte = bytes[index]
    if byte < 0xE0 {
      defer { index += 2 }
      return UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
    }
    if byte < 0xF0 {
      defer { index += 3 }
      return UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
    }
    defer { index += 4 }
    return UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
      | UInt32(bytes[index + 3] & 0x3F)
  }

  /// The scalars of `text`, in one pass (`Array(text.unicodeScalars)` counts them first); a scalar
  /// takes at least one UTF-8 byte, so the byte count bounds the array.
  static func scalars(of text: String) -> [Unicode.Scalar] {
    var text = text
    return text.withUTF8 { bytes in
      [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
        var index = 0
        while index < bytes.count {
          let byte = bytes[index]
          let value: UInt32
          if byte < 0x80 {
            value = UInt32(byte)
            index += 1
          } else {
            value = decodeMultiByte(bytes, at: &index)
          }
          // Valid UTF-8 decodes to a valid scalar.
          buffer[count] = Unicode.Scalar(value) ?? "\u{FFFD}"
          count += 1
        }
      }
    }
  }

  /// ICU boundaries after 0 (UTF-16 offsets) and, for words, their rule statuses (empty for sentences).
  func breaks(_ kind: BreakKind, sentenceUnits useSentenceUnits: Bool, locale: String) throws(TokenizationError) -> (
    boundaries: [Int32], statuses: [Int32]
  ) {
    let input = useSentenceUnits ? sentenceUnits : units
    if input.isEmpty { return ([], []) }
    var error: Int32 = 0
    var count: Int32 = 0
    // ICU fills the arrays; zeroing them first would only be overwritten.
    var statuses: [Int32] = []
    let boundaries = [Int32](unsafeUninitializedCapacity: input.count + 1) { boundaryBuffer, boundaryCount in
      statuses = [Int32](unsafeUninitializedCapacity: kind == .word ? input.count + 1 : 0) {
        statusBuffer, statusCount in
        count = input.withUnsafeBufferPointer { text in
          tolk_break(
            kind == .word ? TOLK_BREAK_WORD : TOLK_BREAK_SENTENCE, locale, text.baseAddress, Int32(text.count),
            boundaryBuffer.baseAddress, kind == .word ? statusBuffer.baseAddress : nil, &error)
        }
        statusCount = kind == .word ? max(Int(count), 0) : 0
      }
      boundaryCount = max(Int(count), 0)
    }
    if count < 0 { throw .icu(operation: kind == .word ? "word break" : "sentence break", status: error) }
    return (boundaries, statuses)
  }

  func string(_ range: Range<Int>) -> String {
    String(decoding: units[range], as: UTF16.self)
  }

  /// The scalar whose encoding starts at UTF-16 offset `index` (a lone trailing surrogate reads as
  /// U+FFFD, which a Swift string never contains).
  func scalar(atUnit index: Int) -> Unicode.Scalar {
    let unit = units[index]
    if UTF16.isLeadSurrogate(unit), index + 1 < units.count, UTF16.isTrailSurrogate(units[index + 1]) {
      return Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[index + 1]) - 0xDC00))
        ?? "\u{FFFD}"
    }
    return Unicode.Scalar(unit) ?? "\u{FFFD}"
  }

  /// Whether `range` (UTF-16 units) holds nothing but blanks and invisible characters: no token.
  func isBlank(_ range: Range<Int>) -> Bool {
    var index = range.lowerBound
    while index < range.upperBound {
      let unit = units[index]
      if unit < 0x80 {
        guard unit == 0x20 || (0x09...0x0D).contains(unit) else { return false }
        index += 1
        continue
      }
      let scalar = scalar(atUnit: index)
      guard scalar.isBlank || ScalarProperties.isDefaultIgnorable(scalar) else { return false }
      index += scalar.utf16.count
    }
    return true
  }
  func isLetter(at index: Int) -> Bool { ScalarProperties.isAlphabetic(scalar(atUnit: index)) }
  func isUppercase(at index: Int) -> Bool { ScalarProperties.isUppercase(scalar(atUnit: index)) }
  /// Whether `range` is letters with dots between and after them: "U.S.", "U.N.", "e.g.".
  func isDottedAcronym(_ range: Range<Int>) -> Bool {
    let dots = units[range].filter { $0 == 0x2E }.count
    return dots >= 2 && units[range.upperBound - 1] == 0x2E && !units[range].contains(0x20)
  }

  /// Whether every unit of `range` is ASCII.
  func isASCII(_ range: Range<Int>) -> Bool {
    units.withUnsafeBufferPointer { units in
      var any: UInt16 = 0
      for index in range { any |= units[index] }
      return any < 0x80
    }
  }

  func isDigit(at index: Int) -> Bool { (0x30...0x39).contains(units[index]) }
  func isLowercase(at index: Int) -> Bool { ScalarProperties.isLowercase(scalar(atUnit: index)) }
  /// HYPHEN-MINUS, EN DASH, EM DASH: the marks that open a line of dialogue.
  func isDash(at index: Int) -> Bool {
    switch units[index] {
    case 0x2D, 0x2013, 0x2014: true
    default: false
    }
  }
  /// HYPHEN-MINUS, HYPHEN, NON-BREAKING HYPHEN.
  func isHyphen(at index: Int) -> Bool {
    switch units[index] {
    case 0x2D, 0x2010, 0x2011: true
    default: false
    }
  }

  /// ".", "?", "!", "…" or ":" when the punctuation in `range` may end a sentence ("?!" and ".?" count
  /// as "?", "!!" as "!", "..." as "…"), nil otherwise.
  func sentenceTerminal(_ range: Range<Int>) -> Unicode.Scalar? {
    let marks = units[range]
    guard let first = marks.first else { return nil }
    if marks.count == 1 && first == 0x3A { return ":" }
    if marks.allSatisfy({ $0 == 0x2E }) { return marks.count == 1 ? "." : "…" }
    if first == 0x2026 { return "…" }
    guard marks.allSatisfy({ $0 == 0x3F || $0 == 0x21 || $0 == 0x2E }) else { return nil }
    return marks.contains(0x3F) ? "?" : "!"
  }

  /// Whether `range` is one closing quotation mark or bracket (", ', », ”, ’, ), ]).
  func isClosingQuoteOrBracket(_ range: Range<Int>) -> Bool {
    guard range.count == 1 else { return false }
    switch units[range.lowerBound] {
    case 0x22, 0x27, 0xBB, 0x201D, 0x2019, 0x29, 0x5D: return true
    default: return false
    }
  }

  func hasSuffix(_ suffix: [UInt16], in range: Range<Int>) -> Bool {
    guard range.count >= suffix.count else { return false }
    var position = range.upperBound - suffix.count
    for unit in suffix {
      let actual = units[position]
      let lowered = actual >= 0x41 && actual <= 0x5A ? actual | 0x20 : actual
      if lowered != unit { return false }
      position += 1
    }
    return true
  }

  /// The kind of a word-break segment from ICU's rule status (numbers 100–199, letters, kana and
  /// ideographs 200–499) and, for the rest, from its characters.
  @inline(__always)
  func kind(of range: Range<Int>, ruleStatus: Int32) -> Token.Kind {
    switch ruleStatus {
    case 100..<200: .number
    case 200..<500: .word
    default: kind(ofOtherSegment: range)
    }
  }

  /// The kind of a segment that ICU calls neither word nor number: from its characters. Out of line,
  /// since a function that may ask for `Unicode.Scalar.Properties` (a resilient type) looks up its
  /// layout on every call, even when the rule status answers.
  @inline(never)
  private func kind(ofOtherSegment range: Range<Int>) -> Token.Kind {
    var allPunctuation = true
    var index = range.lowerBound
    while index < range.upperBound {
      let unit = units[index]
      if unit < 0x80 {
        // ASCII has no emoji; its punctuation is a fixed set (no table, whose lazy start is checked
        // on every use).
        if !Self.isASCIIPunctuation(unit) { allPunctuation = false }
        index += 1
        continue
      }
      let scalar = scalar(atUnit: index)
      index += scalar.utf16.count
      let scalarClass = scalar.value < 0x3000 ? Self.scalarClasses[Int(scalar.value)] : Self.scalarClass(scalar)
      if scalarClass == .emoji { return .emoji }
      if scalarClass != .punctuationLike { allPunctuation = false }
    }
    return allPunctuation ? .punct : .symbol
  }

  /// What a scalar makes of a segment that is neither word nor number.
  enum ScalarClass: UInt8 { case other, punctuationLike, emoji }

  /// Whether an ASCII unit is punctuation (`!"#%&'()*,-./:;?@[\]_{}`): ``scalarClass(_:)`` is
  /// `punctuationLike` for these and `other` for the rest of ASCII.
  @inline(__always)
  static func isASCIIPunctuation(_ unit: UInt16) -> Bool {
    let low: UInt64 = 0x8C00_F7EE_0000_0000  // ! " # % & ' ( ) * , - . / : ; ?
    let high: UInt64 = 0x2800_0000_B800_0001  // @ [ \ ] _ { }
    return unit < 0x40 ? low >> UInt64(unit) & 1 != 0 : unit < 0x80 && high >> UInt64(unit - 0x40) & 1 != 0
  }

  static func scalarClass(_ scalar: Unicode.Scalar) -> ScalarClass {
    let properties = scalar.properties
    if properties.isEmojiPresentation || properties.isEmojiModifier || scalar.value == 0xFE0F
      || (0x1F1E6...0x1F1FF).contains(scalar.value)
    {
      return .emoji
    }
    return isPunctuationLike(properties.generalCategory) ? .punctuationLike : .other
  }

  /// ``scalarClass(_:)`` of the first 0x3000 code points (the range ``ScalarProperties`` keeps), built
  /// once from the standard library's answers, so that most segments skip three property lookups.
  private static let scalarClasses: [ScalarClass] = (0..<UInt32(0x3000)).map { value in
    Unicode.Scalar(value).map(scalarClass) ?? .other
  }

  /// Punctuation, and the marks and format characters that may ride on it: what a punctuation token
  /// is made of.
  private static func isPunctuationLike(_ category: Unicode.GeneralCategory) -> Bool {
    switch category {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      true
    case .nonspacingMark, .enclosingMark, .format: true
    default: false
    }
  }

  /// Blank or default-ignorable: what a token never starts with (in ASCII, only white space).
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isBlank || (scalar.value >= 0x80 && ScalarProperties.isDefaultIgnorable(scalar))
  }

  /// `range` (scalar offsets) without blank scalars at either end, or nil when nothing is left.
  /// A stretch of nothing but invisible characters (a variation selector or emoji tag with no
  /// character before it to modify) is no token either: its norm would be empty.
  func trimmed(_ range: Range<Int>) -> Range<Int>? {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, Self.isInvisible(scalar(at: lower)) { lower += 1 }
    while upper > lower, scalar(at: upper - 1).isBlank { upper -= 1 }
    guard (lower..<upper).contains(where: { !ScalarProperties.isDefaultIgnorable(scalar(at: $0)) }) else { return nil }
    return lower..<upper
  }

  // MARK: Links

  /// UTF-16 ranges of URLs (`scheme://…`, `www.…`) and e-mail addresses, ascending, disjoint.
  func linkRegions() -> [Range<Int>] {
    var regions: [Range<Int>] = []
    var index = 0
    let count = units.count
    func isASCIIAlphanumeric(_ unit: UInt16) -> Bool {
      (0x30...0x39).contains(unit) || (0x41...0x5A).contains(unit) || (0x61...0x7A).contains(unit)
    }
    func urlEnd(from start: Int) -> Int {
      var end = start
      while end < count {
        let unit = units[end]
        if unit <= 0x20 || [0x22, 0x3C, 0x3E, 0xAB, 0xBB, 0x201C, 0x201D, 0x2018, 0x2019].contains(unit)
          || scalar(atUnit: end).isBlank
        {
          break
        }
        end += 1
      }
      let opens = units[start..<end].filter { $0 == 0x28 }.count
      while end > start,
        [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x5D, 0x7D].contains(units[end - 1])
          || (units[end - 1] == 0x29 && opens == 0)
      {
        end -= 1
      }
      return end
    }
    while index < count {
      // Only ":", "@", "w" and "W" can give a link away: skip to the next one (a tight loop, as it
      // runs over every character).
      index = units.withUnsafeBufferPointer { units in
        var next = index
        while next < count, units[next] != 0x3A, units[next] != 0x40, units[next] | 0x20 != 0x77 { next += 1 }
        return next
      }
      guard index < count else { break }
      let unit = units[index]
      let floor = regions.last?.upperBound ?? 0
      if unit == 0x3A, index + 2 < count, units[index + 1] == 0x2F, units[index + 2] == 0x2F {
        var start = index
        while start > floor,
          isASCIIAlphanumeric(units[start - 1]) || units[start - 1] == 0x2B || units[start - 1] == 0x2E
            || units[start - 1] == 0x2D
        {
          start -= 1
        }
        let end = urlEnd(from: index + 3)
        if index - start >= 2, end > index + 3 {
          regions.append(start..<end)
          index = end
          continue
        }
      } else if unit == 0x77 || unit == 0x57, index + 4 < count, (index == 0 || !isLetter(at: index - 1)),
        units[index + 1] | 0x20 == 0x77, units[index + 2] | 0x20 == 0x77, units[index + 3] == 0x2E,
        isASCIIAlphanumeric(units[index + 4])
      {
        let end = urlEnd(from: index)
        regions.append(index..<end)
        index = end
        continue
      } else if unit == 0x40 {
        var start = index
        while start > floor,
          isASCIIAlphanumeric(units[start - 1]) || [0x2E, 0x5F, 0x25, 0x2B, 0x2D].contains(units[start - 1])
        {
          start -= 1
        }
        var end = index + 1
        while end < count, isASCIIAlphanumeric(units[end]) || units[end] == 0x2E || units[end] == 0x2D { end += 1 }
        while end > index + 1, units[end - 1] == 0x2E || units[end - 1] == 0x2D { end -= 1 }
        if start < index, units[(index + 1)..<end].contains(0x2E), isASCIIAlphanumeric(units[start]) {
          regions.append(start..<end)
          index = end
          continue
        }
      }
      index += 1
    }
    return regions
  }
}

/// Converts ascending UTF-16 offsets into scalar offsets in one pass over the text.
struct OffsetConverter {
  let units: [UInt16]
  /// Whether every scalar is one unit (no surrogate pairs, as in nearly every article): then the
  /// offsets are the same and nothing needs counting.
  private let unitsAreScalars: Bool
  private var unitPosition = 0
  private var scalarPosition = 0

  init(_ text: TextBuffer) {
    units = text.units
    unitsAreScalars = text.unitsAreScalars
  }

  /// The scalar offset of UTF-16 offset `unit`; calls must not go backwards.
  mutating func scalarOffset(ofUnit unit: Int) -> Int {
    precondition(unit >= unitPosition, "OffsetConverter offsets must ascend")
    if unitsAreScalars {
      unitPosition = unit
      return unit
    }
    while unitPosition < unit {
      if !UTF16.isTrailSurrogate(units[unitPosition]) { scalarPosition += 1 }
      unitPosition += 1
    }
    return scalarPosition
  }

  mutating func scalarRange(_ range: Range<Int>) -> Range<Int> {
    let lower = scalarOffset(ofUnit: range.lowerBound)
    return lower..<scalarOffset(ofUnit: range.upperBound)
  }
}
