// Random bytes for identifiers that must never collide across installs: client ids
// (128-bit) and the ids of what a client creates offline. Web: crypto.getRandomValues.
// Native: std::random_device.
#pragma once

#include <string>

namespace pathways::random {

// `bytes` random bytes as lower-case hex (2 × bytes characters).
std::string hex(int bytes);

}  // namespace pathways::random
