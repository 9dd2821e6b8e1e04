// HTTP requests to the Pathways server (same origin). Asynchronous: the callback runs on
// the main thread once the reply is in, and the render loop is woken after it. Every
// request says which protocol it speaks (core/protocol.h: version_header); a server that
// no longer serves it answers 426 (ErrorCode::update_needed).
// Web: fetch() (http_web.cpp). Native: cpp-httplib's client on the simulated tab's server
// address (http_native.cpp, shell/native_tab.h).
//
//   http::post_json("/api/login", body, "", [](const http::Response& r) {
//     if (r) ...                       // 2xx
//     else if (r.unreachable()) ...    // no network, server down, timed out
//     else ...                         // r.status and r.body ({"error":{"code","message"}})
//   });
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace pathways::http {

struct Response {
  int status = 0;  // HTTP status; 0 when no answer came (network failure, timeout)
  std::string body;

  explicit operator bool() const { return status >= 200 && status < 300; }
  bool unreachable() const { return status == 0; }
};

using Callback = std::function<void(const Response&)>;

// Requests give up after this long and answer status 0.
inline constexpr int timeout_ms = 30000;

// `token` is sent as "Authorization: Bearer <token>" when not empty.
void get(std::string_view url, std::string_view token, Callback callback);
void post_json(std::string_view url, std::string_view json_body, std::string_view token, Callback callback);
void put_json(std::string_view url, std::string_view json_body, std::string_view token, Callback callback);

}  // namespace pathways::http
