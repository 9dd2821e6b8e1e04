#include "api_error.h"

#include "core/protocol.h"

namespace pathways {

std::string describe_failure(const http::Response& response) {
  if (response.unreachable()) return "Cannot reach the Pathways server. Check your connection and try again.";

  if (const auto error = protocol::decode_error(response.body); error && !error->message.empty()) return error->message;

  // No Pathways error body: something else answered (a proxy, a static file server).
  const std::string status = " (HTTP " + std::to_string(response.status) + ")";
  if (response.status >= 500 || response.status == 404 || response.status == 405)
    return "Cannot reach the Pathways server. Try again in a moment." + status;
  return "The server refused the request." + status;
}

}  // namespace pathways
