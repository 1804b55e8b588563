import Crypto
import EntityTagging
import Foundation
import LanguageIdentification
import StanceClassification
import Tokenization
import TolkCore

/// Every lexicon the pipeline uses, loaded from one folder, with a hash of that folder's contents so
/// that each output line records exactly which lexicons produced it.
public struct LexiconSet: Sendable {
  public let directory: URL
  public let abbreviations: AbbreviationList
  public let boilerplate: BoilerplateLexicon
  /// The language-identification model, `langid/model.bin`.
  public let languageModel: LanguageModel
  /// People, organisations, places and demonyms, `entities/*.tsv`.
  public let entities: EntityLexicon
  /// The trained entity models and word clusters, `ner/` (absent files: lexicon and rules only).
  public let entityModels: EntityModelSet
  /// Stance targets, cues and polarity words, `stance/` and `polarity/`.
  public let stance: StanceLexicon
  /// SHA-256 (hex) over the relative paths and contents of every lexicon file (`.tsv` and model
  /// files; documentation `.md` files excluded), in path order.
  public let sha256: String

  /// Loads every lexicon under `directory`; a bad file stops here with `file:line: message`.
  public init(directory: URL) throws(LexiconError) {
    let abbreviations = try AbbreviationList(directory: directory)
    let boilerplate = try BoilerplateLexicon(directory: directory)
    let languageModel = try LanguageModel(contentsOf: directory.appendingPathComponent("langid/model.bin"))
    let normalizer = Normalizer()
    let entities = try EntityLexicon(
      directory: directory, tokenize: Self.nameTokenizer(abbreviations: abbreviations),
      fold: { try Self.asciiFold($0) ?? normalizer.fold($0) })
    let entityModels = try EntityModelSet(directory: directory)
    let stance = try StanceLexicon(directory: directory)
    let sha256 = try Self.hash(of: directory)
    self.directory = directory
    self.abbreviations = abbreviations
    self.boilerplate = boilerplate
    self.languageModel = languageModel
    self.entities = entities
    self.entityModels = entityModels
    self.stance = stance
    self.sha256 = sha256
  }

  /// Tokenizes lexicon names with the pipeline's own tokenizer, so names and text match token for token.
  /// Names of ASCII letters and single spaces ("San Mateo", most of the 31,000 generated places) take a
  /// shortcut that gives the same tokens (``asciiWordTokens(_:)``): running the tokenizer costs about
  /// 30 µs a name, which was most of the time it took to load the lexicons.
  /// Names of other Latin letters ("Tromsø", "Å i Åfjord", "São Paulo") take a second shortcut
  /// (``latinWordTokens(_:normalizer:)``).
  public static func nameTokenizer(abbreviations: AbbreviationList) -> NameTokenizer {
    let full = fullNameTokenizer(abbreviations: abbreviations)
    let normalizer = Normalizer()
    return { name in try asciiWordTokens(name) ?? latinWordTokens(name, normalizer: normalizer) ?? full(name) }
  }

  /// The tokens of a name of Latin letters (ASCII letters and U+00C0–U+024F but × and ÷) in words
  /// separated by single spaces, each word one token folded as the tokenizer folds a token (by
  /// ``Normalizer/fold(_:)``); nil for any other name. The tokenizer splits such names at the spaces
  /// and nowhere else: every such letter breaks words as an ASCII letter does (`LexiconSetTests`
  /// checks each of them, and every such name of the shipped lexicons). A fifth of the entity names
  /// are of this kind.
  static func latinWordTokens(_ name: String, normalizer: Normalizer) throws -> [NameToken]? {
    var tokens: [NameToken] = []
    var word = String.UnicodeScalarView()
    for scalar in name.unicodeScalars {
      if isLatinLetter(scalar) {
        word.append(scalar)
      } else if scalar == " " && !word.isEmpty {
        let surface = String(word)
        tokens.append(NameToken(fold: try normalizer.fold(surface), surface: surface))
        word = String.UnicodeScalarView()
      } else {
        return nil
      }
    }
    guard !word.isEmpty else { return nil }
    let surface = String(word)
    tokens.append(NameToken(fold: try normalizer.fold(surface), surface: surface))
    return tokens
  }

  /// Whether `scalar` is a letter of ``latinWordTokens(_:normalizer:)``.
  static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x41...0x5A, 0x61...0x7A: true
    case 0xD7, 0xF7: false
    case 0xC0...0x24F: true
    default: false
    }
  }

  /// The tokens of a name of ASCII letters in words separated by single spaces, each word one token
  /// whose fold is the word in lower case; nil for any other name. The tokenizer splits such names at
  /// the spaces and nowhere else (`LexiconSetTests` checks every such name of the shipped lexicons).
  static func asciiWordTokens(_ name: String) -> [NameToken]? {
    var tokens: [NameToken] = []
    var word: [UInt8] = []
    func finishWord() {
      let surface = String(decoding: word, as: UTF8.self)
      tokens.append(NameToken(fold: String(decoding: word.map { $0 | 0x20 }, as: UTF8.self), surface: surface))
      word.removeAll(keepingCapacity: true)
    }
    for byte in name.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte)
      case UInt8(ascii: " ") where !word.isEmpty: finishWord()
      default: return nil
      }
    }
    guard !word.isEmpty else { return nil }
    finishWord()
    return tokens
  }

  /// The fold of a word of ASCII letters, which is the word in lower case (as ``Normalizer/fold(_:)``
  /// gives it, without ICU: the 50,000 person names are folded at every start); nil for any other text.
  static func asciiFold(_ word: String) -> String? {
    guard !word.isEmpty, word.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
      return nil
    }
    return String(decoding: word.utf8.map { $0 | 0x20 }, as: UTF8.self)
  }

  /// Tokenizes a name with the paragraph segmenter and tokenizer, as article text is.
  static func fullNameTokenizer(abbreviations: AbbreviationList) -> NameTokenizer {
    let segmenter = ParagraphSegmenter(boilerplate: BoilerplateLexicon(entries: [:]))
    let tokenizer = Tokenizer(abbreviations: abbreviations)
    return { name in
      var document = Document(id: "name", text: name)
      try segmenter.annotate(&document)
      try tokenizer.annotate(&document)
      let scalars = Array(name.unicodeScalars)
      return document.tokens.map { token in
        var surface = String.UnicodeScalarView()
        surface.append(contentsOf: scalars[token.range])
        return NameToken(fold: token.fold, surface: String(surface))
      }
    }
  }

  /// The lexicon folder to use: `explicit` if given, else `$TOLK_LEXICONS`, else `./lexicons`, else
  /// the `lexicons` folder of the checkout or installation the executable runs from.
  public static func locate(explicit: String?) throws(PipelineError) -> URL {
    if let explicit { return URL(fileURLWithPath: explicit) }
    var candidates: [String] = []
    if let environment = ProcessInfo.processInfo.environment["TOLK_LEXICONS"], !environment.isEmpty {
      return URL(fileURLWithPath: environment)
    }
    candidates.append(FileManager.default.currentDirectoryPath + "/lexicons")
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    // .build/<config>/tolk → checkout/lexicons; prefix/bin/tolk → prefix/share/tolk/lexicons.
    candidates.append(executable.appendingPathComponent("../../lexicons").standardized.path)
    candidates.append(executable.appendingPathComponent("../../../lexicons").standardized.path)
    candidates.append(executable.appendingPathComponent("../share/tolk/lexicons").standardized.path)
    for candidate in candidates {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate + "/abbreviations", isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        return URL(fileURLWithPath: candidate)
      }
    }
    throw .lexiconsNotFound(searched: candidates)
  }

  private static func hash(of directory: URL) throws(LexiconError) -> String {
    let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
    var hasher = SHA256()
    for relative in files.sorted() where !relative.hasSuffix(".md") {
      let url = directory.appendingPathComponent(relative)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
        continue
      }
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw .unreadable(file: relative, reason: "cannot read the file")
      }
      hasher.update(data: Data(relative.utf8))
      hasher.update(data: Data([0]))
      hasher.update(data: Data(String(data.count).utf8))
      hasher.update(data: Data([0]))
      hasher.update(data: data)
    }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }
}
