/// One cue that moved a stance score: where it stands, which lexicon line it is, whose voice it is in
/// and how much it counted.
public struct StanceEvidence: Sendable, Hashable, Codable {
  /// Index into the document's `sentences`.
  public var sentence: Int
  /// The cue's span, in code points of `text`.
  public var start: Int
  public var end: Int
  /// The lexicon line that matched: `lexicon:stance/nb.tsv:212` or `lexicon:polarity/en.tsv:3051`.
  public var cue: String
  /// The cue class: legitimacy, distancing, evaluation, support, criticism, or polarity.
  public var cueClass: String
  /// `author`, or the entity (or target) id of the person or body whose words these are.
  public var holder: String
  /// The signed amount added to the score (favor positive), after negation, intensifiers, contrast
  /// and repetition.
  public var weight: Double
  /// Lexicon lines of the modifiers that changed the weight (negation, intensifier, contrast).
  public var modifiers: [String]

  public init(
    sentence: Int, start: Int, end: Int, cue: String, cueClass: String, holder: String, weight: Double,
    modifiers: [String] = []
  ) {
    self.sentence = sentence
    self.start = start
    self.end = end
    self.cue = cue
    self.cueClass = cueClass
    self.holder = holder
    self.weight = weight
    self.modifiers = modifiers
  }

  public var range: Range<Int> { start..<end }
}

/// Stance labels, SemEval-style, plus `absent` for a target the article never mentions.
public enum StanceLabel: String, Sendable, Hashable, Codable, CaseIterable {
  case favor, against, neutral, absent
}

/// The article's own (authorial) stance towards one target.
public struct TargetStance: Sendable, Hashable, Codable {
  /// The target id from `stance/targets.tsv`.
  public var target: String
  public var label: StanceLabel
  /// −1 (against) … 1 (favor); 0 when neutral or absent.
  public var score: Double
  /// How many times the article names the target (entity mentions and terms).
  public var mentions: Int
  /// The author-voice cues behind the score, in text order.
  public var evidence: [StanceEvidence]

  public init(target: String, label: StanceLabel, score: Double, mentions: Int, evidence: [StanceEvidence]) {
    self.target = target
    self.label = label
    self.score = score
    self.mentions = mentions
    self.evidence = evidence
  }
}

/// A stance someone in the article expresses: in a quotation, reported speech, or a construction like
/// "X er kritisk til Y".
public struct QuotedStance: Sendable, Hashable, Codable {
  /// The entity id (or target id, for "the government said") of the speaker.
  public var holder: String
  /// A target id, or an entity id for stances towards others ("aggression by the United States").
  public var target: String
  /// favor or against.
  public var label: StanceLabel
  /// −1 … 1.
  public var score: Double
  public var evidence: [StanceEvidence]

  public init(holder: String, target: String, label: StanceLabel, score: Double, evidence: [StanceEvidence]) {
    self.holder = holder
    self.target = target
    self.label = label
    self.score = score
    self.evidence = evidence
  }
}

/// A stretch of text in someone else's words.
public struct Quotation: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Between quotation marks: «…», “…”, "…".
    case direct
    /// A Norwegian dialogue paragraph opened by a dash: "– …, sier X."
    case dash
    /// A sentence of reported speech: "X said (that) …", "ifølge X …".
    case reported
  }

  /// The quoted words (without the marks), in code points of `text`.
  public var start: Int
  public var end: Int
  public var kind: Kind
  /// Index of the sentence where the quotation starts.
  public var sentence: Int
  /// The speaker's entity id (or target id), nil when the article does not say.
  public var speaker: String?
  /// Where the speaker is named (the mention, or the pronoun that stands for it), nil when unknown.
  public var speakerStart: Int?
  public var speakerEnd: Int?

  public init(
    start: Int, end: Int, kind: Kind, sentence: Int, speaker: String?, speakerStart: Int? = nil,
    speakerEnd: Int? = nil
  ) {
    self.start = start
    self.end = end
    self.kind = kind
    self.sentence = sentence
    self.speaker = speaker
    self.speakerStart = speakerStart
    self.speakerEnd = speakerEnd
  }

  public var range: Range<Int> { start..<end }
}
