/// A pipeline stage: reads some layers of a document and adds others.
public protocol Annotator: Sendable {
  /// Stable name used in `source` fields, error records and logs.
  var name: String { get }
  /// Layers an earlier annotator must have added.
  var requires: Set<Layer> { get }
  /// Layers this annotator adds; it leaves all others, and `text`, as they were.
  var provides: Set<Layer> { get }
  /// Adds ``provides`` to `document`, or throws a ``CodedError`` for this article.
  func annotate(_ document: inout Document) throws
}
