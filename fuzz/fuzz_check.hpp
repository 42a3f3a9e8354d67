// FUZZ_CHECK: an assert that NDEBUG cannot remove. A failed check prints the
// condition and traps, which libFuzzer reports as a crash (with the input).
#pragma once

#include <cstdio>

#define FUZZ_CHECK(condition)                                                        \
  do {                                                                               \
    if (!(condition)) {                                                              \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      __builtin_trap();                                                              \
    }                                                                                \
  } while (0)
