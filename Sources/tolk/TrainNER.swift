import ArgumentParser
import EntityTagging
import Foundation
import TolkCore
import TolkPipeline

extension EntityModelTrainer.Learner: ExpressibleByArgument {}

extension Train {
  /// `tolk train ner`: the entity models, `lexicons/ner/{no,en}.bin`.
  struct NER: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ner",
      abstract: "Trains the entity models from ../shared/data/ner (deterministic).",
      discussion: """
        `no` trains a linear-chain CRF on NorNE Bokmål and Nynorsk train together; `en` on the GUM-derived \
        English train split, as the average of several perceptrons. Dev splits \
        only set the confidence temperature and are scored after training (model \
        alone, and merged with the lexicon and rules). Word clusters (`tolk train clusters`) are read \
        from the output folder; the English model also reads the person-name list \
        (`entities/person-names.tsv`, `make person-names`).
        """
    )

    @Option(help: "The NER data folder.")
    var data = "../shared/data/ner"

    @Option(name: .shortAndLong, help: "The folder to write <model>.bin into (and to read clusters.tsv from).")
    var output = "lexicons/ner"

    @Option(help: "Which models to train: no, en (repeatable).")
    var model: [String] = ["no", "en"]

    @Option(help: "Passes over the training data (the Norwegian model).")
    var epochs = 10

    @Option(help: "Passes over the training data (the English model).")
    var englishEpochs = 5

    @Option(help: "How many perceptrons, each with its own seeded order, are averaged (the Norwegian model).")
    var runs = EntityModelTrainer.Configuration().runs

    @Option(help: "How many perceptrons, each with its own seeded order, are averaged (the English model).")
    var englishRuns = 5

    @Option(
      help: "How the Norwegian model's weights are learnt: crf, or perceptron (with --epochs 15, the earlier recipe).")
    var learner = EntityModelTrainer.Learner.crf

    @Option(help: "How the English model's weights are learnt: perceptron or crf.")
    var englishLearner = EntityModelTrainer.Configuration().learner

    @Option(help: "The CRF's AdaGrad base step size.")
    var learningRate = 0.3

    @Option(help: "The CRF's L2 coefficient C in C/2 · |w|² over the whole training set.")
    var l2 = 0.1

    @Flag(help: "Average the CRF's weights over all steps.")
    var averaged = false

    @Option(help: "The seed of the visiting orders and the gazetteer dropout (the n-th of several runs adds n).")
    var seed = EntityModelTrainer.Configuration().seed

    @Option(help: "log2 of the number of hash buckets.")
    var bucketBits = EntityModelTrainer.Configuration().bucketBits

    @Option(help: "Share of sentences trained without lexicon features (0...1; the Norwegian model).")
    var gazetteerDropout = EntityModelTrainer.Configuration().gazetteerDropout

    @Option(help: "Share of sentences trained without lexicon features (0...1; the English model).")
    var englishGazetteerDropout = 0.0

    @Flag(help: "Leave out the lexicon features.")
    var noGazetteer = false

    @Flag(help: "Leave out the word-cluster features.")
    var noClusters = false

    @Option(
      help: "Models that get the person-name features (entities/person-names.tsv): no, en or none (repeatable).")
    var personNames = ["en"]

    @Flag(help: "Train on PER/ORG/LOC/MISC instead of NorNE's fine types.")
    var collapse = false

    @Flag(
      inversion: .prefixedNo,
      help: "Train the English model on the NorNE train splits too (types mapped to PER/ORG/LOC).")
    var withNorwegian = false

    @Flag(help: "Map NorNE's GPE_ORG (a state that acts) to LOC rather than ORG for the English model.")
    var gpeOrgAsLocation = false

    @Option(help: "How many times the English model sees each English training sentence per epoch.")
    var englishRepeat = 1

    @Option(
      help: """
        Self-training: tag the unlabelled English text (langid/en.txt, dev sentences left out) with the \
        trained English model and retrain with the sentences it is this sure of (0...1; 0 turns it off).
        """)
    var selfTraining = 0.0

    @Option(help: "How many lower-cased copies of each English training sentence the English model sees per epoch.")
    var lowercasedRepeat = 0

    @Flag(help: "Skip the dev scores after training.")
    var noEvaluation = false

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
      for name in personNames where !["no", "en", "none"].contains(name) {
        throw ValidationError("--person-names \(name): use no, en or none")
      }
    }

    func run() throws {
      let lexicons = try lexiconOptions.load()
      let training = EntityModelTraining(lexicons: lexicons)
      let folder = URL(fileURLWithPath: output)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let clustersURL = folder.appendingPathComponent("clusters.tsv")
      let clusters = noClusters ? nil : try WordClusters(contentsOf: clustersURL)
      let root = URL(fileURLWithPath: data)
      func gold(_ path: String, _ language: Language) -> EntityModelTraining.GoldFile {
        .init(url: root.appendingPathComponent(path), language: language)
      }
      var built: [String: EntityModel] = [:]
      let heldOutFiles = [
        "norne/nob/dev.conllu", "norne/nno/dev.conllu", "gum_en/dev.conllu", "uner_en_ewt/dev.conllu",
      ]
      for name in model {
        let (train, dev): ([EntityModelTraining.GoldFile], [EntityModelTraining.GoldFile]) =
          switch name {
          case "no":
            (
              [gold("norne/nob/train.conllu", .bokmal), gold("norne/nno/train.conllu", .nynorsk)],
              [gold("norne/nob/dev.conllu", .bokmal), gold("norne/nno/dev.conllu", .nynorsk)]
            )
          case "en": ([gold("gum_en/train.conllu", .english)], [gold("gum_en/dev.conllu", .english)])
          default: throw ValidationError("unknown model \"\(name)\"; use no or en")
          }
        let started = Date()
        let features = EntityModelFeatures(
          usesGazetteer: !noGazetteer, usesClusters: !noClusters, usesPersonNames: personNames.contains(name))
        let collapse = self.collapse
        let types: @Sendable (String) -> String? = { collapse ? EntityModelTraining.collapsed($0) : $0 }
        var documents = try train.flatMap { try training.labelledDocuments($0, types: types) }
        var borrowed: [EntityModelTraining.LabelledDocument] = []
        if name == "en" {
          documents = Array(repeatElement(documents, count: max(englishRepeat, 1)).joined())
          if lowercasedRepeat > 0 {
            // Web text often writes names in lower case; copies of the sentences in lower case teach the
            // model to find names by the words and their contexts, not only by capitals.
            let lowercased = try train.flatMap { try training.labelledDocuments($0, types: types, lowercased: true) }
            documents += Array(repeatElement(lowercased, count: lowercasedRepeat).joined())
          }
          if withNorwegian {
            // NorNE's names with their types mapped to the English PER/ORG/LOC (other types become O): the
            // English model's recipe until the ninth round of docs/ner.md, which measured GUM alone better.
            let gpeOrgAsLocation = self.gpeOrgAsLocation
            let english: @Sendable (String) -> String? = {
              if gpeOrgAsLocation, $0 == "GPE_ORG" { return "LOC" }
              return EntityModelTraining.collapsed($0).flatMap { $0 == "MISC" ? nil : $0 }
            }
            borrowed = try [gold("norne/nob/train.conllu", .bokmal), gold("norne/nno/train.conllu", .nynorsk)]
              .flatMap { try training.labelledDocuments($0, types: english) }
          }
        }
        let tags = EntityModelTraining.tagSet(of: documents + borrowed)
        let examples =
          training.examples(documents + borrowed, tags: tags, features: features, clusters: clusters)
        let devExamples = training.examples(
          try dev.flatMap { try training.labelledDocuments($0, types: types) }, tags: tags, features: features,
          clusters: clusters)
        printError(
          "train ner \(name): \(examples.count) sentences, \(examples.reduce(0) { $0 + $1.tags.count }) tokens, tags \(tags.joined(separator: " "))"
        )
        var configuration = EntityModelTrainer.Configuration()
        configuration.epochs = name == "en" ? englishEpochs : epochs
        configuration.runs = name == "en" ? englishRuns : runs
        configuration.learner = name == "en" ? englishLearner : learner
        configuration.learningRate = learningRate
        configuration.l2 = l2
        configuration.averaged = averaged
        configuration.seed = seed
        configuration.bucketBits = bucketBits
        configuration.gazetteerDropout = noGazetteer ? 0 : name == "en" ? englishGazetteerDropout : gazetteerDropout
        var notes = [
          "training": train.map {
            "\(root.lastPathComponent)/\($0.url.pathComponents.suffix(3).joined(separator: "/"))"
          }
          .joined(separator: ", "),
          "epochs": String(configuration.epochs), "gazetteer_dropout": String(configuration.gazetteerDropout),
          "types": collapse ? "collapsed" : "fine",
        ]
        if configuration.runs > 1 { notes["runs"] = String(configuration.runs) }
        if configuration.learner == .crf {
          notes["learner"] = "crf"
          notes["learning_rate"] = String(configuration.learningRate)
          notes["l2"] = String(configuration.l2)
          if averaged { notes["averaged"] = "yes" }
        }
        var trained = EntityModelTrainer(configuration: configuration).train(
          examples, tags: tags, features: features, calibration: devExamples, notes: notes
        ) { printError("train ner \(name): \($0)") }
        if name == "en", selfTraining > 0 {
          let silver = try training.silverDocuments(
            text: [
              .init(url: root.deletingLastPathComponent().appendingPathComponent("langid/en.txt"), language: .english)
            ],
            heldOut: heldOutFiles.map { root.appendingPathComponent($0) },
            training: train.map(\.url), model: trained, clusters: clusters, threshold: selfTraining)
          printError(
            "train ner \(name): self-training on \(silver.documents.count) of \(silver.lines) unlabelled lines")
          let silverExamples = training.examples(
            silver.documents, tags: tags, features: features, clusters: clusters)
          trained = EntityModelTrainer(configuration: configuration).train(
            examples + silverExamples, tags: tags, features: features, calibration: devExamples, notes: notes
          ) { printError("train ner \(name): \($0)") }
        }
        let url = folder.appendingPathComponent("\(name).bin")
        try trained.serialized().write(to: url, options: .atomic)
        built[name] = trained
        printError(
          "train ner \(name): wrote \(url.path) (\(trained.serialized().count / 1_000_000) MB) in \(String(format: "%.0f", Date().timeIntervalSince(started))) s"
        )
      }
      guard !noEvaluation else { return }
      for (name, trained) in built.sorted(by: { $0.key < $1.key }) {
        let file = name == "no" ? gold("norne/nob/dev.conllu", .bokmal) : gold("gum_en/dev.conllu", .english)
        let speed = try training.modelSpeed(file, model: trained, clusters: clusters)
        print(
          String(
            format: "[speed] %@ model alone: %.0f tokens/s on one core (%d tokens of %@, best of 3)", name as NSString,
            speed.tokensPerSecond, speed.tokens, file.url.lastPathComponent as NSString))
      }
      var models = lexicons.entityModels.models
      for (name, trained) in built { models[name] = trained }
      let modelSet = EntityModelSet(models: models, clusters: clusters ?? lexicons.entityModels.clusters)
      let devFiles =
        (model.contains("no") ? ["norne/nob/dev.conllu", "norne/nno/dev.conllu"] : [])
        + (model.contains("en") ? ["gum_en/dev.conllu", "uner_en_ewt/dev.conllu"] : [])
      for (label, sources) in [
        ("model alone", [EntityTagger.Candidate.Origin.model]), ("merged", [.lexicon, .model, .rule]),
      ] {
        let pipeline = try Pipeline(
          lexicons: lexicons, entities: .init(sources: Set(sources)), entityModels: modelSet)
        let evaluation = EntityEvaluation(pipeline: pipeline)
        for file in devFiles {
          print("[\(label)] " + (try evaluation.evaluate(gold: root.appendingPathComponent(file), name: file).report))
        }
      }
    }
  }

  /// `tolk train clusters`: word clusters for the entity models, `lexicons/ner/clusters.tsv`.
  struct Clusters: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Learns word clusters from the unlabelled text in ../shared/data (deterministic).",
      discussion: """
        Reads langid/{en,nb,nn}.txt and the NER train splits, leaves out every sentence of the NER dev \
        splits, tokenizes with Tolk's tokenizer and clusters the frequent words by their neighbours \
        (bisecting spherical k-means over PPMI context vectors).
        """
    )

    @Option(help: "The shared data folder.")
    var data = "../shared/data"

    @Option(name: .shortAndLong, help: "Where to write the clusters.")
    var output = "lexicons/ner/clusters.tsv"

    @OptionGroup var lexiconOptions: LexiconOptions

    func run() throws {
      let lexicons = try lexiconOptions.load()
      let training = EntityModelTraining(lexicons: lexicons)
      let root = URL(fileURLWithPath: data)
      func file(_ path: String, _ language: Language) -> EntityModelTraining.GoldFile {
        .init(url: root.appendingPathComponent(path), language: language)
      }
      let started = Date()
      let sentences = try training.clusterSentences(
        text: [file("langid/en.txt", .english), file("langid/nb.txt", .bokmal), file("langid/nn.txt", .nynorsk)],
        training: [
          file("ner/norne/nob/train.conllu", .bokmal), file("ner/norne/nno/train.conllu", .nynorsk),
          file("ner/gum_en/train.conllu", .english),
        ],
        heldOut: [
          "ner/norne/nob/dev.conllu", "ner/norne/nno/dev.conllu", "ner/gum_en/dev.conllu",
          "ner/uner_en_ewt/dev.conllu",
        ].map { root.appendingPathComponent($0) })
      let rows = WordClusterBuilder().clusters(of: sentences)
      let header = """
        # Word clusters for the entity models: each word's path in a binary tree of distributional classes.
        # Built by `tolk train clusters` (make ner-model) from \(sentences.count) unlabelled sentences of
        # ../shared/data (langid en/nb/nn text and the NER train splits; NER dev sentences left out):
        # bisecting spherical 2-means over positive-PMI vectors of left and right neighbours.
        # Sources: UD_English-EWT, NDT/NorNE (CC BY-SA 4.0), GUM (see NOTICE.md). Columns: word (Token.norm),
        # path (bits; a shared prefix means similar contexts), count (occurrences).

        """
      let url = URL(fileURLWithPath: output)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(WordClusters.serialized(rows, header: header).utf8).write(to: url, options: .atomic)
      printError(
        "train clusters: \(rows.count) words from \(sentences.count) sentences in \(String(format: "%.0f", Date().timeIntervalSince(started))) s → \(output)"
      )
    }
  }
}
