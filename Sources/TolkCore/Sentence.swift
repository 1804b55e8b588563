/// A sentence: a span inside one paragraph; trailing white space is outside it.
public struct Sentence: Sendable, Hashable, Codable {
  /// First code point, in Unicode scalars of the document's text.
  public var start: Int
  /// One past the last code point.
  public var end: Int
  /// Index into the document's `paragraphs`.
  public var paragraph: Int

  public init(start: Int, end: Int, paragraph: Int) {
    self.start = start
    self.end = end
    self.paragraph = paragraph
  }

  public var range: Range<Int> { start..<end }
}
