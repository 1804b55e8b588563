import TolkCore

/// Gives every sentence a language and marks documents that switch language for a stretch.
///
/// Each sentence is identified on its own with the document's language as a prior (log-odds
/// ``Configuration/documentPrior``), so a short sentence keeps the document's language unless its own
/// evidence is strong: nb "– We will never give up, sa Guaidó." stays nb only if the English is weak.
/// A sentence without letters is `und`. The document is `mixed` when sentences with at least
/// ``Configuration/minimumMixedWords`` words in all are confidently (``Configuration/minimumConfidence``)
/// in another language: a Norwegian article quoting English or Spanish.
public struct SentenceLanguageIdentifier: Annotator {
  /// Options with their defaults.
  public struct Configuration: Sendable {
    /// Log-odds added to the document's language for each sentence.
    public var documentPrior: Float = 2
    /// A sentence counts towards `mixed` only at this probability or more.
    public var minimumConfidence: Double = 0.9
    /// Words in other-language sentences needed to call a document mixed.
    public var minimumMixedWords = 6

    public init() {}
  }

  public let name = "sentence-language"
  public let requires: Set<Layer> = [.language, .sentences]
  public let provides: Set<Layer> = [.sentenceLanguages]

  public let identifier: LanguageIdentifier
  public let configuration: Configuration

  public init(identifier: LanguageIdentifier, configuration: Configuration = Configuration()) {
    self.identifier = identifier
    self.configuration = configuration
  }

  public func annotate(_ document: inout Document) throws {
    let scalars = document.text.unicodeScalars
    let prior: [Language: Float] =
      document.language == .undetermined ? [:] : [document.language: configuration.documentPrior]
    var index = scalars.startIndex
    var position = 0
    var otherWords = 0
    var languages: [Language] = []
    languages.reserveCapacity(document.sentences.count)
    // The document's scores word by word, left by the language identifier: most sentences are whole
    // words of the document, and their scores are differences of its running totals.
    let totals = document.languageWordTotals as? WordTotals
    document.languageWordTotals = nil
    var nextWord = 0
    for sentenceIndex in document.sentences.indices {
      let sentence = document.sentences[sentenceIndex]
      let guess: LanguageGuess
      if let (logits, counts) = totals?.logits(
        from: sentence.start, to: sentence.end, model: identifier.model, hint: &nextWord)
      {
        guess = identifier.decide(logits: logits, counts: counts, prior: prior)
      } else {
        index = scalars.index(index, offsetBy: sentence.start - position)
        let end = scalars.index(index, offsetBy: sentence.end - sentence.start)
        position = sentence.end
        let text = Substring(document.text.unicodeScalars[index..<end]).unicodeScalars
        index = end
        guess = identifier.identify(text, prior: prior)
      }
      languages.append(guess.language)
      if guess.language != .undetermined, guess.language != document.language,
        (guess.confidence ?? 0) >= configuration.minimumConfidence
      {
        otherWords += guess.words
      }
    }
    document.sentenceLanguages = languages
    document.isMixed = otherWords >= configuration.minimumMixedWords
  }
}
