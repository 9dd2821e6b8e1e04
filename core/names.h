// Names people give things (journeys, sessions): required, one line, and at most 200
// characters. Characters are Unicode code points of the UTF-8 text, so a name of emoji is
// measured as a person counts it, not by its bytes.
#pragma once

#include <cstddef>
#include <string_view>

#include "rejection.h"

namespace pathways {

inline constexpr std::size_t max_name_characters = 200;

// The number of code points in UTF-8 text (bytes that do not continue a sequence). Text
// that is not valid UTF-8 is counted the same way; the codecs refuse it before it gets here.
std::size_t character_count(std::string_view utf8);

// A name or title: invalid_value with the sentence `missing` ("A journey needs a name.")
// when it is empty or only spaces, with a sentence of its own when it holds a line break or
// other control character or is longer than 200 characters; nothing when it is acceptable.
Check check_name(std::string_view name, std::string_view missing);

}  // namespace pathways
