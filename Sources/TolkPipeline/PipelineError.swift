import TolkCore

/// A problem with how a run is set up; stops it before any article is read.
public enum PipelineError: CodedError, Equatable {
  /// An annotator needs a layer no earlier annotator provides.
  case missingLayer(annotator: String, layer: Layer)
  /// A path on the command line does not exist.
  case noSuchInput(String)
  /// A path is neither a directory nor a `.txt` or `.jsonl` file.
  case unsupportedInput(String)
  /// No lexicon folder was found.
  case lexiconsNotFound(searched: [String])
  /// The output file cannot be created or written.
  case outputFailed(path: String, reason: String)
  /// An evaluation's gold file is not in the expected format.
  case invalidGold(file: String, reason: String)
  /// `--resume` found a side file whose `line` (1-based) is not what this command writes for the input.
  case resumeMismatch(path: String, line: Int, reason: String)

  public var code: String {
    switch self {
    case .missingLayer: "missing_layer"
    case .noSuchInput: "no_such_input"
    case .unsupportedInput: "unsupported_input"
    case .lexiconsNotFound: "lexicons_not_found"
    case .outputFailed: "output_failed"
    case .invalidGold: "invalid_gold"
    case .resumeMismatch: "resume_mismatch"
    }
  }

  public var description: String {
    switch self {
    case .missingLayer(let annotator, let layer):
      "annotator \(annotator) needs the \(layer.rawValue) layer, which no earlier annotator provides"
    case .noSuchInput(let path): "\(path): no such file or directory"
    case .unsupportedInput(let path): "\(path): not a .txt or .jsonl file or a directory"
    case .lexiconsNotFound(let searched):
      "no lexicons folder found (looked in \(searched.joined(separator: ", "))); pass --lexicons DIR or set TOLK_LEXICONS"
    case .outputFailed(let path, let reason): "\(path): cannot write output: \(reason)"
    case .invalidGold(let file, let reason): "\(file): \(reason)"
    case .resumeMismatch(let path, let line, let reason):
      "cannot resume: \(path):\(line): \(reason); it was not written by this command on this input "
        + "(remove it, or run without --resume, to annotate everything)"
    }
  }
}
