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

  /// Reads `bytes` from a temporary file: the encoding found and every line.
  func read(_ bytes: [UInt8], limit: Int) throws -> (LineReader.Encoding, [LineReader.Line]) {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-lines-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let descriptor = open(url.path, O_RDONLY)
    defer { close(descriptor) }
    let reader = LineReader(descriptor: descriptor, maximumLength: limit)
    var found: [LineReader.Line] = []
    while let line = try reader.next() { found.append(line) }
    return (reader.encoding, found)
  }

  @Test(arguments: [true, false])
  func splitsUTF16AtLineFeedCodeUnitsOnly(bigEndian: Bool) throws {
    // U+0A0A and U+210A have a 0x0A byte that is no line break.
    let text = "\u{A0A}a\r\n\u{210A}\n\nlast"
    let units = text.utf16.flatMap {
      bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)]
    }
    let (encoding, lines) = try read((bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + units, limit: 100)
    #expect(encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
    let decoded = lines.map { line -> String in
      guard case .complete(let bytes, let number, let offset) = line else { return "too long" }
      let utf8 = UTF16Transcoder.utf8(from: bytes, bigEndian: bigEndian).utf8
      return "\(number)@\(offset):\(String(decoding: utf8, as: UTF8.self))"
    }
    #expect(decoded == ["1@2:\u{A0A}a", "2@10:\u{210A}", "3@14:", "4@16:last"])
  }

  @Test func skipsLongUTF16LinesWholeCodeUnitsAtATime() throws {
    let units = Array("\(String(repeating: "x", count: 3000))\nok".utf16).flatMap {
      [UInt8($0 & 0xFF), UInt8($0 >> 8)]
    }
    let (_, lines) = try read([0xFF, 0xFE] + units + [0x21], limit: 1000)
    guard lines.count == 2, case .tooLong(_, 6000, 1, 2) = lines[0], case .complete(let last, 2, 6004) = lines[1]
    else {
      Issue.record("unexpected lines \(lines)")
      return
    }
    #expect(Array(last) == [0x6F, 0x00, 0x6B, 0x00, 0x21])  // "ok" and half a code unit
  }

  @Test func keepsTheNextLineOutOfALongLinesPrefix() throws {
    let (_, lines) = try read(Array("0123456789\n{\"id\":\"next\"}\n".utf8), limit: 5)
    guard case .tooLong(let prefix, 10, 1, 0) = lines.first else {
      Issue.record("unexpected lines \(lines)")
      return
    }
    #expect(String(decoding: prefix, as: UTF8.self) == "0123456789")
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
