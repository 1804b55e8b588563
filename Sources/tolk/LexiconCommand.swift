import ArgumentParser
import Foundation
import TolkPipeline

/// `tolk lexicon`: tools for the human-edited lexicons.
struct LexiconCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lexicon",
    abstract: "Works with the lexicon files.",
    subcommands: [Check.self]
  )

  /// `tolk lexicon check`: validates every lexicon file.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Validates every lexicon file (format, sorting, duplicates, each lexicon's rules); prints file:line errors."
    )

    @OptionGroup var lexiconOptions: LexiconOptions

    func run() throws {
      let report = LexiconChecker(directory: try lexiconOptions.directory()).check()
      for problem in report.problems { printError(problem) }
      print("\(report.files) lexicon files, \(report.rows) rows, \(report.problems.count) problems")
      if !report.problems.isEmpty { throw ExitCode(1) }
    }
  }
}
