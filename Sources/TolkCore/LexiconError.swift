/// A problem in a lexicon file; stops a run at startup, before any article is read.
public enum LexiconError: CodedError, Equatable {
  /// The file could not be read or decoded.
  case unreadable(file: String, reason: String)
  /// A line breaks the TSV format (cell count, control characters, NFC, CRLF).
  case invalidLine(file: String, line: Int, reason: String)
  /// The header lacks a column the lexicon needs.
  case missingColumn(file: String, column: String)
  /// A cell's value is not allowed (unknown language, empty pattern, unsorted row, duplicate).
  case invalidEntry(file: String, line: Int, reason: String)

  public var code: String {
    switch self {
    case .unreadable: "lexicon_unreadable"
    case .invalidLine: "lexicon_invalid_line"
    case .missingColumn: "lexicon_missing_column"
    case .invalidEntry: "lexicon_invalid_entry"
    }
  }

  public var description: String {
    switch self {
    case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
    case .invalidLine(let file, let line, let reason): "\(file):\(line): \(reason)"
    case .missingColumn(let file, let column): "\(file): header has no column \"\(column)\""
    case .invalidEntry(let file, let line, let reason): "\(file):\(line): \(reason)"
    }
  }
}
