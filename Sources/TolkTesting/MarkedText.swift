/// Test text with expected spans marked inline: `⟦surface|label⟧`. ``text`` is the text without the
/// marks; ``marks`` the spans (code points of ``text``) with their labels, in order.
public struct MarkedText: Sendable, Hashable, ExpressibleByStringLiteral, CustomTestStringConvertibleShim {
  public let source: String
  public let text: String
  public let marks: [Mark]

  public init(stringLiteral value: String) { self.init(value) }

  public init(_ source: String) {
    self.source = source
    var text = String.UnicodeScalarView()
    var marks: [Mark] = []
    var scalars = source.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard scalar == "⟦" else {
        text.append(scalar)
        continue
      }
      let start = text.count
      var label = ""
      var inLabel = false
      while let inner = scalars.next(), inner != "⟧" {
        if inner == "|" && !inLabel {
          inLabel = true
        } else if inLabel {
          label.unicodeScalars.append(inner)
        } else {
          text.append(inner)
        }
      }
      marks.append(Mark(start..<text.count, label))
    }
    self.text = String(text)
    self.marks = marks
  }

  public var testDescription: String { source }
}

/// A span with a label, as ``MarkedText`` marks it and as tests compare results.
public struct Mark: Sendable, Hashable, CustomStringConvertible {
  public var range: Range<Int>
  public var label: String

  public init(_ range: Range<Int>, _ label: String) {
    self.range = range
    self.label = label
  }

  public var description: String { "\(range.lowerBound)..<\(range.upperBound) \(label)" }
}

/// `CustomTestStringConvertible` without importing Testing into the helpers' public interface.
public protocol CustomTestStringConvertibleShim {
  var testDescription: String { get }
}
