// random.h natively: std::random_device (the kernel's random source on Linux).
#include <random>

#include "shell/random.h"

namespace pathways::random {

std::string hex(int bytes) {
  static std::random_device device;
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<std::size_t>(bytes) * 2);
  for (int i = 0; i < bytes; ++i) {
    const unsigned byte = device() & 0xffU;
    out += digits[byte >> 4];
    out += digits[byte & 0xfU];
  }
  return out;
}

}  // namespace pathways::random
