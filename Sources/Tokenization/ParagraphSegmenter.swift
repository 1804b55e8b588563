import TolkCore

/// Splits a document into paragraphs and classifies each as title, heading, body or boilerplate.
///
/// Paragraphs are separated by blank lines (CRLF, CR, LF, NEL and U+2028 are line breaks; U+2029 is a
/// paragraph break). Text without any blank line is scraped text with one paragraph per line, so then
/// every line is a paragraph. Classes, in order of precedence:
/// - `title`: the first paragraph, when it is the document's title (the first line of a `.txt` file, or
///   JSONL `title`);
/// - `boilerplate`: matches the boilerplate lexicon ("Latest News"; "Foto: LUIS ACOSTA / Afp");
/// - `heading`: short (at most ``Configuration/maximumHeadingWords`` words) and not ending like a
///   sentence ("Kjent fredsmekler leder samtalene"; "Why Guaido official believes regime change …");
/// - `body`: everything else, including a lead without a final full stop.
public struct ParagraphSegmenter: Annotator {
  /// Options with their defaults.
  public struct Configuration: Sendable {
    /// A paragraph of more words than this is never a heading, even without a final full stop.
    public var maximumHeadingWords = 15

    public init() {}
  }

  public let name = "paragraphs"
  public let requires: Set<Layer> = []
  public let provides: Set<Layer> = [.paragraphs]

  private let boilerplate: BoilerplateLexicon
  private let configuration: Configuration
  private let normalizer = Normalizer()

  public init(boilerplate: BoilerplateLexicon, configuration: Configuration = Configuration()) {
    self.boilerplate = boilerplate
    self.configuration = configuration
  }

  public func annotate(_ document: inout Document) throws {
    let scalars = TextBuffer.scalars(of: document.text)
    let blocks = Self.blocks(in: scalars)
    var paragraphs: [Paragraph] = []
    paragraphs.reserveCapacity(blocks.count)
    for (index, block) in blocks.enumerated() {
      let (kind, source) = try classify(scalars[block], index: index, document: document)
      paragraphs.append(Paragraph(start: block.lowerBound, end: block.upperBound, kind: kind, source: source))
    }
    document.paragraphs = paragraphs
  }

  /// Paragraph spans (scalar offsets, trimmed of white space) of `scalars`.
  static func blocks(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
    // Lines: [start, end) without the line break; `breaks` records whether a U+2029 followed.
    var lines: [(range: Range<Int>, endsParagraph: Bool, isBlank: Bool)] = []
    func isBlank(_ range: Range<Int>) -> Bool { scalars[range].allSatisfy { $0.isBlank } }
    var start = 0
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar.isLineBreak {
        lines.append((start..<index, scalar == "\u{2029}", isBlank(start..<index)))
        if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
        start = index + 1
      }
      index += 1
    }
    lines.append((start..<scalars.count, false, isBlank(start..<scalars.count)))

    let hasParagraphBreaks = lines.contains { $0.endsParagraph || $0.isBlank } && lines.contains { !$0.isBlank }

    var blocks: [Range<Int>] = []
    var current: Range<Int>?
    func close() {
      if let block = current, let trimmed = trim(block, in: scalars) { blocks.append(trimmed) }
      current = nil
    }
    for line in lines {
      if line.isBlank {
        close()
      } else {
        current = current.map { $0.lowerBound..<line.range.upperBound } ?? line.range
        if !hasParagraphBreaks || line.endsParagraph { close() }
      }
    }
    close()
    return blocks
  }

  private static func trim(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int>? {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, scalars[lower].isBlank { lower += 1 }
    while upper > lower, scalars[upper - 1].isBlank { upper -= 1 }
    return lower < upper ? lower..<upper : nil
  }

  private func classify(
    _ scalars: ArraySlice<Unicode.Scalar>, index: Int, document: Document
  ) throws -> (Paragraph.Kind, String) {
    // The paragraph becomes a string only to be compared: with the title, or with the boilerplate
    // lexicon when it is short enough to be boilerplate. Most paragraphs are neither.
    if index == 0, let title = document.title,
      BoilerplateLexicon.collapsed(title) == BoilerplateLexicon.collapsed(Self.string(scalars))
    {
      return (.title, "rule:title")
    }
    if scalars.count <= BoilerplateLexicon.maximumLength,
      let entry = boilerplate.match(folded: try normalizer.fold(Self.string(scalars)), language: document.language)
    {
      return (.boilerplate, entry.source)
    }
    if !Self.endsLikeSentence(scalars) && Self.hasAtMost(configuration.maximumHeadingWords, wordsIn: scalars) {
      return (.heading, "rule:short-unpunctuated")
    }
    return (.body, "rule:prose")
  }

  private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var text = String.UnicodeScalarView()
    for scalar in scalars { text.append(scalar) }
    return String(text)
  }

  /// Whether `scalars` holds at most `limit` runs of non-blank characters; stops counting past it.
  static func hasAtMost(_ limit: Int, wordsIn scalars: ArraySlice<Unicode.Scalar>) -> Bool {
    var words = 0
    var inWord = false
    for scalar in scalars {
      let blank = scalar.value < 0x80 ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.isBlank
      if !blank && !inWord {
        words += 1
        if words > limit { return false }
      }
      inWord = !blank
    }
    return true
  }

  /// Whether the text ends with sentence-final punctuation, looking through closing quotes and brackets.
  static func endsLikeSentence(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
    for scalar in scalars.reversed() {
      switch scalar {
      case "\"", "'", "»", "«", "”", "’", ")", "]", "*": continue
      case ".", "!", "?", "…", ":", ";", "。", "！", "？": return true
      default: return false
      }
    }
    return false
  }
}

extension Unicode.Scalar {
  /// Line breaks: LF, VT, FF, CR, NEL, U+2028, U+2029.
  var isLineBreak: Bool {
    switch value {
    case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
    default: false
    }
  }

  /// White space or an invisible default-ignorable character (zero-width space, BOM, joiners,
  /// direction marks): what separates tokens and never starts or ends one. Variation selectors and
  /// emoji tag characters are not blank: they belong to the character before them ("❤️", 🏴 flags).
  var isBlank: Bool {
    // ASCII has white space but no default-ignorable characters.
    if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
    if ScalarProperties.isWhitespace(self) { return true }
    guard ScalarProperties.isDefaultIgnorable(self) else { return false }
    switch value {
    case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0xE0020...0xE007F: return false
    default: return true
    }
  }
}
