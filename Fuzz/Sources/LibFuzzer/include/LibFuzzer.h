// libFuzzer's driver, for an executable that has its own `main` (SwiftPM's executables do): it reads
// the command line, runs `callback` on every input and returns the exit status.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
