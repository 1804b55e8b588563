import Foundation
import Testing
import TolkTesting

@Suite struct BenchCommandTests {
  /// `tolk bench stages` reads every record, runs the stages `tolk annotate` names in its lines, in that
  /// order, and counts the same text and tokens (only the order and totals are checked, never a time).
  @Test func measuresEveryStageOfThePipelineOnTheWholeCorpus() throws {
    let corpus = "Tests/Fixtures/ner/sample.jsonl"
    let bench = try runTolk(["bench", "stages", corpus, "--json"])
    #expect(bench.status == 0, "\(bench.stderr)")
    let report = try #require(try bench.records().first)
    let annotated = try runTolk(["annotate", corpus, "--tokens", "none", "--jobs", "1", "--quiet"]).records()
    let pipeline = try #require(annotated.first?["pipeline"] as? [String: Any])
    let stages = try #require(pipeline["stages"] as? [String])

    let rows = try #require(report["rows"] as? [[String: Any]])
    #expect(
      rows.map { $0["name"] as? String }
        == ["read"] + stages + [
          "all stages", "ner model", "write (--tokens none)", "Foundation JSONDecoder", "Foundation JSONEncoder",
          "Foundation round trip", "Foundation, Tolk's JSON",
        ])
    // The like-for-like reference encodes what Tolk's writer wrote: as many megabytes of JSON (to the
    // note's one decimal, give or take a rounding step for the spelling of numbers).
    func megabytes(_ name: String) -> Double? {
      (rows.first { $0["name"] as? String == name }?["note"] as? String)?.split(separator: " ").first
        .flatMap { Double($0) }
    }
    let written = try #require(megabytes("write (--tokens none)"))
    let reference = try #require(megabytes("Foundation, Tolk's JSON"))
    #expect(abs(written - reference) <= 0.1 + written * 0.02)
    let texts = annotated.compactMap { $0["text"] as? String }
    #expect(report["records"] as? Int == annotated.count)
    #expect(report["bytes"] as? Int == texts.reduce(0) { $0 + $1.utf8.count })
    #expect(report["tokens"] as? Int == annotated.reduce(0) { $0 + ($1["n_tokens"] as? Int ?? 0) })
    #expect(rows.allSatisfy { ($0["errors"] as? Int) == 0 && ($0["seconds"] as? Double ?? -1) >= 0 })
    let tokenizer = try #require(rows.first { $0["name"] as? String == "tokenizer" })
    #expect(tokenizer["tokens"] as? Int == report["tokens"] as? Int)
  }

  @Test func refusesAMissingCorpusAsAUsageError() throws {
    let result = try runTolk(["bench", "stages", "no-such-corpus.jsonl"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("no such corpus: no-such-corpus.jsonl"))
  }
}
