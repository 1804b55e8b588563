import Tokenization
import TolkCore
import TolkPipeline

/// Errors of the test helpers themselves.
public struct TestSetupError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

extension Document {
  /// A document with `text` run through the real paragraph segmenter and tokenizer.
  public static func tokenized(_ text: String, language: Language = .undetermined, title: String? = nil) throws
    -> Document
  {
    guard let lexicons = Fixtures.lexicons else {
      throw TestSetupError("cannot load lexicons from \(Repository.lexicons.path)")
    }
    var document = Document(id: "test", text: text, title: title, language: language)
    try ParagraphSegmenter(boilerplate: lexicons.boilerplate).annotate(&document)
    try Tokenizer(abbreviations: lexicons.abbreviations).annotate(&document)
    return document
  }

  /// The text of a span given in Unicode scalar offsets, as Python's `text[start:end]` reads it.
  public func slice(_ range: Range<Int>) -> String {
    let scalars = text.unicodeScalars
    let lower = scalars.index(scalars.startIndex, offsetBy: range.lowerBound)
    let upper = scalars.index(lower, offsetBy: range.count)
    return String(scalars[lower..<upper])
  }

  /// The surface text of every token, in order.
  public var tokenTexts: [String] { tokens.map { slice($0.range) } }
  /// The surface text of every sentence, in order.
  public var sentenceTexts: [String] { sentences.map { slice($0.range) } }
}
