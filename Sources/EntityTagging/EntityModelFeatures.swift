import TolkCore

/// The features the entity model sees for each token of a sentence, hashed into buckets: the word, its
/// shape, affixes, the words and shapes around it, its distributional cluster and what the entity
/// lexicons say about it.
///
/// Every feature is a 64-bit hash of a template number and its value (FNV-1a over code points, then
/// mixed), so extraction allocates nothing per feature and the same text always gives the same buckets.
public struct EntityModelFeatures: Sendable, Hashable, Codable {
  /// Whether the lexicon-match features are used.
  public var usesGazetteer: Bool
  /// Whether the word-cluster features are used.
  public var usesClusters: Bool
  /// Whether the shapes and clusters of the words two to the left and right are features.
  public var usesWideContext: Bool
  /// Whether cluster path prefixes of 6, 10 and 14 bits are features too (besides 4, 8, 12 and the
  /// whole path).
  public var usesMoreClusterPrefixes: Bool
  /// Whether the prefix of 5 and the suffixes of 5 and 6 code points are features too (Norwegian
  /// compounds end in long heads: "-partiet", "-kommune").
  public var usesLongAffixes: Bool
  /// Whether the sentence's capitalisation (mostly capitalised words, as in headlines and titles, or
  /// mostly all-caps) is a feature, with the token's shape.
  public var usesSentenceCase: Bool
  /// A name for the text the features describe (a language, for a model trained on pooled languages):
  /// when set, every feature is emitted twice, once as it is and once tied to this domain, so the model
  /// learns what the languages share and what is particular to each (Daumé 2007, "frustratingly easy
  /// domain adaptation"). The model file keeps the domain of the text it will tag.
  public var domain: String?

  public init(
    usesGazetteer: Bool = true, usesClusters: Bool = true, usesWideContext: Bool = false,
    usesSentenceCase: Bool = false, usesLongAffixes: Bool = false, usesMoreClusterPrefixes: Bool = false,
    domain: String? = nil
  ) {
    self.usesMoreClusterPrefixes = usesMoreClusterPrefixes
    self.usesLongAffixes = usesLongAffixes
    self.usesGazetteer = usesGazetteer
    self.usesClusters = usesClusters
    self.usesWideContext = usesWideContext
    self.usesSentenceCase = usesSentenceCase
    self.domain = domain
  }

  enum CodingKeys: String, CodingKey {
    case usesGazetteer, usesClusters, usesWideContext, usesSentenceCase, usesLongAffixes, usesMoreClusterPrefixes,
      domain
  }

  /// Reads a model header's features; templates added later default to off, so older models load as
  /// they were trained.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    usesGazetteer = try container.decode(Bool.self, forKey: .usesGazetteer)
    usesClusters = try container.decode(Bool.self, forKey: .usesClusters)
    usesWideContext = try container.decodeIfPresent(Bool.self, forKey: .usesWideContext) ?? false
    usesSentenceCase = try container.decodeIfPresent(Bool.self, forKey: .usesSentenceCase) ?? false
    usesLongAffixes = try container.decodeIfPresent(Bool.self, forKey: .usesLongAffixes) ?? false
    usesMoreClusterPrefixes = try container.decodeIfPresent(Bool.self, forKey: .usesMoreClusterPrefixes) ?? false
    domain = try container.decodeIfPresent(String.self, forKey: .domain)
  }

  /// Writes the features into a model header; the templates added later are written only when they are
  /// on, so a model trained without them keeps the bytes it had.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(usesGazetteer, forKey: .usesGazetteer)
    try container.encode(usesClusters, forKey: .usesClusters)
    for (key, isOn) in [
      (CodingKeys.usesWideContext, usesWideContext), (.usesSentenceCase, usesSentenceCase),
      (.usesLongAffixes, usesLongAffixes), (.usesMoreClusterPrefixes, usesMoreClusterPrefixes),
    ] where isOn {
      try container.encode(true, forKey: key)
    }
    try container.encodeIfPresent(domain, forKey: .domain)
  }

  /// What the entity lexicons say about a token: nothing, the first or a later token of a listed name of
  /// a type, or a listed name inside a hyphenated compound.
  public enum GazetteerMark: Sendable, Hashable {
    case none
    case begin(Entity.Kind)
    case inside(Entity.Kind)
    case inCompound(Entity.Kind)

    var code: UInt64 {
      switch self {
      case .none: 0
      case .begin(let kind): 1 + UInt64(Entity.Kind.allCases.firstIndex(of: kind) ?? 0)
      case .inside(let kind): 11 + UInt64(Entity.Kind.allCases.firstIndex(of: kind) ?? 0)
      case .inCompound(let kind): 21 + UInt64(Entity.Kind.allCases.firstIndex(of: kind) ?? 0)
      }
    }
  }

  /// One sentence as the model reads it.
  public struct Sentence {
    /// The sentence's tokens (all kinds, in order).
    public var tokens: ArraySlice<Token>
    /// The document's text as code points; token offsets index it.
    public var scalars: [Unicode.Scalar]
    /// One mark per token.
    public var gazetteer: [GazetteerMark]

    public init(tokens: ArraySlice<Token>, scalars: [Unicode.Scalar], gazetteer: [GazetteerMark]) {
      self.tokens = tokens
      self.scalars = scalars
      self.gazetteer = gazetteer
    }
  }

  /// Per-token values that several templates use, hashed once.
  struct TokenHashes {
    var word: UInt64
    var form: UInt64
    var shape: UInt64
    var shortShape: UInt64
    var prefixes: (UInt64, UInt64, UInt64)
    var suffixes: (UInt64, UInt64, UInt64, UInt64)
    /// The prefix of 5 and the suffixes of 5 and 6 code points.
    var longAffixes: (UInt64, UInt64, UInt64)
    /// Path prefixes of 4, 8 and 12 bits, the whole path, and prefixes of 6, 10 and 14 bits.
    var cluster: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    var gazetteer: UInt64
    var isCapitalised: Bool
    /// Two or more letters, all upper-case.
    var isAllCaps: Bool
    var isWord: Bool
  }

  static let boundary = TokenHashes(
    word: 0xB0B0, form: 0xB0B0, shape: 0xB0B0, shortShape: 0xB0B0, prefixes: (0, 0, 0), suffixes: (0, 0, 0, 0),
    longAffixes: (0, 0, 0), cluster: (0xB0B0, 0xB0B0, 0xB0B0, 0xB0B0, 0xB0B0, 0xB0B0, 0xB0B0), gazetteer: 0xB0B0,
    isCapitalised: false,
    isAllCaps: false,
    isWord: false)

  /// The hashed features of every token of `sentence`, token after token: `offsets[i]..<offsets[i+1]`
  /// indexes `hashes` for token `i`.
  public func extract(
    _ sentence: Sentence, clusters: WordClusters?, hashes: inout [UInt64], offsets: inout [Int]
  ) {
    hashes.removeAll(keepingCapacity: true)
    offsets.removeAll(keepingCapacity: true)
    let values = sentence.tokens.indices.map { index in
      tokenHashes(
        sentence.tokens[index], scalars: sentence.scalars,
        gazetteer: usesGazetteer ? sentence.gazetteer[index - sentence.tokens.startIndex] : .none,
        clusters: usesClusters ? clusters : nil)
    }
    var quoteDepth = 0
    var wordsSeen = 0
    let domainHash = domain.map { Self.hash($0.unicodeScalars) }
    let sentenceCase = usesSentenceCase ? Self.sentenceCase(values) : 0
    for position in values.indices {
      offsets.append(hashes.count)
      let token = sentence.tokens[sentence.tokens.startIndex + position]
      func at(_ offset: Int) -> TokenHashes {
        let other = position + offset
        return values.indices.contains(other) ? values[other] : Self.boundary
      }
      let current = values[position]
      let previous = at(-1)
      let next = at(1)
      func add(_ template: UInt64, _ value: UInt64) {
        let feature = Self.mix(template, value)
        hashes.append(feature)
        if let domainHash { hashes.append(Self.mix(feature, domainHash)) }
      }
      add(1, 0)
      add(2, current.word)
      add(3, current.form)
      add(4, current.shape)
      add(5, current.shortShape)
      add(6, current.prefixes.0)
      add(7, current.prefixes.1)
      add(8, current.prefixes.2)
      add(9, current.suffixes.0)
      add(10, current.suffixes.1)
      add(11, current.suffixes.2)
      add(12, current.suffixes.3)
      if usesLongAffixes {
        add(44, current.longAffixes.0)
        add(45, current.longAffixes.1)
        add(46, current.longAffixes.2)
      }
      add(13, previous.word)
      add(14, next.word)
      add(15, at(-2).word)
      add(16, at(2).word)
      add(17, previous.shortShape)
      add(18, next.shortShape)
      add(19, Self.mix(previous.word, current.word))
      add(20, Self.mix(current.word, next.word))
      add(21, Self.mix(Self.mix(previous.shortShape, current.shortShape), next.shortShape))
      // Sentence-initial capitals say little; the first word's shape is its own feature.
      add(22, Self.mix(UInt64(min(wordsSeen, 2)), current.shortShape))
      add(23, Self.mix(UInt64(min(quoteDepth, 1)), current.shortShape))
      add(24, Self.mix(previous.word, current.shortShape))
      add(25, Self.mix(current.shortShape, next.word))
      if usesClusters {
        add(30, current.cluster.0)
        add(31, current.cluster.1)
        add(32, current.cluster.2)
        add(33, current.cluster.3)
        add(34, previous.cluster.1)
        add(35, next.cluster.1)
        add(36, Self.mix(previous.cluster.1, current.shortShape))
        add(37, Self.mix(current.shortShape, next.cluster.1))
        if usesMoreClusterPrefixes {
          add(47, current.cluster.4)
          add(48, current.cluster.5)
          add(49, current.cluster.6)
        }
      }
      if usesWideContext {
        add(26, at(-2).shortShape)
        add(27, at(2).shortShape)
        if usesClusters {
          add(38, at(-2).cluster.1)
          add(39, at(2).cluster.1)
        }
      }
      if usesSentenceCase {
        add(28, Self.mix(sentenceCase, current.shortShape))
        add(29, Self.mix(Self.mix(sentenceCase, current.shortShape), current.word))
      }
      if usesGazetteer {
        add(40, current.gazetteer)
        add(41, previous.gazetteer)
        add(42, next.gazetteer)
        add(43, Self.mix(current.gazetteer, current.shortShape))
      }
      if token.kind == .word { wordsSeen += 1 }
      if token.kind == .punct, let first = sentence.scalars[token.start...].first, Self.quotes.contains(first) {
        quoteDepth = quoteDepth == 0 ? 1 : 0
      }
    }
    offsets.append(hashes.count)
  }

  /// How the sentence's words are capitalised: 0 as usual, 1 mostly capitalised (a headline or title in
  /// title case), 2 mostly all-caps. Capitals say little about names in such sentences.
  static func sentenceCase(_ values: [TokenHashes]) -> UInt64 {
    var words = 0
    var capitalised = 0
    var allCaps = 0
    for value in values where value.isWord {
      words += 1
      if value.isCapitalised { capitalised += 1 }
      if value.isAllCaps { allCaps += 1 }
    }
    guard words >= 3 else { return 3 }
    if 2 * allCaps > words { return 2 }
    if 4 * capitalised > 3 * words { return 1 }
    return 0
  }

  static let quotes: Set<Unicode.Scalar> = ["\"", "«", "»", "“", "”", "„", "‘", "’"]

  func tokenHashes(
    _ token: Token, scalars: [Unicode.Scalar], gazetteer: GazetteerMark, clusters: WordClusters?
  ) -> TokenHashes {
    // Shapes hashed as they are built (X upper, x lower, d digit, - other; the long shape is the first
    // 8, the short one collapses runs), without building strings or arrays.
    var shape = Self.offsetBasis
    var shortShape = Self.offsetBasis
    var form = Self.offsetBasis
    var length = 0
    var last: UInt8 = 0
    var upper = 0
    for scalar in scalars[token.range] {
      form = Self.step(form, scalar)
      let symbol: UInt8 =
        ScalarProperties.isUppercase(scalar)
        ? 88 : ScalarProperties.isLowercase(scalar) ? 120 : ScalarProperties.isNumeric(scalar) ? 100 : 45
      if length < 8 { shape = Self.step(shape, Unicode.Scalar(symbol)) }
      if symbol != last { shortShape = Self.step(shortShape, Unicode.Scalar(symbol)) }
      if symbol == 88 { upper += 1 }
      last = symbol
      length += 1
    }
    // Prefixes of 2–4 and suffixes of 1–4 code points of `norm`; ASCII norms (most words) are read
    // as bytes straight from the string's storage rather than decoded scalar by scalar.
    let ascii = token.norm.utf8.withContiguousStorageIfAvailable { bytes in
      bytes.allSatisfy { $0 < 0x80 } ? Self.affixHashes(bytes.lazy.map { UInt32($0) }) : nil
    }
    let (word, prefixes, suffixes, longAffixes) =
      (ascii ?? nil) ?? Self.affixHashes(token.norm.unicodeScalars.lazy.map(\.value))
    let cluster = clusters?.features(of: token.norm) ?? (1, 1, 1, 1, 1, 1, 1)
    return TokenHashes(
      word: word, form: form, shape: shape, shortShape: shortShape, prefixes: prefixes, suffixes: suffixes,
      longAffixes: longAffixes, cluster: cluster, gazetteer: gazetteer.code,
      isCapitalised: ScalarProperties.isUppercase(scalars[token.start]),
      isAllCaps: upper >= 2 && upper == length, isWord: token.kind == .word)
  }

  /// The hash of a word's code points, of its prefixes of 2–4 and suffixes of 1–4, and of its prefix of 5
  /// and suffixes of 5 and 6 (0xDEAD where the word is shorter).
  @inline(__always)
  static func affixHashes<Values: BidirectionalCollection<UInt32>>(
    _ values: Values
  ) -> (
    word: UInt64, prefixes: (UInt64, UInt64, UInt64), suffixes: (UInt64, UInt64, UInt64, UInt64),
    longAffixes: (UInt64, UInt64, UInt64)
  ) {
    var longAffixes: (UInt64, UInt64, UInt64) = (0xDEAD, 0xDEAD, 0xDEAD)
    var word = offsetBasis
    var prefixes: (UInt64, UInt64, UInt64) = (0xDEAD, 0xDEAD, 0xDEAD)
    var count = 0
    for value in values {
      word = step(word, value)
      count += 1
      switch count {
      case 2: prefixes.0 = word
      case 3: prefixes.1 = word
      case 4: prefixes.2 = word
      case 5: longAffixes.0 = word
      default: break
      }
    }
    var suffixes: (UInt64, UInt64, UInt64, UInt64) = (0xDEAD, 0xDEAD, 0xDEAD, 0xDEAD)
    var suffix = offsetBasis
    var taken = 0
    for value in values.reversed() {
      suffix = step(suffix, value)
      taken += 1
      switch taken {
      case 1: suffixes.0 = suffix
      case 2: suffixes.1 = suffix
      case 3: suffixes.2 = suffix
      case 4: suffixes.3 = suffix
      case 5: longAffixes.1 = suffix
      case 6: longAffixes.2 = suffix
      default: break
      }
      if taken == 6 { break }
    }
    return (word, prefixes, suffixes, longAffixes)
  }

  /// The hashes of a cluster path's prefixes of 4, 8 and 12 bits, of the whole path, and of its prefixes
  /// of 6, 10 and 14 bits.
  static func clusterHashes(of path: String) -> (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) {
    var hash = offsetBasis
    var bits = 0
    var cluster = (hash, hash, hash, hash, hash, hash, hash)
    for bit in path.unicodeScalars {
      hash = step(hash, bit)
      bits += 1
      if bits <= 4 { cluster.0 = hash }
      if bits <= 8 { cluster.1 = hash }
      if bits <= 12 { cluster.2 = hash }
      if bits <= 6 { cluster.4 = hash }
      if bits <= 10 { cluster.5 = hash }
      if bits <= 14 { cluster.6 = hash }
    }
    cluster.3 = hash
    return cluster
  }

  static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325

  @inline(__always) static func step(_ hash: UInt64, _ scalar: Unicode.Scalar) -> UInt64 {
    (hash ^ UInt64(scalar.value)) &* 0x0000_0100_0000_01B3
  }

  @inline(__always) static func step(_ hash: UInt64, _ value: UInt32) -> UInt64 {
    (hash ^ UInt64(value)) &* 0x0000_0100_0000_01B3
  }

  static func hash<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> UInt64 {
    var hash = offsetBasis
    for scalar in scalars { hash = step(hash, scalar) }
    return hash
  }

  /// Combines two hashes (a SplitMix64 finaliser over their sum), so templates never collide by design.
  @inline(__always) static func mix(_ first: UInt64, _ second: UInt64) -> UInt64 {
    var z = first &* 0x9E37_79B9_7F4A_7C15 &+ second
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
