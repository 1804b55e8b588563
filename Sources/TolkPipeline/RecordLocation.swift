/// Where an input record came from, for error records and messages.
public struct RecordLocation: Sendable, Hashable, CustomStringConvertible {
  /// The path as given on the command line (or found in a directory); `-` for standard input.
  public var file: String
  /// 1-based line of a JSONL record; nil for a `.txt` file.
  public var line: Int?

  public init(file: String, line: Int? = nil) {
    self.file = file
    self.line = line
  }

  public var description: String { line.map { "\(file):\($0)" } ?? file }
}
