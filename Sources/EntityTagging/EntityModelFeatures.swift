import TolkCore

/// The features the entity model sees for each token of a sentence, hashed into buckets: the word, its
/// shape, affixes, the words and shapes around it, its distributional cluster, what the entity
/// lexicons say about it and whether it is a listed given name or surname.
///
/// Every feature is a 64-bit hash of a template number and its value (FNV-1a over code points, then
/// mixed), so extraction allocates nothing per feature and the same text always gives the same buckets.
public struct EntityModelFeatures: Sendable, Hashable, Codable {
  /// Whether the lexicon-match features are used.
  public var usesGazetteer: Bool
  /// Whether the word-cluster features are used.
  public var usesClusters: Bool
  /// Whether the person-name features are used: the token, the one before and the one after is a
  /// listed given name or surname (``PersonNameList``). They are lexicon features, switched off with the
  /// others in the sentences that gazetteer dropout picks.
  public var usesPersonNames: Bool

  public init(usesGazetteer: Bool = true, usesClusters: Bool = true, usesPersonNames: Bool = false) {
    self.usesGazetteer = usesGazetteer
    self.usesClusters = usesClusters
    self.usesPersonNames = usesPersonNames
  }

  enum CodingKeys: String, CodingKey {
    case usesGazetteer, usesClusters, usesPersonNames
  }

  /// Reads a model header's features; the person-name templates, added later, default to off, so older
  /// models load as they were trained.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    usesGazetteer = try container.decode(Bool.self, forKey: .usesGazetteer)
    usesClusters = try container.decode(Bool.self, forKey: .usesClusters)
    usesPersonNames = try container.decodeIfPresent(Bool.self, forKey: .usesPersonNames) ?? false
  }

  /// Writes the features into a model header; the person-name templates only when they are on, so a
  /// model trained without them keeps the bytes it had.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(usesGazetteer, forKey: .usesGazetteer)
    try container.encode(usesClusters, forKey: .usesClusters)
    if usesPersonNames { try container.encode(true, forKey: .usesPersonNames) }
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
    /// What the person-name list says about each token, one per token; empty for none at all (as in
    /// the sentences gazetteer dropout picks).
    public var personNames: [PersonNameList.Kinds]

    public init(
      tokens: ArraySlice<Token>, scalars: [Unicode.Scalar], gazetteer: [GazetteerMark],
      personNames: [PersonNameList.Kinds] = []
    ) {
      self.tokens = tokens
      self.scalars = scalars
      self.gazetteer = gazetteer
      self.personNames = personNames
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
    /// Path prefixes of 4, 8 and 12 bits, and the whole path.
    var cluster: (UInt64, UInt64, UInt64, UInt64)
    var gazetteer: UInt64
    var personName: UInt64
  }

  static let boundary = TokenHashes(
    word: 0xB0B0, form: 0xB0B0, shape: 0xB0B0, shortShape: 0xB0B0, prefixes: (0, 0, 0), suffixes: (0, 0, 0, 0),
    cluster: (0xB0B0, 0xB0B0, 0xB0B0, 0xB0B0), gazetteer: 0xB0B0, personName: 0xB0B0)

  /// The hashed features of every token of `sentence`, token after token: `offsets[i]..<offsets[i+1]`
  /// indexes `hashes` for token `i`.
  public func extract(
    _ sentence: Sentence, clusters: WordClusters?, hashes: inout [UInt64], offsets: inout [Int]
  ) {
    hashes.removeAll(keepingCapacity: true)
    offsets.removeAll(keepingCapacity: true)
    let personNames = usesPersonNames && !sentence.personNames.isEmpty ? sentence.personNames : nil
    let clusters = usesClusters ? clusters : nil
    var values = sentence.tokens.indices.map { index in
      tokenHashes(
        norm: sentence.tokens[index].norm, range: sentence.tokens[index].range, scalars: sentence.scalars,
        gazetteer: usesGazetteer ? sentence.gazetteer[index - sentence.tokens.startIndex] : .none,
        personName: personNames?[index - sentence.tokens.startIndex] ?? [], prefetching: clusters)
    }
    // The cluster lookups only once every token's slot is being fetched, so that their misses overlap.
    if let clusters {
      for position in values.indices {
        let norm = sentence.tokens[sentence.tokens.startIndex + position].norm
        values[position].cluster = clusters.features(of: norm, hash: values[position].word) ?? (1, 1, 1, 1)
      }
    }
    var quoteDepth = 0
    var wordsSeen = 0
    for position in values.indices {
      offsets.append(hashes.count)
      // Fields, not the whole token: a copy of a Token retains each of its strings and arrays.
      let kind = sentence.tokens[sentence.tokens.startIndex + position].kind
      let start = sentence.tokens[sentence.tokens.startIndex + position].start
      func at(_ offset: Int) -> TokenHashes {
        let other = position + offset
        return values.indices.contains(other) ? values[other] : Self.boundary
      }
      let current = values[position]
      let previous = at(-1)
      let next = at(1)
      func add(_ template: UInt64, _ value: UInt64) {
        hashes.append(Self.mix(template, value))
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
      }
      if usesGazetteer {
        add(40, current.gazetteer)
        add(41, previous.gazetteer)
        add(42, next.gazetteer)
        add(43, Self.mix(current.gazetteer, current.shortShape))
      }
      if usesPersonNames {
        // "Ingrid Haugland": a listed given name, capitalised, before a listed surname.
        add(44, current.personName)
        add(45, Self.mix(current.personName, current.shortShape))
        add(46, Self.mix(previous.personName, current.personName))
        add(47, Self.mix(current.personName, next.personName))
      }
      if kind == .word { wordsSeen += 1 }
      if kind == .punct, let first = sentence.scalars[start...].first, Self.quotes.contains(first) {
        quoteDepth = quoteDepth == 0 ? 1 : 0
      }
    }
    offsets.append(hashes.count)
  }

  static let quotes: Set<Unicode.Scalar> = ["\"", "«", "»", "“", "”", "„", "‘", "’"]

  /// The hashes of a token (its `norm`, and its code points at `range`) with the cluster features of a
  /// word without a path, (1, 1, 1, 1); `extract` looks the path up afterwards, and `prefetching` starts
  /// loading where it will look.
  func tokenHashes(
    norm: String, range: Range<Int>, scalars: [Unicode.Scalar], gazetteer: GazetteerMark,
    personName: PersonNameList.Kinds, prefetching clusters: WordClusters?
  ) -> TokenHashes {
    // Shapes hashed as they are built (X upper, x lower, d digit, - other; the long shape is the first
    // 8, the short one collapses runs), without building strings or arrays.
    var shape = Self.offsetBasis
    var shortShape = Self.offsetBasis
    var form = Self.offsetBasis
    var length = 0
    var last: UInt8 = 0
    for scalar in scalars[range] {
      form = Self.step(form, scalar)
      let symbol = ScalarProperties.shapeSymbol(scalar)
      if length < 8 { shape = Self.step(shape, Unicode.Scalar(symbol)) }
      if symbol != last { shortShape = Self.step(shortShape, Unicode.Scalar(symbol)) }
      last = symbol
      length += 1
    }
    // Prefixes of 2–4 and suffixes of 1–4 code points of `norm`; ASCII norms (most words) are read
    // as bytes straight from the string's storage rather than decoded scalar by scalar.
    let ascii = norm.utf8.withContiguousStorageIfAvailable { bytes in
      bytes.allSatisfy { $0 < 0x80 } ? Self.affixHashes(bytes.lazy.map { UInt32($0) }) : nil
    }
    // A closure, not `\.value`: the key path was applied at run time, a tenth of this function's time.
    let (word, prefixes, suffixes) =
      (ascii ?? nil) ?? Self.affixHashes(norm.unicodeScalars.lazy.map { $0.value })
    clusters?.prefetch(hash: word)
    return TokenHashes(
      word: word, form: form, shape: shape, shortShape: shortShape, prefixes: prefixes, suffixes: suffixes,
      cluster: (1, 1, 1, 1), gazetteer: gazetteer.code, personName: UInt64(personName.rawValue))
  }

  /// The hash of a word's code points, as ``affixHashes(_:)`` gives it.
  static func wordHash<Values: Sequence<UInt32>>(_ values: Values) -> UInt64 {
    values.reduce(offsetBasis) { step($0, $1) }
  }

  /// The hash of a word's code points, and of its prefixes of 2–4 and suffixes of 1–4 (0xDEAD where the
  /// word is shorter).
  @inline(__always)
  static func affixHashes<Values: BidirectionalCollection<UInt32>>(
    _ values: Values
  ) -> (word: UInt64, prefixes: (UInt64, UInt64, UInt64), suffixes: (UInt64, UInt64, UInt64, UInt64)) {
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
      default: break
      }
      if taken == 4 { break }
    }
    return (word, prefixes, suffixes)
  }

  /// The hashes of a cluster path's prefixes of 4, 8 and 12 bits and of the whole path.
  static func clusterHashes(of path: String) -> (UInt64, UInt64, UInt64, UInt64) {
    var hash = offsetBasis
    var bits = 0
    var cluster = (hash, hash, hash, hash)
    for bit in path.unicodeScalars {
      hash = step(hash, bit)
      bits += 1
      if bits <= 4 { cluster.0 = hash }
      if bits <= 8 { cluster.1 = hash }
      if bits <= 12 { cluster.2 = hash }
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

  /// Combines two hashes (a SplitMix64 finaliser over their sum), so templates never collide by design.
  @inline(__always) static func mix(_ first: UInt64, _ second: UInt64) -> UInt64 {
    var z = first &* 0x9E37_79B9_7F4A_7C15 &+ second
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
