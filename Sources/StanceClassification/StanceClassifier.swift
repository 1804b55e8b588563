import Foundation
import TolkCore

/// Finds who is for and against whom: the article's own stance towards each target, and the stances
/// of the people and bodies it quotes, each with the cues that decided it.
///
/// 1. Targets are mentioned by entity (every mention of an entity id listed for the target) or by term
///    ("the regime", "opposisjonen", "Oslo-samtalene").
/// 2. Quotations (``QuotationFinder``) decide whose voice each word is in: inside «…», “…”, "…", a
///    Norwegian dash paragraph or a sentence of reported speech it is the speaker's, elsewhere the
///    author's. Boilerplate paragraphs are skipped; titles and headings count, with more weight.
/// 3. Cues from `stance/<lang>.tsv` are matched (longest first); each applies to its `<T>` slot, the
///    target its row names, or the nearest target mention in its sentence (else the previous sentence's
///    last one). A `<H>` slot makes it the holder's stance; support and criticism in the author's voice
///    go to the person or body before them in the sentence ("Ledezma er kritisk til samtalene").
///    Negation before or inside a cue reverses and weakens it, an intensifier multiplies it, a contrast
///    word ("but", "men") weakens what comes before it and strengthens what follows, and a repeated
///    cue counts less each time.
/// 4. General polarity words near a target mention add a weak signal.
/// 5. Per target, the author's cues sum to a score: at least ``Configuration/authorThreshold`` either
///    way gives favor or against, less is neutral, and a target never mentioned is absent. Quoted
///    stances need ``Configuration/quotedThreshold``.
public struct StanceClassifier: Annotator {
  public let name = "stance"
  public let requires: Set<Layer> = [.language, .paragraphs, .sentences, .tokens, .entities]
  public let provides: Set<Layer> = [.stance]

  public struct Configuration: Sendable, Hashable {
    /// Summed cue weight the author's voice needs for favor or against.
    public var authorThreshold = 1.0
    /// Summed cue weight a quoted stance needs to be recorded.
    public var quotedThreshold = 0.5
    /// A polarity word's weight relative to its score (−1…1).
    public var polarityWeight = 0.25
    /// How far (tokens) a polarity word may stand from the target mention it colours.
    public var polarityWindow = 4
    /// Multiplier for the author's cues in titles and headings.
    public var headlineFactor = 1.5
    /// Each further occurrence of the same cue for the same holder and target counts this much less.
    public var repetitionDecay = 0.5
    /// A negated cue counts this times its weight, reversed.
    public var negationFactor = 0.7
    /// Multipliers for cues before and after a contrast word in their sentence.
    public var beforeContrast = 0.75
    public var afterContrast = 1.25

    public init() {}
  }

  public let lexicon: StanceLexicon
  public let configuration: Configuration

  public init(lexicon: StanceLexicon, configuration: Configuration = .init()) {
    self.lexicon = lexicon
    self.configuration = configuration
  }

  public func annotate(_ document: inout Document) throws {
    let analysis = StanceAnalysis(document: document, lexicon: lexicon)
    let quotations = QuotationFinder(analysis: analysis).quotations()
    document.quotations = quotations.map(\.quotation)
    let evidence = StanceScorer(analysis: analysis, quotations: quotations, configuration: configuration).evidence()
    // The author's evidence and the mentions of each target, in one pass each rather than one per target.
    var ownEvidence: [String: [StanceEvidence]] = [:]
    for item in evidence where item.evidence.holder == "author" {
      ownEvidence[item.target, default: []].append(item.evidence)
    }
    var mentionCounts: [String: Int] = [:]
    for mention in analysis.targetMentions { mentionCounts[mention.id, default: 0] += 1 }
    var stance: [TargetStance] = []
    for target in lexicon.targets {
      let own = ownEvidence[target.id] ?? []
      let sum = own.reduce(0) { $0 + $1.weight }
      let mentions = mentionCounts[target.id] ?? 0
      let label: StanceLabel =
        if mentions == 0 && own.isEmpty {
          .absent
        } else if abs(sum) < configuration.authorThreshold {
          .neutral
        } else {
          sum > 0 ? .favor : .against
        }
      stance.append(
        TargetStance(
          target: target.id, label: label, score: Self.rounded(tanh(sum / 2)), mentions: mentions,
          evidence: own.sorted { ($0.start, $0.end) < ($1.start, $1.end) }))
    }
    document.stance = stance
    var groups: [String: [StanceEvidence]] = [:]
    var order: [String] = []
    // A stance nobody can be named for is left out (its quotation is still listed, speaker null).
    for item in evidence where item.evidence.holder != "author" && item.evidence.holder != "unknown" {
      let key = item.evidence.holder + "\t" + item.target
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(item.evidence)
    }
    document.quotedStances = order.compactMap { key in
      guard let items = groups[key] else { return nil }
      let sum = items.reduce(0) { $0 + $1.weight }
      guard abs(sum) >= configuration.quotedThreshold else { return nil }
      let parts = key.split(separator: "\t", maxSplits: 1).map(String.init)
      return QuotedStance(
        holder: parts[0], target: parts[1], label: sum > 0 ? .favor : .against, score: Self.rounded(tanh(sum / 2)),
        evidence: items.sorted { ($0.start, $0.end) < ($1.start, $1.end) })
    }
    .sorted {
      ($0.evidence.first?.start ?? 0, $0.holder, $0.target) < ($1.evidence.first?.start ?? 0, $1.holder, $1.target)
    }
  }

  static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
