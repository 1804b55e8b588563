import TolkCore

/// Why `tolk compare` cannot read its input or write its report.
public enum CoverageError: CodedError, Equatable {
  /// The annotation file cannot be opened or read.
  case unreadable(path: String, reason: String)
  /// A report file cannot be written.
  case outputFailed(path: String, reason: String)

  public var code: String {
    switch self {
    case .unreadable: "unreadable"
    case .outputFailed: "output_failed"
    }
  }

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "\(path): cannot read the annotation file: \(reason)"
    case .outputFailed(let path, let reason): "\(path): cannot write the report: \(reason)"
    }
  }
}
