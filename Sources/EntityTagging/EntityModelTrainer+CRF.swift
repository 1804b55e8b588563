import Foundation
import TolkCore

extension EntityModelTrainer {
  /// What a linear chain's distribution over tag paths expects of one sentence (scores not divided by a
  /// temperature): log Z, each token's tag probabilities and the expected count of each transition.
  struct ChainExpectations: Sendable {
    /// log of the sum of exp(path score) over every path the BIO constraints allow.
    var logPartition: Double
    /// P(tag k at token t), `tokens × tags`.
    var marginals: [Double]
    /// Expected number of times each transition is taken, `(tags + 1) × tags` with row 0 for the
    /// sentence start: the derivative of ``logPartition`` by each transition score.
    var transitionCounts: [Double]
  }

  /// Forward-backward over `emissions` (`tokens × tags`) and `transitions` (`(tags + 1) × tags`, row 0 from
  /// the sentence start), only over transitions `allowed` (1 or 0, as ``EntityModel`` has them), in
  /// probability space with each token's column rescaled to sum to 1 and the scales kept for log Z.
  static func chainExpectations(
    emissions: [Double], tokenCount: Int, tagCount: Int, transitions: [Double], allowed: [UInt8]
  ) -> ChainExpectations {
    precondition(
      emissions.count == tokenCount * tagCount && transitions.count == (tagCount + 1) * tagCount
        && allowed.count == transitions.count, "emissions tokens × tags, transitions (tags + 1) × tags")
    var result = ChainExpectations(
      logPartition: 0, marginals: [Double](repeating: 0, count: tokenCount * tagCount),
      transitionCounts: [Double](repeating: 0, count: transitions.count))
    guard tokenCount > 0 else { return result }
    // exp(score − the token's best score): the shift is added back to log Z.
    var factors = [Double](repeating: 0, count: tokenCount * tagCount)
    for token in 0..<tokenCount {
      let row = token * tagCount
      let top = emissions[row..<row + tagCount].max() ?? 0
      result.logPartition += top
      for tag in 0..<tagCount { factors[row + tag] = exp(emissions[row + tag] - top) }
    }
    let transitionFactors = transitions.indices.map { allowed[$0] != 0 ? exp(transitions[$0]) : 0 }
    var forward = [Double](repeating: 0, count: tokenCount * tagCount)
    var scales = [Double](repeating: 1, count: tokenCount)
    for token in 0..<tokenCount {
      let row = token * tagCount
      var sum = 0.0
      for tag in 0..<tagCount {
        var incoming = 0.0
        if token == 0 {
          incoming = transitionFactors[tag]
        } else {
          for previous in 0..<tagCount {
            incoming += forward[row - tagCount + previous] * transitionFactors[(previous + 1) * tagCount + tag]
          }
        }
        forward[row + tag] = incoming * factors[row + tag]
        sum += forward[row + tag]
      }
      precondition(sum > 0, "the O tag is always allowed, so some path has a positive score")
      scales[token] = sum
      result.logPartition += log(sum)
      for tag in 0..<tagCount { forward[row + tag] /= sum }
    }
    // backward[t, k]: the sum over continuations from tag k at t, divided by the scales of t + 1 ... n − 1,
    // so that forward × backward is the marginal.
    var backward = [Double](repeating: 1, count: tokenCount * tagCount)
    for token in stride(from: tokenCount - 2, through: 0, by: -1) {
      let row = token * tagCount
      let next = row + tagCount
      for tag in 0..<tagCount {
        var outgoing = 0.0
        for following in 0..<tagCount {
          outgoing +=
            transitionFactors[(tag + 1) * tagCount + following] * factors[next + following] * backward[next + following]
        }
        backward[row + tag] = outgoing / scales[token + 1]
      }
    }
    for index in result.marginals.indices { result.marginals[index] = forward[index] * backward[index] }
    for tag in 0..<tagCount { result.transitionCounts[tag] = result.marginals[tag] }
    for token in 1..<max(tokenCount, 1) {
      let row = token * tagCount
      for previous in 0..<tagCount {
        let from = forward[row - tagCount + previous] / scales[token]
        guard from > 0 else { continue }
        for tag in 0..<tagCount {
          result.transitionCounts[(previous + 1) * tagCount + tag] +=
            from * transitionFactors[(previous + 1) * tagCount + tag] * factors[row + tag] * backward[row + tag]
        }
      }
    }
    return result
  }

  /// One linear-chain CRF: its weights (`buckets × tags`) and transition scores, minimising
  /// Σ −log p(gold tags | sentence) + C/2 · |w|² (``Configuration/l2``) one sentence at a time.
  ///
  /// Each step follows the sentence's gradient (expected minus gold feature counts, from
  /// ``chainExpectations(emissions:tokenCount:tagCount:transitions:allowed:)``) with AdaGrad step sizes:
  /// one per bucket's row of weights (the base rate over the root of the row's summed squared gradients;
  /// one per row rather than per weight so that catching a row up costs one `pow`), one per transition.
  /// The L2 term shrinks every weight in every step, w / (1 + step size × C / sentences); a row's step
  /// size does not change while no sentence touches it, so its missed shrinking is applied at once, when
  /// a sentence next reads it, and a step only writes the rows of its own features. With
  /// ``Configuration/averaged`` the model is the average of the weights over all steps, as the
  /// perceptron's is.
  func crf(
    _ examples: [Example], tags: [String], features: EntityModelFeatures, seed: UInt64,
    progress: (String) -> Void
  ) -> (weights: [Double], transitions: [Double]) {
    let tagCount = tags.count
    let bucketCount = 1 << configuration.bucketBits
    let mask = UInt64(bucketCount - 1)
    let shape = EntityModel(
      header: .init(
        tags: tags, features: features, bucketBits: configuration.bucketBits, scale: 1, temperature: 1, notes: [:]),
      transitions: [], weights: [])
    let allowed = shape.allowed
    let rate = configuration.learningRate
    let shrinking = configuration.l2 / Double(max(examples.count, 1))
    // AdaGrad's sums start above 0 so that a first tiny gradient does not make a huge step.
    let initialSquares = 0.1
    var weights = [Double](repeating: 0, count: bucketCount * tagCount)
    var rowSquares = [Double](repeating: initialSquares, count: bucketCount)
    // The step through which a row's shrinking has been applied.
    var rowStep = [Int](repeating: 0, count: bucketCount)
    var transitions = [Double](repeating: 0, count: (tagCount + 1) * tagCount)
    var transitionSquares = [Double](repeating: initialSquares, count: transitions.count)
    // The rows one sentence touches, in order of first use, with their summed gradients.
    var slotOfBucket = [Int32](repeating: -1, count: bucketCount)
    var slotBuckets: [Int] = []
    var slotGradients: [Double] = []
    var tokenSlots: [Int32] = []
    var emissions: [Double] = []
    var goldCounts = [Double](repeating: 0, count: transitions.count)
    var step = 0
    // Averaging: the sums of every weight over all steps so far (a row's only through its `rowStep`).
    let averaged = configuration.averaged
    var sums = [Double](repeating: 0, count: averaged ? weights.count : 0)
    var transitionSums = [Double](repeating: 0, count: averaged ? transitions.count : 0)
    /// Applies the shrinking of the steps after `rowStep[bucket]` through `last`, in which no sentence
    /// touched the row, so its step size stayed the same: w·r, w·r², … (r = 1 / (1 + size × C / N)), whose
    /// sum the average adds in one go.
    func catchUp(_ bucket: Int, through last: Int) {
      let missed = last - rowStep[bucket]
      guard missed > 0 else { return }
      let ratio = 1 / (1 + rate / rowSquares[bucket].squareRoot() * shrinking)
      let factor = pow(ratio, Double(missed))
      let base = bucket * tagCount
      if averaged {
        let series = ratio < 1 ? ratio * (1 - factor) / (1 - ratio) : Double(missed)
        for tag in 0..<tagCount { sums[base + tag] += weights[base + tag] * series }
      }
      for tag in 0..<tagCount { weights[base + tag] *= factor }
      rowStep[bucket] = last
    }
    var random = SplitMix64(seed: seed)
    var order = Array(examples.indices)
    for epoch in 1...max(configuration.epochs, 1) {
      random.shuffle(&order)
      var loss = 0.0
      var tokens = 0
      for index in order {
        let example = examples[index]
        let dropped = Double(random.next() % 1_000_000) / 1_000_000 < configuration.gazetteerDropout
        let hashes = dropped ? example.hashesWithoutGazetteer : example.hashes
        let tokenCount = example.tags.count
        guard tokenCount > 0 else { continue }
        step += 1
        tokens += tokenCount
        // Catch up each row's shrinking to the previous step, and give it a slot.
        slotBuckets.removeAll(keepingCapacity: true)
        tokenSlots.removeAll(keepingCapacity: true)
        emissions = [Double](repeating: 0, count: tokenCount * tagCount)
        for token in 0..<tokenCount {
          for feature in example.offsets[token]..<example.offsets[token + 1] {
            let bucket = Int(hashes[feature] & mask)
            if slotOfBucket[bucket] < 0 {
              slotOfBucket[bucket] = Int32(slotBuckets.count)
              slotBuckets.append(bucket)
              catchUp(bucket, through: step - 1)
            }
            tokenSlots.append(slotOfBucket[bucket])
            let base = bucket * tagCount
            for tag in 0..<tagCount { emissions[token * tagCount + tag] += weights[base + tag] }
          }
        }
        let expected = Self.chainExpectations(
          emissions: emissions, tokenCount: tokenCount, tagCount: tagCount, transitions: transitions,
          allowed: allowed)
        var goldScore = 0.0
        for (token, gold) in example.tags.enumerated() {
          let from = token == 0 ? 0 : example.tags[token - 1] + 1
          goldScore += emissions[token * tagCount + gold] + transitions[from * tagCount + gold]
          goldCounts[from * tagCount + gold] += 1
        }
        loss += expected.logPartition - goldScore
        // The gradient of −log p: expected minus gold counts, summed into each row's slot.
        slotGradients = [Double](repeating: 0, count: slotBuckets.count * tagCount)
        var position = 0
        for token in 0..<tokenCount {
          let gold = example.tags[token]
          for _ in example.offsets[token]..<example.offsets[token + 1] {
            let base = Int(tokenSlots[position]) * tagCount
            position += 1
            for tag in 0..<tagCount { slotGradients[base + tag] += expected.marginals[token * tagCount + tag] }
            slotGradients[base + gold] -= 1
          }
        }
        for (slot, bucket) in slotBuckets.enumerated() {
          let base = slot * tagCount
          var squares = 0.0
          for tag in 0..<tagCount { squares += slotGradients[base + tag] * slotGradients[base + tag] }
          rowSquares[bucket] += squares
          let size = rate / rowSquares[bucket].squareRoot()
          let factor = 1 / (1 + size * shrinking)
          for tag in 0..<tagCount {
            let weight = bucket * tagCount + tag
            weights[weight] = (weights[weight] - size * slotGradients[base + tag]) * factor
            if averaged { sums[weight] += weights[weight] }
          }
          rowStep[bucket] = step
          slotOfBucket[bucket] = -1
        }
        for index in transitions.indices where allowed[index] != 0 {
          let gradient = expected.transitionCounts[index] - goldCounts[index]
          transitionSquares[index] += gradient * gradient
          let size = rate / transitionSquares[index].squareRoot()
          transitions[index] = (transitions[index] - size * gradient) / (1 + size * shrinking)
        }
        if averaged { for index in transitions.indices { transitionSums[index] += transitions[index] } }
        for index in goldCounts.indices { goldCounts[index] = 0 }
      }
      progress(
        "epoch \(epoch): −log-likelihood \(String(format: "%.4f", loss / Double(max(tokens, 1)))) per token in \(tokens) tokens"
      )
    }
    for bucket in 0..<bucketCount { catchUp(bucket, through: step) }
    guard averaged, step > 0 else { return (weights, transitions) }
    return (sums.map { $0 / Double(step) }, transitionSums.map { $0 / Double(step) })
  }
}
