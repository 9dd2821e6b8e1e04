// Errors at the HTTP edge: the one place where codes become HTTP statuses, and the one
// error body, {"error": {"code": "…", "message": "…"}}. Op rejections inside a push are
// not errors here: a push answers 200 with a result per op.
#pragma once

#include <string>
#include <string_view>

#include "core/protocol.h"
#include "core/rejection.h"
#include "server/service_result.h"

namespace httplib {
struct Response;
}

namespace pathways::server {

// Ends a request early with an error status. Thrown only inside the HTTP layer (request
// parsing helpers, route handlers) and caught by the route wrapper in http_api.cpp.
struct ApiError {
  int status = 500;
  std::string code;
  std::string message;
  long long retry_after = 0;  // seconds; sent as Retry-After when set
};

// The status for a core rejection that refuses a whole request (request-level codes take
// theirs from protocol::http_status).
int http_status(RejectCode code);

ApiError api_error(protocol::ErrorCode code, std::string message);
ApiError api_error(const protocol::ProtocolError& error);
ApiError api_error(const ServiceError& error);
ApiError api_error(const Rejection& rejection);
// An unexpected failure: the details go to the log, the client gets a plain sentence.
ApiError internal_error();

void write_error(httplib::Response& response, const ApiError& error);

}  // namespace pathways::server
