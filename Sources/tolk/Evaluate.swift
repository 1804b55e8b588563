import ArgumentParser
import EntityTagging
import Foundation
import LanguageIdentification
import TolkCore
import TolkPipeline

/// `tolk eval`: quality measurements against gold data.
struct Evaluate: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Measures Tolk against gold data.",
    subcommands: [Tokens.self, Langid.self, Entities.self, Stance.self]
  )

  /// `tolk eval tokens`: sentence and token boundaries against UD dev splits.
  struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Prints precision, recall and F1 of sentence and token boundaries against UD gold (CoNLL-U).",
      discussion: """
        Each GOLD argument is LANG=PATH (e.g. en=../shared/data/ner/uner_en_ewt/dev.conllu). Without \
        arguments the UD dev splits in ../shared/data/ner are used. Records are built as the held-out \
        scorer builds them, and documents get no language (und) unless --with-language is given.
        """
    )

    @Argument(help: "Gold files as LANG=PATH.")
    var gold: [String] = []

    @OptionGroup var lexiconOptions: LexiconOptions

    @Flag(help: "Give each document its gold language instead of und.")
    var withLanguage = false

    static let defaultGold = [
      "en=../shared/data/ner/uner_en_ewt/dev.conllu",
      "nb=../shared/data/ner/norne/nob/dev.conllu",
      "nn=../shared/data/ner/norne/nno/dev.conllu",
    ]

    func run() async throws {
      let pipeline = try lexiconOptions.pipeline()
      let evaluation = TokenEvaluation(pipeline: pipeline)
      print("lang  records  sentence P/R/F1        token P/R/F1           token F1 (compounds as parts)")
      for argument in gold.isEmpty ? Self.defaultGold : gold {
        let pieces = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard pieces.count == 2 else { throw ValidationError("gold \"\(argument)\" is not LANG=PATH.") }
        let language = Language(metadata: pieces[0])
        let result = try evaluation.evaluate(
          conllu: URL(fileURLWithPath: pieces[1]), name: pieces[0], language: withLanguage ? language : .undetermined)
        func triple(_ score: TokenEvaluation.Score) -> String {
          String(format: "%.3f/%.3f/%.3f", score.precision, score.recall, score.f1)
        }
        print(
          String(
            format: "%-5@ %7d  %@    %@    %.3f", pieces[0] as NSString, result.records,
            triple(result.sentences) as NSString, triple(result.tokens) as NSString, result.mappedTokens.f1))
      }
    }
  }

  /// `tolk eval langid`: language identification against gold languages.
  struct Langid: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Prints macro and per-language accuracy, the confusion matrix and items/s of language identification.",
      discussion: """
        Each FILE is JSONL with `text` and a gold `lang` per line. Without files, the dev split of \
        ../shared/data/langid is used (the lines `tolk train langid` holds out), as sentences, 2-4-word \
        snippets and 5-sentence paragraphs.
        """
    )

    @Argument(help: "JSONL files with text and gold lang.")
    var files: [String] = []

    @Option(help: "The folder with <lang>.txt, for the dev split.")
    var data = "../shared/data/langid"

    @OptionGroup var lexiconOptions: LexiconOptions

    @Option(help: "A model file to evaluate instead of the lexicon folder's.")
    var model: String?

    @Option(help: "Answer und below this probability of the best hypothesis (default: the identifier's).")
    var minimumConfidence: Double?

    func run() async throws {
      let languageModel: LanguageModel
      if let model {
        do { languageModel = try LanguageModel(contentsOf: URL(fileURLWithPath: model)) } catch {
          throw ValidationError(error.description)
        }
      } else {
        languageModel = try lexiconOptions.load().languageModel
      }
      var configuration = LanguageIdentifier.Configuration()
      if let minimumConfidence { configuration.minimumConfidence = minimumConfidence }
      let identifier = LanguageIdentifier(model: languageModel, configuration: configuration)
      var sets: [(String, [LanguageIDCorpus.Item])] = []
      if files.isEmpty {
        let corpus = try LanguageIDCorpus(directory: URL(fileURLWithPath: data))
        sets = [
          ("sentences", corpus.devSentences), ("snippets", corpus.devSnippets), ("paragraphs", corpus.devParagraphs),
        ]
      } else {
        for file in files { sets.append((file, try LanguageEvaluation.items(contentsOf: URL(fileURLWithPath: file)))) }
      }
      let evaluation = LanguageEvaluation(identifier: identifier)
      for (name, items) in sets {
        print(evaluation.evaluate(items, name: name).report)
        print()
      }
    }
  }

  /// `tolk eval entities`: mentions against gold NER annotations.
  struct Entities: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Prints micro and per-type precision, recall and F1 of entity mentions (exact span and type).",
      discussion: """
        Each --gold FILE is CoNLL-U with NorNE-style name= labels or a BIO file (ID TOKEN TAG). Without \
        --gold, the NorNE and English dev splits in ../shared/data/ner are used. One record per sentence, \
        no language given, as in the held-out protocol.
        """
    )

    @Option(help: "Gold files (repeatable).")
    var gold: [String] = []

    @OptionGroup var lexiconOptions: LexiconOptions

    static let defaultGold = [
      "../shared/data/ner/norne/nob/dev.conllu", "../shared/data/ner/norne/nno/dev.conllu",
      "../shared/data/ner/gum_en/dev.conllu", "../shared/data/ner/uner_en_ewt/dev.conllu",
    ]

    @Option(
      help: "Which finders to score: all (merged), lexicon (lexicon and rules, no model), model (the model alone).")
    var sources = "all"

    @Flag(help: "Print only the entity models' own speed (tokens per second on one core, best of 3).")
    var speed = false

    func run() async throws {
      let lexicons = try lexiconOptions.load()
      if speed {
        let training = EntityModelTraining(lexicons: lexicons)
        for (stem, file, language) in [
          ("no", "../shared/data/ner/norne/nob/dev.conllu", Language.bokmal),
          ("en", "../shared/data/ner/gum_en/dev.conllu", .english),
        ] {
          guard let model = lexicons.entityModels.models[stem] else { continue }
          let result = try training.modelSpeed(
            .init(url: URL(fileURLWithPath: file), language: language), model: model,
            clusters: lexicons.entityModels.clusters)
          print(
            String(
              format: "ner/%@.bin: %.0f tokens/s on one core (features, Viterbi, confidences; %d tokens of %@)",
              stem as NSString, result.tokensPerSecond, result.tokens, file as NSString))
        }
        return
      }
      let origins: Set<EntityTagger.Candidate.Origin> =
        switch sources {
        case "all": [.lexicon, .model, .rule]
        case "lexicon": [.lexicon, .rule]
        case "model": [.model]
        default: throw ValidationError("--sources must be all, lexicon or model")
        }
      let pipeline = try Pipeline(lexicons: lexicons, entities: .init(sources: origins))
      let evaluation = EntityEvaluation(pipeline: pipeline)
      for file in gold.isEmpty ? Self.defaultGold : gold {
        let started = Date()
        let result = try evaluation.evaluate(gold: URL(fileURLWithPath: file), name: file)
        print(result.report)
        print(
          String(
            format: "  %.0f sentences/s through the whole pipeline",
            Double(result.sentences) / Date().timeIntervalSince(started)))
      }
    }
  }

  /// `tolk eval stance`: authorial and quoted stance against article gold.
  struct Stance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Prints F_avg, F1 per label and accuracy of the article's stance per target, and F1 of quoted stances.",
      discussion: """
        The gold is JSONL like ../shared/gold/seeds.jsonl: per article an id, a source_file (looked up \
        from the current folder, then from the gold file's parent folder), stance labels per target \
        (with "doubt" where a second annotator could disagree) and quoted_stances. Each article is \
        annotated as `tolk annotate` would.
        """
    )

    @Option(help: "The gold file.")
    var gold = "../shared/gold/seeds.jsonl"

    @OptionGroup var lexiconOptions: LexiconOptions

    func run() async throws {
      let evaluation = StanceEvaluation(pipeline: try lexiconOptions.pipeline())
      print(try evaluation.evaluate(gold: URL(fileURLWithPath: gold)).report)
    }
  }
}
