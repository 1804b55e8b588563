import Foundation
import Testing
import TolkCore

@testable import TolkPipeline

@Suite struct OutputFileTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-output-\(UUID().uuidString)")
  let encoder = OutputEncoder(
    run: .init(tolkVersion: "test", icuVersion: "test", lexiconsSHA256: "0", stages: []), tokens: .none)

  var path: String { folder.appendingPathComponent("out.jsonl").path }
  var partial: String { OutputFile.partialPath(for: path) }

  /// Three articles and, between them, a record that could not be read.
  func items() -> [InputItem] {
    [
      .article(Document(id: "a", text: "En."), RecordLocation(file: "in.jsonl", line: 1)),
      .failure(id: "b", location: RecordLocation(file: "in.jsonl", line: 2), error: .emptyText),
      .article(Document(id: "c \"quoted\"", text: "Tre."), RecordLocation(file: "in.jsonl", line: 3)),
      .article(Document(id: "d", text: "Fire."), RecordLocation(file: "in.jsonl", line: 4)),
    ]
  }

  func line(_ item: InputItem, encoder: OutputEncoder? = nil) -> [UInt8] {
    switch item {
    case .article(let document, _): (encoder ?? self.encoder).encode(document)
    case .failure(let id, let location, let error): self.encoder.encodeFailure(id: id, location: location, error: error)
    }
  }

  func withFolder(_ body: () throws -> Void) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try body()
  }

  @Test func writesTheSideFileAndRenamesItOnCommit() throws {
    try withFolder {
      let output = try OutputFile(path: path)
      try output.write(line(items()[0]))
      try output.flush()
      #expect(FileManager.default.contents(atPath: partial) == Data(line(items()[0])))
      #expect(!FileManager.default.fileExists(atPath: path))
      try output.commit()
      #expect(FileManager.default.contents(atPath: path) == Data(line(items()[0])))
      #expect(!FileManager.default.fileExists(atPath: partial))
    }
  }

  @Test func keepsCompleteLinesDropsTheCutOneAndGoesOn() throws {
    try withFolder {
      let all = items().flatMap { line($0) }
      let kept = items().prefix(3).flatMap { line($0) }
      for tail in [Array(line(items()[3]).prefix(20)), [UInt8](repeating: 0, count: 4096)] {
        _ = FileManager.default.createFile(atPath: partial, contents: Data(kept + tail))
        let output = try OutputFile(path: path, resuming: true)
        #expect(output.foundPartialLines)
        var remaining = items().makeIterator()
        let summary = try output.keepFinishedLines(of: &remaining, encoder: encoder)
        #expect(summary.annotated == 2 && summary.failed == 1 && summary.errorCodes == ["empty_text": 1])
        guard let next = remaining.next(), case .article(let document, _) = next else {
          Issue.record("expected the fourth record next")
          return
        }
        #expect(document.id == "d")
        try output.write(line(next))
        try output.commit()
        #expect(FileManager.default.contents(atPath: path) == Data(all))
      }
    }
  }

  @Test func refusesLinesThatAreNotThisRunsOutputAndLeavesThemAlone() throws {
    try withFolder {
      let other = OutputEncoder(
        run: .init(tolkVersion: "test", icuVersion: "test", lexiconsSHA256: "0", stages: []), tokens: .all)
      let cases: [([UInt8], String)] = [
        (
          line(items()[1]) + line(items()[0]),
          #"partial:1: its id is "b", but record 1 of the input (in.jsonl:1) has id "a""#
        ),
        (line(items()[0], encoder: other), #"partial:1: its "pipeline" record differs"#),
        (
          line(items()[0]) + line(items()[0]),
          #"partial:2: its id is "a", but record 2 of the input (in.jsonl:2) has id "b""#
        ),
        (line(items()[0]) + Array("{\"id\":\"b\"}\n".utf8), "partial:2: it is not a line of Tolk's output"),
        (
          line(items()[0])
            + encoder.encodeFailure(id: "b", location: RecordLocation(file: "x", line: 2), error: InputError.emptyText),
          "partial:2: it is not the error record that record 2 of the input (in.jsonl:2) gives"
        ),
        (items().flatMap { line($0) } + line(items()[3]), "partial:5: the input has only 4 records"),
      ]
      for (contents, message) in cases {
        _ = FileManager.default.createFile(atPath: partial, contents: Data(contents))
        let output = try OutputFile(path: path, resuming: true)
        var remaining = items().makeIterator()
        #expect {
          _ = try output.keepFinishedLines(of: &remaining, encoder: encoder)
        } throws: { error in
          guard case .resumeMismatch = error as? PipelineError else { return false }
          return "\(error)".contains(message)
        }
        #expect(FileManager.default.contents(atPath: partial) == Data(contents))
      }
    }
  }

  @Test func locksTheSideFileAgainstASecondRun() throws {
    try withFolder {
      let first = try OutputFile(path: path)
      #expect(throws: PipelineError.outputFailed(path: partial, reason: "another tolk run is writing it")) {
        _ = try OutputFile(path: path, resuming: true)
      }
      try first.commit()
    }
  }

  @Test func startsAnEmptySideFileWhenNotResuming() throws {
    try withFolder {
      _ = FileManager.default.createFile(atPath: partial, contents: Data(line(items()[0])))
      let output = try OutputFile(path: path)
      #expect(output.foundPartialLines)
      try output.commit()
      #expect(FileManager.default.contents(atPath: path) == Data())
    }
  }
}
