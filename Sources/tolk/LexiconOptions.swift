import ArgumentParser
import Foundation
import TolkCore
import TolkPipeline

/// `--lexicons DIR`, shared by every command that loads the lexicons, and the loading itself: a bad
/// lexicon is a usage error (status 2) with its `file:line` message.
struct LexiconOptions: ParsableArguments {
  @Option(help: "The lexicon folder; defaults to $TOLK_LEXICONS, ./lexicons, or the checkout's lexicons.")
  var lexicons: String?

  /// The lexicon folder the options name.
  func directory() throws -> URL {
    do { return try LexiconSet.locate(explicit: lexicons) } catch { throw ValidationError(error.description) }
  }

  /// Every lexicon, loaded and checked.
  func load() throws -> LexiconSet {
    let directory = try directory()
    do { return try LexiconSet(directory: directory) } catch { throw ValidationError(error.description) }
  }

  /// The standard pipeline over the lexicons.
  func pipeline() throws -> Pipeline {
    let lexicons = try load()
    do { return try Pipeline(lexicons: lexicons) } catch { throw ValidationError(error.description) }
  }
}
