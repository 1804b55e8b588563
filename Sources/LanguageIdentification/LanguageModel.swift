import CKernels
import Foundation
import TolkCore

/// A trained multinomial logistic-regression model over hashed ``LanguageFeatures``, stored with
/// 8-bit weights (one scale per language) in `lexicons/langid/model.bin`.
///
/// File layout (little-endian): the magic `TOLKLID1`; a UInt32 length and that many bytes of JSON
/// ``Header``; then per language a Float32 bias and a Float32 scale; then `bucketCount × languages`
/// Int8 weights, bucket-major.
public struct LanguageModel: Sendable {
  /// What a model file says about itself.
  public struct Header: Codable, Sendable, Hashable {
    public var languages: [Language]
    public var maximumOrder: Int
    public var bucketCount: Int
    /// Whether consecutive word pairs are features (absent in older files: false).
    public var wordPairs: Bool?
    /// How the model was made: command, data, sizes, settings; for the record, never read back.
    public var training: [String: String]
  }

  public let header: Header
  public let features: LanguageFeatures
  let biases: [Float]
  let scales: [Float]
  /// Bucket-major: weights of bucket b are `quantized[b * languageCount ..< (b + 1) * languageCount]`.
  let quantized: [Int8]
  /// The same weights padded to 16 languages per bucket, so that scoring adds one vector per feature.
  let rows: [SIMD16<Int8>]
  /// This model, as opposed to any other (see ``WordTotals``).
  let identity = Identity()

  /// Most languages a model can have (one SIMD row).
  public static let maximumLanguages = 16

  /// `quantized` as padded rows.
  static func rows(_ quantized: [Int8], languages: Int) -> [SIMD16<Int8>] {
    precondition(languages <= maximumLanguages, "a model has at most 16 languages")
    let count = quantized.count / max(languages, 1)
    // Bytes copied row by row into zeros: a model has about a million buckets, this runs at every
    // start, and setting a vector's lanes one by one took most of loading the model.
    var rows = [SIMD16<Int8>](repeating: .zero, count: count)
    rows.withUnsafeMutableBytes { rows in
      quantized.withUnsafeBytes { weights in
        guard let rows = rows.baseAddress, let weights = weights.baseAddress else { return }
        for bucket in 0..<count {
          (rows + bucket * MemoryLayout<SIMD16<Int8>>.stride).copyMemory(
            from: weights + bucket * languages, byteCount: languages)
        }
      }
    }
    return rows
  }

  public var languages: [Language] { header.languages }

  static let magic = Array("TOLKLID1".utf8)

  /// A model from float weights (bucket-major), quantized to 8 bits per weight.
  public init(header: Header, biases: [Float], weights: [Float]) {
    let count = header.languages.count
    precondition(weights.count == header.bucketCount * count, "weights must be bucketCount × languages")
    var scales = [Float](repeating: 0, count: count)
    for index in weights.indices { scales[index % count] = max(scales[index % count], abs(weights[index])) }
    scales = scales.map { $0 > 0 ? $0 / 127 : 1 }
    var quantized = [Int8](repeating: 0, count: weights.count)
    for index in weights.indices {
      quantized[index] = Int8(max(-127, min(127, (weights[index] / scales[index % count]).rounded())))
    }
    self.header = header
    self.features = LanguageFeatures(
      maximumOrder: header.maximumOrder, bucketCount: header.bucketCount, wordPairs: header.wordPairs ?? false)
    self.biases = biases
    self.scales = scales
    self.quantized = quantized
    self.rows = Self.rows(quantized, languages: count)
  }

  /// Reads a model file.
  public init(contentsOf url: URL) throws(LexiconError) {
    let name = "langid/" + url.lastPathComponent
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw .unreadable(
        file: name, reason: "cannot read the model: \(error.localizedDescription); build it with `tolk train langid`")
    }
    let bytes = [UInt8](data)
    func fail(_ reason: String) -> LexiconError { .unreadable(file: name, reason: reason) }
    guard bytes.count > 12, Array(bytes[0..<8]) == Self.magic else {
      throw fail("not a Tolk language model (bad magic)")
    }
    let headerLength = Int(Self.uint32(bytes, at: 8))
    guard 12 + headerLength <= bytes.count,
      let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[12..<(12 + headerLength)]))
    else { throw fail("the model header is damaged") }
    let count = header.languages.count
    var offset = 12 + headerLength
    guard count > 0, header.bucketCount > 0, header.bucketCount & (header.bucketCount - 1) == 0,
      (1...8).contains(header.maximumOrder), bytes.count == offset + count * 8 + header.bucketCount * count
    else { throw fail("the model has the wrong size for its header") }
    var biases: [Float] = []
    var scales: [Float] = []
    for _ in 0..<count {
      biases.append(Float(bitPattern: Self.uint32(bytes, at: offset)))
      scales.append(Float(bitPattern: Self.uint32(bytes, at: offset + 4)))
      offset += 8
    }
    self.header = header
    self.features = LanguageFeatures(
      maximumOrder: header.maximumOrder, bucketCount: header.bucketCount, wordPairs: header.wordPairs ?? false)
    self.biases = biases
    self.scales = scales
    self.quantized = bytes[offset...].withUnsafeBytes { Array($0.bindMemory(to: Int8.self)) }
    self.rows = Self.rows(quantized, languages: count)
  }

  /// The model file's bytes; writing them and reading them back gives the same model.
  public func serialized() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let headerBytes = [UInt8](try encoder.encode(header))
    var bytes = Self.magic
    Self.append(UInt32(headerBytes.count), to: &bytes)
    bytes += headerBytes
    for (bias, scale) in zip(biases, scales) {
      Self.append(bias.bitPattern, to: &bytes)
      Self.append(scale.bitPattern, to: &bytes)
    }
    bytes += quantized.map { UInt8(bitPattern: $0) }
    return Data(bytes)
  }

  /// Unnormalized log-probabilities (logits) of each language in ``languages`` for the features.
  public func logits(for extraction: LanguageFeatures.Extraction) -> [Float] {
    var sums = [Int32](repeating: 0, count: 16)
    rows.withUnsafeBytes { rows in
      extraction.buckets.withUnsafeBufferPointer { buckets in
        tolk_sum_rows16(
          rows.baseAddress?.assumingMemoryBound(to: Int8.self), buckets.baseAddress, Int64(buckets.count), &sums)
      }
    }
    return logits(sums: sums, featureCount: extraction.buckets.count)
  }

  /// The logits of `text` and what its extraction counted: the same as ``logits(for:)`` over
  /// `LanguageFeatures.extract(_:)`, but the rows are summed batch by batch as the features come,
  /// so no list of every feature of the text is built (it took 24 bytes per byte of text).
  public func logits(of text: Substring.UnicodeScalarView) -> (logits: [Float], counts: LanguageFeatures.Counts) {
    rows.withUnsafeBytes { rows in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: RowSums.batchSize) { batch in
        var sink = RowSums(rows: rows.baseAddress?.assumingMemoryBound(to: Int8.self), batch: batch)
        let counts = features.extract(text, into: &sink)
        sink.flush()
        return (logits(sums: (0..<16).map { sink.sums[$0] }, featureCount: sink.count), counts)
      }
    }
  }

  func logits(sums: [Int32], featureCount: Int) -> [Float] {
    let weight = LanguageFeatures.Extraction.weight(count: featureCount)
    return (0..<biases.count).map { biases[$0] + scales[$0] * weight * Float(sums[$0]) }
  }

  /// Sums the rows of the buckets it is given, a batch at a time (``tolk_sum_rows16``, which prefetches
  /// within a batch). The batch is plain memory of the caller's and the sums a vector, so adding a
  /// bucket is a store and a count, without an array's bounds and uniqueness checks.
  private struct RowSums: LanguageFeatureSink {
    static let batchSize = 512
    let rows: UnsafePointer<Int8>?
    let batch: UnsafeMutableBufferPointer<Int32>
    var filled = 0
    var count = 0
    var sums = SIMD16<Int32>()

    init(rows: UnsafePointer<Int8>?, batch: UnsafeMutableBufferPointer<Int32>) {
      self.rows = rows
      self.batch = batch
    }

    mutating func add(_ bucket: Int32) {
      batch[filled] = bucket
      filled += 1
      count += 1
      if filled == batch.count { flush() }
    }

    mutating func flush() {
      guard filled > 0 else { return }
      let rows = rows
      let batch = batch
      let filled = filled
      withUnsafeMutableBytes(of: &sums) { sums in
        tolk_sum_rows16(rows, batch.baseAddress, Int64(filled), sums.baseAddress?.assumingMemoryBound(to: Int32.self))
      }
      self.filled = 0
    }
  }

  private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3])
      << 24
  }

  private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
    bytes += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
  }
}
