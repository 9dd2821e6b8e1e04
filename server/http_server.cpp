#include "server/http_server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "core/protocol.h"
#include "server/http_errors.h"

namespace pathways::server {
namespace {

// When the current request started (each pool thread handles one request at a time):
// stamped before routing, read by the logger after the response is written.
thread_local std::chrono::steady_clock::time_point request_started;
thread_local bool request_timed = false;

void log_request(const httplib::Request& req, const httplib::Response& res) {
  double ms = -1;
  if (request_timed) {
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_started).count();
    request_timed = false;
  }
  std::fprintf(stderr, "%s %s %d %.1fms\n", req.method.c_str(), req.path.c_str(), res.status, ms);
}

// cpp-httplib 0.11 answers "Accept-Encoding: br" (every browser sends it) with Brotli at
// quality 11: a 3 MB pull then takes 17 s of CPU instead of 0.2 s. Gzip at its default level
// costs a few milliseconds and shrinks JSON about 30 times, so the server offers only gzip.
// The handler gets the request as const, but cpp-httplib owns it as a mutable local of the
// connection loop; this is the one place that edits it, before anything reads the header.
void offer_gzip_only(const httplib::Request& req) {
  auto& headers = const_cast<httplib::Headers&>(req.headers);
  auto it = headers.find("Accept-Encoding");
  if (it == headers.end()) return;
  const bool gzip = it->second.find("gzip") != std::string::npos;
  headers.erase("Accept-Encoding");
  if (gzip) headers.emplace("Accept-Encoding", "gzip");
}

constexpr const char* web_missing_page =
    "<!doctype html><meta charset=utf-8><title>Pathways</title>"
    "<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\">"
    "<h1>Pathways</h1><p>The server is running, but the web client is not built.</p>"
    "<p>Build it with <code>cmake --preset wasm &amp;&amp; cmake --build build/wasm</code> "
    "(or run <code>tools/run</code>), or point <code>--web</code> at its folder.</p>"
    "<p>The API is under <a href=\"/api/healthz\">/api</a>.</p></body>";

}  // namespace

HttpServer::HttpServer(HttpOptions options, const ApiServices& services)
    : options_(std::move(options)), http_(std::make_unique<httplib::Server>()) {
  auto& http = *http_;
  // Without TCP_NODELAY keep-alive requests stall on Nagle's algorithm (~290 req/s).
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(1000);
  http.set_keep_alive_timeout(5);
  http.set_read_timeout(5);
  http.set_write_timeout(5);
  http.set_payload_max_length(protocol::max_body_bytes);
  const auto threads = static_cast<std::size_t>(options_.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    request_started = std::chrono::steady_clock::now();
    request_timed = true;
    offer_gzip_only(req);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  if (options_.log_requests) http.set_logger(log_request);

  // Statuses cpp-httplib sets itself (404 no route, 413 too large, 400 unreadable) come
  // with an empty body: give them the API's error shape. Bodies set by routes stay.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    switch (res.status) {
      case 404:
        write_error(res, api_error(protocol::ErrorCode::not_found, "There is nothing at this address."));
        break;
      case 413:
        write_error(res, api_error(protocol::ErrorCode::too_large, "The request body is larger than " +
                                                                       std::to_string(protocol::max_body_bytes / 1024) +
                                                                       " KiB."));
        break;
      case 400:
        write_error(res, api_error(protocol::ErrorCode::bad_request, "The request could not be read."));
        break;
      default:
        write_error(res, {res.status, "error", "The request failed."});
        break;
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    std::fprintf(stderr, "%s %s: unhandled exception\n", req.method.c_str(), req.path.c_str());
    write_error(res, internal_error());
  });

  register_api_routes(http, services);

  http.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
  std::error_code ec;
  if (!options_.web_dir.empty() && std::filesystem::is_directory(options_.web_dir, ec)) {
    http.set_mount_point("/", options_.web_dir.string());
  } else {
    if (options_.log_requests)
      std::fprintf(stderr, "web client not found at %s: serving a placeholder page at /\n",
                   options_.web_dir.empty() ? "(none)" : options_.web_dir.string().c_str());
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(web_missing_page, "text/html; charset=utf-8");
    });
  }
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  const int port = options_.port == 0 ? http_->bind_to_any_port(options_.host)
                                      : (http_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port < 0)
    throw std::runtime_error("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                             " (in use, or not an address of this machine)");
  return port;
}

void HttpServer::serve() { http_->listen_after_bind(); }

void HttpServer::stop() { http_->stop(); }

bool HttpServer::running() const { return http_->is_running(); }

}  // namespace pathways::server
