/// An error with a stable machine-readable code, as written into error records.
///
/// `code` is snake_case and never changes once published (`invalid_utf8`); `description` is lowercase,
/// names the thing that is wrong and, where the user can fix it, how.
public protocol CodedError: Error, CustomStringConvertible {
  var code: String { get }
}
