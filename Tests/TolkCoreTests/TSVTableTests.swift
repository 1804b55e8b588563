import Testing
import TolkCore

@Suite struct TSVTableTests {
  @Test func readsHeaderRowsAndLineNumbers() throws {
    let table = try TSVTable(
      name: "test/x.tsv", contents: "# comment\npattern\tmatch\n\nfoto:\tprefix\n# inner\nles også\tline\n")
    #expect(table.columns == ["pattern", "match"])
    #expect(table.rows.map(\.line) == [4, 6])
    #expect(table.rows.map(\.cells) == [["foto:", "prefix"], ["les også", "line"]])
    #expect(table.location(of: table.rows[1]) == "test/x.tsv:6")
    #expect(try table.index(of: "match") == 1)
    #expect(throws: LexiconError.missingColumn(file: "test/x.tsv", column: "note")) { try table.index(of: "note") }
  }

  @Test(arguments: [
    ("a\tb\nx\n", "test.tsv:2: row has 1 cells but the header has 2 columns (a, b)"),
    ("a\tb\r\nx\ty\n", "test.tsv:1: line ends with CRLF; save the file with LF line ends"),
    ("Pattern\n", "test.tsv:1: header column \"Pattern\" is not a snake_case name"),
    ("a\nNicola\u{301}s\n", "test.tsv:2: line is not in Unicode NFC"),
    ("# only a comment\n", "test.tsv:2: file has no header row"),
  ])
  func reportsFileAndLine(_ contents: String, _ message: String) {
    #expect {
      _ = try TSVTable(name: "test.tsv", contents: contents)
    } throws: { error in
      (error as? LexiconError)?.description == message
    }
  }
}
