#include "server/static_files.h"

#include <httplib.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace pathways::server {
namespace {

namespace fs = std::filesystem;

// Files worth compressing; images and fonts are compressed already.
struct FileType {
  std::string_view extension, content_type;
  bool compress;
};
constexpr FileType file_types[] = {
    {".html", "text/html; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true},
    {".mjs", "text/javascript; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".wasm", "application/wasm", true},
    {".data", "application/octet-stream", true},
    {".json", "application/json", true},
    {".webmanifest", "application/manifest+json", true},
    {".svg", "image/svg+xml", true},
    {".txt", "text/plain; charset=utf-8", true},
    {".png", "image/png", false},
    {".ico", "image/x-icon", false},
    {".woff2", "font/woff2", false},
    {".otf", "font/otf", true},
    {".ttf", "font/ttf", true},
};

const FileType& type_of(const fs::path& file) {
  static constexpr FileType other{"", "application/octet-stream", false};
  const std::string ext = file.extension().string();
  for (const FileType& t : file_types)
    if (t.extension == ext) return t;
  return other;
}

// zlib's gzip at the best level: done once per file version, so the time is well spent.
std::optional<std::string> gzip(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (done != Z_STREAM_END) return std::nullopt;
  return out;
}

bool accepts_gzip(const httplib::Request& req) {
  return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

// A weak validator of the file's version (size and modification time) and encoding.
std::string etag_of(std::uintmax_t size, fs::file_time_type modified, bool gzipped) {
  std::ostringstream tag;
  tag << '"' << std::hex << size << '-' << modified.time_since_epoch().count() << (gzipped ? "-gz" : "") << '"';
  return tag.str();
}

constexpr std::size_t max_gzip_cache_bytes = 64u << 20;

}  // namespace

void set_security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy", std::string(content_security_policy));
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec) root_ = fs::absolute(root, ec);
}

std::optional<fs::path> StaticFiles::resolve(std::string_view request_path) const {
  if (request_path.empty() || request_path.front() != '/') return std::nullopt;
  std::string relative(request_path.substr(1));
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  // No NUL, no backslash, no ".." or "." segment: the path names a file by its plain name.
  if (relative.find('\0') != std::string::npos || relative.find('\\') != std::string::npos) return std::nullopt;
  for (const auto& part : fs::path(relative))
    if (part == ".." || part == ".") return std::nullopt;
  std::error_code ec;
  const fs::path file = fs::canonical(root_ / relative, ec);  // follows every symlink
  if (ec || !fs::is_regular_file(file, ec)) return std::nullopt;
  // Inside the folder once every link is followed: a symlink pointing out is not served.
  const auto [root_end, unused] = std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
  if (root_end != root_.end()) return std::nullopt;
  return file;
}

std::optional<std::string> StaticFiles::gzipped(const fs::path& file, std::uintmax_t size, fs::file_time_type modified,
                                                const std::string& body) {
  const std::string key = file.string();
  {
    std::lock_guard lock(mutex_);
    auto it = gzip_cache_.find(key);
    if (it != gzip_cache_.end() && it->second.size == size && it->second.modified == modified) return it->second.gzip;
  }
  auto packed = gzip(body);
  if (!packed || packed->size() >= body.size()) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (auto it = gzip_cache_.find(key); it != gzip_cache_.end()) {
    gzip_cache_bytes_ -= it->second.gzip.size();
    gzip_cache_.erase(it);
  }
  if (gzip_cache_bytes_ + packed->size() <= max_gzip_cache_bytes) {
    gzip_cache_bytes_ += packed->size();
    gzip_cache_[key] = {size, modified, *packed};
  }
  return packed;
}

bool StaticFiles::serve(const httplib::Request& req, httplib::Response& res) {
  const auto file = resolve(req.path);
  if (!file) return false;
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(*file, ec);
  const fs::file_time_type modified = fs::last_write_time(*file, ec);
  if (ec) return false;
  const FileType& type = type_of(*file);
  const bool compress = type.compress && accepts_gzip(req);

  set_security_headers(res);
  res.set_header("Cache-Control", "no-cache");  // always revalidate: a 304 is cheap
  res.set_header("Vary", "Accept-Encoding");
  std::string etag = etag_of(size, modified, compress);
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;
    res.set_header("ETag", etag);
    return true;
  }
  std::ifstream in(*file, std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) return false;
  if (compress) {
    if (auto packed = gzipped(*file, size, modified, body)) {
      body = std::move(*packed);
      res.set_header("Content-Encoding", "gzip");
      // cpp-httplib must not compress it again: the request no longer offers an encoding
      // (the same one-place edit as offer_gzip_only in http_server.cpp).
      const_cast<httplib::Headers&>(req.headers).erase("Accept-Encoding");
    } else {
      etag = etag_of(size, modified, false);
    }
  }
  res.set_header("ETag", etag);
  res.status = 200;
  res.set_content(std::move(body), std::string(type.content_type));
  return true;
}

}  // namespace pathways::server
