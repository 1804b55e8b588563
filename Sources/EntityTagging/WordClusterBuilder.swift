import Foundation

/// Learns ``WordClusters`` from unlabelled text, deterministically.
///
/// Each word that occurs at least ``Configuration/minimumCount`` times is described by the words
/// right before and after it (counts over the ``Configuration/contextWords`` most frequent words,
/// weighted by positive pointwise mutual information, length-normalised). The words are then split in
/// two again and again by spherical 2-means (bisecting k-means) down to small groups; the sequence of
/// left (0) and right (1) turns is a word's path. Like Brown clusters, a path prefix is a coarser class.
public struct WordClusterBuilder: Sendable {
  public struct Configuration: Sendable {
    /// Words seen fewer times get no path.
    public var minimumCount = 4
    /// Most frequent words first, at most this many get a path.
    public var maximumWords = 40_000
    /// How many frequent words describe a context (left and right each).
    public var contextWords = 800
    /// Groups this small are not split further.
    public var smallestGroup = 3
    /// The longest path.
    public var maximumDepth = 18
    /// 2-means iterations per split.
    public var iterations = 8

    public init() {}
  }

  public let configuration: Configuration

  public init(configuration: Configuration = .init()) { self.configuration = configuration }

  /// Paths and counts for the frequent words of `sentences` (each a list of `Token.norm` values).
  public func clusters(of sentences: [[String]]) -> [(word: String, path: String, count: Int)] {
    var counts: [String: Int] = [:]
    for sentence in sentences { for word in sentence { counts[word, default: 0] += 1 } }
    let byFrequency = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
    let words = byFrequency.prefix(configuration.maximumWords).filter { $0.value >= configuration.minimumCount }
    guard words.count >= 2 else { return words.map { ($0.key, "0", $0.value) } }
    var wordIndex: [String: Int] = [:]
    for (index, entry) in words.enumerated() { wordIndex[entry.key] = index }
    let contextCount = min(configuration.contextWords, words.count)
    // Columns: left context 0..<contextCount, "other" left, right context, "other" right.
    let width = 2 * (contextCount + 1)
    var matrix = [Float](repeating: 0, count: words.count * width)
    func column(_ word: String?, right: Bool) -> Int {
      let base = right ? contextCount + 1 : 0
      guard let word, let index = wordIndex[word], index < contextCount else { return base + contextCount }
      return base + index
    }
    for sentence in sentences {
      for (position, word) in sentence.enumerated() {
        guard let row = wordIndex[word] else { continue }
        let left = position > 0 ? sentence[position - 1] : nil
        let right = position + 1 < sentence.count ? sentence[position + 1] : nil
        matrix[row * width + column(left, right: false)] += 1
        matrix[row * width + column(right, right: true)] += 1
      }
    }
    // Positive PMI, then unit length.
    var columnTotals = [Double](repeating: 0, count: width)
    var rowTotals = [Double](repeating: 0, count: words.count)
    var total = 0.0
    for row in 0..<words.count {
      for col in 0..<width {
        let value = Double(matrix[row * width + col])
        columnTotals[col] += value
        rowTotals[row] += value
        total += value
      }
    }
    for row in 0..<words.count {
      var norm = 0.0
      for col in 0..<width where matrix[row * width + col] > 0 {
        let value = Double(matrix[row * width + col])
        let pmi = max(0, log(value * total / (rowTotals[row] * columnTotals[col])))
        matrix[row * width + col] = Float(pmi)
        norm += pmi * pmi
      }
      let scale = norm > 0 ? Float(1 / norm.squareRoot()) : 0
      for col in 0..<width { matrix[row * width + col] *= scale }
    }
    var paths = [String](repeating: "", count: words.count)
    var pending: [(members: [Int], path: String)] = [(Array(0..<words.count), "")]
    while let (members, path) = pending.popLast() {
      guard members.count > configuration.smallestGroup, path.count < configuration.maximumDepth,
        let (left, right) = split(members, matrix: matrix, width: width)
      else {
        for member in members { paths[member] = path.isEmpty ? "0" : path }
        continue
      }
      pending.append((right, path + "1"))
      pending.append((left, path + "0"))
    }
    return words.enumerated().map { ($0.element.key, paths[$0.offset], $0.element.value) }
  }

  /// Spherical 2-means over `members` (sorted by frequency), seeded with the most frequent member and
  /// the member least like it; nil when one side stays empty.
  func split(_ members: [Int], matrix: [Float], width: Int) -> ([Int], [Int])? {
    func dot(_ row: Int, _ centroid: [Float]) -> Float {
      matrix.withUnsafeBufferPointer { values in
        centroid.withUnsafeBufferPointer { center in
          var sum: Float = 0
          let base = row * width
          for col in 0..<width { sum += values[base + col] * center[col] }
          return sum
        }
      }
    }
    func vector(_ row: Int) -> [Float] { Array(matrix[(row * width)..<((row + 1) * width)]) }
    var first = vector(members[0])
    var second = vector(members.min { dot($0, first) < dot($1, first) } ?? members[members.count - 1])
    var assignment = [Bool](repeating: false, count: members.count)
    for _ in 0..<configuration.iterations {
      var changed = false
      for (position, member) in members.enumerated() {
        let toSecond = dot(member, second) > dot(member, first)
        if toSecond != assignment[position] { changed = true }
        assignment[position] = toSecond
      }
      var sums = ([Float](repeating: 0, count: width), [Float](repeating: 0, count: width))
      for (position, member) in members.enumerated() {
        let base = member * width
        if assignment[position] {
          for col in 0..<width { sums.1[col] += matrix[base + col] }
        } else {
          for col in 0..<width { sums.0[col] += matrix[base + col] }
        }
      }
      func normalised(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
      }
      first = normalised(sums.0)
      second = normalised(sums.1)
      if !changed { break }
    }
    let left = members.indices.filter { !assignment[$0] }.map { members[$0] }
    let right = members.indices.filter { assignment[$0] }.map { members[$0] }
    guard !left.isEmpty, !right.isEmpty else { return nil }
    return (left, right)
  }
}
