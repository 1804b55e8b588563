import Testing
import TolkCore

@testable import TolkPipeline

@Suite struct JSONBufferTests {
  func encoded(_ string: String) -> String {
    var buffer = JSONBuffer()
    buffer.string(string)
    return String(decoding: buffer.bytes, as: UTF8.self)
  }

  @Test(arguments: [
    ("plain æøå 👍", #""plain æøå 👍""#),
    ("quote \" back \\ slash", #""quote \" back \\ slash""#),
    ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
    ("\u{0}\u{1}\u{1F}\u{7F}", #""\u0000\u0001\u001f"# + "\u{7F}\""),
    ("ls\u{2028}ps\u{2029}nel\u{85}", #""ls\u2028ps\u2029nel\u0085""#),
  ])
  func escapesWhatJSONLinesReadersNeed(_ input: String, _ output: String) {
    #expect(encoded(input) == output)
  }

  @Test(arguments: [(0.0, "0"), (1.0, "1"), (0.5, "0.5"), (0.12345, "0.1235"), (0.99999, "1"), (-0.25, "-0.25")])
  func writesFixedPrecisionNumbers(_ value: Double, _ text: String) {
    var buffer = JSONBuffer()
    buffer.fixed(value)
    #expect(String(decoding: buffer.bytes, as: UTF8.self) == text)
  }

  @Test func neverWritesNaN() {
    var buffer = JSONBuffer()
    buffer.fixed(.nan)
    buffer.fixed(.infinity)
    #expect(String(decoding: buffer.bytes, as: UTF8.self) == "nullnull")
  }

  @Test func writesInputValuesBack() {
    var buffer = JSONBuffer()
    buffer.json(.object([("n", .number("1.50")), ("a", .array([.null, .bool(false), .string("\u{2028}")]))]))
    #expect(String(decoding: buffer.bytes, as: UTF8.self) == #"{"n":1.50,"a":[null,false,"\u2028"]}"#)
  }
}
