import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where output lines go: standard output, or a file written atomically (a temporary file beside it,
/// renamed over it when the run completes, so a killed run never leaves a half-written file).
public final class OutputFile {
  private let descriptor: Int32
  private let temporaryPath: String?
  private let finalPath: String?
  private var buffer: [UInt8] = []
  private static let flushSize = 1 << 20

  /// Standard output.
  public init() {
    descriptor = 1
    temporaryPath = nil
    finalPath = nil
  }

  /// A file at `path`, created when ``commit()`` is called.
  public init(path: String) throws(PipelineError) {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
      .path
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw .outputFailed(path: path, reason: String(cString: strerror(errno))) }
    self.descriptor = descriptor
    temporaryPath = temporary
    finalPath = path
  }

  deinit {
    if let temporaryPath {
      close(descriptor)
      unlink(temporaryPath)
    }
  }

  public func write(_ bytes: [UInt8]) throws(PipelineError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.flushSize { try flush() }
  }

  public func flush() throws(PipelineError) {
    var offset = 0
    while offset < buffer.count {
      let written = buffer.withUnsafeBufferPointer { pointer -> Int in
        guard let base = pointer.baseAddress else { return 0 }
        return Glibc.write(descriptor, base + offset, pointer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw .outputFailed(path: finalPath ?? "-", reason: String(cString: strerror(errno)))
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, and for a file syncs it and renames it into place.
  public func commit() throws(PipelineError) {
    try flush()
    guard let temporaryPath, let finalPath else { return }
    guard fsync(descriptor) == 0, rename(temporaryPath, finalPath) == 0 else {
      throw .outputFailed(path: finalPath, reason: String(cString: strerror(errno)))
    }
  }
}
