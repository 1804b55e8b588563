import TolkCore

/// The folds of the parts of each hyphenated compound in a document ("farc-geriljaen": `farc`,
/// `geriljaen`), one after another: token `t`'s are `folds[starts[t]..<starts[t + 1]]`, none for the
/// other tokens. Two flat arrays rather than an array per token, whose making and freeing cost a retain
/// and a release for every token of every document, though most tokens have no parts.
struct CompoundParts {
  /// Every part's fold, in token order.
  private(set) var folds: [String] = []
  private var starts: [Int32] = [0]

  init(tokens: [Token]) {
    starts.reserveCapacity(tokens.count + 1)
    for position in tokens.indices {
      if tokens[position].parts.count > 1 {
        folds += tokens[position].fold.split(separator: "-").map(String.init)
      }
      starts.append(Int32(folds.count))
    }
  }

  /// Where token `token`'s parts are in ``folds`` (empty for a token that is not a compound).
  func range(of token: Int) -> Range<Int> { Int(starts[token])..<Int(starts[token + 1]) }

  /// The folds of token `token`'s parts; an empty slice, which retains nothing, for most tokens.
  subscript(token: Int) -> ArraySlice<String> {
    let range = range(of: token)
    return range.isEmpty ? [] : folds[range]
  }
}
