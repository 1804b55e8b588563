import TolkCore

/// Why tokenization of one article failed.
public enum TokenizationError: CodedError, Equatable {
  /// ICU reported an error; `status` is ICU's `UErrorCode`.
  case icu(operation: String, status: Int32)
  /// The text is longer than ICU's 32-bit offsets allow (2^31 − 1 UTF-16 units).
  case textTooLong(utf16Length: Int)

  public var code: String {
    switch self {
    case .icu: "icu_error"
    case .textTooLong: "text_too_long"
    }
  }

  public var description: String {
    switch self {
    case .icu(let operation, let status): "icu \(operation) failed with status \(status)"
    case .textTooLong(let length): "text has \(length) UTF-16 units, more than ICU can index (2147483647)"
    }
  }
}
