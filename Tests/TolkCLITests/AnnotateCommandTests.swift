import Foundation
import Testing
import TolkTesting

@Suite(.serialized) struct AnnotateCommandTests {
  /// Compares `tolk arguments` with a golden file, or rewrites it when `TOLK_RECORD=1`.
  func expectGolden(_ arguments: [String], golden name: String) throws {
    let result = try runTolk(arguments, saveAs: name)
    #expect(result.status == 0, "\(result.stderr)")
    let golden = Repository.root.appendingPathComponent("Tests/Fixtures/golden/\(name).jsonl")
    if ProcessInfo.processInfo.environment["TOLK_RECORD"] == "1" {
      try result.stdout.write(to: golden)
      Issue.record("recorded a new golden file at \(golden.path); unset TOLK_RECORD and review the diff")
      return
    }
    let expected = try Data(contentsOf: golden)
    #expect(
      result.stdout == expected,
      "output differs from Tests/Fixtures/golden/\(name).jsonl; run TOLK_RECORD=1 make test to rewrite it")
  }

  @Test func matchesTheGoldenOutputForTheSeeds() throws {
    try expectGolden(["annotate", "seeds", "--tokens", "all", "--jobs", "2"], golden: "seeds")
  }

  /// The entity models load and tag a fixed sample of unlisted names exactly as recorded.
  @Test func tagsTheEntityModelSampleAsRecorded() throws {
    try expectGolden(["annotate", "Tests/Fixtures/ner/sample.jsonl", "--tokens", "none"], golden: "ner-sample")
  }

  @Test func writesOneLinePerSeedWithOffsetsIntoTheTextAsGiven() throws {
    let result = try runTolk(
      ["annotate", "seeds/002_fe690893039d8ce3.txt", "seeds/000_db61c14585fe4d18.txt"], saveAs: "seeds-words")
    #expect(result.status == 0)
    let records = try result.records()
    #expect(records.map { $0["id"] as? String } == ["002_fe690893039d8ce3", "000_db61c14585fe4d18"])
    let english = try Repository.text("seeds/000_db61c14585fe4d18.txt")
    #expect(records[1]["text"] as? String == english)
    let tokens = try #require(records[1]["tokens"] as? [[String: Any]])
    let scalars = Array(english.unicodeScalars)
    let guaido = tokens.first { token in
      guard let start = token["start"] as? Int, let end = token["end"] as? Int else { return false }
      return String(String.UnicodeScalarView(scalars[start..<end])) == "Guaido"
    }
    #expect(guaido?["fold"] as? String == "guaido")
    #expect(tokens.allSatisfy { ($0["kind"] as? String) == "word" || ($0["kind"] as? String) == "number" })
  }

  @Test func producesIdenticalBytesWhateverTheJobs() throws {
    let english = try Repository.text("seeds/000_db61c14585fe4d18.txt")
    let norwegian = try Repository.text("seeds/002_fe690893039d8ce3.txt")
    var input = ""
    for index in 0..<120 {
      let text = String(repeating: index % 2 == 0 ? english : norwegian, count: 1 + index % 4)
      let record: [String: Any] = ["id": "a\(index)", "text": text, "lang": index % 2 == 0 ? "en" : "nb", "n": index]
      input +=
        String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        + "\n"
    }
    let one = try runTolk(
      ["annotate", "--jobs", "1", "--tokens", "all", "-"], input: Data(input.utf8), saveAs: "jobs-1")
    let four = try runTolk(["annotate", "--jobs", "4", "--tokens", "all", "-"], input: Data(input.utf8))
    #expect(one.status == 0 && four.status == 0)
    #expect(one.lines.count == 120)
    #expect(one.stdout == four.stdout)
  }

  @Test func writesAnErrorRecordForEveryBadRecordAndGoesOn() throws {
    var input = Data()
    input.append(Data(#"{"id": "good-1", "text": "Guaidó takker Norge."}"#.utf8 + [0x0A]))
    input.append(Data(#"{"id": "utf8", "text": "bad "#.utf8 + [0xC3, 0x28] + #""}"#.utf8 + [0x0A]))
    input.append(Data(#"{"id": "trunc", "text": "no end"#.utf8 + [0x0A]))
    input.append(Data([0x0A]))  // a blank line is not a record
    input.append(Data(#"{"text": "no id"}"#.utf8 + [0x0A]))
    input.append(Data(#"{"id": "empty", "text": ""}"#.utf8 + [0x0A]))
    input.append(Data(#"{"id": "nul", "text": "a\u0000b"}"#.utf8 + [0x0A]))
    input.append(Data(#"{"id": "dup", "text": "a", "text": "b"}"#.utf8 + [0x0A]))
    input.append(Data(#"{"id": "big", "text": ""#.utf8 + Data(repeating: 0x61, count: 5000) + #""}"#.utf8 + [0x0A]))
    input.append(Data(#"{"id": 42, "text": "The end.", "extra": {"keep": [1.50, "x"]}}"#.utf8))
    let result = try runTolk(["annotate", "--max-bytes", "4096", "-"], input: input, saveAs: "errors")
    #expect(result.status == 1)
    #expect(result.stderr.contains("2 annotated, 7 errors"))
    let records = try result.records()
    #expect(
      records.map { $0["id"] as? String } == ["good-1", "utf8", "trunc", nil, "empty", "nul", "dup", "big", "42"])
    let errors = records.map { ($0["error"] as? [String: Any]) }
    #expect(
      errors.map { $0?["code"] as? String } == [
        nil, "invalid_utf8", "malformed_json", "missing_field", "empty_text", "nul_byte", "duplicate_key",
        "record_too_large", nil,
      ])
    #expect(errors.map { $0?["line"] as? Int } == [nil, 2, 3, 5, 6, 7, 8, 9, nil])
    #expect((errors[1]?["message"] as? String)?.contains("byte 78 ") == true)
    let meta = records[8]["meta"] as? [String: Any]
    #expect((meta?["extra"] as? [String: Any])?["keep"] != nil)
    #expect(result.lines[8].contains(#""meta":{"extra":{"keep":[1.50,"x"]}}"#))
  }

  @Test func reportsUsageErrorsWithStatus2() throws {
    for arguments in [
      ["annotate", "--jobs", "0"], ["annotate", "no/such/path.txt"], ["annotate", "--tokens", "some"],
      ["annotate", "Package.swift"], ["annotate", "--no-such-flag"],
    ] {
      let result = try runTolk(arguments)
      #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
      #expect(!result.stderr.isEmpty)
      #expect(result.stdout.isEmpty)
    }
  }

  @Test func writesTheOutputFileAtomically() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("annotations.jsonl")
    let result = try runTolk(["annotate", "seeds", "-o", output.path, "--tokens", "none"])
    #expect(result.status == 0 && result.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["annotations.jsonl"])
    let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { $0.contains(#""tokens":[]"#) && !$0.contains(#""n_tokens":0"#) })
  }

  @Test func readsDirectoriesRecursivelyInNameOrder() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-dir-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("b"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "Tittel\n\nTekst om Norge.".write(
      to: folder.appendingPathComponent("b/z.txt"), atomically: true, encoding: .utf8)
    try #"{"id":"j1","text":"One."}"#.appending("\n").write(
      to: folder.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
    try Data([0x61, 0xFF, 0x62]).write(to: folder.appendingPathComponent("c.txt"))
    try "ignored".write(to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
    let result = try runTolk(["annotate", folder.path], saveAs: "directory")
    let records = try result.records()
    #expect(records.map { $0["id"] as? String } == ["j1", "z", "c"])
    #expect(records[1]["title"] as? String == "Tittel")
    #expect(((records[2]["error"] as? [String: Any])?["message"] as? String)?.contains("byte 1 ") == true)
    #expect(result.status == 1)
  }

  @Test func summarizesAnAnnotationFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-sum-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("a.jsonl")
    _ = try runTolk(["annotate", "seeds", "-o", output.path])
    let result = try runTolk(["summarize", output.path])
    let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
    #expect(
      lines.first?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        == "id lang title heading body boilerplate sentences words entities error")
    #expect(lines.count == 3)
    #expect(lines[1].hasPrefix("000_db61c14585fe4d18  en    1      1        11    1"))
  }

  @Test func checksTheShippedLexicons() throws {
    let result = try runTolk(["lexicon", "check"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(String(decoding: result.stdout, as: UTF8.self).contains(" 0 problems"))
  }
}
