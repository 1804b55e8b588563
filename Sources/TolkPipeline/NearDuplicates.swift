import Foundation
import TolkCore

/// Finds near-duplicate articles as they stream past: wire stories that many outlets reprint, cut,
/// retitle, or print in both Bokmål and Nynorsk.
///
/// Each article's text becomes a set of shingles, and a MinHash signature of that set estimates the
/// Jaccard similarity of two articles' shingle sets (the share of signature values they have in
/// common). An article whose estimated similarity to an earlier story's first article is at least
/// ``Configuration/threshold`` is a copy of that story; otherwise it starts a story of its own.
/// Candidates are found by locality-sensitive hashing (bands of the signature), so the cost per
/// article does not grow with the number of stories seen; only the first article of each story is
/// kept (its signature and band keys, about 1 KB), never the text.
///
/// **Shingles** are the 5-character windows of the text's consonant skeleton: lower-cased,
/// diacritics removed (`ó` → `o`, `å` → `a`), every run of characters that are not letters or digits
/// made one space, and the vowels a, e, i, o, u, y, æ, ø dropped from each word (a word of only
/// vowels is kept whole). Bokmål and Nynorsk spell the same words mostly with the same consonants
/// (samtalene/samtalane → `smtln`, hemmelig/hemmeleg → `hmmlg`), so a story and its Nynorsk version
/// share far more shingles than two different stories do.
///
/// Measured on the Norwegian seed article (exact Jaccard of the shingle sets): a reprint with another
/// title, the last four paragraphs cut and a credit line added 0.79; its first half alone 0.59; a
/// hand-made Nynorsk version of its first ten paragraphs 0.54 (0.47 against the whole Bokmål
/// article); the English seed 0.02. Different texts of 25 consecutive sentences from the Norwegian
/// and English treebanks: 0.06 on average, 0.13 at most. Hence the default threshold of 0.4.
public struct NearDuplicates: Sendable {
  /// How shingles, signatures and the decision are made; the defaults are the documented ones.
  public struct Configuration: Sendable, Hashable {
    /// Estimated Jaccard similarity (0...1) from which an article is a copy of an earlier story.
    public var threshold = 0.4
    /// Length of a shingle, in characters (Unicode scalars) of the consonant skeleton.
    public var shingleLength = 5
    /// Number of bands the signature is cut into to find candidates.
    public var bands = 42
    /// Signature values per band; `bands * rows` is the signature's length (126).
    public var rows = 3

    public init() {}

    /// Signature length: the number of MinHash values per article.
    public var signatureLength: Int { bands * rows }
  }

  /// What ``add(_:)`` decided about an article.
  public enum Verdict: Sendable, Hashable {
    /// The text starts a new story, numbered from 0 in order of first appearance.
    case newStory(Int)
    /// The text is a copy of story `story`, with the estimated similarity (0...1) to its first article.
    case copy(story: Int, similarity: Double)
    /// The text has no letters or digits, so it is compared with nothing.
    case noText
  }

  public let configuration: Configuration
  /// Signature values of each story's first article, `signatureLength` per story.
  private var signatures: [UInt32] = []
  /// For each band, the last story whose band values hashed to a key.
  private var bandHeads: [[UInt64: Int32]]
  /// For each band, the previous story with the same key as story `i` (−1 for none).
  private var bandNext: [[Int32]]
  private let multipliers: [UInt64]
  private let increments: [UInt64]

  /// The number of stories seen so far.
  public private(set) var storyCount = 0

  public init(configuration: Configuration = Configuration()) {
    precondition(configuration.bands > 0 && configuration.rows > 0, "bands and rows must be positive")
    precondition(configuration.shingleLength > 0, "shingles need at least one character")
    self.configuration = configuration
    bandHeads = Array(repeating: [:], count: configuration.bands)
    bandNext = Array(repeating: [], count: configuration.bands)
    // Fixed multiply-add hash functions, so that signatures are the same in every run and process.
    var generator = SplitMix64(seed: 0x746F_6C6B_6D69_6E68)
    multipliers = (0..<configuration.signatureLength).map { _ in generator.next() | 1 }
    increments = (0..<configuration.signatureLength).map { _ in generator.next() }
  }

  /// Compares `text` with the stories seen so far and records it as a new story when it matches none.
  public mutating func add(_ text: String) -> Verdict {
    guard let signature = signature(of: text) else { return .noText }
    let keys = bandKeys(of: signature)
    var best: (story: Int, matches: Int)?
    var checked = Set<Int32>()
    for band in 0..<configuration.bands {
      var candidate = bandHeads[band][keys[band]] ?? -1
      while candidate >= 0 {
        if checked.insert(candidate).inserted {
          let matches = matchingValues(signature, story: Int(candidate))
          if matches > best?.matches ?? -1 || (matches == best?.matches && Int(candidate) < best?.story ?? 0) {
            best = (Int(candidate), matches)
          }
        }
        candidate = bandNext[band][Int(candidate)]
      }
    }
    if let best {
      let similarity = Double(best.matches) / Double(configuration.signatureLength)
      if similarity >= configuration.threshold { return .copy(story: best.story, similarity: similarity) }
    }
    let story = storyCount
    storyCount += 1
    signatures.append(contentsOf: signature)
    for band in 0..<configuration.bands {
      bandNext[band].append(bandHeads[band][keys[band]] ?? -1)
      bandHeads[band][keys[band]] = Int32(story)
    }
    return .newStory(story)
  }

  /// The estimated Jaccard similarity (0...1) of the shingle sets of two texts; nil when either has
  /// no letters or digits.
  public func similarity(_ first: String, _ second: String) -> Double? {
    guard let a = signature(of: first), let b = signature(of: second) else { return nil }
    return Double(zip(a, b).count { $0 == $1 }) / Double(configuration.signatureLength)
  }

  private func matchingValues(_ signature: [UInt32], story: Int) -> Int {
    let base = story * configuration.signatureLength
    var matches = 0
    for index in 0..<configuration.signatureLength where signatures[base + index] == signature[index] {
      matches += 1
    }
    return matches
  }

  private func bandKeys(of signature: [UInt32]) -> [UInt64] {
    (0..<configuration.bands).map { band in
      var key: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(band + 1)
      for row in 0..<configuration.rows {
        key = Self.mix(key ^ UInt64(signature[band * configuration.rows + row]))
      }
      return key
    }
  }

  /// The MinHash signature of the text's shingles: for each hash function, the smallest value it
  /// gives any shingle. Nil for a text without letters or digits.
  func signature(of text: String) -> [UInt32]? {
    let skeleton = Self.skeleton(of: text)
    guard !skeleton.isEmpty else { return nil }
    var minimums = [UInt32](repeating: .max, count: configuration.signatureLength)
    let length = min(configuration.shingleLength, skeleton.count)
    multipliers.withUnsafeBufferPointer { multipliers in
      increments.withUnsafeBufferPointer { increments in
        minimums.withUnsafeMutableBufferPointer { minimums in
          for start in 0...(skeleton.count - length) {
            var shingle: UInt64 = 0xCBF2_9CE4_8422_2325
            for offset in 0..<length { shingle = Self.mix(shingle ^ UInt64(skeleton[start + offset])) }
            for index in 0..<minimums.count {
              let value = UInt32(truncatingIfNeeded: (multipliers[index] &* shingle &+ increments[index]) >> 32)
              minimums[index] = min(minimums[index], value)
            }
          }
        }
      }
    }
    return minimums
  }

  /// The text reduced to what shingles are made of (see the type's documentation), as scalar values.
  static func skeleton(of text: String) -> [UInt32] {
    var result: [UInt32] = []
    result.reserveCapacity(text.utf8.count)
    var word: [UInt32] = []
    var consonants = 0
    func endWord() {
      guard !word.isEmpty else { return }
      if !result.isEmpty { result.append(0x20) }
      if consonants == 0 {
        result.append(contentsOf: word)
      } else {
        result.append(contentsOf: word.filter { !isVowel($0) })
      }
      word.removeAll(keepingCapacity: true)
      consonants = 0
    }
    func add(_ value: UInt32) {
      word.append(value)
      if !isVowel(value) { consonants += 1 }
    }
    var decompositions: [Unicode.Scalar: String] = [:]
    for scalar in text.unicodeScalars {
      // ASCII, most of any Latin-script text, without Unicode property look-ups.
      switch scalar.value {
      case 0x61...0x7A, 0x30...0x39: add(scalar.value)
      case 0x41...0x5A: add(scalar.value + 0x20)
      case 0..<0x80: endWord()
      default:
        let decomposed =
          decompositions[scalar]
          ?? {
            let string = String(scalar).decomposedStringWithCanonicalMapping
            decompositions[scalar] = string
            return string
          }()
        for part in decomposed.unicodeScalars {
          let properties = part.properties
          switch properties.generalCategory {
          case .nonspacingMark, .spacingMark, .enclosingMark: continue
          default: break
          }
          guard properties.isAlphabetic || properties.numericType != nil else {
            endWord()
            continue
          }
          for lower in properties.lowercaseMapping.unicodeScalars { add(lower.value) }
        }
      }
    }
    endWord()
    return result
  }

  /// a, e, i, o, u, y, æ, ø (å is a + ring above, whose ring is dropped as a diacritic).
  private static func isVowel(_ value: UInt32) -> Bool {
    switch value {
    case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79, 0xE6, 0xF8: true
    default: false
    }
  }

  /// SplitMix64's output function, as a deterministic 64-bit mixer.
  private static func mix(_ value: UInt64) -> UInt64 {
    var generator = SplitMix64(seed: value)
    return generator.next()
  }

}
