#include "names.h"

#include <string>

namespace pathways {

std::size_t character_count(std::string_view utf8) {
  std::size_t n = 0;
  for (const char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

Check check_name(std::string_view name, std::string_view missing) {
  // [mutation name required]
  if (name.find_first_not_of(" \t") == std::string_view::npos)
    return reject(RejectCode::invalid_value, std::string(missing));
  // [end mutation]
  // [mutation name one line]
  for (const char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return reject(RejectCode::invalid_value, "A name is one line, without line breaks or tabs.");
  // [end mutation]
  // [mutation name length]
  if (character_count(name) > max_name_characters)
    return reject(RejectCode::invalid_value, "A name is at most " + std::to_string(max_name_characters) +
                                                 " characters; this one has " + std::to_string(character_count(name)) +
                                                 ".");
  // [end mutation]
  return std::nullopt;
}

}  // namespace pathways
