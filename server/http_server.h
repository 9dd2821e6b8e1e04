// The HTTP server itself: cpp-httplib configured for this service (limits, timeouts, a
// thread pool, TCP_NODELAY), the API routes, the web client's static files, JSON bodies
// for every error status, and one log line per request.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "server/http_api.h"

namespace httplib {
class Server;
}

namespace pathways::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::filesystem::path web_dir;
  // cpp-httplib serves one connection per pool thread for as long as it is kept alive, so
  // the pool bounds the number of concurrent clients, not just concurrent requests.
  int threads = 64;
  // Connections accepted but waiting for a pool thread; beyond this the accept loop waits,
  // and further connections wait in the kernel's backlog instead of in memory.
  int queued_connections = 256;
  bool log_requests = true;  // and the start-up note when the web client is missing
  // The client's address (for sign-in throttling and the log) is the last one in
  // X-Forwarded-For, as the proxy in front appended it; only when that proxy is trusted,
  // since anyone can send the header to a bare server.
  bool trust_proxy = false;
};

// `text` safe for one log line: control characters, backslash, quote and bytes from 0x7F
// are written as \xNN, so a crafted path cannot start a forged line.
std::string log_escaped(std::string_view text);

// The address a request came from: `peer` (the socket's), or with `trust_proxy` the last
// address of `forwarded_for` (X-Forwarded-For) when it is one; `peer` otherwise.
std::string client_address(const std::string& peer, std::string_view forwarded_for, bool trust_proxy);

class HttpServer {
 public:
  HttpServer(HttpOptions options, const ApiServices& services);
  ~HttpServer();

  // Binds the listening socket; returns the port. Throws std::runtime_error on failure.
  int bind();
  // Serves until stop(); in-flight requests finish before it returns.
  void serve();
  void stop();
  bool running() const;

 private:
  HttpOptions options_;
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace pathways::server
