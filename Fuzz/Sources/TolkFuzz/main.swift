import Foundation
import LibFuzzer

// libFuzzer's command line (`-max_total_time=60 corpus/`, see `make fuzz`), one input at a time.
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, count in checkInput(data, count) })
