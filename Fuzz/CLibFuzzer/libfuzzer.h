// libFuzzer's entry point for programs that have their own `main` (LLVM 11 and later). Linked in
// by `-sanitize=fuzzer`; declared here because SwiftPM renames an executable's `main` to
// `<Module>_main`, so the fuzz targets call libFuzzer from there.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
