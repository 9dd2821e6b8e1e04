// Connections: the shipped nginx configuration (deploy/nginx.conf) in front of the server
// keeps it answering through the attacks cpp-httplib cannot bound by itself: an endless
// header line, many connections trickling their headers, and hundreds of idle sockets.
// Starts Debian's nginx on a loopback port; without nginx installed the test says so and
// passes (tools/setup installs it).
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>

#include "harness.h"

extern char** environ;

using namespace pathways;
using namespace pathways::testing;

namespace {

std::string nginx_binary() {
  for (const char* path : {"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"})
    if (access(path, X_OK) == 0) return path;
  return {};
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// A raw loopback connection (-1 when it could not connect).
int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_text(int fd, const std::string& text) {
  return ::send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size());
}

struct Sockets {
  std::vector<int> fds;
  ~Sockets() {
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "deploy/nginx.conf no longer has: " << from);
  return text.replace(at, from.size(), to);
}

// nginx with the shipped site configuration, listening on a free loopback port and passing
// to `server_port`; stopped at the end.
class Nginx {
 public:
  Nginx(const std::string& binary, int server_port) : port_(free_port()) {
    std::ifstream in(std::string(PATHWAYS_TESTS_DIR) + "/../deploy/nginx.conf");
    REQUIRE(in);
    std::stringstream site;
    site << in.rdbuf();
    std::string text = site.str();
    text = replaced(text, "listen 80;", "listen 127.0.0.1:" + std::to_string(port_) + ";");
    text = replaced(text, "listen [::]:80;", "");
    text = replaced(text, "server 127.0.0.1:8080;", "server 127.0.0.1:" + std::to_string(server_port) + ";");
    const auto dir = dir_.path().string();
    std::ofstream(dir + "/pathways.conf") << text;
    // Debian's main nginx.conf in miniature: one process, files in the temp folder.
    std::ofstream(dir + "/nginx.conf") << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
                                       << "pid " << dir << "/nginx.pid;\nerror_log " << dir << "/error.log warn;\n"
                                       << "events { worker_connections 768; }\n"
                                       << "http {\n  access_log off;\n"
                                       << "  client_body_temp_path " << dir << "/body;\n"
                                       << "  proxy_temp_path " << dir << "/proxy;\n"
                                       << "  fastcgi_temp_path " << dir << "/fastcgi;\n"
                                       << "  uwsgi_temp_path " << dir << "/uwsgi;\n"
                                       << "  scgi_temp_path " << dir << "/scgi;\n"
                                       << "  include " << dir << "/pathways.conf;\n}\n";
    const std::string conf = dir + "/nginx.conf", log = dir + "/error.log";
    const char* argv[] = {binary.c_str(), "-p", dir.c_str(), "-c", conf.c_str(), "-e", log.c_str(), nullptr};
    REQUIRE(posix_spawn(&pid_, binary.c_str(), nullptr, nullptr, const_cast<char**>(argv), environ) == 0);
    for (int i = 0; i < 500; ++i) {
      if (const int fd = connect_to(port_); fd >= 0) {
        ::close(fd);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::ifstream errors(log);
    std::stringstream text_of_log;
    text_of_log << errors.rdbuf();
    FAIL("nginx did not start: " << text_of_log.str());
  }
  ~Nginx() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  int port() const { return port_; }

 private:
  TempDir dir_;
  int port_;
  pid_t pid_ = -1;
};

// /api/healthz through nginx answers 200 within one second.
bool answers_within_a_second(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(1);
  client.set_read_timeout(1);
  client.set_write_timeout(1);
  auto res = client.Get("/api/healthz");
  return res && res->status == 200;
}

}  // namespace

TEST_CASE("connections: behind deploy/nginx.conf, three connection attacks leave healthz answering within 1 s") {
  const std::string nginx = nginx_binary();
  if (nginx.empty()) {
    MESSAGE("nginx is not installed (tools/setup installs it): the proxy test is skipped.");
    return;
  }
  TestServer s;
  Nginx proxy(nginx, s.port());
  REQUIRE(answers_within_a_second(proxy.port()));

  SUBCASE("a header line that never ends is cut off") {
    const int fd = connect_to(proxy.port());
    REQUIRE(fd >= 0);
    std::atomic<bool> cut{false};
    std::thread attacker([&] {
      send_text(fd, "GET /api/healthz HTTP/1.1\r\nHost: x\r\nX-Endless: ");
      const std::string chunk(16 * 1024, 'a');
      const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
      while (std::chrono::steady_clock::now() < until)
        if (!send_text(fd, chunk)) {
          cut = true;
          break;
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(answers_within_a_second(proxy.port()));
    attacker.join();
    // nginx refused the line with 400 at 8 KiB (and then closes, or drains what still comes).
    const timeval wait{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    std::string answer(64, '\0');
    const ssize_t n = ::recv(fd, answer.data(), answer.size(), 0);
    ::close(fd);
    CHECK_MESSAGE((cut || (n > 12 && answer.rfind("HTTP/1.1 400", 0) == 0)), answer);
    CHECK(answers_within_a_second(proxy.port()));
  }

  SUBCASE("70 connections trickling their headers do not take the server's threads") {
    Sockets trickling;
    for (int i = 0; i < 70; ++i) {
      trickling.fds.push_back(connect_to(proxy.port()));
      REQUIRE(trickling.fds.back() >= 0);
      send_text(trickling.fds.back(), "GET /api/healthz HTTP/1.1\r\nHost: x\r\n");
    }
    for (int round = 0; round < 4; ++round) {
      for (int fd : trickling.fds) send_text(fd, "X-Slow: " + std::to_string(round) + "\r\n");
      CHECK(answers_within_a_second(proxy.port()));
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }

  SUBCASE("300 idle sockets do not delay anyone") {
    Sockets idle;
    for (int i = 0; i < 300; ++i) {
      idle.fds.push_back(connect_to(proxy.port()));
      REQUIRE(idle.fds.back() >= 0);
    }
    for (int i = 0; i < 3; ++i) CHECK(answers_within_a_second(proxy.port()));
  }
  // The server itself still answers directly too.
  CHECK(s.get("/api/healthz").status == 200);
}
