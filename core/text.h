// Text as people count it. Names and other free text arrive as UTF-8; their limits are in
// characters (Unicode code points), not bytes, so "Zoë" is three and an emoji is one.
#pragma once

#include <cstddef>
#include <string_view>

namespace pathways {

// The number of code points in `utf8`: every byte that does not continue a sequence
// (10xxxxxx) starts one. Ill-formed input still gets a count (each stray byte is one).
std::size_t character_count(std::string_view utf8);

// Whether `text` holds a control character (line breaks and tabs included): names and
// e-mail addresses are one line of printable text.
bool has_control_character(std::string_view text);

}  // namespace pathways
