// The web client's files from one folder (--web): only regular files inside it (a symlink
// or a "..", anything resolving outside the folder, is not found), with security headers,
// gzip for browsers that accept it (compressed once per file version and kept), and an ETag
// with "Cache-Control: no-cache" so the browser and the service worker revalidate with a
// cheap 304 instead of downloading again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace pathways::server {

// The headers every page and file of the client carries. The policy allows the client's own
// scripts, WebAssembly compilation ('wasm-unsafe-eval'), the page's inline style, and
// requests to this origin only; nothing may frame it.
constexpr std::string_view content_security_policy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
void set_security_headers(httplib::Response& res);

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  // Answers a GET or HEAD for `req.path` ("/" is index.html); false when there is no such
  // file inside the folder (the caller answers 404).
  bool serve(const httplib::Request& req, httplib::Response& res);

  // The file under the folder for a request path, when it is a regular file inside it
  // (symlinks resolved); nothing otherwise.
  std::optional<std::filesystem::path> resolve(std::string_view request_path) const;

 private:
  struct Compressed {
    std::uintmax_t size = 0;
    std::filesystem::file_time_type modified;
    std::string gzip;
  };
  // The gzip bytes of `file` at this version, compressed on first use (bounded cache).
  std::optional<std::string> gzipped(const std::filesystem::path& file, std::uintmax_t size,
                                     std::filesystem::file_time_type modified, const std::string& body);

  std::filesystem::path root_;  // canonical
  std::mutex mutex_;
  std::map<std::string, Compressed> gzip_cache_;
  std::size_t gzip_cache_bytes_ = 0;
};

}  // namespace pathways::server
