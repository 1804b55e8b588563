import Testing
import TolkCore

@testable import TolkPipeline

@Suite struct JSONParserTests {
  func parse(_ text: String) throws(JSONParser.Failure) -> JSONValue {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer throws(JSONParser.Failure) in try JSONParser.parse(buffer) }
  }

  @Test func keepsMemberOrderAndNumberLiterals() throws {
    let value = try parse(
      #" {"z": 1.50, "a": [true, null, -0.0e+5], "id": 12345678901234567890, "s": "\u00e6\ud83d\udc4d\n"} "#)
    guard case .object(let members) = value else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["z", "a", "id", "s"])
    #expect(value["z"] == .number("1.50"))
    #expect(value["id"] == .number("12345678901234567890"))
    #expect(value["a"] == .array([.bool(true), .null, .number("-0.0e+5")]))
    #expect(value["s"] == .string("æ👍\n"))
  }

  @Test func comparesKeysByCodePointsNotByCanonicalEquivalence() throws {
    let value = try parse("{\"caf\u{E9}\": 1, \"cafe\u{301}\": 2, \"\u{212B}\": 3, \"\u{C5}\": 4}")
    let keys = ["caf\u{E9}", "cafe\u{301}", "\u{212B}", "\u{C5}"].map { Array($0.unicodeScalars) }
    #expect(value.members?.map { Array($0.key.unicodeScalars) } == keys)
    #expect(value.members?.map(\.value) == [.number("1"), .number("2"), .number("3"), .number("4")])
  }

  @Test(arguments: [
    (#"{"id": "a", "text": "b""#, "unexpected end of line; the JSON is truncated"),
    (#"{"id": "a", "id": "b"}"#, "duplicate key \"id\""),
    (#"{"text": "\ud800"}"#, "lone surrogate \\ud800 (no low surrogate follows)"),
    (#"{"text": "\udc00x"}"#, "lone surrogate \\udc00"),
    ("{\"text\": \"a\tb\"}", "unescaped control character 0x9 in a string"),
    (#"{"a": 01}"#, "expected ',' or '}' in an object"),
    (#"{"a": tru}"#, "invalid literal"),
    (#"{"a": 1} x"#, "unexpected text after the JSON value"),
    (#"{'a': 1}"#, "expected a member name in quotes"),
    (#"{"a": "\x"}"#, "invalid escape \\'x'"),
    ("{\"a\": " + String(repeating: "1", count: 1001) + "}", "number literal longer than 1000 characters"),
  ])
  func refusesMalformedInput(_ text: String, _ reason: String) {
    #expect {
      _ = try parse(text)
    } throws: { error in
      (error as? JSONParser.Failure)?.reason == reason
    }
  }

  @Test func limitsNestingWithoutRecursingDeeply() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect {
      _ = try parse(deep)
    } throws: { error in
      (error as? JSONParser.Failure)?.reason == "nesting deeper than 512 levels"
    }
    let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect(throws: Never.self) { _ = try parse(fine) }
  }
}
