import TolkCore

/// One input record: an article to annotate, or the reason it cannot be.
public enum InputItem: Sendable {
  case article(Document, RecordLocation)
  /// `id` is the record's id when it could be read.
  case failure(id: String?, location: RecordLocation, error: InputError)

  public var location: RecordLocation {
    switch self {
    case .article(_, let location), .failure(_, let location, _): location
    }
  }

  /// Size of the record's text in UTF-8 bytes (0 for a failure), for throughput figures.
  public var textBytes: Int {
    if case .article(let document, _) = self { return document.text.utf8.count }
    return 0
  }
}
