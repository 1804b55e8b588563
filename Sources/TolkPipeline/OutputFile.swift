import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where output lines go: standard output, or a file that appears only when the run completes.
///
/// With a file, lines go to a side file `FILE.partial` as they are finished, in input order (in batches
/// of a megabyte, or of a second's lines; synced to disk every few seconds), and ``commit()`` renames it
/// to `FILE`.
/// So a killed run never leaves a half-written `FILE` (it is absent, or still the previous complete
/// file), and its side file holds every line finished before the kill, which
/// ``keepFinishedLines(of:encoder:)`` lets a new run keep (`tolk annotate --resume`). The side file
/// is locked while a run writes it, so two runs cannot write one file.
public final class OutputFile {
  let descriptor: Int32
  /// The side file; nil for standard output.
  let partialPath: String?
  private let finalPath: String?
  private var buffer: [UInt8] = []
  private let clock = ContinuousClock()
  private var lastWrite: ContinuousClock.Instant
  private var lastSync: ContinuousClock.Instant
  private static let flushSize = 1 << 20
  private static let writeInterval = Duration.seconds(1)
  private static let syncInterval = Duration.seconds(3)

  /// Whether the side file already held lines (of an earlier, interrupted run) when it was opened.
  public let foundPartialLines: Bool

  /// The side file of a run writing to `path`.
  public static func partialPath(for path: String) -> String { path + ".partial" }

  /// Standard output.
  public init() {
    descriptor = 1
    partialPath = nil
    finalPath = nil
    foundPartialLines = false
    lastWrite = clock.now
    lastSync = lastWrite
  }

  /// A file at `path`, written to its side file until ``commit()``. The side file starts empty,
  /// unless `resuming`, when it is left as it is for ``keepFinishedLines(of:encoder:)``.
  public init(path: String, resuming: Bool = false) throws(PipelineError) {
    let partial = Self.partialPath(for: path)
    let descriptor = open(partial, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw .outputFailed(path: partial, reason: String(cString: strerror(errno))) }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      close(descriptor)
      throw .outputFailed(path: partial, reason: "another tolk run is writing it")
    }
    var status = stat()
    foundPartialLines = fstat(descriptor, &status) == 0 && status.st_size > 0
    if !resuming && foundPartialLines && ftruncate(descriptor, 0) != 0 {
      close(descriptor)
      throw .outputFailed(path: partial, reason: String(cString: strerror(errno)))
    }
    self.descriptor = descriptor
    partialPath = partial
    finalPath = path
    lastWrite = clock.now
    lastSync = lastWrite
  }

  deinit {
    if partialPath != nil { close(descriptor) }
  }

  /// Queues one finished line; lines reach the file (or standard output) in batches: when a megabyte
  /// has gathered, or with the first line queued more than a second after the last batch.
  public func write(_ bytes: [UInt8]) throws(PipelineError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.flushSize || clock.now - lastWrite >= Self.writeInterval { try flush() }
  }

  /// Writes the queued lines; for a file, syncs it to disk when the last sync is a few seconds old.
  public func flush() throws(PipelineError) {
    var offset = 0
    while offset < buffer.count {
      let written = buffer.withUnsafeBufferPointer { pointer -> Int in
        guard let base = pointer.baseAddress else { return 0 }
        return Glibc.write(descriptor, base + offset, pointer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw .outputFailed(path: partialPath ?? "-", reason: String(cString: strerror(errno)))
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
    lastWrite = clock.now
    if partialPath != nil && lastWrite - lastSync >= Self.syncInterval {
      guard fsync(descriptor) == 0 else {
        throw .outputFailed(path: partialPath ?? "-", reason: String(cString: strerror(errno)))
      }
      lastSync = lastWrite
    }
  }

  /// Flushes, and for a file syncs its side file and renames it into place.
  public func commit() throws(PipelineError) {
    try flush()
    guard let partialPath, let finalPath else { return }
    guard fsync(descriptor) == 0, rename(partialPath, finalPath) == 0 else {
      throw .outputFailed(path: finalPath, reason: String(cString: strerror(errno)))
    }
  }
}
