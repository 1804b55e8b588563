import Foundation
import LanguageIdentification
import StanceClassification
import Testing
import TolkCore
import TolkPipeline
import TolkTesting

/// Real-style sentences for each cue class and language, with the label and the evidence expected, and
/// negated and quoted variants that must flip or move to the quoted layer.
@Suite struct StanceClassifierTests {
  func annotated(_ text: String, _ language: Language) throws -> Document {
    let lexicons = try #require(Fixtures.lexicons)
    var document = Document(id: "test", text: text, language: language)
    var languages = LanguageIdentifier.Configuration()
    languages.languages = [language]
    try Pipeline(lexicons: lexicons, languages: languages).annotate(&document)
    return document
  }

  /// An authorial case: the text, its language, the target, the label and the class of the deciding cue.
  struct Authorial: Sendable, CustomTestStringConvertible {
    var text: String
    var language: Language
    var target: String
    var label: StanceLabel
    var cueClass: String
    var testDescription: String { "\(language.rawValue): \(text)" }
  }

  static let authorial: [Authorial] = [
    .init(
      text: "The self-proclaimed interim president Juan Guaidó toured Europe this week.", language: .english,
      target: "opposition", label: .against, cueClass: "legitimacy"),
    .init(
      text: "Maduro's brutal regime has jailed dozens of opposition lawmakers.", language: .english,
      target: "maduro_government", label: .against, cueClass: "evaluation"),
    .init(
      text: "Den selvutnevnte presidenten Juan Guaidó reiste til Europa denne uken.", language: .bokmal,
      target: "opposition", label: .against, cueClass: "legitimacy"),
    .init(
      text: "Det brutale regimet i Caracas har fengslet flere opposisjonspolitikere.", language: .bokmal,
      target: "maduro_government", label: .against, cueClass: "evaluation"),
    .init(
      text: "Den sjølvutnemnde presidenten Juan Guaidó reiste til Europa denne veka.", language: .nynorsk,
      target: "opposition", label: .against, cueClass: "legitimacy"),
    .init(
      text: "Det brutale regimet i Caracas har fengsla fleire opposisjonspolitikarar.", language: .nynorsk,
      target: "maduro_government", label: .against, cueClass: "evaluation"),
  ]

  @Test(arguments: authorial)
  func findsTheAuthorsStanceWithItsEvidence(_ example: Authorial) throws {
    let document = try annotated(example.text, example.language)
    let stance = try #require(document.stance.first { $0.target == example.target })
    #expect(stance.label == example.label)
    #expect(stance.evidence.contains { $0.cueClass == example.cueClass && $0.holder == "author" })
    #expect(stance.evidence.allSatisfy { $0.cue.hasPrefix("lexicon:stance/") || $0.cue.hasPrefix("lexicon:polarity/") })
    #expect(document.quotedStances.isEmpty)
  }

  /// Distancing: a weak cue alone leaves a wire sentence neutral, but it is recorded as evidence.
  @Test(arguments: [
    ("Maduro claims the sanctions caused the crisis.", Language.english),
    ("Maduro hevder at sanksjonene har skapt krisen.", Language.bokmal),
  ])
  func recordsDistancingAsWeakEvidence(_ text: String, _ language: Language) throws {
    let document = try annotated(text, language)
    let stance = try #require(document.stance.first { $0.target == "maduro_government" })
    #expect(stance.label == .neutral)
    let cue = try #require(stance.evidence.first { $0.cueClass == "distancing" })
    #expect(cue.weight < 0 && cue.weight > -1)
  }

  /// A quoted case: the holder's stance goes to `quotes`; the author stays neutral.
  struct Quoted: Sendable, CustomTestStringConvertible {
    var text: String
    var language: Language
    var holder: String
    var target: String
    var label: StanceLabel
    var testDescription: String { "\(language.rawValue): \(text)" }
  }

  static let quoted: [Quoted] = [
    // The same words as the authorial cases, in someone's mouth.
    .init(
      text: "\"The regime is brutal and corrupt,\" Guaidó said on Tuesday.", language: .english, holder: "juan_guaido",
      target: "maduro_government", label: .against),
    .init(
      text: "– Regimet er brutalt og korrupt, sier Guaidó.", language: .bokmal, holder: "juan_guaido",
      target: "maduro_government", label: .against),
    .init(
      text: "– Regimet er brutalt, seier Guaidó.", language: .nynorsk, holder: "juan_guaido",
      target: "maduro_government", label: .against),
    // Support and criticism: someone's stance, not the narrator's.
    .init(
      text: "The European Union welcomed the talks in Oslo on Wednesday.", language: .english,
      holder: "european_union", target: "the_dialogue", label: .favor),
    .init(
      text: "The opposition criticised the talks as a farce.", language: .english, holder: "opposition",
      target: "the_dialogue", label: .against),
    .init(
      text: "Ledezma stiller seg bak Guaidó.", language: .bokmal, holder: "antonio_ledezma", target: "opposition",
      label: .favor),
    .init(
      text: "Antonio Ledezma er kritisk til forhandlingene i Oslo.", language: .bokmal, holder: "antonio_ledezma",
      target: "the_dialogue", label: .against),
    .init(
      text: "Antonio Ledezma er kritisk til forhandlingane i Oslo.", language: .nynorsk, holder: "antonio_ledezma",
      target: "the_dialogue", label: .against),
    // An <E> slot: a stance towards an entity that is not a target, in the speaker's words.
    .init(
      text:
        "Last week, the Venezuelan authorities refused to take part in the talks, citing \"the flagrant aggression toward Venezuela from the US administration\".",
      language: .english, holder: "maduro_government", target: "united_states", label: .against),
    // Negation flips the cue.
    .init(
      text: "Ledezma stiller seg ikke bak Guaidó.", language: .bokmal, holder: "antonio_ledezma", target: "opposition",
      label: .against),
    .init(
      text: "Ledezma støttar ikkje Guaidó.", language: .nynorsk, holder: "antonio_ledezma", target: "opposition",
      label: .against),
  ]

  @Test(arguments: quoted)
  func movesQuotedStanceToTheHolder(_ example: Quoted) throws {
    let document = try annotated(example.text, example.language)
    let found = document.quotedStances.first { $0.holder == example.holder && $0.target == example.target }
    #expect(found?.label == example.label, "\(document.quotedStances)")
    #expect(found?.evidence.allSatisfy { $0.holder == example.holder } ?? false)
    // The author's own voice stays neutral (an entity that is no target has no authorial record).
    if let own = document.stance.first(where: { $0.target == example.target }) {
      #expect(own.label == .neutral)
    } else {
      #expect(!["maduro_government", "opposition", "the_dialogue"].contains(example.target))
    }
  }

  @Test func negationFlipsAnAuthorialCue() throws {
    let plain = try annotated("Maduro is the legitimate president of Venezuela.", .english)
    let negated = try annotated("Maduro is not the legitimate president of Venezuela.", .english)
    let plainScore = try #require(plain.stance.first { $0.target == "maduro_government" }).score
    let negatedStance = try #require(negated.stance.first { $0.target == "maduro_government" })
    #expect(plainScore > 0)
    #expect(negatedStance.score < 0)
    #expect(negatedStance.evidence.contains { !$0.modifiers.isEmpty })
  }

  @Test(arguments: [
    (
      "Representatives of President Nicolás Maduro and opposition leader Juan Guaidó met in Oslo on Tuesday, the Norwegian foreign ministry said. The talks will continue next week.",
      Language.english
    ),
    (
      "Representanter for president Nicolás Maduro og opposisjonsleder Juan Guaidó møttes i Oslo tirsdag, opplyser Utenriksdepartementet. Samtalene fortsetter neste uke.",
      Language.bokmal
    ),
  ])
  func leavesANeutralWireReportNeutral(_ text: String, _ language: Language) throws {
    let document = try annotated(text, language)
    #expect(document.stance.map(\.label) == [.neutral, .neutral, .neutral])
    #expect(document.quotedStances.isEmpty)
  }

  @Test func listsEveryTargetAndMarksUnmentionedOnesAbsent() throws {
    let document = try annotated("Oil prices rose on Monday.", .english)
    #expect(document.stance.map(\.target) == ["maduro_government", "opposition", "the_dialogue"])
    #expect(document.stance.allSatisfy { $0.label == .absent && $0.score == 0 && $0.mentions == 0 })
  }

  @Test func findsQuotationsAndTheirSpeakers() throws {
    let document = try annotated(
      "Arreaza said: \"There will be contacts with the opposition.\" – Vi er klare, sier Ledezma.", .english)
    let direct = try #require(document.quotations.first { $0.kind == .direct })
    #expect(document.slice(direct.range) == "There will be contacts with the opposition.")
    #expect(direct.speaker == "jorge_arreaza")
  }

  /// The speaker of reported speech: the subject, through appositions and affiliations, never the
  /// addressee or a place in a participial clause.
  @Test(arguments: [
    (
      "Ordføraren i Førde, Olav Kvåle, seier til NRK Vestland at kommunen ikkje har råd.", Language.nynorsk,
      "per:olav_kvale"
    ),
    (
      "Forsker Ingrid Haugland ved Universitetet i Tromsø sier at samtalene er viktige.", .bokmal, "per:ingrid_haugland"
    ),
    (
      "Professor Margaret Ellison of the University of Edinburgh said the talks mattered.", .english,
      "per:margaret_ellison"
    ),
    (
      "Norge stemte mot forslaget i FNs sikkerhetsråd, opplyser Utenriksdepartementet.", .bokmal,
      "norwegian_ministry_of_foreign_affairs"
    ),
  ])
  func findsTheSpeakerOfReportedSpeech(_ text: String, _ language: Language, _ speaker: String) throws {
    let document = try annotated(text, language)
    #expect(document.quotations.map(\.speaker) == [speaker])
    #expect(document.quotations.first?.kind == .reported)
  }

  /// A role phrase from `stance/roles.tsv` stands for its person, for speakers and later pronouns.
  @Test func resolvesPronounsThroughRolePhrases() throws {
    let document = try annotated(
      "Juan Guaidó var ikke til stede. Venezuelas president har bekreftet at samtalene pågår. Han har lagt ut en video der han takker Norge for innsatsen.",
      .bokmal)
    #expect(
      document.quotedStances.contains {
        $0.holder == "nicolas_maduro" && $0.target == "the_dialogue" && $0.label == .favor
      },
      "\(document.quotedStances)")
    #expect(!document.quotedStances.contains { $0.holder == "juan_guaido" })
  }

  @Test func matchesTheSeedsGold() throws {
    let english = try annotated(try Repository.text("seeds/000_db61c14585fe4d18.txt"), .english)
    #expect(english.stance.first { $0.target == "opposition" }?.label == .against)
    #expect(english.stance.first { $0.target == "the_dialogue" }?.label == .neutral)
    #expect(
      english.quotedStances.contains {
        $0.holder == "juan_guaido" && $0.target == "maduro_government" && $0.label == .against
      })
    let norwegian = try annotated(try Repository.text("seeds/002_fe690893039d8ce3.txt"), .bokmal)
    #expect(norwegian.stance.map(\.label) == [.neutral, .neutral, .neutral])
    for (target, label) in [
      ("the_dialogue", StanceLabel.against), ("maduro_government", .against), ("opposition", .favor),
    ] {
      #expect(
        norwegian.quotedStances.contains { $0.holder == "antonio_ledezma" && $0.target == target && $0.label == label })
    }
  }
}

/// Lexicon problems stop loading with `file:line: reason`.
@Suite struct StanceLexiconTests {
  static let targets =
    "target\tkind\tlangs\tvalue\tcomment\nopposition\tentity\tany\tjuan_guaido\t-\nopposition\tterm\ten\topposition\t-\n"
  static let cues =
    "pattern\tpolarity\tweight\tclass\ttarget\tcomment\nself-proclaimed\tagainst\t3\tlegitimacy\topposition\t-\n"

  func load(targets: String = targets, cues: String = cues) throws -> StanceLexicon {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for sub in ["stance", "polarity"] {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    try targets.write(to: folder.appendingPathComponent("stance/targets.tsv"), atomically: true, encoding: .utf8)
    for language in ["en", "nb", "nn"] {
      try cues.write(to: folder.appendingPathComponent("stance/\(language).tsv"), atomically: true, encoding: .utf8)
      try "word\tscore\tsource\ngood\t0.5\ttolk\n".write(
        to: folder.appendingPathComponent("polarity/\(language).tsv"), atomically: true, encoding: .utf8)
    }
    return try StanceLexicon(directory: folder)
  }

  @Test func loadsAValidLexicon() throws {
    let lexicon = try load()
    #expect(lexicon.targets.map(\.id) == ["opposition"])
    #expect(lexicon.cues[.english]?.first?.location == "stance/en.tsv:2")
  }

  @Test(arguments: [
    (
      "pattern\tpolarity\tweight\tclass\ttarget\tcomment\nab*\tagainst\t1\tevaluation\t-\t-\n",
      "stance/en.tsv:2: pattern \"ab*\" prefix ab* needs at least 3 letters before *"
    ),
    (
      "pattern\tpolarity\tweight\tclass\ttarget\tcomment\nbad\tagainst\t1\tanger\t-\t-\n",
      "stance/en.tsv:2: class must be one of"
    ),
    (
      "pattern\tpolarity\tweight\tclass\ttarget\tcomment\nbad\tmaybe\t1\tevaluation\t-\t-\n",
      "stance/en.tsv:2: polarity must be favor or against"
    ),
    (
      "pattern\tpolarity\tweight\tclass\ttarget\tcomment\nbad\tagainst\t-1\tevaluation\t-\t-\n",
      "stance/en.tsv:2: weight must be a number above 0"
    ),
    (
      "pattern\tpolarity\tweight\tclass\ttarget\tcomment\nbad\tagainst\t1\tevaluation\tnobody\t-\n",
      "stance/en.tsv:2: target \"nobody\" is not in stance/targets.tsv"
    ),
    (
      "pattern\tpolarity\tweight\tclass\ttarget\tcomment\n<X> said\tagainst\t1\tevaluation\t-\t-\n",
      "stance/en.tsv:2: pattern \"<X> said\" unknown slot <X>"
    ),
  ])
  func reportsCueProblemsWithFileAndLine(_ cues: String, _ message: String) throws {
    #expect {
      try load(cues: cues)
    } throws: { error in
      (error as? LexiconError)?.description.hasPrefix(message) ?? false
    }
  }

  @Test func refusesATermWithASlot() throws {
    #expect(throws: LexiconError.self) {
      try load(targets: Self.targets + "opposition\tterm\ten\t<T> camp\t-\n")
    }
  }
}
