import TolkCore

/// Why one input record could not be annotated. Each becomes an error record and the run goes on.
public enum InputError: CodedError, Equatable {
  /// Bytes that are not UTF-8; `byteOffset` is 0-based from the start of the file.
  case invalidUTF8(byteOffset: Int)
  /// Input with a UTF-16 byte order mark that is not well-formed UTF-16 (an unpaired surrogate, or an
  /// odd number of bytes); `byteOffset` is 0-based from the start of the file.
  case invalidUTF16(byteOffset: Int, reason: String)
  /// A NUL character in the text, at this 0-based byte offset of the file (or of the decoded string
  /// for a `\u0000` escape, with `escaped` set).
  case nulByte(byteOffset: Int, escaped: Bool)
  /// The line is not JSON; `column` is a 1-based byte column in the line.
  case malformedJSON(column: Int, reason: String)
  /// An object has the same key twice.
  case duplicateKey(key: String, column: Int)
  /// The line is JSON but not an object.
  case notAnObject
  /// A required field (`id`, `text`) is absent or null.
  case missingField(String)
  /// A field has the wrong type or form.
  case invalidField(String, expected: String)
  /// `text` is empty or only white space.
  case emptyText
  /// The record is longer than `--max-bytes`; it was skipped without being read into memory.
  case recordTooLarge(bytes: Int, limit: Int)
  /// A file could not be read.
  case unreadable(reason: String)

  public var code: String {
    switch self {
    case .invalidUTF8: "invalid_utf8"
    case .invalidUTF16: "invalid_utf16"
    case .nulByte: "nul_byte"
    case .malformedJSON: "malformed_json"
    case .duplicateKey: "duplicate_key"
    case .notAnObject: "not_an_object"
    case .missingField: "missing_field"
    case .invalidField: "invalid_field"
    case .emptyText: "empty_text"
    case .recordTooLarge: "record_too_large"
    case .unreadable: "unreadable"
    }
  }

  public var description: String {
    switch self {
    case .invalidUTF8(let offset): "invalid UTF-8 at byte \(offset) of the file; re-encode the input as UTF-8"
    case .invalidUTF16(let offset, let reason):
      "invalid UTF-16 at byte \(offset) of the file (\(reason)); re-encode the input as UTF-8"
    case .nulByte(let offset, let escaped):
      escaped
        ? "text contains a NUL character (\\u0000 escape) at byte \(offset) of the line"
        : "NUL byte at byte \(offset) of the file; the input looks binary or UTF-16 without a BOM"
    case .malformedJSON(let column, let reason): "malformed JSON at column \(column): \(reason)"
    case .duplicateKey(let key, let column): "key \"\(key)\" appears twice in the object (second at column \(column))"
    case .notAnObject: "the line is JSON but not an object; each line must be {\"id\": …, \"text\": …}"
    case .missingField(let name): "required field \"\(name)\" is missing or null"
    case .invalidField(let name, let expected): "field \"\(name)\" must be \(expected)"
    case .emptyText: "text is empty or only white space"
    case .recordTooLarge(let bytes, let limit):
      "record is \(bytes) bytes, over the --max-bytes limit of \(limit); raise --max-bytes to annotate it"
    case .unreadable(let reason): "cannot read the input: \(reason)"
    }
  }
}
