import Foundation
import TolkCore

/// Trains a ``LanguageModel`` from a ``LanguageIDCorpus``: multinomial logistic regression over hashed
/// character n-grams and words, fitted with AdaGrad, deterministically (one thread, a seeded shuffle).
///
/// Each training line gives three examples, so the model learns every length it is measured on: the
/// sentence, its 1–4-word windows, and (with its neighbours) a 3-sentence passage. Languages are
/// balanced by weighting each example by (largest language / its language)^``Configuration/balancePower``,
/// which keeps Danish and German (a few hundred lines) from being drowned without overfitting them.
public struct LanguageModelTrainer: Sendable {
  /// Settings with their defaults; all are recorded in the model header.
  public struct Configuration: Sendable {
    /// How the weights are fitted.
    public enum Method: String, Sendable, CaseIterable {
      /// Multinomial logistic regression with AdaGrad (the default: better on the hard pairs).
      case logisticRegression = "logistic-regression"
      /// Multinomial naive Bayes with add-α smoothing, for comparison.
      case naiveBayes = "naive-bayes"
    }

    public var method = Method.logisticRegression
    /// Add-α smoothing of naive Bayes counts.
    public var smoothing: Float = 0.1
    public var bucketCount = 1 << 19
    public var maximumOrder = 5
    public var wordPairs = false
    public var epochs = 6
    public var learningRate: Float = 0.3
    public var balancePower: Float = 0.75
    public var seed: UInt64 = 20_191_107
    /// Languages of the set that also learn from pseudo-sentences drawn from their word list
    /// (the small ones: Danish and German have a few hundred lines of real text).
    public var augmentedLanguages: Set<Language> = [.danish, .german]
    /// Pseudo-sentences per augmented language, and per language of the "other" class.
    public var pseudoSentences = 3000
    public var otherSentences = 1500
    /// Weight of a pseudo-sentence relative to a real sentence.
    public var pseudoWeight: Float = 0.5
    /// Weight of a 1–4-word window relative to its whole sentence.
    public var snippetWeight: Float = 0.5

    public init() {}
  }

  public let configuration: Configuration

  public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

  /// One training example: its features, its language (index), its weight.
  struct Example {
    var buckets: [Int32]
    var weight: Float
    var language: Int
    var exampleWeight: Float
  }

  /// Trains on `corpus.train`; `progress` receives progress lines.
  public func train(_ corpus: LanguageIDCorpus, progress: (String) -> Void = { _ in }) -> LanguageModel {
    let inSet = LanguageIDCorpus.languages
    let hasOther = corpus.wordLists.keys.contains { !inSet.map(\.rawValue).contains($0) }
    let languages = inSet + (hasOther ? [.undetermined] : [])
    let features = LanguageFeatures(
      maximumOrder: configuration.maximumOrder, bucketCount: configuration.bucketCount,
      wordPairs: configuration.wordPairs)
    var examples = makeExamples(corpus.train, languages: languages, features: features)
    let real = examples.count
    examples += pseudoExamples(corpus.wordLists, languages: languages, features: features)
    progress("\(real) examples from \(corpus.train.count) training lines, \(examples.count - real) from word lists")
    let count = languages.count
    if configuration.method == .naiveBayes {
      return naiveBayes(
        examples, languages: languages, header: header(languages: languages, examples: examples.count, corpus: corpus))
    }
    var weights = [Float](repeating: 0, count: configuration.bucketCount * count)
    var squares = [Float](repeating: 0, count: configuration.bucketCount * count)
    var biases = [Float](repeating: 0, count: count)
    var biasSquares = [Float](repeating: 0, count: count)
    var order = Array(examples.indices)
    var random = SplitMix64(seed: configuration.seed)
    let rate = configuration.learningRate
    var logits = [Float](repeating: 0, count: count)
    var gradient = [Float](repeating: 0, count: count)
    for epoch in 1...configuration.epochs {
      random.shuffle(&order)
      var loss: Double = 0
      for position in order {
        let example = examples[position]
        for language in 0..<count { logits[language] = biases[language] }
        weights.withUnsafeBufferPointer { weights in
          for bucket in example.buckets {
            let base = Int(bucket) * count
            for language in 0..<count { logits[language] += weights[base + language] * example.weight }
          }
        }
        let maximum = logits.max() ?? 0
        var total: Float = 0
        for language in 0..<count {
          logits[language] = exp(logits[language] - maximum)
          total += logits[language]
        }
        loss -= Double(example.exampleWeight) * Double(log(max(logits[example.language] / total, 1e-12)))
        for language in 0..<count {
          gradient[language] =
            (logits[language] / total - (language == example.language ? 1 : 0)) * example.exampleWeight
        }
        weights.withUnsafeMutableBufferPointer { weights in
          squares.withUnsafeMutableBufferPointer { squares in
            for bucket in example.buckets {
              let base = Int(bucket) * count
              for language in 0..<count {
                let step = gradient[language] * example.weight
                guard step != 0 else { continue }
                squares[base + language] += step * step
                weights[base + language] -= rate * step / (squares[base + language].squareRoot() + 1e-6)
              }
            }
          }
        }
        for language in 0..<count {
          biasSquares[language] += gradient[language] * gradient[language]
          biases[language] -= rate * gradient[language] / (biasSquares[language].squareRoot() + 1e-6)
        }
      }
      progress("epoch \(epoch): mean loss \(String(format: "%.4f", loss / Double(examples.count)))")
    }
    return LanguageModel(
      header: header(languages: languages, examples: examples.count, corpus: corpus), biases: biases, weights: weights)
  }

  /// Counts features per language: weights are log P(feature | language), centred per feature.
  private func naiveBayes(_ examples: [Example], languages: [Language], header: LanguageModel.Header) -> LanguageModel {
    let count = languages.count
    var counts = [Double](repeating: 0, count: configuration.bucketCount * count)
    var totals = [Double](repeating: 0, count: count)
    var priors = [Double](repeating: 0, count: count)
    for example in examples {
      priors[example.language] += Double(example.exampleWeight)
      for bucket in example.buckets {
        counts[Int(bucket) * count + example.language] += Double(example.exampleWeight)
        totals[example.language] += Double(example.exampleWeight)
      }
    }
    let alpha = Double(configuration.smoothing)
    var weights = [Float](repeating: 0, count: counts.count)
    for bucket in 0..<configuration.bucketCount {
      var logs = (0..<count).map { language in
        Foundation.log(
          (counts[bucket * count + language] + alpha) / (totals[language] + alpha * Double(configuration.bucketCount)))
      }
      let mean = logs.reduce(0, +) / Double(count)
      logs = logs.map { $0 - mean }
      for language in 0..<count { weights[bucket * count + language] = Float(logs[language]) }
    }
    let priorTotal = priors.reduce(0, +)
    let biases = priors.map { Float(Foundation.log(max($0, 1e-9) / priorTotal)) }
    return LanguageModel(header: header, biases: biases, weights: weights)
  }

  private func header(languages: [Language], examples: Int, corpus: LanguageIDCorpus) -> LanguageModel.Header {
    LanguageModel.Header(
      languages: languages, maximumOrder: configuration.maximumOrder, bucketCount: configuration.bucketCount,
      wordPairs: configuration.wordPairs,
      training: [
        "command": "tolk train langid",
        "data": "../shared/data/langid/*.txt (UD treebanks and NDT; see lexicons/langid/NOTICE.md), train split",
        "model": configuration.method == .naiveBayes
          ? "multinomial naive Bayes, add-\(configuration.smoothing) smoothing"
          : "multinomial logistic regression, AdaGrad",
        "examples": String(examples),
        "epochs": String(configuration.epochs),
        "learning_rate": String(configuration.learningRate),
        "balance_power": String(configuration.balancePower),
        "snippet_weight": String(configuration.snippetWeight),
        "word_pairs": String(configuration.wordPairs),
        "seed": String(configuration.seed),
        "word_lists": corpus.wordLists.keys.sorted().joined(separator: ","),
        "word_list_source": corpus.wordLists.isEmpty
          ? "none" : "wordfreq 3.1.1 (CC BY-SA 4.0), scripts/export_wordfreq.py",
        "augmented_languages": configuration.augmentedLanguages.map(\.rawValue).sorted().joined(separator: ","),
        "pseudo_sentences":
          "\(configuration.pseudoSentences) per augmented language, \(configuration.otherSentences) per other language",
      ])
  }

  /// Pseudo-sentences of 1 to 16 words drawn by frequency from each word list: for the augmented
  /// languages of the set, and for every language outside it, as examples of the "other" class (`und`).
  private func pseudoExamples(
    _ wordLists: [String: [(word: String, frequency: Double)]], languages: [Language], features: LanguageFeatures
  ) -> [Example] {
    var examples: [Example] = []
    let inSet = Set(LanguageIDCorpus.languages.map(\.rawValue))
    for (code, list) in wordLists.sorted(by: { $0.key < $1.key }) where !list.isEmpty {
      let target: Language
      let count: Int
      if inSet.contains(code) {
        guard configuration.augmentedLanguages.contains(Language(rawValue: code)) else { continue }
        (target, count) = (Language(rawValue: code), configuration.pseudoSentences)
      } else {
        (target, count) = (.undetermined, configuration.otherSentences)
      }
      guard let label = languages.firstIndex(of: target) else { continue }
      var cumulative: [Double] = []
      var total = 0.0
      for entry in list {
        total += entry.frequency
        cumulative.append(total)
      }
      var random = SplitMix64(seed: configuration.seed ^ UInt64(code.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
      for number in 0..<count {
        let length = 1 + number % 16
        var words: [String] = []
        for _ in 0..<length {
          let point = Double(random.next() >> 11) / Double(1 << 53) * total
          var low = 0
          var high = cumulative.count - 1
          while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < point { low = middle + 1 } else { high = middle }
          }
          words.append(list[low].word)
        }
        let extraction = features.extract(words.joined(separator: " "))
        guard !extraction.buckets.isEmpty else { continue }
        examples.append(
          Example(
            buckets: extraction.buckets, weight: extraction.weight, language: label,
            exampleWeight: configuration.pseudoWeight))
      }
    }
    return examples
  }

  private func makeExamples(_ lines: [LanguageIDCorpus.Line], languages: [Language], features: LanguageFeatures)
    -> [Example]
  {
    var counts: [Language: Int] = [:]
    for line in lines { counts[line.language, default: 0] += 1 }
    let largest = Float(counts.values.max() ?? 1)
    var examples: [Example] = []
    examples.reserveCapacity(lines.count * 4)
    for (position, line) in lines.enumerated() {
      guard let language = languages.firstIndex(of: line.language) else { continue }
      let balance = pow(largest / Float(counts[line.language] ?? 1), configuration.balancePower)
      func add(_ text: String, weight: Float) {
        let extraction = features.extract(text)
        guard !extraction.buckets.isEmpty else { return }
        examples.append(
          Example(
            buckets: extraction.buckets, weight: extraction.weight, language: language, exampleWeight: balance * weight)
        )
      }
      add(line.text, weight: 1)
      // Windows of 1 to 4 words, sizes cycling, so that snippets are seen in training too.
      let words = line.text.split(whereSeparator: { $0.isWhitespace })
      var start = 0
      var number = 0
      while start < words.count {
        let size = 1 + (line.index + number) % 4
        add(words[start..<min(words.count, start + size)].joined(separator: " "), weight: configuration.snippetWeight)
        start += size
        number += 1
      }
      // A passage of this line and the next two of the same language.
      if position % 3 == 0, position + 2 < lines.count, lines[position + 2].language == line.language {
        add(lines[position...(position + 2)].map(\.text).joined(separator: " "), weight: 0.5)
      }
    }
    return examples
  }
}
