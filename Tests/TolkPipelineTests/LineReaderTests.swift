import Foundation
import Testing

@testable import TolkPipeline

@Suite struct LineReaderTests {
  /// Writes `bytes` to a temporary file and reads it back line by line with a limit.
  func lines(of bytes: [UInt8], limit: Int) throws -> [String] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-lines-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let descriptor = open(url.path, O_RDONLY)
    defer { close(descriptor) }
    let reader = LineReader(descriptor: descriptor, maximumLength: limit)
    var found: [String] = []
    while let line = try reader.next() {
      switch line {
      case .complete(let bytes, let number, let offset):
        found.append("\(number)@\(offset):\(String(decoding: bytes, as: UTF8.self))")
      case .tooLong(let prefix, let length, let number, let offset):
        found.append("\(number)@\(offset):too long \(length) \(String(decoding: prefix.prefix(3), as: UTF8.self))")
      }
    }
    return found
  }

  @Test func splitsLinesDropsCRAndKeepsTheLastUnterminatedLine() throws {
    #expect(try lines(of: Array("a\r\nbc\n\nd".utf8), limit: 100) == ["1@0:a", "2@3:bc", "3@6:", "4@7:d"])
  }

  @Test func skipsLinesOverTheLimitWithoutHoldingThem() throws {
    let long = String(repeating: "x", count: 3_000_000)
    let found = try lines(of: Array("ok\n\(long)\nafter\n\(long)".utf8), limit: 1_000_000)
    #expect(found == ["1@0:ok", "2@3:too long 3000000 xxx", "3@3000004:after", "4@3000010:too long 3000000 xxx"])
  }

  @Test func readsLinesLongerThanOneChunk() throws {
    let long = String(repeating: "é", count: 1_500_000)
    let found = try lines(of: Array("\(long)\nend\n".utf8), limit: 16 << 20)
    #expect(found.count == 2)
    #expect(found[0] == "1@0:\(long)")
    #expect(found[1] == "2@3000001:end")
  }
}
