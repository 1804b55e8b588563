/// The indices of a document's mentions grouped by a number, their first token or the sentence they
/// start in: what `Dictionary(grouping:by:)` of the indices gives, looked up by binary search in two
/// flat arrays. A document's six groupings were built and looked up with SipHash for every document,
/// and the scorer asks whether each word's sentence has a target mention.
struct MentionGroups {
  /// Every mention index, by key and then index.
  private let indices: [Int]
  /// The key of each entry of `indices`, in ascending order.
  private let keys: [Int]

  /// Groups the indices `0..<count` by `key`. Mentions sorted by their first token have keys in
  /// ascending order already (the usual case); others are sorted here.
  init(count: Int, key: (Int) -> Int) {
    var pairs = (0..<count).map { (key: key($0), index: $0) }
    if !pairs.indices.dropFirst().allSatisfy({ pairs[$0 - 1].key <= pairs[$0].key }) {
      pairs.sort { ($0.key, $0.index) < ($1.key, $1.index) }
    }
    indices = pairs.map(\.index)
    keys = pairs.map(\.key)
  }

  /// The indices of the mentions whose key is `key`, in ascending order; empty for none.
  subscript(key: Int) -> ArraySlice<Int> {
    let start = firstPosition { $0 >= key }
    let end = firstPosition { $0 > key }
    return indices[start..<end]
  }

  /// The first position in `keys` whose key satisfies `predicate`, which is false before some position
  /// and true from it on (`keys.count` when it never holds).
  private func firstPosition(where predicate: (Int) -> Bool) -> Int {
    var low = 0
    var high = keys.count
    while low < high {
      let middle = (low + high) / 2
      if predicate(keys[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
