#include "api_error.h"

#include "nlohmann/json.hpp"

namespace pathways {

std::string describe_failure(const http::Response& response) {
  if (response.unreachable()) return "Cannot reach the Pathways server. Check your connection and try again.";

  const auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const auto& error = body["error"];
    const auto message = error.find("message");
    if (message != error.end() && message->is_string() && !message->get_ref<const std::string&>().empty())
      return message->get<std::string>();
  }

  // No Pathways error body: something else answered (a proxy, a static file server).
  const std::string status = " (HTTP " + std::to_string(response.status) + ")";
  if (response.status >= 500 || response.status == 404 || response.status == 405)
    return "Cannot reach the Pathways server. Try again in a moment." + status;
  return "The server refused the request." + status;
}

}  // namespace pathways
