import Foundation
import TolkCore

/// Trains an ``EntityModel`` with one of two learners (``Configuration/learner``) on the same features, tags
/// and gazetteer dropout. The averaged structured perceptron decodes each training sentence with the
/// current weights, and where the best path differs from the gold one, adds the gold path's features and
/// subtracts the predicted path's; the model keeps the average of the weights over all steps. The CRF
/// (``crf(_:tags:features:seed:progress:)``) follows the gradient of each sentence's log-likelihood.
/// Sentences are visited in a seeded shuffled order, so training is deterministic.
public struct EntityModelTrainer: Sendable {
  /// How the weights are learnt.
  public enum Learner: String, Sendable, CaseIterable {
    /// The averaged structured perceptron (Collins 2002).
    case perceptron
    /// A linear-chain CRF: the log-likelihood of the gold tags, with L2, by AdaGrad.
    case crf
  }

  public struct Configuration: Sendable {
    /// How the weights are learnt.
    public var learner = Learner.perceptron
    /// log2 of the number of hash buckets.
    public var bucketBits = 19
    /// Passes over the training sentences.
    public var epochs = 15
    /// Share of training sentences (0...1) that see no lexicon features in an epoch, so the model
    /// learns names without them and does not over-trust the lexicons.
    public var gazetteerDropout = 0.5
    public var seed: UInt64 = 20_190_515
    /// How many perceptrons are trained, each visiting the sentences in its own seeded order; the model
    /// is their average, which varies less with the order than any one of them.
    public var runs = 1
    /// CRF: the AdaGrad base step size (a feature row's step is this over the root of its summed squared
    /// gradients).
    public var learningRate = 0.1
    /// CRF: the L2 coefficient C of the objective Σ −log p(gold tags of a sentence) + C/2 · |w|², over
    /// the whole training set (each sentence's step applies C / sentences of it).
    public var l2 = 1.0
    /// CRF: whether the model is the average of the weights over all steps rather than the last ones.
    public var averaged = false

    public init() {}
  }

  /// One training sentence: its hashed features with and without the lexicon marks, and its gold tags.
  public struct Example: Sendable {
    public var hashes: [UInt64]
    public var offsets: [Int]
    public var hashesWithoutGazetteer: [UInt64]
    public var tags: [Int]

    public init(hashes: [UInt64], offsets: [Int], hashesWithoutGazetteer: [UInt64], tags: [Int]) {
      self.hashes = hashes
      self.offsets = offsets
      self.hashesWithoutGazetteer = hashesWithoutGazetteer
      self.tags = tags
    }
  }

  public let configuration: Configuration

  public init(configuration: Configuration = .init()) { self.configuration = configuration }

  /// Trains on `examples` (``Configuration/runs`` perceptrons or CRFs, averaged, then weights quantized to 16 bits);
  /// `calibration` (dev sentences) only sets the confidence temperature. `progress` receives one line per
  /// epoch.
  public func train(
    _ examples: [Example], tags: [String], features: EntityModelFeatures, calibration: [Example] = [],
    notes: [String: String] = [:], progress: (String) -> Void = { _ in }
  ) -> EntityModel {
    var weights: [Double] = []
    var transitions: [Double] = []
    let runs = max(configuration.runs, 1)
    for run in 0..<runs {
      if runs > 1 { progress("\(configuration.learner.rawValue) \(run + 1) of \(runs)") }
      let seed = configuration.seed &+ UInt64(run)
      let trained =
        switch configuration.learner {
        case .perceptron: perceptron(examples, tags: tags, features: features, seed: seed, progress: progress)
        case .crf: crf(examples, tags: tags, features: features, seed: seed, progress: progress)
        }
      if run == 0 {
        (weights, transitions) = trained
      } else {
        for index in weights.indices { weights[index] += trained.weights[index] }
        for index in transitions.indices { transitions[index] += trained.transitions[index] }
      }
    }
    var largest = 0.0
    for index in weights.indices {
      weights[index] /= Double(runs)
      largest = max(largest, abs(weights[index]))
    }
    let averagedTransitions = transitions.map { Float($0 / Double(runs)) }
    let scale = largest > 0 ? largest / 32_767 : 1
    let quantized = weights.map { Int16(clamping: Int(($0 / scale).rounded())) }
    var model = EntityModel(
      header: .init(
        tags: tags, features: features, bucketBits: configuration.bucketBits, scale: Float(scale), temperature: 1,
        notes: notes),
      transitions: averagedTransitions, weights: quantized)
    if !calibration.isEmpty {
      model = calibrated(model, on: calibration)
      progress("confidence temperature \(model.header.temperature)")
    }
    return model
  }

  /// One averaged perceptron: its weights (`buckets × tags`) and transition scores.
  func perceptron(
    _ examples: [Example], tags: [String], features: EntityModelFeatures, seed: UInt64,
    progress: (String) -> Void
  ) -> (weights: [Double], transitions: [Double]) {
    let tagCount = tags.count
    let bucketCount = 1 << configuration.bucketBits
    let mask = UInt64(bucketCount - 1)
    var weights = [Double](repeating: 0, count: bucketCount * tagCount)
    var accumulated = [Double](repeating: 0, count: bucketCount * tagCount)
    var transitions = [Double](repeating: 0, count: (tagCount + 1) * tagCount)
    var accumulatedTransitions = [Double](repeating: 0, count: (tagCount + 1) * tagCount)
    let shape = EntityModel(
      header: .init(
        tags: tags, features: features, bucketBits: configuration.bucketBits, scale: 1, temperature: 1, notes: [:]),
      transitions: [], weights: [])
    var step = 1.0
    var random = SplitMix64(seed: seed)
    var order = Array(examples.indices)
    var emissions: [Float] = []
    for epoch in 1...max(configuration.epochs, 1) {
      random.shuffle(&order)
      var mistakes = 0
      var tokens = 0
      for index in order {
        let example = examples[index]
        let dropped = Double(random.next() % 1_000_000) / 1_000_000 < configuration.gazetteerDropout
        let hashes = dropped ? example.hashesWithoutGazetteer : example.hashes
        let tokenCount = example.tags.count
        emissions = [Float](repeating: 0, count: tokenCount * tagCount)
        for token in 0..<tokenCount {
          for feature in example.offsets[token]..<example.offsets[token + 1] {
            let base = Int(hashes[feature] & mask) * tagCount
            for tag in 0..<tagCount { emissions[token * tagCount + tag] += Float(weights[base + tag]) }
          }
        }
        let predicted = EntityModel.viterbi(
          emissions: emissions, tokenCount: tokenCount, tagCount: tagCount,
          transitions: transitions.map { Float($0) }, allowed: shape.allowed)
        tokens += tokenCount
        if predicted != example.tags {
          for token in 0..<tokenCount {
            let gold = example.tags[token]
            let guess = predicted[token]
            if gold != guess {
              mistakes += 1
              for feature in example.offsets[token]..<example.offsets[token + 1] {
                let base = Int(hashes[feature] & mask) * tagCount
                weights[base + gold] += 1
                accumulated[base + gold] += step
                weights[base + guess] -= 1
                accumulated[base + guess] -= step
              }
            }
            let goldFrom = token == 0 ? 0 : example.tags[token - 1] + 1
            let guessFrom = token == 0 ? 0 : predicted[token - 1] + 1
            if goldFrom != guessFrom || gold != guess {
              transitions[goldFrom * tagCount + gold] += 1
              accumulatedTransitions[goldFrom * tagCount + gold] += step
              transitions[guessFrom * tagCount + guess] -= 1
              accumulatedTransitions[guessFrom * tagCount + guess] -= step
            }
          }
        }
        step += 1
      }
      progress(
        "epoch \(epoch): \(mistakes) token errors in \(tokens) tokens (\(String(format: "%.2f", 100 * Double(mistakes) / Double(max(tokens, 1))))%)"
      )
    }
    // Averaged weights: w − (Σ step·Δ) / step.
    for index in weights.indices { weights[index] -= accumulated[index] / step }
    let averagedTransitions = transitions.indices.map { transitions[$0] - accumulatedTransitions[$0] / step }
    return (weights, averagedTransitions)
  }

  /// The tags `model` gives `sentence` when it is sure of every one (each token's tag has probability ≥
  /// `threshold`, 0...1, under the calibrated temperature), else nil: how self-training picks the
  /// unlabelled sentences it learns from.
  public static func confidentTags(
    _ model: EntityModel, sentence: EntityModelFeatures.Sentence, clusters: WordClusters?, threshold: Double
  ) -> [Int]? {
    var hashes: [UInt64] = []
    var offsets: [Int] = []
    model.header.features.extract(sentence, clusters: clusters, hashes: &hashes, offsets: &offsets)
    let tokenCount = offsets.count - 1
    guard tokenCount > 0 else { return nil }
    let tagCount = model.tags.count
    let scores = model.emissions(hashes: hashes, offsets: offsets)
    let path = EntityModel.viterbi(
      emissions: scores, tokenCount: tokenCount, tagCount: tagCount, transitions: model.transitions,
      allowed: model.allowed)
    let marginals = model.marginals(scores, tokenCount: tokenCount)
    for (token, tag) in path.enumerated() where marginals[token * tagCount + tag] < threshold { return nil }
    return path
  }

  /// The model with the temperature (from a fixed grid) under which the calibration sentences' gold tags
  /// are most probable.
  func calibrated(_ model: EntityModel, on examples: [Example]) -> EntityModel {
    let tagCount = model.tags.count
    var best = (temperature: Float(1), loss: Double.infinity)
    for temperature: Float in [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96] {
      var header = model.header
      header.temperature = temperature
      let candidate = EntityModel(header: header, transitions: model.transitions, weights: model.weights)
      var loss = 0.0
      for example in examples {
        let scores = candidate.emissions(hashes: example.hashes, offsets: example.offsets)
        let marginals = candidate.marginals(scores, tokenCount: example.tags.count)
        for (token, tag) in example.tags.enumerated() { loss -= log(max(marginals[token * tagCount + tag], 1e-9)) }
      }
      if loss < best.loss { best = (temperature, loss) }
    }
    var header = model.header
    header.temperature = best.temperature
    return EntityModel(header: header, transitions: model.transitions, weights: model.weights)
  }
}
