#include "server/http_errors.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/protocol.h"

namespace pathways::server {

int http_status(std::string_view code) {
  namespace c = protocol::code;
  if (code == c::bad_request || code == c::time_out_of_range) return 400;
  if (code == c::unauthorized) return 401;
  if (code == c::forbidden || code == c::client_taken) return 403;
  if (code == c::not_found) return 404;
  if (code == c::seq_gap) return 409;
  if (code == c::too_large) return 413;
  if (code == c::update_needed) return 426;
  if (code == c::rate_limited) return 429;
  if (code == c::unavailable) return 503;
  return 500;
}

int http_status(RejectCode code) {
  switch (code) {
    case RejectCode::malformed:
    case RejectCode::unknown_op:
    case RejectCode::missing_field:
    case RejectCode::wrong_type:
    case RejectCode::unknown_field:
    case RejectCode::invalid_value:
    case RejectCode::time_out_of_range:
      return 400;
    case RejectCode::forbidden:
      return 403;
    case RejectCode::not_found:
    case RejectCode::hidden:
      return 404;
    default:
      return 409;  // well-formed, but the current state does not allow it
  }
}

ApiError api_error(std::string_view protocol_code, std::string message) {
  return {http_status(protocol_code), std::string(protocol_code), std::move(message)};
}

ApiError api_error(const ServiceError& error) {
  ApiError out = api_error(error.code, error.message);
  out.retry_after = error.retry_after;
  return out;
}

ApiError api_error(const Rejection& rejection) {
  return {http_status(rejection.code), std::string(to_string(rejection.code)), rejection.message};
}

ApiError internal_error() { return {500, "internal", "The server failed on this request; it has been logged."}; }

std::string error_body(std::string_view code, std::string_view message) {
  nlohmann::json body{{"error", {{"code", code}, {"message", message}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void write_error(httplib::Response& response, const ApiError& error) {
  response.status = error.status;
  if (error.retry_after > 0) response.set_header("Retry-After", std::to_string(error.retry_after));
  response.set_content(error_body(error.code, error.message), "application/json");
}

}  // namespace pathways::server
