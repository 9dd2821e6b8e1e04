// ASCII lower case, for matching names and e-mail addresses typed in any case.
#pragma once

#include <string>
#include <string_view>

namespace pathways {

inline std::string lower_case(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace pathways
