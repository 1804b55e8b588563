import Foundation
import TolkCore

/// Given names and surnames from `lexicons/entities/person-names.tsv` (built by
/// `scripts/build_person_names.py` from Faker's person lists and the 1990 US Census name files), as
/// the entity model's person-name features read them: whether a word is a listed given name, a listed
/// surname, or both. Besides informing the model, the list makes one kind of mention by itself: a
/// person named on a line of its own (``EntityTagger/nameLineCandidates(in:excluding:)``).
///
/// - en: "Ingrid" is a given name, "Smith" a surname, "Lee" both; "Will" and "Rose" are left out of
///   the file as common words.
/// - nb: "Jens" is a given name, "Hansen" a surname; "Per" and "Dag" are left out as common words.
///
/// Columns: `name` (one word), `kind` (`given`, `surname` or `given|surname`), `sources`.
public struct PersonNameList: Sendable {
  /// What the list says about a word.
  public struct Kinds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let given = Kinds(rawValue: 1)
    public static let surname = Kinds(rawValue: 2)
  }

  /// Kinds by the name's fold (``Token/fold``), so "Jose" finds "José". No Bloom filter in front, unlike
  /// the entity lexicon's: building one for 50,000 names (each put in NFC by Foundation) was a third of
  /// the list's loading time, and the list is only read for models that use it.
  let kindsByFold: [String: Kinds]

  public init(kindsByFold: [String: Kinds] = [:]) {
    self.kindsByFold = kindsByFold
  }

  /// The number of listed folds.
  public var count: Int { kindsByFold.count }

  /// What the list says about a token whose fold is `fold`.
  public func kinds(of fold: String) -> Kinds {
    kindsByFold[fold] ?? []
  }

  /// One mark per token of `tokens`: the kinds of each word (other tokens get none).
  public func marks(for tokens: some Collection<Token>) -> [Kinds] {
    tokens.map { $0.kind == .word ? kinds(of: $0.fold) : [] }
  }

  /// Reads `entities/person-names.tsv`; `fold` gives a name's ``Token/fold`` as the tokenizer would,
  /// and `name` is the file as messages name it.
  public init(contentsOf url: URL, name: String, fold: (String) throws -> String) throws(LexiconError) {
    let table = try TSVTable(contentsOf: url, name: name)
    let nameColumn = try table.index(of: "name")
    let kindColumn = try table.index(of: "kind")
    var kindsByFold: [String: Kinds] = [:]
    kindsByFold.reserveCapacity(table.rows.count)
    for row in table.rows {
      func fail(_ reason: String) -> LexiconError { .invalidEntry(file: name, line: row.line, reason: reason) }
      let kinds = try Self.kinds(row.cells[kindColumn], fail: fail)
      let surface = row.cells[nameColumn]
      let key: String
      do { key = try fold(surface) } catch { throw fail("cannot fold \"\(surface)\": \(error)") }
      // Two spellings may fold alike ("José", "Jose"): the word is whatever either says.
      kindsByFold[key, default: []].formUnion(kinds)
    }
    self.init(kindsByFold: kindsByFold)
  }

  /// The kinds a `kind` cell names, as ``kinds(ofParts:fail:)`` reads them; the three cells of the
  /// shipped file are compared whole first: splitting 50,000 cells into characters was a fifth of the
  /// time it took to read the list.
  static func kinds(_ cell: String, fail: (String) -> LexiconError) throws(LexiconError) -> Kinds {
    switch cell {
    case "given": .given
    case "surname": .surname
    case "given|surname": [.given, .surname]
    default: try kinds(ofParts: cell, fail: fail)
    }
  }

  /// The kinds a `kind` cell names: `given` and `surname` separated by `|`, in any order, repeats allowed.
  static func kinds(ofParts cell: String, fail: (String) -> LexiconError) throws(LexiconError) -> Kinds {
    var kinds: Kinds = []
    for part in cell.split(separator: "|", omittingEmptySubsequences: false) {
      switch part {
      case "given": kinds.insert(.given)
      case "surname": kinds.insert(.surname)
      default: throw fail("kind \"\(part)\" must be given, surname or given|surname")
      }
    }
    return kinds
  }
}
