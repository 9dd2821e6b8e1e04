#include <malloc.h>

#include "memory_usage.h"

std::size_t resident_bytes() { return static_cast<std::size_t>(__builtin_wasm_memory_size(0)) * 65536; }

std::size_t heap_in_use_bytes() { return static_cast<std::size_t>(mallinfo().uordblks); }

// WebAssembly memory never shrinks; the figure is the high-water mark.
void release_free_memory() {}
