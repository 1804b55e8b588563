import Foundation

/// Writes a ``CoverageReport`` as `coverage.json`, `coverage.md` and `coverage.html` into a folder.
public enum CoverageFiles {
  /// The file names, in the order they are written.
  public static let names = ["coverage.json", "coverage.md", "coverage.html"]

  /// The report as pretty-printed JSON with sorted keys (so that two runs compare byte for byte).
  public static func json(_ report: CoverageReport) throws(CoverageError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      return try encoder.encode(report) + Data("\n".utf8)
    } catch {
      throw .outputFailed(path: "coverage.json", reason: "\(error)")
    }
  }

  /// Creates `directory` if needed and writes the three files, each atomically (a temporary file
  /// renamed into place); returns their URLs.
  @discardableResult
  public static func write(_ report: CoverageReport, to directory: URL, top: Int = 25) throws(CoverageError) -> [URL] {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw .outputFailed(path: directory.path, reason: error.localizedDescription)
    }
    let contents = [
      try json(report),
      Data(CoverageMarkdown(report: report, top: top).text.utf8),
      Data(CoverageHTML(report: report, top: top).document.utf8),
    ]
    var urls: [URL] = []
    for (name, data) in zip(names, contents) {
      let url = directory.appendingPathComponent(name)
      do {
        try data.write(to: url, options: .atomic)
      } catch {
        throw .outputFailed(path: url.path, reason: error.localizedDescription)
      }
      urls.append(url)
    }
    return urls
  }
}
