import CKernels
import Foundation
import TolkCore

/// Distributional word clusters: each frequent word has a path of bits in a binary tree, and words with a
/// long common prefix occur in similar contexts ("Oslo" and "Bergen", "sa" and "sier"). The entity
/// model uses path prefixes as features, so a name it never saw in training still looks like the ones it
/// did, as Brown clusters do.
///
/// Built by ``WordClusterBuilder`` from unlabelled text; stored as `ner/clusters.tsv`
/// (`word`, `path`, `count`), one row per word.
public struct WordClusters: Sendable {
  /// Bit paths ("0110…") by word (`Token.norm`).
  public let paths: [String: String]
  /// What the entity model takes from each path (``EntityModelFeatures/clusterHashes(of:)``), computed
  /// once, found by the hash the entity model already has of each word (FNV-1a over its code points,
  /// ``EntityModelFeatures/wordHash(_:)``) rather than by hashing the string again: an open-addressing
  /// table of the words with their hashes and features (`word` nil for an empty slot), its count a
  /// power of two at least twice the words. Everything a lookup reads is in the slot, so a word found in
  /// its first slot costs one cache miss (the table is larger than the caches the model leaves it), and
  /// ``prefetch(hash:)`` can start that miss early.
  private let slots: [Slot]
  /// Whether every word is in NFC (as `clusters.tsv` writes them), so that a word certainly in NFC
  /// equals one of them only if their code points are equal.
  private let wordsAreNFC: Bool

  private struct Slot {
    var hash: UInt64
    var word: String?
    var features: (UInt64, UInt64, UInt64, UInt64)
  }

  public init(paths: [String: String]) {
    self.paths = paths
    var size = 16
    while size < paths.count * 2 { size *= 2 }
    var slots = [Slot](repeating: Slot(hash: 0, word: nil, features: (0, 0, 0, 0)), count: size)
    // In a fixed order, so that the table is the same on every run.
    for (word, path) in paths.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
      let hash = EntityModelFeatures.wordHash(word.unicodeScalars.lazy.map { $0.value })
      var slot = Int(truncatingIfNeeded: hash) & (size - 1)
      while slots[slot].word != nil { slot = (slot + 1) & (size - 1) }
      slots[slot] = Slot(hash: hash, word: word, features: EntityModelFeatures.clusterHashes(of: path))
    }
    self.slots = slots
    // A word of code points below U+0300 (every byte below 0xCC) is NFC as it is, without asking
    // Foundation (which was a quarter of the time it took to load the clusters).
    wordsAreNFC = paths.keys.allSatisfy {
      $0.utf8.allSatisfy { $0 < 0xCC } || $0.precomposedStringWithCanonicalMapping.utf8.elementsEqual($0.utf8)
    }
  }

  /// The path of `word` (a token's `norm`), nil for a word seen too rarely to cluster.
  public func path(of word: String) -> String? { paths[word] }

  /// The entity model's cluster features of `word`, nil for a word without a path.
  func features(of word: String) -> (UInt64, UInt64, UInt64, UInt64)? {
    paths[word].map(EntityModelFeatures.clusterHashes(of:))
  }

  /// ``features(of:)`` for a word whose ``EntityModelFeatures/wordHash(_:)`` is `hash`.
  func features(of word: String, hash: UInt64) -> (UInt64, UInt64, UInt64, UInt64)? {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while let listed = slots[slot].word {
      if slots[slot].hash == hash, listed == word { return slots[slot].features }
      slot = (slot + 1) & mask
    }
    // Not there by its code points. String equality (which `paths` uses) also matches other spellings
    // of the same characters (NFD for NFC). A word whose code points are all below U+0300 (every byte
    // below 0xCC, the first byte of U+0300) is certainly in NFC, and equals an NFC word only if their
    // code points are equal, so the table's answer is final; any other word (norms never are) asks
    // `paths`, which keeps the answer exactly ``features(of:)``'s for any string.
    return wordsAreNFC && word.utf8.allSatisfy({ $0 < 0xCC }) ? nil : features(of: word)
  }

  /// Starts loading the slot where ``features(of:hash:)`` looks for a word whose hash is `hash` into the
  /// cache, so that several lookups wait for memory at once rather than one after another.
  func prefetch(hash: UInt64) {
    slots.withUnsafeBufferPointer { slots in
      guard let base = slots.baseAddress else { return }
      let slot = base + (Int(truncatingIfNeeded: hash) & (slots.count - 1))
      // A slot may straddle two cache lines.
      tolk_prefetch(UnsafeRawPointer(slot))
      tolk_prefetch(UnsafeRawPointer(slot) + MemoryLayout<Slot>.size - 1)
    }
  }

  /// Reads `ner/clusters.tsv`; `name` is the file as messages name it.
  public init(contentsOf url: URL, name: String = "ner/clusters.tsv") throws(LexiconError) {
    let table = try TSVTable(contentsOf: url, name: name)
    let wordColumn = try table.index(of: "word")
    let pathColumn = try table.index(of: "path")
    var paths: [String: String] = [:]
    paths.reserveCapacity(table.rows.count)
    for row in table.rows {
      let word = row.cells[wordColumn]
      let path = row.cells[pathColumn]
      guard !word.isEmpty, !path.isEmpty, path.utf8.allSatisfy({ $0 == 0x30 || $0 == 0x31 }) else {
        throw .invalidEntry(
          file: name, line: row.line, reason: "needs a word and a path of bits (0 and 1), got \"\(path)\"")
      }
      guard paths.updateValue(path, forKey: word) == nil else {
        throw .invalidEntry(file: name, line: row.line, reason: "\"\(word)\" is listed twice")
      }
    }
    self.init(paths: paths)
  }

  /// The TSV text: a comment header, then rows sorted by path, then by word.
  public static func serialized(_ rows: [(word: String, path: String, count: Int)], header: String) -> String {
    var text = header
    text += "word\tpath\tcount\n"
    for row in rows.sorted(by: { ($0.path, $0.word) < ($1.path, $1.word) }) {
      text += "\(row.word)\t\(row.path)\t\(row.count)\n"
    }
    return text
  }
}
