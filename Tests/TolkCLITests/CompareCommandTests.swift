import Foundation
import Testing
import TolkTesting

@Suite(.serialized) struct CompareCommandTests {
  /// A fresh temporary folder.
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-compare-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs `tolk annotate` and writes its output to `annotations.jsonl` in `folder`.
  static func annotate(_ arguments: [String], input: Data? = nil, into folder: URL, saveAs name: String) throws
    -> CommandResult
  {
    let result = try runTolk(["annotate"] + arguments + ["--tokens", "none", "--quiet"], input: input, saveAs: name)
    #expect(result.status == 0, "\(result.stderr)")
    try result.stdout.write(to: folder.appendingPathComponent("annotations.jsonl"))
    return result
  }

  /// Runs `tolk compare` on `annotations.jsonl` in `folder` and reads the `coverage.json` it wrote.
  static func compare(in folder: URL, _ options: [String] = []) throws -> (CommandResult, [String: Any]) {
    let result = try runTolk(
      [
        "compare", folder.appendingPathComponent("annotations.jsonl").path, "-o",
        folder.appendingPathComponent("report").path,
      ]
        + options)
    let data = try Data(contentsOf: folder.appendingPathComponent("report/coverage.json"))
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return (result, report)
  }

  static func groups(_ report: [String: Any]) -> [[String: Any]] { report["groups"] as? [[String: Any]] ?? [] }
  static func entities(_ report: [String: Any]) -> [[String: Any]] { report["entities"] as? [[String: Any]] ?? [] }

  @Test func reportsTheEntitiesBothSeedsShareAndThoseOnlyOneHasWithTheirCounts() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let annotated = try Self.annotate(["seeds"], into: folder, saveAs: "compare-seeds")
    let (result, report) = try Self.compare(in: folder)
    #expect(result.status == 0, "\(result.stderr)")

    // The expected numbers, counted here from the annotation records themselves.
    struct Count: Equatable, CustomStringConvertible {
      var mentions = 0
      var articles = 0
      var description: String { "\(mentions) mentions in \(articles) articles" }
    }
    var expected: [String: [String: Count]] = [:]
    var expectedSentences: [String: [String: [Int]]] = [:]
    var words: [String: Int] = [:]
    var texts: [String: String] = [:]
    for record in try annotated.records() {
      let language = try #require(record["lang"] as? String)
      let group = language == "nb" || language == "nn" ? "no" : language
      words[group, default: 0] += try #require(record["n_words"] as? Int)
      texts[try #require(record["id"] as? String)] = try #require(record["text"] as? String)
      var seen = Set<String>()
      for entity in try #require(record["entities"] as? [[String: Any]]) {
        let id = try #require(entity["id"] as? String)
        expected[group, default: [:]][id, default: Count()].mentions += 1
        if seen.insert(id).inserted { expected[group, default: [:]][id, default: Count()].articles += 1 }
        let sentence = try #require(entity["sentence"] as? Int)
        if expectedSentences[group, default: [:]][id, default: []].last != sentence {
          expectedSentences[group, default: [:]][id, default: []].append(sentence)
        }
      }
    }
    #expect(Self.groups(report).map { $0["key"] as? String } == ["en", "no"])
    #expect(Self.groups(report).map { $0["label"] as? String } == ["English", "Norwegian"])
    #expect(Self.groups(report).map { $0["articles"] as? Int } == [1, 1])
    #expect(Self.groups(report).map { $0["words"] as? Int } == [words["en"], words["no"]])

    var actual: [String: [String: Count]] = [:]
    for entity in Self.entities(report) {
      let id = try #require(entity["id"] as? String)
      for stats in try #require(entity["groups"] as? [[String: Any]]) {
        let group = try #require(stats["group"] as? String)
        actual[group, default: [:]][id] = Count(
          mentions: try #require(stats["mentions"] as? Int), articles: try #require(stats["articles"] as? Int))
        // Every sentence that mentions it is listed (the seeds have fewer than 10 per entity), and the
        // sentence is the article's text between the sentence's offsets.
        let examples = try #require(stats["examples"] as? [[String: Any]])
        #expect(
          examples.map { $0["sentence"] as? Int } == (expectedSentences[group]?[id] ?? []).map { Optional($0) }, "\(id)"
        )
        for example in examples {
          let article = try #require(example["article"] as? String)
          let text = try #require(texts[article])
          let start = try #require(example["start"] as? Int)
          let end = try #require(example["end"] as? Int)
          let scalars = Array(text.unicodeScalars)[start..<end]
          #expect(example["text"] as? String == String(String.UnicodeScalarView(scalars)))
        }
      }
    }
    #expect(actual == expected)

    let english = Set(expected["en"]?.keys ?? [:].keys)
    let norwegian = Set(expected["no"]?.keys ?? [:].keys)
    let shared = Set(
      Self.entities(report).filter { ($0["groups"] as? [Any])?.count == 2 }.compactMap { $0["id"] as? String })
    let onlyEnglish = Set(
      Self.entities(report).filter { $0["exclusive_to"] as? String == "en" }.compactMap { $0["id"] as? String })
    let onlyNorwegian = Set(
      Self.entities(report).filter { $0["exclusive_to"] as? String == "no" }.compactMap { $0["id"] as? String })
    #expect(shared == english.intersection(norwegian))
    #expect(onlyEnglish == english.subtracting(norwegian))
    #expect(onlyNorwegian == norwegian.subtracting(english))
    #expect(shared.isSuperset(of: ["venezuela", "norway", "nicolas_maduro", "juan_guaido"]))
    #expect(onlyEnglish.isSuperset(of: ["donald_trump", "barbados", "jorge_arreaza"]))
    #expect(onlyNorwegian.isSuperset(of: ["dag_nylander", "antonio_ledezma", "farc"]))

    let markdown = try String(contentsOf: folder.appendingPathComponent("report/coverage.md"), encoding: .utf8)
    #expect(markdown.hasPrefix("# English vs Norwegian coverage\n"))
    #expect(markdown.contains("## Only English (\(onlyEnglish.count))"))
    #expect(markdown.contains("## Only Norwegian (\(onlyNorwegian.count))"))
    #expect(markdown.contains("| Dag Nylander (`dag_nylander`) | PER | 2 | 1 (100 %) |"))
    let html = try String(contentsOf: folder.appendingPathComponent("report/coverage.html"), encoding: .utf8)
    for id in shared.union(onlyEnglish).union(onlyNorwegian) {
      let anchor = "e-" + id.replacingOccurrences(of: ":", with: "-3a-")  // misc:twitter
      #expect(html.contains("<article class=\"entity\" id=\"\(anchor)\">"), "\(id)")
      #expect(html.contains("href=\"#\(anchor)\""), "\(id)")
    }
  }

  @Test func countsWireCopiesOncePerGroupUnlessToldNotTo() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let english = try Repository.text("seeds/000_db61c14585fe4d18.txt")
    let bokmal = try Repository.text("seeds/002_fe690893039d8ce3.txt")
    let nynorsk = try Repository.text("Tests/Fixtures/coverage/nynorsk-version.txt")
    var paragraphs = bokmal.components(separatedBy: "\n\n")
    paragraphs[0] = "Norge leder samtaler om Venezuela"
    let records: [[String: Any]] = [
      ["id": "en", "text": english, "source": "Anadolu"],
      ["id": "nb", "text": bokmal, "source": "NRK"],
      ["id": "nb-reprint", "text": paragraphs.dropLast(3).joined(separator: "\n\n"), "source": "VG"],
      ["id": "nn", "text": nynorsk, "source": "NRK", "lang": "nn"],
    ]
    let input = try records.map { record in
      String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
    }.joined(separator: "\n")
    _ = try Self.annotate(["-"], input: Data(input.utf8), into: folder, saveAs: "compare-copies")

    let (result, report) = try Self.compare(in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Self.groups(report).map { $0["articles"] as? Int } == [1, 1])
    #expect(Self.groups(report).map { $0["copies_skipped"] as? Int } == [0, 2])
    let stories = try #require(report["duplicate_stories"] as? [[String: Any]])
    #expect(stories.count == 1)
    let members = try #require(stories.first?["members"] as? [[String: Any]])
    #expect(members.map { $0["id"] as? String } == ["nb", "nb-reprint", "nn"])
    #expect(members.map { $0["counted"] as? Bool } == [true, false, false])
    #expect(result.stderr.contains("2 articles counted (English 1, Norwegian 1), 2 copies skipped"))

    let (_, everything) = try Self.compare(in: folder, ["--no-dedupe"])
    #expect(Self.groups(everything).map { $0["articles"] as? Int } == [1, 3])
    #expect((everything["duplicate_stories"] as? [Any])?.isEmpty == true)

    let (_, bySource) = try Self.compare(in: folder, ["--by", "source"])
    #expect(
      Self.groups(bySource).map { "\($0["key"] ?? "") \($0["articles"] ?? "")" } == ["Anadolu 1", "NRK 1", "VG 1"])
  }

  @Test func refusesAMissingFileAndBadOptionsWithStatus2() throws {
    let missing = try runTolk(["compare", "/nonexistent/annotations.jsonl", "-o", "/tmp/tolk-never"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("/nonexistent/annotations.jsonl: no such file"))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/tolk-never"))
    #expect(try runTolk(["compare", "seeds", "--by", "outlet"]).status == 2)
    #expect(try runTolk(["compare", "seeds", "--threshold", "1.5"]).status == 2)
  }

  @Test func writesTheReportAndExits1WhenSomeLinesAreNotAnnotations() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try Self.annotate(["seeds/000_db61c14585fe4d18.txt"], into: folder, saveAs: "compare-bad-lines")
    let file = folder.appendingPathComponent("annotations.jsonl")
    var contents = try Data(contentsOf: file)
    contents.append(Data("{\"id\": \"x\", \"text\": \"truncated\n".utf8))
    try contents.write(to: file)
    let (result, report) = try Self.compare(in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("annotations.jsonl:2: not JSON: "))
    #expect(report["unreadable_lines"] as? Int == 1)
    #expect(Self.groups(report).map { $0["articles"] as? Int } == [1])
  }
}
