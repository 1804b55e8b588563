import Foundation
import TolkCore

/// Validates every lexicon file under a folder: the TSV format, sorted unique rows, and each lexicon's
/// own rules (by loading it as the pipeline would).
public struct LexiconChecker: Sendable {
  /// What a check found.
  public struct Report: Sendable {
    public var files = 0
    public var rows = 0
    /// `file:line: message` for each problem, in file order.
    public var problems: [String] = []
  }

  public let directory: URL

  public init(directory: URL) { self.directory = directory }

  public func check() -> Report {
    var report = Report()
    let paths = (FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? [])
      .filter { $0.hasSuffix(".tsv") }.sorted()
    for relative in paths {
      report.files += 1
      do {
        let table = try TSVTable(contentsOf: directory.appendingPathComponent(relative), name: relative)
        report.rows += table.rows.count
        let rule = Self.ordering(of: relative)
        var previous: TSVTable.Row?
        var seen: [String: Int] = [:]
        for row in table.rows where rule != .none {
          let key = row.cells[0]
          if key.isEmpty { report.problems.append("\(table.location(of: row)): first cell is empty") }
          let identity = (rule == .uniqueRows ? row.cells.prefix(4).joined(separator: "\t") : key).lowercased()
          if let line = seen[identity] {
            report.problems.append("\(table.location(of: row)): \"\(key)\" is already listed on line \(line)")
          } else {
            seen[identity] = row.line
          }
          if rule == .sortedByFirstColumn, let previous, Self.precedes(key, previous.cells[0]) {
            report.problems.append(
              "\(table.location(of: row)): rows are not sorted: \"\(key)\" comes after \"\(previous.cells[0])\" on line \(previous.line)"
            )
          }
          previous = row
        }
      } catch {
        report.problems.append(error.description)
      }
    }
    do {
      _ = try LexiconSet(directory: directory)
    } catch {
      if !report.problems.contains(error.description) { report.problems.append(error.description) }
    }
    return report
  }

  /// How the rows of a lexicon file are ordered and what makes a row unique.
  enum Ordering {
    /// Sorted by the first column, which is unique (case-insensitively): most word lists.
    case sortedByFirstColumn
    /// Rows grouped by hand under comment headings; the first four cells together are unique (stance
    /// cues and targets, where a pattern may appear once per class).
    case uniqueRows
    /// Generated files whose own loader checks them (word clusters, sorted by path).
    case none
  }

  static func ordering(of relative: String) -> Ordering {
    if relative == "ner/clusters.tsv" { return .none }
    if relative.hasPrefix("stance/") { return .uniqueRows }
    return .sortedByFirstColumn
  }

  /// Code-point order of Unicode scalars, as Python's `sorted()` and `LC_ALL=C sort` give.
  static func precedes(_ lhs: String, _ rhs: String) -> Bool {
    lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
  }
}
