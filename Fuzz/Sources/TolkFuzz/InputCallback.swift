import Foundation
import TolkPipeline
import TolkTesting

/// The checker, with the lexicons loaded once per process: `$TOLK_LEXICONS`, else the checkout's.
let checker: InputChecker = {
  let directory = ProcessInfo.processInfo.environment["TOLK_LEXICONS"].map { URL(fileURLWithPath: $0) }
  do {
    return try InputChecker(lexicons: LexiconSet(directory: directory ?? Repository.lexicons))
  } catch {
    FileHandle.standardError.write(Data("TolkFuzz: \(error)\n".utf8))
    exit(2)
  }
}()

/// libFuzzer's callback: one input, read as JSONL and as a `.txt` file, through the whole pipeline.
/// A broken invariant aborts, so that libFuzzer keeps the input as a crasher. Exported under the
/// name libFuzzer's own `main` links against (unused here, as SwiftPM's `main` wins).
@_cdecl("LLVMFuzzerTestOneInput")
func checkInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  do {
    try checker.check(bytes)
  } catch {
    FileHandle.standardError.write(Data("TolkFuzz: \(error)\n".utf8))
    abort()
  }
  return 0
}
