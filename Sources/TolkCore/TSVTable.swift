import Foundation

/// A lexicon file: `#` comment lines, a header of snake_case column names, then tab-separated rows.
///
/// UTF-8, NFC, LF line ends. Cells are unquoted; a list inside a cell uses `|`. Every row must have
/// as many cells as the header. Readers of specific lexicons turn rows into typed entries and report
/// problems with ``location(of:)``.
public struct TSVTable: Sendable {
  /// One data row with the 1-based line it came from.
  public struct Row: Sendable {
    public var line: Int
    public var cells: [String]
  }

  /// The file name as it appears in messages and `source` fields, relative to the lexicon root
  /// (`abbreviations/nb.tsv`).
  public let name: String
  public let columns: [String]
  public let rows: [Row]

  /// Parses `contents`; `name` is used in error messages.
  public init(name: String, contents: String) throws(LexiconError) {
    self.name = name
    var columns: [String]?
    var rows: [Row] = []
    var lineNumber = 0
    // Split on U+000A itself: Swift reads "\r\n" as one Character, which would hide CRLF files.
    for rawLine in contents.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = Substring(rawLine)
      if line.hasSuffix("\r") {
        throw .invalidLine(file: name, line: lineNumber, reason: "line ends with CRLF; save the file with LF line ends")
      }
      if line.isEmpty || line.hasPrefix("#") { continue }
      // In UTF-8, bytes below 0x20 are the control characters themselves.
      if rawLine.contains(where: { $0 < 0x20 && $0 != 0x09 }) {
        throw .invalidLine(file: name, line: lineNumber, reason: "line contains a control character")
      }
      // Every code point below U+0300 (lead bytes below 0xCC) is NFC whatever surrounds it and starts a
      // character of its own, so such a line (nearly all) is NFC and splits at tab bytes. Others are
      // checked by composing them; compare scalars there, since String's == treats canonically
      // equivalent NFD and NFC text as equal.
      let isBelowCombiningMarks = rawLine.allSatisfy { $0 < 0xCC }
      if !isBelowCombiningMarks
        && !line.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(line.unicodeScalars)
      {
        throw .invalidLine(file: name, line: lineNumber, reason: "line is not in Unicode NFC")
      }
      let cells =
        isBelowCombiningMarks
        ? rawLine.split(separator: 0x09, omittingEmptySubsequences: false).map { String(Substring($0)) }
        : line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard let header = columns else {
        for cell in cells
        where cell.isEmpty || !cell.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
          throw .invalidLine(file: name, line: lineNumber, reason: "header column \"\(cell)\" is not a snake_case name")
        }
        columns = cells
        continue
      }
      guard cells.count == header.count else {
        throw .invalidLine(
          file: name, line: lineNumber,
          reason:
            "row has \(cells.count) cells but the header has \(header.count) columns (\(header.joined(separator: ", ")))"
        )
      }
      rows.append(Row(line: lineNumber, cells: cells))
    }
    guard let header = columns else {
      throw .invalidLine(file: name, line: lineNumber, reason: "file has no header row")
    }
    self.columns = header
    self.rows = rows
  }

  /// Reads and parses the file at `url`, naming it `name` in messages.
  public init(contentsOf url: URL, name: String) throws(LexiconError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw .unreadable(file: name, reason: error.localizedDescription)
    }
    guard let contents = String(validating: data, as: UTF8.self) else {
      throw .unreadable(file: name, reason: "is not valid UTF-8")
    }
    try self.init(name: name, contents: contents)
  }

  /// The index of `column`, or a ``LexiconError`` naming the file when the header lacks it.
  public func index(of column: String) throws(LexiconError) -> Int {
    guard let index = columns.firstIndex(of: column) else {
      throw .missingColumn(file: name, column: column)
    }
    return index
  }

  /// `file:line` for messages and `source` fields.
  public func location(of row: Row) -> String { "\(name):\(row.line)" }
}
