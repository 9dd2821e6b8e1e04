// Turns a failed API reply into a sentence for the person using the client: the server's
// own message ({"error":{"code","message"}}, DESIGN.md section 6) when it sent one.
#pragma once

#include <string>

#include "shell/http.h"

namespace pathways {

std::string describe_failure(const http::Response& response);

}  // namespace pathways
