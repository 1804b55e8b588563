// The driver itself comes from libFuzzer, which `-sanitize=fuzzer` links; SwiftPM wants one C file.
#include "LibFuzzer.h"
