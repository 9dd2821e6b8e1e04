#include "server/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/protocol.h"
#include "server/http_errors.h"
#include "server/static_files.h"

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
  std::fprintf(stderr, "%s %s %d %.1fms %s\n", log_escaped(req.method).c_str(), log_escaped(req.path).c_str(),
               res.status, ms, log_escaped(req.remote_addr).c_str());
}

// cpp-httplib 0.11's pool queues every accepted connection without bound; this one makes the
// accept loop wait while `max_queued` connections are already waiting for a thread.
class BoundedThreadPool : public httplib::TaskQueue {
 public:
  BoundedThreadPool(std::size_t threads, std::size_t max_queued) : max_queued_(max_queued) {
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
  }
  void enqueue(std::function<void()> fn) override {
    {
      std::unique_lock lock(mutex_);
      room_.wait(lock, [&] { return jobs_.size() < max_queued_ || shutdown_; });
      jobs_.push_back(std::move(fn));
    }
    ready_.notify_one();
  }
  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      shutdown_ = true;
    }
    ready_.notify_all();
    room_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !jobs_.empty() || shutdown_; });
        if (jobs_.empty()) return;  // shut down, and nothing left to serve
        fn = std::move(jobs_.front());
        jobs_.pop_front();
      }
      room_.notify_one();
      fn();
    }
  }

  const std::size_t max_queued_;
  std::vector<std::thread> threads_;
  std::deque<std::function<void()>> jobs_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  bool shutdown_ = false;
};

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

std::string log_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || c == '\\' || c == '"') {
      constexpr char digits[] = "0123456789abcdef";
      out += "\\x";
      out += digits[byte >> 4];
      out += digits[byte & 15];
    } else {
      out += c;
    }
  }
  return out;
}

std::string client_address(const std::string& peer, std::string_view forwarded_for, bool trust_proxy) {
  if (!trust_proxy) return peer;
  // The last entry is the one our proxy appended (nginx: $proxy_add_x_forwarded_for);
  // earlier entries are whatever the client claimed.
  const std::size_t comma = forwarded_for.rfind(',');
  std::string_view last = comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  // An IPv4 or IPv6 address, nothing else (at most 45 characters).
  const bool address = !last.empty() && last.size() <= 45 && std::all_of(last.begin(), last.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
  });
  return address ? std::string(last) : peer;
}

HttpServer::HttpServer(HttpOptions options, const ApiServices& services)
    : options_(std::move(options)), http_(std::make_unique<httplib::Server>()) {
  auto& http = *http_;
  // Without TCP_NODELAY keep-alive requests stall on Nagle's algorithm (~290 req/s).
  http.set_tcp_nodelay(true);
  // A kept-alive connection holds a pool thread while idle: a short idle time and a bounded
  // number of requests per connection give threads back to other clients. What cpp-httplib
  // 0.11 cannot bound (a header line that never ends, a header trickled just inside the read
  // timeout) is left to the proxy in front (deploy/nginx.conf, docs/server.md).
  http.set_keep_alive_max_count(100);
  http.set_keep_alive_timeout(2);
  http.set_read_timeout(5);
  http.set_write_timeout(5);
  http.set_payload_max_length(protocol::max_body_bytes);
  const auto threads = static_cast<std::size_t>(options_.threads);
  const auto queued = static_cast<std::size_t>(std::max(1, options_.queued_connections));
  http.new_task_queue = [threads, queued] { return new BoundedThreadPool(threads, queued); };

  http.set_pre_routing_handler(
      [trust_proxy = options_.trust_proxy](const httplib::Request& req, httplib::Response& res) {
        request_started = std::chrono::steady_clock::now();
        request_timed = true;
        offer_gzip_only(req);
        // Like offer_gzip_only: edited once, before anything reads it.
        if (trust_proxy)
          const_cast<std::string&>(req.remote_addr) =
              client_address(req.remote_addr, req.get_header_value("X-Forwarded-For"), true);
        // cpp-httplib 0.11 applies the body limit only to a stated Content-Length: a chunked
        // body would be read into memory whole, however large. The browser never sends one, so
        // it is refused before any of it is read (and the connection closed, since its body
        // is still on the socket).
        if (req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos) {
          res.set_header("Connection", "close");
          write_error(
              res, api_error(protocol::ErrorCode::too_large, "Send the request body with a Content-Length of at most " +
                                                                 std::to_string(protocol::max_body_bytes / 1024) +
                                                                 " KiB; chunked bodies are not "
                                                                 "accepted."));
          return httplib::Server::HandlerResponse::Handled;
        }
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
    std::fprintf(stderr, "%s %s: unhandled exception\n", log_escaped(req.method).c_str(),
                 log_escaped(req.path).c_str());
    write_error(res, internal_error());
  });

  register_api_routes(http, services);

  // Every answer, API or file: no MIME sniffing, no referrer, no framing.
  http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.has_header("Content-Security-Policy")) set_security_headers(res);
  });

  std::error_code ec;
  if (!options_.web_dir.empty() && std::filesystem::is_directory(options_.web_dir, ec)) {
    auto files = std::make_shared<StaticFiles>(options_.web_dir);
    // After the API's routes, so only what they do not match comes here.
    http.Get(".*", [files](const httplib::Request& req, httplib::Response& res) {
      if (req.path.rfind("/api/", 0) == 0 || !files->serve(req, res)) res.status = 404;
    });
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
