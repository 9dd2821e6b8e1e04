// Resident memory of this process, for benchmark figures: the RSS natively, the size of
// the WebAssembly memory in the browser or node.
#pragma once

#include <cstddef>

std::size_t resident_bytes();

// Hands freed heap pages back to the system where the allocator keeps them (glibc), so
// resident figures measure live data.
void release_free_memory();
