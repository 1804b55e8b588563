import TolkCore

/// Turns the bytes of one `.txt` file or one JSONL line into an article or an error.
///
/// JSONL: an object with `id` (string, or an integer, kept as its digits) and `text` (string) required;
/// `title`, `lang`, `source`, `url` (strings) and `published` (an ISO 8601 date or date-time string)
/// optional, null allowed; every other field goes to `meta` as given. `.txt`: UTF-8 (or UTF-16 with a
/// BOM); the first non-empty line is the title; the id is the file name without extension.
enum RecordDecoder {
  static let knownFields: Set<String> = ["id", "text", "title", "lang", "source", "url", "published"]

  /// Decodes one JSONL line of UTF-8; `location` names it in errors and `lineOffset` is the line's
  /// byte offset in the file. A leading byte order mark is skipped: some editors save one, and files
  /// joined with `cat` keep theirs in mid-file.
  static func jsonLine(_ bytes: ArraySlice<UInt8>, location: RecordLocation, lineOffset: Int) -> InputItem {
    let markLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return bytes.dropFirst(markLength).withUnsafeBufferPointer { buffer in
      switch UTF8Validation.firstProblem(in: buffer) {
      case .invalid(let offset)?:
        return .failure(
          id: IDScanner.id(in: buffer), location: location,
          error: .invalidUTF8(byteOffset: lineOffset + markLength + offset))
      case .nul(let offset)?:
        return .failure(
          id: IDScanner.id(in: buffer), location: location,
          error: .nulByte(byteOffset: lineOffset + markLength + offset, escaped: false))
      case nil:
        return parsedLine(buffer, location: location)
      }
    }
  }

  /// Decodes one JSONL line of UTF-16 bytes, from input that starts with a UTF-16 byte order mark.
  static func utf16JSONLine(
    _ bytes: ArraySlice<UInt8>, bigEndian: Bool, location: RecordLocation, lineOffset: Int
  ) -> InputItem {
    let (utf8, problem) = UTF16Transcoder.utf8(from: bytes, bigEndian: bigEndian)
    if let problem {
      let id = utf8.withUnsafeBufferPointer { IDScanner.id(in: $0) }
      return .failure(id: id, location: location, error: error(for: problem, at: lineOffset))
    }
    return jsonLine(utf8[...], location: location, lineOffset: lineOffset)
  }

  /// The error for a UTF-16 problem found in bytes that start at byte `base` of the file.
  private static func error(for problem: UTF16Transcoder.Problem, at base: Int) -> InputError {
    switch problem {
    case .unpairedSurrogate(let offset): .invalidUTF16(byteOffset: base + offset, reason: "an unpaired surrogate")
    case .oddLength(let offset): .invalidUTF16(byteOffset: base + offset, reason: "an odd number of bytes")
    case .nul(let offset): .nulByte(byteOffset: base + offset, escaped: false)
    }
  }

  /// Parses a line already known to be UTF-8 without NUL bytes.
  private static func parsedLine(_ buffer: UnsafeBufferPointer<UInt8>, location: RecordLocation) -> InputItem {
    let value: JSONValue
    do throws(JSONParser.Failure) {
      value = try JSONParser.parse(buffer)
    } catch {
      let id = IDScanner.id(in: buffer)
      if error.isDuplicateKey {
        let key = error.reason.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
        return .failure(id: id, location: location, error: .duplicateKey(key: key, column: error.offset + 1))
      }
      return .failure(
        id: id, location: location, error: .malformedJSON(column: error.offset + 1, reason: error.reason))
    }
    return article(from: value, location: location)
  }

  /// Builds a document from a parsed JSONL object.
  static func article(from value: JSONValue, location: RecordLocation) -> InputItem {
    guard let members = value.members else { return .failure(id: nil, location: location, error: .notAnObject) }
    let id: String
    switch value["id"] {
    case .string(let string) where !string.isEmpty: id = string
    case .number(let literal) where literal.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }): id = literal
    case nil, .null?: return .failure(id: nil, location: location, error: .missingField("id"))
    default:
      return .failure(
        id: nil, location: location, error: .invalidField("id", expected: "a non-empty string or an integer"))
    }
    func fail(_ error: InputError) -> InputItem { .failure(id: id, location: location, error: error) }
    func optionalString(_ name: String) throws(InputError) -> String? {
      switch value[name] {
      case nil, .null?: return nil
      case .string(let string)?: return string
      default: throw .invalidField(name, expected: "a string or null")
      }
    }
    let text: String
    switch value["text"] {
    case .string(let string)?: text = string
    case nil, .null?: return fail(.missingField("text"))
    default: return fail(.invalidField("text", expected: "a string"))
    }
    do {
      let document = Document(
        id: id, text: try validatedText(text, escapedNUL: true),
        title: try optionalString("title"),
        language: try optionalString("lang").map { Language(metadata: $0) },
        source: try optionalString("source"), url: try optionalString("url"),
        published: try publishedDate(optionalString("published")),
        meta: members.filter { !knownFields.contains($0.key) })
      return .article(document, location)
    } catch {
      return fail(error)
    }
  }

  /// Decodes a `.txt` file read whole; `id` is its file name without extension.
  static func textFile(_ bytes: [UInt8], id: String, location: RecordLocation) -> InputItem {
    func fail(_ error: InputError) -> InputItem { .failure(id: id, location: location, error: error) }
    let text: String
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let (utf8, problem) = UTF16Transcoder.utf8(from: bytes[2...], bigEndian: bytes[0] == 0xFE)
      if let problem { return fail(error(for: problem, at: 2)) }
      text = String(decoding: utf8, as: UTF8.self)
    } else {
      let markLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
      let body = bytes[markLength...]
      switch body.withUnsafeBufferPointer({ UTF8Validation.firstProblem(in: $0) }) {
      case .invalid(let offset)?: return fail(.invalidUTF8(byteOffset: markLength + offset))
      case .nul(let offset)?: return fail(.nulByte(byteOffset: markLength + offset, escaped: false))
      case nil: text = String(decoding: body, as: UTF8.self)
      }
    }
    do {
      let checked = try validatedText(text, escapedNUL: false)
      let title = checked.split(omittingEmptySubsequences: true, whereSeparator: { $0.isNewline })
        .lazy.map { $0.trimmingWhitespace() }.first { !$0.isEmpty }
      return .article(Document(id: id, text: checked, title: title.map(String.init)), location)
    } catch {
      return fail(error)
    }
  }

  /// Drops one leading BOM and refuses NUL characters and empty text.
  private static func validatedText(_ text: String, escapedNUL: Bool) throws(InputError) -> String {
    let body = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    if let nul = body.utf8.firstIndex(of: 0) {
      throw .nulByte(byteOffset: body.utf8.distance(from: body.utf8.startIndex, to: nul), escaped: escapedNUL)
    }
    if body.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint }) {
      throw .emptyText
    }
    return body
  }

  /// Accepts `YYYY-MM-DD`, optionally followed by `T` (or a space) and a time with optional seconds,
  /// fraction and zone (`Z`, `+02:00`, `+0200`).
  private static func publishedDate(_ value: String?) throws(InputError) -> String? {
    guard let value else { return nil }
    let pattern = /\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?/
    guard (try? pattern.wholeMatch(in: value)) != nil else {
      throw .invalidField(
        "published", expected: "an ISO 8601 date or date-time such as 2019-05-16 or 2019-05-16T10:30:00Z")
    }
    return value
  }
}

extension Substring {
  fileprivate func trimmingWhitespace() -> Substring {
    var result = self
    while let first = result.first, first.isWhitespace { result = result.dropFirst() }
    while let last = result.last, last.isWhitespace { result = result.dropLast() }
    return result
  }
}

/// Finds a top-level `"id": "…"` (or integer) in the first bytes of a JSON object that could not be
/// read whole (too long, malformed), so that its error record still names it. An id that is not valid
/// UTF-8, or holds escapes, is not named: the error record's id is null rather than a guess.
enum IDScanner {
  static func id(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var depth = 0
    var index = 0
    var expectKey = false
    /// The string whose opening quote is at `start` (nil when it is not UTF-8) and the index after it.
    func string(at start: Int) -> (String?, Int)? {
      var end = start + 1
      var escaped = false
      while end < bytes.count {
        if escaped {
          escaped = false
        } else if bytes[end] == 0x5C {
          escaped = true
        } else if bytes[end] == 0x22 {
          break
        }
        end += 1
      }
      guard end < bytes.count else { return nil }
      return (String(validating: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self), end + 1)
    }
    while index < bytes.count {
      switch bytes[index] {
      case 0x7B, 0x5B:
        depth += 1
        expectKey = depth == 1 && bytes[index] == 0x7B
        index += 1
      case 0x7D, 0x5D:
        depth -= 1
        index += 1
      case 0x2C:
        expectKey = depth == 1
        index += 1
      case 0x22:
        guard let (value, next) = string(at: index) else { return nil }
        index = next
        if expectKey && depth == 1 {
          expectKey = false
          guard value == "id" else { continue }
          while index < bytes.count, [0x20, 0x09, 0x3A].contains(bytes[index]) { index += 1 }
          guard index < bytes.count else { return nil }
          if bytes[index] == 0x22 {
            guard let (id, _) = string(at: index), let id, !id.isEmpty, !id.contains("\\") else { return nil }
            return id
          }
          var end = index
          while end < bytes.count, (0x30...0x39).contains(bytes[end]) || bytes[end] == 0x2D { end += 1 }
          return end > index ? String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self) : nil
        }
      default:
        index += 1
      }
    }
    return nil
  }
}
