import Testing
import Tokenization
import TolkCore
import TolkPipeline
import TolkTesting

@Suite struct AnnotationRunnerTests {
  func runner(jobs: Int) throws -> AnnotationRunner {
    let lexicons = try #require(Fixtures.lexicons)
    let encoder = OutputEncoder(
      run: .init(
        tolkVersion: "test", icuVersion: "test", lexiconsSHA256: lexicons.sha256, stages: ["paragraphs", "tokenizer"]),
      tokens: .all)
    return AnnotationRunner(pipeline: try Pipeline(lexicons: lexicons), encoder: encoder, jobs: jobs)
  }

  /// Articles of very different sizes, so that parallel tasks finish out of order, with failures mixed in.
  func items() -> [InputItem] {
    (0..<200).map { index in
      let location = RecordLocation(file: "in.jsonl", line: index + 1)
      if index % 37 == 5 { return .failure(id: "bad-\(index)", location: location, error: .emptyText) }
      let text = String(repeating: "Guaidó takker Norge for innsatsen. ", count: index % 7 == 0 ? 400 : 1 + index % 5)
      return .article(Document(id: "doc-\(index)", text: text), location)
    }
  }

  @Test func writesEveryRecordInInputOrderWhateverTheJobs() async throws {
    var outputs: [[UInt8]] = []
    for jobs in [1, 2, 4, 8] {
      var lines: [[UInt8]] = []
      let summary = try await runner(jobs: jobs).run(items(), write: { lines.append($0) })
      #expect(summary.annotated == 194 && summary.failed == 6 && summary.errorCodes == ["empty_text": 6])
      #expect(lines.count == 200)
      let ids = lines.map { line in String(decoding: line, as: UTF8.self).split(separator: "\"")[5] }
      #expect(
        ids
          == items().map { item -> Substring in
            switch item {
            case .article(let document, _): Substring(document.id)
            case .failure(let id, _, _): Substring(id ?? "")
            }
          })
      outputs.append(lines.flatMap { $0 })
    }
    #expect(Set(outputs).count == 1, "output differs between --jobs values")
  }

  @Test func refusesAnAnnotatorWhoseLayersAreMissing() throws {
    let lexicons = try #require(Fixtures.lexicons)
    let tokenizer = Tokenizer(abbreviations: lexicons.abbreviations)
    #expect(throws: PipelineError.missingLayer(annotator: "tokenizer", layer: .paragraphs)) {
      _ = try Pipeline([tokenizer])
    }
  }
}
