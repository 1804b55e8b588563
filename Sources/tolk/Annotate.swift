import ArgumentParser
import Foundation
import LanguageIdentification
import Tokenization
import TolkCore
import TolkPipeline

#if canImport(Glibc)
  import Glibc
#endif

extension OutputEncoder.TokenDetail: ExpressibleByArgument {}

/// `tolk annotate`: the pipeline over files, directories or standard input.
struct Annotate: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Annotates articles (.txt files, .jsonl files, directories, or JSONL on standard input).",
    discussion: """
      Writes one JSON line per input record, in input order: an annotation, or an error record \
      {"id", "error": {"code", "message", "file", "line"}}. Exit status 0 when all records were \
      annotated, 1 when some failed, 2 for usage errors.

      With -o FILE, finished lines go to FILE.partial as the run goes, and FILE.partial is renamed \
      to FILE when the run completes: a killed run leaves FILE as it was. Run the same command \
      again with --resume to keep the lines in FILE.partial and annotate only the records after them.
      """
  )

  @Argument(
    help: "Files (.txt, .jsonl), directories, or - for JSONL on standard input; standard input when none is given.")
  var paths: [String] = []

  @Option(name: .shortAndLong, help: "Write the JSON lines to this file (atomically) instead of standard output.")
  var output: String?

  @Flag(
    help: "Keep the lines in FILE.partial that a killed run with the same command left, and annotate only the rest.")
  var resume = false

  @Option(help: "Number of articles annotated in parallel; defaults to the number of cores.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Which token records to write: none, words (words and numbers) or all.")
  var tokens: OutputEncoder.TokenDetail = .words

  @Option(help: "Refuse records (a JSONL line or a .txt file) larger than this many bytes.")
  var maxBytes: Int = 16 << 20

  @OptionGroup var lexiconOptions: LexiconOptions

  @Option(help: "Only identify these languages (comma-separated codes, e.g. nb,nn,en); default: all the model knows.")
  var languages: String?

  @Option(help: "A language to favour when the evidence is weak (e.g. nb).")
  var langHint: String?

  @Flag(help: "Show a progress line on standard error even when it is not a terminal.")
  var progress = false

  @Flag(help: "Do not print the summary line on standard error.")
  var quiet = false

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be at least 1.") }
    guard !resume || output != nil else { throw ValidationError("--resume needs -o FILE.") }
  }

  func run() async throws {
    let inputs: [ArticleReader.Input]
    let lexiconSet: LexiconSet
    let pipeline: Pipeline
    let output: OutputFile
    do {
      inputs = try ArticleReader.inputs(for: paths)
      lexiconSet = try lexiconOptions.load()
      pipeline = try Pipeline(lexicons: lexiconSet, languages: try languageConfiguration(for: lexiconSet.languageModel))
      output = try self.output.map { try OutputFile(path: $0, resuming: resume) } ?? OutputFile()
    } catch let error as any CodedError {
      throw ValidationError(error.description)
    }
    let encoder = OutputEncoder(
      run: OutputEncoder.RunInfo(
        tolkVersion: TolkVersion.current, icuVersion: Tokenizer.icuVersion,
        lexiconsSHA256: lexiconSet.sha256, stages: pipeline.stageNames),
      tokens: tokens)
    var configuration = ArticleReader.Configuration()
    configuration.maximumBytes = maxBytes
    var reader = ArticleReader(inputs: inputs, configuration: configuration)
    let kept = try keepFinishedLines(of: &reader, in: output, encoder: encoder)
    let runner = AnnotationRunner(pipeline: pipeline, encoder: encoder, jobs: jobs)
    let meter = ProgressMeter(enabled: progress || isatty(2) != 0)
    let started = Date()
    let summary = try await runner.run(
      reader, startingWith: kept, write: { try output.write($0) }, progress: { meter.update($0) })
    try output.commit()
    meter.finish()
    let seconds = Date().timeIntervalSince(started)
    if !quiet {
      let megabytes = Double(summary.textBytes) / 1_000_000
      var line = "tolk: \(summary.annotated) annotated, \(summary.failed) errors"
      if !summary.errorCodes.isEmpty {
        line +=
          " (" + summary.errorCodes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
          + ")"
      }
      line += String(
        format: "; %.2f MB of text in %.2f s, %.2f MB/s", megabytes, seconds, seconds > 0 ? megabytes / seconds : 0)
      printError(line)
    }
    if summary.failed > 0 { throw ExitCode(1) }
  }
}

extension Annotate {
  /// With `--resume`, the totals of the lines kept from `FILE.partial` (`reader` moves past their
  /// records); without, a note when an earlier run's partial lines are being replaced.
  func keepFinishedLines(
    of reader: inout ArticleReader, in output: OutputFile, encoder: OutputEncoder
  ) throws -> AnnotationRunner.Summary {
    guard let path = self.output else { return AnnotationRunner.Summary() }
    let partial = OutputFile.partialPath(for: path)
    guard resume else {
      if output.foundPartialLines {
        printError("tolk: replacing \(partial), which an earlier run left; --resume would have kept its lines")
      }
      return AnnotationRunner.Summary()
    }
    let kept: AnnotationRunner.Summary
    do {
      kept = try output.keepFinishedLines(of: &reader, encoder: encoder)
    } catch {
      throw ValidationError(error.description)
    }
    if !quiet {
      printError("tolk: resuming: kept \(kept.records) finished lines of \(partial), annotating the records after them")
    }
    return kept
  }

  /// The language constraints and hint from `--languages` and `--lang-hint`, checked against the model.
  func languageConfiguration(for model: LanguageModel) throws -> LanguageIdentifier.Configuration {
    var configuration = LanguageIdentifier.Configuration()
    let known = Set(model.languages)
    func parse(_ code: Substring) throws -> Language {
      let language = Language(metadata: String(code))
      guard known.contains(language) else {
        throw ValidationError(
          "unknown language \"\(code)\"; the model knows \(model.languages.map(\.rawValue).joined(separator: ", ")).")
      }
      return language
    }
    if let languages {
      configuration.languages = Set(try languages.split(separator: ",").map(parse))
    }
    if let langHint { configuration.hint = try parse(Substring(langHint)) }
    return configuration
  }
}

/// Prints records per second and MB/s on standard error, at most twice a second.
final class ProgressMeter {
  private let enabled: Bool
  private let started = Date()
  private var lastPrinted = Date.distantPast
  private var printed = false

  init(enabled: Bool) { self.enabled = enabled }

  func update(_ summary: AnnotationRunner.Summary) {
    guard enabled else { return }
    let now = Date()
    guard now.timeIntervalSince(lastPrinted) >= 0.5 else { return }
    lastPrinted = now
    let seconds = max(now.timeIntervalSince(started), 0.001)
    let line = String(
      format: "\r%d records (%d errors), %.0f records/s, %.2f MB/s ", summary.records, summary.failed,
      Double(summary.records) / seconds, Double(summary.textBytes) / 1_000_000 / seconds)
    FileHandle.standardError.write(Data(line.utf8))
    printed = true
  }

  func finish() {
    if printed { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
