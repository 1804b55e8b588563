import Testing

@testable import LanguageIdentification

@Suite struct LanguageFeaturesTests {
  /// Records every feature and every word end a sink is given.
  struct Recorder: LanguageFeatureSink {
    var buckets: [Int32] = []
    var words: [[Int]] = []
    mutating func add(_ bucket: Int32) { buckets.append(bucket) }
    mutating func endWord(start: Int, end: Int, counts: LanguageFeatures.Counts) {
      words.append([start, end, counts.letters, counts.latinLetters, counts.words])
    }
  }

  /// Decoding a string's UTF-8 in place gives the features, word ends and counts that its scalar view
  /// gives: ASCII, Latin-1 and Latin Extended letters, combining marks, Cyrillic, Greek, CJK, emoji
  /// (four bytes, skin tones, ZWJ), full-width and mathematical letters, CRLF, a letter at each end.
  @Test(arguments: [
    "Eg veit ikkje kva han meiner.", "Ærlig talt, sa Guaidó: «Nå er det nok!»", "e\u{301}n o\u{308}y",
    "Москва и Ἀθῆναι", "北京 and 東京", "👍🏽 team 👩‍👩‍👧 ok", "ＡＢＣ 𝐀𝐁𝐂 ß İ ı", "line\r\nnext", "", "1234 !!!",
    "ǅemal ŉ Ŋ ẞ",
  ])
  func bytesGiveWhatScalarsGive(_ text: String) {
    let features = LanguageFeatures(bucketCount: 1 << 16, wordPairs: true)
    var fromBytes = Recorder()
    let bytesCounts = features.extract(Substring(text).unicodeScalars, into: &fromBytes)
    var fromScalars = Recorder()
    let scalarCounts = features.extract(scalarValues: text.unicodeScalars.lazy.map(\.value), into: &fromScalars)
    #expect(fromBytes.buckets == fromScalars.buckets)
    #expect(fromBytes.words == fromScalars.words)
    #expect(
      [bytesCounts.letters, bytesCounts.latinLetters, bytesCounts.words]
        == [scalarCounts.letters, scalarCounts.latinLetters, scalarCounts.words])
    let decoded = Array(text.utf8).withUnsafeBufferPointer { Array(UTF8ScalarValues(bytes: $0)) }
    #expect(decoded == text.unicodeScalars.map(\.value))
  }
}
