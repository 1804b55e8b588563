/// Turns text into the hashed features the language model scores: character n-grams (1 to 5) of each
/// word padded with spaces (" ikkje " gives " i", "ik", …, "kje ", "e "), and each whole word.
///
/// Words are runs of letters (and combining marks), lower-cased; digits, punctuation and symbols
/// separate words and carry no weight. Each feature is hashed (FNV-1a, seeded by its kind and length)
/// into one of `bucketCount` buckets; every occurrence adds `1 / √N` (N = features in the text), so
/// that scores grow with the evidence in a text without long texts saturating.
public struct LanguageFeatures: Sendable, Hashable {
  /// Longest n-gram, in characters (with the padding spaces).
  public let maximumOrder: Int
  /// Number of hash buckets; a power of two.
  public let bucketCount: Int
  /// Whether pairs of consecutive words are features too ("ikkje berre", "ikke bare").
  public let wordPairs: Bool
  /// Words longer than this (in characters) contribute n-grams but no whole-word feature.
  public static let maximumWordFeatureLength = 24

  public init(maximumOrder: Int = 5, bucketCount: Int, wordPairs: Bool = false) {
    precondition(bucketCount > 0 && bucketCount & (bucketCount - 1) == 0, "bucketCount must be a power of two")
    precondition((1...8).contains(maximumOrder), "maximumOrder must be 1...8")
    self.maximumOrder = maximumOrder
    self.bucketCount = bucketCount
    self.wordPairs = wordPairs
  }

  /// What the extractor counted in a text besides its features.
  public struct Counts: Sendable {
    /// Letters seen, and how many of them are Latin script.
    public var letters = 0
    public var latinLetters = 0
    /// Words seen.
    public var words = 0
  }

  /// What the extractor found in a text.
  public struct Extraction: Sendable, LanguageFeatureSink {
    /// Bucket of each feature occurrence (repeats allowed), in text order.
    public var buckets: [Int32] = []
    /// Letters seen, and how many of them are Latin script.
    public var letters = 0
    public var latinLetters = 0
    /// Words seen.
    public var words = 0
    /// The value each occurrence carries: 1/√(number of occurrences).
    public var weight: Float { Self.weight(count: buckets.count) }

    public mutating func add(_ bucket: Int32) { buckets.append(bucket) }

    /// 1/√`count`, 0 for no features.
    static func weight(count: Int) -> Float { count == 0 ? 0 : 1 / Float(count).squareRoot() }
  }

  /// Extracts the features of `text`.
  public func extract(_ text: Substring.UnicodeScalarView) -> Extraction {
    var extraction = Extraction()
    // UTF-8 bytes bound the letters from above and cost nothing to count (`text.count` walks the text).
    extraction.buckets.reserveCapacity(Substring(text).utf8.count * (maximumOrder + 1))
    let counts = extract(text, into: &extraction)
    extraction.letters = counts.letters
    extraction.latinLetters = counts.latinLetters
    extraction.words = counts.words
    return extraction
  }

  public func extract(_ text: String) -> Extraction { extract(Substring(text).unicodeScalars) }

  /// Hands the bucket of every feature of `text` to `sink`, in text order (as `extract(_:)`
  /// lists them), and returns the counts.
  public func extract<Sink: LanguageFeatureSink>(_ text: Substring.UnicodeScalarView, into sink: inout Sink) -> Counts {
    // A native string's UTF-8 decoded in place: the scalar view checks its index at every step.
    if let counts = Substring(text).utf8.withContiguousStorageIfAvailable({ bytes in
      extract(scalarValues: UTF8ScalarValues(bytes: bytes), into: &sink)
    }) {
      return counts
    }
    return extract(scalarValues: text.lazy.map(\.value), into: &sink)
  }

  /// ``extract(_:into:)`` of a text given as its code points.
  func extract<Sink: LanguageFeatureSink>(scalarValues text: some Sequence<UInt32>, into sink: inout Sink) -> Counts {
    var counts = Counts()
    var word: [UInt32] = [0x20]
    word.reserveCapacity(32)
    var previousWord: UInt64 = 0
    var position = 0
    var wordStart = 0
    for value in text {
      if let letter = Self.letterValue(value) {
        if word.count == 1 { wordStart = position }
        word.append(letter)
        counts.letters += 1
        if Self.isLatin(value) { counts.latinLetters += 1 }
      } else if word.count > 1 {
        finish(&word, previous: &previousWord, counts: &counts, into: &sink)
        sink.endWord(start: wordStart, end: position, counts: counts)
      }
      position += 1
    }
    if word.count > 1 {
      finish(&word, previous: &previousWord, counts: &counts, into: &sink)
      sink.endWord(start: wordStart, end: position, counts: counts)
    }
    return counts
  }

  private func finish<Sink: LanguageFeatureSink>(
    _ word: inout [UInt32], previous: inout UInt64, counts: inout Counts, into sink: inout Sink
  ) {
    word.append(0x20)
    counts.words += 1
    let mask = UInt64(bucketCount - 1)
    let count = word.count
    let maximumOrder = maximumOrder
    // Through a pointer: this loop runs for every feature of every text, and the array's bounds
    // checks were a good part of it.
    let wordHash = word.withUnsafeBufferPointer { word in
      for start in 0..<count {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for order in 1...min(maximumOrder, count - start) {
          hash = (hash ^ UInt64(word[start + order - 1])) &* 0x0000_0100_0000_01B3
          // A lone padding space says nothing.
          if order == 1 && word[start] == 0x20 { continue }
          sink.add(Int32(truncatingIfNeeded: Self.mix(hash, seed: UInt64(order)) & mask))
        }
      }
      var wordHash: UInt64 = 0x84222325_cbf29ce4
      for value in word { wordHash = (wordHash ^ UInt64(value)) &* 0x0000_0100_0000_01B3 }
      return wordHash
    }
    if count - 2 <= Self.maximumWordFeatureLength {
      sink.add(Int32(truncatingIfNeeded: Self.mix(wordHash, seed: 0x77) & mask))
    }
    if wordPairs {
      if previous != 0 {
        sink.add(Int32(truncatingIfNeeded: Self.mix(previous &* 31 ^ wordHash, seed: 0x99) & mask))
      }
      previous = wordHash
    }
    word.removeAll(keepingCapacity: true)
    word.append(0x20)
  }

  /// Final mixing (SplitMix64's finalizer) so that nearby hashes spread over all buckets.
  @inline(__always)
  static func mix(_ value: UInt64, seed: UInt64) -> UInt64 {
    var z = value &+ seed &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The lower-cased scalar value of a letter or combining mark, nil for anything else.
  @inline(__always)
  static func letterValue(_ scalar: Unicode.Scalar) -> UInt32? { letterValue(scalar.value) }

  /// ``letterValue(_:)`` of the code point `value`.
  @inline(__always)
  static func letterValue(_ value: UInt32) -> UInt32? {
    if value < 0x80 {
      if value >= 0x61 && value <= 0x7A { return value }
      if value >= 0x41 && value <= 0x5A { return value | 0x20 }
      return nil
    }
    if value < Self.letterTableSize {
      let letter = Self.letterTable[Int(value)]
      return letter == 0 ? nil : letter
    }
    return Unicode.Scalar(value).flatMap(computedLetterValue)
  }

  /// ``letterValue(_:)`` of the first 0x3000 code points (0 for nil), computed once.
  static let letterTableSize: UInt32 = 0x3000
  static let letterTable: [UInt32] = (0..<letterTableSize).map { value in
    Unicode.Scalar(value).flatMap(computedLetterValue) ?? 0
  }

  /// ``letterValue(_:)`` from the standard library's properties.
  static func computedLetterValue(_ scalar: Unicode.Scalar) -> UInt32? {
    let value = scalar.value
    if value < 0x80 {
      if value >= 0x61 && value <= 0x7A { return value }
      if value >= 0x41 && value <= 0x5A { return value | 0x20 }
      return nil
    }
    let properties = scalar.properties
    guard properties.isAlphabetic || properties.generalCategory == .nonspacingMark else { return nil }
    if properties.isUppercase, let lower = properties.lowercaseMapping.unicodeScalars.first { return lower.value }
    return value
  }

  /// Latin letters: ASCII, Latin-1 Supplement, Latin Extended-A/B, IPA, Latin Extended Additional.
  @inline(__always)
  static func isLatin(_ value: UInt32) -> Bool {
    switch value {
    case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: true
    default: false
    }
  }
}

/// Where ``LanguageFeatures`` puts the bucket of each feature it extracts.
public protocol LanguageFeatureSink {
  mutating func add(_ bucket: Int32)
  /// Called after the features of each word: where the word stands in the text (scalar offsets) and
  /// the counts so far, this word included. Does nothing unless a sink needs it.
  mutating func endWord(start: Int, end: Int, counts: LanguageFeatures.Counts)
}

extension LanguageFeatureSink {
  @inline(__always)
  public mutating func endWord(start: Int, end: Int, counts: LanguageFeatures.Counts) {}
}

/// The code points of valid UTF-8 (a native string's bytes), decoded without checks.
struct UTF8ScalarValues: Sequence, IteratorProtocol {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0

  mutating func next() -> UInt32? {
    guard index < bytes.count else { return nil }
    let lead = UInt32(bytes[index])
    func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset] & 0x3F) }
    let value: UInt32
    let length: Int
    switch lead {
    case ..<0x80: (value, length) = (lead, 1)
    case ..<0xE0: (value, length) = ((lead & 0x1F) << 6 | continuation(1), 2)
    case ..<0xF0: (value, length) = ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
    default: (value, length) = ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
    }
    index += length
    return value
  }
}
