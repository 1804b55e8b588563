import ArgumentParser
import Foundation

/// The `tolk` command: annotates news articles and checks and measures the project's data.
///
/// Exit statuses: 0 when every record was annotated, 1 when some records failed (or a check found
/// problems), 2 for usage errors (bad flags, missing paths, bad lexicons).
@main
struct Tolk: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tolk",
    abstract: "Annotates English and Norwegian news articles and writes one JSON line per article.",
    version: "0.1.0",
    subcommands: [
      Annotate.self, Summarize.self, Compare.self, Evaluate.self, Train.self, LexiconCommand.self, Bench.self,
    ],
    defaultSubcommand: Annotate.self
  )

  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      let code = exitCode(for: error)
      if code == .success || code.rawValue == 1 {
        exit(withError: error)
      }
      // ArgumentParser reports usage errors as 64 (EX_USAGE); Tolk's documented status is 2.
      let message = fullMessage(for: error)
      if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
      Foundation.exit(2)
    }
  }
}

/// Prints `message` on standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}
