import Foundation
import TolkCore

/// Finds the per-language files of one lexicon folder (`abbreviations/en.tsv`, `abbreviations/nb.tsv`).
enum LexiconFiles {
  /// Every `<lang>.tsv` in `folder`, sorted by language, parsed; names are relative to `root`.
  static func tables(in folder: URL, relativeTo root: URL) throws(LexiconError) -> [(Language, TSVTable)] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    } catch {
      throw .unreadable(file: folder.lastPathComponent + "/", reason: "no such lexicon folder under \(root.path)")
    }
    var tables: [(Language, TSVTable)] = []
    for name in names.sorted() where name.hasSuffix(".tsv") {
      let language = Language(rawValue: String(name.dropLast(4)))
      let relative = folder.lastPathComponent + "/" + name
      tables.append((language, try TSVTable(contentsOf: folder.appendingPathComponent(name), name: relative)))
    }
    return tables
  }
}
