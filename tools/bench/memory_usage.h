// Resident memory of this process, for benchmark figures: the RSS natively, the size of
// the WebAssembly memory in the browser or node.
#pragma once

#include <cstddef>

std::size_t resident_bytes();

// Bytes the allocator has handed out and not had back: live data only. RSS also counts
// freed blocks the allocator keeps between live ones (the old blocks of vectors shrunk
// after loading, for instance), so it can stay put while live data falls.
std::size_t heap_in_use_bytes();

// Hands freed heap pages back to the system where the allocator keeps them (glibc), so
// resident figures measure live data.
void release_free_memory();
