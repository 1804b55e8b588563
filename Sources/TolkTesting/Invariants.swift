import TolkCore

/// A broken rule found by ``checkInvariants(of:on:)``.
public struct InvariantViolation: Error, CustomStringConvertible, Equatable {
  public var description: String
}

/// Runs `annotator` on `document` and checks the rules every annotator keeps: `text` and every layer
/// outside `provides` unchanged; spans sorted, non-empty, in bounds and nested (tokens in their
/// sentence, sentences in their paragraph); a second run changes nothing. Returns the annotated document.
@discardableResult
public func checkInvariants(of annotator: some Annotator, on document: Document) throws -> Document {
  var annotated = document
  try annotator.annotate(&annotated)
  func fail(_ message: String) -> InvariantViolation {
    InvariantViolation(description: "\(annotator.name): \(message)")
  }
  guard annotated.text.unicodeScalars.elementsEqual(document.text.unicodeScalars) else { throw fail("changed text") }
  if !annotator.provides.contains(.paragraphs), annotated.paragraphs != document.paragraphs {
    throw fail("changed paragraphs")
  }
  if !annotator.provides.contains(.sentences), annotated.sentences != document.sentences {
    throw fail("changed sentences")
  }
  if !annotator.provides.contains(.tokens), annotated.tokens != document.tokens { throw fail("changed tokens") }
  if !annotator.provides.contains(.language), annotated.language != document.language { throw fail("changed language") }
  let count = annotated.scalarCount
  func checkSpans(_ spans: [Range<Int>], _ name: String) throws {
    var previousEnd = 0
    for (index, span) in spans.enumerated() {
      guard span.lowerBound >= previousEnd, !span.isEmpty, span.upperBound <= count else {
        throw fail("\(name)[\(index)] \(span) is empty, out of bounds (\(count)) or overlaps the one before")
      }
      previousEnd = span.upperBound
    }
  }
  try checkSpans(annotated.paragraphs.map(\.range), "paragraphs")
  try checkSpans(annotated.sentences.map(\.range), "sentences")
  try checkSpans(annotated.tokens.map(\.range), "tokens")
  for (index, sentence) in annotated.sentences.enumerated() {
    guard annotated.paragraphs.indices.contains(sentence.paragraph),
      annotated.paragraphs[sentence.paragraph].range.contains(sentence.range)
    else { throw fail("sentence \(index) is outside paragraph \(sentence.paragraph)") }
  }
  for (index, token) in annotated.tokens.enumerated() {
    guard annotated.sentences.indices.contains(token.sentence),
      annotated.sentences[token.sentence].range.contains(token.range)
    else { throw fail("token \(index) \(token.range) is outside sentence \(token.sentence)") }
    for part in token.parts where !token.range.contains(part) {
      throw fail("token \(index) part \(part) is outside it")
    }
  }
  var again = annotated
  try annotator.annotate(&again)
  guard again == annotated else { throw fail("a second run changed the result") }
  return annotated
}

extension Range where Bound == Int {
  /// Whether `other` lies inside this range.
  func contains(_ other: Range<Int>) -> Bool { other.lowerBound >= lowerBound && other.upperBound <= upperBound }
}
