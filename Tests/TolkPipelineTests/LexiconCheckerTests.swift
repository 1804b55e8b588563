import Foundation
import Testing
import TolkPipeline
import TolkTesting

@Suite struct LexiconCheckerTests {
  /// A copy of the real lexicons with `file` replaced by `contents`.
  func checkedCopy(replacing file: String, with contents: String) throws -> LexiconChecker.Report {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolk-lexicons-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: Repository.lexicons, to: folder)
    defer { try? FileManager.default.removeItem(at: folder) }
    try contents.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    return LexiconChecker(directory: folder).check()
  }

  @Test func acceptsTheShippedLexicons() {
    let report = LexiconChecker(directory: Repository.lexicons).check()
    #expect(report.problems == [])
    #expect(report.files >= 6 && report.rows > 500)
  }

  @Test(arguments: [
    (
      "abbreviation\tends_sentence\tmeaning\nf.eks.\tnever\tfor eksempel\nbl.a.\tnever\tblant annet\n",
      #"abbreviations/nb.tsv:3: rows are not sorted: "bl.a." comes after "f.eks." on line 2"#
    ),
    (
      "abbreviation\tends_sentence\tmeaning\nbl.a.\tnever\tblant annet\nbl.a.\tmaybe\tblant annet\n",
      #"abbreviations/nb.tsv:3: "bl.a." is already listed on line 2"#
    ),
    (
      "abbreviation\tends_sentence\tmeaning\nbl.a.\tsometimes\tblant annet\n",
      #"abbreviations/nb.tsv:2: ends_sentence is "sometimes"; use never or maybe"#
    ),
    (
      "abbreviation\tends_sentence\tmeaning\nbla\tnever\tblant annet\n",
      #"abbreviations/nb.tsv:2: abbreviation "bla" must be one word ending in a dot"#
    ),
    (
      "abbreviation\tends_sentence\nbl.a.\tnever\textra\n",
      "abbreviations/nb.tsv:2: row has 3 cells but the header has 2 columns (abbreviation, ends_sentence)"
    ),
  ])
  func reportsProblemsWithFileAndLine(_ contents: String, _ problem: String) throws {
    let report = try checkedCopy(replacing: "abbreviations/nb.tsv", with: contents)
    #expect(report.problems.contains(problem), "\(report.problems)")
  }

  @Test(arguments: [
    (
      "id\ttype\twikidata\tnames\nkari_nordmann\tPER\t-\tKari Nordmann@any\nola\tPERSON\t-\tOla@nb\n",
      #"entities/misc.tsv:3: type "PERSON" is not one of PER, ORG, LOC, GPE, MISC"#
    ),
    (
      "id\ttype\twikidata\tnames\nNorway_Two\tGPE\t-\tNorge II@nb\n",
      #"entities/misc.tsv:2: id "Norway_Two" must be lower snake_case ASCII (juan_guaido)"#
    ),
    (
      "id\ttype\twikidata\tnames\nnorway\tGPE\t-\tNorge II@nb\n",
      "entities/misc.tsv:2: id norway is already defined at entities/places.tsv:"
    ),
    (
      "id\ttype\twikidata\tnames\nnorwegian_kingdom\tGPE\t-\tNoreg@nn\n",
      #"entities/misc.tsv:2: name "Noreg" (nn) already belongs to norway at entities/places.tsv:"#
    ),
    (
      "id\ttype\twikidata\tnames\nkari_nordmann\tPER\tQ-1\tKari Nordmann@any\n",
      #"entities/misc.tsv:2: wikidata "Q-1" is not a QID (Q20) or -"#
    ),
    (
      "id\ttype\twikidata\tnames\nkari_nordmann\tPER\t-\tKari Nordmann@se\n",
      #"entities/misc.tsv:2: language "se" must be en, nb, nn or any"#
    ),
  ])
  func reportsEntityLexiconProblems(_ contents: String, _ problem: String) throws {
    let report = try checkedCopy(replacing: "entities/misc.tsv", with: contents)
    #expect(report.problems.contains { $0.hasPrefix(problem) }, "\(report.problems)")
  }
}
