import CICU
import TolkCore

/// Splits a document into sentences and tokens with ICU, and normalizes each token.
///
/// Words come from ICU word break for the article's language (root rules for `und`), then these rules:
/// - URLs and e-mail addresses are one token (`https://www.nrk.no/urix`, `post@nrk.no`);
/// - a word and its dot form one token when the abbreviation lexicon lists it
///   (en "U.S.", "Mr."; nb "bl.a.", "f.eks."), and so do initials before a capitalised word ("J. R.");
/// - in Norwegian, a number and its dot are one ordinal before a lower-case word ("17. mai");
/// - runs of end punctuation and repeated marks are one token ("...", "?!", "--", "***"), and so are
///   emoticons (":-)") and dates and times written with slashes or colons ("08/16/2000", "10:30");
/// - hyphenated compounds are one token that knows its parts (nb "FARC-geriljaen" → FARC, geriljaen;
///   en "US-backed");
/// - in English (and `und`), the clitics 's, n't, 're, 've, 'll, 'd, 'm are tokens of their own,
///   as in Universal Dependencies ("Venezuela's" → "Venezuela" "'s"; "don't" → "do" "n't").
///
/// Sentences come from ICU sentence break, never cross a paragraph, never end inside a token or after
/// an abbreviation that cannot end one ("Dr. Nylander", "bl.a. Norge"), and single line breaks inside
/// a paragraph do not end one (hard-wrapped text). Titles and headings are paragraphs of their own, so
/// always their own sentences.
public struct Tokenizer: Annotator {
  /// Options with their defaults.
  public struct Configuration: Sendable {
    /// Languages whose clitics are split off (English possessive and contractions), plus `und`.
    public var cliticLanguages: Set<Language> = [.english, .undetermined]
    /// Languages in which "17. mai" keeps the ordinal dot on the number.
    public var ordinalLanguages: Set<Language> = [.bokmal, .nynorsk, .danish, .german, .undetermined]
    /// Languages whose treebanks start a new sentence after a colon before a capitalised word
    /// (nb `Det ble rene ord: Han var …`); English lists ("Coach: Doug Sewell") do not.
    public var colonSentenceLanguages: Set<Language> = [.bokmal, .nynorsk, .danish, .swedish, .undetermined]

    public init() {}
  }

  public let name = "tokenizer"
  public let requires: Set<Layer> = [.paragraphs]
  public let provides: Set<Layer> = [.sentences, .tokens]

  private let abbreviations: AbbreviationList
  private let configuration: Configuration
  private let normalizer = Normalizer()

  public init(abbreviations: AbbreviationList, configuration: Configuration = Configuration()) {
    self.abbreviations = abbreviations
    self.configuration = configuration
  }

  public func annotate(_ document: inout Document) throws {
    let text = TextBuffer(document.text, paragraphs: document.paragraphs)
    guard text.units.count < Int(Int32.max) else { throw TokenizationError.textTooLong(utf16Length: text.units.count) }
    let locale = Self.icuLocale(for: document.language)
    // The passes that join pieces rewrite the list in place: a join only ever shortens it.
    var pieces = try wordPieces(of: text, locale: locale)
    joinURLs(&pieces, in: text)
    joinDottedWords(&pieces, in: text, language: document.language)
    joinPunctuation(&pieces, in: text)
    joinNumericExpressions(&pieces, in: text)
    var parts: [Range<Int>] = []
    joinHyphenatedCompounds(&pieces, in: text, parts: &parts)
    if configuration.cliticLanguages.contains(document.language) {
      splitClitics(&pieces, in: text)
      joinDetachedClitics(&pieces, in: text)
    }
    var tokens: [Token] = []
    tokens.reserveCapacity(pieces.count)
    var scratch = [UInt8](repeating: 0, count: 1024)
    try text.units.withUnsafeBufferPointer { units throws(TokenizationError) in
      for piece in pieces {
        let (norm, fold) = try normalizer.normAndFold(
          utf16: UnsafeBufferPointer(rebasing: units[piece.units]), scratch: &scratch)
        tokens.append(
          Token(
            start: piece.scalars.lowerBound, end: piece.scalars.upperBound, kind: piece.kind, norm: norm, fold: fold,
            parts: piece.parts.isEmpty ? [] : Array(parts[piece.parts])))
      }
    }
    let sentences = try sentenceSpans(
      of: text, locale: locale, language: document.language, paragraphs: document.paragraphs, pieces: pieces)
    var sentenceIndex = 0
    for index in tokens.indices {
      while sentenceIndex + 1 < sentences.count, sentences[sentenceIndex].end <= tokens[index].start {
        sentenceIndex += 1
      }
      tokens[index].sentence = sentenceIndex
    }
    document.sentences = sentences
    document.tokens = tokens
  }

  /// The ICU locale for a language: its code for the languages Tolk knows, root rules otherwise.
  static func icuLocale(for language: Language) -> String {
    language == .undetermined ? "" : language.rawValue
  }

  // MARK: Words

  /// A token under construction: spans in both units, ICU's rule status, what made it.
  struct Piece {
    var units: Range<Int>
    var scalars: Range<Int>
    var kind: Token.Kind
    /// Where a compound's parts (scalar ranges) are in the list that ``joinHyphenatedCompounds`` fills;
    /// empty for every other piece. An index range rather than an array keeps `Piece` plain data, which
    /// the passes copy and free without reference counting.
    var parts: Range<Int> = 0..<0
    /// Set when the piece is an abbreviation, initial or ordinal: whether a sentence may end after it.
    var endsSentence: Bool? = nil
  }

  private func wordPieces(of text: TextBuffer, locale: String) throws -> [Piece] {
    let (boundaries, statuses) = try text.breaks(.word, sentenceUnits: false, locale: locale)
    var pieces: [Piece] = []
    // At most one piece per segment; reserving half (words and the spaces between them) often fell
    // short, and growing the array copied every piece so far.
    pieces.reserveCapacity(boundaries.count)
    var converter = OffsetConverter(text)
    var previous = 0
    for (boundary, status) in zip(boundaries, statuses) {
      let units = previous..<Int(boundary)
      previous = Int(boundary)
      var scalars = converter.scalarRange(units)
      // Most segments start and end with a visible ASCII character: not blank, nothing to trim.
      let first = text.units[units.lowerBound]
      let last = text.units[units.upperBound - 1]
      if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F {
        pieces.append(Piece(units: units, scalars: scalars, kind: text.kind(of: units, ruleStatus: status)))
        continue
      }
      if text.isBlank(units) { continue }
      // ICU keeps invisible characters (joiners, direction marks) on the word before them; they are
      // not part of the token, so tokens never start or end with what paragraphs and sentences trim.
      // Nor does a token start with a variation selector or emoji tag: there is nothing before it in
      // the token for it to modify. (The segment has a visible character, so the loops stop.)
      var trimmed = units
      while TextBuffer.isInvisible(text.scalar(at: scalars.lowerBound)) {
        trimmed = (trimmed.lowerBound + text.scalar(at: scalars.lowerBound).utf16.count)..<trimmed.upperBound
        scalars = (scalars.lowerBound + 1)..<scalars.upperBound
      }
      while text.scalar(at: scalars.upperBound - 1).isBlank {
        trimmed = trimmed.lowerBound..<(trimmed.upperBound - text.scalar(at: scalars.upperBound - 1).utf16.count)
        scalars = scalars.lowerBound..<(scalars.upperBound - 1)
      }
      pieces.append(Piece(units: trimmed, scalars: scalars, kind: text.kind(of: trimmed, ruleStatus: status)))
    }
    return pieces
  }

  /// Merges the pieces of each URL or e-mail address into one symbol token.
  private func joinURLs(_ pieces: inout [Piece], in text: TextBuffer) {
    let regions = text.linkRegions()
    guard !regions.isEmpty else { return }
    // The pieces kept so far are `pieces[..<count]`; reading stays ahead of writing.
    var count = 0
    var regionIndex = 0
    for index in pieces.indices {
      let piece = pieces[index]
      while regionIndex < regions.count, regions[regionIndex].upperBound <= piece.units.lowerBound { regionIndex += 1 }
      if regionIndex < regions.count, regions[regionIndex].overlaps(piece.units) {
        if count > 0, case var last = pieces[count - 1], last.kind == .symbol, last.parts.isEmpty,
          regions[regionIndex].overlaps(last.units), last.units.upperBound == piece.units.lowerBound
        {
          last.units = last.units.lowerBound..<piece.units.upperBound
          last.scalars = last.scalars.lowerBound..<piece.scalars.upperBound
          pieces[count - 1] = last
          continue
        }
        var link = piece
        link.kind = .symbol
        pieces[count] = link
        count += 1
        continue
      }
      pieces[count] = piece
      count += 1
    }
    pieces.removeSubrange(count...)
  }

  /// Keeps abbreviation dots, initials' dots and Norwegian ordinal dots on their word.
  private func joinDottedWords(_ pieces: inout [Piece], in text: TextBuffer, language: Language) {
    var scratch: [UInt8] = []
    let shortASCIIEntries = abbreviations.shortASCIIEntries(for: language)
    var count = 0
    var index = 0
    while index < pieces.count {
      let piece = pieces[index]
      if index + 1 < pieces.count, piece.kind == .word || piece.kind == .number,
        case let dot = pieces[index + 1], dot.units.lowerBound == piece.units.upperBound,
        dot.units.count == 1, text.units[dot.units.lowerBound] == 0x2E,
        let endsSentence = dottedWordEnding(
          piece, next: index + 2 < pieces.count ? pieces[index + 2] : nil, in: text, language: language,
          shortASCIIEntries: shortASCIIEntries, scratch: &scratch)
      {
        var joined = piece
        joined.units = piece.units.lowerBound..<dot.units.upperBound
        joined.scalars = piece.scalars.lowerBound..<dot.scalars.upperBound
        joined.endsSentence = endsSentence
        pieces[count] = joined
        count += 1
        index += 2
        continue
      }
      // Until the first join, every piece is already in its place.
      if count != index { pieces[count] = piece }
      count += 1
      index += 1
    }
    pieces.removeSubrange(count...)
  }

  /// Whether `piece` followed by "." is an abbreviation, initial or ordinal, and if so whether a
  /// sentence may end after it; nil when the dot is an ordinary full stop. `scratch` is the
  /// normalizer's reused output space; `shortASCIIEntries` is the abbreviation list's table of short
  /// ASCII forms for `language`.
  private func dottedWordEnding(
    _ piece: Piece, next: Piece?, in text: TextBuffer, language: Language,
    shortASCIIEntries: AbbreviationList.ShortASCIIEntries, scratch: inout [UInt8]
  ) -> Bool? {
    let afterDot = piece.units.upperBound + 1
    // A dot glued to a following letter ("U.S.-backed" aside) is not an abbreviation dot.
    if afterDot < text.units.count, text.isLetter(at: afterDot) { return nil }
    let followedByWord = next.map { $0.units.lowerBound > afterDot } ?? false
    if piece.kind == .word {
      if text.isASCII(piece.units) {
        // Most words before a dot end a sentence and are ASCII: no string for them.
        if let entry = abbreviations.entry(
          forASCIIWord: text.units[piece.units], withDot: true, language: language, shortEntries: shortASCIIEntries)
        {
          return entry.endsSentence
        }
      } else {
        if scratch.isEmpty { scratch = [UInt8](repeating: 0, count: 256) }
        let form = text.units.withUnsafeBufferPointer { units in
          try? normalizer.normAndFold(
            utf16: UnsafeBufferPointer(rebasing: units[piece.units.lowerBound..<afterDot]), scratch: &scratch
          ).fold
        }
        if let form, let entry = abbreviations.entry(forFolded: form, language: language) {
          return entry.endsSentence
        }
      }
      // Dotted initials the lexicon does not list ("J.M.", "R.E.") are names or abbreviations too.
      if text.units[piece.units].contains(0x2E) { return false }
      // An initial: one capital letter before a capitalised word ("George W. Bush").
      if piece.scalars.count == 1, text.isUppercase(at: piece.units.lowerBound), let next, followedByWord,
        text.isUppercase(at: next.units.lowerBound)
      {
        return false
      }
      return nil
    }
    // An ordinal: up to three digits before a lower-case word ("17. mai", "2. verdenskrig").
    if configuration.ordinalLanguages.contains(language), piece.units.count <= 3,
      text.units[piece.units].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let next, followedByWord,
      next.kind == .word, text.isLowercase(at: next.units.lowerBound)
    {
      return false
    }
    return nil
  }

  /// One piece of `kind` from `first` to `last`.
  private static func merged(_ first: Piece, _ last: Piece, kind: Token.Kind) -> Piece {
    Piece(
      units: first.units.lowerBound..<last.units.upperBound,
      scalars: first.scalars.lowerBound..<last.scalars.upperBound,
      kind: kind)
  }

  /// Joins adjacent punctuation that reads as one mark: runs of ".", "?" and "!" ("...", "?!", "!!!"),
  /// runs of one repeated mark ("--", "***", "==", "<<"), and emoticons (":)", ":-(", ";)").
  private func joinPunctuation(_ pieces: inout [Piece], in text: TextBuffer) {
    func mark(_ position: Int) -> UInt16? {
      let piece = pieces[position]
      return piece.kind == .punct && piece.units.count == 1 ? text.units[piece.units.lowerBound] : nil
    }
    func adjacent(_ position: Int) -> Bool {
      position + 1 < pieces.count && pieces[position + 1].units.lowerBound == pieces[position].units.upperBound
    }
    // Every join starts with two marks side by side; the pieces before the first such pair stay.
    guard let start = pieces.indices.first(where: { mark($0) != nil && adjacent($0) && mark($0 + 1) != nil })
    else { return }
    var count = start
    var index = start
    while index < pieces.count {
      guard let first = mark(index) else {
        pieces[count] = pieces[index]
        count += 1
        index += 1
        continue
      }
      var end = index
      if Self.isEndMark(first) {
        while adjacent(end), let next = mark(end + 1), Self.isEndMark(next) { end += 1 }
      } else if Self.isRepeatableMark(first) {
        while adjacent(end), mark(end + 1) == first { end += 1 }
      } else if first == 0x3A || first == 0x3B, adjacent(index) {  // : ;
        var mouth = index + 1
        if mark(mouth) == 0x2D, adjacent(mouth) { mouth += 1 }
        if let face = mark(mouth), face == 0x29 || face == 0x28,  // ) (
          !adjacent(mouth) || pieces[mouth + 1].kind == .punct
        {
          pieces[count] = Self.merged(pieces[index], pieces[mouth], kind: .symbol)
          count += 1
          index = mouth + 1
          continue
        }
      }
      pieces[count] = end > index ? Self.merged(pieces[index], pieces[end], kind: .punct) : pieces[index]
      count += 1
      index = end + 1
    }
    pieces.removeSubrange(count...)
  }

  /// ".", "!" and "?", whose runs are one token in any mix.
  private static func isEndMark(_ unit: UInt16) -> Bool { unit == 0x2E || unit == 0x21 || unit == 0x3F }

  /// - * = _ ~ # + < >, whose runs of one mark are one token.
  private static func isRepeatableMark(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x2D, 0x2A, 0x3D, 0x5F, 0x7E, 0x23, 0x2B, 0x3C, 0x3E: true
    default: false
    }
  }

  /// Joins dates and times written with slashes or colons between numbers ("08/16/2000", "10:30").
  private func joinNumericExpressions(_ pieces: inout [Piece], in text: TextBuffer) {
    /// Whether the number `pieces[end]` has "/" or ":" and another number glued after it.
    func continues(_ end: Int) -> Bool {
      guard end + 2 < pieces.count, pieces[end].kind == .number, pieces[end + 1].units.count == 1 else { return false }
      let separator = text.units[pieces[end + 1].units.lowerBound]
      return (separator == 0x2F || separator == 0x3A)
        && pieces[end + 1].units.lowerBound == pieces[end].units.upperBound
        && pieces[end + 2].units.lowerBound == pieces[end + 1].units.upperBound && pieces[end + 2].kind == .number
    }
    // Most text has none; the pieces before the first stay as they are.
    guard let start = pieces.indices.first(where: continues) else { return }
    var count = start
    var index = start
    while index < pieces.count {
      var end = index
      while continues(end) { end += 2 }
      pieces[count] = end > index ? Self.merged(pieces[index], pieces[end], kind: .number) : pieces[index]
      count += 1
      index = end + 1
    }
    pieces.removeSubrange(count...)
  }

  /// Joins a clitic written apart from its host, as in web text and treebank text ("Here 's",
  /// "I 've"): an apostrophe glued to s, m, d, ll, re or ve becomes one token.
  private func joinDetachedClitics(_ pieces: inout [Piece], in text: TextBuffer) {
    func isApostrophe(_ piece: Piece) -> Bool {
      piece.kind == .punct && piece.units.count == 1
        && (text.units[piece.units.lowerBound] == 0x27 || text.units[piece.units.lowerBound] == 0x2019)
    }
    // The pieces before the first lone apostrophe stay as they are.
    guard let start = pieces.firstIndex(where: isApostrophe) else { return }
    // `pieces[index - 1]` below is still the piece before `index`: it is overwritten only when nothing
    // was joined yet, and then with itself.
    var count = start
    var index = start
    while index < pieces.count {
      let piece = pieces[index]
      if isApostrophe(piece),
        index + 1 < pieces.count, pieces[index + 1].units.lowerBound == piece.units.upperBound,
        pieces[index + 1].kind == .word,
        Self.detachedClitics.contains(text.string(pieces[index + 1].units).lowercased()),
        index == 0 || pieces[index - 1].units.upperBound < piece.units.lowerBound
      {
        pieces[count] = Self.merged(pieces[index], pieces[index + 1], kind: .word)
        count += 1
        index += 2
        continue
      }
      pieces[count] = piece
      count += 1
      index += 1
    }
    pieces.removeSubrange(count...)
  }

  /// What follows the apostrophe of a clitic written apart from its host.
  private static let detachedClitics: Set<String> = ["s", "m", "d", "ll", "re", "ve"]

  /// Joins word-hyphen-word chains written without spaces ("FARC-geriljaen", "sør-amerikanske",
  /// "1990-tallet") into one word token with parts, which go to `parts`; number-number ("2017-2018")
  /// stays apart.
  private func joinHyphenatedCompounds(_ pieces: inout [Piece], in text: TextBuffer, parts: inout [Range<Int>]) {
    /// Whether `pieces[end]` has a hyphen and another joinable piece glued after it.
    func continues(_ end: Int) -> Bool {
      guard end + 2 < pieces.count else { return false }
      let hyphen = pieces[end + 1]
      let next = pieces[end + 2]
      return hyphen.units.lowerBound == pieces[end].units.upperBound && hyphen.units.count == 1
        && text.isHyphen(at: hyphen.units.lowerBound) && next.units.lowerBound == hyphen.units.upperBound
        && Self.canJoin(next)
    }
    // The pieces before the first possible compound stay as they are.
    guard let start = pieces.indices.first(where: { Self.canJoin(pieces[$0]) && continues($0) }) else {
      return
    }
    var count = start
    var index = start
    while index < pieces.count {
      var compound = pieces[index]
      var end = index
      if Self.canJoin(compound) {
        var hasWord = compound.kind == .word
        while continues(end) {
          hasWord = hasWord || pieces[end + 2].kind == .word
          end += 2
        }
        if end > index && hasWord {
          compound.units = compound.units.lowerBound..<pieces[end].units.upperBound
          compound.scalars = compound.scalars.lowerBound..<pieces[end].scalars.upperBound
          compound.kind = .word
          let first = parts.count
          for part in stride(from: index, through: end, by: 2) { parts.append(pieces[part].scalars) }
          compound.parts = first..<parts.count
        } else {
          end = index
        }
      }
      pieces[count] = compound
      count += 1
      index = end + 1
    }
    pieces.removeSubrange(count...)
  }

  private static func canJoin(_ piece: Piece) -> Bool {
    (piece.kind == .word || piece.kind == .number) && piece.parts.isEmpty && piece.endsSentence == nil
  }

  /// Words that typically start a sentence; after a dotted acronym ("U.S.", "U.K.") only these let
  /// a sentence end.
  static let sentenceStarters: Set<String> = [
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there",
    "in", "on", "at", "but", "and", "or", "so", "as", "if", "when", "while", "after", "before", "since",
    "however", "meanwhile", "his", "her", "their", "its", "our", "my", "what", "why", "how", "who",
    "det", "den", "de", "dei", "han", "hun", "ho", "vi", "eg", "jeg", "dette", "i", "på", "men", "og", "etter",
    "da", "når", "der", "her", "som", "hva", "kva",
  ]

  /// English clitics, longest first; matched case-insensitively, with straight or curly apostrophes.
  private static let clitics: [[UInt16]] = [
    "n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
  ]
  .map { Array($0.utf16) }

  /// The clitic at the end of `piece`, if it has one and something before it.
  private static func clitic(of piece: Piece, in text: TextBuffer) -> [UInt16]? {
    // Every clitic has its apostrophe among its word's last three units; most words have none.
    guard piece.kind == .word, piece.parts.isEmpty, piece.endsSentence == nil,
      (max(piece.units.lowerBound, piece.units.upperBound - 3)..<piece.units.upperBound).contains(where: {
        text.units[$0] == 0x27 || text.units[$0] == 0x2019
      }),
      let clitic = clitics.first(where: { text.hasSuffix($0, in: piece.units) }),
      piece.units.count > clitic.count
    else { return nil }
    return clitic
  }

  /// Splits English clitics off their host word.
  private func splitClitics(_ pieces: inout [Piece], in text: TextBuffer) {
    // Most texts have no clitic; the list grows by one piece per clitic, filled in from the back so
    // that every piece moves at most once.
    var splits = 0
    for piece in pieces where Self.clitic(of: piece, in: text) != nil { splits += 1 }
    guard splits > 0 else { return }
    var read = pieces.count
    pieces.append(contentsOf: repeatElement(Piece(units: 0..<0, scalars: 0..<0, kind: .word), count: splits))
    var write = pieces.count
    while splits > 0 {
      read -= 1
      let piece = pieces[read]
      guard let clitic = Self.clitic(of: piece, in: text) else {
        write -= 1
        pieces[write] = piece
        continue
      }
      splits -= 1
      // Clitics are BMP-only, so their UTF-16 length is their scalar length.
      let split = piece.units.upperBound - clitic.count
      let scalarSplit = piece.scalars.upperBound - clitic.count
      // The word keeps no invisible character that stood before the clitic ("a\u{200E}'m").
      var units = piece.units.lowerBound..<split
      var scalars = piece.scalars.lowerBound..<scalarSplit
      while scalars.count > 1, text.scalar(at: scalars.upperBound - 1).isBlank {
        units = units.lowerBound..<(units.upperBound - text.scalar(at: scalars.upperBound - 1).utf16.count)
        scalars = scalars.lowerBound..<(scalars.upperBound - 1)
      }
      pieces[write - 1] =
        Piece(units: split..<piece.units.upperBound, scalars: scalarSplit..<piece.scalars.upperBound, kind: .word)
      pieces[write - 2] = Piece(units: units, scalars: scalars, kind: .word)
      write -= 2
    }
  }

  // MARK: Sentences

  /// Corrects ICU's sentence breaks where news and treebank conventions differ from ICU's rules:
  /// - "?" or "!" before a lower-case word does not end a quotation's sentence, whether the quotation
  ///   is in quotation marks or a line of dialogue: en `"…?" said Guaido.`, nb `«Nei!» skriver han.`,
  ///   `– Hva nå? spør pappa.` (elsewhere ICU's break stands: informal "huh? yuck");
  /// - a full stop before a lower-case word does (informal text starts sentences in lower case;
  ///   abbreviations never get here, their dot is part of their token);
  /// - end punctuation before a dialogue dash does: nb `… onsdag. – Vi er innstilt …`;
  /// - an ellipsis before a lower-case word does not: en `lying around... what should I do`;
  /// - in Norwegian (see ``Configuration/colonSentenceLanguages``), a colon before a capitalised word
  ///   does: nb `Det ble rene ord: «Han var …`.
  private func adjustedBreaks(_ breaks: [Int], pieces: [Piece], in text: TextBuffer, language: Language) -> [Int] {
    var removed: [ClosedRange<Int>] = []
    var inserted: [Int] = []
    var index = 0
    while index < pieces.count {
      defer { index += 1 }
      let piece = pieces[index]
      guard piece.kind == .punct, let terminal = text.sentenceTerminal(piece.units) else { continue }
      var last = index
      while last + 1 < pieces.count, pieces[last + 1].scalars.lowerBound == pieces[last].scalars.upperBound,
        text.isClosingQuoteOrBracket(pieces[last + 1].units)
      {
        last += 1
      }
      guard last + 1 < pieces.count, case let next = pieces[last + 1],
        next.scalars.lowerBound > pieces[last].scalars.upperBound
      else { continue }
      let end = pieces[last].scalars.upperBound
      let startsLowercase = next.kind == .word && text.isLowercase(at: next.units.lowerBound)
      let continuesQuotation =
        (terminal == "?" || terminal == "!") && startsLowercase
        && (last > index || opensWithDialogueDash(before: index, pieces: pieces, in: text))
      switch terminal {
      case _ where continuesQuotation:
        removed.append(end...next.scalars.lowerBound)
      case "." where startsLowercase && last == index:
        inserted.append(end)
      case "…" where startsLowercase:
        removed.append(end...next.scalars.lowerBound)
      case ":" where configuration.colonSentenceLanguages.contains(language):
        var word = last + 1
        while word < pieces.count, pieces[word].kind == .punct, word - last <= 2 { word += 1 }
        if word < pieces.count, pieces[word].kind == .word, text.isUppercase(at: pieces[word].units.lowerBound) {
          inserted.append(end)
        }
      case ".", "?", "!", "…":
        if next.kind == .punct, next.units.count == 1, text.isDash(at: next.units.lowerBound),
          last + 2 < pieces.count, pieces[last + 2].scalars.lowerBound > next.scalars.upperBound
        {
          inserted.append(end)
        }
      default: break
      }
      index = last
    }
    // Each change concerns the gap after its own punctuation and the walk only moves forward, so no
    // position is both inserted and removed: the changes can be applied once, at the end.
    // The removed ranges ascend and do not overlap, like the breaks: one walk through both.
    var result: [Int] = []
    result.reserveCapacity(breaks.count + inserted.count)
    var removedIndex = 0
    for position in breaks {
      while removedIndex < removed.count, removed[removedIndex].upperBound < position { removedIndex += 1 }
      if removedIndex < removed.count, removed[removedIndex].contains(position) { continue }
      result.append(position)
    }
    guard !inserted.isEmpty else { return result }
    result.append(contentsOf: inserted)
    result.sort()
    var unique: [Int] = []
    unique.reserveCapacity(result.count)
    for position in result where position != unique.last { unique.append(position) }
    return unique
  }

  /// Whether the sentence holding `pieces[index]` opens with a dialogue dash ("– Hva nå?"), looking back
  /// at most 80 tokens to the previous end punctuation.
  private func opensWithDialogueDash(before index: Int, pieces: [Piece], in text: TextBuffer) -> Bool {
    var first = index
    while first > 0, index - first < 80 {
      let previous = pieces[first - 1]
      if previous.kind == .punct, let mark = text.sentenceTerminal(previous.units), mark != ":" { break }
      first -= 1
    }
    guard first < index, pieces[first].kind == .punct, pieces[first].units.count == 1,
      text.isDash(at: pieces[first].units.lowerBound)
    else { return false }
    return pieces[first + 1].scalars.lowerBound > pieces[first].scalars.upperBound
  }

  private func sentenceSpans(
    of text: TextBuffer, locale: String, language: Language, paragraphs: [Paragraph], pieces: [Piece]
  ) throws -> [Sentence] {
    let (boundaries, _) = try text.breaks(.sentence, sentenceUnits: true, locale: locale)
    var converter = OffsetConverter(text)
    var breaks: [Int] = []
    breaks.reserveCapacity(boundaries.count)
    for boundary in boundaries { breaks.append(converter.scalarOffset(ofUnit: Int(boundary))) }

    // Drop breaks inside a token or right after one that cannot end a sentence.
    var kept: [Int] = []
    kept.reserveCapacity(breaks.count)
    var pieceIndex = 0
    for position in breaks {
      while pieceIndex < pieces.count, pieces[pieceIndex].scalars.upperBound <= position { pieceIndex += 1 }
      if pieceIndex < pieces.count, pieces[pieceIndex].scalars.lowerBound < position { continue }
      if pieceIndex > 0, pieceIndex < pieces.count, let ends = pieces[pieceIndex - 1].endsSentence,
        !ends || text.isDigit(at: pieces[pieceIndex].units.lowerBound)
          || (text.isDottedAcronym(pieces[pieceIndex - 1].units)
            && !Self.sentenceStarters.contains(text.string(pieces[pieceIndex].units).lowercased()))
      {
        // "Dr. Nylander", "ext. 37625", "the U.S. State Department": no sentence ends after these;
        // after "U.S." one does only before a word that typically starts one ("... the U.S. The talks").
        continue
      }
      kept.append(position)
    }

    kept = adjustedBreaks(kept, pieces: pieces, in: text, language: language)
    var sentences: [Sentence] = []
    var breakIndex = 0
    for (paragraphIndex, paragraph) in paragraphs.enumerated() {
      var start = paragraph.start
      while breakIndex < kept.count, kept[breakIndex] <= paragraph.start { breakIndex += 1 }
      while true {
        let end = breakIndex < kept.count && kept[breakIndex] < paragraph.end ? kept[breakIndex] : paragraph.end
        if let span = text.trimmed(start..<end) {
          sentences.append(Sentence(start: span.lowerBound, end: span.upperBound, paragraph: paragraphIndex))
        }
        if end == paragraph.end { break }
        start = end
        breakIndex += 1
      }
    }
    return sentences
  }
}

extension Tokenizer {
  /// The version of the ICU library in use, e.g. "72.1".
  public static var icuVersion: String {
    var buffer = [CChar](repeating: 0, count: 32)
    tolk_icu_version(&buffer, Int32(buffer.count))
    return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
