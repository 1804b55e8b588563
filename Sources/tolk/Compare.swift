import ArgumentParser
import Foundation
import TolkPipeline

extension CoverageAggregator.Grouping: ExpressibleByArgument {}

/// `tolk compare`: the coverage report of an annotation file, English against Norwegian or source
/// against source.
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compares the coverage of groups of annotated articles (languages or sources) in a report.",
    discussion: """
      Reads FILE.jsonl (the output of tolk annotate) twice and writes coverage.json (every number), \
      coverage.md (tables) and coverage.html (one self-contained page with charts, every entity linked \
      to its sentences) into the output folder. Near-duplicate articles (wire copies) are counted once \
      per group unless --no-dedupe is given. Exit status 0, 1 when some lines could not be read (the \
      report is still written), 2 for usage errors.
      """
  )

  @Argument(help: "The JSONL file tolk annotate wrote.")
  var file: String

  @Option(help: "Group articles by language (lang: nb and nn together as Norwegian) or by their source field.")
  var by: CoverageAggregator.Grouping = .lang

  @Flag(help: "Show Bokmål (nb) and Nynorsk (nn) as two groups instead of one.")
  var splitNorwegian = false

  @Flag(help: "Count every article, including near-duplicate copies of a story already counted.")
  var noDedupe = false

  @Option(help: "Estimated Jaccard similarity (0-1) from which an article is a copy of an earlier one.")
  var threshold: Double = NearDuplicates.Configuration().threshold

  @Option(help: "Entities per chart and table.")
  var top: Int = 25

  @Option(help: "Sentences kept per listed entity and group.")
  var examples: Int = 10

  @Option(name: .shortAndLong, help: "Folder for the report files; default: coverage/ beside FILE.")
  var output: String?

  func validate() throws {
    guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1.") }
    guard top >= 1 else { throw ValidationError("--top must be at least 1.") }
    guard examples >= 0 else { throw ValidationError("--examples must not be negative.") }
  }

  func run() throws {
    var configuration = CoverageAggregator.Configuration()
    configuration.grouping = by
    configuration.mergeNorwegian = !splitNorwegian
    configuration.deduplicate = !noDedupe
    configuration.nearDuplicates.threshold = threshold
    configuration.top = top
    configuration.examplesPerEntity = examples
    let folder = output ?? ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("coverage")
    let directory = URL(fileURLWithPath: folder)
    let report: CoverageReport
    do {
      guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("\(file): no such file") }
      report = try CoverageAggregator.report(forFile: file, configuration: configuration)
      try CoverageFiles.write(report, to: directory, top: top)
    } catch let error as CoverageError {
      throw ValidationError(error.description)
    }
    var line = "tolk compare: \(report.groups.reduce(0) { $0 + $1.articles }) articles counted ("
    line += report.groups.map { "\($0.label) \($0.articles)" }.joined(separator: ", ") + ")"
    line += ", \(report.dedupe.copiesSkipped) copies skipped, \(report.errorRecords) error records"
    line += ", \(report.unreadableLines) unreadable lines; wrote "
    line += CoverageFiles.names.map { (folder as NSString).appendingPathComponent($0) }.joined(separator: ", ")
    printError(line)
    for example in report.unreadableExamples { printError("\(file):\(example.line): \(example.reason)") }
    if report.unreadableLines > 0 { throw ExitCode(1) }
  }
}
