import Foundation
import Testing
import TolkCore
import TolkPipeline
import TolkTesting

/// The inputs `make fuzz` found crashing Tolk or breaking an invariant, kept after their fix in
/// `Tests/Fixtures/fuzz-crashers/` (one file each, named after what broke), go through exactly what
/// the fuzz target runs: ``InputChecker`` reads each as JSONL and as a `.txt` file, annotates every
/// article under the invariant checks and reads every output line back.
@Suite struct FuzzCrasherTests {
  static let folder = Repository.root.appendingPathComponent("Tests/Fixtures/fuzz-crashers")
  static let crashers: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()

  @Test(arguments: crashers)
  func passesEveryCheckOnAKeptCrasher(_ name: String) throws {
    let checker = try InputChecker(lexicons: try #require(Fixtures.lexicons))
    let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
    #expect(try checker.check(bytes) >= 1)
  }

  @Test func readsTheSampleArticlesBothWays() throws {
    let checker = try InputChecker(lexicons: try #require(Fixtures.lexicons))
    let bytes = try [UInt8](Data(contentsOf: Repository.root.appendingPathComponent("seeds/000_db61c14585fe4d18.txt")))
    // As JSONL, each of the article's lines is a malformed record; as a `.txt` file, one article.
    let lines = bytes.split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }.count
    #expect(try checker.check(bytes) == lines + 1)
  }
}
