#include "server/http_errors.h"

#include <httplib.h>

namespace pathways::server {

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
    case RejectCode::already_started:  // R4b
    default:
      return 409;  // well-formed, but the current state does not allow it
  }
}

ApiError api_error(protocol::ErrorCode code, std::string message) {
  return {protocol::http_status(code), std::string(to_string(code)), std::move(message)};
}

ApiError api_error(const protocol::ProtocolError& error) { return api_error(error.code, error.message); }

ApiError api_error(const ServiceError& error) {
  ApiError out = api_error(error.code, error.message);
  out.retry_after = error.retry_after;
  return out;
}

ApiError api_error(const Rejection& rejection) {
  return {http_status(rejection.code), std::string(to_string(rejection.code)), rejection.message};
}

ApiError internal_error() {
  return api_error(protocol::ErrorCode::internal, "The server failed on this request; it has been logged.");
}

void write_error(httplib::Response& response, const ApiError& error) {
  response.status = error.status;
  if (error.retry_after > 0) response.set_header("Retry-After", std::to_string(error.retry_after));
  response.set_content(protocol::encode_error(error.code, error.message), "application/json");
}

}  // namespace pathways::server
