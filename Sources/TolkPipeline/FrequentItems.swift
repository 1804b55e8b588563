/// Counts items in bounded memory (the Misra–Gries summary): exact while at most `capacity` distinct
/// items have been seen; after that, when a new item finds the table full, every count drops by one
/// and items at zero leave. Every count is then at most `total / (capacity + 1)` below the truth,
/// so the frequent items stay and the rare ones go.
struct FrequentItems<Item: Hashable> {
  let capacity: Int
  private(set) var counts: [Item: Int] = [:]
  /// Whether counts are exact (no decrement has happened).
  private(set) var isExact = true

  init(capacity: Int) {
    precondition(capacity > 0, "capacity must be positive")
    self.capacity = capacity
  }

  mutating func add(_ item: Item) {
    if let count = counts[item] {
      counts[item] = count + 1
    } else if counts.count < capacity {
      counts[item] = 1
    } else {
      isExact = false
      counts = counts.compactMapValues { $0 > 1 ? $0 - 1 : nil }
    }
  }
}
