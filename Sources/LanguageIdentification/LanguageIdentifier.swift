import Foundation
import TolkCore

/// Identifies an article's language among en, nb, nn, da, sv, de, es, fr, with a calibrated confidence
/// and the three best hypotheses; `und` when there is nothing to identify or the text is in another
/// language.
///
/// The score is a logistic-regression model over character n-grams and words (``LanguageModel``).
/// Rules around it:
/// - text without letters is `und` ("2019–2020", "!!!"), never a guess;
/// - text mostly in a script other than Latin (Arabic, Cyrillic, Chinese, …) is `und`;
/// - when the best hypothesis has a probability below ``Configuration/minimumConfidence`` the answer
///   is `und` (Latin-script languages outside the set mostly land here);
/// - ``Configuration/languages`` restricts the candidates, ``Configuration/hint`` favours one.
///
/// en: "Venezuela's opposition leader Juan Guaido is confident" → en (0.99+);
/// nb: "Han kaller det en stor feil" → nb; nn: "Eg veit ikkje kva han meiner" → nn.
/// A language given in the input's metadata is kept as `declaredLanguage`; when identification gives
/// `und`, the declared language is used for the later stages.
public struct LanguageIdentifier: Annotator {
  /// Options with their defaults.
  public struct Configuration: Sendable {
    /// Candidate languages; nil means every language of the model.
    public var languages: Set<Language>?
    /// A language to favour (a prior), as NLLanguageRecognizer's hints; nil for none.
    public var hint: Language?
    /// How much the hint adds to its language's log-odds.
    public var hintStrength: Float = 1.5
    /// Below this probability of the best hypothesis, the answer is `und`.
    public var minimumConfidence: Double = 0.2
    /// Texts with fewer letters than this are `und`. 1 by default: raising it to 3 ("a", "FN" → und)
    /// cost 0.3 points of accuracy on 2–4-word snippets, whose short words still carry evidence.
    public var minimumLetters = 1
    /// Below this share of Latin-script letters, the answer is `und`.
    public var minimumLatinShare: Double = 0.5
    /// The model's "other language" class (`und`) may win only for texts of at least this many
    /// words; shorter texts get the best language of the set.
    public var minimumWordsForOther = 5
    /// Whether ``LanguageIdentifier/annotate(_:)`` leaves the document's scores word by word
    /// (`Document.languageWordTotals`) for a ``SentenceLanguageIdentifier`` later in the pipeline, which
    /// then takes each sentence's scores from them instead of reading the sentence again. Keeping them
    /// makes the document pass about a third slower, so it is off unless a sentence stage follows;
    /// ``Pipeline`` turns it on when it has one. The answers are the same either way.
    public var keepsWordTotals = false

    public init() {}
  }

  public let name = "language"
  public let requires: Set<Layer> = []
  public let provides: Set<Layer> = [.language]

  public let model: LanguageModel
  public let configuration: Configuration
  /// Indices into the model's languages that may be answered.
  private let allowed: [Int]

  public init(model: LanguageModel, configuration: Configuration = Configuration()) {
    self.model = model
    self.configuration = configuration
    allowed = model.languages.indices.filter { index in
      model.languages[index] == .undetermined || (configuration.languages?.contains(model.languages[index]) ?? true)
    }
  }

  public func annotate(_ document: inout Document) throws {
    let text = Substring(document.text).unicodeScalars
    let logits: [Float]
    let counts: LanguageFeatures.Counts
    if configuration.keepsWordTotals {
      let totals: WordTotals?
      (logits, counts, totals) = model.logitsKeepingWords(of: text)
      document.languageWordTotals = totals
    } else {
      (logits, counts) = model.logits(of: text)
      document.languageWordTotals = nil
    }
    let guess = decide(logits: logits, counts: counts, prior: [:])
    document.languageHypotheses = guess.hypotheses
    document.languageConfidence = guess.confidence
    document.language = guess.language == .undetermined ? (document.declaredLanguage ?? .undetermined) : guess.language
  }

  /// The language of `text`; `prior` adds log-odds to languages (the document's language when
  /// identifying its sentences).
  public func identify(_ text: Substring.UnicodeScalarView, prior: [Language: Float] = [:]) -> LanguageGuess {
    let (logits, counts) = model.logits(of: text)
    return decide(logits: logits, counts: counts, prior: prior)
  }

  /// The answer for a text the model scored `logits`, with what its extraction counted.
  func decide(logits: [Float], counts: LanguageFeatures.Counts, prior: [Language: Float]) -> LanguageGuess {
    var logits = logits
    guard counts.letters >= max(1, configuration.minimumLetters), !allowed.isEmpty else {
      return LanguageGuess(language: .undetermined, confidence: nil, hypotheses: [], words: counts.words)
    }
    if let hint = configuration.hint, let index = model.languages.firstIndex(of: hint) {
      logits[index] += configuration.hintStrength
    }
    for (language, boost) in prior {
      if let index = model.languages.firstIndex(of: language) { logits[index] += boost }
    }
    let candidates =
      counts.words >= configuration.minimumWordsForOther
      ? allowed : allowed.filter { model.languages[$0] != .undetermined }
    let maximum = candidates.map { logits[$0] }.max() ?? 0
    let exponentials = candidates.map { Double(exp(logits[$0] - maximum)) }
    let total = exponentials.reduce(0, +)
    var ranked: [LanguageScore] = []
    for (index, exponential) in zip(candidates, exponentials) {
      ranked.append(LanguageScore(language: model.languages[index], score: exponential / total))
    }
    ranked.sort { $0.score > $1.score || ($0.score == $1.score && $0.language < $1.language) }
    let hypotheses = Array(ranked.prefix(3))
    guard let best = hypotheses.first else {
      return LanguageGuess(language: .undetermined, confidence: nil, hypotheses: [], words: counts.words)
    }
    let latinShare = Double(counts.latinLetters) / Double(counts.letters)
    let rejected = latinShare < configuration.minimumLatinShare || best.score < configuration.minimumConfidence
    let language: Language = rejected ? .undetermined : best.language
    return LanguageGuess(language: language, confidence: best.score, hypotheses: hypotheses, words: counts.words)
  }
}

/// What ``LanguageIdentifier`` decided for a text.
public struct LanguageGuess: Sendable, Hashable {
  /// The answer: a language of the model, or `und`.
  public var language: Language
  /// Probability of the best hypothesis (0...1); nil when the text has no letters.
  public var confidence: Double?
  /// The best three hypotheses, most probable first.
  public var hypotheses: [LanguageScore]
  /// Words in the text (runs of letters).
  public var words: Int
}
