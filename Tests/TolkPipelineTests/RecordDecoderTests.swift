import Testing
import TolkCore

@testable import TolkPipeline

@Suite struct RecordDecoderTests {
  let location = RecordLocation(file: "in.jsonl", line: 3)

  func decode(_ line: String) -> InputItem {
    RecordDecoder.jsonLine(ArraySlice(Array(line.utf8)), location: location, lineOffset: 100)
  }

  func document(_ line: String) throws -> Document {
    guard case .article(let document, _) = decode(line) else {
      throw InputErrorExpectation("expected an article from \(line)")
    }
    return document
  }

  struct InputErrorExpectation: Error { var message: String; init(_ message: String) { self.message = message } }

  @Test func readsKnownFieldsAndCarriesTheRestUnderMeta() throws {
    let document = try document(
      #"{"source":"NRK","id":"nrk-1","text":"\ufeffHei","lang":"no","title":"T","url":null,"published":"2019-05-16T10:30:00+02:00","tags":["a",1.0],"x":{"y":null}}"#
    )
    #expect(document.id == "nrk-1")
    #expect(document.text == "Hei")  // a leading BOM is dropped
    #expect(document.language == .bokmal)
    #expect(document.title == "T" && document.source == "NRK" && document.url == nil)
    #expect(document.published == "2019-05-16T10:30:00+02:00")
    #expect(document.meta.map(\.key) == ["tags", "x"])
    #expect(
      JSONValue.object(document.meta)
        == .object([("tags", .array([.string("a"), .number("1.0")])), ("x", .object([("y", .null)]))]))
  }

  @Test func keepsIntegerIdsAsTheirDigits() throws {
    #expect(try document(#"{"id": 00123, "text": "x"}"#.replacingOccurrences(of: "00123", with: "123")).id == "123")
  }

  @Test(
    arguments: [
      (#"{"text": "x"}"#, nil, "missing_field", #"required field "id" is missing or null"#),
      (#"{"id": "a"}"#, "a", "missing_field", #"required field "text" is missing or null"#),
      (#"{"id": "a", "text": 5}"#, "a", "invalid_field", #"field "text" must be a string"#),
      (#"{"id": true, "text": "x"}"#, nil, "invalid_field", #"field "id" must be a non-empty string or an integer"#),
      (#"{"id": "a", "text": " \n\t"}"#, "a", "empty_text", "text is empty or only white space"),
      (
        #"{"id": "a", "text": "x\u0000y"}"#, "a", "nul_byte",
        #"text contains a NUL character (\u0000 escape) at byte 1 of the line"#
      ),
      (
        #"{"id": "a", "text": "x", "published": "May 16, 2019"}"#, "a", "invalid_field",
        #"field "published" must be an ISO 8601 date or date-time such as 2019-05-16 or 2019-05-16T10:30:00Z"#
      ),
      (#"{"id": "a", "text": "x", "lang": 7}"#, "a", "invalid_field", #"field "lang" must be a string or null"#),
      (
        #"[1, 2]"#, nil, "not_an_object", #"the line is JSON but not an object; each line must be {"id": …, "text": …}"#
      ),
      (
        #"{"id": "a", "text": "x""#, "a", "malformed_json",
        "malformed JSON at column 24: unexpected end of line; the JSON is truncated"
      ),
      (
        #"{"id": "a", "text": "x", "id": "b"}"#, "a", "duplicate_key",
        #"key "id" appears twice in the object (second at column 26)"#
      ),
    ] as [(String, String?, String, String)])
  func reportsBadRecords(_ line: String, _ id: String?, _ code: String, _ message: String) {
    guard case .failure(let foundID, let foundLocation, let error) = decode(line) else {
      Issue.record("expected an error for \(line)")
      return
    }
    #expect(foundID == id)
    #expect(foundLocation == location)
    #expect(error.code == code)
    #expect(error.description == message)
  }

  @Test func namesTheFileByteOffsetOfInvalidUTF8() {
    var bytes = Array(#"{"id": "a", "text": "ok"#.utf8)
    bytes += [0xC3, 0x28] + Array(#""}"#.utf8)
    guard
      case .failure(_, _, let error) = RecordDecoder.jsonLine(ArraySlice(bytes), location: location, lineOffset: 100)
    else {
      Issue.record("expected an error")
      return
    }
    #expect(error == .invalidUTF8(byteOffset: 100 + 23))
  }

  @Test func readsTextFilesWithBOMAndTitle() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\r\n  Tittel her \r\n\r\nBrødtekst.\r\n".utf8)
    guard
      case .article(let document, _) = RecordDecoder.textFile(bytes, id: "a", location: RecordLocation(file: "a.txt"))
    else {
      Issue.record("expected an article")
      return
    }
    #expect(document.text == "\r\n  Tittel her \r\n\r\nBrødtekst.\r\n")
    #expect(document.title == "Tittel her")
    #expect(document.id == "a")
  }

  @Test func decodesUTF16TextFilesWithBOM() throws {
    let text = "Hei på deg 👍"
    let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    for bytes in [little, big] {
      guard
        case .article(let document, _) = RecordDecoder.textFile(bytes, id: "u", location: RecordLocation(file: "u.txt"))
      else {
        Issue.record("expected an article")
        continue
      }
      #expect(document.text == text)
    }
  }

  @Test func refusesNULInTextFiles() {
    let item = RecordDecoder.textFile(Array("ab\u{0}c".utf8), id: "n", location: RecordLocation(file: "n.txt"))
    guard case .failure(let id, _, let error) = item else {
      Issue.record("expected an error")
      return
    }
    #expect(id == "n" && error == .nulByte(byteOffset: 2, escaped: false))
  }

  func failure(_ item: InputItem) -> (id: String?, error: InputError)? {
    guard case .failure(let id, _, let error) = item else { return nil }
    return (id, error)
  }

  func jsonLine(_ bytes: [UInt8]) -> InputItem {
    RecordDecoder.jsonLine(ArraySlice(bytes), location: location, lineOffset: 100)
  }

  @Test func reportsRawNULBytesInJSONLinesWithTheirFileOffset() {
    let item = jsonLine(Array(#"{"id":"n","text":"a"#.utf8) + [0x00] + Array(#"b"}"#.utf8))
    #expect(failure(item)?.id == "n")
    #expect(failure(item)?.error == .nulByte(byteOffset: 119, escaped: false))
    let utf16WithoutMark = Array(#"{"id":"x"}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(failure(jsonLine(utf16WithoutMark))?.error == .nulByte(byteOffset: 101, escaped: false))
  }

  @Test func skipsAByteOrderMarkAtTheStartOfALine() throws {
    guard case .article(let document, _) = jsonLine([0xEF, 0xBB, 0xBF] + Array(#"{"id":"b","text":"Hei"}"#.utf8))
    else {
      Issue.record("expected an article")
      return
    }
    #expect(document.id == "b" && document.text == "Hei")
    let bad = jsonLine([0xEF, 0xBB, 0xBF] + Array(#"{"id":"b","text":""#.utf8) + [0xFF] + Array(#""}"#.utf8))
    #expect(failure(bad)?.error == .invalidUTF8(byteOffset: 100 + 3 + 18))
  }

  @Test func namesNoIdThatIsNotUTF8() {
    let item = jsonLine(Array(#"{"id":"caf"#.utf8) + [0xE9] + Array(#"","text":"x"}"#.utf8))
    #expect(failure(item)?.id == nil)
    #expect(failure(item)?.error == .invalidUTF8(byteOffset: 110))
  }

  func utf16(_ text: String, bigEndian: Bool = false) -> [UInt8] {
    text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }

  @Test(arguments: [false, true])
  func decodesUTF16JSONLines(bigEndian: Bool) throws {
    let line = utf16(#"{"id":"u","text":"Hei på deg 👍🏽"}"#, bigEndian: bigEndian)
    guard
      case .article(let document, _) = RecordDecoder.utf16JSONLine(
        ArraySlice(line), bigEndian: bigEndian, location: location, lineOffset: 2)
    else {
      Issue.record("expected an article")
      return
    }
    #expect(document.id == "u" && document.text == "Hei på deg 👍🏽")
  }

  @Test func reportsBadUTF16WithItsFileOffset() {
    func decode(_ bytes: [UInt8]) -> (id: String?, error: InputError)? {
      failure(RecordDecoder.utf16JSONLine(ArraySlice(bytes), bigEndian: false, location: location, lineOffset: 2))
    }
    let lone = utf16(#"{"id":"s","text":""#) + [0x00, 0xD8] + utf16(#""}"#)
    #expect(decode(lone)?.id == "s")
    #expect(decode(lone)?.error == .invalidUTF16(byteOffset: 2 + 36, reason: "an unpaired surrogate"))
    let odd = utf16(#"{"id":"o","text":"x"}"#) + [0x7B]
    #expect(decode(odd)?.error == .invalidUTF16(byteOffset: 2 + 42, reason: "an odd number of bytes"))
    let nul = utf16(#"{"id":"n","text":"a"#) + [0, 0] + utf16(#""}"#)
    #expect(decode(nul)?.error == .nulByte(byteOffset: 2 + 38, escaped: false))
    let badID = utf16(#"{"id":""#) + [0x00, 0xDC] + utf16(#"","text":"x"}"#)
    #expect(decode(badID)?.id == nil)
  }

  @Test func reportsBadUTF16TextFilesWithTheirFileOffset() {
    func decode(_ bytes: [UInt8]) -> InputError? {
      failure(RecordDecoder.textFile(bytes, id: "t", location: RecordLocation(file: "t.txt")))?.error
    }
    #expect(
      decode([0xFF, 0xFE] + utf16("Hei ") + [0x3D, 0xD8] + utf16(" du"))
        == .invalidUTF16(byteOffset: 10, reason: "an unpaired surrogate"))
    #expect(
      decode([0xFE, 0xFF] + utf16("Hei", bigEndian: true) + [0x21])
        == .invalidUTF16(byteOffset: 8, reason: "an odd number of bytes"))
    // UTF-16 without a byte order mark: the first NUL comes before the first byte that is not UTF-8.
    #expect(decode(utf16("Hei på deg")) == .nulByte(byteOffset: 1, escaped: false))
  }
}
