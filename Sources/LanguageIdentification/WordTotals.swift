import CKernels
import TolkCore

/// What scoring a whole document found word by word: the model's running row sums, feature count and
/// letter counts after each word, and where each word stands. The sentence stage takes a sentence's
/// words from here (the difference of two running totals) instead of reading its text again; the sums
/// are integers, so the logits are exactly those of scoring the sentence's text.
///
/// A sentence whose boundary falls inside a word (letters on both sides) is not made of whole words of
/// the document, and ``logits(from:to:model:hint:)`` gives nil for it: the caller scores its text.
struct WordTotals: Sendable {
  /// The model that scored the document: totals are only meaningful for its rows.
  let model: LanguageModel.Identity
  /// Languages of the model: the running row sums have one entry per language.
  let width: Int
  /// One record per word, in text order, after a record of zeros for "before the first word":
  /// the scalar offsets of the word's first letter and one past its last, then the running feature,
  /// letter and Latin-letter counts and the `width` running row sums (wrapping), this word included.
  var records: [Int32]
  var recordSize: Int { Self.fields + width }
  static let fields = 5
  var wordCount: Int { records.count / recordSize - 1 }

  /// Documents longer than this (UTF-8 bytes) keep no totals: the sentence stage reads their text
  /// again, so that a huge record does not also hold about 60 bytes per word.
  static let maximumBytes = 4 << 20

  init(model: LanguageModel.Identity, width: Int) {
    self.model = model
    self.width = width
    records = [Int32](repeating: 0, count: Self.fields + width)
  }

  private func start(ofWord word: Int) -> Int { Int(records[(word + 1) * recordSize]) }
  private func end(ofWord word: Int) -> Int { Int(records[(word + 1) * recordSize + 1]) }

  /// The logits and counts of the text between scalar offsets `start` and `end`, nil when the span
  /// does not begin and end between words (or `model` is not the model that made the totals).
  ///
  /// `hint` is a word index to look for the span's words from: any value gives the same answer, and
  /// the call sets it to the first word after the span, so that a caller going through sentences in
  /// text order finds each sentence's words in a few steps instead of a binary search over the article.
  func logits(
    from start: Int, to end: Int, model: LanguageModel, hint: inout Int
  ) -> (logits: [Float], counts: LanguageFeatures.Counts)? {
    guard model.identity === self.model, start <= end else { return nil }
    let words = wordCount
    let first = firstWord(endingAfter: start, from: hint)
    hint = first
    if first < words, self.start(ofWord: first) < start { return nil }
    let last = firstWord(endingAfter: end, from: first)
    hint = last
    if last < words, self.start(ofWord: last) < end { return nil }
    // Records `first` and `last` hold the totals before word `first` and before word `last`.
    let before = first * recordSize
    let after = last * recordSize
    var rowSums = [Int32](repeating: 0, count: width)
    for language in 0..<width {
      rowSums[language] = records[after + Self.fields + language] &- records[before + Self.fields + language]
    }
    var counts = LanguageFeatures.Counts()
    counts.words = last - first
    counts.letters = Int(records[after + 3] &- records[before + 3])
    counts.latinLetters = Int(records[after + 4] &- records[before + 4])
    return (model.logits(sums: rowSums, featureCount: Int(records[after + 2] &- records[before + 2])), counts)
  }

  /// Index of the first word that ends after `offset` (`wordCount` when none does), looked for first
  /// from word `hint` on, in steps that double, when it is there (any `hint` gives the same answer).
  private func firstWord(endingAfter offset: Int, from hint: Int) -> Int {
    // Words end in increasing order: every word before `low` ends at or before `offset`, and the answer
    // is at most `high`.
    var low = 0
    var high = wordCount
    if hint > 0, hint <= high, end(ofWord: hint - 1) <= offset {
      low = hint
      var step = 1
      while low + step <= high {
        guard end(ofWord: low + step - 1) <= offset else {
          high = low + step - 1
          break
        }
        low += step
        step *= 2
      }
    }
    while low < high {
      let middle = (low + high) / 2
      if end(ofWord: middle) > offset { high = middle } else { low = middle + 1 }
    }
    return low
  }
}

extension LanguageModel {
  /// Tells models apart: totals made with one model are never read with another.
  final class Identity: Sendable {}

  /// ``logits(of:)`` of a whole text, and the text's ``WordTotals`` (nil when the model has word-pair
  /// features, which cross sentence boundaries, or the text is longer than ``WordTotals/maximumBytes``).
  func logitsKeepingWords(
    of text: Substring.UnicodeScalarView
  ) -> (logits: [Float], counts: LanguageFeatures.Counts, totals: WordTotals?) {
    guard !features.wordPairs, Substring(text).utf8.count <= WordTotals.maximumBytes else {
      let (logits, counts) = logits(of: text)
      return (logits, counts, nil)
    }
    let width = languages.count
    let recordSize = WordTotals.fields + width
    return rows.withUnsafeBytes { rows in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: MarkingSums.batchSize) { batch in
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: MarkingSums.batchSize + 1) { marks in
          withUnsafeTemporaryAllocation(of: Int32.self, capacity: (MarkingSums.batchSize + 1) * recordSize) { words in
            var sink = MarkingSums(
              rows: rows.baseAddress?.assumingMemoryBound(to: Int8.self), batch: batch, marks: marks, words: words,
              totals: WordTotals(model: identity, width: width))
            let counts = features.extract(text, into: &sink)
            sink.flush()
            return (logits(sums: (0..<16).map { sink.sums[$0] }, featureCount: sink.count), counts, sink.totals)
          }
        }
      }
    }
  }

  /// Sums rows as ``RowSums`` does and adds a ``WordTotals`` record after every word: the counts are
  /// written to scratch memory as words end, the running sums by ``tolk_sum_rows16_marking`` when the
  /// batch is summed, and the batch's records are then appended at once.
  private struct MarkingSums: LanguageFeatureSink {
    static let batchSize = 512
    let rows: UnsafePointer<Int8>?
    let batch: UnsafeMutableBufferPointer<Int32>
    /// Positions in the batch after which a word ended, and the records of those words.
    let marks: UnsafeMutableBufferPointer<Int64>
    let words: UnsafeMutableBufferPointer<Int32>
    var filled = 0
    var marked = 0
    var count = 0
    var sums = SIMD16<Int32>()
    var totals: WordTotals

    init(
      rows: UnsafePointer<Int8>?, batch: UnsafeMutableBufferPointer<Int32>, marks: UnsafeMutableBufferPointer<Int64>,
      words: UnsafeMutableBufferPointer<Int32>, totals: WordTotals
    ) {
      self.rows = rows
      self.batch = batch
      self.marks = marks
      self.words = words
      self.totals = totals
    }

    mutating func add(_ bucket: Int32) {
      batch[filled] = bucket
      filled += 1
      count += 1
      if filled == batch.count { flush() }
    }

    mutating func endWord(start: Int, end: Int, counts: LanguageFeatures.Counts) {
      if marked == marks.count { flush() }
      marks[marked] = Int64(filled)
      let record = marked * totals.recordSize
      words[record] = Int32(truncatingIfNeeded: start)
      words[record + 1] = Int32(truncatingIfNeeded: end)
      words[record + 2] = Int32(truncatingIfNeeded: count)
      words[record + 3] = Int32(truncatingIfNeeded: counts.letters)
      words[record + 4] = Int32(truncatingIfNeeded: counts.latinLetters)
      marked += 1
    }

    mutating func flush() {
      guard filled > 0 || marked > 0 else { return }
      let recordSize = totals.recordSize
      withUnsafeMutableBytes(of: &sums) { sums in
        tolk_sum_rows16_marking(
          rows, batch.baseAddress, Int64(filled), marks.baseAddress, Int64(marked), Int32(totals.width),
          Int32(recordSize), sums.baseAddress?.assumingMemoryBound(to: Int32.self),
          words.baseAddress.map { $0 + WordTotals.fields })
      }
      totals.records.append(contentsOf: UnsafeBufferPointer(rebasing: words[0..<(marked * recordSize)]))
      filled = 0
      marked = 0
    }
  }
}
