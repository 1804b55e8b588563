import Foundation
import LanguageIdentification
import TolkPipeline

/// Paths inside the Tolk checkout the tests run from.
public enum Repository {
  /// The checkout's root folder (found from this source file's path).
  public static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()

  /// The checkout's `lexicons/` folder.
  public static var lexicons: URL { root.appendingPathComponent("lexicons") }

  /// The `tolk` executable under test: `$TOLK_BINARY`, else the debug build of this checkout.
  public static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["TOLK_BINARY"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    return root.appendingPathComponent(".build/debug/tolk")
  }

  /// Reads a file relative to the root as UTF-8.
  public static func text(_ relativePath: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
  }
}

/// The real lexicons, loaded once per test process.
public enum Fixtures {
  /// The checkout's lexicons; every stage test uses the files users edit.
  public static let lexicons: LexiconSet? = try? LexiconSet(
    directory: ProcessInfo.processInfo.environment["TOLK_LEXICONS"].map { URL(fileURLWithPath: $0) }
      ?? Repository.lexicons)
}

extension Fixtures {
  /// The committed language model, for language-identification tests.
  public static var languageModel: LanguageModel? { lexicons?.languageModel }
}
