// The page's address: where the app is served from (to spell links to it) and values the
// address carries for the app (a sign-in link's `#welcome=<token>`). Web only.
#pragma once

#include <string>
#include <string_view>

namespace pathways::location {

// "https://host:port": the origin this page was loaded from.
std::string origin();

// The value of `key` (e.g. "welcome=") in the address's fragment (#key…) or query (?key…),
// then removed from the address bar without a reload, so a reload or a bookmark does not
// carry a spent link. Empty when the address has none.
std::string take_value(std::string_view key);

}  // namespace pathways::location
