import Foundation

/// Runs the `tolk` executable like a user would, for CLI tests.
public struct CommandResult: Sendable {
  public var status: Int32
  public var stdout: Data
  public var stderr: String

  /// Standard output split into lines (each without its newline).
  public var lines: [String] {
    String(decoding: stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
      String.init)
  }

  /// Each line parsed as a JSON object.
  public func records() throws -> [[String: Any]] {
    try lines.map { line in
      guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw TestSetupError("not a JSON object: \(line.prefix(200))")
      }
      return object
    }
  }
}

/// Runs `tolk` with `arguments` in the checkout's root, feeding `input` on standard input. When
/// `$TOLK_TEST_OUTPUT` names a folder, standard output is also saved there as `<name>.jsonl`, so that
/// `make test` can validate every line the tests produced against the JSON Schema.
public func runTolk(_ arguments: [String], input: Data? = nil, saveAs name: String? = nil) throws -> CommandResult {
  let process = Process()
  process.executableURL = Repository.binary
  process.arguments = arguments
  process.currentDirectoryURL = Repository.root
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let stdinURL = folder.appendingPathComponent("stdin")
  let stdoutURL = folder.appendingPathComponent("stdout")
  let stderrURL = folder.appendingPathComponent("stderr")
  try (input ?? Data()).write(to: stdinURL)
  _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
  process.standardInput = try FileHandle(forReadingFrom: stdinURL)
  process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
  process.standardError = try FileHandle(forWritingTo: stderrURL)
  try process.run()
  process.waitUntilExit()
  let stdout = try Data(contentsOf: stdoutURL)
  if let name, let outputFolder = ProcessInfo.processInfo.environment["TOLK_TEST_OUTPUT"], !outputFolder.isEmpty {
    try stdout.write(to: URL(fileURLWithPath: outputFolder).appendingPathComponent("\(name).jsonl"))
  }
  return CommandResult(
    status: process.terminationStatus, stdout: stdout,
    stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
}
