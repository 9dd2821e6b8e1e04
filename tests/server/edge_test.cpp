// The HTTP edge's smaller guards: log lines that cannot be forged, the web client's files
// (no symlinks out, security headers, gzip, cheap revalidation), healthz's counter only for
// staff, and a chunked body refused before it is read.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "harness.h"
#include "server/http_server.h"
#include "server/static_files.h"

using namespace pathways;
using namespace pathways::testing;

namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// A web folder with a page, a script, a link inside it and links pointing out of it.
struct WebFolder {
  TempDir dir;
  TempDir outside;
  std::string script;
  WebFolder() {
    fs::create_directories(root());
    write_file(root() / "index.html", "<!doctype html><title>Pathways</title>");
    for (int i = 0; i < 2000; ++i) script += "console.log('line " + std::to_string(i % 10) + "');\n";
    write_file(root() / "app.js", script);
    write_file(outside.path() / "secret.txt", "not for the web");
    fs::create_symlink(outside.path() / "secret.txt", root() / "secret.txt");
    fs::create_directory_symlink(outside.path(), root() / "out");
    fs::create_symlink(root() / "app.js", root() / "alias.js");
  }
  fs::path root() const { return dir.path() / "web"; }
};

httplib::Result get(int port, const std::string& path, const httplib::Headers& headers = {}) {
  httplib::Client client("127.0.0.1", port);
  client.set_decompress(false);  // to see what went over the wire
  return client.Get(path.c_str(), headers);
}

}  // namespace

TEST_CASE("log escaping: what is logged cannot start a forged line") {
  CHECK(server::log_escaped("/api/me") == "/api/me");
  const std::string forged = server::log_escaped("/x\r\nGET /api/admin 200 0.1ms\x1b[2J\"\\");
  CHECK(forged.find('\r') == std::string::npos);
  CHECK(forged.find('\n') == std::string::npos);
  CHECK(forged.find('\x1b') == std::string::npos);
  CHECK(forged == "/x\\x0d\\x0aGET /api/admin 200 0.1ms\\x1b[2J\\x22\\x5c");
}

TEST_CASE("static files: nothing outside the web folder is served, symlinks included") {
  WebFolder web;
  TestServerOptions options;
  options.web = web.root();
  TestServer s(options);
  auto ok = get(s.port(), "/");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(ok->body.find("Pathways") != std::string::npos);
  CHECK(get(s.port(), "/alias.js")->status == 200);  // a link that stays inside
  for (const char* path :
       {"/secret.txt", "/out/secret.txt", "/../secret.txt", "/%2e%2e/secret.txt", "/nothing.js", "/api/nothing"}) {
    CAPTURE(path);
    auto res = get(s.port(), path);
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(res->body.find("not for the web") == std::string::npos);
  }
  server::StaticFiles files(web.root());
  CHECK(files.resolve("/index.html"));
  CHECK_FALSE(files.resolve("/secret.txt"));
  CHECK_FALSE(files.resolve("/out/secret.txt"));
  CHECK_FALSE(files.resolve("/../web/index.html"));
}

TEST_CASE("static files: security headers, gzip for browsers that accept it, and 304 on revalidation") {
  WebFolder web;
  TestServerOptions options;
  options.web = web.root();
  TestServer s(options);
  auto page = get(s.port(), "/");
  REQUIRE(page);
  const std::string csp = page->get_header_value("Content-Security-Policy");
  CHECK(csp.find("'wasm-unsafe-eval'") != std::string::npos);
  CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
  CHECK(csp.find("'unsafe-eval'") == std::string::npos);
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(page->get_header_value("Referrer-Policy") == "no-referrer");
  CHECK(page->get_header_value("Cache-Control") == "no-cache");
  // The API answers carry them too.
  CHECK(get(s.port(), "/api/healthz")->get_header_value("X-Content-Type-Options") == "nosniff");

  auto plain = get(s.port(), "/app.js");
  REQUIRE(plain);
  CHECK(plain->body == web.script);
  CHECK_FALSE(plain->has_header("Content-Encoding"));
  auto packed = get(s.port(), "/app.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  REQUIRE(packed);
  CHECK(packed->get_header_value("Content-Encoding") == "gzip");
  CHECK(packed->body.size() < web.script.size() / 10);
  CHECK(packed->body.rfind("\x1f\x8b", 0) == 0);
  CHECK(packed->get_header_value("Vary") == "Accept-Encoding");

  // Revalidation: the same version is a 304 without a body; a new version is sent again.
  const std::string etag = packed->get_header_value("ETag");
  REQUIRE_FALSE(etag.empty());
  auto again = get(s.port(), "/app.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  write_file(web.root() / "app.js", web.script + "// changed\n");
  auto changed = get(s.port(), "/app.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
  REQUIRE(changed);
  CHECK(changed->status == 200);
  CHECK(changed->get_header_value("ETag") != etag);
}

TEST_CASE("healthz: the activity counter only for signed-in staff") {
  TestServer s;
  make_small_world(s);
  CHECK_FALSE(s.get("/api/healthz").body.contains("version"));
  CHECK_FALSE(s.get("/api/healthz", s.login_as("alice")).body.contains("version"));
  CHECK_FALSE(s.get("/api/healthz", std::string(64, 'a')).body.contains("version"));
  CHECK(s.get("/api/healthz", s.login_as("coach1")).body.contains("version"));
  CHECK(s.get("/api/healthz", s.login_as("admin")).body.at("status") == "ok");
}

TEST_CASE("chunked bodies: refused with 413 before any of them is read, and the server goes on") {
  TestServer s;
  const std::string token = s.login_as("admin");
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(s.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const timeval wait{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  const std::string head = "POST /api/sync/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                           "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  // The head only: the answer comes before any of the body is sent (or read).
  ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  std::string answer(256, '\0');
  const ssize_t n = ::recv(fd, answer.data(), answer.size(), 0);
  ::close(fd);
  REQUIRE(n > 12);
  CHECK(answer.substr(0, 12) == "HTTP/1.1 413");
  CHECK(s.get("/api/healthz").status == 200);
}
