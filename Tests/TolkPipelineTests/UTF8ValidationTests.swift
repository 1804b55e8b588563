import Testing

@testable import TolkPipeline

@Suite struct UTF8ValidationTests {
  @Test(
    arguments: [
      ([0x61, 0x62], nil),
      (Array("på 👍🏽".utf8), nil),
      ([0x61, 0xC0, 0x80], 1),  // overlong NUL
      ([0x61, 0xE0, 0x80, 0xAF], 1),  // overlong
      ([0xED, 0xA0, 0x80], 0),  // UTF-8 encoded lone surrogate U+D800
      ([0x61, 0x62, 0xE2, 0x82], 2),  // truncated sequence at the end
      ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
      ([0x61, 0x80], 1),  // lone continuation byte
      ([0xC3, 0x28], 0),  // bad continuation
      ([0xFF], 0),
    ] as [([UInt8], Int?)])
  func findsTheFirstInvalidByte(_ bytes: [UInt8], _ offset: Int?) {
    let found = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) }
    #expect(found == offset)
    if offset == nil { #expect(String(validating: bytes, as: UTF8.self) != nil) }
  }

  @Test(
    arguments: [
      ([0x61, 0x00, 0xFF], .nul(offset: 1)),
      ([0x61, 0xFF, 0x00], .invalid(offset: 1)),
      ([0x00, 0x7B, 0x00], .nul(offset: 0)),  // UTF-16 without a byte order mark
      (Array("på".utf8), nil),
    ] as [([UInt8], UTF8Validation.Problem?)])
  func reportsTheFirstOfNULAndInvalidBytes(_ bytes: [UInt8], _ problem: UTF8Validation.Problem?) {
    #expect(bytes.withUnsafeBufferPointer { UTF8Validation.firstProblem(in: $0) } == problem)
  }
}
