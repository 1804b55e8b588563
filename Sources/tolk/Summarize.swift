import ArgumentParser
import Foundation
import TolkPipeline

/// `tolk summarize`: a table of an annotation file.
struct Summarize: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Prints one row per record of an annotation file: id, language, paragraph classes, sentences, words, entities, error."
  )

  @Argument(help: "The JSONL file `tolk annotate` wrote.")
  var file: String

  func run() throws {
    print(try OutputSummary(contentsOf: URL(fileURLWithPath: file)).table)
  }
}
