#include "text_rules.h"

namespace pathways {

std::size_t character_count(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++count) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    char32_t code = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2, code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3, code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4, code = lead & 0x07;
    } else {
      return std::string_view::npos;  // a continuation byte first, or C0/C1/F5+: never a lead
    }
    if (i + length > s.size()) return std::string_view::npos;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return std::string_view::npos;
      code = (code << 6) | (next & 0x3F);
    }
    // RFC 3629 §3: the shortest form only, no UTF-16 surrogates, at most U+10FFFF.
    const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return std::string_view::npos;
    i += length;
  }
  return count;
}

Check check_name(std::string_view name, std::string_view if_empty, std::size_t max_characters) {
  // [mutation names-not-blank] -> if (false) {
  if (name.find_first_not_of(' ') == std::string_view::npos) {
    // [end mutation]
    return reject(RejectCode::invalid_value, std::string(if_empty));
  }
  const std::size_t characters = character_count(name);
  if (characters == std::string_view::npos)
    return reject(RejectCode::invalid_value, "This name is not valid UTF-8 text.");
  // [mutation names-one-line]
  for (const char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      return reject(RejectCode::invalid_value, "A name is one line: no line breaks, tabs or control characters.");
  // [end mutation]
  // [mutation names-in-characters] -> if (name.size() > max_characters)
  if (characters > max_characters)
    // [end mutation]
    return reject(RejectCode::invalid_value, "A name is at most " + std::to_string(max_characters) +
                                                 " characters; this one has " + std::to_string(characters) + ".");
  return std::nullopt;
}

}  // namespace pathways
