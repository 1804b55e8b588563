import Foundation
import Testing
import TolkTesting

#if canImport(Glibc)
  import Glibc
#endif

/// `tolk annotate -o FILE` killed with SIGKILL mid-run, then run again with `--resume`.
@Suite(.serialized) struct InterruptedRunTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-kill-\(UUID().uuidString)")

  /// About 560 KB of JSONL: 250 articles, with records that cannot be read among them.
  func writeInput() throws -> URL {
    let english = try Repository.text("seeds/000_db61c14585fe4d18.txt")
    let norwegian = try Repository.text("seeds/002_fe690893039d8ce3.txt")
    var input = ""
    for index in 0..<250 {
      if index % 97 == 50 {
        input += #"{"id": "bad-\#(index)", "text": ""}"# + "\n"
        continue
      }
      let record: [String: Any] = ["id": "a\(index)", "text": index % 2 == 0 ? english : norwegian]
      input += String(
        decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
      input += "\n"
    }
    let url = folder.appendingPathComponent("in.jsonl")
    try input.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// Starts `tolk annotate --tokens all INPUT -o OUTPUT`, waits until its side file holds a megabyte,
  /// and kills it; true when it was killed before it finished.
  func startAndKill(input: URL, output: URL) throws -> Bool {
    let process = Process()
    process.executableURL = Repository.binary
    process.arguments = ["annotate", "--tokens", "all", "--quiet", input.path, "-o", output.path]
    process.currentDirectoryURL = Repository.root
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let partial = output.path + ".partial"
    while process.isRunning {
      let size = (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0
      if size >= 1 << 20 { break }
      usleep(5_000)
    }
    let killed = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return killed && process.terminationReason == .uncaughtSignal
  }

  @Test func leavesTheOutputAsItWasAndResumesToTheSameBytes() throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = try writeInput()
    let reference = try runTolk(["annotate", "--tokens", "all", input.path], saveAs: "interrupted-reference")
    #expect(reference.status == 1, "\(reference.stderr)")
    #expect(reference.lines.count == 250)

    let output = folder.appendingPathComponent("out.jsonl")
    let partial = URL(fileURLWithPath: output.path + ".partial")
    try #require(try startAndKill(input: input, output: output), "the run finished before it could be killed")
    #expect(!FileManager.default.fileExists(atPath: output.path), "a killed first run left \(output.path)")
    let left = try Data(contentsOf: partial)
    let complete = left.prefix(through: try #require(left.lastIndex(of: 0x0A)))
    #expect(reference.stdout.starts(with: complete), "the side file's complete lines are not the output's first lines")
    let keptLines = complete.count { $0 == 0x0A }
    #expect(keptLines > 0 && keptLines < 250)

    let resumed = try runTolk(["annotate", "--tokens", "all", input.path, "-o", output.path, "--resume"])
    #expect(resumed.status == reference.status, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("kept \(keptLines) finished lines"), "\(resumed.stderr)")
    #expect(resumed.stderr.contains("247 annotated, 3 errors"), "\(resumed.stderr)")
    #expect(try Data(contentsOf: output) == reference.stdout, "the resumed output differs from an uninterrupted run")
    #expect(!FileManager.default.fileExists(atPath: partial.path))

    // Killed again, with a complete file in place: that file stays as it was.
    try #require(try startAndKill(input: input, output: output), "the run finished before it could be killed")
    #expect(try Data(contentsOf: output) == reference.stdout, "a killed run changed the previous output")
  }

  @Test func refusesToResumeFromAnotherInput() throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("out.jsonl")
    let first = folder.appendingPathComponent("first.jsonl")
    let second = folder.appendingPathComponent("second.jsonl")
    try #"{"id": "one", "text": "Hei."}"#.appending("\n").write(to: first, atomically: true, encoding: .utf8)
    try #"{"id": "two", "text": "Hei."}"#.appending("\n").write(to: second, atomically: true, encoding: .utf8)
    let written = try runTolk(["annotate", first.path])
    try written.stdout.write(to: URL(fileURLWithPath: output.path + ".partial"))
    let result = try runTolk(["annotate", second.path, "-o", output.path, "--resume"])
    #expect(result.status == 2)
    #expect(result.stderr.contains(#"its id is "one", but record 1 of the input"#), "\(result.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: output.path + ".partial")) == written.stdout)
    #expect(!FileManager.default.fileExists(atPath: output.path))
    #expect(try runTolk(["annotate", second.path, "--resume"]).status == 2)
  }
}
