import ArgumentParser
import Foundation
import LanguageIdentification
import TolkPipeline

extension LanguageModelTrainer.Configuration.Method: ExpressibleByArgument {}

/// `tolk train`: builds Tolk's models from `../shared/data`.
struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Builds Tolk's trained models from open data.",
    subcommands: [Langid.self, NER.self, Clusters.self]
  )

  /// `tolk train langid`: the language-identification model.
  struct Langid: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Trains the language-identification model from ../shared/data/langid (deterministic).",
      discussion: """
        Holds out every tenth block of 10 lines of each language as the dev split, trains on the rest, \
        and writes the model (default lexicons/langid/model.bin). With --dev-sets DIR it also writes the \
        dev split as sentences.jsonl, snippets.jsonl and paragraphs.jsonl for `tolk eval langid` and \
        scripts/compare_langid.py.
        """
    )

    @Option(help: "The folder with <lang>.txt training text.")
    var data = "../shared/data/langid"

    @Option(name: .shortAndLong, help: "Where to write the model.")
    var output = "lexicons/langid/model.bin"

    @Option(help: "Also write the dev sets (JSONL) into this folder.")
    var devSets: String?

    @Option(
      help:
        "A folder of word frequency lists (<lang>.tsv from scripts/export_wordfreq.py) for small languages and the other-language class."
    )
    var wordLists: String?

    @Option(help: "How to fit the weights: logistic-regression or naive-bayes.")
    var method = LanguageModelTrainer.Configuration.Method.logisticRegression

    @Option(help: "Training epochs.")
    var epochs = LanguageModelTrainer.Configuration().epochs

    @Option(help: "Hash buckets (a power of two).")
    var buckets = LanguageModelTrainer.Configuration().bucketCount

    @Option(help: "Longest character n-gram.")
    var order = LanguageModelTrainer.Configuration().maximumOrder

    @Option(help: "Weight of a training window of 1-4 words relative to its sentence.")
    var snippetWeight = LanguageModelTrainer.Configuration().snippetWeight

    @Option(help: "Use pairs of consecutive words as features (true or false).")
    var wordPairs = LanguageModelTrainer.Configuration().wordPairs

    @Option(help: "AdaGrad learning rate.")
    var learningRate = LanguageModelTrainer.Configuration().learningRate

    @Option(help: "Language balancing: example weight (largest language / its language)^power.")
    var balancePower = LanguageModelTrainer.Configuration().balancePower

    func run() throws {
      var corpus = try LanguageIDCorpus(directory: URL(fileURLWithPath: data))
      if let wordLists { try corpus.readWordLists(from: URL(fileURLWithPath: wordLists)) }
      if let devSets {
        let folder = URL(fileURLWithPath: devSets)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try LanguageEvaluation.jsonLines(corpus.devSentences).write(
          to: folder.appendingPathComponent("sentences.jsonl"))
        try LanguageEvaluation.jsonLines(corpus.devSnippets).write(to: folder.appendingPathComponent("snippets.jsonl"))
        try LanguageEvaluation.jsonLines(corpus.devParagraphs).write(
          to: folder.appendingPathComponent("paragraphs.jsonl"))
      }
      var configuration = LanguageModelTrainer.Configuration()
      configuration.method = method
      configuration.epochs = epochs
      configuration.bucketCount = buckets
      configuration.maximumOrder = order
      configuration.wordPairs = wordPairs
      configuration.snippetWeight = snippetWeight
      configuration.learningRate = learningRate
      configuration.balancePower = balancePower
      let model = LanguageModelTrainer(configuration: configuration).train(corpus) { printError("train langid: \($0)") }
      let url = URL(fileURLWithPath: output)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try model.serialized().write(to: url, options: .atomic)
      printError(
        "train langid: wrote \(output) (\(corpus.train.count) training lines, \(corpus.dev.count) dev lines held out)")
    }
  }
}
