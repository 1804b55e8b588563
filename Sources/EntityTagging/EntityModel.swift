import CKernels
import Foundation
import TolkCore

/// A trained name tagger: a linear-chain model over hashed token features (``EntityModelFeatures``)
/// with BIO tags, decoded with Viterbi. Weights come from an averaged structured perceptron
/// (``EntityModelTrainer``) and are stored as 16-bit integers with one scale.
///
/// File format (`ner/<name>.bin`, little-endian): the 8 bytes `TOLKNER1`, a UInt32 length and that many
/// bytes of JSON ``Header``, the transition scores as Float32 (`(tags + 1) × tags`, the first row from
/// the sentence start), then `buckets × tags` Int16 weights.
public struct EntityModel: Sendable {
  /// What the model file says about itself.
  public struct Header: Sendable, Codable, Hashable {
    /// BIO tags; the first is `O`.
    public var tags: [String]
    public var features: EntityModelFeatures
    /// log2 of the number of hash buckets.
    public var bucketBits: Int
    /// Weight = Int16 value × scale.
    public var scale: Float
    /// Scores are divided by this before the forward-backward pass that gives confidences.
    public var temperature: Float
    /// Free-form notes: training data, epochs, dev figures.
    public var notes: [String: String]
  }

  public let header: Header
  let transitions: [Float]
  let weights: [Int16]
  /// For each tag, the entity type it belongs to and whether it begins a mention.
  let tagTypes: [(type: String, begins: Bool)?]
  /// Whether tag `to` may follow tag `from` (row `from + 1`; row 0 is the sentence start): 1 or 0, as
  /// ``tolk_viterbi`` reads it.
  let allowed: [UInt8]
  /// exp(transition / temperature), 0 where a transition is not allowed: the forward-backward pass's
  /// transition factors, computed once.
  let transitionFactors: [Double]

  public var tags: [String] { header.tags }

  /// Whether tag `to` may follow tag `from` under the BIO constraints (I-X only after B-X or I-X), row
  /// `from + 1` of `(tags + 1) × tags`; row 0 is the sentence start.
  static func allowedTransitions(_ tagTypes: [(type: String, begins: Bool)?]) -> [Bool] {
    var allowed: [Bool] = []
    for from in -1..<tagTypes.count {
      for to in tagTypes.indices {
        guard let target = tagTypes[to], !target.begins else {
          allowed.append(true)
          continue
        }
        allowed.append(from >= 0 && tagTypes[from]?.type == target.type)
      }
    }
    return allowed
  }

  public init(header: Header, transitions: [Float], weights: [Int16]) {
    self.header = header
    self.transitions = transitions
    self.weights = weights
    let tagTypes: [(type: String, begins: Bool)?] = header.tags.map { tag in
      let parts = tag.split(separator: "-", maxSplits: 1)
      guard parts.count == 2 else { return nil }
      return (String(parts[1]), parts[0] == "B")
    }
    self.tagTypes = tagTypes
    let allowed = Self.allowedTransitions(tagTypes)
    self.allowed = allowed.map { $0 ? 1 : 0 }
    let temperature = Double(max(header.temperature, 1e-3))
    self.transitionFactors = transitions.indices.map { index in
      allowed[index] ? exp(Double(transitions[index]) / temperature) : 0
    }
  }

  // MARK: Decoding

  /// A mention the model found: token positions within the sentence, the entity type (the tag without
  /// `B-`/`I-`) and a confidence (0...1, the mean probability of its tags).
  public struct Mention: Sendable, Hashable {
    public var tokens: ClosedRange<Int>
    public var type: String
    public var confidence: Double
  }

  /// The emission scores of every token (`tokens × tags`), from hashed features (``tolk_emissions``,
  /// in C for its software prefetch: each feature reads a random row of a table of several MB).
  func emissions(hashes: [UInt64], offsets: [Int]) -> [Float] {
    let tagCount = header.tags.count
    precondition(tagCount <= 64, "at most 64 tags")
    let tokenCount = offsets.count - 1
    guard tokenCount > 0 else { return [] }
    var scores = [Float](repeating: 0, count: tokenCount * tagCount)
    weights.withUnsafeBufferPointer { weights in
      hashes.withUnsafeBufferPointer { hashes in
        offsets.withUnsafeBufferPointer { offsets in
          scores.withUnsafeMutableBufferPointer { scores in
            offsets.withMemoryRebound(to: Int64.self) { offsets in
              tolk_emissions(
                weights.baseAddress, UInt64((1 << header.bucketBits) - 1), Int32(tagCount), hashes.baseAddress,
                offsets.baseAddress, Int32(tokenCount), header.scale, scores.baseAddress)
            }
          }
        }
      }
    }
    return scores
  }

  /// The best tag sequence for `emissions` under the BIO constraints (``tolk_viterbi``).
  static func viterbi(
    emissions: [Float], tokenCount: Int, tagCount: Int, transitions: [Float], allowed: [UInt8]
  ) -> [Int] {
    guard tokenCount > 0 else { return [] }
    precondition(
      tagCount <= 64 && allowed.count == (tagCount + 1) * tagCount && transitions.count == allowed.count,
      "at most 64 tags, with their transitions")
    var best = [Float](repeating: 0, count: tokenCount * tagCount)
    var back = [Int32](repeating: 0, count: tokenCount * tagCount)
    var path = [Int32](repeating: 0, count: tokenCount)
    tolk_viterbi(
      emissions, Int32(tokenCount), Int32(tagCount), transitions, allowed, &best, &back, &path)
    return path.map(Int.init)
  }

  /// Mentions in one sentence, with confidences from a forward-backward pass.
  public func mentions(
    in sentence: EntityModelFeatures.Sentence, clusters: WordClusters?, buffer: inout ([UInt64], [Int])
  ) -> [Mention] {
    header.features.extract(sentence, clusters: clusters, hashes: &buffer.0, offsets: &buffer.1)
    let tokenCount = buffer.1.count - 1
    guard tokenCount > 0 else { return [] }
    let scores = emissions(hashes: buffer.0, offsets: buffer.1)
    let tagCount = header.tags.count
    let path = Self.viterbi(
      emissions: scores, tokenCount: tokenCount, tagCount: tagCount, transitions: transitions, allowed: allowed)
    let spans = Self.spans(path, tagTypes: tagTypes)
    guard !spans.isEmpty else { return [] }
    let marginals = self.marginals(
      scores, tokenCount: tokenCount, of: spans[0].tokens.lowerBound...spans[spans.count - 1].tokens.upperBound)
    return spans.map { span in
      let probability = span.tokens.reduce(0.0) { $0 + marginals[$1 * tagCount + path[$1]] }
      return Mention(tokens: span.tokens, type: span.type, confidence: probability / Double(span.tokens.count))
    }
  }

  /// Token ranges and types of the mentions a tag path spells.
  static func spans(_ path: [Int], tagTypes: [(type: String, begins: Bool)?]) -> [(
    tokens: ClosedRange<Int>, type: String
  )] {
    var spans: [(tokens: ClosedRange<Int>, type: String)] = []
    var start: Int?
    var type = ""
    for (position, tag) in path.enumerated() {
      let current = tagTypes[tag]
      let continues = current.map { !$0.begins && $0.type == type } ?? false
      if let open = start, !continues {
        spans.append((open...(position - 1), type))
        start = nil
      }
      if let current, start == nil {
        start = position
        type = current.type
      }
    }
    if let open = start { spans.append((open...(path.count - 1), type)) }
    return spans
  }

  /// Per-token tag probabilities (`tokens × tags`) of the chain with scores divided by the temperature:
  /// forward-backward in probability space, each token's column rescaled to sum to 1 (so one `exp` per
  /// tag and token, not per transition), in C (``tolk_marginals``). Only the tokens in `needed` (all by
  /// default) get their probabilities, the same as in a run for all; the others get zeros, and the work
  /// for the tokens outside is skipped where it can be.
  func marginals(_ scores: [Float], tokenCount: Int, of needed: ClosedRange<Int>? = nil) -> [Double] {
    let tagCount = header.tags.count
    guard tokenCount > 0 else { return [] }
    let needed = needed ?? 0...(tokenCount - 1)
    precondition(needed.lowerBound >= 0 && needed.upperBound < tokenCount, "needed tokens within the sentence")
    precondition(
      tagCount <= 64 && transitionFactors.count == (tagCount + 1) * tagCount, "at most 64 tags, with their transitions")
    let count = tokenCount * tagCount
    var emission = [Double](repeating: 0, count: count)
    var forward = [Double](repeating: 0, count: count)
    var backward = [Double](repeating: 0, count: count)
    var result = [Double](repeating: 0, count: count)
    tolk_marginals(
      scores, Int32(tokenCount), Int32(tagCount), transitionFactors, Double(max(header.temperature, 1e-3)),
      Int32(needed.lowerBound), Int32(needed.upperBound), &emission, &forward, &backward, &result)
    return result
  }

  // MARK: Files

  static let magic = Array("TOLKNER1".utf8)

  /// Reads a model file.
  public init(contentsOf url: URL, name: String) throws(LexiconError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw .unreadable(file: name, reason: error.localizedDescription)
    }
    // The header and transitions are read from a copy of the first bytes only; the weights straight from
    // the file's bytes, so loading does not hold the model three times.
    let bytes = [UInt8](data.prefix(1 << 20))
    let total = data.count
    func fail(_ reason: String) -> LexiconError { .unreadable(file: name, reason: reason) }
    guard bytes.count >= 12, Array(bytes[0..<8]) == Self.magic else { throw fail("not a Tolk entity model") }
    func uint32(at offset: Int) -> UInt32 {
      (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }
    let headerLength = Int(uint32(at: 8))
    guard bytes.count >= 12 + headerLength,
      let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[12..<(12 + headerLength)]))
    else { throw fail("model header is damaged") }
    let tagCount = header.tags.count
    guard tagCount > 0, header.tags[0] == "O", (10...24).contains(header.bucketBits) else {
      throw fail("model header is invalid")
    }
    var offset = 12 + headerLength
    let transitionCount = (tagCount + 1) * tagCount
    let weightCount = (1 << header.bucketBits) * tagCount
    guard total == offset + 4 * transitionCount + 2 * weightCount, offset + 4 * transitionCount <= bytes.count else {
      throw fail("model file has \(total) bytes, expected \(offset + 4 * transitionCount + 2 * weightCount)")
    }
    var transitions: [Float] = []
    transitions.reserveCapacity(transitionCount)
    for _ in 0..<transitionCount {
      transitions.append(Float(bitPattern: uint32(at: offset)))
      offset += 4
    }
    let start = offset
    let weights = data.withUnsafeBytes { raw in
      [Int16](unsafeUninitializedCapacity: weightCount) { buffer, count in
        // Before the first write: each feature reads a random row of several MB, so with huge pages
        // most reads no longer miss the TLB as well as the cache.
        tolk_advise_huge_pages(buffer.baseAddress, Int64(weightCount * MemoryLayout<Int16>.stride))
        for index in 0..<weightCount {
          buffer[index] = Int16(
            bitPattern: UInt16(raw[start + 2 * index]) | UInt16(raw[start + 2 * index + 1]) << 8)
        }
        count = weightCount
      }
    }
    self.init(header: header, transitions: transitions, weights: weights)
  }

  /// The file bytes (see the type's documentation); the same model always gives the same bytes.
  public func serialized() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let headerData = (try? encoder.encode(header)) ?? Data()
    var bytes = Self.magic
    bytes.reserveCapacity(12 + headerData.count + 4 * transitions.count + 2 * weights.count)
    func append(_ value: UInt32) {
      for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
    append(UInt32(headerData.count))
    bytes += headerData
    for value in transitions { append(value.bitPattern) }
    for value in weights {
      let pattern = UInt16(bitPattern: value)
      bytes.append(UInt8(pattern & 0xFF))
      bytes.append(UInt8(pattern >> 8))
    }
    return Data(bytes)
  }
}
