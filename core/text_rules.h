// What people type as names and titles: counted in characters, one line, valid UTF-8.
// The op codec bounds a field in bytes (to refuse oversized requests cheaply); the rules
// bound what people see, in characters, so 200 emoji are as acceptable as 200 letters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "rejection.h"

namespace pathways {

// The longest name or title people may give anything (a journey, session, cohort, company,
// project, user): 200 characters.
inline constexpr std::size_t max_name_characters = 200;

// The number of characters (Unicode code points) in `utf8`, or std::string_view::npos when it
// is not valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t character_count(std::string_view utf8);

// A name or title: refused with `invalid_value` and
//  - `if_empty` when it is empty or only spaces ("A journey needs a name."),
//  - "… is not valid UTF-8 text." when its bytes are not UTF-8,
//  - "A name is one line: …" when it holds a line break, tab or other control character,
//  - "A name is at most 200 characters; this one has N." when it is longer than `max_characters`.
Check check_name(std::string_view name, std::string_view if_empty, std::size_t max_characters = max_name_characters);

}  // namespace pathways
