#include "text.h"

namespace pathways {

std::size_t character_count(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++n;
  return n;
}

bool has_control_character(std::string_view text) {
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20u || b == 0x7Fu) return true;
  }
  return false;
}

}  // namespace pathways
